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

from udvikling.state.initiatives import (
    CLOSED_STATUSES,
    NEVER_ACTIVE,
    Completion,
    NoNews,
    completed_on,
    completion,
    days_late,
    is_active,
    is_completed_in,
    is_due_in,
    is_late,
    is_started_in,
    last_report,
    last_report_period,
    last_update,
    late_from,
    quarters,
    reports_on,
    span_end,
    span_start,
    unreported,
)
from udvikling.state.meetings import (
    has_taken_place,
    held_on_record,
    is_held,
    is_past,
    is_undecided,
    meeting_in,
)
from udvikling.state.milestones import (
    MilestoneState,
    Reached,
    milestone_days_late,
    milestone_done,
    milestone_done_on,
    milestone_due,
    milestone_reached,
    milestone_state,
    names_milestone,
)

__all__ = [
    "CLOSED_STATUSES",
    "NEVER_ACTIVE",
    "Completion",
    "MilestoneState",
    "NoNews",
    "Reached",
    "completed_on",
    "completion",
    "days_late",
    "has_taken_place",
    "held_on_record",
    "is_active",
    "is_completed_in",
    "is_due_in",
    "is_held",
    "is_late",
    "is_past",
    "is_started_in",
    "is_undecided",
    "last_report",
    "last_report_period",
    "last_update",
    "late_from",
    "meeting_in",
    "milestone_days_late",
    "milestone_done",
    "milestone_done_on",
    "milestone_due",
    "milestone_reached",
    "milestone_state",
    "names_milestone",
    "quarters",
    "reports_on",
    "span_end",
    "span_start",
    "unreported",
]
