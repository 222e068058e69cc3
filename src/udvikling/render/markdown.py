"""Make text from the data literal in Markdown, and tidy the rendered Markdown.

Every value a template inserts passes through :func:`escape` (the Jinja ``finalize`` hook),
so a title such as ``{{ 7*7 }}``, ``<script>``, ``a | b`` or ``*x*`` comes out as typed in
Markdown, Word and HTML, and never cuts a table cell. Filters that build Markdown on purpose
return :class:`Md`, which ``finalize`` leaves alone.

Data text keeps the structure its author typed and nothing else (:func:`escape`): its
paragraphs, lists and kept line breaks as :mod:`udvikling.prose` reads them, the one reading
every view shares; everything else is literal text: every character Markdown would read as
markup is escaped, and line indentation (which would make a code block) is dropped.
"""

from __future__ import annotations

import re

from udvikling import prose
from udvikling.prose import Block, Paragraph, Row

# Characters that mean something inline in CommonMark or pandoc's Markdown. ``{`` and ``}``
# are left alone so ``{{`` reads as typed; the pandoc reader has attribute syntax turned off.
_INLINE = re.compile(r"([\\`*_\[\]<|~$])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Things that only mean something at the start of a line: headings, quotes, bullets, ordered
# lists (also CommonMark's ``1)``), setext underlines and thematic breaks.
_LINE_START = re.compile(r"^(#|>|\+|=|-|(\d+)([.)]))")


class Md(str):
    """Markdown built on purpose (by a filter or template); never escaped again."""

    __slots__ = ()


def _escape_inline(text: str) -> str:
    return _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", text))


def _escape_line(line: str) -> str:
    """One line of text, literal wherever it stands (also at the start of a line)."""
    line = _escape_inline(line)
    match = _LINE_START.match(line)
    if match:
        token, digits, dot = match.group(1), match.group(2), match.group(3)
        rest = line[match.end() :]
        line = f"{digits}\\{dot}{rest}" if digits else f"\\{token}{rest}"
    return line


def _row(row: Row, indent: str) -> str:
    return ("\n" + indent).join(_escape_line(line) for line in row)


def _join(rows: tuple[Row, ...], indent: str = "") -> str:
    """Escaped rows; a kept line break is a hard break (``\\`` at the end of the line), the
    lines a row was wrapped over stay on lines of their own."""
    return ("\\\n" + indent).join(_row(row, indent) for row in rows)


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return _join(block.rows)
    items = []
    for item in block.items:
        marker = f"{item.number}. " if block.numbered else "- "
        items.append(marker + _join(item.rows, " " * len(marker)))
    return "\n".join(items)


def escape(value: object) -> Md:
    """Text from the data as Markdown blocks, literal but for paragraphs and lists.

    ``Md`` values pass through unchanged. Paragraphs and lists are separated by blank lines
    (pandoc needs them); the result has no blank line at its start or end.
    """
    if isinstance(value, Md):
        return value
    text = "" if value is None else str(value)
    return Md("\n\n".join(_block(b) for b in prose.blocks(text)))


def starts_with_list(value: object) -> bool:
    """Whether the text, as :func:`escape` makes it, begins with a list (its first line a
    ``- `` or ``1.`` item)."""
    return bool(re.match(r"(- |1\. )", escape(value)))


def paragraphs(value: object) -> Md:
    """Like :func:`escape`, set apart by blank lines so it is always a block of its own."""
    return Md(f"\n\n{escape(value)}\n\n")


def inline(value: object) -> Md:
    """Text on one line, literal wherever it stands (list items, headings, sentences)."""
    if isinstance(value, Md):
        return value
    return Md(_escape_line(" ".join(str(value).split())) if value is not None else "")


def cell(value: object) -> Md:
    """A value for a table cell: escaped, on one line (a line break would end the row)."""
    if isinstance(value, Md):
        return Md(" ".join(value.split("\n")).strip())
    text = " ".join(str(value).split()) if value is not None else ""
    return Md(_escape_inline(text))


def list_item(value: object) -> Md:
    """A value for a bullet (``- {{ x | punkt }}``): on one line as :func:`cell` makes it, or,
    when its writer laid it out (paragraphs, a list), those under the bullet, indented."""
    if isinstance(value, Md) or value is None or not prose.laid_out(str(value)):
        return cell(value)
    first, *rest = escape(value).split("\n")
    return Md("\n".join([first, *(f"  {line}" if line else "" for line in rest)]))


# A line break inside a table cell: pandoc's pipe tables hold one line per row, so a cell's
# lines are joined by this character (Unicode's LINE SEPARATOR), which the Word and HTML
# conversion turns into a line break and the Markdown file into ``<br>``.
LINE_BREAK = "\u2028"


# A table cell that continues the cell above it (the plan's track, one cell down the rows of
# its track, as the issued plan has it): a rowspan in Word and HTML, an empty cell in the
# Markdown file. Data text never makes one (:func:`cell_lines` takes it out).
MERGED_ABOVE = "\u2063"


def cell_lines(value: object) -> Md:
    """A value for a table cell whose lines stay lines (the plan's "Dec.: ...", "Jan -
    marts: ..." one under the other), each escaped as :func:`cell` does."""
    if isinstance(value, Md) and value == MERGED_ABOVE:
        return value
    text = "" if value is None else str(value).replace(MERGED_ABOVE, "")
    lines = (" ".join(line.split()) for line in text.replace(LINE_BREAK, "\n").split("\n"))
    return Md(LINE_BREAK.join(_escape_inline(line) for line in lines if line))


def markdown_file(markdown: str) -> str:
    """The Markdown as a file for people: a line break in a table cell as ``<br>``."""
    return markdown.replace(LINE_BREAK, "<br>").replace(MERGED_ABOVE, "")


_HEADING = re.compile(r"^#{1,6} ")
# A line of three dashes in a template is a page break (data text cannot make one: a dash
# at the start of a line is escaped); it needs blank lines or it underlines a heading.
PAGE_BREAK = "---"


def tidy(markdown: str) -> str:
    """Blank line before and after every heading, at most one blank line, one final newline.

    Guards against pandoc's trap where a heading right after a list item becomes part of
    the list, whatever the template's whitespace; a page break gets the same blank lines.
    """
    lines = [line.rstrip() for line in markdown.split("\n")]
    out: list[str] = []
    for index, line in enumerate(lines):
        heading = bool(_HEADING.match(line)) or line == PAGE_BREAK
        if heading and out and out[-1] != "":
            out.append("")
        if line == "" and out and out[-1] == "":
            continue
        if line == "" and not out:
            continue
        out.append(line)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if heading and following != "":
            out.append("")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"
