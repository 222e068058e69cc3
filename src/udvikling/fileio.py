"""Files: the limit on what is read and the hash files are known by; and writing files
atomically: a temporary file in the same folder, then a rename.

An interrupted or failed write never leaves a half-written file behind, and an existing
file is replaced in one step or not at all.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterable
from pathlib import Path

# Not `from typing import TYPE_CHECKING`: importing typing costs more than a Tab's work.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from udvikling.findings import Finding

# hashlib (with OpenSSL), tempfile and the findings are imported where they are used: the
# launcher's quick answers (help, a Tab) import this module and need none of them.

# No file udv reads is read whole above this size (a data file is normally under 50 KB).
MAX_BYTES = 5 * 1024 * 1024


def too_large_finding(path: str, size: int) -> Finding:
    """UDV007 for a file of ``size`` bytes, over :data:`MAX_BYTES` (never read whole)."""
    from udvikling.findings import Finding

    return Finding(
        path,
        1,
        1,
        "UDV007",
        "error",
        f"Filen er {size / (1024 * 1024):.1f} MB; udv læser højst "
        f"{MAX_BYTES // (1024 * 1024)} MB pr. fil.",
        "Et tiltag eller møde fylder normalt under 50 KB: er det den rigtige fil?",
    )


def file_digest(raw: bytes) -> bytes:
    """The hash a file's bytes are known by (BLAKE2b, 16 bytes): in the parse cache, the
    plan's index and lint's memo, and when a :class:`~udvikling.yamlsrc.SourceMap` reads its
    file again."""
    import hashlib

    return hashlib.blake2b(raw, digest_size=16).digest()


def write_atomic(
    path: Path,
    data: bytes | str | Iterable[bytes],
    *,
    overwrite: bool = True,
    durable: bool = True,
    make_parents: bool = True,
) -> None:
    """Write ``data`` to ``path`` atomically; with ``overwrite=False`` refuse an existing file.

    ``durable=False`` skips the flush to disk (for a cache that may be lost in a power cut
    but must never be seen half-written); ``make_parents=False`` leaves a missing folder
    missing (an output the user named goes where they said or nowhere). ``data`` may come
    in chunks, written as they are made (the parse cache is never whole in memory).
    """
    chunks: Iterable[bytes] = (
        [data.encode("utf-8")]
        if isinstance(data, str)
        else [data]
        if isinstance(data, bytes | bytearray)
        else data
    )
    if make_parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            # mkstemp makes the file private (0600); give it the mode a normal write would.
            with contextlib.suppress(OSError):
                os.fchmod(handle.fileno(), mode)
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            # link() fails if the target exists: no window where another writer is clobbered.
            os.link(tmp, path)
            os.unlink(tmp)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _mode_for(path: Path) -> int:
    """The permissions the written file should have: an existing file's own, else what the
    user's umask gives a new file (as ``open(path, "w")`` would)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def resolve_path(path: Path) -> Path:
    """``path`` with its links followed (as ``Path.resolve()``), but a ring of symbolic links
    is an ``OSError`` (``ELOOP``) with a Danish reason on every Python version, never the
    ``RuntimeError`` older versions raise: a pull request can commit such a ring."""
    try:
        return path.resolve()
    except RuntimeError:  # Python < 3.13: "Symlink loop from ..."
        raise OSError(errno.ELOOP, LOOP_TEXT) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OSError(errno.ELOOP, LOOP_TEXT) from None
        raise


LOOP_TEXT = "en ring af symbolske links (et link, der peger på sig selv)"


def write_error_text(exc: OSError) -> str:
    """A Danish reason for a failed write, from its errno."""
    reasons = {
        errno.ENOSPC: "der er ikke mere plads på disken",
        errno.EDQUOT: "diskkvoten er brugt op",
        errno.EFBIG: "filen bliver større, end den må være",
        errno.EROFS: "filsystemet er skrivebeskyttet",
        errno.EACCES: "der er ikke skriveadgang",
        errno.EPERM: "der er ikke skriveadgang",
        errno.ENOENT: "mappen findes ikke",
        errno.ENOTDIR: "en del af stien er ikke en mappe",
        errno.EISDIR: "det er en mappe",
        errno.ENAMETOOLONG: "filnavnet er for langt",
        errno.EBADF: "den er lukket",
        errno.EIO: "en I/O-fejl på enheden",
        errno.ELOOP: LOOP_TEXT,
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))
