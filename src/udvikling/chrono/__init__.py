"""Time: how udv judges a date. Every rule of time lives in this package and nowhere else.

Read this package to learn how udv decides what is known, late, reached, held or new; every
view (``udv status``, ``overdue``, ``list``, ``show``, ``calendar``, the documents, the
site, the status sheets, ``diff --since-report``, ``history`` and the lint rules that judge
time) asks it and only formats the answers. docs/semantics.md writes the rules out for
people to check by hand (R1-R23).

The three dates (:mod:`udvikling.chrono.days`), one name each, everywhere:

* ``known``: the day whose knowledge counts (``--as-of``, default today);
* ``judged``: the day judged (statuses, deadlines, lateness; at most ``known``);
* ``clock``: the real date, only for "a date in the future is a mistake" and waivers.

What is known (:mod:`udvikling.chrono.knowledge`): the plan as it stood in a view, records,
fields, journal entries, meeting outcomes and the declared structure of ``udvikling.yaml``
(tracks, beacons, owners, units and bodies with ``since`` and dated changes of name or of
separate reporting), each known from the last day of its date.

The answers for a view (:func:`stand` gives a :class:`Standing`):

* an initiative's span, completion, whether it is active, started, due or completed in a
  period (:mod:`udvikling.chrono.initiatives`);
* **late** (a status reported after the deadline says it is not done, counted in days)
  apart from **unreported** (nothing said since the deadline; never counted in days), for
  initiatives, milestones, meetings without a decision and reporting obligations
  (:attr:`Standing.lapses`); a track reported separately is neither;
* **reached** milestones: by ``done``, by a journal entry naming them, or by their meeting
  held with the initiative on the agenda (:mod:`udvikling.chrono.milestones`);
* meetings **planned, held, cancelled or unconfirmed** (:mod:`udvikling.chrono.meetings`);
* what is **upcoming** within a horizon (:meth:`Standing.upcoming`);
* the **last issued status** and what is **news** since it (:mod:`udvikling.chrono.statuses`);
* reporting **obligations** met, unconfirmed, waived, missed or coming due
  (:mod:`udvikling.chrono.obligations`), and **waivers in force** (:func:`in_force`).
"""

from __future__ import annotations

from udvikling.chrono.days import (
    View,
    day_before,
    document_view,
    ends_in,
    ends_within,
    far_from,
    has_ended,
    in_future,
    lasts_until,
    meeting_view,
    overdue_on,
    quarter_view,
    report_view,
    view_at,
)
from udvikling.chrono.initiatives import (
    CLOSED_STATUSES,
    NEVER_ACTIVE,
    Completion,
    NoNews,
    has_begun,
    is_active,
    is_completed_in,
    is_due_in,
    is_started_in,
    last_report_entry,
    outside_span,
    quarters,
    span_end,
    span_start,
    starts_after_due,
)
from udvikling.chrono.knowledge import (
    FieldChange,
    concerns,
    concerns_period,
    entry_order,
    field_changes,
    former_names,
    former_titles,
    initiative_at,
    is_known,
    known_from,
    known_sources,
    newest_entry,
    plan_at,
    report_cut_off,
    structure_at,
)
from udvikling.chrono.meetings import OUTCOME_LABELS, Outcome, meeting_in
from udvikling.chrono.milestones import (
    MilestoneState,
    Reached,
    arrival_order,
    milestone_due,
    milestone_reached,
    names_milestone,
)
from udvikling.chrono.standing import (
    InitiativeState,
    Lapse,
    Standing,
    Upcoming,
    in_force,
    stand,
)
from udvikling.chrono.statuses import LastStatus, last_status, reported_in

__all__ = [
    "CLOSED_STATUSES",
    "NEVER_ACTIVE",
    "OUTCOME_LABELS",
    "Completion",
    "FieldChange",
    "InitiativeState",
    "Lapse",
    "LastStatus",
    "MilestoneState",
    "NoNews",
    "Outcome",
    "Reached",
    "Standing",
    "Upcoming",
    "View",
    "arrival_order",
    "concerns",
    "concerns_period",
    "day_before",
    "document_view",
    "ends_in",
    "ends_within",
    "entry_order",
    "far_from",
    "field_changes",
    "former_names",
    "former_titles",
    "has_begun",
    "has_ended",
    "in_force",
    "in_future",
    "initiative_at",
    "is_active",
    "is_completed_in",
    "is_due_in",
    "is_known",
    "is_started_in",
    "known_from",
    "known_sources",
    "last_report_entry",
    "last_status",
    "lasts_until",
    "meeting_in",
    "meeting_view",
    "milestone_due",
    "milestone_reached",
    "names_milestone",
    "newest_entry",
    "outside_span",
    "overdue_on",
    "plan_at",
    "quarter_view",
    "quarters",
    "report_cut_off",
    "report_view",
    "reported_in",
    "span_end",
    "span_start",
    "stand",
    "starts_after_due",
    "structure_at",
    "view_at",
]
