"""The issued reports: what the site lists under "Rapporter", with documents to download.

An issued report is a record in ``data/reports/`` (a status note or a process plan) whose
cut-off has come by the site's day (:func:`udvikling.reports.listing.list_reports`). Its
documents are made by the render library exactly as ``udv render notat|procesplan --report
ID`` makes them, as Word and as a standalone HTML page that prints to PDF. Status given on
a meeting's agenda (a held meeting of kind ``status``) is listed too, linked to the
meeting's page; udv writes no document in its name. "The last report" is the newer of the
two, by the rule ``udv diff --since-report`` uses.
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
from udvikling.model_report import Report
from udvikling.reports.common import meeting_order
from udvikling.site import links

KINDS = {"notat": "Statusnotat", "procesplan": "Tids- og procesplan"}


@dataclass(frozen=True, slots=True)
class LastReport:
    """The newest report by the site's day: its title, when, its page, and what it knew."""

    title: str
    when: str
    url: str
    known: View


def cut_off(report: Report) -> date:
    """The day a report is judged at and issued by: its ``as_of``, else its date's end."""
    return report.as_of or report.date.end


def issued(public: Dataset, as_of: date) -> list[Report]:
    """The reports issued by ``as_of``, newest first."""
    from udvikling.reports.listing import Filters, list_reports

    found = list_reports(public, Filters(), as_of)
    return sorted(found, key=lambda r: (cut_off(r), r.id), reverse=True)


def status_meetings(plan: Dataset, as_of: date) -> list[Meeting]:
    """Meetings of kind ``status`` known to have been held by ``as_of``, newest first."""
    held = [
        m for m in plan.meetings.values() if m.kind == "status" and state.is_held(m, as_of) is True
    ]
    return sorted(held, key=meeting_order, reverse=True)


def latest(public: Dataset, reports: list[Report], meetings: list[Meeting]) -> LastReport | None:
    """The newer of the newest issued report and the newest held status meeting."""
    from udvikling.journal import meeting_view, report_view

    report = reports[0] if reports else None
    meeting = meetings[0] if meetings else None
    if report is not None and (meeting is None or cut_off(report) >= meeting.date.start):
        return LastReport(
            report.title,
            report.date.danish(),
            links.report(report.id),
            report_view(public, report),
        )
    if meeting is not None:
        return LastReport(
            meeting.title, meeting.date.danish(), links.meeting(meeting.id), meeting_view(meeting)
        )
    return None


def page(plan: Dataset, report: Report) -> dict[str, Any]:
    """A report's page: what it is, when, to whom, and its sections."""
    from udvikling.danish import format_date
    from udvikling.site.meetings import full_body_name

    meeting = plan.meetings.get(report.meeting) if report.meeting else None
    return {
        "id": report.id,
        "titel": report.title,
        "url": links.report(report.id),
        "art": KINDS.get(report.kind, report.kind),
        "dato": report.date.danish(),
        "skaering": format_date(report.as_of) if report.as_of else None,
        "modtagere": [full_body_name(plan, b) for b in report.to],
        "moede": (
            {
                "navn": f"{full_body_name(plan, meeting.body)} {meeting.date.danish()}",
                "url": links.meeting(meeting.id),
            }
            if meeting is not None
            else None
        ),
        "sagsnr": report.case_no,
        "afsnit": [section.heading for section in report.sections],
        "kilder": list(report.sources),
    }


def meeting_entry(plan: Dataset, meeting: Meeting) -> dict[str, Any]:
    """A status given on a meeting's agenda, for the list of reports."""
    from udvikling.site.meetings import full_body_name

    return {
        "titel": meeting.title,
        "url": links.meeting(meeting.id),
        "dato": meeting.date.danish(),
        "organ": full_body_name(plan, meeting.body),
    }


def documents(
    public: Dataset, reports: list[Report], as_of: date, root: Path | None
) -> dict[str, bytes]:
    """Each issued report, and the process plan as it stands on ``as_of``, as Word and HTML,
    by their paths in the site.

    One after the other: pypandoc changes the process's working folder while it converts,
    so conversions in threads would pull it from under each other.
    """
    from udvikling.render import documents as render

    rendered = [
        (
            report.id,
            render.notat(public, as_of, report_id=report.id)
            if report.kind == "notat"
            else render.procesplan(public, as_of, report_id=report.id),
        )
        for report in reports
    ]
    files = {
        links.download(name, suffix): render.convert(document, suffix, root)
        for name, document in rendered
        for suffix in ("docx", "html")
    }
    current = render.procesplan(public, as_of)
    for suffix in ("docx", "html"):
        files[links.current_plan(suffix)] = render.convert(current, suffix, root)
    return files
