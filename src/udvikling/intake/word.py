"""Read the tables of a Word document (``.docx``) on their grid, with the heading above each.

The XML is read directly (not through python-docx's table objects, which expand every span
into cells): a cell spanning columns fills each of them, a cell merged down a column gives
its text to every row it spans, and a row that is one cell across the table is a section
row. Headings are paragraphs in a heading style, with an outline level, or short and all
in bold; tables inside content controls are read too.
"""

from __future__ import annotations

import io
from typing import Any

from udvikling.intake.tables import (
    MAX_COLUMNS,
    MAX_ROWS,
    ReadFile,
    SourceCell,
    SourceRow,
    SourceTable,
    clean_text,
)
from udvikling.sheets.layout import Problem


def read_docx(raw: bytes, result: ReadFile) -> None:
    """The tables of a Word document, each with the heading above it."""
    import docx
    from docx.oxml.ns import qn

    name = result.path.name
    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception:  # any failure of the parser means the file cannot be read
        result.problems.append(
            Problem(
                name,
                "error",
                "Filen kan ikke læses som Word-dokument (.docx).",
                "Åbn den i Word og gem den som Word-dokument (.docx), og prøv igen.",
            )
        )
        return
    styles = {s.style_id: (s.name or "") for s in document.styles}
    heading: str | None = None
    number = 0
    for element in _blocks(document.element.body):
        if element.tag == qn("w:p"):
            text = _paragraph_text(element).strip()
            if text and _is_heading(element, styles):
                heading = " ".join(text.split())
        elif element.tag == qn("w:tbl"):
            number += 1
            table = SourceTable(f"{name}: tabel {number}", heading=heading)
            _docx_rows(element, table)
            if table.rows:
                result.tables.append(table)


def _blocks(body: Any) -> Any:
    """The paragraphs and tables of the body in order, also inside content controls."""
    from docx.oxml.ns import qn

    for element in body.iterchildren():
        if element.tag == qn("w:sdt"):
            content = element.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content)
        else:
            yield element


def _paragraph_text(paragraph: Any) -> str:
    from docx.oxml.ns import qn

    parts = []
    tags = ("w:t", "w:tab", "w:br", "w:cr", "w:noBreakHyphen")
    for node in paragraph.iter(*(qn(tag) for tag in tags)):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append(" ")
        elif node.tag == qn("w:noBreakHyphen"):
            parts.append("-")  # "Børne- og Ungdomsudvalget" typed with a hard hyphen
        else:
            parts.append("\n")
    return clean_text("".join(parts))  # an optional hyphen (w:softHyphen) is no text


def _is_heading(paragraph: Any, styles: dict[str, str]) -> bool:
    """A heading style (Word stores built-in names in English: 'heading 2'), an outline
    level, or a short paragraph all in bold (a heading typed by hand)."""
    from docx.oxml.ns import qn

    props = paragraph.find(qn("w:pPr"))
    if props is not None:
        style = props.find(qn("w:pStyle"))
        if style is not None:
            style_name = styles.get(style.get(qn("w:val")) or "", "").casefold()
            if style_name.startswith(("heading", "overskrift", "title", "titel")):
                return True
        if props.find(qn("w:outlineLvl")) is not None:
            return True
    runs = [r for r in paragraph.iter(qn("w:r")) if _run_text(r).strip()]
    text = _paragraph_text(paragraph).strip()
    if not runs or len(text) > 80 or text.endswith((".", ":")):
        return False
    return all(_bold(r) for r in runs)


def _run_text(run: Any) -> str:
    from docx.oxml.ns import qn

    return "".join(t.text or "" for t in run.iter(qn("w:t")))


def _bold(run: Any) -> bool:
    from docx.oxml.ns import qn

    props = run.find(qn("w:rPr"))
    if props is None:
        return False
    bold = props.find(qn("w:b"))
    return bold is not None and bold.get(qn("w:val")) not in ("0", "false", "off")


def _count(value: str | None, default: int) -> int:
    """A span or skip count from the file, within what a table can have."""
    try:
        number = int(value or default)
    except ValueError:
        return default
    return min(max(number, default), MAX_COLUMNS)


def _docx_rows(table: Any, out: SourceTable) -> None:
    """The table's rows on its grid: a cell spanning columns fills each, a cell merged
    down takes the text of the cell where the merge starts."""
    from docx.oxml.ns import qn

    grid: list[list[tuple[int, tuple[str, ...], int]]] = []  # per row: (column, text, span)
    above: dict[int, tuple[str, ...]] = {}
    for tr in table.iterchildren(qn("w:tr")):
        column = 0
        props = tr.find(qn("w:trPr"))
        if props is not None:
            before = props.find(qn("w:gridBefore"))
            if before is not None:
                column = _count(before.get(qn("w:val")), 0)
        row: list[tuple[int, tuple[str, ...], int]] = []
        for tc in tr.iterchildren(qn("w:tc")):
            span, merge = 1, None
            tc_props = tc.find(qn("w:tcPr"))
            if tc_props is not None:
                grid_span = tc_props.find(qn("w:gridSpan"))
                if grid_span is not None:
                    span = _count(grid_span.get(qn("w:val")), 1)
                v_merge = tc_props.find(qn("w:vMerge"))
                if v_merge is not None:
                    merge = v_merge.get(qn("w:val")) or "continue"
            paragraphs = tuple(
                " ".join(_paragraph_text(p).split())
                for p in tc.iterchildren(qn("w:p"))
                if _paragraph_text(p).strip()
            )
            if merge == "continue":
                paragraphs = above.get(column, ())
            for inner in range(column, column + span):
                above[inner] = paragraphs
            row.append((column, paragraphs, span))
            column += span
        grid.append(row)
        if len(grid) > MAX_ROWS:
            break
    width = min(MAX_COLUMNS, max((c + s for row in grid for c, _, s in row), default=0))
    for index, row in enumerate(grid, start=1):
        where = f"{out.label}, række {index}"
        cells = [SourceCell((), f"{where}, kolonne {c + 1}") for c in range(width)]
        for column, paragraphs, span in row:
            for inner in range(column, min(width, column + span)):
                cells[inner] = SourceCell(paragraphs, f"{where}, kolonne {inner + 1}")
        across = width > 1 and len(row) == 1 and row[0][2] >= width and bool(row[0][1])
        out.rows.append(SourceRow(index, cells, where, across))
