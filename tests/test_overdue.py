"""``udv overdue``: goldens at several dates on the shipped plan, grouping, --fail, kinds.

Goldens live in ``tests/golden/overdue/``; regenerate with
``UDV_UPDATE_GOLDEN=1 python -m pytest tests/test_overdue.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import MINIMAL_CONFIG, MINIMAL_INITIATIVE, MINIMAL_MEETING, BuildTree, golden
from udvikling.cli import run
from udvikling.load import load
from udvikling.reports.overdue import build_overdue

REPO = Path(__file__).resolve().parents[1]
DATES = ["2023-01-15", "2023-07-01", "2024-04-24", "2025-06-30"]


check_golden = golden("overdue")


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
    # The meeting was held but did not treat the initiative, so its milestone there was not
    # reached; its decision is not recorded (late, because the meeting is known held).
    meeting = (
        MINIMAL_MEETING.replace("    decision: Godkendt.\n", "").replace(
            "initiatives: [kommunikationsstrategi]", "initiatives: []"
        )
        + "held: true\n"
    )
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


# -- docs/json-output.md -----------------------------------------------------------------

DOC = REPO / "docs" / "json-output.md"
# The tables of lint, diff, history and sheet status: their outputs need git history and a
# status round, so tests/test_json_schemas.py::test_docs_match_output checks them.
CHECKED_ELSEWHERE = frozenset(
    {
        *("lint", "finding", "diff", "side", "diff.lint", "record-change", "field-change"),
        *("shift", "entry", "history", "history.deadline", "history.deadline.moves[]"),
        *("history.versions[]", "sheet-status", "sheet-status.sheets[]"),
        "sheet-status.sheets[].rows[]",
    }
)


def documented_keys() -> dict[str, set[str]]:
    """``{"status.counts": {"active", ...}}`` from the key tables under each ``### `path```."""
    tables: dict[str, set[str]] = {}
    current: str | None = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^### `([^`]+)`$", line)
        if heading:
            current = heading.group(1)
            tables[current] = set()
        elif line.startswith("## ") or line.startswith("### "):
            current = None
        elif current and (key := re.match(r"^\| `(\w+)` \|", line)):
            tables[current].add(key.group(1))
    return tables


def objects_at(data: Any, path: list[str]) -> list[dict[str, Any]]:
    """Every object reached by ``path`` (``meetings[]`` walks into each list element)."""
    if not path:
        return [data]
    head, rest = path[0], path[1:]
    value = data[head.removesuffix("[]")]
    if head.endswith("[]"):
        elements = value or []  # groups is null without --by
        return [found for element in elements for found in objects_at(element, rest)]
    return objects_at(value, rest)


def periods_in(data: Any) -> list[dict[str, Any]]:
    """Every period object anywhere in the output (dicts with a ``danish`` key)."""
    if isinstance(data, dict):
        own = [data] if "danish" in data else []
        return own + [p for value in data.values() for p in periods_in(value)]
    if isinstance(data, list):
        return [p for value in data for p in periods_in(value)]
    return []


def test_json_docs_match_output(capsys: pytest.CaptureFixture[str], build_tree: BuildTree) -> None:
    tables = documented_keys()
    outputs: dict[str, list[Any]] = {"status": [], "overdue": []}
    for quarter, as_of in [("2023Q2", "2025-06-30"), ("2024Q3", "2025-06-30")]:
        code = run(["status", "--root", str(REPO), "-q", quarter, "--as-of", as_of, "-f", "json"])
        assert code == 0
        outputs["status"].append(json.loads(capsys.readouterr().out))
    for args in (["--by", "owner"], []):
        code = run(["overdue", "--root", str(REPO), "--as-of", "2024-04-24", "-f", "json", *args])
        assert code == 0
        outputs["overdue"].append(json.loads(capsys.readouterr().out))
    # The shipped plan has nothing late (only things without news): a plan kept without a
    # journal, whose deadline has passed, shows the late items and their groups.
    late = build_tree(
        {"udvikling.yaml": MINIMAL_CONFIG, "data/initiatives/x.yaml": MINIMAL_INITIATIVE}
    )
    code = run(
        ["overdue", "--root", str(late), "--as-of", "2025-06-01", "-f", "json", "--by", "owner"]
    )
    outputs["overdue"].append(json.loads(capsys.readouterr().out))
    outputs.update(_list_show_period_outputs(capsys))
    assert set(tables) >= {"period", "status", "overdue", "status.tracks[].initiatives[]"}
    assert set(tables) >= {"list", "initiative", "show-initiative", "show-meeting", "reference"}
    shown = outputs["show-initiative"] + outputs["show-meeting"]
    records = [r for data in outputs["list"] for r in data["records"]]
    special = {
        "initiative": [r for r in records if "track" in r]
        + [d["record"] for d in outputs["show-initiative"]],
        "meeting": [r for r in records if "body" in r]
        + [d["record"] for d in outputs["show-meeting"]],
        "listed-report": [r for r in records if "sections" in r],
        "reference": [
            ref
            for d in outputs["show-initiative"]
            for ref in d["beacons"] + d["depends_on"] + d["needed_by"]
        ]
        + [ref for d in outputs["show-meeting"] for i in d["items"] for ref in i["initiatives"]],
        "show-initiative.milestones[]": [m for d in shown for m in d["milestones"]],
    }
    checked = 0
    for name, keys in tables.items():
        if name in CHECKED_ELSEWHERE:
            continue
        if name == "period":
            found = [p for datas in outputs.values() for data in datas for p in periods_in(data)]
        elif name in special:
            found = special[name]
        else:
            report, *path = name.split(".")
            found = [obj for data in outputs[report] for obj in objects_at(data, path)]
            if name == "overdue.items[]":
                # Unreported items share the shape of late ones.
                found += [o for data in outputs[report] for o in objects_at(data, ["unreported[]"])]
        assert found, f"{name}: intet i det faktiske output at sammenligne med"
        for obj in found:
            assert set(obj) == keys, name
            checked += 1
    assert checked > 100


