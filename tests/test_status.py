"""``udv status``: goldens for every quarter of the shipped plan, formats, quarter forms.

Goldens live in ``tests/golden/status/``; regenerate with
``UDV_UPDATE_GOLDEN=1 python -m pytest tests/test_status.py`` and review the diff.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from conftest import MINIMAL_CONFIG, MINIMAL_INITIATIVE, BuildTree, golden
from udvikling.cli import run
from udvikling.load import load
from udvikling.periods import parse_quarter, quarter_period
from udvikling.reports.status import build_status

REPO = Path(__file__).resolve().parents[1]
AS_OF = "2025-06-30"
QUARTERS = [f"{year}Q{q}" for year in range(2022, 2026) for q in range(1, 5)][1:13]


check_golden = golden("status")


def status(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(["status", "--root", str(REPO), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_quarters_cover_2022q2_to_2025q1() -> None:
    assert QUARTERS[0] == "2022Q2" and QUARTERS[-1] == "2025Q1"
    assert len(QUARTERS) == 12


@pytest.mark.parametrize("quarter", QUARTERS)
def test_status_text_golden(capsys: pytest.CaptureFixture[str], quarter: str) -> None:
    code, out, err = status(capsys, "--quarter", quarter, "--as-of", AS_OF)
    assert code == 0 and err == ""
    check_golden(f"{quarter}.txt", out)


@pytest.mark.parametrize("quarter", QUARTERS)
def test_status_md_golden(capsys: pytest.CaptureFixture[str], quarter: str) -> None:
    code, out, _ = status(capsys, "--quarter", quarter, "--as-of", AS_OF, "--format", "md")
    assert code == 0
    check_golden(f"{quarter}.md", out)


@pytest.mark.parametrize("quarter", ["2023Q2", "2024Q1"])
def test_status_json_golden(capsys: pytest.CaptureFixture[str], quarter: str) -> None:
    code, out, _ = status(capsys, "--quarter", quarter, "--as-of", AS_OF, "--format", "json")
    assert code == 0
    json.loads(out)
    check_golden(f"{quarter}.json", out)


def test_status_mid_quarter_golden(capsys: pytest.CaptureFixture[str]) -> None:
    """A quarter under way is cut off at --as-of: 1. kvartal 2024 on 1 February 2024."""
    code, out, _ = status(capsys, "--quarter", "2024Q1", "--as-of", "2024-02-01")
    assert code == 0
    assert "1. kvartal 2024 (pr. 1. februar 2024)" in out
    check_golden("2024Q1-as-of-2024-02-01.txt", out)


def test_2023q2_shows_the_spring_2023_meetings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = status(capsys, "--quarter", "2023Q2", "--as-of", AS_OF)
    assert code == 0
    meetings = out.split("Møder i kvartalet", 1)[1].split("\n\n", 1)[0]
    assert "20. april 2023: BUU" in meetings
    assert "26. april 2023: VPU" in meetings
    assert "16. maj 2023: Politisk styregruppe" in meetings
    assert "primo uge 15 2023: Administrativ styregruppe" in meetings
    # in date order: week 15 (10-12 April) before 20 April
    assert meetings.index("primo uge 15") < meetings.index("20. april") < meetings.index("16. maj")


def test_2023q2_meetings_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = status(capsys, "--quarter", "2023Q2", "--as-of", AS_OF, "--format", "json")
    data = json.loads(out)
    found = {(m["body"], m["date"]["danish"]) for m in data["meetings"]}
    assert found == {
        ("administrativ-styregruppe", "primo uge 15 2023"),
        ("buu", "20. april 2023"),
        ("vpu", "26. april 2023"),
        ("politisk-styregruppe", "16. maj 2023"),
    }


@pytest.mark.parametrize("written", ["2024Q1", "2024-Q1", "Q1 2024", "1. kvartal 2024"])
def test_quarter_forms(capsys: pytest.CaptureFixture[str], written: str) -> None:
    code, out, _ = status(capsys, "--quarter", written, "--as-of", AS_OF, "--format", "json")
    assert code == 0
    assert json.loads(out)["quarter"]["text"] == "2024-Q1"


def test_default_quarter_is_the_as_of_quarter(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = status(capsys, "--as-of", "2023-05-01", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["quarter"]["text"] == "2023-Q2" and data["cutoff"] == "2023-05-01"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--quarter", "2024-H1"], "ikke et kvartal"),
        (["--quarter", "noget"], "--quarter"),
        (["--format", "pdf"], "Ukendt format"),
        (["--as-of", "maj 2024"], "--as-of"),
    ],
)
def test_usage_errors(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = status(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith("udv: fejl:") and message in err and "Traceback" not in err
    if args[0] == "--quarter":
        assert "tip: Skriv et kvartal, fx 2024Q1" in err


def test_tracks_follow_the_configured_order() -> None:
    dataset = load(REPO).dataset
    assert dataset is not None
    report = build_status(dataset, quarter_period(2023, 2), date(2025, 6, 30))
    assert [t.id for t in report.tracks] == list(dataset.config.tracks)


def test_summary_counts_match_tracks() -> None:
    dataset = load(REPO).dataset
    assert dataset is not None
    report = build_status(dataset, parse_quarter("2024Q1"), date(2024, 2, 1))
    active = sum(len(t.active) for t in report.tracks)
    assert report.summary().startswith(f"1. kvartal 2024 (pr. 1. februar 2024): {active} aktive")


def test_cutoff_hides_what_came_after_it(build_tree: BuildTree) -> None:
    """A milestone done on 2 May 2024 is upcoming on 1 May and done on 2 May."""
    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/kommunikationsstrategi.yaml": MINIMAL_INITIATIVE
            + "milestones:\n  - title: Udkast\n    due: 2. kvartal 2024\n    done: 2024-05-02\n",
        }
    )
    dataset = load(root).dataset
    assert dataset is not None
    quarter = parse_quarter("2024Q2")

    def milestone(day: date) -> str:
        (found,) = build_status(dataset, quarter, day).milestones
        return found.state

    assert milestone(date(2024, 5, 1)) == "upcoming"
    assert milestone(date(2024, 5, 2)) == "done"
    assert milestone(date(2025, 1, 1)) == "done"


def test_danish_plurals_in_summary(minimal_repo: Path) -> None:
    dataset = load(minimal_repo).dataset
    assert dataset is not None
    text = build_status(dataset, quarter_period(2024, 2), date(2024, 6, 30)).summary()
    assert "1 aktivt tiltag" in text and "1 møde;" in text and "0 opdateringer" in text
    text = build_status(dataset, quarter_period(2022, 1), date(2024, 6, 30)).summary()
    assert "0 aktive tiltag" in text and "0 møder" in text and "ingen milepæle" in text


def test_markdown_keeps_data_text_literal(
    build_tree: BuildTree, capsys: pytest.CaptureFixture[str]
) -> None:
    initiative = (
        MINIMAL_INITIATIVE.replace(
            "title: Kommunikationsstrategi", "title: 'Strategi | <b>fed</b> *x*'"
        )
        + "updates:\n  - date: 2024-02-01\n    text: '<script>alert(1)</script> a | b'\n"
    )
    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/kommunikationsstrategi.yaml": initiative,
        }
    )
    code = run(["status", "--root", str(root), "-q", "2024Q1", "--as-of", "2024-06-30", "-f", "md"])
    out = capsys.readouterr().out
    assert code == 0
    assert not re.search(r"(?<!\\)<", out), "a < from the data opens an HTML tag"
    assert r"Strategi \| \<b>fed\</b> \*x\*" in out
    assert r"\<script>alert(1)\</script> a \| b" in out
