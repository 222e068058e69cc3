"""The data files of a git revision, listed and read from git's objects (no plan models).

:func:`snapshot` lists a revision's ``udvikling.yaml`` and data files (``git ls-tree``) with
their sizes (``git cat-file --batch-check``); :class:`Snapshot` reads their contents when
the loader asks (``git cat-file --batch``, in batches). Nothing here imports the plan's
models, so ``udv diff`` can list its revisions in a background thread while they are
imported (:class:`PendingRevisions`); :mod:`udvikling.review.snapshot` loads them.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from udvikling.fileio import MAX_BYTES
from udvikling.index import FOLDERS  # the loader's folders, by name (no models imported)
from udvikling.plan_root import CONFIG_FILE
from udvikling.review.blobs import READ_AHEAD_BYTES, blob_ids, read_objects
from udvikling.review.git import Repo, Revision, open_repo, resolve_range
from udvikling.safe_read import TooLarge

if TYPE_CHECKING:
    from udvikling.load import Reader


def _wanted(rel: str) -> bool:
    folder, _, name = rel.rpartition("/")
    return folder in FOLDERS and not name.startswith(".") and name.endswith((".yaml", ".yml"))


# Blobs read together, at most (one ``git cat-file`` each): a comparison of hundreds of
# large files never holds more than this of their contents at once.
BATCH_BYTES = 32 * 1024 * 1024


class _Blobs:
    """Reads a snapshot's blobs when the loader asks for them, in batches of at most
    :data:`BATCH_BYTES` in the order the loader reads (the files from the one asked for
    on), keeping only the current batch; ``kept`` holds ``udvikling.yaml``'s (small, read
    by every load) across batches and revisions."""

    def __init__(
        self, repo: Repo, order: list[tuple[str, int]], kept: dict[str, bytes | None]
    ) -> None:
        self.repo = repo
        self.order = order  # (blob id, size) in reading order
        self.at = {obj: index for index, (obj, _) in reversed(list(enumerate(order)))}
        self.batch: dict[str, bytes | None] = {}
        self.kept = kept

    def get(self, obj: str, keep: bool = False) -> bytes | None:
        if obj in self.kept:
            return self.kept[obj]
        if obj not in self.batch:
            self.batch = {}  # the previous batch is let go before the next is read
            todo: list[str] = []
            total = 0
            for wanted, size in self.order[self.at.get(obj, 0) :]:
                if todo and total + size > BATCH_BYTES:
                    break
                if wanted not in todo and wanted not in self.kept:
                    todo.append(wanted)
                    total += size
            if obj not in todo:
                todo = [obj]
            self.batch = read_objects(self.repo, todo)
        data = self.batch.get(obj)
        if keep:
            self.kept[obj] = data
        return data


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The data files of one revision: relative paths and their blobs, read when asked."""

    revision: Revision
    blobs: dict[str, str]  # path: blob id, for the files udv may read
    links: frozenset[str]  # symbolic links: never followed
    too_large: dict[str, int] = field(default_factory=dict)  # never read: their sizes
    # What git holds at each path, as (mode, object id): the same pair is the same file.
    entries: dict[str, tuple[str, str]] = field(default_factory=dict)
    repo: Repo | None = None
    sizes: dict[str, int] = field(default_factory=dict)  # path: size, of the readable files
    kept: dict[str, bytes | None] = field(default_factory=dict)  # udvikling.yaml's, by blob
    # Readers whose first batch was read ahead (:meth:`read_ahead`), by the files they read;
    # each is handed out once by :meth:`reader`.
    ahead: dict[tuple[str, ...], Reader] = field(default_factory=dict)

    @property
    def files(self) -> set[str]:
        """The paths of the files udv may read (not links, not too large)."""
        return set(self.blobs)

    def reader(self, files: Iterable[str] | None = None) -> Reader:
        """A :data:`Reader` over the snapshot (missing files raise ``FileNotFoundError``),
        reading ``files`` (all, by default) in batches as the loader asks for them."""
        wanted = sorted(self.blobs if files is None else set(files) & set(self.blobs))
        ready = self.ahead.pop(tuple(wanted), None)
        if ready is not None:
            return ready
        order = [CONFIG_FILE, *(r for r in wanted if r != CONFIG_FILE)]
        store = (
            _Blobs(
                self.repo,
                [(self.blobs[r], self.sizes.get(r, 0)) for r in order if r in self.blobs],
                self.kept,
            )
            if self.repo is not None
            else None
        )

        def read(rel: str) -> bytes:
            if rel in self.links:
                raise PermissionError(f"{rel} er et symbolsk link i git; udv følger ikke links")
            if rel in self.too_large:
                raise TooLarge(rel, self.too_large[rel])
            obj = self.blobs.get(rel)
            data = None
            if obj is not None and store is not None:
                data = store.get(obj, keep=rel == CONFIG_FILE)
            if data is None:
                raise FileNotFoundError(2, "filen findes ikke i denne revision", rel)
            return data

        return read

    def read_ahead(self, files: list[str]) -> None:
        """Read now the batch of blobs that loading ``files`` through ``reader(files)``
        begins with (the loader reads ``udvikling.yaml``, then the files in order; the first
        read that is not of a blob already at hand reads a batch); the next
        ``reader(files)`` is that reader. Nothing is read when the files are more than
        :data:`READ_AHEAD_BYTES`."""
        if sum(self.sizes.get(rel, 0) for rel in (CONFIG_FILE, *files)) > READ_AHEAD_BYTES:
            return
        read = self.reader(files)
        for rel in (CONFIG_FILE, *files[:1]):
            with contextlib.suppress(OSError):  # the loader meets it again and reports it
                read(rel)
        self.ahead[tuple(sorted(set(files) & set(self.blobs)))] = read

    def record_files(self) -> list[str]:
        """The ``.yaml`` record files, as :func:`udvikling.load.list_files` would list them."""
        return sorted(
            rel
            for rel in (*self.blobs, *self.links, *self.too_large)
            if rel != CONFIG_FILE and rel.endswith(".yaml")
        )


