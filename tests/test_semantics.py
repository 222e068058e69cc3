"""One test per rule of ``docs/semantics.md`` (test_rNN matches the heading "## RNN")."""

from __future__ import annotations

import re
import sys
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

from conftest import MINIMAL_CONFIG, BuildTree
from udvikling.chrono import initiatives, meetings, milestones, obligations
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
    assert initiatives.span_start(item) == date(2023, 1, 1)
    assert initiatives.span_end(item) == date(2024, 6, 30)
    done = initiative(start="2023", due="2024", status="afsluttet", completed="2024-02-15")
    assert initiatives.span_end(done) == date(2024, 2, 15)
    assert initiatives.span_start(initiative(due="2024")) is None
    assert initiatives.span_end(initiative(start="2023", due="løbende")) is None


def test_r02_active_in_a_quarter() -> None:
    item = initiative(start="1. halvår 2023", due="2. kvartal 2024")
    assert [initiatives.is_active(item, q(2023, 1)), initiatives.is_active(item, q(2024, 2))] == [
        True,
        True,
    ]
    assert not initiatives.is_active(item, q(2024, 3))
    assert not initiatives.is_active(item, q(2022, 4))
    done = initiative(start="2023", due="2024", status="afsluttet", completed="2024-02-15")
    assert initiatives.is_active(done, q(2024, 1)) and not initiatives.is_active(done, q(2024, 2))
    for status in ("udskudt", "opgivet"):
        assert not initiatives.is_active(
            initiative(start="2023", due="2024", status=status), q(2023, 2)
        )
    assert not initiatives.is_active(initiative(due="2024"), q(2024, 1))


def test_r03_started_due_completed() -> None:
    item = initiative(start="februar 2023", due="1. halvår 2023")
    assert initiatives.is_started_in(item, q(2023, 1)) and not initiatives.is_started_in(
        item, q(2023, 2)
    )
    coarse = initiative(start="1. halvår 2023", due="1. halvår 2023")
    assert not any(initiatives.is_started_in(coarse, q(2023, n)) for n in (1, 2))
    assert initiatives.is_active(coarse, q(2023, 1))
    assert initiatives.is_due_in(item, q(2023, 2)) and not initiatives.is_due_in(item, q(2023, 1))
    # Afsluttet without a date a source gives: completed in no quarter (never the deadline).
    done = initiative(start="2023", due="2. kvartal 2024", status="afsluttet")
    assert not any(initiatives.is_completed_in(done, q(2024, n)) for n in (1, 2, 3))
    assert initiatives.completion(done) == initiatives.Completion("unknown", None)
    dated = initiative(start="2023", due="2024", status="afsluttet", completed="2024-02-15")
    assert initiatives.is_completed_in(dated, q(2024, 1))
    assert initiatives.completion(dated).basis == "recorded"  # type: ignore[union-attr]
    # Reported afsluttet by a journal entry: completed by the entry's date at the latest.
    reported = initiative(
        start="2023",
        due="2. kvartal 2024",
        updates=[{"date": "2024-09-30", "status": "afsluttet", "text": "Færdig."}],
    )
    closed = reported.model_copy(update={"status": "afsluttet"})
    assert initiatives.completion(closed) == initiatives.Completion(
        "reported", parse_period("2024-09-30")
    )
    assert initiatives.is_completed_in(closed, q(2024, 3))
    dropped = initiative(start="1. halvår 2023", due="1. halvår 2023", status="opgivet")
    assert not initiatives.is_started_in(dropped, q(2023, 1)) and not initiatives.is_due_in(
        dropped, q(2023, 2)
    )


def test_r04_late_from_the_day_after() -> None:
    item = initiative(start="2023", due="1. halvår 2023")
    assert initiatives.late_from(item) == date(2023, 7, 1)
    assert initiatives.days_late(item, date(2023, 6, 30)) == 0
    assert initiatives.days_late(item, date(2023, 7, 1)) == 1
    assert initiatives.days_late(item, date(2023, 8, 11)) == 42


