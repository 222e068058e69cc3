"""Read a plan's files without following them out of the plan, hanging or filling memory.

:func:`filesystem_reader` is the loader's default :data:`~udvikling.load.Reader`. A file is
opened without blocking and checked before a byte is read: a FIFO, a device, a socket or a
folder named like a data file is refused (a FIFO would otherwise hang ``udv lint``
forever), a link that leads out of the plan is refused, and a file over
:data:`~udvikling.yamlsrc.MAX_BYTES` is never read. Git blobs get the same size limit
(:mod:`udvikling.review.snapshot`). Each refusal becomes a finding at line 1 of the file.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

from udvikling.fileio import LOOP_TEXT, MAX_BYTES, resolve_path, too_large_finding

TYPE_CHECKING = False  # (importing typing for it would cost a Tab more than its work)
if TYPE_CHECKING:
    from udvikling.findings import Finding

Reader = Callable[[str], bytes]

_KINDS = (
    (stat.S_ISDIR, "en mappe"),
    (stat.S_ISFIFO, "en FIFO (navngivet pipe)"),
    (stat.S_ISCHR, "en enhed"),
    (stat.S_ISBLK, "en enhed"),
    (stat.S_ISSOCK, "en socket"),
)


class NotAFile(OSError):
    """The name is a folder, FIFO, device or socket, not an ordinary file."""

    def __init__(self, rel: str, kind: str) -> None:
        super().__init__(f"{rel} er {kind}")
        self.kind = kind


class TooLarge(OSError):
    """The file is bigger than udv reads (its size in bytes is kept for the message)."""

    def __init__(self, rel: str, size: int) -> None:
        super().__init__(f"{rel} fylder {size} byte")
        self.size = size


def kind_of(mode: int) -> str:
    """Danish for what a non-regular file is."""
    return next((word for test, word in _KINDS if test(mode)), "ikke en almindelig fil")


def read_regular(
    path: Path | str, rel: str, limit: int = MAX_BYTES, *, extra_flags: int = 0
) -> bytes:
    """The bytes of the ordinary file ``path``; raises :class:`NotAFile`, :class:`TooLarge`
    or another ``OSError``. Opening never blocks, whatever the file is."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | extra_flags
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not extra_flags & getattr(os, "O_NOFOLLOW", 0):
            raise OSError(errno.ELOOP, LOOP_TEXT) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(rel, kind_of(info.st_mode))
        if info.st_size > limit:
            raise TooLarge(rel, info.st_size)
        # One read for the usual file: all of it, as big as fstat said. A shorter read (a
        # file system that reads in parts) or a longer one (it grew) reads on to the end.
        first = os.read(fd, info.st_size + 1)
        if len(first) == info.st_size:
            return first
        chunks: list[bytes] = [first]
        total = len(first)
        if total > limit:
            raise TooLarge(rel, total)
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while being read
                raise TooLarge(rel, total)
        return b"".join(chunks)
    finally:
        os.close(fd)


def filesystem_reader(root: Path) -> Reader:
    """Read files below ``root``, refusing links that point outside it and special files."""
    resolved_root = resolve_path(root)
    # Per folder: its resolved path as text, and whether it lies inside the plan.
    folders: dict[str, tuple[str, bool]] = {}
    nofollow = getattr(os, "O_NOFOLLOW", 0)

    def read(rel: str) -> bytes:
        # Resolve each folder once; a file itself is resolved only when it is a link.
        folder, _, name = rel.rpartition("/")
        known = folders.get(folder)
        if known is None:
            base = resolve_path(root / folder) if folder else resolved_root
            known = folders[folder] = (str(base), base.is_relative_to(resolved_root))
        base_text, inside = known
        target = os.path.join(base_text, name)
        if inside and nofollow:
            # The usual case in one system call: a link is refused by the opening itself,
            # then looked at below.
            try:
                return read_regular(target, rel, extra_flags=nofollow)
            except OSError as exc:
                if exc.errno != errno.ELOOP:
                    raise
        path = Path(target)
        if not inside or os.path.islink(path):
            path = resolve_path(path)
            if not path.is_relative_to(resolved_root):
                # Never the path it leads to: a finding may be a CI annotation.
                raise PermissionError(errno.EACCES, "den peger uden for datamappen (et link)")
        return read_regular(path, rel)

    return read


_READ_ERRORS = {
    errno.ENOENT: "filen findes ikke (et link, der peger på intet)",
    errno.EACCES: "der er ikke læseadgang",
    errno.EPERM: "der er ikke læseadgang",
    errno.ELOOP: LOOP_TEXT,
    errno.EISDIR: "det er en mappe",
    errno.ENOTDIR: "en del af stien er ikke en mappe",
    errno.EIO: "en I/O-fejl på enheden",
    errno.ENAMETOOLONG: "navnet er for langt",
}


def read_error_text(exc: OSError) -> str:
    """A Danish reason a file could not be read: udv's own words when it gave some, else
    the system's reason by its errno."""
    if exc.strerror and exc.strerror in (LOOP_TEXT, "den peger uden for datamappen (et link)"):
        return exc.strerror
    if exc.errno in _READ_ERRORS:
        return _READ_ERRORS[exc.errno]
    return exc.strerror or str(exc)


def unreadable_finding(rel: str, exc: OSError | KeyError) -> Finding:
    """The finding for a file a reader refused or could not read."""
    from udvikling.findings import Finding

    if isinstance(exc, TooLarge):
        return too_large_finding(rel, exc.size)
    if isinstance(exc, NotAFile):
        return Finding(
            rel,
            1,
            1,
            "UDV008",
            "error",
            f"Filen kan ikke læses: det er {exc.kind}, ikke en almindelig fil.",
            "Slet den, eller erstat den med en almindelig YAML-fil.",
        )
    reason = read_error_text(exc) if isinstance(exc, OSError) else str(exc)
    return Finding(
        rel,
        1,
        1,
        "UDV008",
        "error",
        f"Filen kan ikke læses: {reason}.",
        "Tjek at filen findes, kan læses og ligger i datamappen.",
    )
