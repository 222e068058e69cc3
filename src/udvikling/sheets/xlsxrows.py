"""The rows of a returned workbook's sheet, as openpyxl's read-only sheet gives them, without
its cost per cell.

Reading a returned round went mostly into two things openpyxl does for every cell: a cell
object for each, and its general rich-text reader for each inline string (openpyxl, and so
udv's own sheets and everything saved with openpyxl, writes text as inline strings).
:func:`sheet_values` gives the same values in the same rows with less of that:

- openpyxl's own sheet parser reads the sheet, every element of it, with its checks and its
  errors; only the cells it hands back are plain values instead of cell objects;
- one shortcut: an inline string that is plain text (``<is><t>…</t></is>``: no attributes,
  no runs, nothing else) is taken as its text, which is what openpyxl makes of it. Every
  other cell (shared strings, numbers, dates, errors, rich text …) is read by openpyxl;
- the rows are filled out as openpyxl's read-only sheet fills them (missing rows and cells
  as empty, cut at the sheet's recorded size).

This follows openpyxl 3.1's reading (:data:`FOLLOWS`); with another release, openpyxl's own
rows are used.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

FOLLOWS = "3.1."
"""The openpyxl releases whose reading :func:`sheet_values` repeats."""


class ExcelError(str):
    """An Excel error value in a cell (``#NAME?``), kept apart from text."""


def sheet_values(book: Any, title: str) -> Iterator[list[Any]]:
    """The values of each row of sheet ``title`` of ``book`` (an openpyxl workbook opened
    read-only): what ``ws.iter_rows()`` gives, each cell as its value and an error value
    as :class:`ExcelError`. Reading stops where the caller stops taking rows."""
    import openpyxl

    ws = book[title]
    if not openpyxl.__version__.startswith(FOLLOWS):
        for row in ws.iter_rows():
            yield [ExcelError(c.value) if c.data_type == "e" else c.value for c in row]
        return
    yield from _rows(book, ws)


def _rows(book: Any, ws: Any) -> Iterator[list[Any]]:
    """As openpyxl 3.1's ``ReadOnlyWorksheet._cells_by_row`` with ``_get_row``: rows 1 to
    the recorded last row, columns 1 to the recorded last column (when the sheet records its
    size; else each row as long as its last cell)."""
    parser_class = _parser_class()
    max_col: int | None = ws.max_column
    max_row: int | None = ws.max_row
    empty_row: list[Any] = [None] * max_col if max_col is not None else []
    counter = 1
    idx = 1
    with book._archive.open(ws._worksheet_path) as source:
        parser = parser_class(
            source,
            ws._shared_strings,
            data_only=book.data_only,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats if _gives_durations() else set(),
        )
        for idx, cells in parser.parse():
            if max_row is not None and idx > max_row:
                break
            for _ in range(counter, idx):  # rows the sheet leaves out
                counter += 1
                yield list(empty_row)
            if counter <= idx:
                counter += 1
                yield _row(cells, max_col)
    if max_row is not None and max_row < idx:
        for _ in range(counter, max_row + 1):
            yield list(empty_row)


def _row(cells: list[dict[str, Any]], max_col: int | None) -> list[Any]:
    """One row's values, as ``_get_row`` places its cells."""
    if not cells and not max_col:
        return []
    width = max_col or cells[-1]["column"]
    values: list[Any] = [None] * width
    for cell in cells:
        column = cell["column"]
        if 1 <= column <= width:
            value = cell["value"]
            values[column - 1] = ExcelError(value) if cell["data_type"] == "e" else value
    return values


def _gives_durations() -> bool:
    """Whether the installed openpyxl's read-only sheet gives its parser the workbook's
    duration formats (3.1.2 does not, so a duration reads as a date there; later releases
    do): as it does, so here."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    code = getattr(getattr(ReadOnlyWorksheet, "_cells_by_row", None), "__code__", None)
    return code is not None and "_timedelta_formats" in code.co_names


_PARSER: Any = None


def _parser_class() -> Any:
    """openpyxl's sheet parser with the shortcut for plain inline strings (made once)."""
    global _PARSER
    if _PARSER is not None:
        return _PARSER
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.worksheet._reader import INLINE_STRING, WorkSheetParser
    from openpyxl.xml.constants import SHEET_MAIN_NS

    text_tag = f"{{{SHEET_MAIN_NS}}}t"

    class Parser(WorkSheetParser):
        def parse_cell(self, element: Any) -> dict[str, Any]:
            """As openpyxl's (read with ``data_only``), but a plain inline string is its
            text without going through openpyxl's rich-text reader."""
            if element.get("t") != "inlineStr" or not self.data_only:
                return super().parse_cell(element)
            child = element.find(INLINE_STRING)
            if child is None or child.attrib or any(c.tag != text_tag for c in child):
                return super().parse_cell(element)
            coordinate = element.get("r")
            style_id = element.get("s", 0)
            if style_id:
                style_id = int(style_id)
            if coordinate:
                row, column = coordinate_to_tuple(coordinate)
                self.col_counter = column
            else:
                self.col_counter += 1
                row, column = self.row_counter, self.col_counter
            # openpyxl's Text keeps the last <t>; its content is that text, '' for none.
            text = child[-1].text if len(child) else None
            return {
                "row": row,
                "column": column,
                "value": text or "",
                "data_type": "s",
                "style_id": style_id,
            }

    _PARSER = Parser
    return Parser
