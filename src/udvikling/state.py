"""The state of the plan at a date: what is active, due, done and late.

These are the rules ``docs/semantics.md`` writes out for people to reproduce by hand; every
report (``udv status``, ``udv overdue``, the status note) and every time-based lint rule
asks this module rather than deciding for itself.

* An initiative's **span** runs from the first day of its ``start`` period to the last day of
  its ``due`` period. Without ``start`` it has no beginning we know (undated); with
  ``due: løbende`` or no ``due`` it has no end.
* It is **active** in a period when its status is ``i-gang`` or ``afsluttet``/``planlagt``
  and its span overlaps the period; an ``afsluttet`` initiative stops being active the day
  after ``completed``. ``udskudt`` and ``opgivet`` initiatives are never active; undated ones
  (no ``start``) are never active.
* It is **started** in a period when its ``start`` period begins in it, **due** in a period
  when its ``due`` period ends in it, and **completed** in a period when ``completed`` lies in
  it (an ``afsluttet`` initiative without ``completed`` counts as completed on the last day of
  its ``due`` period).
* It is **late** from the day after its ``due`` period ends, as long as its status is not
  ``afsluttet`` or ``opgivet``: ``due: 1. halvår 2023`` is late from 1 July 2023. ``løbende``
  and undated work is never late. Lateness is counted in days from that first late day
  (the first late day is day 1).
* A **milestone** is due at the end of its ``due`` period, or on the last day of its meeting's
  date; it is late from the day after, until it has a ``done`` date on or before the date
  asked about.
* A **meeting** lies in a period when its date period ends in it (``primo uge 15 2023`` lies
  in week 15 and in the second quarter); it is **past** from the day after its date period,
  and a past meeting whose agenda items lack a ``decision`` is **undecided**.
* A reporting **obligation** is split into its slots (each quarter, half-year or year of its
  period); a slot is met for a body by a meeting of that body, of the obligation's kind,
  lying in the slot. A slot that has ended unmet and unwaived is **missed** from the day after
  it ends; one that ends within the notice weeks is **coming due**.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from udvikling.config import Config, Obligation
from udvikling.model import Initiative, Meeting, Milestone
from udvikling.periods import (
    Period,
    half_period,
    quarter_period,
    year_period,
)

CLOSED_STATUSES = frozenset({"afsluttet", "opgivet"})
NEVER_ACTIVE = frozenset({"udskudt", "opgivet"})


# -- initiatives ---------------------------------------------------------------------------


def span_start(initiative: Initiative) -> date | None:
    """The first day of the initiative, or None when it has no start."""
    return initiative.start.start if initiative.start is not None else None


def span_end(initiative: Initiative) -> date | None:
    """The last day of the initiative, or None when it is continuous or undated."""
    if initiative.status == "afsluttet" and initiative.completed is not None:
        return initiative.completed
    due = initiative.due_period
    return due.end if due is not None else None


def completed_on(initiative: Initiative) -> date | None:
    """When an ``afsluttet`` initiative was completed (``completed``, else the due end)."""
    if initiative.status != "afsluttet":
        return None
    if initiative.completed is not None:
        return initiative.completed
    due = initiative.due_period
    return due.end if due is not None else None


def is_active(initiative: Initiative, period: Period) -> bool:
    """Whether the initiative is under way at some point of ``period``."""
    if initiative.status in NEVER_ACTIVE:
        return False
    first = span_start(initiative)
    if first is None or first > period.end:
        return False
    last = span_end(initiative)
    return last is None or last >= period.start


def is_started_in(initiative: Initiative, period: Period) -> bool:
    """Whether the initiative's start period begins within ``period``."""
    first = span_start(initiative)
    return first is not None and period.contains(first) and initiative.status != "opgivet"


def is_due_in(initiative: Initiative, period: Period) -> bool:
    """Whether the initiative's due period ends within ``period``."""
    due = initiative.due_period
    return due is not None and period.contains(due.end) and initiative.status != "opgivet"


