"""Read the plan as it stood at a git revision, straight from git's objects.

Nothing is ever checked out and nothing is written: ``git ls-tree`` lists the data files of a
revision and one ``git cat-file --batch`` reads their contents, which
:func:`udvikling.load.load` then parses through a :data:`~udvikling.load.Reader`. The working
tree side of a comparison uses the ordinary filesystem loader.

Paths given to the loader stay relative to the data root, and are prefixed here with the
root's place in the repository.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from udvikling.fileio import MAX_BYTES
from udvikling.findings import Finding, sort_findings
from udvikling.load import FOLDERS, Loaded, Reader, load
from udvikling.plan_root import CONFIG_FILE
from udvikling.reload import load_beside
from udvikling.review.blobs import blob_ids, read_objects
from udvikling.review.git import Repo, Revision
from udvikling.safe_read import TooLarge

WORKTREE_LABEL = "arbejdskopien"


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

    @property
    def files(self) -> set[str]:
        """The paths of the files udv may read (not links, not too large)."""
        return set(self.blobs)

    def reader(self, files: Iterable[str] | None = None) -> Reader:
        """A :data:`Reader` over the snapshot (missing files raise ``FileNotFoundError``),
        reading ``files`` (all, by default) in batches as the loader asks for them."""
        wanted = sorted(self.blobs if files is None else set(files) & set(self.blobs))
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

    def record_files(self) -> list[str]:
        """The ``.yaml`` record files, as :func:`udvikling.load.list_files` would list them."""
        return sorted(
            rel
            for rel in (*self.blobs, *self.links, *self.too_large)
            if rel != CONFIG_FILE and rel.endswith(".yaml")
        )


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


def _yml_findings(paths: Iterable[str]) -> list[Finding]:
    # The filesystem loader reports files ending in .yml; do the same for a revision so the
    # two sides of a comparison agree.
    return [
        Finding(
            rel,
            1,
            1,
            "UDV005",
            "error",
            "Filen ender på .yml; udv læser kun filer, der ender på .yaml.",
            f"Omdøb filen til {rel.rpartition('/')[2].removesuffix('.yml')}.yaml.",
        )
        for rel in paths
        if rel.endswith(".yml")
    ]


def load_revision(repo: Repo, revision: Revision) -> Loaded:
    """Load the plan as it stood at ``revision`` (findings and all)."""
    return Revisions(repo).load(revision)


class Revisions:
    """Loads revisions of one repository for a comparison.

    The first revision is read and parsed in full. A later one reads only the blobs the
    first does not hold and parses only the files that differ from it; the others' records,
    positions and findings are taken over from the first (a file's own findings and record
    depend on its bytes and path alone). So comparing two revisions costs one plan and the
    files the change touched, however many commits lie between them.
    """

    def __init__(self, repo: Repo) -> None:
        self.repo = repo
        self.first: tuple[Snapshot, Loaded] | None = None

    def load(self, revision: Revision) -> Loaded:
        """The plan as it stood at ``revision``, findings and all."""
        snap = snapshot(self.repo, revision, self.first[0] if self.first else None)
        loaded = None
        if self.first is not None:
            loaded = _load_beside(self.repo.root, snap, *self.first)
        if loaded is None:
            files = snap.record_files()
            loaded = load(self.repo.root, reader=snap.reader(files), files=files)
        extra = _yml_findings([*snap.blobs, *snap.links, *snap.too_large])
        if extra:
            loaded = Loaded(loaded.dataset, sort_findings([*loaded.findings, *extra]), loaded.root)
        if self.first is None:
            self.first = (snap, loaded)
        return loaded


def _load_beside(root: Path, snap: Snapshot, known: Snapshot, loaded: Loaded) -> Loaded | None:
    """``snap`` loaded, parsing only the files that differ from ``known`` (loaded as
    ``loaded``); None when that cannot be done exactly (either ``udvikling.yaml`` unusable)."""
    rels = snap.record_files()
    changed = {rel for rel in rels if known.entries.get(rel) != snap.entries.get(rel)}
    return load_beside(loaded, rels, changed, snap.reader(sorted(changed)))


def load_worktree(root: Path) -> Loaded:
    """Load the plan from the working tree (the normal loader)."""
    return load(root)
