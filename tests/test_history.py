"""``udv history`` on the four-commit scenario repository of ``test_diff``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from test_diff import check_golden, scenario, udv
from test_gitio import GitRepo
from udvikling.review.git import open_repo
from udvikling.review.history import record_history


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """The scenario repository."""
    plan = GitRepo(tmp_path / "plan")
    scenario(plan)
    return plan


def test_deadline_moves_counted_and_summed(repo: GitRepo) -> None:
    history = record_history(open_repo(repo.path), "kommunikationsstrategi")
    assert [v.event for v in history.versions] == ["created", "changed", "broken", "repaired"]
    assert [v.author for v in history.versions] == [
        "Anna Andersen",
        "Bo Bertelsen",
        "Bo Bertelsen",
        "Anna Andersen",
    ]
    assert [f.shift.months for _, f in history.moves if f.shift] == [6, 3]
    assert history.first_deadline is not None and history.last_deadline is not None
    assert (history.first_deadline.canonical(), history.last_deadline.canonical()) == (
        "2024-H1",
        "2025-Q1",
    )
    assert history.total_shift is not None and history.total_shift.months == 9
    # The repaired version is compared with the last readable one, not with the broken file.
    repaired = history.versions[3].change
    assert repaired is not None
    assert [f.text for f in repaired.fields] == [
        "frist flyttet fra 2. halvår 2024 til 1. kvartal 2025, 3 måneder senere"
    ]


def test_text_and_goldens(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = udv(capsys, "history", "kommunikationsstrategi", "--root", str(repo.path))
    assert (code, err) == (0, "")
    assert "Fristen er flyttet 2 gange, i alt 9 måneder senere" in out
    assert "2. maj 2024, Bo Bertelsen" in out
    check_golden("history.txt", out)
    code, out, _ = udv(
        capsys, "history", "kommunikationsstrategi", "--root", str(repo.path), "-f", "md"
    )
    check_golden("history.md", out)
    code, out, _ = udv(
        capsys, "history", "kommunikationsstrategi", "--root", str(repo.path), "-f", "json"
    )
    data = json.loads(out)
    assert data["deadline"]["total_months"] == 9
    assert [m["new"] for m in data["deadline"]["moves"]] == ["2024-H2", "2025-Q1"]
    check_golden("history.json", out)


def test_follows_renames_and_removals(repo: GitRepo) -> None:
    git = open_repo(repo.path)
    renamed = record_history(git, "teams-paa-tvaers")
    assert [v.event for v in renamed.versions] == ["created", "renamed"]
    assert renamed.versions[0].path == "data/initiatives/teams.yaml"
    change = renamed.versions[1].change
    assert change is not None and change.old_id == "teams"
    removed = record_history(git, "gammelt-projekt")
    assert [v.event for v in removed.versions] == ["created", "removed"]
    meeting = record_history(git, "2024-04-24-vpu")
    assert meeting.kind == "meeting"
    last = meeting.versions[-1].change
    assert last is not None and [d.text for d in last.decisions] == ["Godkendt."]


def test_unknown_id_and_bad_format(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = udv(capsys, "history", "findes-ikke", "--root", str(repo.path))
    assert code == 2
    assert "intet tiltag, møde eller nøgletal med id'et 'findes-ikke'" in err
    code, _, err = udv(capsys, "history", "../udvikling", "--root", str(repo.path))
    assert code == 2 and "ikke et id" in err
    code, _, err = udv(
        capsys, "history", "kommunikationsstrategi", "-f", "docx", "--root", str(repo.path)
    )
    assert code == 2 and "Ukendt format" in err
