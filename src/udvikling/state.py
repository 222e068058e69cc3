"""The state of the plan at a date: what is active, due, done, late and unreported.

These are the rules ``docs/semantics.md`` writes out for people to reproduce by hand; every
report (``udv status``, ``udv overdue``, the documents) and every time-based lint rule asks
this module rather than deciding for itself. They judge one initiative or meeting *as it
stood*: :func:`udvikling.journal.plan_at` first applies the journal, so the records given
here are the plan as known at the view's date (R13-R20).

* An initiative's **span** runs from the first day of its ``start`` period to the last day of
  its ``due`` period, or to its completion when a source dates it. Without ``start`` it has
  no beginning we know (undated); with ``due: løbende`` or no ``due`` it has no end.
* It is **active** in a period when its span overlaps the period and its status is not
  ``udskudt`` or ``opgivet``; undated ones are never active.
* It is **late** from the day after its ``due`` period ends while not ``afsluttet`` or
  ``opgivet``, but only when a status reported since then says so; with no news since the
  deadline it is **unreported** ("status ikke oplyst siden ...").
* A **milestone** is due at the end of its ``due`` period or of its meeting's date; it is
  reached by its ``done`` period, a journal entry naming it, or its meeting held with the
  initiative on the agenda.
* A **meeting** is held when a record says so (``held: true`` or a decision); a planned
  meeting whose date has passed without such a record is not known to have been held.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from udvikling.model import Initiative, Meeting, Milestone, Update
from udvikling.periods import Period

CLOSED_STATUSES = frozenset({"afsluttet", "opgivet"})
NEVER_ACTIVE = frozenset({"udskudt", "opgivet"})


# -- initiatives ---------------------------------------------------------------------------


def span_start(initiative: Initiative) -> date | None:
    """The first day of the initiative, or None when it has no start."""
    return initiative.start.start if initiative.start is not None else None


@dataclass(frozen=True, slots=True)
class Completion:
    """When an initiative was completed, and what the date rests on.

    ``recorded``: the ``completed`` field (a date, or a period when only that is known);
    ``reported``: the journal entry that set status ``afsluttet`` (completed by that day at
    the latest); ``unknown``: status ``afsluttet`` with neither (no date is printed).
    """

    basis: Literal["recorded", "reported", "unknown"]
    period: Period | None

    @property
    def day(self) -> date | None:
        """The day the initiative was completed by (the end of the period)."""
        return self.period.end if self.period is not None else None


def completion(initiative: Initiative) -> Completion | None:
    """How an ``afsluttet`` initiative's completion is known (None when not afsluttet).

    A completion date is never guessed from the deadline (docs/semantics.md R3).
    """
    if initiative.status != "afsluttet":
        return None
    if initiative.completed is not None:
        return Completion("recorded", initiative.completed)
    closing = [u for u in initiative.updates if u.status == "afsluttet"]
    if closing:
        latest = max(closing, key=lambda u: (u.date.end, u.date.start))
        return Completion("reported", latest.date)
    return Completion("unknown", None)


def completed_on(initiative: Initiative) -> date | None:
    """The day an ``afsluttet`` initiative was completed by, when a source gives it."""
    found = completion(initiative)
    return found.day if found is not None else None


def span_end(initiative: Initiative) -> date | None:
    """The last day of the initiative, or None when it is continuous or undated."""
    done = completed_on(initiative)
    if done is not None:
        return done
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
    """Whether the initiative started within ``period``: its start period lies in it (a
    coarser start, such as ``2024``, says nothing about which quarter it began in)."""
    start = initiative.start
    return (
        start is not None
        and period.contains(start.start)
        and start.end <= period.end
        and initiative.status != "opgivet"
    )


def is_due_in(initiative: Initiative, period: Period) -> bool:
    """Whether the initiative's due period ends within ``period``."""
    due = initiative.due_period
    return due is not None and period.contains(due.end) and initiative.status != "opgivet"


def is_completed_in(initiative: Initiative, period: Period) -> bool:
    """Whether the initiative was completed within ``period`` (by a date a source gives)."""
    day = completed_on(initiative)
    return day is not None and period.contains(day)


def late_from(initiative: Initiative) -> date | None:
    """The first day the initiative is past its deadline, or None when it can never be."""
    if initiative.status in CLOSED_STATUSES:
        return None
    due = initiative.due_period
    return due.late_from if due is not None else None


