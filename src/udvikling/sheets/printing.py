"""How a status sheet prints, in Excel and in LibreOffice alike.

- The workbook's font is Arial (Liberation Sans in LibreOffice, which ships with it, with the
  same widths): column widths are counted in the default font's digits, so with a font every
  program has, a column is as wide on paper everywhere. With Calibri, a LibreOffice without
  Carlito measured the columns in a wider font and printed ``Tiltag`` on four pages.
- ``Vejledning``: A4 portrait at 100 %, its one column narrower than the page.
- ``Tiltag``: A4 landscape; the plan's columns on one page and the answer columns on the
  next (a column break before ``Ny opdatering``), ``Id`` and ``Tiltag`` and the heading row
  repeated on every page, at a fixed scale at which the wider part fits the page's width.
  (Fit-to-width would let the programs move the break; LibreOffice ignores it beside a
  manual break.)
- A sheet with a confidential initiative says so at the top and bottom of every printed page
  of both sheets (``FORTROLIGT``), beside the sheet's title and the page number.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from udvikling.sheets.layout import FIRST_ANSWER, Column

FONT = "Arial"
BODY_SIZE = 10
# Arial 10 pt, the workbook's default font, is 7 pixels a digit: a column unit is 7 pixels
# and 5 more for the cell's padding. Counted at 7.5 pixels with room to spare.
PIXELS_PER_UNIT = 7.5
PADDING = 5
A4_LANDSCAPE_WIDTH = 11.69  # inches
A4_PORTRAIT_WIDTH = 8.27
SIDE_MARGIN = 0.4  # inches, each side
GUIDE_MARGIN = 0.6
CONFIDENTIAL = "FORTROLIGT"
CONFIDENTIAL_FOOTER = "Fortroligt, del ikke arket – side &P af &N"


def default_font(book: Workbook) -> None:
    """Make Arial 10 the workbook's font (the font column widths are measured in)."""
    font = Font(name=FONT, size=BODY_SIZE, family=2)
    book._fonts = IndexedList([font])  # type: ignore[attr-defined]
    for style in book._named_styles:  # type: ignore[attr-defined]
        if style.name == "Normal":
            style.font = font


def guide_width() -> float:
    """The guide's column width (units) that fits an A4 portrait page at 100 %."""
    usable = (A4_PORTRAIT_WIDTH - 2 * GUIDE_MARGIN) * 96 - PADDING
    return float(int(usable / PIXELS_PER_UNIT * 0.95))


def guide_setup(ws: Worksheet, title: str, confidential: bool) -> None:
    """``Vejledning``: A4 portrait at 100 %, its column inside the margins."""
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.scale = 100
    ws.page_margins.left = ws.page_margins.right = GUIDE_MARGIN
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    _header_footer(ws, title, confidential)


def rows_setup(ws: Worksheet, columns: tuple[Column, ...], title: str, confidential: bool) -> None:
    """``Tiltag``: the plan on one page, the answers on the next, ids on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.pageOrder = "overThenDown"
    ws.print_title_rows = "1:1"
    ws.print_title_cols = "A:B"
    ws.col_breaks.append(Break(id=FIRST_ANSWER))
    ws.page_margins.left = ws.page_margins.right = SIDE_MARGIN
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.page_setup.scale = scale(columns[:FIRST_ANSWER], columns[:2] + columns[FIRST_ANSWER:])
    _header_footer(ws, title, confidential)


def scale(*parts: Sequence[Column]) -> int:
    """The print scale (percent) at which the widest part fits an A4 landscape page."""
    usable = (A4_LANDSCAPE_WIDTH - 2 * SIDE_MARGIN) * 96
    widest = max(sum(c.width * PIXELS_PER_UNIT + PADDING for c in part) for part in parts)
    return max(10, min(100, int(usable / widest * 100)))


def _header_footer(ws: Worksheet, title: str, confidential: bool) -> None:
    header, footer = ws.oddHeader, ws.oddFooter
    assert header is not None and footer is not None
    header.center.text = title.replace("&", "&&")
    header.center.size = 10
    footer.center.text = "Side &P af &N"
    footer.center.size = 9
    if confidential:
        header.left.text = CONFIDENTIAL
        header.left.size = 10
        header.left.font = f"{FONT},Bold"
        header.right.text = CONFIDENTIAL
        header.right.size = 10
        header.right.font = f"{FONT},Bold"
        footer.center.text = CONFIDENTIAL_FOOTER
