"""How wide a text is in Arial, without a font file: for table columns and timeline labels.

The widths are Arial's (identical to Helvetica's and Liberation Sans's) advance widths in
thousandths of an em, for the characters Danish documents use; any other character counts
as wide as a digit. Good to a few per cent, which is why callers leave a margin.
"""

from __future__ import annotations

import re
from functools import lru_cache

_REGULAR = {
    " ": 278, "!": 278, '"': 355, "#": 556, "$": 556, "%": 889, "&": 667, "'": 191,
    "(": 333, ")": 333, "*": 389, "+": 584, ",": 278, "-": 333, ".": 278, "/": 278,
    ":": 278, ";": 278, "<": 584, "=": 584, ">": 584, "?": 556, "@": 1015,
    "A": 667, "B": 667, "C": 722, "D": 722, "E": 667, "F": 611, "G": 778, "H": 722,
    "I": 278, "J": 500, "K": 667, "L": 556, "M": 833, "N": 722, "O": 778, "P": 667,
    "Q": 778, "R": 722, "S": 667, "T": 611, "U": 722, "V": 667, "W": 944, "X": 667,
    "Y": 667, "Z": 611, "[": 278, "\\": 278, "]": 278, "^": 469, "_": 556, "`": 333,
    "a": 556, "b": 556, "c": 500, "d": 556, "e": 556, "f": 278, "g": 556, "h": 556,
    "i": 222, "j": 222, "k": 500, "l": 222, "m": 833, "n": 556, "o": 556, "p": 556,
    "q": 556, "r": 333, "s": 500, "t": 278, "u": 556, "v": 500, "w": 722, "x": 500,
    "y": 500, "z": 500, "{": 334, "|": 260, "}": 334, "~": 584,
    "Æ": 1000, "Ø": 778, "Å": 667, "æ": 889, "ø": 611, "å": 556, "é": 556, "ü": 556,
    "ö": 556, "ä": 556, "§": 556, "–": 556, "—": 1000, "…": 1000, "·": 333, "•": 350,
    "«": 556, "»": 556, "½": 834, "’": 222, "‘": 222, "”": 333, "“": 333,
}  # fmt: skip
_BOLD = {
    **_REGULAR,
    "!": 333, '"': 474, "&": 722, "'": 238, ":": 333, ";": 333, "?": 611, "@": 975,
    "A": 722, "B": 722, "J": 556, "K": 722, "L": 611, "[": 333, "]": 333, "^": 584,
    "`": 333, "b": 611, "c": 556, "d": 611, "f": 333, "g": 611, "h": 611, "i": 278,
    "j": 278, "k": 556, "l": 278, "m": 889, "n": 611, "o": 611, "p": 611, "q": 611,
    "r": 389, "s": 556, "t": 333, "u": 611, "v": 556, "w": 778, "x": 556, "y": 556,
    "{": 389, "|": 280, "}": 389, "Å": 722, "ø": 611, "é": 556, "ü": 611, "ö": 611,
    "ä": 556, "•": 350, "’": 278, "‘": 278, "”": 500, "“": 500,
}  # fmt: skip
_DEFAULT = 556


@lru_cache(maxsize=1 << 16)
def _units(text: str, bold: bool) -> int:
    # Cached: a table of ten thousand rows repeats its few owners and dates many times.
    table = _BOLD if bold else _REGULAR
    return sum(table.get(char, _DEFAULT) for char in text)


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width of ``text`` set in Arial at ``size`` (in the unit of ``size``)."""
    return _units(text, bold) * size / 1000


def longest_word(text: str, size: float, *, bold: bool = False) -> float:
    """The width of the widest piece of ``text`` that a line can never break inside.

    Lines break at spaces, after a hyphen and after a slash before a small letter
    ("Omsorgs-" / "og", "Centralt/" / "decentralt"), as Word and LibreOffice do.
    """
    return _longest_units(text, bold) * size / 1000


_SLASH_BREAK = re.compile(r"/(?![A-ZÆØÅ])")


@lru_cache(maxsize=1 << 16)
def _longest_units(text: str, bold: bool) -> int:
    # LibreOffice breaks after a slash before a small letter ("Centralt/" / "decentralt")
    # but not before a capital ("Kærvang/Skovvang" stays whole): measured on its PDFs.
    pieces = _SLASH_BREAK.sub("/ ", text.replace("-", "- ")).split()
    return max((_units(piece, bold) for piece in pieces), default=0)


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width`` (a longer word keeps its
    own line)."""
    room = width * 1000 / size
    space = (_BOLD if bold else _REGULAR)[" "]
    lines: list[list[str]] = []
    used = 0
    for word in text.split():
        units = _units(word, bold)
        if lines and used + space + units <= room:
            lines[-1].append(word)
            used += space + units
        else:
            lines.append([word])
            used = units
    return [" ".join(line) for line in lines]
