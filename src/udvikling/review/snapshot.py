"""Read the plan as it stood at a git revision, straight from git's objects.

Nothing is ever checked out and nothing is written: ``git ls-tree`` lists the data files of a
revision and ``git cat-file --batch`` reads their contents (:mod:`udvikling.review.trees`),
which :func:`udvikling.load.load` then parses through a :data:`~udvikling.load.Reader`. The
working tree side of a comparison uses the ordinary filesystem loader.

Paths given to the loader stay relative to the data root, and are prefixed here with the
root's place in the repository.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from udvikling.findings import Finding, sort_findings
from udvikling.load import Loaded, load
from udvikling.reload import load_beside
from udvikling.review.git import Repo, Revision
from udvikling.review.trees import Snapshot, changed_files, snapshot

WORKTREE_LABEL = "arbejdskopien"


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

    def __init__(self, repo: Repo, listed: Iterable[Snapshot] = ()) -> None:
        self.repo = repo
        self.first: tuple[Snapshot, Loaded] | None = None
        # Snapshots already listed, in the order they will be loaded (see PendingRevisions).
        self.listed = list(listed)

    def load(self, revision: Revision) -> Loaded:
        """The plan as it stood at ``revision``, findings and all."""
        if self.listed and self.listed[0].revision == revision:
            snap = self.listed.pop(0)
        else:
            snap = snapshot(self.repo, revision, self.first[0] if self.first else None)
        loaded = None
        if self.first is not None and self.first[1].dataset is not None:
            loaded = _load_beside(self.repo.root, snap, *self.first)
        if loaded is None:
            files = snap.record_files()
            loaded = load(self.repo.root, reader=snap.reader(files), files=files)
        snap.ahead.clear()  # a batch read ahead for a load that went otherwise
        extra = _yml_findings([*snap.blobs, *snap.links, *snap.too_large])
        if extra:
            loaded = Loaded(loaded.dataset, sort_findings([*loaded.findings, *extra]), loaded.root)
        if self.first is None:
            self.first = (snap, loaded)
        return loaded


def _load_beside(root: Path, snap: Snapshot, known: Snapshot, loaded: Loaded) -> Loaded | None:
    """``snap`` loaded, parsing only the files that differ from ``known`` (loaded as
    ``loaded``); None when that cannot be done exactly (either ``udvikling.yaml`` unusable)."""
    changed = changed_files(snap, known)
    return load_beside(loaded, snap.record_files(), changed, snap.reader(sorted(changed)))


def load_worktree(root: Path) -> Loaded:
    """Load the plan from the working tree (the normal loader)."""
    return load(root)
