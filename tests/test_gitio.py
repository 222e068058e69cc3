"""Reading the plan at a git revision: real temporary repositories, nothing checked out."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from conftest import MINIMAL_CONFIG, MINIMAL_INITIATIVE, MINIMAL_MEETING
from gitkit import GitRepo
from udvikling.errors import EnvironmentProblem, UsageError
from udvikling.review.git import open_repo, resolve, resolve_range
from udvikling.review.since_report import last_report
from udvikling.review.snapshot import load_revision, load_worktree


@pytest.fixture
def git_repo(tmp_path: Path) -> GitRepo:
    """An empty git repository."""
    return GitRepo(tmp_path / "plan")


def _first(repo: GitRepo) -> str:
    return repo.commit(
        "Start",
        "2024-01-10T09:00:00+01:00",
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/kommunikationsstrategi.yaml": MINIMAL_INITIATIVE,
            "data/meetings/2024-04-24-vpu.yaml": MINIMAL_MEETING,
        },
    )


def test_load_revision_reads_git_objects_not_the_working_tree(git_repo: GitRepo) -> None:
    first = _first(git_repo)
    git_repo.write({"data/initiatives/kommunikationsstrategi.yaml": "title: [broken\n"})
    repo = open_repo(git_repo.path)
    loaded = load_revision(repo, resolve(repo, "HEAD"))
    assert loaded.dataset is not None
    assert loaded.dataset.initiatives["kommunikationsstrategi"].due is not None
    assert not [f for f in loaded.findings if f.severity == "error"]
    assert resolve(repo, "main").commit == first
    # The working tree itself is untouched and still broken.
    worktree = load_worktree(git_repo.path)
    assert any(f.severity == "error" for f in worktree.findings)
    assert "broken" in (git_repo.path / "data/initiatives/kommunikationsstrategi.yaml").read_text()


def test_data_root_in_a_subfolder(tmp_path: Path) -> None:
    repo_dir = GitRepo(tmp_path / "mono")
    repo_dir.commit(
        "Plan in a subfolder",
        "2024-01-10T09:00:00+01:00",
        {
            "README.md": "anden kode\n",
            "plan/udvikling.yaml": MINIMAL_CONFIG,
            "plan/data/initiatives/kommunikationsstrategi.yaml": MINIMAL_INITIATIVE,
            "data/initiatives/not-the-plan.yaml": "title: Ikke en del af planen\n",
        },
    )
    repo = open_repo(repo_dir.path / "plan")
    assert repo.prefix == "plan/"
    # Asked for with the rest: where a shallow clone would list its cut, from the subfolder.
    assert repo.shallow_file is not None
    assert repo.shallow_file.resolve() == (repo_dir.path / ".git" / "shallow").resolve()
    assert open_repo(repo_dir.path).prefix == ""
    loaded = load_revision(repo, resolve(repo, "HEAD"))
    assert loaded.dataset is not None
    assert set(loaded.dataset.initiatives) == {"kommunikationsstrategi"}


def test_resolve_range_forms(git_repo: GitRepo) -> None:
    first = _first(git_repo)
    second = git_repo.commit(
        "Second",
        "2024-02-01T09:00:00+01:00",
        {"data/initiatives/ny.yaml": MINIMAL_INITIATIVE.replace("Kommunikation", "Ny")},
    )
    repo = open_repo(git_repo.path)
    base, head = resolve_range(repo, None, None)
    assert (base.commit, head) == (second, None)
    base, head = resolve_range(repo, "HEAD~1..HEAD", None)
    assert (base.commit, head and head.commit) == (first, second)
    base, head = resolve_range(repo, "HEAD~1", "main")
    assert (base.commit, head and head.commit) == (first, second)
    assert base.label == f"HEAD~1 ({first[:7]})"
    base, head = resolve_range(repo, "HEAD~1...main", None)
    assert (base.commit, head and head.commit) == (first, second)
    with pytest.raises(UsageError, match="findes ikke"):
        resolve_range(repo, "does-not-exist", None)
    with pytest.raises(UsageError):
        resolve_range(repo, "HEAD~1..HEAD", "main")
    with pytest.raises(UsageError):
        resolve(repo, "--output=x")


def test_not_a_git_repository(tmp_path: Path) -> None:
    outside = tmp_path / "no-git"
    outside.mkdir()
    env_dir = os.environ.get("GIT_CEILING_DIRECTORIES")
    os.environ["GIT_CEILING_DIRECTORIES"] = str(tmp_path)
    try:
        with pytest.raises(EnvironmentProblem, match="ikke i et git-arkiv"):
            open_repo(outside)
    finally:
        if env_dir is None:
            del os.environ["GIT_CEILING_DIRECTORIES"]
        else:
            os.environ["GIT_CEILING_DIRECTORIES"] = env_dir


def test_empty_repository_has_no_head(git_repo: GitRepo) -> None:
    repo = open_repo(git_repo.path)
    with pytest.raises(UsageError, match="ingen commits"):
        resolve(repo, "HEAD")


def test_symlinks_in_git_are_not_followed(git_repo: GitRepo) -> None:
    _first(git_repo)
    (git_repo.path / "data/initiatives/link.yaml").symlink_to("/etc/passwd")
    git_repo.commit("Link", "2024-02-01T09:00:00+01:00")
    repo = open_repo(git_repo.path)
    loaded = load_revision(repo, resolve(repo, "HEAD"))
    assert any(f.path == "data/initiatives/link.yaml" for f in loaded.findings)
    assert loaded.dataset is not None
    assert "link" not in loaded.dataset.initiatives


def test_report_tags_and_status_meeting_fallback(git_repo: GitRepo) -> None:
    first = _first(git_repo)
    second = git_repo.commit(
        "After the meeting",
        "2024-05-01T09:00:00+02:00",
        {"data/initiatives/ny.yaml": MINIMAL_INITIATIVE.replace("Kommunikation", "Ny")},
    )
    repo = open_repo(git_repo.path)
    loaded = load_worktree(git_repo.path)
    dataset = loaded.dataset
    assert dataset is not None
    # The last status is the time package's (the meeting 24 April 2024, held: it has a
    # decision); without a tag, the last commit on or before the day before it.
    found = last_report(repo, dataset, date(2024, 6, 1))
    assert found.revision is not None and found.revision.commit == first
    assert "statusmødet i Voksen- og Plejeudvalget 24. april 2024" in found.note
    # Before the meeting there was no status: nothing to compare with, whatever the tags.
    git_repo.git("tag", "status/2024-01-15", first)
    with pytest.raises(UsageError, match="ingen udsendt status"):
        last_report(repo, dataset, date(2024, 4, 1))
    # A status/ tag pins the revision of that status: the newest one after the status
    # before it and by the day asked about (names that are not dates are ignored).
    git_repo.git("tag", "status/2024-05-01", second)
    git_repo.git("tag", "status/ikke-en-dato", first)
    found = last_report(repo, dataset, date(2024, 6, 1))
    assert found.revision is not None and found.revision.commit == second
    assert found.note == (
        "Sammenlignet med planen ved seneste status, statusmødet i Voksen- og Plejeudvalget "
        "24. april 2024 (»Status«): tag status/2024-05-01."
    )
    # A tag from after the day asked about is not used (then the one before is the newest).
    found = last_report(repo, dataset, date(2024, 4, 30))
    assert found.revision is not None and found.revision.commit == first
