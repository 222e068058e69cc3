"""Danish words and number formats: month names, dates, lists, counts, amounts, sorting.

Everything a user reads is Danish; these helpers keep the wording in one place so the CLI,
the reports and the templates say the same thing the same way.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

MONTHS: tuple[str, ...] = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)

MONTH_ABBREVIATIONS: tuple[str, ...] = (
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "maj",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
)

WEEKDAYS: tuple[str, ...] = (
    "mandag",
    "tirsdag",
    "onsdag",
    "torsdag",
    "fredag",
    "lørdag",
    "søndag",
)


def format_date(day: date, *, weekday: bool = False) -> str:
    """``26. april 2023`` (optionally ``onsdag 26. april 2023``)."""
    text = f"{day.day}. {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def format_date_short(day: date) -> str:
    """``26.04.2023``, the short form used in Danish tables and headers."""
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def join_danish(items: Iterable[str], conjunction: str = "og") -> str:
    """``A``, ``A og B``, ``A, B og C`` (no Oxford comma in Danish)."""
    words = [str(item) for item in items]
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def count_noun(count: int, singular: str, plural: str) -> str:
    """``1 tiltag``, ``0 møder``, ``3 møder`` (Danish uses the plural for zero)."""
    return f"{format_number(count)} {singular if count == 1 else plural}"


# -- Danish collation ------------------------------------------------------------------
# The order of ICU's Danish collation (CLDR "da"), to three levels, for the letters Danish
# text uses: letters by their base letter first (a b ... z æ ø å, with aa as å: Aabenraa and
# Aarhus come after Ø), then accents (e before é), then case (upper before lower, as CLDR's
# Danish rules say). Spaces and punctuation sort before digits, digits before letters.
# tests/test_danish.py checks this against ICU itself on thousands of random words.

SortKey = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], str]

# ICU's primary order of the punctuation and symbols a plan's text may hold.
_PUNCTUATION = " _-–—,;:!?.…'‘’\"“”„«»()[]{}§¶@*/\\&#%‰`´^¨°©®+±<=>|~¤$£€"
_LETTERS = "abcdefghijklmnopqrstuvwxyzæøå"
_SYMBOL, _DIGIT, _LETTER, _OTHER_LETTER = 1_000, 2_000_000, 3_000_000, 4_000_000
_PRIMARY: dict[str, int] = {c: i + 1 for i, c in enumerate(_PUNCTUATION)}
_PRIMARY.update({str(d): _DIGIT + d for d in range(10)})
_PRIMARY.update({c: _LETTER + i for i, c in enumerate(_LETTERS)})
_COMMON = 5  # the secondary weight of a letter without accent
# Accents (combining marks after NFD) in ICU's secondary order; others come after them.
_MARKS = "\u0301\u0300\u0306\u0302\u030c\u030a\u0308\u030b\u0303\u0307\u0327\u0328\u0304"
_MARK_WEIGHT = {m: 16 + i for i, m in enumerate(_MARKS)}
_UPPER, _MIXED, _LOWER = 0, 1, 2
# Letters Danish sorts as another letter plus a secondary (accent-like) or tertiary
# difference: (letters sorted as, secondary bump on the last, tertiary bump).
_TAILORED: dict[str, tuple[str, int, int]] = {
    "æ": ("æ", 0, 0),
    "ä": ("æ", 1, 0),
    "ø": ("ø", 0, 0),
    "ö": ("ø", 1, 0),
    "ő": ("ø", 2, 0),
    "å": ("å", 0, 0),
    "ü": ("y", 1, 0),
    "ű": ("y", 2, 0),
    "đ": ("d", 1, 0),
    "ð": ("d", 2, 0),
    "ł": ("l", 1, 0),
    "œ": ("oe", 1, 0),
    "þ": ("th", 0, 1),
    "ß": ("ss", 0, 1),
    "\u00a0": (" ", 0, 1),
}


def _elements(text: str) -> list[tuple[int, int, int]]:
    """The (primary, secondary, tertiary) collation elements of NFC ``text``."""
    import unicodedata

    out: list[tuple[int, int, int]] = []
    i = 0
    while i < len(text):
        char = text[i]
        # The Danish contraction: aa, Aa and AA (not aA) are å. As in ICU, it also joins an
        # a with a following accented a (aá, aå), whose accent then follows as a mark.
        if char in "aA" and i + 1 < len(text):
            second = unicodedata.normalize("NFD", text[i + 1])
            pair = char + second[:1]
            if pair in ("aa", "Aa", "AA"):
                case = {"aa": _LOWER, "Aa": _MIXED, "AA": _UPPER}[pair]
                out.append((_PRIMARY["å"], _COMMON, case * 4 + 1))
                out += [
                    (0, _MARK_WEIGHT.get(m, 64 + ord(m) % 4096), _LOWER * 4) for m in second[1:]
                ]
                i += 2
                continue
        i += 1
        found = _CHARACTERS.get(char)
        if found is None:
            found = _CHARACTERS[char] = _character(char)
        out += found
    return out


# The elements of each character met so far (a title repeats the same few dozen letters).
_CHARACTERS: dict[str, tuple[tuple[int, int, int], ...]] = {}


def _character(char: str) -> tuple[tuple[int, int, int], ...]:
    """The collation elements of one character (outside the aa contraction)."""
    import unicodedata

    out: list[tuple[int, int, int]] = []
    case = _UPPER if char.isupper() else _LOWER
    lower = char.lower() if len(char.lower()) == 1 else char
    if lower in _TAILORED:
        letters, secondary, tertiary = _TAILORED[lower]
        for n, letter in enumerate(letters):
            last = n == len(letters) - 1
            out.append(
                (
                    _PRIMARY[letter],
                    _COMMON + (secondary if last else 0),
                    case * 4 + (tertiary if last else 0),
                )
            )
        return tuple(out)
    decomposed = unicodedata.normalize("NFD", lower)
    base, marks = decomposed[0], decomposed[1:]
    if base in _PRIMARY:
        primary = _PRIMARY[base]
    elif base.isdigit():
        primary = _DIGIT + unicodedata.digit(base, 0)
    elif base.isalpha():
        primary = _OTHER_LETTER + ord(base)
    else:
        primary = _SYMBOL + ord(base)
    out.append((primary, _COMMON, case * 4))
    out += [(0, _MARK_WEIGHT.get(m, 64 + ord(m) % 4096), _LOWER * 4) for m in marks]
    return tuple(out)


@functools.lru_cache(maxsize=1 << 16)
def danish_sort_key(text: str) -> SortKey:
    """A key that sorts text in Danish alphabetical order, as ICU's Danish collation does.

    Z before Æ, Ø, Å; ``aa`` as ``å``; accents and then case (upper first) only break ties.
    """
    import unicodedata

    elements = _elements(unicodedata.normalize("NFC", text))
    return (
        tuple(p for p, _, _ in elements if p),
        tuple(s for _, s, _ in elements),
        tuple(t for _, _, t in elements),
        text,
    )


def format_number(value: int | float | Decimal, decimals: int = 0) -> str:
    """``1.234``, ``27,03``: Danish thousands separator and decimal comma."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    text = f"{abs(rounded):f}"
    whole, _, fraction = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = ".".join(groups)
    return f"{sign}{result},{fraction}" if fraction else f"{sign}{result}"


def _trimmed(value: Decimal, decimals: int) -> str:
    text = format_number(value, decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def format_amount(kroner: int | float | Decimal) -> str:
    """``4,5 mio. kr.``, ``1,2 mia. kr.``, ``12.500 kr.``."""
    amount = Decimal(str(kroner))
    size = abs(amount)
    if size >= Decimal(1_000_000_000):
        return f"{_trimmed(amount / Decimal(1_000_000_000), 2)} mia. kr."
    if size >= Decimal(1_000_000):
        return f"{_trimmed(amount / Decimal(1_000_000), 2)} mio. kr."
    return f"{_trimmed(amount, 2)} kr."


def format_percent(share: float, decimals: int = 1) -> str:
    """``45,3 %`` from a share between 0 and 1 (Danish puts a space before %)."""
    return f"{format_number(share * 100, decimals)} %"
