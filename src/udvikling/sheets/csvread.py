"""A returned status sheet saved as CSV, read into a table of text values (for
:func:`udvikling.sheets.read.read_sheet`, which finds the columns by their headings).

Excel saves CSV with ``;`` on a Danish Windows, others with ``,`` or tabs: the separator is
the one that splits the first line into the most known headings. The limits on rows and
cells are those of :mod:`udvikling.sheets.read`.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from udvikling.sheets import read as limits
from udvikling.sheets.layout import COLUMNS, Problem
from udvikling.sheets.read import Returned, cell_too_large, column_letter, heading_key


def read_csv(raw: bytes, result: Returned) -> list[list[Any]] | None:
    """The file's rows as text values; None with a problem in ``result`` when it is not a
    CSV file udv can read or passes a limit."""
    if b"\x00" in raw:
        result.problems.append(
            Problem(
                result.label,
                "error",
                "Filen er ikke en CSV-fil (den indeholder binære data).",
                "Gem statusarket som CSV (semikolonsepareret) og prøv igen.",
            )
        )
        return None
    text = decode_text(raw)
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=lambda d: _known(first.split(d)))
    rows: list[list[Any]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, row in enumerate(reader, start=1):
            if number > limits.MAX_ROWS:
                result.problems.append(
                    Problem(result.label, "error", f"Filen har mere end {limits.MAX_ROWS} rækker.")
                )
                return None
            for index, value in enumerate(row):
                if len(value) > limits.MAX_CELL:
                    where = f"{result.label}:{column_letter(index)}{number}"
                    result.problems.append(cell_too_large(where))
                    return None
            rows.append(list(row))
    except csv.Error as exc:
        # Python's own limit on a field (128 KiB), or a broken quote: not a sheet udv made.
        at = f" (linje {reader.line_num})"
        reason = "en celle er for stor" if "field larger" in str(exc) else "den er ikke gyldig CSV"
        result.problems.append(
            Problem(
                result.label,
                "error",
                f"Filen kan ikke læses som CSV{at}: {reason}.",
                "Gem statusarket som CSV (semikolonsepareret) og prøv igen.",
            )
        )
        return None
    return rows


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without a byte order mark), else Windows-1252: what Excel saves as
    "CSV UTF-8" and as plain "CSV" on a Danish Windows."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _known(cells: list[str]) -> int:
    headings = {heading_key(c.heading) for c in COLUMNS}
    return sum(1 for cell in cells if heading_key(cell) in headings)
