"""Read and check a ``reference.docx`` before pandoc or python-docx opens it.

A Word file is a zip archive, and a small one can inflate to gigabytes (a "zip bomb"). The
data repository may bring its own reference document, so its size, its number of parts
and the size each part really inflates to are checked first (every part is inflated once,
in pieces, counting bytes, rather than trusting what the archive says). Only the checked
bytes are used afterwards: they are written to udv's own temporary folder for pandoc.

Nothing in it may point outside the document (:func:`outside_problem`): Word follows an
attached template on ``\\\\host\\share`` (and hands the host the reader's Windows
credentials), an external picture or an ``INCLUDEPICTURE``/``INCLUDETEXT`` field the moment a
politician opens the note. Such a house style is refused, by ``udv render`` and ``--check``.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from udvikling.errors import DataError
from udvikling.render.templatefiles import TemplateRefused, read_template_bytes

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_INFLATED_BYTES = 64 * 1024 * 1024
MAX_PARTS = 1000
_HINT = (
    "Brug udv's egen reference.docx (slet templates/reference.docx), eller gem husstilen "
    "igen fra Word som et almindeligt dokument."
)


# Relationship types Word may follow by itself; only a hyperlink waits for a click.
_REL_RE = re.compile(rb"<Relationship\b[^>]*>", re.IGNORECASE)
_EXTERNAL_RE = re.compile(rb"""TargetMode\s*=\s*["']External["']""", re.IGNORECASE)
_TYPE_RE = re.compile(rb"""Type\s*=\s*["'][^"']*/([A-Za-z]+)["']""")
# Field codes that fetch or run something from outside the document.
_FIELD_RE = re.compile(
    r"\b(INCLUDEPICTURE|INCLUDETEXT|INCLUDE|LINK|DDEAUTO|DDE|IMPORT|AUTOTEXTLIST|HYPERLINK)\b",
    re.IGNORECASE,
)
_INSTR_TEXT_RE = re.compile(rb"<w:instrText\b[^>]*>([^<]*)</w:instrText>")
_INSTR_ATTR_RE = re.compile(rb'w:instr\s*=\s*"([^"]*)"')
_FETCHING_FIELDS = {"INCLUDEPICTURE", "INCLUDETEXT", "INCLUDE", "LINK", "DDEAUTO", "DDE", "IMPORT"}


def outside_problem(name: str, data: bytes) -> str | None:
    """Why the part ``name`` (inflated ``data``) points outside the document, or None: a
    relationship Word follows by itself to an outside target (an attached template, a
    picture, a frame, an object), or a field that includes or links outside content
    (the field's code is read across the runs Word splits it into)."""
    if name.endswith(".rels"):
        for found in _REL_RE.finditer(data):
            rel = found.group(0)
            if not _EXTERNAL_RE.search(rel):
                continue
            kind = _TYPE_RE.search(rel)
            kind_name = kind.group(1).decode("ascii", "replace") if kind else "ukendt"
            if kind_name.lower() != "hyperlink":
                return f"{name} henter noget uden for dokumentet ({kind_name})"
        return None
    if not name.endswith(".xml"):
        return None
    if b"instr" not in data:
        return None
    code = b" ".join(_INSTR_TEXT_RE.findall(data)).decode("utf-8", "replace")
    codes = [code, *(c.decode("utf-8", "replace") for c in _INSTR_ATTR_RE.findall(data))]
    for text in codes:
        for field in _FIELD_RE.findall(text.replace(" ", "") + " " + text):
            if field.upper() in _FETCHING_FIELDS:
                return f"{name} har feltet {field.upper()}, der henter indhold uden for dokumentet"
    return None


def reference_problem(data: bytes) -> str | None:
    """Why ``data`` is not a reference document udv will use, or None."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return "filen er ikke et Word-dokument (.docx)"
    with archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            return f"dokumentet har {len(parts)} dele; udv læser højst {MAX_PARTS}"
        if "word/styles.xml" not in archive.namelist():
            return "dokumentet har ingen typografier (word/styles.xml)"
        total = 0
        for part in parts:
            try:
                inflated: list[bytes] = []
                with archive.open(part) as handle:
                    while chunk := handle.read(1 << 16):
                        total += len(chunk)
                        inflated.append(chunk)
                        if total > MAX_INFLATED_BYTES:
                            return (
                                "dokumentet fylder udpakket mere end "
                                f"{MAX_INFLATED_BYTES // (1024 * 1024)} MB"
                            )
                outside = outside_problem(part.filename[:80], b"".join(inflated))
                if outside is not None:
                    return outside
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
                return f"delen {part.filename[:80]} kan ikke pakkes ud"
            except RuntimeError:  # an encrypted part
                return f"delen {part.filename[:80]} er krypteret"
    return None


def load_reference(path: Path, shown: str) -> bytes:
    """The checked bytes of the reference document at ``path`` (shown to users as ``shown``)."""
    try:
        data = read_template_bytes(path, shown, MAX_FILE_BYTES)
    except TemplateRefused as exc:
        raise DataError(f"Husstilen kan ikke bruges: {exc.message}.", _HINT) from None
    problem = reference_problem(data)
    if problem is not None:
        raise DataError(f"Husstilen {shown} kan ikke bruges: {problem}.", _HINT)
    return data
