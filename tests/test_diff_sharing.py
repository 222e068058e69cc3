"""``udv diff`` between two revisions parses only the files that differ between them.

:class:`~udvikling.review.snapshot.Revisions` loads the second revision by taking over the
first one's records, positions and findings for every file git holds unchanged. These tests
check that the result is exactly what loading the revision on its own gives (for every pair
of commits of a history that adds, removes, renames, breaks and repairs files, moves a
meeting a milestone depends on, and breaks ``udvikling.yaml``), and that the work done is
the changed files only.
"""

from __future__ import annotations

import os
import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import MINIMAL_CONFIG, MINIMAL_MEETING
from gitkit import GitRepo, git_during_import, scenario
from udvikling import reload as plan_reload
from udvikling.load import Loaded
from udvikling.review import snapshot as review_snapshot
from udvikling.review import trees as review_trees
from udvikling.review.compare import compare
from udvikling.review.git import open_repo, resolve
from udvikling.review.model import SideInfo
from udvikling.review.snapshot import Revisions, load_revision
from udvikling.review.trees import PendingRevisions

MILESTONES = """\
title: Milepæle
track: organisering
owner: socialchef
level: central
status: i-gang
due: 2025
milestones:
  - title: Status givet
    meeting: 2024-04-24-vpu
"""


def _history(repo: GitRepo) -> list[str]:
    commits = scenario(repo)
    commits.append(
        repo.commit(
            "Milepæl, .yml, link og forkert felt",
            "2024-06-01T09:00:00+01:00",
            {
                "data/initiatives/milepaele.yaml": MILESTONES,
                "data/initiatives/forkert.yml": MILESTONES,
                "data/initiatives/ugyldig.yaml": "title: [1, 2]\nstatus: 7\n",
            },
        )
    )
    os.symlink("milepaele.yaml", repo.path / "data/initiatives/link.yaml")
    commits.append(
        repo.commit(
            "Mødet flyttes",
            "2024-06-02T09:00:00+01:00",
            {"data/meetings/2024-04-24-vpu.yaml": MINIMAL_MEETING.replace("04-24", "05-15")},
        )
    )
    commits.append(
        repo.commit(
            "udvikling.yaml ødelægges",
            "2024-06-03T09:00:00+01:00",
            {"udvikling.yaml": MINIMAL_CONFIG + "  forkert: [\n"},
        )
    )
    commits.append(
        repo.commit(
            "udvikling.yaml rettes",
            "2024-06-04T09:00:00+01:00",
            {"udvikling.yaml": MINIMAL_CONFIG, "data/initiatives/link.yaml": None},
        )
    )
    return commits


def _plain(loaded: Loaded) -> Any:
    """Everything a load gives, in a form that compares by value (dict order included)."""
    data = loaded.dataset
    if data is None:
        return None, loaded.findings
    return (
        loaded.findings,
        data.config,
        list(data.initiatives.items()),
        list(data.meetings.items()),
        list(data.indicators.items()),
        list(data.reports.items()),
        # Positions by value: a map may be kept deferred (compressed text) on one side and
        # already read on the other; what it answers must be the same.
        [
            (rel, dict(source.values), dict(source.keys), dict(source.bool_words))
            for rel, source in data.sources.items()
        ],
        data.broken,
        list(data.unvalidated.items()),
        data.remap,
        data.root,
    )


def test_second_revision_loads_exactly_as_on_its_own(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "plan")
    commits = _history(repo)
    git = open_repo(repo.path)
    revisions = [resolve(git, c) for c in commits]
    alone = {r.commit: load_revision(git, r) for r in revisions}
    today = date(2024, 6, 10)
    for first in revisions:
        for second in revisions:
            shared = Revisions(git)
            one, two = shared.load(first), shared.load(second)
            assert _plain(two) == _plain(alone[second.commit]), (first.name, second.name)
            # The comparison, both ways round, is the same as with separate loads.
            for base, head, base_rev, head_rev in (
                (one, two, first, second),
                (two, one, second, first),
            ):
                got = compare(base, head, today, SideInfo(base_rev.name), SideInfo(head_rev.name))
                want = compare(
                    alone[base_rev.commit],
                    alone[head_rev.commit],
                    today,
                    SideInfo(base_rev.name),
                    SideInfo(head_rev.name),
                )
                assert got == want, (base_rev.name, head_rev.name)


