"""What the site shows of a meeting: a line in the list, and its own page.

The page is :func:`udvikling.reports.listing.meeting_detail` (the same as ``udv show``) on the
public plan: closed agenda items are gone before this module sees the meeting, and an item's
initiatives are only the public ones. A meeting's outcome (decisions, remarks, absentees) is
there only once the journal knows it (docs/semantics.md R18).
"""

from __future__ import annotations

from typing import Any

from udvikling.load import Dataset
from udvikling.model import AgendaItem, Meeting
from udvikling.reports.common import MeetingLine, body_name
from udvikling.reports.listing import MeetingView
from udvikling.site import links


def full_body_name(dataset: Dataset, body: str) -> str:
    """The body's full name (``body_name`` gives the short one, e.g. VPU)."""
    declared = dataset.config.bodies.get(body)
    return declared.name if declared is not None else body


def card(plan: Dataset, meeting: Meeting, line: MeetingLine) -> dict[str, Any]:
    """A meeting in a list: date, body, title and whether it was held."""
    from udvikling.output.report_status import meeting_state

    return {
        "id": meeting.id,
        "titel": meeting.title,
        "url": links.meeting(meeting.id),
        "dato": meeting.date.danish(),
        "aar": meeting.date.end.year,
        "organ": meeting.body,
        "organ_navn": body_name(plan, meeting.body),
        "organ_fuldt": full_body_name(plan, meeting.body),
        "type": meeting.kind,
        "stand": meeting_state(line),
        "kommende": not line.taken_place,
    }


def _item(plan: Dataset, line: MeetingLine, number: int, item: AgendaItem) -> dict[str, Any]:
    from udvikling.output.report_status import decision_text

    return {
        "nummer": number,
        "titel": item.title,
        "tiltag": [
            {"navn": plan.initiatives[i].title, "url": links.initiative(i)}
            for i in item.initiatives
            if i in plan.initiatives
        ],
        "sagsgang": [body_name(plan, b) for b in item.route],
        "sagsfremstilling": item.summary,
        "politikker": item.policies,
        "oekonomi": item.economy,
        "lovgrundlag": item.legal_basis,
        "indstilling": item.recommendation,
        "beslutning": decision_text(line, item.decision),
        "besluttet": item.decision is not None,
        "bemaerkninger": item.remarks,
        "bilag": list(item.attachments),
    }


def page(plan: Dataset, view: MeetingView) -> dict[str, Any]:
    """Everything the meeting's page shows (``view`` is ``udv show`` on the same day)."""
    from udvikling.output.report_status import milestone_text

    meeting = view.meeting
    return {
        **card(plan, meeting, view.line),
        "dage": meeting.date.span_danish() if meeting.date.days > 1 else None,
        "sagsnr": meeting.case_no,
        "fravaerende": list(meeting.absent),
        "bilag": list(meeting.attachments),
        "punkter": [
            _item(plan, view.line, number, item)
            for number, item in enumerate(meeting.items, start=1)
        ],
        "milepaele": [
            {
                "tiltag": m.initiative_title,
                "url": links.initiative(m.initiative_id),
                "titel": m.title,
                "stand": milestone_text(m),
            }
            for m in view.milestones
        ],
    }
