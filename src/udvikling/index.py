"""An index of a plan's records, so completion and single-record commands need not load and
validate the whole plan.

For each record file the index keeps the hash of its bytes, its title and every id-shaped
value written in it (the ids it may refer to). It lives beside the parse cache (same folder,
same rules: see :mod:`udvikling.cache`), one sealed ``marshal`` file per plan, and is never
stale in the same way: every file asked about is read and hashed, and an entry is used only
for a file with exactly the same bytes; any other file is parsed again (through the parse
cache) and its entry replaced. Without a cache folder the index is made in memory each time.

:func:`related_files` answers which files ``udv show ID`` needs: the record's own, the
records it names and the records that name it. A value counts as a reference when it has
the shape of an id, whatever field it is in, so a new kind of reference is never missed
(a word that happens to look like an id only adds a file to read).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path

# Not `from typing import TYPE_CHECKING`: importing typing costs more than a Tab's work.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any

# The record folders, in the loader's order (:data:`udvikling.load.FOLDERS`; kept here as
# names so that asking the index imports no models).
FOLDERS = ("data/initiatives", "data/meetings", "data/indicators", "data/reports")
KINDS = {
    "data/initiatives": "initiative",
    "data/meetings": "meeting",
    "data/indicators": "indicator",
    "data/reports": "report",
}
_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_VERSION = b"udv-index-1"


# One record file: the hash of its bytes, its title ("" when none) and the id-shaped values
# written in it (sorted). A plain tuple: it is what the index file holds, read as it is.
Entry = tuple[bytes, str, tuple[str, ...]]


def list_records(root: Path) -> list[str]:
    """Every record file below ``root`` (relative posix paths, sorted by folder then name);
    unreadable folders and other files are left out (``udv lint`` reports them)."""
    found: list[str] = []
    for folder in FOLDERS:
        try:
            names = sorted(os.listdir(root / folder))
        except OSError:
            continue
        found.extend(f"{folder}/{n}" for n in names if n.endswith(".yaml") and n[0] != ".")
    return found


def stem(rel: str) -> str:
    """A record's id: its file name without ``.yaml``."""
    return rel.rpartition("/")[2].removesuffix(".yaml")


def _refs(data: Any, out: set[str]) -> None:
    if isinstance(data, str):
        if len(data) <= 200 and _ID.match(data):
            out.add(sys.intern(data))
    elif isinstance(data, dict):
        for value in data.values():
            _refs(value, out)
    elif isinstance(data, list):
        for value in data:
            _refs(value, out)


def entry_of(digest: bytes, data: Any) -> Entry:
    """The index entry of a file whose parsed data is ``data``."""
    refs: set[str] = set()
    _refs(data, refs)
    title = data.get("title") if isinstance(data, dict) else None
    return (digest, title if isinstance(title, str) else "", tuple(sorted(refs)))


class PlanIndex:
    """The entries of one plan's record files, by relative path."""

    def __init__(self, root: Path, entries: dict[str, Entry]) -> None:
        self.root = root
        self.entries = entries
        self._by_id: dict[str, list[str]] = {}
        for rel in entries:
            self._by_id.setdefault(stem(rel), []).append(rel)

    @classmethod
    def current(
        cls, root: Path, wanted: Iterable[str] | None = None, hashing: Hashing | None = None
    ) -> PlanIndex:
        """The index of the plan at ``root`` as its files are now: every record file (or only
        ``wanted``), each read and hashed, parsed again where it changed. Saved when
        anything changed and every file was asked for. ``hashing``: the files' hashes
        already under way (:func:`start_hashing`), used when they are of the same files."""
        every = wanted is None
        if every and hashing is not None and hashing.listed and hashing.root == root:
            rels = hashing.rels  # listed as the hashing began
        else:
            rels = list_records(root) if wanted is None else sorted(set(wanted))
        store = _Store.open(root)
        old = store.read() if store is not None else {}
        entries: dict[str, Entry] = {}
        stale: dict[str, bytes] = {}
        hashed = (
            hashing.result()
            if hashing is not None and hashing.root == root and hashing.rels == rels
            else digests(root, rels)
        )
        for rel, digest in zip(rels, hashed, strict=True):
            if digest is None:  # unreadable: udv lint says why
                continue
            known = old.get(rel)
            if known is not None and known[0] == digest:
                entries[rel] = known
            else:
                stale[rel] = digest
        if stale:
            parsed = _parse(root, stale)
            entries = {
                rel: entries.get(rel) or parsed[rel]
                for rel in rels
                if rel in entries or rel in parsed
            }
        if store is not None and every and (stale or entries.keys() != old.keys()):
            store.write(entries)
        return cls(root, entries)

    def ids(self, kind: str) -> dict[str, str]:
        """``{id: title}`` of the records of ``kind`` (initiative, meeting, report, ...)."""
        return {stem(rel): e[1] for rel, e in self.entries.items() if _kind(rel) == kind}

    def files_of(self, ids: Iterable[str]) -> set[str]:
        """The files of the records (of any kind) with these ids."""
        return {rel for i in ids for rel in self._by_id.get(i, ())}

    def naming(self, record_id: str) -> set[str]:
        """The files that write ``record_id`` somewhere (other than the record's own)."""
        own = set(self._by_id.get(record_id, ()))
        return {rel for rel, e in self.entries.items() if record_id in e[2] and rel not in own}