def is_completed_in(initiative: Initiative, period: Period) -> bool:
    """Whether the initiative was completed within ``period``."""
    day = completed_on(initiative)
    return day is not None and period.contains(day)


def late_from(initiative: Initiative) -> date | None:
    """The first day the initiative is late, or None when it can never be late."""
    if initiative.status in CLOSED_STATUSES:
        return None
    due = initiative.due_period
    return due.late_from if due is not None else None


def days_late(initiative: Initiative, at: date) -> int:
    """How many days late the initiative is on ``at`` (0 when not late)."""
    first = late_from(initiative)
    if first is None or at < first:
        return 0
    return (at - first).days + 1


def is_late(initiative: Initiative, at: date) -> bool:
    """Whether the initiative is late on ``at``."""
    return days_late(initiative, at) > 0


# -- milestones ----------------------------------------------------------------------------


def milestone_due(milestone: Milestone, meetings: dict[str, Meeting]) -> Period | None:
    """The period a milestone is due in: its own, or its meeting's date."""
    if milestone.due is not None:
        return milestone.due
    if milestone.meeting is not None and milestone.meeting in meetings:
        return meetings[milestone.meeting].date
    return None


def milestone_done_on(
    milestone: Milestone, meetings: dict[str, Meeting], initiative_id: str | None = None
) -> date | None:
    """The day a milestone was reached, or ``None`` while it is not.

    Its ``done`` date when recorded. Otherwise a milestone tied to a meeting is reached at
    that meeting when the meeting's agenda treats the initiative (an item lists
    ``initiative_id``): the meeting record is the evidence, and it is reached on the
    meeting's day (the last day of its period when only a coarser date is known).
    """
    if milestone.done is not None:
        return milestone.done
    if milestone.meeting is None or initiative_id is None:
        return None
    meeting = meetings.get(milestone.meeting)
    if meeting is None or not any(initiative_id in item.initiatives for item in meeting.items):
        return None
    return meeting.date.end


def milestone_done(
    milestone: Milestone,
    at: date,
    meetings: dict[str, Meeting] | None = None,
    initiative_id: str | None = None,
) -> bool:
    """Whether the milestone was reached on or before ``at`` (see :func:`milestone_done_on`;
    without ``meetings`` only a recorded ``done`` date counts)."""
    done = milestone_done_on(milestone, meetings or {}, initiative_id)
    return done is not None and done <= at


def milestone_days_late(
    milestone: Milestone,
    meetings: dict[str, Meeting],
    at: date,
    initiative_id: str | None = None,
) -> int:
    """How many days late a milestone is on ``at`` (0 when done in time or not yet due)."""
    due = milestone_due(milestone, meetings)
    if due is None or milestone_done(milestone, at, meetings, initiative_id):
        return 0
    if at < due.late_from:
        return 0
    return (at - due.late_from).days + 1


MilestoneState = Literal["done", "late", "upcoming", "closed", "undated"]


def milestone_state(
    milestone: Milestone,
    meetings: dict[str, Meeting],
    at: date,
    initiative: Initiative | None = None,
) -> MilestoneState:
    """Where a milestone stands on ``at``.

    ``done`` when it was reached on or before ``at`` (a ``done`` date, or its meeting held
    with the initiative on the agenda, see :func:`milestone_done_on`); ``closed`` when its
    initiative is ``afsluttet`` or ``opgivet`` (nothing of a closed one is late); ``late`` from
    the day after its due period; ``upcoming`` before that; ``undated`` when its due period
    is unknown (a meeting id that does not exist).
    """
    if milestone_done(milestone, at, meetings, initiative.id if initiative else None):
        return "done"
    if initiative is not None and initiative.status in CLOSED_STATUSES:
        return "closed"
    due = milestone_due(milestone, meetings)
    if due is None:
        return "undated"
    return "late" if at >= due.late_from else "upcoming"


