"""One test per rule of ``docs/semantics.md`` (test_rNN matches the heading "## RNN")."""

from __future__ import annotations

import re
import sys
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

from conftest import MINIMAL_CONFIG, BuildTree
from udvikling import state
from udvikling.load import load
from udvikling.model import Initiative, Meeting, Milestone
from udvikling.periods import parse_period, quarter_period
from udvikling.reports.overdue import build_overdue
from udvikling.reports.status import build_status

DOC = Path(__file__).resolve().parents[1] / "docs" / "semantics.md"


def initiative(**fields: Any) -> Initiative:
    base: dict[str, Any] = {
        "title": "Tiltag",
        "track": "organisering",
        "owner": "socialchef",
        "level": "central",
        "status": "i-gang",
    }
    base.update(fields)
    return Initiative.model_validate(base).model_copy(update={"id": "tiltag"})


def meeting(when: str, **fields: Any) -> Meeting:
    base: dict[str, Any] = {"body": "vpu", "date": when, "title": "Status", "kind": "status"}
    base.update(fields)
    return Meeting.model_validate(base).model_copy(update={"id": "m"})


def q(year: int, number: int) -> Any:
    return quarter_period(year, number)


def test_every_rule_has_a_test() -> None:
    rules = re.findall(r"^## (R\d+) ", DOC.read_text(encoding="utf-8"), re.MULTILINE)
    tests = {
        name.split("_")[1].upper().replace("R0", "R")
        for name in dir(sys.modules[__name__])
        if re.match(r"test_r\d+_", name)
    }
    assert rules == [f"R{n}" for n in range(1, len(rules) + 1)]
    assert set(rules) == tests


def test_r01_span() -> None:
    item = initiative(start="1. halvår 2023", due="2. kvartal 2024")
    assert state.span_start(item) == date(2023, 1, 1)
    assert state.span_end(item) == date(2024, 6, 30)
    done = initiative(start="2023", due="2024", status="afsluttet", completed="2024-02-15")
    assert state.span_end(done) == date(2024, 2, 15)
    assert state.span_start(initiative(due="2024")) is None
    assert state.span_end(initiative(start="2023", due="løbende")) is None


def test_r02_active_in_a_quarter() -> None:
    item = initiative(start="1. halvår 2023", due="2. kvartal 2024")
    assert [state.is_active(item, q(2023, 1)), state.is_active(item, q(2024, 2))] == [True, True]
    assert not state.is_active(item, q(2024, 3))
    assert not state.is_active(item, q(2022, 4))
    done = initiative(start="2023", due="2024", status="afsluttet", completed="2024-02-15")
    assert state.is_active(done, q(2024, 1)) and not state.is_active(done, q(2024, 2))
    for status in ("udskudt", "opgivet"):
        assert not state.is_active(initiative(start="2023", due="2024", status=status), q(2023, 2))
    assert not state.is_active(initiative(due="2024"), q(2024, 1))


def test_r03_started_due_completed() -> None:
    item = initiative(start="1. halvår 2023", due="1. halvår 2023")
    assert state.is_started_in(item, q(2023, 1)) and not state.is_started_in(item, q(2023, 2))
    assert state.is_due_in(item, q(2023, 2)) and not state.is_due_in(item, q(2023, 1))
    done = initiative(start="2023", due="2. kvartal 2024", status="afsluttet")
    assert state.is_completed_in(done, q(2024, 2)) and not state.is_completed_in(done, q(2024, 1))
    dated = initiative(start="2023", due="2024", status="afsluttet", completed="2024-02-15")
    assert state.is_completed_in(dated, q(2024, 1))
    dropped = initiative(start="1. halvår 2023", due="1. halvår 2023", status="opgivet")
    assert not state.is_started_in(dropped, q(2023, 1)) and not state.is_due_in(dropped, q(2023, 2))


def test_r04_late_from_the_day_after() -> None:
    item = initiative(start="2023", due="1. halvår 2023")
    assert state.late_from(item) == date(2023, 7, 1)
    assert state.days_late(item, date(2023, 6, 30)) == 0
    assert state.days_late(item, date(2023, 7, 1)) == 1
    assert state.days_late(item, date(2023, 8, 11)) == 42