def test_r05_ongoing_undated_and_closed_are_never_late() -> None:
    far = date(2040, 1, 1)
    assert initiatives.days_late(initiative(start="2023", due="løbende"), far) == 0
    assert initiatives.days_late(initiative(start="2023"), far) == 0
    assert initiatives.days_late(initiative(), far) == 0
    for status in ("afsluttet", "opgivet"):
        assert initiatives.days_late(initiative(start="2023", due="2023", status=status), far) == 0
    assert initiatives.days_late(initiative(start="2023", due="2023", status="udskudt"), far) > 0


def test_r06_milestones() -> None:
    meetings = {"2023-04-26-vpu": meeting("2023-04-26")}
    at_meeting = Milestone(title="Status i VPU", meeting="2023-04-26-vpu")
    assert milestones.milestone_state(at_meeting, meetings, date(2023, 4, 26)) == "upcoming"
    assert milestones.milestone_state(at_meeting, meetings, date(2023, 4, 27)) == "late"
    assert milestones.milestone_days_late(at_meeting, meetings, date(2023, 4, 27)) == 1
    done = Milestone.model_validate({"title": "Udkast", "due": "maj 2024", "done": "2024-06-03"})
    assert milestones.milestone_state(done, meetings, date(2024, 6, 2)) == "late"
    assert milestones.milestone_state(done, meetings, date(2024, 6, 3)) == "done"
    closed = initiative(start="2023", due="2023", status="afsluttet")
    assert milestones.milestone_state(at_meeting, meetings, date(2024, 1, 1), closed) == "closed"
    # A meeting held (a decision recorded) whose agenda treats the initiative is the evidence.
    item = {"title": "Status", "initiatives": ["tiltag"], "decision": "Taget til efterretning."}
    treated = {
        "2023-04-26-vpu": meeting("2023-04-26", items=[item]),
        "2023-w15-primo-vpu": meeting("primo uge 15 2023", items=[item]),
    }
    active = initiative(start="2023", due="2023")
    other = active.model_copy(update={"id": "andet"})
    assert milestones.milestone_done_on(at_meeting, treated, active) == date(2023, 4, 26)
    assert milestones.milestone_state(at_meeting, treated, date(2023, 4, 25), active) == "upcoming"
    assert milestones.milestone_state(at_meeting, treated, date(2023, 4, 26), active) == "done"
    assert milestones.milestone_days_late(at_meeting, treated, date(2023, 5, 1), active) == 0
    # Not on that held meeting's agenda: late; without the initiative only `done` counts.
    assert milestones.milestone_done_on(at_meeting, treated, other) is None
    assert milestones.milestone_state(at_meeting, treated, date(2023, 4, 27), other) == "late"
    fuzzy = Milestone(title="Styregruppe", meeting="2023-w15-primo-vpu")
    assert milestones.milestone_done_on(fuzzy, treated, active) == date(2023, 4, 11)
    # A planned meeting (no decision, not recorded as held) is no evidence.
    planned = {
        "2023-04-26-vpu": meeting(
            "2023-04-26", items=[{"title": "Status", "initiatives": ["tiltag"]}]
        )
    }
    assert milestones.milestone_done_on(at_meeting, planned, active) is None
    held = {"2023-04-26-vpu": planned["2023-04-26-vpu"].model_copy(update={"held": True})}
    assert milestones.milestone_done_on(at_meeting, held, active) == date(2023, 4, 26)
    # A recorded done (a date or a period) always wins; an entry may report it reached.
    recorded = Milestone.model_validate(
        {"title": "Status", "meeting": "2023-04-26-vpu", "done": "2023-05-02"}
    )
    assert milestones.milestone_done_on(recorded, treated, active) == date(2023, 5, 2)
    coarse = Milestone.model_validate(
        {"title": "Konstituering", "due": "dec. 2022", "done": "december 2022"}
    )
    assert milestones.milestone_done_on(coarse, {}, active) == date(2022, 12, 31)
    told = initiative(
        start="2023",
        due="2023",
        updates=[{"date": "2023-06-15", "reached": ["Udkast"], "text": "Udkastet er klar."}],
    )
    draft = Milestone.model_validate({"title": "Udkast", "due": "maj 2023"})
    reached = milestones.milestone_reached(draft, {}, told)
    assert reached is not None and (reached.basis, reached.day) == ("reported", date(2023, 6, 15))
    assert milestones.milestone_state(draft, {}, date(2023, 6, 14), told) == "late"
    assert milestones.milestone_state(draft, {}, date(2023, 6, 15), told) == "done"


