"""Declare new tracks and owners in ``udvikling.yaml`` as text, changing nothing else.

The file is not loaded and dumped again (that would lose its comments and order): each new
entry is a line ``  id: Navn`` added after the last entry of its section (``tracks:``,
``owners:``); an empty ``{}`` becomes the first entry, and a missing section is added at
the end. The caller reads the result back to check it holds exactly what was added.
"""

from __future__ import annotations

import yaml

from udvikling.sheets.yamltext import content_end, scalar_lines


class LayoutError(ValueError):
    """The file's layout does not allow a safe insertion (Danish message)."""


def _root(text: str) -> yaml.MappingNode:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        raise LayoutError("udvikling.yaml kan ikke læses som YAML.") from None
    if not isinstance(node, yaml.MappingNode):
        raise LayoutError("udvikling.yaml er ikke en mapping af nøgler.")
    return node


def add_entries(text: str, section: str, entries: list[tuple[str, str]]) -> str:
    """``text`` with ``id: name`` entries added to the mapping under ``section``."""
    if not entries:
        return text
    if "\r\n" in text:  # a file saved on Windows keeps its line endings
        return add_entries(text.replace("\r\n", "\n"), section, entries).replace("\n", "\r\n")
    root = _root(text)
    found = [(k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == section]
    if not found:
        lines = [f"{section}:", *_lines(entries, 2)]
        return text + ("" if text.endswith("\n") or not text else "\n") + "\n".join(lines) + "\n"
    key, value = found[0]
    if isinstance(value, yaml.MappingNode) and value.flow_style and not value.value:
        # "tracks: {}" (or "tracks: {}  # comment"): the braces give way to the entries.
        start, end = value.start_mark.index, value.end_mark.index
        line_end = text.find("\n", end)
        line_end = len(text) if line_end == -1 else line_end
        tail = text[end:line_end]
        block = "\n".join(_lines(entries, 2))
        return text[:start].rstrip(" ") + tail + "\n" + block + text[line_end:]
    if isinstance(value, yaml.ScalarNode) and value.value in ("", "~", "null"):
        line_end = text.find("\n", key.end_mark.index)
        line_end = len(text) if line_end == -1 else line_end
        start = key.end_mark.index
        block = "\n".join(_lines(entries, 2))
        rest = text[start:line_end].split("#", 1)
        comment = f"  #{rest[1]}" if len(rest) > 1 else ""
        return text[:start] + ":" + comment + "\n" + block + text[line_end:]
    if not isinstance(value, yaml.MappingNode) or value.flow_style:
        raise LayoutError(
            f"{section} i udvikling.yaml er ikke skrevet som en liste af linjer (id: navn), "
            "så udv kan ikke tilføje til den."
        )
    indent = value.value[0][0].start_mark.column
    last = value.value[-1][1]
    end = content_end(text, last)
    line_end = text.find("\n", end)
    if line_end == -1:
        return text + "\n" + "\n".join(_lines(entries, indent)) + "\n"
    return text[: line_end + 1] + "\n".join(_lines(entries, indent)) + "\n" + text[line_end + 1 :]


def _lines(entries: list[tuple[str, str]], indent: int) -> list[str]:
    out: list[str] = []
    for key, name in entries:
        out.extend(scalar_lines(key, name, indent))
    return out
