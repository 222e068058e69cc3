"""Text as its writer laid it out: paragraphs, lists and kept line breaks, in one place.

An owner types a journal entry in a status sheet cell, or a plan keeper in YAML; every view
(the documents' Markdown and through it Word and HTML, the site's pages, ``udv show``) shows
the same structure, read here once:

- a blank line separates paragraphs;
- lines starting ``- `` or ``• `` are a bullet list;
- ``1.``, ``2.``, ... in sequence from 1 are a numbered list; lines indented under an item
  belong to it;
- a line break is kept where the next line plainly starts something new (a capital letter
  or a digit, or the line before ends with ``:``), so a line-per-item timeline stays one
  line per item; after a lead-in ending with ``:``, such lines become a bullet list;
- every other line break is a space (the text was wrapped, not laid out).

Pure: no I/O, no escaping; each view escapes for its own format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

_BULLET_ITEM = re.compile(r"^[-•][ \t]+(?=\S)")
_NUMBER_ITEM = re.compile(r"^([1-9]\d{0,2})\.[ \t]+(?=\S)")
# Where a wrapped line goes on mid-word or mid-list: never a kept line break.
_CONTINUES = (",", "-", "‐")

Row = tuple[str, ...]
"""One line as it is shown: the source lines it was wrapped over (each stripped)."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph: its rows, one under the other (a kept line break between two)."""

    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Item:
    """One list item: its rows (the item's line and the lines indented under it)."""

    rows: tuple[Row, ...]
    number: int = 0
    """Its number in a numbered list; 0 in a bullet list."""


@dataclass(frozen=True, slots=True)
class ItemList:
    """A bullet list or a numbered list."""

    items: tuple[Item, ...]
    numbered: bool = False


Block = Paragraph | ItemList


def shown(rows: tuple[Row, ...]) -> list[str]:
    """Each row on one line, its wrapped lines joined by a space."""
    return [" ".join(row) for row in rows]


def flat(block: Paragraph | Item) -> str:
    """A paragraph or item on one line."""
    return " ".join(shown(block.rows))


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


def break_kept(previous: str, line: str) -> bool:
    """Whether the line break between ``previous`` and ``line`` is the writer's own."""
    if previous.endswith(_CONTINUES):
        return False
    if _BULLET_ITEM.match(line) or _NUMBER_ITEM.match(line):
        return True
    return previous.endswith(":") or _starts_anew(line)


def _rows(lines: list[str]) -> tuple[Row, ...]:
    rows: list[list[str]] = [[lines[0]]]
    for previous, line in pairwise(lines):
        if break_kept(previous, line):
            rows.append([line])
        else:
            rows[-1].append(line)
    return tuple(tuple(row) for row in rows)


def _plain(lines: list[str]) -> list[Block]:
    """A run of plain lines: a paragraph, or a lead-in and the line-per-item list after it."""
    items = lines[1:]
    if (
        len(items) >= 2
        and lines[0].endswith(":")
        and all(break_kept(a, b) for a, b in pairwise(items))
    ):
        return [
            Paragraph(_rows(lines[:1])),
            ItemList(tuple(Item(((item,),)) for item in items)),
        ]
    return [Paragraph(_rows(lines))]


def _group(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    run: list[_Unit] = []
    for unit in [*_units(lines), _Unit("end", "")]:
        same = bool(run) and unit.kind == run[-1].kind
        if run and not same:
            if run[0].kind == "plain":
                blocks.extend(_plain([u.text for u in run]))
            else:
                numbered = run[0].kind == "number"
                blocks.append(
                    ItemList(
                        tuple(
                            Item(_rows([u.text, *u.more]), u.number if numbered else 0) for u in run
                        ),
                        numbered,
                    )
                )
            run = []
        run.append(unit)
    return blocks


def blocks(text: str | None) -> list[Block]:
    """The text's paragraphs and lists, in order; empty for no text."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)
    out: list[Block] = []
    group: list[str] = []
    for line in [*text.split("\n"), ""]:
        if line.strip():
            group.append(line.rstrip())
        elif group:
            out.extend(_group(group))
            group = []
    return out


def laid_out(text: str | None) -> bool:
    """Whether the text has a form of its own (more than one paragraph, a list or a kept
    line break), which joining it into a sentence with others would lose."""
    found = blocks(text)
    return len(found) > 1 or any(isinstance(b, ItemList) or len(b.rows) > 1 for b in found)


def as_lines(text: str | None) -> tuple[str | None, list[str]]:
    """The text as plain lines for a terminal or a list: its first line when it begins with
    a paragraph (to follow a heading), then each other row, ``- item`` and ``1. item`` on
    lines of their own (an item's wrapped lines joined)."""
    found = blocks(text)
    lead: str | None = None
    if found and isinstance(found[0], Paragraph):
        first = found[0]
        lead = " ".join(first.rows[0])
        found = [Paragraph(first.rows[1:]), *found[1:]] if first.rows[1:] else found[1:]
    rest: list[str] = []
    for block in found:
        if isinstance(block, Paragraph):
            rest += shown(block.rows)
        else:
            rest += [f"{f'{i.number}.' if block.numbered else '-'} {flat(i)}" for i in block.items]
    return lead, rest