def test_r07_primo_medio_ultimo() -> None:
    primo = parse_period("primo uge 15 2023")
    assert (primo.start, primo.end) == (date(2023, 4, 10), date(2023, 4, 11))
    month = [parse_period(f"{w} marts 2023") for w in ("primo", "medio", "ultimo")]
    assert [(p.start.day, p.end.day) for p in month] == [(1, 10), (11, 20), (21, 31)]
    ultimo = parse_period("ultimo 2023")
    assert (ultimo.start, ultimo.end) == (date(2023, 9, 1), date(2023, 12, 31))


def test_r08_meeting_quarter_and_decision() -> None:
    week = meeting("primo uge 15 2023")
    assert meetings.meeting_in(week, q(2023, 2)) and not meetings.meeting_in(week, q(2023, 1))
    summer = meeting("medio 2023")
    assert meetings.meeting_in(summer, q(2023, 3)) and not meetings.meeting_in(summer, q(2023, 2))
    held = meeting("2024-04-24", items=[{"title": "Status"}])
    assert not meetings.is_past(held, date(2024, 4, 24)) and meetings.is_past(
        held, date(2024, 4, 25)
    )
    assert not meetings.is_undecided(held, date(2024, 4, 24))
    assert meetings.is_undecided(held, date(2024, 4, 25))
    assert not meetings.has_taken_place(held, date(2024, 4, 23))
    assert meetings.has_taken_place(held, date(2024, 4, 24))
    cancelled = held.model_copy(update={"held": False})
    assert not meetings.is_undecided(cancelled, date(2024, 5, 1))


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
        for s in obligations.obligation_status(dataset.config, dataset.meetings, date(2025, 1, 1))
    }
    assert states == {"2024-H1": "met", "2024-H2": "missed"}
    # A status meeting that was only planned (nothing records it held) leaves the slot
    # unconfirmed: not met, and not missed either.
    planned = meeting("2024-10-23", body="vpu")
    planned_meetings = {**dataset.meetings, "2024-10-23-vpu": planned}
    states = {
        s.slot.canonical(): s.state
        for s in obligations.obligation_status(dataset.config, planned_meetings, date(2025, 1, 1))
    }
    assert states == {"2024-H1": "met", "2024-H2": "unconfirmed"}
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
            "data/meetings/2024-04-24-vpu.yaml": undecided + "held: true\n",
            "data/meetings/2024-05-02-kb.yaml": waived.replace("vpu", "kb").replace(
                "2024-04-24", "2024-05-02"
            ),
            "data/meetings/2024-05-08-vpu.yaml": undecided.replace("2024-04-24", "2024-05-08"),
        }
    )
    dataset = load(root).dataset
    assert dataset is not None
    report = build_overdue(dataset, date(2024, 6, 1))
    # Held without a recorded decision: late from the day after.
    assert [(i.id, i.days_late) for i in report.items] == [("2024-04-24-vpu", 38)]
    assert report.waived_meetings == ("2024-05-02-kb",)
    # Not known to have been held: not late, but listed with what is not reported.
    assert [(i.id, i.days_late, i.reported_text) for i in report.unreported] == [
        ("2024-05-08-vpu", 0, "ikke bekræftet, at mødet blev holdt")
    ]


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


