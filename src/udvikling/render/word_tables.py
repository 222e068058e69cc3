"""Tables in the Word document: widths from their content, kept together, a shaded header.

- column widths from the text: no column narrower than its longest word (a number such as
  "21,62 (40,42 %)" counts as one word, and short cells stay on one line where there is
  room), the rest shared out by how much more text each column has; tables with the same
  header row (the process plan's, one per track) get the same widths;
- rows never split across pages; a table shorter than half a page is kept on one
  page, together with the few short paragraphs right after it (its notes); a longer table
  never splits right after its header or first row, nor before its last row;
- the header row shaded with the colour of the reference document's ``Table`` style, its
  text bold in the style's text colour; cell text in the ``Table Text`` style.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

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
KEEP_TOGETHER = 0.5  # a table up to this share of the page height never splits
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
    # The style's id, looked up once (python-docx looks a name up anew for every paragraph).
    table_text = next((s.style_id for s in document.styles if s.name == TABLE_TEXT), None)
    # Tables with the same header row (the process plan's, one per track) share their
    # column widths, so the columns line up from table to table.
    families: dict[tuple[str, ...], list[_Table]] = {}
    for number, element in enumerate(document.element.body.iter(_qn("w:tbl"))):
        table = _Table.read(element)
        _finish_table(table, fill, text_colour, table_text)
        key = table.header_key() or (f"#{number}",)
        families.setdefault(key, []).append(table)
    limit = KEEP_TOGETHER * height
    for tables in families.values():
        widths = _column_widths(tables, width)
        if widths is None:
            continue
        for table in tables:
            _set_widths(table, widths)
            if _height(table, widths, limit) <= limit:
                _keep_together(table)
            else:
                _no_orphan_rows(table)


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


def _text(paragraph: Any) -> str:
    return "".join(t.text or "" for t in paragraph.iter(_qn("w:t")))


def _lines(paragraph: Any) -> list[str]:
    """The paragraph's lines: its text split at its line breaks (``w:br``), so a cell's
    lines ("Socialpsykiatri" / "Dolmer Have ...") are measured as lines, not one word."""
    text_tag, break_tag = _qn("w:t"), _qn("w:br")
    lines = [""]
    for node in paragraph.iter(text_tag, break_tag):
        if node.tag == break_tag:
            lines.append("")
        else:
            lines[-1] += node.text or ""
    return lines


def _keep_with_next(paragraph: Any) -> None:
    from docx.text.parfmt import ParagraphFormat

    ParagraphFormat(paragraph).keep_with_next = True


@dataclass
class _Table:
    """A table's element and its paragraphs by row and cell, read once (python-docx's own
    accessors rebuild the grid at every call, too slow for a table of thousands of rows)."""

    element: Any
    rows: list[list[list[Any]]]
    header: bool

    @classmethod
    def read(cls, element: Any) -> _Table:
        trs = element.findall(_qn("w:tr"))
        rows = [[tc.findall(_qn("w:p")) for tc in tr.findall(_qn("w:tc"))] for tr in trs]
        header = bool(trs) and trs[0].find(f"{_qn('w:trPr')}/{_qn('w:tblHeader')}") is not None
        return cls(element, rows, header)

    def header_key(self) -> tuple[str, ...] | None:
        if not self.header:
            return None
        return tuple(" ".join(_text(p) for p in cell) for cell in self.rows[0])

    def paragraphs(self, rows: list[list[list[Any]]]) -> list[Any]:
        return [p for row in rows for cell in row for p in cell]


def _finish_table(table: _Table, fill: str, text_colour: str, style_id: str | None) -> None:
    """Rows never split; cell text in ``Table Text``; the header row shaded and bold."""
    from docx.oxml import OxmlElement
    from docx.shared import RGBColor
    from docx.text.paragraph import Paragraph

    for tr in table.element.findall(_qn("w:tr")):
        row_pr = tr.get_or_add_trPr()
        if row_pr.find(_qn("w:cantSplit")) is None:
            row_pr.insert(0, OxmlElement("w:cantSplit"))
    if style_id is not None:
        for paragraph in table.paragraphs(table.rows):
            paragraph.style = style_id
    if not table.header:
        return
    for tc in table.element.findall(_qn("w:tr"))[0].findall(_qn("w:tc")):
        tc_pr = tc.get_or_add_tcPr()
        for old in tc_pr.findall(_qn("w:shd")):
            tc_pr.remove(old)
        shading = OxmlElement("w:shd")
        shading.set(_qn("w:val"), "clear")
        shading.set(_qn("w:color"), "auto")
        shading.set(_qn("w:fill"), fill)
        tc_pr.append(shading)
        for p in tc.findall(_qn("w:p")):
            for run in Paragraph(p, cast(Any, None)).runs:
                run.font.bold = True
                run.font.color.rgb = RGBColor.from_string(text_colour.upper())


def _keep_together(table: _Table) -> None:
    """Each row kept with the next, and the last with the table's notes (the few short
    paragraphs right after it, before the next heading or table): the table moves to the
    next page with its notes rather than split from them."""
    notes: list[Any] = []
    following = table.element.getnext()
    while following is not None and following.tag == _qn("w:p") and len(notes) <= MAX_NOTES:
        style = following.style or ""
        if style.startswith(("Heading", "Title")) or len(_text(following)) > NOTE_LENGTH:
            break
        notes.append(following)
        following = following.getnext()
    if len(notes) > MAX_NOTES:
        notes = []
    rows = table.rows if notes else table.rows[:-1]
    for paragraph in [*table.paragraphs(rows), *notes[:-1]]:
        _keep_with_next(paragraph)


def _no_orphan_rows(table: _Table) -> None:
    """A long table may split, but never right after its header or first row, nor leave
    its last row alone on a page."""
    rows = table.rows[: 2 if table.header else 1] + table.rows[-2:-1]
    for paragraph in table.paragraphs(rows):
        _keep_with_next(paragraph)


def _cell_texts(table: _Table) -> list[list[tuple[str, bool]]]:
    """Per column, the text of each cell and whether it is set in bold (the header row)."""
    bold_tag = f".//{_qn('w:b')}"
    columns: list[list[tuple[str, bool]]] = []
    for index, row in enumerate(table.rows):
        for number, cell in enumerate(row):
            while len(columns) <= number:
                columns.append([])
            for paragraph in cell:
                strong = (table.header and index == 0) or paragraph.find(bold_tag) is not None
                columns[number].extend((line, strong) for line in _lines(paragraph))
    return columns


def _column_widths(tables: list[_Table], width: int) -> list[int] | None:
    """Column widths in twips: no column narrower than its longest word, the rest of the
    width shared out by how much more each column's text wants (as a browser does)."""
    columns: list[list[tuple[str, bool]]] = []
    for table in tables:
        # A cell across columns leaves widths to Word (pandoc writes a span of 1 beside a
        # cell merged down, which is no span).
        if any(span.get(_qn("w:val")) != "1" for span in table.element.iter(_qn("w:gridSpan"))):
            return None
        for number, texts in enumerate(_cell_texts(table)):
            while len(columns) <= number:
                columns.append([])
            columns[number].extend(texts)
    if not columns:
        return None
    pad = 2 * CELL_MARGIN + 40
    size = TABLE_SIZE * 20  # twips per em

    def need(texts: list[tuple[str, bool]], measure: Any) -> float:
        return pad + SAFETY * max((measure(t, b) for t, b in texts), default=0)

    least = [need(texts, lambda t, b: _unbreakable(t, size, b)) for texts in columns]
    whole = [need(texts, lambda t, b: text_width(t, size, bold=b)) for texts in columns]
    wanted = [max(low, w) for low, w in zip(least, whole, strict=True)]
    # Short cells ("4. kvartal 2024", "Socialområdet") on one line too, where there is room.
    short = [
        need(
            [(t, b) for t, b in texts if len(t) <= SHORT], lambda t, b: text_width(t, size, bold=b)
        )
        for texts in columns
    ]
    unwrapped = [max(low, w) for low, w in zip(least, short, strict=True)]
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