def last_report_period(initiative: Initiative, at: date) -> Period | None:
    """When, by ``at``, the initiative's status was last reported (R19): its newest journal
    entry dated by ``at`` that reports on it (prose, a status, a completion or milestones
    reached; an entry that only moves a deadline or renames is a change of plan, not news),
    or its ``since``; as the source dates it (a day or a period). None when the record has
    neither: its fields are then the plan as it is kept today."""
    periods = [u.date for u in initiative.updates if u.date.end <= at and reports_on(u)]
    if initiative.since is not None and initiative.since.end <= at:
        periods.append(initiative.since)
    return max(periods, key=lambda p: (p.end, p.start), default=None)


def reports_on(entry: Update) -> bool:
    """Whether a journal entry reports on the work: prose, a status, a completion or
    milestones reached."""
    return bool(
        entry.text or entry.status is not None or entry.completed is not None or entry.reached
    )


def last_report(initiative: Initiative, at: date) -> date | None:
    """The last day of :func:`last_report_period` (the day the status is known from)."""
    found = last_report_period(initiative, at)
    return found.end if found is not None else None


def days_late(initiative: Initiative, at: date) -> int:
    """How many days late the initiative is on ``at`` (0 when not late, R4 and R19).

    Late needs a status reported since the deadline passed that says it is still not done;
    past the deadline with no news since, it is unreported (:func:`unreported_since`).
    """
    first = late_from(initiative)
    if first is None or at < first or initiative.status is None:
        return 0
    reported = last_report(initiative, at)
    if reported is not None and reported < first:
        return 0
    return (at - first).days + 1


def is_late(initiative: Initiative, at: date) -> bool:
    """Whether the initiative is late on ``at``."""
    return days_late(initiative, at) > 0


@dataclass(frozen=True, slots=True)
class NoNews:
    """Past the deadline, not closed, and nothing reported since the deadline passed."""

    since: Period | None  # when anything was last reported, as the source dates it


def unreported(initiative: Initiative, at: date) -> NoNews | None:
    """The initiative's deadline has passed on ``at`` with no status reported since (R19)."""
    first = late_from(initiative)
    if first is None or at < first:
        return None
    reported = last_report_period(initiative, at)
    if initiative.status is None or (reported is not None and reported.end < first):
        return NoNews(reported)
    return None


# -- milestones ----------------------------------------------------------------------------


def milestone_due(milestone: Milestone, meetings: dict[str, Meeting]) -> Period | None:
    """The period a milestone is due in: its own, or its meeting's date."""
    if milestone.due is not None:
        return milestone.due
    if milestone.meeting is not None and milestone.meeting in meetings:
        return meetings[milestone.meeting].date
    return None


def names_milestone(reference: str, milestone: Milestone) -> bool:
    """Whether ``reference`` (in an entry's ``reached``) names the milestone: its id or title."""
    return reference == getattr(milestone, "id", None) or reference == milestone.title


@dataclass(frozen=True, slots=True)
class Reached:
    """How a milestone is known to be reached: ``done`` (its own field), ``reported`` (a
    journal entry) or ``meeting`` (its meeting was held and treated the initiative)."""

    basis: Literal["done", "reported", "meeting"]
    period: Period

    @property
    def day(self) -> date:
        """The day the milestone was reached by."""
        return self.period.end


def milestone_reached(
    milestone: Milestone,
    meetings: dict[str, Meeting],
    initiative: Initiative | None = None,
    at: date | None = None,
) -> Reached | None:
    """How the milestone was reached by ``at`` (any time when None), or None (R6, R17).

    Its ``done`` period when recorded; else a journal entry of ``initiative`` that names it in
    ``reached``; else its meeting, when the meeting is known to have been held and an agenda
    item lists the initiative (a planned meeting is no evidence).
    """
    found: Reached | None = None
    if milestone.done is not None:
        found = Reached("done", milestone.done)
    elif initiative is not None:
        entries = [
            u for u in initiative.updates if any(names_milestone(r, milestone) for r in u.reached)
        ]
        if entries:
            first = min(entries, key=lambda u: (u.date.end, u.date.start))
            found = Reached("reported", first.date)
        elif milestone.meeting is not None:
            meeting = meetings.get(milestone.meeting)
            if (
                meeting is not None
                and meeting.held is not False
                and _held_on_record(meeting)
                and any(initiative.id in item.initiatives for item in meeting.items)
            ):
                found = Reached("meeting", meeting.date)
    if found is None or (at is not None and found.day > at):
        return None
    return found


