"""The plan as it stood at a date, as it was known then: the journal applied.

A record's fields are the plan as first adopted; its journal (``updates``) posts dated
entries that report progress and may change fields from their date on, like a ledger that
posts new entries instead of rewriting old ones. Records, milestones and meetings may say
since when they are part of the plan. From these, :func:`plan_at` computes the plan as it
stood on a day, knowing only what was known by then; every view (status, overdue, list,
show, calendar, lint, render) asks it and never filters dates itself.

The rules are numbered R13-R20 in docs/semantics.md:

* An entry is known from the last day of its ``date`` period (``efterår 2024`` from
  30 November 2024); a record, milestone or meeting from the last day of its ``since``
  period (always, without ``since``).
* A view has a knowledge date (``known``: what had been reported by then) and a date the
  plan is judged at (``at``, never later than ``known``; earlier for a past quarter).
  An entry changes fields from its date: it applies when it is known and its date has come.
* A document rendered for a meeting or a report also knows what is reported *in* it
  (entries with ``reported_in`` naming it), though its cut-off lies before. A document for a
  meeting never knows that meeting's outcome.
* A meeting's outcome (decisions, remarks, absentees, ``held``) is known once its date
  period has ended.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from udvikling.load import Dataset, Remap
from udvikling.model import Initiative, Meeting, Update
from udvikling.model_report import Report
from udvikling.periods import Period
from udvikling.yamlsrc import Loc


@dataclass(frozen=True, slots=True)
class View:
    """What a view of the plan knows: the knowledge date, the date it judges, the document.

    ``known``: entries and records known by this day are seen. ``at``: the day the plan is
    judged at (statuses, deadlines, lateness); at most ``known``. ``document``: the meeting or
    report being rendered; what is reported in it is known to it. ``hide_outcome``: a meeting
    whose outcome must not be seen (the meeting a document is written for).
    """

    known: date
    at: date
    document: str | None = None
    hide_outcome: str | None = None


def view_at(day: date) -> View:
    """The plan as it stood, and was known, on ``day``."""
    return View(known=day, at=day)


def quarter_view(quarter: Period, as_of: date) -> View:
    """A quarter judged at its end (or ``as_of`` when that comes first), known at ``as_of``."""
    return View(known=as_of, at=min(as_of, quarter.end))


def _day_before(day: date) -> date:
    """The day before ``day`` (``date.min`` itself for the first day there is)."""
    return day - timedelta(days=1) if day > date.min else day


def meeting_view(meeting: Meeting) -> View:
    """A document for ``meeting``: the day before it, plus what is reported at it."""
    before = _day_before(meeting.date.start)
    return View(known=before, at=before, document=meeting.id, hide_outcome=meeting.id)


def document_view(document: str, day: date) -> View:
    """A document (a report) judged at ``day`` that also knows what is reported in it."""
    return View(known=day, at=day, document=document)


def report_view(dataset: Dataset, report: Report) -> View:
    """The view an issued report is judged in: its cut-off (``as_of``, else the last day of
    its date), knowing what is reported in it; for a report presented at a meeting, the day
    before that meeting, without the meeting's outcome (R16)."""
    meeting = dataset.meetings.get(report.meeting) if report.meeting else None
    if meeting is not None:
        before = _day_before(meeting.date.start)
        cut = min(report.as_of or before, before)
        return View(known=cut, at=cut, document=report.id, hide_outcome=meeting.id)
    cut = report.as_of or report.date.end
    return View(known=cut, at=cut, document=report.id)


# -- entries -------------------------------------------------------------------------------


def known_from(entry: Update) -> date:
    """The first day an entry is known: the last day of its ``date`` period (R13)."""
    return entry.date.end


def is_known(entry: Update, view: View) -> bool:
    """Whether ``view`` knows the entry: known by then, or reported in its document."""
    if view.document is not None and entry.reported_in == view.document:
        return True
    return known_from(entry) <= view.known


def is_effective(entry: Update, view: View) -> bool:
    """Whether the entry's changes apply in ``view``: known, and its date has come (R15)."""
    if view.document is not None and entry.reported_in == view.document:
        return True
    return known_from(entry) <= view.at and is_known(entry, view)