# -- the journal: what was known when (R13-R21) ----------------------------------------------


def plan(build_tree: BuildTree, files: dict[str, str]) -> Any:
    root = build_tree({"udvikling.yaml": MINIMAL_CONFIG, **files})
    dataset = load(root).dataset
    assert dataset is not None
    return dataset


RENAMED = """\
    title: Eftersyn af de økonomiske styringsprincipper
    track: organisering
    owner: socialchef
    level: central
    status: i-gang
    since: 2023-01-08
    start: 1. halvår 2023
    due: september 2023
    milestones:
      - title: Ny model forelægges
        due: 1. kvartal 2025
        since: 2024-08-20
    updates:
      - date: 2024-04-24
        concerns: 1. kvartal 2024
        reported_in: 2024-04-24-vpu
        text: Samarbejdet med BDO har været i fokus.
      - date: 2024-08-20
        title: Ny styringsmodel på Socialområdet
        due: 1. kvartal 2025
      - date: efterår 2024
        text: Der pågår et arbejde med modellen.
    """

VPU = """\
    body: vpu
    date: 2024-04-24
    title: Status
    kind: status
    since: 2024-01-01
    items:
      - title: Status
        initiatives: [eftersyn]
        summary: Status pr. april 2024.
        decision: Godkendt.
        remarks: Udvalget bemærker noget.
    absent: [Tom Bytoft (A)]
    """


def test_r13_known_from_the_end_of_its_date(build_tree: BuildTree) -> None:
    from udvikling.chrono import plan_at, view_at
    from udvikling.chrono.knowledge import known_from

    dataset = plan(build_tree, {"data/initiatives/eftersyn.yaml": RENAMED})
    entries = dataset.initiatives["eftersyn"].updates
    assert [known_from(u) for u in entries] == [
        date(2024, 4, 24),
        date(2024, 8, 20),
        date(2024, 11, 30),
    ]
    assert plan_at(dataset, view_at(date(2023, 1, 7))).initiatives == {}
    seen = plan_at(dataset, view_at(date(2024, 11, 29))).initiatives["eftersyn"]
    assert [u.text for u in seen.updates] == ["Samarbejdet med BDO har været i fokus.", None]
    later = plan_at(dataset, view_at(date(2024, 11, 30))).initiatives["eftersyn"]
    assert len(later.updates) == 3


def test_r14_concerns(build_tree: BuildTree) -> None:
    dataset = plan(build_tree, {"data/initiatives/eftersyn.yaml": RENAMED})
    first = build_status(dataset, q(2024, 1), date(2024, 5, 1))
    assert [u.text for u in first.updates] == ["Samarbejdet med BDO har været i fokus."]
    assert first.updates[0].concerns == parse_period("1. kvartal 2024")
    # Not known yet when the quarter ended; nor in the quarter it was reported in.
    assert build_status(dataset, q(2024, 1), date(2024, 4, 23)).updates == []
    assert build_status(dataset, q(2024, 2), date(2024, 7, 1)).updates == []


def test_r15_changes_from_their_date(build_tree: BuildTree) -> None:
    from udvikling.chrono import plan_at, view_at

    dataset = plan(build_tree, {"data/initiatives/eftersyn.yaml": RENAMED})
    before = plan_at(dataset, view_at(date(2024, 8, 19))).initiatives["eftersyn"]
    after = plan_at(dataset, view_at(date(2024, 8, 20))).initiatives["eftersyn"]
    assert (before.title, before.due) == (
        "Eftersyn af de økonomiske styringsprincipper",
        parse_period("september 2023"),
    )
    assert (after.title, after.due) == (
        "Ny styringsmodel på Socialområdet",
        parse_period("1. kvartal 2025"),
    )
    # The record as written is the plan as first adopted.
    assert dataset.initiatives["eftersyn"].title.startswith("Eftersyn")
    # A quarter judged at its end shows the title of then, though known later.
    report = build_status(dataset, q(2024, 2), date(2025, 1, 1))
    lines = [line for track in report.tracks for line in track.initiatives]
    assert [i.title for i in lines] == ["Eftersyn af de økonomiske styringsprincipper"]
    assert [i.days_late for i in lines] == [274]  # reported under way on 24 April, due Sep 2023