def test_r05_ongoing_undated_and_closed_are_never_late() -> None:
    far = date(2040, 1, 1)
    assert state.days_late(initiative(start="2023", due="løbende"), far) == 0
    assert state.days_late(initiative(start="2023"), far) == 0
    assert state.days_late(initiative(), far) == 0
    for status in ("afsluttet", "opgivet"):
        assert state.days_late(initiative(start="2023", due="2023", status=status), far) == 0
    assert state.days_late(initiative(start="2023", due="2023", status="udskudt"), far) > 0


def test_r06_milestones() -> None:
    meetings = {"2023-04-26-vpu": meeting("2023-04-26")}
    at_meeting = Milestone(title="Status i VPU", meeting="2023-04-26-vpu")
    assert state.milestone_state(at_meeting, meetings, date(2023, 4, 26)) == "upcoming"
    assert state.milestone_state(at_meeting, meetings, date(2023, 4, 27)) == "late"
    assert state.milestone_days_late(at_meeting, meetings, date(2023, 4, 27)) == 1
    done = Milestone.model_validate({"title": "Udkast", "due": "maj 2024", "done": "2024-06-03"})
    assert state.milestone_state(done, meetings, date(2024, 6, 2)) == "late"
    assert state.milestone_state(done, meetings, date(2024, 6, 3)) == "done"
    closed = initiative(start="2023", due="2023", status="afsluttet")
    assert state.milestone_state(at_meeting, meetings, date(2024, 1, 1), closed) == "closed"
    # A meeting whose agenda treats the initiative is the evidence that the milestone is reached.
    treated = {
        "2023-04-26-vpu": meeting(
            "2023-04-26", items=[{"title": "Status", "initiatives": ["tiltag"]}]
        ),
        "2023-w15-primo-vpu": meeting(
            "primo uge 15 2023", items=[{"title": "Status", "initiatives": ["tiltag"]}]
        ),
    }
    active = initiative(start="2023", due="2023")
    assert state.milestone_done_on(at_meeting, treated, "tiltag") == date(2023, 4, 26)
    assert state.milestone_state(at_meeting, treated, date(2023, 4, 25), active) == "upcoming"
    assert state.milestone_state(at_meeting, treated, date(2023, 4, 26), active) == "done"
    assert state.milestone_days_late(at_meeting, treated, date(2023, 5, 1), "tiltag") == 0
    # Not on that meeting's agenda: still late; without the initiative: only `done` counts.
    assert state.milestone_done_on(at_meeting, treated, "andet") is None
    assert state.milestone_state(at_meeting, treated, date(2023, 4, 27)) == "late"
    fuzzy = Milestone(title="Styregruppe", meeting="2023-w15-primo-vpu")
    assert state.milestone_done_on(fuzzy, treated, "tiltag") == date(2023, 4, 11)
    # A recorded done date always wins.
    recorded = Milestone.model_validate(
        {"title": "Status", "meeting": "2023-04-26-vpu", "done": "2023-05-02"}
    )
    assert state.milestone_done_on(recorded, treated, "tiltag") == date(2023, 5, 2)


def test_r07_primo_medio_ultimo() -> None:
    primo = parse_period("primo uge 15 2023")
    assert (primo.start, primo.end) == (date(2023, 4, 10), date(2023, 4, 11))
    month = [parse_period(f"{w} marts 2023") for w in ("primo", "medio", "ultimo")]
    assert [(p.start.day, p.end.day) for p in month] == [(1, 10), (11, 20), (21, 31)]
    ultimo = parse_period("ultimo 2023")
    assert (ultimo.start, ultimo.end) == (date(2023, 9, 1), date(2023, 12, 31))


def test_r08_meeting_quarter_and_decision() -> None:
    week = meeting("primo uge 15 2023")
    assert state.meeting_in(week, q(2023, 2)) and not state.meeting_in(week, q(2023, 1))
    summer = meeting("medio 2023")
    assert state.meeting_in(summer, q(2023, 3)) and not state.meeting_in(summer, q(2023, 2))
    held = meeting("2024-04-24", items=[{"title": "Status"}])
    assert not state.is_past(held, date(2024, 4, 24)) and state.is_past(held, date(2024, 4, 25))
    assert not state.is_undecided(held, date(2024, 4, 24))
    assert state.is_undecided(held, date(2024, 4, 25))