# -- meetings ------------------------------------------------------------------------------


def meeting_in(meeting: Meeting, period: Period) -> bool:
    """Whether the meeting lies in ``period`` (its date period ends there)."""
    return period.contains(meeting.date.end)


def is_past(meeting: Meeting, at: date) -> bool:
    """Whether the meeting has been held by ``at``."""
    return at >= meeting.date.late_from


def is_undecided(meeting: Meeting, at: date) -> bool:
    """A past meeting with agenda items lacking a decision."""
    return is_past(meeting, at) and any(item.decision is None for item in meeting.items)


# -- obligations ---------------------------------------------------------------------------


def slots(obligation: Obligation) -> list[Period]:
    """The quarters, half-years or years an obligation's period is split into."""
    found: list[Period] = []
    year = obligation.period.start.year
    while year <= obligation.period.end.year:
        if obligation.every == "år":
            candidates = [year_period(year)]
        elif obligation.every == "halvår":
            candidates = [half_period(year, 1), half_period(year, 2)]
        else:
            candidates = [quarter_period(year, q) for q in range(1, 5)]
        found.extend(c for c in candidates if obligation.period.contains(c))
        year += 1
    return found


SlotState = Literal["met", "waived", "missed", "due-soon", "open"]


@dataclass(frozen=True, slots=True)
class SlotStatus:
    """One body's status meeting in one slot of an obligation."""

    obligation_id: str
    obligation: Obligation
    body: str
    slot: Period
    state: SlotState
    meetings: tuple[str, ...]
    reason: str | None = None


def obligation_status(
    config: Config,
    meetings: dict[str, Meeting],
    at: date,
    notice_weeks: int | None = None,
) -> Iterator[SlotStatus]:
    """Every (obligation, body, slot) with whether it was met by ``at``."""
    weeks = config.lint.obligation_notice_weeks if notice_weeks is None else notice_weeks
    for obligation_id, obligation in config.obligations.items():
        for slot in slots(obligation):
            for body in obligation.bodies:
                held = tuple(
                    sorted(
                        meeting_id
                        for meeting_id, meeting in meetings.items()
                        if meeting.body == body
                        and meeting.kind == obligation.kind
                        and meeting_in(meeting, slot)
                        and is_past(meeting, at)
                    )
                )
                waiver = next(
                    (w for w in obligation.waivers if w.body == body and w.period.overlaps(slot)),
                    None,
                )
                state: SlotState
                if held:
                    state = "met"
                elif waiver is not None:
                    state = "waived"
                elif at >= slot.late_from:
                    state = "missed"
                elif slot.end - at <= timedelta(weeks=weeks):
                    state = "due-soon"
                else:
                    state = "open"
                yield SlotStatus(
                    obligation_id,
                    obligation,
                    body,
                    slot,
                    state,
                    held,
                    waiver.reason if waiver else None,
                )


def slot_days_late(status: SlotStatus, at: date) -> int:
    """Days a missed slot is late on ``at``."""
    if status.state != "missed":
        return 0
    return (at - status.slot.late_from).days + 1


# -- updates -------------------------------------------------------------------------------


def last_update(initiative: Initiative) -> date | None:
    """The date of the newest journal entry."""
    return max((u.date for u in initiative.updates), default=None)


def updates_in(initiative: Initiative, first: date, last: date) -> list[tuple[date, str]]:
    """Journal entries dated ``first``..``last`` (both included), oldest first."""
    return sorted(
        ((u.date, u.text) for u in initiative.updates if first <= u.date <= last),
        key=lambda pair: pair[0],
    )


def quarters(first: Period, last: Period) -> Iterable[Period]:
    """Every quarter from the one ``first`` starts in to the one ``last`` ends in."""
    from udvikling.periods import next_quarter, quarter_of

    current = quarter_of(first.start)
    final = quarter_of(last.end)
    while True:
        yield current
        if current.start >= final.start:
            return
        current = next_quarter(current)