def _kind(rel: str) -> str:
    return KINDS.get(rel.rpartition("/")[0], "")


def related_files(index: PlanIndex, record_id: str) -> list[str]:
    """The files ``udv show record_id`` reads: the record's own, the records it names
    (dependencies, meetings of its milestones, where its journal was reported, the
    initiatives on a meeting's agenda) and the records that name it (initiatives that
    depend on it, meetings that discussed it, milestones held at a meeting)."""
    own = index.files_of([record_id])
    named: set[str] = set()
    for rel in own:
        named.update(index.entries[rel][2])
    return sorted(own | index.files_of(named) | index.naming(record_id))


# From this many files, a forked process reads and hashes every other one (two cores; the
# reading and hashing is most of a warm ``udv show`` in a big plan).
PARALLEL_MIN = 2000


def digests(root: Path, rels: list[str]) -> list[bytes | None]:
    """The hash of each file's bytes (None where it cannot be read), as the parse cache
    hashes them. With many files and a second core, a forked process does every other file
    and sends its hashes back; whatever it fails to send is done here."""
    if len(rels) < PARALLEL_MIN or not hasattr(os, "fork"):
        return _hashes(root, rels)
    from udvikling.cores import each_on_two

    def sound(chunk: list[str], hashes: Any) -> bool:
        return _well_formed_hashes(hashes, len(chunk))

    mine, theirs = each_on_two([rels[::2], rels[1::2]], lambda c: _hashes(root, c), sound)
    out: list[bytes | None] = [None] * len(rels)
    out[::2] = mine
    out[1::2] = theirs
    return out


def _hashes(root: Path, rels: list[str]) -> list[bytes | None]:
    from udvikling.fileio import file_digest
    from udvikling.safe_read import filesystem_reader

    read = filesystem_reader(root)
    out: list[bytes | None] = []
    for rel in rels:
        try:
            out.append(file_digest(read(rel)))
        except (OSError, KeyError):
            out.append(None)
    return out


def _two_cores() -> bool:
    from udvikling.cores import jobs

    return hasattr(os, "fork") and jobs() >= 2


# From this many files, :func:`start_hashing` hashes them in a forked process.
EARLY_MIN = 500


class Hashing:
    """The hashes of some files (as :func:`digests` gives them), worked out by a forked
    process while this one goes on, say importing what the command needs; :meth:`result`
    waits for them, hashing here the files left to this process (and whatever the child
    did not send)."""

    def __init__(
        self,
        root: Path,
        rels: list[str],
        theirs: list[int],
        child: tuple[int, Any] | None,
        listed: bool = False,
    ) -> None:
        self.root = root
        self.rels = rels
        self.listed = listed  # rels are every record file (list_records), listed here
        self._theirs = theirs  # the positions in ``rels`` the child hashes
        self._child = child
        self._result: list[bytes | None] | None = None

    def result(self) -> list[bytes | None]:
        """The hash of each of :attr:`rels` (None where it cannot be read)."""
        if self._result is None:
            child, self._child = self._child, None
            if child is None:
                self._result = digests(self.root, self.rels)
                return self._result
            taken = set(self._theirs)
            mine = [i for i in range(len(self.rels)) if i not in taken]
            out: list[bytes | None] = [None] * len(self.rels)
            hashed = _hashes(self.root, [self.rels[i] for i in mine])
            for i, digest in zip(mine, hashed, strict=True):
                out[i] = digest
            received = _receive(child, len(self._theirs))
            if received is None:
                received = _hashes(self.root, [self.rels[i] for i in self._theirs])
            for i, digest in zip(self._theirs, received, strict=True):
                out[i] = digest
            self._result = out
        return self._result