def _list_show_period_outputs(capsys: pytest.CaptureFixture[str]) -> dict[str, list[Any]]:
    """The JSON of ``udv list``, ``udv show`` and ``udv period`` on the shipped plan."""
    found: dict[str, list[Any]] = {
        "list": [],
        "show-initiative": [],
        "show-meeting": [],
        "period-command": [],
    }
    runs = [
        ("list", ["list", "initiatives", "-f", "json"]),
        ("list", ["list", "meetings", "--format", "json"]),
        ("list", ["list", "reports", "-f", "json"]),
        ("show-initiative", ["show", "status-til-fagudvalgene", "-f", "json"]),
        ("show-meeting", ["show", "2024-04-24-vpu", "-f", "json"]),
    ]
    dataset = load(REPO).dataset
    assert dataset is not None
    linked = next(i for i in dataset.initiatives.values() if i.depends_on and i.beacons)
    runs.append(("show-initiative", ["show", linked.id, "-f", "json"]))
    for kind, argv in runs:
        assert run([*argv, "--root", str(REPO), "--as-of", "2025-06-30"]) == 0
        found[kind].append(json.loads(capsys.readouterr().out))
    for text in ("primo uge 15 2023", "2023-04-26", "dec. 2022 – feb. 2023"):
        assert run(["period", text, "-f", "json"]) == 0
        found["period-command"].append(json.loads(capsys.readouterr().out))
    return found


def _abridged_status(real: dict[str, Any]) -> dict[str, Any]:
    """The status example of the docs: the real output cut to one meeting, one track and one
    of each kind of line in it."""
    track = next(t for t in real["tracks"] if t["initiatives"] and t["milestones"])
    return {
        **real,
        "meetings": real["meetings"][:1],
        "tracks": [
            {
                **track,
                "initiatives": track["initiatives"][:1],
                "milestones": track["milestones"][:1],
                "updates": track["updates"][:1],
            }
        ],
    }


def test_json_doc_examples_are_real_output(capsys: pytest.CaptureFixture[str]) -> None:
    text = DOC.read_text(encoding="utf-8")
    blocks = list(re.finditer(r"```json\n(.*?)```", text, re.DOTALL))
    status_example, overdue_example = (json.loads(block.group(1)) for block in blocks)
    run(["overdue", "--root", str(REPO), "--as-of", "2023-01-15", "--by", "owner", "-f", "json"])
    real_overdue = json.loads(capsys.readouterr().out)
    run(["status", "--root", str(REPO), "-q", "2024Q1", "--as-of", "2024-02-01", "-f", "json"])
    real = json.loads(capsys.readouterr().out)
    if os.environ.get("UDV_UPDATE_GOLDEN") == "1":
        fresh = [_abridged_status(real), real_overdue]
        for block, data in reversed(list(zip(blocks, fresh, strict=True))):
            dumped = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
            text = text[: block.start(1)] + dumped + text[block.end(1) :]
        DOC.write_text(text, encoding="utf-8")
        status_example, overdue_example = fresh
    assert real_overdue == overdue_example
    assert status_example == _abridged_status(real)
