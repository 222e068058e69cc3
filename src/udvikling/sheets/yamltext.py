"""Add a journal entry to an initiative's YAML file as text, changing nothing else.

The file is not loaded and dumped again (that would lose comments, quoting, order and line
breaks): the new entry's lines are inserted after the last line of the ``updates`` list, or,
when the file has no journal yet, an ``updates:`` key is inserted after the field that comes
before it in the model's order. Every other character of the file stays as it was, the
schema line and the line endings included. The post step then reads the new text back and
checks that it holds exactly the old record plus the new entry.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from udvikling.model import Initiative
from udvikling.yamlsrc import NoTagResolution

WIDTH = 92  # wrap prose at this many characters of content
FieldValue = str | tuple[str, ...]

# Plain scalars that another YAML reader would not read as the text written.
_PLAIN_FIRST = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ§(]")
_YES_NO = ("yes", "no", "true", "false", "on", "off", "y", "n")
_SPECIAL_WORDS = frozenset(
    ["~", "null", "Null", "NULL"]
    + [form for word in _YES_NO for form in (word, word.capitalize(), word.upper())]
)
_NUMBER = re.compile(r"[-+.0-9_:eE]+")
_UNSAFE_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Inserted:
    """The new text of the file, and where the entry landed (1-based lines)."""

    text: str
    first_line: int
    field_lines: dict[str, int]

    def field_at(self, line: int) -> str | None:
        """The entry's field written at ``line`` (the nearest field above it), if any."""
        found = None
        for name, written in self.field_lines.items():
            if written <= line and (found is None or written >= self.field_lines[found]):
                found = name
        return found if line >= self.first_line else None


def _is_plain(value: str) -> bool:
    return (
        bool(value)
        and _PLAIN_FIRST.match(value) is not None
        and value == value.strip()
        and value not in _SPECIAL_WORDS
        and "\n" not in value
        and ": " not in value
        and " #" not in value
        and not value.endswith(":")
        and _UNSAFE_CHARS.search(value) is None
    )


def quoted(value: str) -> str:
    """A double-quoted YAML scalar for any text (JSON's escapes are YAML's too)."""
    text = json.dumps(value, ensure_ascii=False)
    return _UNSAFE_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def scalar_lines(key: str, value: str, indent: int) -> list[str]:
    """``key: value`` at ``indent`` spaces: plain, folded (long prose), literal (several
    lines) or double-quoted, whichever reads back as exactly ``value``."""
    pad = " " * indent
    if key == "text" and _NUMBER.fullmatch(value):
        return [f"{pad}{key}: {quoted(value)}"]  # prose, even when it looks like a number
    if _is_plain(value) and indent + len(key) + 2 + len(value) <= WIDTH + 8:
        return [f"{pad}{key}: {value}"]
    inner = " " * (indent + 2)
    if "\n" not in value and _is_plain(value) and "  " not in value:
        return [f"{pad}{key}: >-", *(inner + line for line in _wrap(value, WIDTH - indent))]
    lines = value.split("\n")
    if (
        "\n" in value
        and not value[0].isspace()
        and _UNSAFE_CHARS.search(value.replace("\n", "")) is None
        and all(line == line.rstrip() for line in lines)
    ):
        return [f"{pad}{key}: |-", *((inner + line) if line else "" for line in lines)]
    return [f"{pad}{key}: {quoted(value)}"]


def _wrap(text: str, width: int) -> list[str]:
    """Break ``text`` at single spaces into lines of at most ``width`` (a folded scalar
    joins them with one space again)."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def entry_lines(
    fields: Sequence[tuple[str, FieldValue]], dash: int
) -> tuple[list[str], dict[str, int]]:
    """The entry as lines (a ``- `` at column ``dash``) and the line index of each field."""
    lines: list[str] = []
    where: dict[str, int] = {}
    indent = dash + 2
    for key, value in fields:
        where[key] = len(lines)
        if isinstance(value, tuple):
            lines.append(f"{' ' * indent}{key}:")
            for item in value:
                text = item if _is_plain(item) else quoted(item)
                lines.append(f"{' ' * (indent + 2)}- {text}")
        else:
            lines.extend(scalar_lines(key, value, indent))
    if lines:
        lines[0] = " " * dash + "- " + lines[0][indent:]
    return lines, where


@dataclass(frozen=True, slots=True)
class Place:
    """Where a new journal entry goes in a file's text (see :func:`place_of`): before
    character ``pos`` of the text without its byte order mark, its ``- `` at column
    ``dash``, after an ``updates:`` line of its own when the file has no journal yet."""

    pos: int
    dash: int
    key_line: tuple[str, ...] = ()


def place_of(text: str) -> Place | str:
    """Where :func:`insert_entry` puts a new entry in ``text`` (the costly part: the file's
    node tree); a Danish reason when the file's layout does not allow it safely."""
    body = text[1:] if text.startswith("\ufeff") else text
    try:
        root = _compose(body)
    except yaml.YAMLError:
        return "Filen kan ikke læses som YAML."
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        return "Filen består ikke af felter skrevet én pr. linje (nøgle: værdi)."
    updates = next((v for k, v in root.value if k.value == "updates"), None)
    if updates is None:
        anchor_key, anchor = _anchor(root)
        return Place(
            _line_after(body, content_end(body, anchor)),
            anchor_key.start_mark.column + 2,
            (" " * anchor_key.start_mark.column + "updates:",),
        )
    if not isinstance(updates, yaml.SequenceNode):
        return "Feltet updates er ikke en liste."
    if updates.flow_style:
        return (
            "Listen updates er skrevet i kort form ([...]); skriv den med én opdatering pr. "
            "linje, der begynder med '- ', og indlæs igen."
        )
    dash = updates.start_mark.column
    pos = _line_after(body, content_end(body, updates.value[-1]))
    return Place(_skip_inner_comments(body, pos, dash), dash)