def start_hashing(root: Path, rels: list[str] | None = None) -> Hashing:
    """Start hashing ``rels`` below ``root`` (default: every record file): in a forked
    process when there are many and a second core (otherwise when the result is asked for).
    The child takes all of them, or, from :data:`PARALLEL_MIN` files, two of every three:
    this process hashes the rest when it has imported what it needs."""
    listed = rels is None
    if rels is None:
        rels = list_records(root)
    if len(rels) < EARLY_MIN or not _two_cores():
        return Hashing(root, rels, [], None, listed)
    if len(rels) < PARALLEL_MIN:
        theirs = list(range(len(rels)))
    else:
        theirs = [i for i in range(len(rels)) if i % 3]
    child = _fork(lambda: _hashes(root, [rels[i] for i in theirs]))
    return Hashing(root, rels, theirs if child is not None else [], child, listed)


def _fork(work: Any) -> tuple[int, Any] | None:
    from udvikling.cores import fork

    return fork(work)


def _receive(child: tuple[int, Any], count: int) -> list[bytes | None] | None:
    """The child's hashes, if it sent ``count`` of them whole; None otherwise."""
    from udvikling.cores import receive

    whole, items = receive(child)
    return items if whole and _well_formed_hashes(items, count) else None


def _well_formed_hashes(items: Any, count: int) -> bool:
    return (
        isinstance(items, list)
        and len(items) == count
        and all(i is None or (type(i) is bytes and len(i) == 16) for i in items)
    )


def _parse(root: Path, rels: dict[str, bytes]) -> dict[str, Entry]:
    """Entries for ``rels`` (with the hash of the bytes read first: a file changed since
    is parsed again next time), parsed (through the parse cache and with two cores when there
    are many, as the loader does)."""
    from udvikling.cache import CACHE_MIN, ParseCache
    from udvikling.reading import parse_files
    from udvikling.safe_read import filesystem_reader

    read = filesystem_reader(root)
    cache = ParseCache.open(root) if len(rels) >= CACHE_MIN else None
    out: dict[str, Entry] = {}
    stream = parse_files(sorted(rels), read, cache, reread=True)
    try:
        for rel, parsed in stream:
            out[rel] = entry_of(rels[rel], parsed.data)
    except BaseException:
        stream.close()
        if cache is not None:
            cache.discard()
        raise
    if cache is not None:
        cache.save()
    return out


def _well_formed(item: tuple[Any, Any]) -> bool:
    rel, entry = item
    return (
        type(rel) is str
        and type(entry) is tuple
        and len(entry) == 3
        and type(entry[0]) is bytes
        and type(entry[1]) is str
        and type(entry[2]) is tuple
    )


class _Store:
    """The index file of one plan in the cache folder (a sealed file, see
    :class:`udvikling.cache.SealedFile`)."""

    def __init__(self, sealed: Any) -> None:
        self.sealed = sealed

    @classmethod
    def open(cls, root: Path) -> _Store | None:
        import hashlib

        from udvikling.cache import SealedFile, _code_key

        # The parse cache's key (the reader's code, Python, PyYAML) and this module's code.
        key = _VERSION + _code_key() + hashlib.blake2b(Path(__file__).read_bytes()).digest()
        sealed = SealedFile.open(root, "index", key)
        return None if sealed is None else cls(sealed)

    def read(self) -> dict[str, Entry]:
        """The saved entries; none when the file is missing, damaged, forged or outdated."""
        rows = self.sealed.read()
        if not (isinstance(rows, dict) and all(map(_well_formed, rows.items()))):
            return {}
        return rows

    def write(self, entries: dict[str, Entry]) -> None:
        """Replace the file with ``entries`` (atomically; silently not when it cannot)."""
        self.sealed.write(entries)
