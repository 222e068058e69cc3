"""Danish words and number formats: month names, dates, lists, counts, amounts, sorting.

Everything a user reads is Danish; these helpers keep the wording in one place so the CLI,
the reports and the templates say the same thing the same way.
"""

from __future__ import annotations

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


# Danish collation: æ, ø and å come after z; letters from neighbouring languages sort with
# their Danish counterparts.
_SORT_TABLE = str.maketrans(
    {
        "æ": "z\u0001",
        "ä": "z\u0001",
        "ø": "z\u0002",
        "ö": "z\u0002",
        "å": "z\u0003",
        "ü": "y",
        "é": "e",
        "è": "e",
    }
)


def danish_sort_key(text: str) -> tuple[str, str]:
    """A key that sorts text in Danish alphabetical order, case-insensitively."""
    return (text.casefold().translate(_SORT_TABLE), text)


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
