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
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from udvikling.config import CONFIG_FILE
from udvikling.findings import Finding, sort_findings
from udvikling.load import FOLDERS, Loaded, Reader, load
from udvikling.review.blobs import read_blobs
from udvikling.review.git import Repo, Revision
from udvikling.safe_read import TooLarge

WORKTREE_LABEL = "arbejdskopien"


def _wanted(rel: str) -> bool:
    folder, _, name = rel.rpartition("/")
    return folder in FOLDERS and not name.startswith(".") and name.endswith((".yaml", ".yml"))


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The data files of one revision: relative paths and their contents."""

    revision: Revision
    files: dict[str, bytes]
    links: frozenset[str]  # symbolic links: never followed
    too_large: dict[str, int] = field(default_factory=dict)  # never read: their sizes
    # What git holds at each path, as (mode, object id): the same pair is the same file.
    entries: dict[str, tuple[str, str]] = field(default_factory=dict)

    def reader(self) -> Reader:
        """A :data:`Reader` over the snapshot (missing files raise ``FileNotFoundError``)."""

        def read(rel: str) -> bytes:
            if rel in self.links:
                raise PermissionError(f"{rel} er et symbolsk link i git; udv følger ikke links")
            if rel in self.too_large:
                raise TooLarge(rel, self.too_large[rel])
            try:
                return self.files[rel]
            except KeyError:
                raise FileNotFoundError(2, "filen findes ikke i denne revision", rel) from None

        return read

    def record_files(self) -> list[str]:
        """The ``.yaml`` record files, as :func:`udvikling.load.list_files` would list them."""
        return sorted(
            rel
            for rel in (*self.files, *self.links, *self.too_large)
            if rel != CONFIG_FILE and rel.endswith(".yaml")
        )


def snapshot(repo: Repo, revision: Revision, known: Snapshot | None = None) -> Snapshot:
    """Every data file of ``revision`` (``udvikling.yaml`` and the data folders).

    Blobs that ``known`` (another revision's snapshot) already holds are not read again.
    """
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
    contents: dict[str, bytes | int | None] = {}
    if known is not None:
        for rel, (_, obj) in known.entries.items():
            if rel in known.files:
                contents[obj] = known.files[rel]
            elif rel in known.too_large:
                contents[obj] = known.too_large[rel]
    contents.update(read_blobs(repo, (obj for obj in blobs.values() if obj not in contents)))
    files = {
        rel: data for rel, obj in blobs.items() if isinstance(data := contents.get(obj), bytes)
    }
    sizes = {rel: size for rel, obj in blobs.items() if isinstance(size := contents.get(obj), int)}
    return Snapshot(revision, files, frozenset(links), sizes, entries)


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
            loaded = load(self.repo.root, reader=snap.reader(), files=snap.record_files())
        extra = _yml_findings([*snap.files, *snap.links, *snap.too_large])
        if extra:
            loaded = Loaded(loaded.dataset, sort_findings([*loaded.findings, *extra]), loaded.root)
        if self.first is None:
            self.first = (snap, loaded)
        return loaded


# Each data folder's record kind (the key of Dataset.broken) and Dataset attribute.
_KINDS: dict[str, tuple[str, str]] = {
    "data/initiatives": ("initiative", "initiatives"),
    "data/meetings": ("meeting", "meetings"),
    "data/indicators": ("indicator", "indicators"),
    "data/reports": ("report", "reports"),
}


def _load_beside(root: Path, snap: Snapshot, known: Snapshot, loaded: Loaded) -> Loaded | None:
    """``snap`` loaded, parsing only the files that differ from ``known`` (loaded as
    ``loaded``); None when that cannot be done exactly (either ``udvikling.yaml`` unusable)."""
    if loaded.dataset is None or set(FOLDERS) != set(_KINDS):
        return None
    rels = snap.record_files()
    same = {rel for rel in rels if known.entries.get(rel) == snap.entries.get(rel)}
    changed = [rel for rel in rels if rel not in same]
    partial = load(root, reader=snap.reader(), files=changed)
    if partial.dataset is None:
        return None
    old, new = loaded.dataset, partial.dataset
    records: dict[str, dict[str, Any]] = {attr: {} for _, attr in _KINDS.values()}
    broken: dict[str, set[str]] = {kind: set() for kind, _ in _KINDS.values()}
    unvalidated: dict[str, dict[str, Any]] = {}
    sources = {CONFIG_FILE: new.sources[CONFIG_FILE]}
    for rel in rels:  # in the order load() would read them
        side = old if rel in same else new
        folder, _, name = rel.rpartition("/")
        kind, attr = _KINDS[folder]
        stem = name.removesuffix(".yaml")
        sources[rel] = side.sources[rel]
        record = getattr(side, attr).get(stem)
        if record is not None:
            records[attr][stem] = record
        if stem in side.broken.get(kind, ()):
            broken[kind].add(stem)
        if rel in side.unvalidated:
            unvalidated[rel] = side.unvalidated[rel]
    dataset = replace(
        new,
        initiatives=records["initiatives"],
        meetings=records["meetings"],
        indicators=records["indicators"],
        reports=records["reports"],
        sources=sources,
        broken=broken,
        unvalidated=unvalidated,
    )
    findings = [*partial.findings, *(f for f in loaded.findings if f.path in same)]
    return Loaded(dataset, sort_findings(findings), partial.root)


def load_worktree(root: Path) -> Loaded:
    """Load the plan from the working tree (the normal loader)."""
    return load(root)
