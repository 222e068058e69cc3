"""The three dates every view is judged by, and the views the commands make of them.

* ``known``: the day whose knowledge counts. A view sees what had been reported, planned
  and decided by the end of that day (``--as-of``, default today).
* ``judged``: the day the plan is judged at: statuses, deadlines, lateness. Never later than
  ``known``; earlier for a past quarter (its last day) or a document written before a meeting
  (the day before it).
* ``clock``: the real date (today). Only two rules ask it: a date "in the future" is a
  mistake against the clock, not against the day judged (UDV404), and whether a waiver is
  still needed is judged for the plan as kept today (UDV903).

A view of today has all three on the same day. A document may also know what is reported
*in* it (``document``), and a document for a meeting never sees that meeting's outcome
(``hide_outcome``); see docs/semantics.md R13-R16.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from udvikling.periods import Period

if TYPE_CHECKING:
    from udvikling.load import Dataset
    from udvikling.model import Meeting
    from udvikling.model_report import Report


@dataclass(frozen=True, slots=True)
class View:
    """What a view of the plan knows and the day it judges (see the module)."""

    known: date
    judged: date
    clock: date = field(default=date.min)
    document: str | None = None
    hide_outcome: str | None = None

    def __post_init__(self) -> None:
        if self.clock == date.min:
            object.__setattr__(self, "clock", self.known)


def view_at(day: date, clock: date | None = None) -> View:
    """The plan as it stood, and was known, on ``day`` (the real date ``clock``, default
    ``day``)."""
    return View(known=day, judged=day, clock=clock or day)


def quarter_view(quarter: Period, known: date, clock: date | None = None) -> View:
    """A quarter judged at its last day (or ``known``, when that comes first), known at
    ``known`` (R9)."""
    return View(known=known, judged=min(known, quarter.end), clock=clock or known)


def day_before(day: date) -> date:
    """The day before ``day`` (``date.min`` itself for the first day there is)."""
    return day - timedelta(days=1) if day > date.min else day


def document_view(document: str, day: date, clock: date | None = None) -> View:
    """A document judged at ``day`` that also knows what is reported in it."""
    return View(known=day, judged=day, clock=clock or day, document=document)


def meeting_view(meeting: Meeting, clock: date | None = None) -> View:
    """A document for ``meeting``: the day before it, plus what is reported at it, without
    the meeting's own outcome (R16)."""
    before = day_before(meeting.date.start)
    return View(
        known=before,
        judged=before,
        clock=clock or before,
        document=meeting.id,
        hide_outcome=meeting.id,
    )


def report_view(dataset: Dataset, report: Report, clock: date | None = None) -> View:
    """The view an issued report is judged in: its cut-off (``as_of``, else the last day of
    its date), knowing what is reported in it; for a report presented at a meeting, the day
    before that meeting at the latest, without the meeting's outcome (R16)."""
    meeting = dataset.meetings.get(report.meeting) if report.meeting else None
    if meeting is not None:
        before = day_before(meeting.date.start)
        cut = min(report.as_of or before, before)
        return View(cut, cut, clock or cut, document=report.id, hide_outcome=meeting.id)
    cut = report.as_of or report.date.end
    return View(cut, cut, clock or cut, document=report.id)


def ends_within(period: Period, first: date | None, last: date | None) -> bool:
    """Whether ``period`` ends within the window from ``first`` to ``last`` (each end open
    when None): a meeting or a report lies in a window by the day its date ends."""
    return not (
        (first is not None and period.end < first) or (last is not None and period.end > last)
    )


def in_future(period: Period | None, clock: date) -> bool:
    """Whether ``period`` begins after the real date: a date that has not come yet, where
    only the past can stand (UDV404)."""
    return period is not None and period.start > clock


def ends_in(period: Period, window: Period) -> bool:
    """Whether ``period`` ends within ``window`` (a milestone due in a quarter, R3, R8)."""
    return window.contains(period.end)


def has_ended(period: Period, day: date) -> bool:
    """Whether the whole of ``period`` has passed by the end of ``day``."""
    return day >= period.end


def far_from(period: Period, day: date, days: int = 366) -> bool:
    """Whether ``period`` lies wholly more than ``days`` days before or after ``day`` (an
    answer's period years away from the round it answers)."""
    return period.end < day - timedelta(days=days) or period.start > day + timedelta(days=days)


def overdue_on(period: Period, day: date) -> bool:
    """Whether a deadline of ``period`` has passed by ``day`` (its last day is before it)."""
    return period.end < day


def lasts_until(period: Period, day: date) -> bool:
    """Whether ``period`` lasts until ``day`` or later (its last day is not before it)."""
    return period.end >= day


def dated_between(
    dated: list[tuple[date, str]], after: date | None, until: date
) -> list[tuple[date, str]]:
    """The dated names later than ``after`` (any, when None) and on or before ``until``
    (status tags in git, for the last status)."""
    return [(day, name) for day, name in dated if (after is None or day > after) and day <= until]