def insert_entry(
    text: str, fields: Sequence[tuple[str, FieldValue]], place: Place | str | None = None
) -> Inserted | str:
    """``text`` with the entry added to its ``updates`` list; a Danish reason when the
    file's layout does not allow it safely (then nothing is changed). ``place``:
    :func:`place_of` ``text``, when it is known already."""
    if place is None:
        place = place_of(text)
    if isinstance(place, str):
        return place
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    newline = "\r\n" if "\r\n" in body else "\n"
    pos = place.pos
    if pos > len(body):  # the last line had no line break
        body += newline
        pos = len(body)
    lines, where = entry_lines(fields, place.dash)
    block = [*place.key_line, *lines]
    first_line = body[:pos].count("\n") + 1
    offset = first_line + len(place.key_line)
    inserted = newline.join(block) + newline
    return Inserted(
        bom + body[:pos] + inserted + body[pos:],
        offset,
        {key: offset + index for key, index in where.items()},
    )


def replace_entry(
    text: str, index: int, fields: Sequence[tuple[str, FieldValue]]
) -> Inserted | str:
    """``text`` with entry ``index`` of its ``updates`` list replaced by the new entry (a
    corrected answer); comments after the entry and everything else stay as they were. A
    Danish reason when the file's layout does not allow it safely."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    newline = "\r\n" if "\r\n" in body else "\n"
    try:
        root = _compose(body)
    except yaml.YAMLError:
        return "Filen kan ikke læses som YAML."
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        return "Filen består ikke af felter skrevet én pr. linje (nøgle: værdi)."
    updates = next((v for k, v in root.value if k.value == "updates"), None)
    if (
        not isinstance(updates, yaml.SequenceNode)
        or updates.flow_style
        or not 0 <= index < len(updates.value)
    ):
        return "Det tidligere svar findes ikke som en linje i listen updates."
    entry = updates.value[index]
    if not isinstance(entry, yaml.MappingNode) or entry.flow_style:
        return "Det tidligere svar er ikke skrevet med ét felt pr. linje."
    dash = updates.start_mark.column
    start = body.rfind("\n", 0, entry.start_mark.index) + 1
    if body[start : entry.start_mark.index] != " " * dash + "- ".ljust(
        entry.start_mark.column - dash
    ):
        return "Det tidligere svar begynder ikke på en linje med '- '."
    end = _line_after(body, content_end(body, entry))
    if end > len(body):
        body += newline
        end = len(body)
    lines, where = entry_lines(fields, dash)
    first_line = body[:start].count("\n") + 1
    new = newline.join(lines) + newline
    return Inserted(
        bom + body[:start] + new + body[end:],
        first_line,
        {key: first_line + i for key, i in where.items()},
    )


_CSafeLoader: Any = getattr(yaml, "CSafeLoader", None)

if _CSafeLoader is not None:

    class _Composer(NoTagResolution, _CSafeLoader):  # type: ignore[misc]
        """libyaml's composer without tag resolution: the entry is placed by the nodes'
        kinds, keys and marks alone."""


# libyaml's composer where PyYAML has it: the same nodes and marks as PyYAML's own (checked
# in tests/test_sheets_yaml.py), at a fiftieth of the time (the pure-Python composer was half
# of reading a full status round in).
LOADERS: tuple[Any, ...] = ((_Composer,) if _CSafeLoader is not None else ()) + (yaml.SafeLoader,)


def _compose(body: str) -> yaml.Node | None:
    """The node tree of ``body``; a file libyaml refuses is tried with PyYAML's own composer
    (which gives the reason when it refuses too)."""
    for loader in LOADERS[:-1]:
        try:
            return yaml.compose(body, Loader=loader)
        except yaml.YAMLError:
            continue
    return yaml.compose(body, Loader=LOADERS[-1])


def _anchor(root: yaml.MappingNode) -> tuple[yaml.Node, yaml.Node]:
    """The key (and value) after which a new ``updates:`` goes: the last one in the file of
    the fields the model puts before ``updates``, else the file's last key."""
    order = [name for name, info in Initiative.model_fields.items() if not info.exclude]
    before = set(order[: order.index("updates")])
    found = [(k, v) for k, v in root.value if k.value in before]
    return found[-1] if found else root.value[-1]


def content_end(body: str, node: yaml.Node) -> int:
    """The index just after the last character that belongs to ``node``'s content.

    A block collection ends where the next token starts (after blank lines and comments
    that belong to what follows), so the walk goes down to its last scalar, whose end is
    exact, then back over trailing blanks and line breaks.
    """
    while True:
        if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
            node = node.value[-1][1]
        elif isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
            node = node.value[-1]
        else:
            break
    index = node.end_mark.index
    while index > 0 and body[index - 1] in " \t\r\n":
        index -= 1
    return index


def _line_after(body: str, index: int) -> int:
    """The start of the line after the one holding ``index - 1`` (past the end when the
    file's last line has no line break)."""
    found = body.find("\n", max(index - 1, 0))
    return len(body) + 1 if found == -1 else found + 1


def _skip_inner_comments(body: str, pos: int, dash: int) -> int:
    """Past comment lines indented under the last entry (they belong to it)."""
    while pos < len(body):
        end = body.find("\n", pos)
        line = body[pos : len(body) if end == -1 else end]
        stripped = line.lstrip(" ")
        if not stripped.startswith("#") or len(line) - len(stripped) <= dash:
            break
        pos = len(body) + 1 if end == -1 else end + 1
    return pos
