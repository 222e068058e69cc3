"""Reading a rendered document back (Markdown, Word, HTML) as blocks of text and tables,
the way a reader sees them: the issued-document and new-document tests compare these."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

Table = list[list[str]]


def norm(text: str) -> str:
    """``text`` with every run of white space one space."""
    return " ".join(text.split())


# -- reading a render back -------------------------------------------------------------------


_ESCAPE = re.compile(r"\\(.)")


def _md_inline(text: str) -> str:
    text = text.replace("<br>", " ").replace("\u2028", " ").replace("**", "")
    return norm(_ESCAPE.sub(r"\1", text))


def _md_cells(line: str) -> list[str]:
    cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
    return [_md_inline(c) for c in cells]


def read_markdown(text: str) -> tuple[list[str], list[Table]]:
    """Blocks (headings, paragraphs, list items) and tables of a Markdown render."""
    blocks: list[str] = []
    tables: list[Table] = []
    current: list[str] = []
    in_table = False

    def flush() -> None:
        if current:
            blocks.append(_md_inline(" ".join(current)))
            current.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("|"):
            flush()
            if not in_table:
                tables.append([])
                in_table = True
            if not re.fullmatch(r"[|:\- ]+", line):
                tables[-1].append(_md_cells(line))
            continue
        in_table = False
        if not line or line == "---":
            flush()
            continue
        heading = re.match(r"^#{1,6} ", line)
        item = re.match(r"^(- |\d+\. )", line)
        if heading or item:
            flush()
            line = line[(heading or item).end() :]  # type: ignore[union-attr]
        current.append(line.removesuffix("\\"))
    flush()
    return blocks, tables


def read_docx(path: Path) -> tuple[list[str], list[Table]]:
    """Blocks and tables of a Word file, in the order of its body."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    document = Document(str(path))
    blocks: list[str] = []
    tables: list[Table] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            text = norm(Paragraph(child, document).text)
            if text:
                blocks.append(text)
        elif child.tag == qn("w:tbl"):
            table = DocxTable(child, document)
            rows = []
            for row in table.rows:
                # A cell merged down from the one above shows nothing of its own.
                merged = [tc.vMerge == "continue" for tc in row._tr.tc_lst]
                texts = [norm(c.text) for c in row.cells]
                rows.append(["" if m else t for m, t in zip(merged, texts, strict=True)])
            tables.append(rows)
    return blocks, tables


class _HtmlReader(HTMLParser):
    BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li"})

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.tables: list[Table] = []
        self.text: list[str] | None = None
        self.cell: list[str] | None = None
        self.main = False
        self.spans: dict[int, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.main = True
        if not self.main:
            return
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
            self._covered()
        elif tag in ("td", "th"):
            self.cell = []
            span = int(dict(attrs).get("rowspan") or 1)
            self.spans[len(self.tables[-1][-1])] = span - 1
        elif tag in self.BLOCKS and self.cell is None:
            if self.text is not None:
                self._flush()
            self.text = []
        elif tag == "br":
            self.handle_data(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.main = False
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append(norm("".join(self.cell)))
            self.cell = None
            self._covered()
        elif tag in self.BLOCKS and self.cell is None and self.text is not None:
            self._flush()

    def _covered(self) -> None:
        """Empty cells where a cell above runs down (rowspan) into this row."""
        row = self.tables[-1][-1]
        while self.spans.get(len(row), 0) > 0 and self.cell is None:
            self.spans[len(row)] -= 1
            row.append("")

    def _flush(self) -> None:
        if self.text is not None and norm("".join(self.text)):
            self.blocks.append(norm("".join(self.text)))
        self.text = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)
        elif self.text is not None:
            self.text.append(data)


def read_html(path: Path) -> tuple[list[str], list[Table]]:
    reader = _HtmlReader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader.blocks, reader.tables
