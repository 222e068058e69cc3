"""``udv overdue``: goldens at several dates on the shipped plan, grouping, --fail, kinds.

Goldens live in ``tests/golden/overdue/``; regenerate with
``UDV_UPDATE_GOLDEN=1 python -m pytest tests/test_overdue.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from conftest import MINIMAL_CONFIG, MINIMAL_INITIATIVE, MINIMAL_MEETING, BuildTree
from udvikling.cli import run
from udvikling.load import load
from udvikling.reports.overdue import build_overdue

REPO = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden" / "overdue"
DATES = ["2023-01-15", "2023-07-01", "2024-04-24", "2025-06-30"]


def check_golden(name: str, text: str) -> None:
    """Compare ``text`` with ``tests/golden/overdue/<name>``, or rewrite it when asked to."""
    target = GOLDEN / name
    if os.environ.get("UDV_UPDATE_GOLDEN") == "1":
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    assert target.is_file(), f"{target} mangler; kør med UDV_UPDATE_GOLDEN=1"
    assert text == target.read_text(encoding="utf-8")


def overdue(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = run(["overdue", "--root", str(root), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("as_of", DATES)
def test_overdue_text_golden(capsys: pytest.CaptureFixture[str], as_of: str) -> None:
    code, out, err = overdue(capsys, REPO, "--as-of", as_of)
    assert code == 0 and err == ""
    check_golden(f"{as_of}.txt", out)


@pytest.mark.parametrize("as_of", DATES)
def test_overdue_json_golden(capsys: pytest.CaptureFixture[str], as_of: str) -> None:
    code, out, _ = overdue(capsys, REPO, "--as-of", as_of, "--format", "json")
    assert code == 0
    data = json.loads(out)
    days = [item["days_late"] for item in data["items"]]
    assert days == sorted(days, reverse=True) and all(d > 0 for d in days)
    check_golden(f"{as_of}.json", out)


@pytest.mark.parametrize("by", ["owner", "track"])
def test_overdue_grouped_golden(capsys: pytest.CaptureFixture[str], by: str) -> None:
    code, out, _ = overdue(capsys, REPO, "--as-of", "2024-04-24", "--by", by, "--format", "md")
    assert code == 0
    check_golden(f"2024-04-24-by-{by}.md", out)


def test_late_from_the_day_after_the_due_period(build_tree: BuildTree) -> None:
    """Due 4. kvartal 2024: not late on 31 December, 1 day late on 1 January 2025."""
    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/kommunikationsstrategi.yaml": MINIMAL_INITIATIVE,
        }
    )
    dataset = load(root).dataset
    assert dataset is not None
    assert build_overdue(dataset, date(2024, 12, 31)).items == ()
    (item,) = build_overdue(dataset, date(2025, 1, 1)).items
    assert (item.kind, item.days_late, item.late_from) == ("initiative", 1, date(2025, 1, 1))
    (item,) = build_overdue(dataset, date(2025, 2, 11)).items
    assert item.days_late == 42


def test_fail_exits_1_only_when_something_is_late(
    capsys: pytest.CaptureFixture[str], build_tree: BuildTree
) -> None:
    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/kommunikationsstrategi.yaml": MINIMAL_INITIATIVE,
        }
    )
    code, out, _ = overdue(capsys, root, "--as-of", "2024-12-31", "--fail")
    assert code == 0 and out == "Pr. 31. december 2024: intet er for sent.\n"
    code, out, _ = overdue(capsys, root, "--as-of", "2025-02-11", "--fail")
    assert code == 1
    assert "42 dage for sent: tiltag Kommunikationsstrategi" in out
    code, _, _ = overdue(capsys, root, "--as-of", "2025-02-11")
    assert code == 0


def test_undecided_meeting_and_milestone(build_tree: BuildTree) -> None:
    meeting = MINIMAL_MEETING.replace("    decision: Godkendt.\n", "")
    initiative = MINIMAL_INITIATIVE + (
        "milestones:\n  - title: Status i VPU\n    meeting: 2024-04-24-vpu\n"
        "  - title: Udkast\n    due: maj 2024\n    done: 2024-05-20\n"
    )
    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/kommunikationsstrategi.yaml": initiative,
            "data/meetings/2024-04-24-vpu.yaml": meeting,
        }
    )
    dataset = load(root).dataset
    assert dataset is not None
    assert build_overdue(dataset, date(2024, 4, 24)).items == ()
    report = build_overdue(dataset, date(2024, 4, 26))
    assert [(i.kind, i.id, i.days_late) for i in report.items] == [
        ("milestone", "kommunikationsstrategi#1", 2),
        ("meeting", "2024-04-24-vpu", 2),
    ]
    assert report.summary() == (
        "Pr. 26. april 2024 er 1 milepæl og 1 møde uden beslutning for sent."
    )


def test_waived_undecided_meetings_are_left_out() -> None:
    dataset = load(REPO).dataset
    assert dataset is not None
    report = build_overdue(dataset, date(2025, 6, 30))
    assert report.of_kind("meeting") == ()
    assert "2023-04-26-vpu" in report.waived_meetings


def test_bad_group_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = overdue(capsys, REPO, "--by", "farve")
    assert code == 2 and out == "" and "Ukendt gruppering" in err
