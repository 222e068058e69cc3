"""Tables in the Word document: widths from their content, kept together, a shaded header.

- column widths from the text: no column narrower than its longest word (a number such as
  "21,62 (40,42 %)" counts as one word, and short cells stay on one line where there is
  room), the rest shared out by how much more text each column has; tables with the same
  header row (the process plan's, one per track) get the same widths;
- rows never split across pages; a table shorter than a third of a page is kept on one
  page, together with the few short paragraphs right after it (its notes); a longer table
  never splits right after its header or first row, nor before its last row;
- the header row shaded with the colour of the reference document's ``Table`` style, its
  text bold in the style's text colour; cell text in the ``Table Text`` style.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from udvikling.render.metrics import longest_word, text_width, wrap
from udvikling.render.reference import (
    CELL_MARGIN,
    HEADER_FILL,
    HEADER_TEXT,
    TABLE_SIZE,
    TABLE_TEXT,
)

# Measured widths are Arial's; leave room for rounding and for a font that runs wider.
SAFETY = 1.04
LINE = 1.25  # line height in table cells, as a multiple of the font size
KEEP_TOGETHER = 0.35  # a table up to this share of the page height never splits
MAX_NOTES = 8  # ... and keeps with it up to this many short paragraphs after it
NOTE_LENGTH = 300
SHORT = 18  # a cell this short is kept on one line where the width allows
# A cell that is a number ("21,62 (40,42 %)") is never wrapped.
NUMBER = re.compile(r"[\d\s.,:%()+\-–*/]+")


def header_fill(reference: Path) -> tuple[str, str]:
    """The header row colours of the reference document's ``Table`` style."""
    try:
        with zipfile.ZipFile(reference) as archive:
            styles = archive.read("word/styles.xml").decode("utf-8")
    except (OSError, KeyError, zipfile.BadZipFile):
        return HEADER_FILL, HEADER_TEXT
    match = re.search(r'w:styleId="Table".*?</w:style>', styles, re.S)
    if match is None:
        return HEADER_FILL, HEADER_TEXT
    first = re.search(r'w:type="firstRow".*?</w:tblStylePr>', match.group(0), re.S)
    if first is None:
        return HEADER_FILL, HEADER_TEXT
    fill = re.search(r'w:fill="([0-9A-Fa-f]{6})"', first.group(0))
    text = re.search(r'<w:color w:val="([0-9A-Fa-f]{6})"', first.group(0))
    return (fill.group(1) if fill else HEADER_FILL, text.group(1) if text else HEADER_TEXT)


def finish_tables(document: Any, reference: Path, width: int, height: int) -> None:
    """Finish every table of ``document`` for a text area ``width`` x ``height`` (twips)."""
    fill, text_colour = header_fill(reference)
    has_table_text = any(s.name == TABLE_TEXT for s in document.styles)
    # Tables with the same header row (the process plan's, one per track) share their
    # column widths, so the columns line up from table to table.
    families: dict[tuple[str, ...], list[Any]] = {}
    for number, table in enumerate(document.tables):
        _finish_table(table, fill, text_colour, has_table_text)
        key = _header_key(table) or (f"#{number}",)
        families.setdefault(key, []).append(table)
    for tables in families.values():
        widths = _column_widths(tables, width)
        if widths is None:
            continue
        for table in tables:
            _set_widths(table, widths)
            if _height(table, widths) <= KEEP_TOGETHER * height:
                _keep_together(table)
            else:
                _no_orphan_rows(table)


def _has_header(table: Any) -> bool:
    from docx.oxml.ns import qn

    rows = table._tbl.tr_lst
    return (
        bool(rows) and rows[0].trPr is not None and rows[0].trPr.find(qn("w:tblHeader")) is not None
    )


def _header_key(table: Any) -> tuple[str, ...] | None:
    if not _has_header(table):
        return None
    return tuple(cell.text for cell in table.rows[0].cells)