def test_moved_meeting_moves_the_milestone_of_an_unchanged_initiative(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "plan")
    commits = _history(repo)
    git = open_repo(repo.path)
    shared = Revisions(git)
    before, after = shared.load(resolve(git, commits[4])), shared.load(resolve(git, commits[5]))
    comparison = compare(before, after, date(2024, 6, 10), SideInfo("a"), SideInfo("b"))
    texts = [f.text for r in comparison.records if r.id == "milepaele" for f in r.fields]
    assert texts == [
        "milepæl »Status givet«: frist flyttet fra 24. april 2024 til 15. maj 2024, 21 dage senere"
    ]


def test_only_the_changed_files_are_read_and_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = GitRepo(tmp_path / "plan")
    commits = _history(repo)
    git = open_repo(repo.path)
    parsed: list[list[str]] = []
    read: list[list[str]] = []
    real_load, real_read = review_snapshot.load, review_trees.read_objects

    def counting_load(root: Path, reader: Any = None, files: Any = None, **more: Any) -> Loaded:
        parsed.append(sorted(files))
        return real_load(root, reader=reader, files=files, **more)

    def counting_read(repo_: Any, objects: Any) -> Any:
        names = list(objects)
        read.append(names)
        return real_read(repo_, names)

    monkeypatch.setattr(review_snapshot, "load", counting_load)
    monkeypatch.setattr(plan_reload, "load", counting_load)  # a later revision's changed files
    monkeypatch.setattr(review_trees, "read_objects", counting_read)
    shared = Revisions(git)
    shared.load(resolve(git, commits[4]))
    shared.load(resolve(git, commits[5]))
    # The second commit moves the meeting and adds a symbolic link (listed, never read).
    assert parsed[1] == ["data/initiatives/link.yaml", "data/meetings/2024-04-24-vpu.yaml"]
    assert len(read[1]) == 1


def test_git_lists_the_revisions_while_the_models_are_imported(tmp_path: Path) -> None:
    """``udv diff A B`` runs git (the repository, the revisions, their listings) during the
    import of pydantic and the models, not after it; the output is the same."""
    repo = GitRepo(tmp_path / "plan")
    commits = _history(repo)
    argv = ["diff", commits[4], commits[5], "--root", str(repo.path), "--as-of", "2024-06-01"]
    overlapped, gated, plain = git_during_import(argv)
    assert overlapped, gated.stderr
    assert (gated.returncode, gated.stdout) == (plain.returncode, plain.stdout) == (0, plain.stdout)
    assert "ændret" in plain.stdout


@pytest.mark.parametrize("ahead_bytes", [review_trees.READ_AHEAD_BYTES, 0])
def test_blobs_read_ahead_are_what_the_loaders_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ahead_bytes: int
) -> None:
    """:class:`PendingRevisions` reads in its thread the batches the loaders would read
    themselves (the same objects, in the same calls), and the plans loaded are the same;
    the second revision's changed files only when they are small (they are held while the
    first revision is parsed)."""
    monkeypatch.setattr(review_trees, "READ_AHEAD_BYTES", ahead_bytes)
    repo = GitRepo(tmp_path / "plan")
    commits = _history(repo)
    git = open_repo(repo.path)
    calls: list[tuple[str, list[str]]] = []
    real = review_trees.read_objects

    def recording(repo_: Any, objects: Any) -> Any:
        names = list(objects)
        calls.append((threading.current_thread().name, names))
        return real(repo_, names)

    monkeypatch.setattr(review_trees, "read_objects", recording)
    pairs: list[tuple[str, str | None]] = [(a, b) for a in commits for b in commits]
    pairs += [(a, None) for a in commits]
    for base, head in pairs:
        calls.clear()
        plain = Revisions(git)
        want_head = plain.load(resolve(git, head)) if head else None
        want_base = plain.load(resolve(git, base))
        want = [names for _, names in calls]
        calls.clear()
        repo_, before, after, listed = PendingRevisions(repo.path, base, head).result()
        ahead = Revisions(repo_, listed)
        got_head = ahead.load(after) if after else None
        got_base = ahead.load(before)
        assert _plain(got_base) == _plain(want_base), (base, head)
        assert (got_head and _plain(got_head)) == (want_head and _plain(want_head))
        if want_head is not None and want_head.dataset is None:
            # The later revision's udvikling.yaml is unusable, so the earlier one is read
            # in full, not only its changed files: the thread read those for nothing.
            got = [names for _, names in calls]
            assert {o for names in got for o in names} == {o for names in want for o in names}
            assert len(got) <= len(want) + 1
        else:
            assert [names for _, names in calls] == want, (base, head)
        if (base, head) == (commits[4], commits[5]):
            # Read by the thread, before the loaders ask: all, or the first revision's.
            threads = [name for name, _ in calls]
            assert (
                threads == ["udv-diff-git"] * 2 if ahead_bytes else ["udv-diff-git", "MainThread"]
            )
