"""The issued reports: what the site lists under "Rapporter", with documents to download.

A report is a status presented to a body: a held status meeting (``kind: status``) of the
public plan, with its open agenda items. Its documents are the status note for that
meeting, made by the render library exactly as ``udv render notat --meeting ID`` makes it
(as the plan stood the day before the meeting, with what was reported at it), as Word and
as a standalone HTML page that prints to PDF. The process plan is offered the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from udvikling import state
from udvikling.journal import View
from udvikling.load import Dataset
from udvikling.model import Meeting
from udvikling.periods import Period
from udvikling.reports.common import meeting_order
from udvikling.site import links

PROCESS_PLAN = "procesplan"


@dataclass(frozen=True, slots=True)
class IssuedReport:
    """A report that has gone out: its id, title, date and the meeting it was presented at."""

    id: str
    title: str
    date: Period
    meeting: Meeting

    @property
    def known(self) -> View:
        """What the report knew: the plan the day before its meeting, plus what it reported."""
        from udvikling.journal import meeting_view

        return meeting_view(self.meeting)


def issued(plan: Dataset, as_of: date) -> list[IssuedReport]:
    """The reports issued by ``as_of``, newest first: status meetings known to be held."""
    held = [
        m for m in plan.meetings.values() if m.kind == "status" and state.is_held(m, as_of) is True
    ]
    return [
        IssuedReport(m.id, m.title, m.date, m)
        for m in sorted(held, key=meeting_order, reverse=True)
    ]


def page(plan: Dataset, report: IssuedReport) -> dict[str, Any]:
    """A report's page: where it was presented and its agenda items."""
    from udvikling.output.report_status import decision_text
    from udvikling.reports.common import body_name, meeting_line

    meeting = report.meeting
    line = meeting_line(plan, meeting, meeting.date.end)
    body = plan.config.bodies.get(meeting.body)
    return {
        "id": report.id,
        "titel": report.title,
        "url": links.report(report.id),
        "dato": report.date.danish(),
        "organ": body.name if body is not None else meeting.body,
        "organ_kort": body_name(plan, meeting.body),
        "moede_url": links.meeting(meeting.id),
        "punkter": [
            {
                "titel": item.title,
                "sagsfremstilling": item.summary,
                "indstilling": item.recommendation,
                "beslutning": decision_text(line, item.decision),
            }
            for item in meeting.items
        ],
    }


def documents(
    public: Dataset, reports: list[IssuedReport], as_of: date, root: Path | None
) -> dict[str, bytes]:
    """Each report's status note and the process plan as Word and HTML, by site path.

    One after the other: pypandoc changes the process's working folder while it converts,
    so conversions in threads would pull it from under each other.
    """
    from udvikling.render import documents as render

    rendered = [
        (report.id, render.notat(public, as_of, meeting_id=report.meeting.id)) for report in reports
    ]
    rendered.append((PROCESS_PLAN, render.procesplan(public, as_of)))
    return {
        links.download(name, suffix): render.convert(document, suffix, root)
        for name, document in rendered
        for suffix in ("docx", "html")
    }