def _finish_table(table: Any, fill: str, text_colour: str, restyle: bool) -> None:
    """Rows never split; cell text in ``Table Text``; the header row shaded and bold."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    rows = list(table.rows)
    for row in rows:
        row_pr = row._tr.get_or_add_trPr()
        if row_pr.find(qn("w:cantSplit")) is None:
            row_pr.insert(0, OxmlElement("w:cantSplit"))
        if restyle:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.style = TABLE_TEXT
    if not rows or not _has_header(table):
        return
    for cell in rows[0].cells:
        tc_pr = cell._tc.get_or_add_tcPr()
        for old in tc_pr.findall(qn("w:shd")):
            tc_pr.remove(old)
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), fill)
        tc_pr.append(shading)
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.font.bold = True
                run.font.color.rgb = RGBColor.from_string(text_colour.upper())


def _keep_together(table: Any) -> None:
    """Each row kept with the next, and the last with the table's notes (the few short
    paragraphs right after it, before the next heading or table): the table moves to the
    next page with its notes rather than split from them."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    notes: list[Any] = []
    following = table._tbl.getnext()
    while following is not None and following.tag == qn("w:p") and len(notes) <= MAX_NOTES:
        note = Paragraph(following, table._parent)
        style = note.style.name if note.style is not None else ""
        if style.startswith(("Heading", "Title")) or len(note.text) > NOTE_LENGTH:
            break
        notes.append(note)
        following = following.getnext()
    if len(notes) > MAX_NOTES:
        notes = []
    rows = list(table.rows)
    for row in rows if notes else rows[:-1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
    for note in notes[:-1]:
        note.paragraph_format.keep_with_next = True


def _no_orphan_rows(table: Any) -> None:
    """A long table may split, but never right after its header or first row, nor leave
    its last row alone on a page."""
    rows = list(table.rows)
    for row in rows[: 2 if _has_header(table) else 1] + rows[-2:-1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _cell_texts(table: Any) -> list[list[tuple[str, bool]]]:
    """Per column, the text of each cell and whether it is set in bold (the header row)."""
    header = _has_header(table)
    columns: list[list[tuple[str, bool]]] = []
    for index, row in enumerate(table.rows):
        for number, cell in enumerate(row.cells):
            while len(columns) <= number:
                columns.append([])
            bold = header and index == 0
            for paragraph in cell.paragraphs:
                strong = bold or any(r.bold for r in paragraph.runs if r.text.strip())
                columns[number].append((paragraph.text, strong))
    return columns


def _column_widths(tables: list[Any], width: int) -> list[int] | None:
    """Column widths in twips: no column narrower than its longest word, the rest of the
    width shared out by how much more each column's text wants (as a browser does)."""
    from docx.oxml.ns import qn

    columns: list[list[tuple[str, bool]]] = []
    for table in tables:
        if any(True for _ in table._tbl.iter(qn("w:gridSpan"))):
            return None
        for number, texts in enumerate(_cell_texts(table)):
            while len(columns) <= number:
                columns.append([])
            columns[number].extend(texts)
    if not columns:
        return None
    pad = 2 * CELL_MARGIN + 40
    size = TABLE_SIZE * 20  # twips per em
    least = [
        pad + SAFETY * max((_unbreakable(t, size, b) for t, b in texts), default=0)
        for texts in columns
    ]
    wanted = [
        max(low, pad + SAFETY * max((text_width(t, size, bold=b) for t, b in texts), default=0))
        for low, texts in zip(least, columns, strict=True)
    ]
    # Short cells ("4. kvartal 2024", "Socialområdet") on one line too, where there is room.
    unwrapped = [
        max(
            low,
            pad
            + SAFETY
            * max((text_width(t, size, bold=b) for t, b in texts if len(t) <= SHORT), default=0),
        )
        for low, texts in zip(least, columns, strict=True)
    ]
    if sum(unwrapped) <= width:
        least = unwrapped
    if sum(wanted) <= width:
        spare = width - sum(wanted)
        return _whole([w + spare * w / sum(wanted) for w in wanted], width)
    if sum(least) >= width:
        return _whole([w * width / sum(least) for w in least], width)
    spare = width - sum(least)
    extra = [w - low for w, low in zip(wanted, least, strict=True)]
    shared = [low + spare * e / sum(extra) for low, e in zip(least, extra, strict=True)]
    return _whole(shared, width)


def _unbreakable(text: str, size: float, bold: bool) -> float:
    if NUMBER.fullmatch(text):
        return text_width(" ".join(text.split()), size, bold=bold)
    return longest_word(text, size, bold=bold)


def _whole(widths: list[float], width: int) -> list[int]:
    out = [int(w) for w in widths]
    out[-1] += width - sum(out)
    return out


def _set_widths(table: Any, widths: list[int]) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl = table._tbl
    tbl_pr = tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(sum(widths)))
    grid = tbl.tblGrid
    for col, value in zip(grid.findall(qn("w:gridCol")), widths, strict=False):
        col.set(qn("w:w"), str(value))
    for row in table.rows:
        for cell, value in zip(row._tr.findall(qn("w:tc")), widths, strict=False):
            tc_pr = cell.get_or_add_tcPr()
            tc_w = tc_pr.find(qn("w:tcW"))
            if tc_w is None:
                tc_w = OxmlElement("w:tcW")
                tc_pr.insert(0, tc_w)
            tc_w.set(qn("w:type"), "dxa")
            tc_w.set(qn("w:w"), str(value))


def _height(table: Any, widths: list[int]) -> float:
    """About how tall the table is, in twips, from the lines its cells wrap into."""
    header = _has_header(table)
    size = TABLE_SIZE * 20
    total = 0.0
    for index, row in enumerate(table.rows):
        lines = 1
        for cell, value in zip(row.cells, widths, strict=False):
            usable = value - 2 * CELL_MARGIN
            count = sum(
                max(1, len(wrap(p.text, usable / SAFETY, size, bold=header and index == 0)))
                for p in cell.paragraphs
            )
            lines = max(lines, count)
        total += lines * size * LINE + 60
    return total