def _set_widths(table: _Table, widths: list[int]) -> None:
    """The table's width, its grid, and the widths of its first row's cells (Word's fixed
    layout reads these; the other rows follow the grid)."""
    from docx.oxml import OxmlElement

    tbl = table.element
    tbl_pr = tbl.tblPr
    tbl_w = tbl_pr.find(_qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(_qn("w:type"), "dxa")
    tbl_w.set(_qn("w:w"), str(sum(widths)))
    for col, value in zip(tbl.tblGrid.findall(_qn("w:gridCol")), widths, strict=False):
        col.set(_qn("w:w"), str(value))
    trs = tbl.findall(_qn("w:tr"))
    for cell, value in zip(trs[0].findall(_qn("w:tc")) if trs else [], widths, strict=False):
        tc_pr = cell.get_or_add_tcPr()
        tc_w = tc_pr.find(_qn("w:tcW"))
        if tc_w is None:
            tc_w = OxmlElement("w:tcW")
            tc_pr.insert(0, tc_w)
        tc_w.set(_qn("w:type"), "dxa")
        tc_w.set(_qn("w:w"), str(value))


def _height(table: _Table, widths: list[int], limit: float) -> float:
    """About how tall the table is, in twips, from the lines its cells wrap into (counted
    only until it passes ``limit``)."""
    size = TABLE_SIZE * 20
    total = 0.0
    for index, row in enumerate(table.rows):
        lines = 1
        bold = table.header and index == 0
        for cell, value in zip(row, widths, strict=False):
            usable = (value - 2 * CELL_MARGIN) / SAFETY
            count = sum(
                max(1, len(wrap(line, usable, size, bold=bold))) for p in cell for line in _lines(p)
            )
            lines = max(lines, count)
        total += lines * size * LINE + 60
        if total > limit:
            break
    return total
