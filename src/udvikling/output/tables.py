"""Rich tables for a terminal that break lines between words, never inside one.

Rich shares a too-narrow width out by shrinking the widest columns to the same width, and a
column that folds then breaks ids and long words mid-word even on a wide terminal.
:func:`fit_columns` gives every column at least its longest word (when the terminal has room
for that) and shares the rest out by what each column would use.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.table import Table


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def _longest_line(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


def fit_columns(
    table: Table, rows: Sequence[Sequence[str]], width: int, whole: Sequence[int] = ()
) -> None:
    """Set the widths of ``table``'s columns for ``rows`` on a terminal ``width`` wide; the
    columns in ``whole`` get their longest line, the others their longest word."""
    columns = table.columns
    headers = [str(column.header) for column in columns]
    cells = [[str(row[i]) for row in rows] + [headers[i]] for i in range(len(columns))]
    least = [
        max((_longest_line(t) if i in whole else _longest_word(t)) for t in column)
        for i, column in enumerate(cells)
    ]
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


NBSP = "\u00a0"


def _unbroken(text: str) -> str:
    """``text`` with its spaces made unbreakable for :mod:`textwrap` (which breaks at ASCII
    whitespace only); :func:`print_table` turns them back into spaces."""
    return text.replace(" ", NBSP)


def print_table(
    console: Any,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    whole: Sequence[int] = (),
    title: str | None = None,
    styles: Sequence[str | None] | None = None,
    show_lines: bool = False,
) -> None:
    """Print ``rows`` at a terminal as a table when every column can have its longest word
    (and each column in ``whole``, such as ids and dates, its longest line), or else one
    record after another: the first column on a line of its own, the others below it as
    ``Overskrift: værdi`` wrapped at spaces. Nothing is cut off and no id, date or word is
    broken, whatever the terminal's width."""
    from rich.table import Table

    width = int(console.width)
    cells = [[str(row[i]) for row in rows] + [headers[i]] for i in range(len(headers))]
    least = [
        max((_longest_line(t) if i in whole else _longest_word(t)) for t in column)
        for i, column in enumerate(cells)
    ]
    if sum(least) + 3 * len(headers) + 1 <= width:
        table = Table(title=title, title_justify="left", show_lines=show_lines)
        for i, header in enumerate(headers):
            # Every column at least its longest word (or line): rich never breaks one.
            table.add_column(header, no_wrap=i in whole, overflow="fold", min_width=least[i])
        for n, row in enumerate(rows):
            table.add_row(*row, style=styles[n] if styles else None)
        fit_columns(table, rows, width, whole)
        console.print(table)
        return
    _print_stacked(console, headers, rows, whole, title, styles, width)


def _print_stacked(
    console: Any,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    whole: Sequence[int],
    title: str | None,
    styles: Sequence[str | None] | None,
    width: int,
) -> None:
    import textwrap

    if title:
        console.print(title, style="italic", markup=False)
    for n, row in enumerate(rows):
        style = styles[n] if styles else None
        first = " ".join(str(row[0]).split())
        heads = (
            [first]
            if 0 in whole
            else textwrap.wrap(
                first,
                max(width - 1, 20),
                subsequent_indent="  ",
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
        for head in heads:
            console.print(
                head, style=f"bold {style}" if style else "bold", markup=False, soft_wrap=True
            )
        for i in range(1, len(headers)):
            parts = [" ".join(part.split()) for part in str(row[i]).splitlines() if part.strip()]
            for k, part in enumerate(parts):
                text = _unbroken(part) if i in whole else part
                lines = textwrap.wrap(
                    f"{headers[i]}: {text}" if k == 0 else text,
                    max(width - 1, 20),
                    initial_indent="  " if k == 0 else "    ",
                    subsequent_indent="    ",
                    break_long_words=False,
                    break_on_hyphens=False,
                )
                for line in lines:
                    console.print(
                        line.replace(NBSP, " "), style=style, markup=False, soft_wrap=True
                    )