def test_r16_documents_for_a_meeting(build_tree: BuildTree) -> None:
    from udvikling.chrono import meeting_view, plan_at

    dataset = plan(
        build_tree,
        {"data/initiatives/eftersyn.yaml": RENAMED, "data/meetings/2024-04-24-vpu.yaml": VPU},
    )
    view = meeting_view(dataset.meetings["2024-04-24-vpu"])
    assert (view.known, view.judged) == (date(2024, 4, 23), date(2024, 4, 23))
    stood = plan_at(dataset, view)
    entry = stood.initiatives["eftersyn"].updates
    assert [u.reported_in for u in entry] == ["2024-04-24-vpu"]
    own = stood.meetings["2024-04-24-vpu"]
    assert own.items[0].summary == "Status pr. april 2024."
    assert (own.items[0].decision, own.items[0].remarks, own.absent) == (None, None, ())


def test_r17_since(build_tree: BuildTree) -> None:
    from udvikling.chrono import plan_at, view_at

    dataset = plan(
        build_tree,
        {"data/initiatives/eftersyn.yaml": RENAMED, "data/meetings/2024-04-24-vpu.yaml": VPU},
    )
    early = plan_at(dataset, view_at(date(2023, 12, 31)))
    assert early.initiatives["eftersyn"].milestones == ()
    assert "2024-04-24-vpu" not in early.meetings
    later = plan_at(dataset, view_at(date(2024, 8, 20)))
    assert [m.title for m in later.initiatives["eftersyn"].milestones] == ["Ny model forelægges"]
    assert "2024-04-24-vpu" in later.meetings


def test_r18_meetings_held_unknown_or_cancelled(build_tree: BuildTree) -> None:
    from udvikling.chrono import plan_at, view_at

    dataset = plan(build_tree, {"data/meetings/2024-04-24-vpu.yaml": VPU})
    before = plan_at(dataset, view_at(date(2024, 4, 23))).meetings["2024-04-24-vpu"]
    assert before.items[0].decision is None and before.absent == ()
    assert meetings.is_held(before, date(2024, 4, 23)) is False
    on_the_day = plan_at(dataset, view_at(date(2024, 4, 24))).meetings["2024-04-24-vpu"]
    assert on_the_day.items[0].decision == "Godkendt."
    assert meetings.is_held(on_the_day, date(2024, 4, 24)) is True
    planned = meeting("2023-04-26", items=[{"title": "Status"}])
    assert meetings.is_held(planned, date(2023, 5, 1)) is None
    assert meetings.is_held(planned.model_copy(update={"held": False}), date(2023, 5, 1)) is False


def test_r19_late_unreported_and_inferred() -> None:
    # The plan of 8 January 2023, nothing reported since: past its deadline it is unreported.
    quiet = initiative(start="dec. 2022", due="1. juni 2023", since="2023-01-08")
    assert initiatives.days_late(quiet, date(2024, 10, 1)) == 0
    assert initiatives.unreported(quiet, date(2024, 10, 1)) == initiatives.NoNews(
        parse_period("2023-01-08")
    )
    # Reported still under way after the deadline: late, counted in days.
    told = quiet.model_copy(
        update={"updates": initiative(updates=[{"date": "2023-09-01", "text": "I gang."}]).updates}
    )
    assert initiatives.unreported(told, date(2024, 10, 1)) is None
    assert initiatives.days_late(told, date(2023, 9, 1)) == 92
    # No status reported at all: never late, always unreported past the deadline.
    unknown = initiative(start="2023", due="2023", status=None)
    assert initiatives.days_late(unknown, date(2024, 6, 1)) == 0
    assert initiatives.unreported(unknown, date(2024, 6, 1)) == initiatives.NoNews(None)
    # A record kept as today's plan (no since, no journal) is late as before (R4).
    assert (
        initiatives.days_late(initiative(start="2023", due="1. halvår 2023"), date(2023, 7, 1)) == 1
    )
    # A completion date is never inferred from the deadline.
    assert (
        initiatives.completed_on(initiative(start="2023", due="2023", status="afsluttet")) is None
    )