def changed_files(snap: Snapshot, known: Snapshot) -> set[str]:
    """The record files of ``snap`` that are not the same file in ``known`` (mode and blob)."""
    return {rel for rel in snap.record_files() if known.entries.get(rel) != snap.entries.get(rel)}


def snapshot(repo: Repo, revision: Revision, known: Snapshot | None = None) -> Snapshot:
    """Every data file of ``revision`` (``udvikling.yaml`` and the data folders), listed
    with their sizes; the contents are read only when the loader asks for a file
    (:class:`_Blobs`), so a later revision reads only the files that differ; ``known``
    (another revision's snapshot) lends it the ``udvikling.yaml`` it has read."""
    done = repo.git(
        [
            "ls-tree",
            "-r",
            "-z",
            "--full-tree",
            revision.commit,
            "--",
            f"{repo.prefix}{CONFIG_FILE}",
            f"{repo.prefix}data/",
        ]
    )
    blobs: dict[str, str] = {}
    links: set[str] = set()
    entries: dict[str, tuple[str, str]] = {}
    for entry in done.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if not entry:
            continue
        meta, _, path = entry.partition("\t")
        mode, kind, obj = meta.split(" ")
        rel = path.removeprefix(repo.prefix)
        if rel != CONFIG_FILE and not _wanted(rel):
            continue
        entries[rel] = (mode, obj)
        if mode == "120000":
            links.add(rel)
        elif kind == "blob":
            blobs[rel] = obj
    sizes: dict[str, int] = {}  # path: size, of every blob git has
    listed = blob_ids(repo, blobs.values())
    for rel, obj in blobs.items():
        known_size = listed.get(obj)
        if known_size is not None:
            sizes[rel] = known_size[1]
    readable = {rel: blobs[rel] for rel, size in sizes.items() if size <= MAX_BYTES}
    too_large = {rel: size for rel, size in sizes.items() if size > MAX_BYTES}
    kept = known.kept if known is not None else {}
    readable_sizes = {rel: sizes[rel] for rel in readable}
    return Snapshot(
        revision, readable, frozenset(links), too_large, entries, repo, readable_sizes, kept
    )


class PendingRevisions:
    """What ``udv diff BASE HEAD`` asks git before it parses any file, started at once in a
    background thread: the repository, the two revisions, the listing of each
    (:func:`snapshot`), in the order the comparison loads them (the later revision first,
    unless it is the working tree), and the first batch of blobs each will read.

    The thread runs git and waits for it; it imports no plan models, so the command can
    import them meanwhile. An error is kept and raised by :meth:`result`, where the command
    would have met it without the thread (nothing it does before can fail).
    """

    def __init__(self, root: Path, base: str | None, head: str | None) -> None:
        self._root, self._base, self._head = root, base, head
        self._result: tuple[Repo, Revision, Revision | None, list[Snapshot]] | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="udv-diff-git", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            repo = open_repo(self._root)
            before, after = resolve_range(repo, self._base, self._head)
            first = snapshot(repo, after) if after is not None else None
            second = snapshot(repo, before, first)
            # The first batch of each, as the loader will ask: the first revision reads all
            # its files from udvikling.yaml on, the second only those that differ.
            (first or second).read_ahead((first or second).record_files())
            if first is not None:
                second.read_ahead(sorted(changed_files(second, first)))
            self._result = (repo, before, after, [s for s in (first, second) if s is not None])
        except BaseException as exc:  # raised again in the main thread
            self._error = exc

    def result(self) -> tuple[Repo, Revision, Revision | None, list[Snapshot]]:
        """The repository, the base and head revisions (None: the working tree) and their
        snapshots in loading order (waits for the thread)."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result
