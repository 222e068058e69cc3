"""The last lint of each plan, kept so that ``udv lint`` on a plan whose files have not
changed answers at once: without loading the plan, and without importing the models.

A lint's findings depend on nothing but the plan's files, the dates it is judged at and
udv itself, so the memo is keyed by all of these (see :func:`fingerprint`):

- every record folder's listing (a new, removed or renamed file changes it, a ``.yml`` file
  and a folder that cannot be read included) and the hash of the bytes of ``udvikling.yaml``
  and of every record file, read as the loader reads them: as never stale as the parse
  cache (:mod:`udvikling.cache`), which also reads and hashes every file on every run;
- the date the plan is judged at and the real date (``--as-of`` and today);
- the plan's folder (findings name paths relative to it);
- udv's own code (every module's size and modification time) and the versions of Python,
  PyYAML and pydantic.

The memo is one sealed file per plan in the cache folder (:class:`udvikling.cache.SealedFile`:
same place and rules as the parse cache; ``UDV_NO_CACHE=1`` turns it off). It is written only
when no file changed while the plan was being linted (each file's size, modification time and
inode are taken before and after), so a file saved during a run never leaves a verdict on
bytes the lint did not read.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from udvikling.findings import Finding
from udvikling.index import FOLDERS  # the loader's folders, by name (no models imported)
from udvikling.plan_root import CONFIG_FILE

_VERSION = b"udv-lint-memo-1"

# One file's state: size, modification time (ns) and inode, to tell whether it changed
# while the plan was linted.
Stat = tuple[int, int, int]


def _stat(path: str) -> Stat:
    info = os.stat(path)
    return (info.st_size, info.st_mtime_ns, info.st_ino)


class Fingerprint:
    """The state of a plan's files as lint reads them, or None from :meth:`take` when some
    file or folder cannot be read (then lint says why, and nothing is kept)."""

    def __init__(self, digest: bytes, files: list[str], stats: list[Stat]) -> None:
        self.digest = digest
        self.files = files
        self.stats = stats

    @classmethod
    def take(cls, root: Path, today: date, clock: date | None) -> Fingerprint | None:
        from udvikling.cache import code_stamp
        from udvikling.index import digests

        listing: list[Any] = []
        files: list[str] = [CONFIG_FILE]
        for folder in FOLDERS:
            base = root / folder
            try:
                names = sorted(os.listdir(base))
            except FileNotFoundError:
                if os.path.islink(base):
                    return None  # a link to nowhere: lint reports it
                listing.append((folder, None))
                continue
            except OSError:
                return None
            listing.append((folder, names))
            files.extend(f"{folder}/{n}" for n in names if n.endswith(".yaml") and n[0] != ".")
        hashes = digests(root, files)
        if any(h is None for h in hashes):
            return None
        try:
            stats = [_stat(os.path.join(root, rel)) for rel in files]
        except OSError:
            return None
        digest = hashlib.blake2b(digest_size=32)
        parts = (
            _VERSION,
            code_stamp(),
            str(root.resolve()),
            today.isoformat(),
            clock.isoformat() if clock is not None else "",
            listing,
            files,
            hashes,
        )
        # repr, not marshal: marshal's bytes depend on which objects happen to be shared.
        digest.update(repr(parts).encode("utf-8", "surrogatepass"))
        return cls(digest.digest(), files, stats)

    def unchanged(self, root: Path) -> bool:
        """True when no file has changed (size, time, inode) since the fingerprint was taken."""
        try:
            return [_stat(os.path.join(root, rel)) for rel in self.files] == self.stats
        except OSError:
            return False


# How many lints of a plan are kept (for as many pairs of dates: an editor lints at today's
# date, a script or a report at another).
KEEP = 4


def _well_formed(value: Any) -> bool:
    from udvikling.cache import well_formed_rows

    if not (isinstance(value, tuple) and len(value) == 3):
        return False
    digest, rows, checked = value
    return type(digest) is bytes and type(checked) is int and well_formed_rows(rows)


def memoized(
    root: Path, today: date, clock: date | None, work: Callable[[], tuple[list[Finding], int]]
) -> tuple[list[Finding], int]:
    """The findings (and the number of files checked) of linting the plan at ``root``:
    those kept from an earlier run when nothing they depend on has changed, else ``work()``'s,
    which are then kept."""
    from udvikling.cache import SealedFile, finding_rows

    sealed = SealedFile.open(root, "lint", _VERSION)
    if sealed is None:
        return work()
    seen = Fingerprint.take(root, today, clock)
    if seen is None:
        return work()
    kept = sealed.read()
    entries = [e for e in kept if _well_formed(e)] if isinstance(kept, tuple) else []
    for digest, rows, checked in entries:
        if digest == seen.digest:
            return [Finding(*f) for f in rows], checked
    findings, checked = work()
    # Only plain findings are kept (every finding of a finished lint has its place).
    if all(type(f) is Finding for f in findings) and seen.unchanged(root):
        sealed.write(((seen.digest, finding_rows(findings), checked), *entries[: KEEP - 1]))
    return findings, checked
