"""The last issued status, and what is news since it (R23 of docs/semantics.md).

One rule, asked by the default notat, the site, ``udv diff --since-report`` and the status
round alike. A status has *gone out* when

* an issued status note exists: a report record of kind ``notat`` whose cut-off has come by
  the day judged (it went out on its cut-off), or
* a status meeting (``kind: status``) is known to have been held by the day judged (the
  status went out at the meeting, on its first day).

The last status is the one that went out last; on the same day a report goes before a
meeting, and a report presented at a meeting (``meeting:``) stands for that meeting, so the
two are never counted as two statuses. The document being made is never its own last status.

Why this rule: a status note in ``data/reports`` is the record of what was sent, with the
texts reported in it; a held status meeting is where the administration gave status when no
note of it is recorded (as for Voksen- og Plejeudvalget 24 April 2024). A planned meeting is
no evidence that status was given (R18), and a process plan is not a status.

What the last status knew is its own view (:func:`udvikling.chrono.days.report_view` or
:func:`~udvikling.chrono.days.meeting_view`); news is every journal entry with prose that is
known now and was not known to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from udvikling.chrono.days import View, meeting_view, report_view
from udvikling.chrono.knowledge import entry_order, is_known, report_cut_off
from udvikling.chrono.meetings import has_taken_place, held_on_record
from udvikling.periods import Period

if TYPE_CHECKING:
    from udvikling.load import Dataset
    from udvikling.model import Initiative, Update


@dataclass(frozen=True, slots=True)
class LastStatus:
    """The last status that went out: a status note or a held status meeting.

    ``issued``: the day it went out; ``knew``: what it knew (news is what it did not);
    ``when``: its date as the source gives it; ``body``: the meeting's body.
    """

    kind: Literal["report", "meeting"]
    id: str
    title: str
    when: Period
    issued: date
    knew: View
    body: str | None = None


def last_status(plan: Dataset, view: View, *, full: Dataset | None = None) -> LastStatus | None:
    """The last status issued by ``view.judged`` in ``plan`` (the plan as it stood in
    ``view``; ``full``: the plan as written, for the views of what each status knew)."""
    written = full if full is not None else plan
    found: list[tuple[date, int, str, LastStatus]] = []
    presented = set()
    for report in plan.reports.values():
        if report.kind != "notat" or report.id == view.document:
            continue
        cut = report_cut_off(report)
        if cut > view.judged:
            continue
        if report.meeting:
            presented.add(report.meeting)
        knew = report_view(written, report, view.clock)
        status = LastStatus("report", report.id, report.title, report.date, cut, knew)
        found.append((cut, 1, report.id, status))
    for meeting in plan.meetings.values():
        if (
            meeting.kind != "status"
            or meeting.id in presented
            or meeting.id in (view.document, view.hide_outcome)
            or not has_taken_place(meeting, view.judged)
            or not held_on_record(meeting)
        ):
            continue
        knew = meeting_view(meeting, view.clock)
        status = LastStatus(
            "meeting",
            meeting.id,
            meeting.title,
            meeting.date,
            meeting.date.start,
            knew,
            meeting.body,
        )
        found.append((meeting.date.start, 0, meeting.id, status))
    if not found:
        return None
    return max(found, key=lambda t: t[:3])[3]


def news(
    initiative: Initiative, view: View, last: LastStatus | None, *, prose: bool = True
) -> list[Update]:
    """The entries known in ``view`` and not known to the ``last`` status, in the order they
    were posted (every known entry when there was no status); with ``prose``, only those
    with a text (what a notat reports; the site also lists changes of plan)."""
    fresh = [
        (index, entry)
        for index, entry in enumerate(initiative.updates)
        if (entry.text or not prose)
        and is_known(entry, view)
        and not (last is not None and is_known(entry, last.knew))
    ]
    return [entry for _, entry in sorted(fresh, key=entry_order)]


def reported_in(initiative: Initiative, document: str) -> list[Update]:
    """The entries with prose reported in ``document`` (a report or a meeting)."""
    found = [(i, u) for i, u in enumerate(initiative.updates) if u.reported_in == document]
    return [u for _, u in sorted(found, key=entry_order) if u.text]
