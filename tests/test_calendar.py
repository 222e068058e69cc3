"""``udv calendar``: the .ics parses back with icalendar and holds every dated meeting."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from conftest import MINIMAL_CONFIG, MINIMAL_INITIATIVE, MINIMAL_MEETING, BuildTree
from udvikling.cli import run
from udvikling.load import load
from udvikling.reports.calendar import build_calendar

REPO = Path(__file__).resolve().parents[1]
STAMP = datetime(2025, 6, 30, 12, 0, tzinfo=UTC)


def events(data: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(data)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_every_meeting_is_an_event(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "moeder.ics"
    code = run(["calendar", "-o", str(target), "--root", str(REPO)])
    captured = capsys.readouterr()
    dataset = load(REPO).dataset
    assert dataset is not None
    assert code == 0 and captured.out == ""
    assert captured.err == f"Skrev {len(dataset.meetings)} møder til {target}\n"
    found = events(target.read_bytes())
    assert set(found) == {f"{m}@udv.norddjurs-kommune" for m in dataset.meetings}
    for meeting_id, meeting in dataset.meetings.items():
        event = found[f"{meeting_id}@udv.norddjurs-kommune"]
        assert event["dtstart"].dt == meeting.date.start  # type: ignore[index]
        assert event["dtend"].dt == meeting.date.late_from  # type: ignore[index]


def test_exact_and_approximate_dates() -> None:
    dataset = load(REPO).dataset
    assert dataset is not None
    found = events(build_calendar(dataset, milestones=False, stamp=STAMP))
    vpu = found["2023-04-26-vpu@udv.norddjurs-kommune"]
    assert str(vpu["summary"]) == "VPU: Status på udviklingsprocessen på Socialområdet"  # type: ignore[index]
    assert vpu["dtstart"].dt == date(2023, 4, 26)  # type: ignore[index]
    assert vpu["dtend"].dt == date(2023, 4, 27)  # type: ignore[index]
    week = found["2023-w15-primo-administrativ-styregruppe@udv.norddjurs-kommune"]
    assert str(week["summary"]).endswith("(dato tilnærmet)")  # type: ignore[index]
    assert (week["dtstart"].dt, week["dtend"].dt) == (date(2023, 4, 10), date(2023, 4, 12))  # type: ignore[index]
    assert "primo uge 15 2023 (10.-11. april 2023)" in str(week["description"])  # type: ignore[index]


def test_uids_are_stable_and_output_repeatable() -> None:
    dataset = load(REPO).dataset
    assert dataset is not None
    first = build_calendar(dataset, milestones=True, stamp=STAMP)
    assert build_calendar(dataset, milestones=True, stamp=STAMP) == first
    later = build_calendar(dataset, milestones=True, stamp=datetime(2026, 1, 1, tzinfo=UTC))
    assert set(events(later)) == set(events(first))


def test_milestones_on_their_deadline() -> None:
    dataset = load(REPO).dataset
    assert dataset is not None
    found = events(build_calendar(dataset, milestones=True, stamp=STAMP))
    milestones = {uid: e for uid, e in found.items() if ".milepael." in uid}
    expected = sum(len(i.milestones) for i in dataset.initiatives.values() if not i.confidential)
    assert len(milestones) == expected and len(found) == expected + len(dataset.meetings)
    uid = "status-til-fagudvalgene.milepael.status-til-voksen-og-plejeudvalget-april-2023"
    event = milestones[f"{uid}@udv.norddjurs-kommune"]
    assert event["dtstart"].dt == date(2023, 4, 26)  # type: ignore[index]
    assert str(event["summary"]).startswith("Milepæl: Status til Voksen- og Plejeudvalget")  # type: ignore[index]


def test_closed_items_and_confidential_milestones_stay_out(build_tree: BuildTree) -> None:

    meeting = MINIMAL_MEETING.replace(
        "    decision: Godkendt.\n",
        "    decision: Godkendt.\n  - title: Personsag om Hansen\n    public: false\n"
        "    decision: Hemmelig beslutning.\n",
    )
    initiative = MINIMAL_INITIATIVE + (
        "confidential: true\nmilestones:\n  - title: Fortrolig milepæl\n    due: 2024\n"
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
    data = build_calendar(dataset, milestones=True, stamp=STAMP)
    text = Calendar.from_ical(data).to_ical().decode("utf-8").replace("\r\n ", "")
    assert "Lukket punkt" in text
    assert "Hansen" not in text and "Hemmelig" not in text and "Fortrolig" not in text
    assert list(events(data)) == ["2024-04-24-vpu@udv.testkommune"]


MILESTONES = """\
milestones:
  - title: Status til udvalget
    meeting: 2024-04-24-vpu
  - title: Strategien vedtages
    due: 2. kvartal 2024
  - title: Status til udvalget
    due: 4. kvartal 2024
  - title: Evaluering
    id: evaluering-2024
    due: 2024
