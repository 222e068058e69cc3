"""``udv status --format json``: a StatusReport as JSON data (docs/json-output.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from udvikling.reports.status import StatusReport

if TYPE_CHECKING:
    from udvikling.output.json_types import StatusJson


def to_json(report: StatusReport) -> StatusJson:
    """The report as JSON data; the shape is documented in docs/json-output.md."""
    from udvikling.output.report_json import date_json, period_json

    milestones = report.milestones
    return {
        "report": "status",
        "organisation": report.organisation,
        "process": report.process,
        "quarter": period_json(report.quarter),
        "as_of": report.as_of.isoformat(),
        "cutoff": report.cutoff.isoformat(),
        "summary": report.summary(),
        "counts": {
            "active": len(report.active),
            "started": len(report.started),
            "due": len(report.due),
            "completed": len(report.completed),
            "late": len(report.late),
            "unreported": len(report.unreported),
            "milestones": len(milestones),
            "milestones_done": sum(1 for m in milestones if m.state == "done"),
            "meetings": len(report.meetings),
            "updates": len(report.updates),
        },
        "meetings": [
            {
                "id": m.id,
                "body": m.body,
                "body_name": m.body_name,
                "date": period_json(m.date),
                "title": m.title,
                "kind": m.kind,
                "held": m.held,
                "taken_place": m.taken_place,
                "undecided": m.undecided,
                "items": [
                    {"title": i.title, "decision": i.decision, "initiatives": list(i.initiatives)}
                    for i in m.items
                ],
            }
            for m in report.meetings
        ],
        "tracks": [
            {
                "id": t.id,
                "name": t.name,
                "initiatives": [
                    {
                        "id": i.id,
                        "title": i.title,
                        "owner": i.owner,
                        "owner_name": i.owner_name,
                        "level": i.level,
                        "status": i.status,
                        "start": period_json(i.start),
                        "due": period_json(i.due),
                        "ongoing": i.ongoing,
                        "completed": date_json(i.completed),
                        "completion": i.completion.basis if i.completion else None,
                        "started": i.started,
                        "active": i.active,
                        "due_in_quarter": i.due_in_quarter,
                        "completed_in_quarter": i.completed_in_quarter,
                        "days_late": i.days_late,
                        "unreported": i.unreported,
                        "unreported_since": period_json(i.unreported_since),
                    }
                    for i in t.initiatives
                ],
                "milestones": [
                    {
                        "initiative": m.initiative_id,
                        "title": m.title,
                        "due": period_json(m.due),
                        "meeting": m.meeting,
                        "done": date_json(m.done),
                        "state": m.state,
                        "reached": m.reached.basis if m.reached else None,
                        "days_late": m.days_late,
                        "unreported_since": period_json(m.unreported_since),
                    }
                    for m in t.milestones
                ],
                "updates": [
                    {
                        "initiative": u.initiative_id,
                        "date": period_json(u.date),
                        "concerns": period_json(u.concerns),
                        "text": u.text,
                    }
                    for u in t.updates
                ],
            }
            for t in report.tracks
        ],
        "undated": list(report.undated),
    }
