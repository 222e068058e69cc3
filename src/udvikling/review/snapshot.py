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


def snapshot(repo: Repo, revision: Revision) -> Snapshot:
    """Every data file of ``revision`` (``udvikling.yaml`` and the data folders)."""
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
    for entry in done.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if not entry:
            continue
        meta, _, path = entry.partition("\t")
        mode, kind, obj = meta.split(" ")
        rel = path.removeprefix(repo.prefix)
        if rel != CONFIG_FILE and not _wanted(rel):
            continue
        if mode == "120000":
            links.add(rel)
        elif kind == "blob":
            blobs[rel] = obj
    contents = read_blobs(repo, blobs.values())
    files = {
        rel: data for rel, obj in blobs.items() if isinstance(data := contents.get(obj), bytes)
    }
    sizes = {rel: size for rel, obj in blobs.items() if isinstance(size := contents.get(obj), int)}
    return Snapshot(revision, files, frozenset(links), sizes)


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
    snap = snapshot(repo, revision)
    loaded = load(repo.root, reader=snap.reader(), files=snap.record_files())
    extra = _yml_findings([*snap.files, *snap.links, *snap.too_large])
    if extra:
        loaded = Loaded(loaded.dataset, sort_findings([*loaded.findings, *extra]), loaded.root)
    return loaded


def load_worktree(root: Path) -> Loaded:
    """Load the plan from the working tree (the normal loader)."""
    return load(root)
