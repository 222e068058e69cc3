"""The issued reports: what the site lists under "Rapporter", with documents to download.

An issued report is a record in ``data/reports/`` (a status note or a process plan) whose
cut-off has come by the site's day (:func:`udvikling.reports.listing.list_reports`). Its
documents are made by the render library exactly as ``udv render notat|procesplan --report
ID`` makes them, as Word and as a standalone HTML page that prints to PDF. Status given on
a meeting's agenda (a held meeting of kind ``status``) is listed too, linked to the
meeting's page; udv writes no document in its name. "The last report" is the last issued
status by the time package's one rule (:attr:`udvikling.chrono.Standing.last_status`), the
same the default notat and ``udv diff --since-report`` use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from udvikling.chrono import Standing, View
from udvikling.load import Dataset
from udvikling.model import Meeting
from udvikling.model_report import Report
from udvikling.reports.common import meeting_order
from udvikling.site import links

KINDS = {"notat": "Statusnotat", "procesplan": "Tids- og procesplan"}


@dataclass(frozen=True, slots=True)
class LastReport:
    """The last status by the site's day: its title, when, its page, and what it knew."""

    title: str
    when: str
    url: str
    known: View


def issued(plan: Dataset) -> list[Report]:
    """The reports issued by the site's day (of the plan as it stood), newest first."""
    from udvikling.chrono import report_cut_off
    from udvikling.reports.listing import Filters, list_reports

    found = list_reports(plan, Filters())
    return sorted(found, key=lambda r: (report_cut_off(r), r.id), reverse=True)


def status_meetings(standing: Standing) -> list[Meeting]:
    """Meetings of kind ``status`` known to have been held by the site's day, newest first."""
    held = [
        m
        for m in standing.plan.meetings.values()
        if m.kind == "status" and standing.outcome(m) == "held"
    ]
    return sorted(held, key=meeting_order, reverse=True)


def latest(standing: Standing) -> LastReport | None:
    """The last issued status by the time package's one rule (docs/semantics.md R23)."""
    last = standing.last_status
    if last is None:
        return None
    url = links.report(last.id) if last.kind == "report" else links.meeting(last.id)
    return LastReport(last.title, last.when.danish(), url, last.knew)


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
        "afsnit": [section.heading for section in report.sections if section.heading],
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
    public: Dataset,
    reports: list[Report],
    as_of: date,
    root: Path | None,
    clock: date,
    notice: str | None = None,
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
            render.notat(public, as_of, report_id=report.id, clock=clock, notice=notice)
            if report.kind == "notat"
            else render.procesplan(public, as_of, report_id=report.id, clock=clock, notice=notice),
        )
        for report in reports
    ]
    files = {
        links.download(name, suffix): render.convert(document, suffix, root)
        for name, document in rendered
        for suffix in ("docx", "html")
    }
    current = render.procesplan(public, as_of, clock=clock, notice=notice)
    for suffix in ("docx", "html"):
        files[links.current_plan(suffix)] = render.convert(current, suffix, root)
    return files
