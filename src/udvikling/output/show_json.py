"""JSON for ``udv show`` and ``udv period`` (documented in docs/json-output.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from udvikling.chrono import Standing
from udvikling.load import Dataset
from udvikling.output.report_json import date_json, period_json
from udvikling.periods import Period
from udvikling.reports.common import MilestoneLine
from udvikling.reports.listing import InitiativeView, MeetingView, Reference

if TYPE_CHECKING:
    from udvikling.output.json_types import (
        MilestoneJson,
        PeriodCommandJson,
        ReferenceJson,
        ShowInitiativeJson,
        ShowMeetingJson,
    )


def _ref(ref: Reference) -> ReferenceJson:
    return {"id": ref.id, "name": ref.name}


def _milestone(m: MilestoneLine) -> MilestoneJson:
    return {
        "initiative": m.initiative_id,
        "title": m.title,
        "due": period_json(m.due),
        "meeting": m.meeting,
        "done": date_json(m.done),
        "state": m.state,
        "reached": m.reached.basis if m.reached is not None else None,
        "days_late": m.days_late,
        "unreported_since": period_json(m.unreported_since),
    }


def show_initiative_json(dataset: Dataset, view: InitiativeView) -> ShowInitiativeJson:
    """``udv show ID --format json`` for an initiative."""
    from udvikling.chrono import entry_order
    from udvikling.output.report_show import initiative_json

    i = view.initiative
    return {
        "show": "initiative",
        "as_of": view.as_of.isoformat(),
        "record": initiative_json(dataset, i),
        "description": i.description,
        "days_late": view.days_late,
        "unreported": view.unreported is not None,
        "last_report": period_json(view.last_report),
        "beacons": [_ref(b) for b in view.beacons],
        "depends_on": [_ref(d) for d in view.depends_on],
        "needed_by": [_ref(d) for d in view.needed_by],
        "milestones": [_milestone(m) for m in view.milestones],
        "meetings": [
            {
                "id": m.id,
                "date": period_json(m.date),
                "body_name": m.body_name,
                "title": m.title,
                "outcome": m.outcome,
            }
            for m in view.meetings
        ],
        "updates": [
            {
                "date": period_json(u.date),
                "concerns": period_json(u.concerns),
                "reported_in": u.reported_in,
                "text": u.text,
            }
            for _, u in sorted(enumerate(i.updates), key=entry_order)
        ],
        "tags": list(i.tags),
        "sources": list(view.sources),
        "confidential": i.confidential,
    }


def show_meeting_json(standing: Standing, view: MeetingView) -> ShowMeetingJson:
    """``udv show ID --format json`` for a meeting, as the plan stood in the standing's view."""
    from udvikling.output.report_show import meeting_json

    m = view.meeting
    return {
        "show": "meeting",
        "as_of": standing.judged.isoformat(),
        "record": meeting_json(standing, m),
        "case_no": m.case_no,
        "items": [
            {
                "title": item.title,
                "public": item.public,
                "initiatives": [_ref(view.initiatives[key]) for key in item.initiatives],
                "recommendation": item.recommendation,
                "decision": item.decision,
                "remarks": item.remarks,
            }
            for item in m.items
        ],
        "absent": list(m.absent),
        "milestones": [_milestone(line) for line in view.milestones],
    }


def period_command_json(written: str, period: Period) -> PeriodCommandJson:
    """``udv period TEXT --format json``: what udv understands by the text."""
    return {
        "input": written,
        "period": period_json(period),
        "grain": period.grain,
        "days": period.days,
        "span": period.span_danish(),
        "late_from": period.late_from.isoformat(),
    }
