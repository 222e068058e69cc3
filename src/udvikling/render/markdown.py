"""Make text from the data literal in Markdown, and tidy the rendered Markdown.

Every value a template inserts passes through :func:`escape` (the Jinja ``finalize`` hook),
so a title such as ``{{ 7*7 }}``, ``<script>``, ``a | b`` or ``*x*`` comes out as typed in
Markdown, Word and HTML, and never cuts a table cell. Filters that build Markdown on purpose
return :class:`Md`, which ``finalize`` leaves alone.

Prose keeps two structures on purpose: blank-line paragraphs and ``- `` bullet lists (the
agenda items in the data use both). Everything else is inserted as plain text.
"""

from __future__ import annotations

import re

# Characters that mean something inline in CommonMark or pandoc's Markdown. ``{`` and ``}``
# are left alone so ``{{`` reads as typed; the pandoc reader has attribute syntax turned off.
_INLINE = re.compile(r"([\\`*_\[\]<|~$])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Things that only mean something at the start of a line: headings, quotes, ordered lists,
# setext underlines and thematic breaks; "- " stays a bullet list on purpose.
_LINE_START = re.compile(r"^(\s*)(#|>|\+|=|-(?! )|(\d+)([.)]))")
_BULLET = re.compile(r"^\s*- ")


class Md(str):
    """Markdown built on purpose (by a filter or template); never escaped again."""

    __slots__ = ()


def _escape_line(line: str) -> str:
    line = _INLINE.sub(r"\\\1", line)
    line = _ENTITY.sub(r"\\&", line)
    match = _LINE_START.match(line)
    if match:
        indent, token, digits, dot = match.group(1), match.group(2), match.group(3), match.group(4)
        rest = line[match.end() :]
        line = f"{indent}{digits}\\{dot}{rest}" if digits else f"{indent}\\{token}{rest}"
    return line


def escape(value: object) -> Md:
    """Text from the data as literal Markdown (``Md`` values pass through unchanged).

    A bullet list in prose gets the blank lines pandoc needs around it, so it is neither
    glued to the paragraph before it nor swallows the paragraph after it.
    """
    if isinstance(value, Md):
        return value
    text = "" if value is None else str(value)
    out: list[str] = []
    previous = ""
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = _escape_line(raw.rstrip())
        is_bullet = bool(_BULLET.match(line))
        was_bullet = bool(_BULLET.match(previous))
        if line and previous and is_bullet != was_bullet and not raw.startswith((" ", "\t")):
            out.append("")
        out.append(line)
        previous = line
    return Md("\n".join(out))


def cell(value: object) -> Md:
    """A value for a table cell: escaped, on one line (a line break would end the row)."""
    if isinstance(value, Md):
        return Md(" ".join(value.split("\n")).strip())
    text = " ".join(str(value).split()) if value is not None else ""
    return Md(_ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", text)))


_HEADING = re.compile(r"^#{1,6} ")


def tidy(markdown: str) -> str:
    """Blank line before and after every heading, at most one blank line, one final newline.

    Guards against pandoc's trap where a heading right after a list item becomes part of
    the list, whatever the template's whitespace.
    """
    lines = [line.rstrip() for line in markdown.split("\n")]
    out: list[str] = []
    for index, line in enumerate(lines):
        heading = bool(_HEADING.match(line))
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
