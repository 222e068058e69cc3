"""Which pictures a Word or HTML document may show, and putting them inside it.

pandoc reads any file or address a Markdown picture names (``![x](/proc/self/environ)``)
and puts it in the Word document. A template comes from the data repository, so udv reads
the Markdown into pandoc's syntax tree first and looks at every picture:

- udv's own pictures (the timeline) and pictures in a template folder (the data
  repository's ``templates/`` or udv's own, see :mod:`udvikling.render.templatefiles`) are
  put into the tree as ``data:`` addresses;
- a ``data:`` address written in the template stays as it is (it holds its own bytes);
- anything else (an absolute path, ``..``, a web address) stops the document with a
  Danish message.

pandoc then writes the document in ``--sandbox`` mode, where it reads no file but the
reference document, so nothing else can reach the document even by a way not foreseen here.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from udvikling.errors import DataError
from udvikling.render.templatefiles import (
    TemplateRefused,
    check_name,
    find_template_file,
    read_template_bytes,
)

MAX_PICTURE_BYTES = 5 * 1024 * 1024
MIME = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
}
_HINT = (
    "Et dokument kan kun vise udv's egne billeder (tidslinjen), data:-billeder og billeder, "
    "der ligger i templates/ (fx ![Logo](logo.png))."
)


def data_uri(name: str, data: bytes) -> str:
    """``data:image/svg+xml;base64,...`` for the picture ``name`` with bytes ``data``."""
    kind = MIME.get(Path(name).suffix.lower(), "application/octet-stream")
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def picture_problem(target: str, root: Path | None, resources: dict[str, bytes]) -> str | None:
    """Why a document may not show the picture ``target``; None when it may."""
    if target in resources or target.startswith("data:"):
        return None
    try:
        check_name(target)
        found = find_template_file(root, target)
    except TemplateRefused:
        found = None
    if found is None or Path(target).suffix.lower() not in MIME:
        return f"billedet '{target[:120]}' er hverken udv's eget eller et billede i templates/"
    return None


def embed_pictures(tree: Any, root: Path | None, resources: dict[str, bytes]) -> Any:
    """pandoc's syntax tree (from ``-t json``) with every allowed picture put inside it as a
    ``data:`` address; a picture that is not allowed raises :class:`DataError`."""
    for node in _images(tree):
        source = node["c"][2]
        target = str(source[0])
        problem = picture_problem(target, root, resources)
        if problem is not None:
            raise DataError(f"Dokumentet kan ikke laves: {problem}.", _HINT)
        if target in resources:
            source[0] = data_uri(target, resources[target])
        elif not target.startswith("data:"):
            path = find_template_file(root, target)
            assert path is not None  # picture_problem found it
            data = _read(path, target)
            source[0] = data_uri(target, data)
    return tree


def _read(path: Path, target: str) -> bytes:
    try:
        return read_template_bytes(path, target, MAX_PICTURE_BYTES)
    except TemplateRefused as exc:
        raise DataError(f"Dokumentet kan ikke laves: {exc.message}.", _HINT) from None


def _images(node: Any) -> list[dict[str, Any]]:
    """Every ``Image`` element in a pandoc JSON tree, in document order."""
    found: list[dict[str, Any]] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("t") == "Image" and _well_formed(item.get("c")):
                found.append(item)
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return found


def _well_formed(content: Any) -> bool:
    return (
        isinstance(content, list)
        and len(content) == 3
        and isinstance(content[2], list)
        and len(content[2]) == 2
        and isinstance(content[2][0], str)
    )