def test_r20_lint_as_of(build_tree: BuildTree) -> None:
    from udvikling.lint import lint

    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/eftersyn.yaml": RENAMED,
            "data/meetings/2024-04-24-vpu.yaml": VPU,
        }
    )
    # On 24 April 2024 the August and autumn entries are not known yet: no error.
    judged = lint(root, date(2024, 4, 24), clock=date(2026, 1, 1)).findings
    assert [f.code for f in judged if f.severity == "error"] == []
    # Against the real date, an entry from the future is always an error.
    future = lint(root, date(2024, 4, 24), clock=date(2024, 4, 24)).findings
    assert sorted({f.code for f in future if f.severity == "error"}) == ["UDV404"]


def test_r21_rev_reads_a_committed_plan(tmp_path: Path, capsys: Any) -> None:
    from test_gitio import GitRepo
    from udvikling.cli import run

    repo = GitRepo(tmp_path / "plan")
    first = textwrap.dedent(RENAMED).replace("status: i-gang", "status: planlagt")
    repo.commit(
        "Plan of January",
        "2023-01-09T09:00:00+01:00",
        {"udvikling.yaml": MINIMAL_CONFIG, "data/initiatives/eftersyn.yaml": first},
    )
    repo.git("tag", "status/2023-01-09")
    repo.commit(
        "Started",
        "2023-03-01T09:00:00+01:00",
        {"data/initiatives/eftersyn.yaml": textwrap.dedent(RENAMED)},
    )
    root = str(repo.path)
    args = ["status", "-q", "2023Q1", "--as-of", "2023-03-31", "--root", root, "-f", "json"]
    assert run([*args, "--rev", "status/2023-01-09"]) == 0
    tagged = capsys.readouterr().out
    assert run(args) == 0
    now = capsys.readouterr().out
    assert '"status": "planlagt"' in tagged and '"status": "i-gang"' not in tagged
    assert '"status": "i-gang"' in now
    assert run([*args, "--rev", "findes-ikke"]) == 2
    assert "findes ikke" in capsys.readouterr().err
    # The working tree is left alone.
    assert (repo.path / "data/initiatives/eftersyn.yaml").read_text(encoding="utf-8") == (
        textwrap.dedent(RENAMED)
    )


DATED_CONFIG = """\
organisation: Testkommune
process: Testproces
tracks:
  kultur:
    name: Understøtte kultur og arbejdsmiljø
    since: 2023-01-08
    changes:
      - date: efterår 2024
        name: Arbejdskultur og arbejdsmiljø
        source: Statusnotat efteråret 2024
  boern:
    name: Børne- og Familieområdet
    since: september 2023 – 24. april 2024
    separate: true
bodies:
  vpu: {name: Voksen- og Plejeudvalget, short: VPU}
owners:
  socialchef: Socialchef
beacons:
  pejlemaerke-2:
    name: Fundamentet på plads
    since: 2024-01-16
"""

DATED_INITIATIVE = """\
title: Handleplan i børnemyndighed
track: kultur
owner: socialchef
status: i-gang
since: 2023-01-08
start: 2023
due: 2024
beacons: [pejlemaerke-2]
sources: ["Tids- og procesplan, 8. januar 2023"]
updates:
  - date: 2024-04-24
    track: boern
    tags: [Børne- og Familieområdet]
    source: Voksen- og Plejeudvalget 24. april 2024
"""


