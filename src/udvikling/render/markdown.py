"""Make text from the data literal in Markdown, and tidy the rendered Markdown.

Every value a template inserts passes through :func:`escape` (the Jinja ``finalize`` hook),
so a title such as ``{{ 7*7 }}``, ``<script>``, ``a | b`` or ``*x*`` comes out as typed in
Markdown, Word and HTML, and never cuts a table cell. Filters that build Markdown on purpose
return :class:`Md`, which ``finalize`` leaves alone.

Data text keeps the structure its author typed and nothing else (:func:`escape`):

- a blank line separates paragraphs;
- lines starting ``- `` or ``• `` are a bullet list;
- ``1.``, ``2.``, ... in sequence from 1 are a numbered list; lines indented under an item
  belong to it;
- a line break is kept where the next line plainly starts something new (a capital letter
  or a digit, or the line before ends with ``:``), so a line-per-item timeline stays one
  line per item; after a lead-in ending with ``:``, such lines become a bullet list;
- everything else is literal text: every character Markdown would read as markup is
  escaped, and line indentation (which would make a code block) is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

# Characters that mean something inline in CommonMark or pandoc's Markdown. ``{`` and ``}``
# are left alone so ``{{`` reads as typed; the pandoc reader has attribute syntax turned off.
_INLINE = re.compile(r"([\\`*_\[\]<|~$])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Things that only mean something at the start of a line: headings, quotes, bullets, ordered
# lists (also CommonMark's ``1)``), setext underlines and thematic breaks.
_LINE_START = re.compile(r"^(#|>|\+|=|-|(\d+)([.)]))")
_BULLET_ITEM = re.compile(r"^[-•][ \t]+(?=\S)")
_NUMBER_ITEM = re.compile(r"^([1-9]\d{0,2})\.[ \t]+(?=\S)")
# Where a wrapped line goes on mid-word or mid-list: never a kept line break.
_CONTINUES = (",", "-", "‐")


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


@dataclass
class _Unit:
    """A plain line, or a list item with the lines indented under it."""

    kind: str  # "plain", "bullet" or "number"
    text: str
    raw: str = ""
    indent: int = 0
    number: int = 0
    more: list[str] = field(default_factory=list)


def _units(lines: list[str]) -> list[_Unit]:
    units: list[_Unit] = []
    for line in lines:
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        last = units[-1] if units else None
        if last is not None and last.kind != "plain" and indent > last.indent:
            last.more.append(stripped)
            continue
        bullet = _BULLET_ITEM.match(stripped)
        number = _NUMBER_ITEM.match(stripped)
        if bullet:
            units.append(_Unit("bullet", stripped[bullet.end() :], stripped, indent))
        elif number:
            unit = _Unit("number", stripped[number.end() :], stripped, indent)
            unit.number = int(number.group(1))
            units.append(unit)
        else:
            units.append(_Unit("plain", stripped, stripped))
    return _keep_numbered_sequences(units)


def _keep_numbered_sequences(units: list[_Unit]) -> list[_Unit]:
    """Numbered items count as a list only as 1., 2., ... (at least two); others are text.

    "6. september: ..." or "2. halvår ..." at the start of a line is a date, not item 6.
    """
    out: list[_Unit] = []
    index = 0
    while index < len(units):
        unit = units[index]
        if unit.kind != "number":
            out.append(unit)
            index += 1
            continue
        end = index
        while (
            end + 1 < len(units)
            and units[end + 1].kind == "number"
            and units[end + 1].number == units[end].number + 1
        ):
            end += 1
        if unit.number == 1 and end > index:
            out.extend(units[index : end + 1])
        else:
            for plain in units[index : end + 1]:
                out.append(_Unit("plain", plain.raw, plain.raw))
                out.extend(_Unit("plain", more, more) for more in plain.more)
        index = end + 1
    return out


def _starts_anew(line: str) -> bool:
    """A capital letter or a digit first (after any opening punctuation)."""
    for char in line:
        if char.isalnum():
            return char.isupper() or char.isdigit()
    return False


def _break_kept(previous: str, line: str) -> bool:
    if previous.endswith(_CONTINUES):
        return False
    if _BULLET_ITEM.match(line) or _NUMBER_ITEM.match(line):
        return True
    return previous.endswith(":") or _starts_anew(line)


def _join(lines: list[str], indent: str = "") -> str:
    """Escaped lines; a kept line break is a hard break (``\\`` at the end of the line)."""
    out = _escape_line(lines[0])
    for previous, line in pairwise(lines):
        out += ("\\\n" if _break_kept(previous, line) else "\n") + indent + _escape_line(line)
    return out


def _list(units: list[_Unit]) -> str:
    items = []
    for unit in units:
        marker = "- " if unit.kind == "bullet" else f"{unit.number}. "
        items.append(marker + _join([unit.text, *unit.more], " " * len(marker)))
    return "\n".join(items)


def _plain(lines: list[str]) -> list[str]:
    """A run of plain lines: a paragraph, or a lead-in and the line-per-item list after it."""
    items = lines[1:]
    if (
        len(items) >= 2
        and lines[0].endswith(":")
        and all(_break_kept(a, b) for a, b in pairwise(items))
    ):
        return [_join(lines[:1]), _list([_Unit("bullet", item) for item in items])]
    return [_join(lines)]


def _group(lines: list[str]) -> list[str]:
    blocks: list[str] = []
    run: list[_Unit] = []
    for unit in [*_units(lines), _Unit("end", "")]:
        same = bool(run) and unit.kind == run[-1].kind
        if run and not same:
            if run[0].kind == "plain":
                blocks.extend(_plain([u.text for u in run]))
            else:
                blocks.append(_list(run))
            run = []
        run.append(unit)
    return blocks


def escape(value: object) -> Md:
    """Text from the data as Markdown blocks, literal but for paragraphs and lists.

    ``Md`` values pass through unchanged. Paragraphs and lists are separated by blank lines
    (pandoc needs them); the result has no blank line at its start or end.
    """
    if isinstance(value, Md):
        return value
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)
    blocks: list[str] = []
    group: list[str] = []
    for line in [*text.split("\n"), ""]:
        if line.strip():
            group.append(line.rstrip())
        elif group:
            blocks.extend(_group(group))
            group = []
    return Md("\n\n".join(blocks))


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