"""


def _milestone_events(build_tree: BuildTree, milestones: str) -> dict[str, str]:
    """Milestone UID -> summary and first day for one initiative with ``milestones``."""
    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/kommunikationsstrategi.yaml": MINIMAL_INITIATIVE + milestones,
            "data/meetings/2024-04-24-vpu.yaml": MINIMAL_MEETING,
        }
    )
    dataset = load(root).dataset
    assert dataset is not None
    found = events(build_calendar(dataset, milestones=True, stamp=STAMP))
    return {
        uid.removesuffix("@udv.testkommune"): f"{e['summary']} {e['dtstart'].dt}"  # type: ignore[index]
        for uid, e in found.items()
        if ".milepael." in uid
    }


def test_milestone_uids_come_from_identity_not_position(build_tree: BuildTree) -> None:
    before = _milestone_events(build_tree, MILESTONES)
    prefix = "kommunikationsstrategi.milepael."
    assert set(before) == {
        prefix + "status-til-udvalget",
        prefix + "strategien-vedtages",
        prefix + "status-til-udvalget-2",
        prefix + "evaluering-2024",
    }
    # Reversed, with a new milestone first and a renamed one that keeps its id: every
    # event keeps its UID (and a re-import updates it), the new one gets its own.
    items = MILESTONES.removeprefix("milestones:\n").split("  - ")[1:]
    changed = "".join(f"  - {item}" for item in reversed(items))
    changed = changed.replace("title: Evaluering", "title: Evaluering af strategien")
    after = _milestone_events(
        build_tree, "milestones:\n  - title: Kickoff\n    due: 1. kvartal 2024\n" + changed
    )
    assert set(after) == set(before) | {prefix + "kickoff"}
    assert after[prefix + "evaluering-2024"].startswith("Milepæl: Evaluering af strategien")
    for uid, summary in before.items():
        if "evaluering" not in uid:
            assert after[uid] == summary


def test_identical_milestones_still_get_distinct_uids(build_tree: BuildTree) -> None:
    twice = "milestones:\n" + "  - title: Status\n    due: 2024\n" * 2
    assert set(_milestone_events(build_tree, twice)) == {
        "kommunikationsstrategi.milepael.status",
        "kommunikationsstrategi.milepael.status-2",
    }


def test_a_same_titled_milestone_added_or_a_deadline_moved_keeps_every_uid(
    build_tree: BuildTree,
) -> None:
    """Outlook showed a milestone twice when its UID changed: the UID named its deadline,
    and a second milestone of the same title renamed the first one's."""
    prefix = "kommunikationsstrategi.milepael."
    one = "milestones:\n  - title: Status til udvalget\n    due: 2. kvartal 2024\n"
    before = _milestone_events(build_tree, one)
    assert set(before) == {prefix + "status-til-udvalget"}
    # The deadline moves: the same event, with the new date.
    moved = _milestone_events(build_tree, one.replace("2. kvartal 2024", "3. kvartal 2024"))
    assert set(moved) == set(before)
    assert moved[prefix + "status-til-udvalget"].endswith(" 2024-09-30")
    # A second "Status til udvalget" later in the year, after it in the file or before it
    # (added with since, as a decision adds a milestone): the first keeps its UID.
    later = "  - title: Status til udvalget\n    due: 4. kvartal 2024\n"
    added = "  - title: Status til udvalget\n    due: 1. kvartal 2024\n    since: 2024-03-01\n"
    for changed in (one + later, "milestones:\n" + added + one.removeprefix("milestones:\n")):
        after = _milestone_events(build_tree, changed)
        assert set(after) == {prefix + "status-til-udvalget", prefix + "status-til-udvalget-2"}
        assert after[prefix + "status-til-udvalget"].endswith(" 2024-06-30")
        assert not after[prefix + "status-til-udvalget-2"].endswith(" 2024-06-30")