def test_r22_the_structure_at_a_date(build_tree: BuildTree) -> None:
    from udvikling.chrono import known_sources, plan_at, stand, view_at

    root = build_tree(
        {"udvikling.yaml": DATED_CONFIG, "data/initiatives/handleplan.yaml": DATED_INITIATIVE}
    )
    dataset = load(root).dataset
    assert dataset is not None
    early = plan_at(dataset, view_at(date(2023, 1, 8)))
    assert {k: t.name for k, t in early.config.tracks.items()} == {
        "kultur": "Understøtte kultur og arbejdsmiljø"
    }
    assert early.config.beacons == {}
    item = early.initiatives["handleplan"]
    assert (item.track, item.beacons, item.tags) == ("kultur", (), ())
    assert known_sources(item) == ("Tids- og procesplan, 8. januar 2023",)
    # The decision on separate reporting is known from the end of its period.
    april = stand(dataset, view_at(date(2024, 4, 24)))
    moved = april.plan.initiatives["handleplan"]
    assert (moved.track, moved.tags, moved.beacons) == (
        "boern",
        ("Børne- og Familieområdet",),
        ("pejlemaerke-2",),
    )
    assert not april.followed(moved)
    assert known_sources(moved)[-1] == "Voksen- og Plejeudvalget 24. april 2024"
    # Renamed from the last day of its period, the old name kept.
    late = plan_at(dataset, view_at(date(2024, 11, 30))).config.tracks["kultur"]
    assert late.name == "Arbejdskultur og arbejdsmiljø"
    assert plan_at(dataset, view_at(date(2024, 11, 29))).config.tracks["kultur"].name == (
        "Understøtte kultur og arbejdsmiljø"
    )
    # udv status of a 2023 quarter lists the tracks of then, by their names then.
    report = build_status(dataset, q(2023, 1), date(2023, 1, 8))
    assert [t.name for t in report.tracks] == ["Understøtte kultur og arbejdsmiljø"]


NOTE = """\
    kind: notat
    title: Status efteråret 2024
    date: efterår 2024
    sections:
      - heading: Indledning
        blocks:
          - text: Status.
    """


def test_r23_the_last_issued_status(build_tree: BuildTree) -> None:
    from udvikling.chrono import stand, view_at

    dataset = plan(
        build_tree,
        {
            "data/initiatives/eftersyn.yaml": RENAMED,
            "data/meetings/2024-04-24-vpu.yaml": VPU,
            "data/reports/2024-efteraar-status.yaml": NOTE,
        },
    )
    # Before the meeting was held there is no status; a planned meeting is no evidence.
    assert stand(dataset, view_at(date(2024, 4, 23))).last_status is None
    at_meeting = stand(dataset, view_at(date(2024, 6, 1))).last_status
    assert at_meeting is not None and (at_meeting.kind, at_meeting.id) == (
        "meeting",
        "2024-04-24-vpu",
    )
    assert at_meeting.knew.known == date(2024, 4, 23)
    # The note went out on its cut-off (30 November 2024): from then it is the last status.
    before_note = stand(dataset, view_at(date(2024, 11, 29))).last_status
    assert before_note is not None and before_note.id == "2024-04-24-vpu"
    today = stand(dataset, view_at(date(2026, 12, 7)))
    last = today.last_status
    assert last is not None and (last.kind, last.id, last.issued) == (
        "report",
        "2024-efteraar-status",
        date(2024, 11, 30),
    )
    # News: entries known now and not known to the last status. The autumn entry was known
    # to the note, so nothing is news today; in June, the August entry had not come yet.
    item = today.plan.initiatives["eftersyn"]
    assert today.news(item) == []
    december = stand(dataset, view_at(date(2024, 11, 29)))
    assert [u.date.danish() for u in december.news(december.plan.initiatives["eftersyn"])] == []
    assert [
        u.date.canonical()
        for u in december.news(december.plan.initiatives["eftersyn"], prose=False)
    ] == ["2024-08-20"]
