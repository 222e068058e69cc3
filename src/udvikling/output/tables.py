"""Rich tables for a terminal that break lines between words, never inside one.

Rich shares a too-narrow width out by shrinking the widest columns to the same width, and a
column that folds then breaks ids and long words mid-word even on a wide terminal.
:func:`fit_columns` gives every column at least its longest word (when the terminal has room
for that) and shares the rest out by what each column would use.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.table import Table


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def _longest_line(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


def fit_columns(table: Table, rows: Sequence[Sequence[str]], width: int) -> None:
    """Set the widths of ``table``'s columns for ``rows`` on a terminal ``width`` wide."""
    columns = table.columns
    headers = [str(column.header) for column in columns]
    cells = [[str(row[i]) for row in rows] + [headers[i]] for i in range(len(columns))]
    least = [max(_longest_word(text) for text in column) for column in cells]
    most = [max(_longest_line(text) for text in column) for column in cells]
    # Each column has a space either side and a border line after it; one more at the start.
    room = width - (3 * len(columns) + 1)
    if sum(most) <= room or sum(least) > room:
        return  # it all fits as it is, or even the words do not: leave it to rich
    spare = room - sum(least)
    wants = [m - n for m, n in zip(most, least, strict=True)]
    total = sum(wants)
    for column, minimum, want in zip(columns, least, wants, strict=True):
        column.width = minimum + (spare * want // total if total else 0)
