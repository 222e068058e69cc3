"""The git side of ``udv history``: where a record lives, the commits that touched it, and
the blobs of its versions, with no plan models imported.

Everything here runs git and parses git's output, nothing else, so :class:`PendingLog` can
do it in a background thread while the command imports pydantic and the plan's models
(about two thirds of the command's time): the git processes then run on the other core
instead of after the imports. :func:`udvikling.review.history.record_history` turns the
:class:`RecordLog` into the record's history.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from udvikling.fileio import MAX_BYTES
from udvikling.plan_root import CONFIG_FILE
from udvikling.review.blobs import READ_AHEAD_BYTES, blob_ids, read_objects
from udvikling.review.git import Repo, open_repo, resolve

if TYPE_CHECKING:
    from udvikling.review.model import RecordKind

FOLDER_KINDS: dict[str, RecordKind] = {
    "data/initiatives": "initiative",
    "data/meetings": "meeting",
    "data/indicators": "indicator",
}
# How many bytes of blobs one ``git cat-file --batch`` reads before the versions they
# belong to are parsed (and the bytes let go).
BATCH_BYTES = 32 * 1024 * 1024

Blob = tuple[str, int] | None  # a blob's id and size, or None when the file is not there
# One commit that touched the record: (header fields, status letter, path in the repository)
Entry = tuple[list[str], str, str]


def locate(repo: Repo, record_id: str) -> tuple[RecordKind, str] | None:
    """The kind and data-root-relative path of the record ``record_id`` in HEAD's history,
    or None when no commit reachable from HEAD has it.

    A record in HEAD is found in HEAD's tree, without walking the history. A record that no
    longer exists is found too, as long as a commit reachable from HEAD had it (one walk).
    The caller checks that ``record_id`` is an id (the paths are literal either way).
    """
    candidates = {f"{folder}/{record_id}.yaml": kind for folder, kind in FOLDER_KINDS.items()}
    paths = [f"{repo.prefix}{rel}" for rel in candidates]
    for args in (
        ["ls-tree", "--name-only", "HEAD", "--", *paths],
        ["log", "--format=", "--name-only", "HEAD", "--", *paths],
    ):
        done = repo.git(args, check=False)
        found = (
            set(done.stdout.decode("utf-8", "replace").splitlines())
            if done.returncode == 0
            else set()
        )
        for rel, kind in candidates.items():
            if f"{repo.prefix}{rel}" in found:
                return kind, rel
    return None


def log_entries(repo: Repo, rel: str) -> list[Entry]:
    """``(header fields, status letter, path)`` per commit, newest first, renames followed.

    The separators are new random tokens on every run: commit metadata (names, subjects)
    comes from whoever made the commit and may hold any control character.
    """
    import secrets

    token = secrets.token_hex(8)
    sep, start = f"\x1f{token}\x1f", f"\x1e{token}\x1e"
    done = repo.git(
        [
            "-c",
            "core.quotePath=false",
            "log",
            "--follow",
            "-M",
            "--name-status",
            f"--format={start}%H{sep}%an{sep}%ae{sep}%aI{sep}%at{sep}%s",
            "HEAD",
            "--",
            f"{repo.prefix}{rel}",
        ]
    )
    entries = []
    for chunk in done.stdout.decode("utf-8", "replace").split(start):
        if not chunk.strip():
            continue
        header, _, rest = chunk.partition("\n")
        lines = [line for line in rest.splitlines() if line.strip()]
        if not lines:
            continue
        parts = lines[-1].split("\t")
        entries.append((header.split(sep), parts[0][:1], parts[-1]))
    return entries


def shallow_boundaries(repo: Repo) -> frozenset[str]:
    """The commits a shallow clone was cut at (their parents were never fetched)."""
    path = repo.shallow_file
    if path is None:
        done = repo.git(["rev-parse", "--git-path", "shallow"], check=False)
        name = done.stdout.decode("utf-8", "surrogateescape").strip()
        if done.returncode != 0 or not name:
            return frozenset()
        path = Path(name) if Path(name).is_absolute() else repo.toplevel / name
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return frozenset()
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


class VersionBlobs:
    """The record's file and ``udvikling.yaml`` at many commits, read from git in bulk.

    One ``git cat-file --batch-check`` names every blob; the blobs are read in batches of
    at most :data:`BATCH_BYTES` (one process each), each blob once, and a blob over
    :data:`~udvikling.fileio.MAX_BYTES` never. ``udvikling.yaml``'s blobs are read once
    each, whatever batch they fall in (the caller parses each once and keeps it).
    """

    def __init__(self, repo: Repo, wanted: list[tuple[str, str]]) -> None:
        self.repo = repo
        self.order = wanted  # (commit, data-root-relative path of the record), oldest first
        self.names = [
            (f"{commit}:{repo.prefix}{CONFIG_FILE}", f"{commit}:{repo.prefix}{rel}")
            for commit, rel in wanted
        ]
        self.ids: dict[str, Blob] = blob_ids(repo, [name for pair in self.names for name in pair])
        self.contents: dict[str, bytes | None] = {}
        self.configs_read: set[str] = set()  # udvikling.yaml blobs read in an earlier batch
        self.next = 0  # the first version whose blobs are not yet read

    def blobs(self, index: int) -> tuple[Blob, Blob]:
        """The blobs of ``udvikling.yaml`` and the record at the ``index``-th version."""
        config_name, record_name = self.names[index]
        return self.ids.get(config_name), self.ids.get(record_name)

    @staticmethod
    def too_large(blob: Blob) -> bool:
        """Whether udv refuses to read the blob, as it would refuse the file on disk."""
        return blob is not None and blob[1] > MAX_BYTES

    def readable_bytes(self) -> int:
        """The size of every blob of every version udv would read, each blob once."""
        sizes = {b[0]: b[1] for b in self.ids.values() if b is not None and not self.too_large(b)}
        return sum(sizes.values())

    def fetch(self, at: int) -> None:
        """Read the blobs of the versions from ``at`` on, up to :data:`BATCH_BYTES`."""
        self.contents = {}
        todo: dict[str, None] = {}  # blob ids, in order, each once
        total = 0
        index = at
        while index < len(self.order) and (not todo or total < BATCH_BYTES):
            config, record = self.blobs(index)
            for blob, is_config in ((config, True), (record, False)):
                if blob is None or self.too_large(blob) or blob[0] in todo:
                    continue
                if is_config and blob[0] in self.configs_read:
                    continue
                todo[blob[0]] = None
                total += blob[1]
            index += 1
        self.contents = read_objects(self.repo, todo)
        self.configs_read.update(
            c[0] for c in (self.blobs(i)[0] for i in range(at, index)) if c is not None
        )
        self.next = index

    def content(self, index: int, blob: Blob) -> bytes | None:
        """The bytes of ``blob`` (of the ``index``-th version), reading its batch if needed;
        None when git does not have it or it is too large."""
        if index >= self.next:
            self.fetch(index)
        if blob is None:
            return None
        return self.contents.get(blob[0])


@dataclass
class RecordLog:
    """What git says about one record: where it is and every commit that touched it."""

    repo: Repo
    kind: RecordKind | None  # None: no commit reachable from HEAD has the record
    rel: str
    entries: list[Entry]  # oldest first
    boundaries: frozenset[str]  # where a shallow clone was cut
    blobs: VersionBlobs | None


def read_log(repo: Repo, record_id: str) -> RecordLog:
    """Where ``record_id`` is, the commits that touched it, its versions' blob ids, and
    their contents when they are small (:data:`~udvikling.review.blobs.READ_AHEAD_BYTES`;
    otherwise they are read as the versions are loaded)."""
    found = locate(repo, record_id)
    if found is None:
        return RecordLog(repo, None, "", [], frozenset(), None)
    kind, rel = found
    entries = list(reversed(log_entries(repo, rel)))
    boundaries = shallow_boundaries(repo)
    blobs = VersionBlobs(
        repo,
        [
            (header[0], full_path.removeprefix(repo.prefix))
            for header, status, full_path in entries
            if status != "D"
        ],
    )
    if blobs.order and blobs.readable_bytes() <= READ_AHEAD_BYTES:
        blobs.fetch(0)  # all of them, ahead, while the models are imported
    return RecordLog(repo, kind, rel, entries, boundaries, blobs)


class PendingLog:
    """:func:`read_log` for the data root ``root``, started at once in a background thread.

    The thread runs git and waits for it; it imports nothing heavy and touches no shared
    state, so the command can import the plan's models meanwhile. Errors are kept and
    raised where the command would have met them without the thread: :meth:`repo` raises
    those of finding the repository and its HEAD, :meth:`log` those of reading the record.
    """

    def __init__(self, root: Path, record_id: str) -> None:
        self._root = root
        self._record_id = record_id
        self._repo: Repo | None = None
        self._log: RecordLog | None = None
        self._repo_error: BaseException | None = None
        self._log_error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="udv-history-git", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            repo = open_repo(self._root)
            resolve(repo, "HEAD")  # a clear message for a repository without commits
            self._repo = repo
        except BaseException as exc:  # raised again in the main thread
            self._repo_error = exc
            return
        try:
            self._log = read_log(repo, self._record_id)
        except BaseException as exc:  # raised again in the main thread
            self._log_error = exc

    def repo(self) -> Repo:
        """The repository holding the data root (waits for the thread)."""
        self._thread.join()
        if self._repo_error is not None:
            raise self._repo_error
        assert self._repo is not None
        return self._repo

    def log(self) -> RecordLog:
        """The record's log (waits for the thread)."""
        self.repo()
        if self._log_error is not None:
            raise self._log_error
        assert self._log is not None
        return self._log