def concerns(entry: Update) -> Period:
    """The period an entry's text is about (its ``concerns``, else its ``date``)."""
    return entry.concerns if entry.concerns is not None else entry.date


def entry_order(indexed: tuple[int, Update]) -> tuple[date, date, int]:
    """Entries in the order they are posted: by date (end, then start), then file order."""
    index, entry = indexed
    return entry.date.end, entry.date.start, index


def _since_known(since: Period | None, view: View) -> bool:
    return since is None or since.end <= view.known


# -- records -------------------------------------------------------------------------------


def initiative_at(initiative: Initiative, view: View) -> tuple[Initiative | None, Remap | None]:
    """The initiative as it stood in ``view`` (None when not yet part of the plan), and how
    its values map back to its file (None when nothing moved)."""
    reported_here = view.document is not None and any(
        u.reported_in == view.document for u in initiative.updates
    )
    if not (_since_known(initiative.since, view) or reported_here):
        return None, None
    kept_updates = [(i, u) for i, u in enumerate(initiative.updates) if is_known(u, view)]
    kept_milestones = [
        i for i, m in enumerate(initiative.milestones) if _since_known(m.since, view)
    ]
    changes: dict[str, Any] = {}
    fields: dict[str, Loc] = {}
    for index, entry in sorted(kept_updates, key=entry_order):
        if not is_effective(entry, view):
            continue
        for name, value in entry.changes().items():
            changes[name] = value
            fields[name] = ("updates", index, name)
    if (
        len(kept_updates) == len(initiative.updates)
        and len(kept_milestones) == len(initiative.milestones)
        and not changes
    ):
        return initiative, None
    changes["updates"] = tuple(u for _, u in kept_updates)
    changes["milestones"] = tuple(initiative.milestones[i] for i in kept_milestones)
    remap = Remap(
        lists={
            "updates": tuple(i for i, _ in kept_updates),
            "milestones": tuple(kept_milestones),
        },
        fields=fields,
    )
    return initiative.model_copy(update=changes), remap


OUTCOME_FIELDS = ("decision", "remarks")


def meeting_at(meeting: Meeting, view: View) -> Meeting | None:
    """The meeting as known in ``view``: None before it was planned; without its outcome
    (decisions, remarks, absentees, whether it was held) until it has taken place (R18)."""
    own = meeting.id in (view.document, view.hide_outcome)
    if not (_since_known(meeting.since, view) or own):
        return None
    if meeting.id != view.hide_outcome and meeting.date.end <= view.at:
        return meeting
    if (
        not meeting.absent
        and meeting.held is None
        and not any(item.decision or item.remarks for item in meeting.items)
    ):
        return meeting
    items = tuple(item.model_copy(update=dict.fromkeys(OUTCOME_FIELDS)) for item in meeting.items)
    return meeting.model_copy(update={"items": items, "absent": (), "held": None})


def plan_at(dataset: Dataset, view: View) -> Dataset:
    """The whole plan as it stood in ``view`` (see the module's rules).

    The result shares the configuration and source positions with ``dataset``; locations of
    findings on it point at the lines that wrote the values (``Dataset.remap``).
    """
    initiatives: dict[str, Initiative] = {}
    remap: dict[str, Remap] = {}
    for key, initiative in dataset.initiatives.items():
        found, moved = initiative_at(initiative, view)
        if found is None:
            continue
        initiatives[key] = found
        if moved is not None:
            remap[initiative.path] = moved
    meetings: dict[str, Meeting] = {}
    for key, meeting in dataset.meetings.items():
        seen = meeting_at(meeting, view)
        if seen is not None:
            meetings[key] = seen
    indicators = {
        key: indicator
        for key, indicator in dataset.indicators.items()
        if indicator.date.end <= view.known
    }
    reports = {
        key: report
        for key, report in dataset.reports.items()
        if key == view.document or (report.as_of or report.date.end) <= view.known
    }
    return replace(
        dataset,
        initiatives=initiatives,
        meetings=meetings,
        indicators=indicators,
        reports=reports,
        remap=remap,
    )