def test_r09_cutoff(build_tree: BuildTree) -> None:
    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/tiltag.yaml": """\
                title: Tiltag
                track: organisering
                owner: socialchef
                level: central
                status: i-gang
                start: 1. kvartal 2024
                due: 2. kvartal 2024
                milestones:
                  - title: Udkast
                    due: 2. kvartal 2024
                    done: 2024-05-02
                updates:
                  - date: 2024-04-10
                    text: Godt i gang.
                  - date: 2024-07-01
                    text: Forsinket.
                """,
        }
    )
    dataset = load(root).dataset
    assert dataset is not None
    early = build_status(dataset, q(2024, 2), date(2024, 5, 1))
    assert early.cutoff == date(2024, 5, 1)
    assert [m.state for m in early.milestones] == ["upcoming"]
    later = build_status(dataset, q(2024, 2), date(2025, 1, 1))
    assert later.cutoff == date(2024, 6, 30)
    assert [m.state for m in later.milestones] == ["done"]
    assert [u.text for u in later.updates] == ["Godt i gang."]
    assert later.late == [] and len(later.due) == 1
    assert [i.days_late for i in build_status(dataset, q(2024, 3), date(2025, 1, 1)).late] == [92]


def test_r10_obligations(build_tree: BuildTree) -> None:
    config = MINIMAL_CONFIG + (
        "obligations:\n  status-vpu:\n    title: Status til VPU\n    bodies: [vpu]\n"
        "    every: halvår\n    period: 2024\n"
    )
    root = build_tree(
        {
            "udvikling.yaml": config,
            "data/meetings/2024-04-24-vpu.yaml": """\
                body: vpu
                date: 2024-04-24
                title: Status
                kind: status
                items:
                  - title: Status
                    decision: Taget til efterretning.
                """,
        }
    )
    dataset = load(root).dataset
    assert dataset is not None
    states = {
        s.slot.canonical(): s.state
        for s in state.obligation_status(dataset.config, dataset.meetings, date(2025, 1, 1))
    }
    assert states == {"2024-H1": "met", "2024-H2": "missed"}
    assert build_overdue(dataset, date(2024, 12, 31)).items == ()
    (item,) = build_overdue(dataset, date(2025, 1, 1)).items
    assert (item.kind, item.late_from, item.days_late) == ("obligation", date(2025, 1, 1), 1)


def test_r11_undecided_meetings_and_waivers(build_tree: BuildTree) -> None:
    undecided = """\
        body: vpu
        date: 2024-04-24
        title: Status
        kind: status
        items:
          - title: Status
        """
    undecided = textwrap.dedent(undecided)
    waived = undecided + ("waivers:\n  - code: UDV501\n    reason: Protokollen foreligger ikke.\n")
    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/meetings/2024-04-24-vpu.yaml": undecided,
            "data/meetings/2024-05-02-kb.yaml": waived.replace("vpu", "kb").replace(
                "2024-04-24", "2024-05-02"
            ),
        }
    )
    dataset = load(root).dataset
    assert dataset is not None
    report = build_overdue(dataset, date(2024, 6, 1))
    assert [(i.id, i.days_late) for i in report.items] == [("2024-04-24-vpu", 38)]
    assert report.waived_meetings == ("2024-05-02-kb",)


def test_r12_overdue_order_and_groups(build_tree: BuildTree) -> None:
    config = MINIMAL_CONFIG.replace(
        "  socialchef: Socialchef\n",
        "  socialchef: Socialchef\n  aeldrechef: Ældrechef\n  bchef: Børnechef\n",
    )

    def item(owner: str, due: str) -> str:
        return (
            f"title: {owner}\ntrack: organisering\nowner: {owner}\nlevel: central\n"
            f"status: i-gang\nstart: 2023\ndue: {due}\n"
        )

    root = build_tree(
        {
            "udvikling.yaml": config,
            "data/initiatives/a.yaml": item("aeldrechef", "1. kvartal 2024"),
            "data/initiatives/b.yaml": item("bchef", "2023"),
            "data/initiatives/c.yaml": item("socialchef", "2. kvartal 2024"),
        }
    )
    dataset = load(root).dataset
    assert dataset is not None
    report = build_overdue(dataset, date(2024, 7, 1))
    assert [i.id for i in report.items] == ["b", "a", "c"]
    assert [g.name for g in report.groups("owner")] == ["Børnechef", "Socialchef", "Ældrechef"]