def milestone_done_on(
    milestone: Milestone, meetings: dict[str, Meeting], initiative: Initiative | None = None
) -> date | None:
    """The day a milestone was reached by, or ``None`` while it is not."""
    found = milestone_reached(milestone, meetings, initiative)
    return found.day if found is not None else None


def milestone_done(
    milestone: Milestone,
    at: date,
    meetings: dict[str, Meeting] | None = None,
    initiative: Initiative | None = None,
) -> bool:
    """Whether the milestone was reached on or before ``at``."""
    return milestone_reached(milestone, meetings or {}, initiative, at) is not None


MilestoneState = Literal["done", "late", "unreported", "upcoming", "closed", "undated"]


def _milestone_news_after(
    milestone: Milestone, meetings: dict[str, Meeting], initiative: Initiative, at: date
) -> bool:
    """Whether anything says, by ``at``, that a past-due milestone is still not reached: its
    meeting held (or cancelled) without treating the initiative; or, for a record kept as
    today's plan (no ``since``, no journal), the plan itself. A journal entry that does not
    mention the milestone says nothing about it (R6, R19)."""
    if last_report(initiative, at) is None:
        return True
    if milestone.meeting is not None and milestone.meeting in meetings:
        meeting = meetings[milestone.meeting]
        return meeting.held is False or _held_on_record(meeting)
    return False


def milestone_state(
    milestone: Milestone,
    meetings: dict[str, Meeting],
    at: date,
    initiative: Initiative | None = None,
) -> MilestoneState:
    """Where a milestone stands on ``at``.

    ``done`` when it was reached on or before ``at`` (:func:`milestone_reached`); ``closed``
    when its initiative is ``afsluttet`` or ``opgivet`` (nothing of a closed one is late);
    ``undated`` when its due period is unknown; ``upcoming`` before its deadline; after it
    ``late`` when something reported since says it is not reached, else ``unreported``.
    """
    if milestone_reached(milestone, meetings, initiative, at) is not None:
        return "done"
    if initiative is not None and initiative.status in CLOSED_STATUSES:
        return "closed"
    due = milestone_due(milestone, meetings)
    if due is None:
        return "undated"
    if at < due.late_from:
        return "upcoming"
    if initiative is None or _milestone_news_after(milestone, meetings, initiative, at):
        return "late"
    return "unreported"


def milestone_days_late(
    milestone: Milestone,
    meetings: dict[str, Meeting],
    at: date,
    initiative: Initiative | None = None,
) -> int:
    """How many days late a milestone is on ``at`` (0 unless its state is ``late``)."""
    if milestone_state(milestone, meetings, at, initiative) != "late":
        return 0
    due = milestone_due(milestone, meetings)
    assert due is not None  # a late milestone has a due period
    return (at - due.late_from).days + 1


# -- meetings ------------------------------------------------------------------------------


def meeting_in(meeting: Meeting, period: Period) -> bool:
    """Whether the meeting lies in ``period`` (its date period ends there)."""
    return period.contains(meeting.date.end)


def has_taken_place(meeting: Meeting, at: date) -> bool:
    """Whether the meeting's date (its last day, for a coarse date) has come by ``at``."""
    return at >= meeting.date.end


def _held_on_record(meeting: Meeting) -> bool:
    return meeting.held is True or any(item.decision for item in meeting.items)


def is_held(meeting: Meeting, at: date) -> bool | None:
    """Whether the meeting had been held by ``at`` (R18): False before its date or when
    cancelled; True when recorded held or a decision is recorded; None (not known) for a
    planned meeting whose date has passed with no record of it."""
    if not has_taken_place(meeting, at) or meeting.held is False:
        return False
    return True if _held_on_record(meeting) else None


def is_past(meeting: Meeting, at: date) -> bool:
    """Whether the meeting's date has passed by ``at`` (the day after its date period)."""
    return at >= meeting.date.late_from


def is_undecided(meeting: Meeting, at: date) -> bool:
    """A meeting whose date has passed, not cancelled, with agenda items lacking a decision."""
    return (
        is_past(meeting, at)
        and meeting.held is not False
        and any(item.decision is None for item in meeting.items)
    )


# -- updates -------------------------------------------------------------------------------


def last_update(initiative: Initiative) -> date | None:
    """The last day of the newest journal entry's date."""
    return max((u.date.end for u in initiative.updates), default=None)


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
