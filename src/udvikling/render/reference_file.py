"""Read and check a ``reference.docx`` before pandoc or python-docx opens it.

A Word file is a zip archive, and a small one can inflate to gigabytes (a "zip bomb"). The
data repository may bring its own reference document, so its size, its number of parts
and the size each part really inflates to are checked first (every part is inflated once,
in pieces, counting bytes, rather than trusting what the archive says). Only the checked
bytes are used afterwards: they are written to udv's own temporary folder for pandoc.
"""

from __future__ import annotations

import io
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
                with archive.open(part) as handle:
                    while chunk := handle.read(1 << 16):
                        total += len(chunk)
                        if total > MAX_INFLATED_BYTES:
                            return (
                                "dokumentet fylder udpakket mere end "
                                f"{MAX_INFLATED_BYTES // (1024 * 1024)} MB"
                            )
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
