"""The state of one initiative at a date: its span, whether it is active, started, due,
completed, late or unreported, and its last report (R1-R5, R14 and R19 of docs/semantics.md)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from udvikling.model import Initiative, Update
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
