"""Open data: the plan as the site shows it, to download as JSON and CSV, with its schema.

Everything comes from what the site's pages are made of (the public plan as it stood and
was known on the site's day, :mod:`udvikling.site.build`): confidential initiatives and
closed agenda items are gone before this module sees the plan. The JSON is
:class:`~udvikling.site.opendata_model.OpenPlan`; its JSON Schema is published beside it.
The CSV files are for spreadsheets: one row per initiative and one per milestone, Danish
column names, semicolons between fields and a byte order mark, as Danish Excel reads CSV;
a cell that starts like a formula starts with an apostrophe. In the JSON, ``<`` is written
``\u003c`` (the same JSON), so no tag from the data's text is in any file of the site but
the CSV, which holds the text as written.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from udvikling.chrono import Standing
from udvikling.model import Initiative
from udvikling.model_report import Report
from udvikling.periods import Period
from udvikling.site import links
from udvikling.site.opendata_model import (
    FORMAT_VERSION,
    Named,
    OpenChange,
    OpenEntry,
    OpenInitiative,
    OpenItem,
    OpenMeeting,
    OpenMilestone,
    OpenPeriod,
    OpenPlan,
    OpenProgress,
    OpenReached,
    OpenReport,
    OpenStanding,
    OpenTrack,
    OpenWhere,
)
from udvikling.site.progress import COUNTING, Progress, progress

INITIATIVE_COLUMNS = (
    "id",
    "titel",
    "tidligere titler",
    "spor",
    "ansvarlig",
    "niveau",
    "status",
    "start",
    "frist",
    "over fristen",
    "milepæle",
    "milepæle nået",
    "opdateringer",
    "side",
)
MILESTONE_COLUMNS = ("tiltag", "tiltagets titel", "milepæl", "frist", "møde", "stand", "nået")


def _period(period: Period | None) -> OpenPeriod | None:
    if period is None:
        return None
    return OpenPeriod(
        text=period.canonical(),
        danish=period.danish(),
        start=period.start.isoformat(),
        end=period.end.isoformat(),
    )


def _required(period: Period) -> OpenPeriod:
    shown = _period(period)
    assert shown is not None
    return shown


def _progress(found: Progress) -> OpenProgress:
    return OpenProgress(
        initiatives=found.initiatives,
        completed=found.completed,
        by_status=dict(sorted(found.statuses.items())),
        milestones=found.milestones,
        reached=found.reached,
        milestones_by_state=dict(sorted(found.milestone_states.items())),
        text=found.text(),
    )


def _milestones(standing: Standing, initiative: Initiative) -> list[OpenMilestone]:
    from udvikling.output.report_status import milestone_text
    from udvikling.reports.common import milestone_lines

    out = []
    for line in milestone_lines(standing, initiative):
        reached = None
        if line.reached is not None:
            reached = OpenReached(
                basis=line.reached.basis,
                period=_required(line.reached.period),
                text=line.reached_text or "",
            )
        out.append(
            OpenMilestone(
                title=line.title,
                due=_period(line.due),
                meeting=line.meeting,
                state=line.state,
                state_text=milestone_text(line),
                reached=reached,
            )
        )
    return out


def _history(story: list[dict[str, Any]]) -> list[OpenEntry]:
    out = []
    for shown in story:
        entry = shown["opdatering"]
        where = shown["meldt_i"]
        out.append(
            OpenEntry(
                key=shown["anker"].removeprefix("opdatering-"),
                date=_required(entry.date),
                concerns=_period(entry.concerns) if entry.concerns != entry.date else None,
                reported_in=None
                if where is None
                else OpenWhere(
                    kind="meeting" if where["slags"] == "moede" else "report",
                    id=str(entry.reported_in),
                    name=where["navn"],
                    page=where["url"],
                ),
                source=entry.source,
                text=entry.text,
                changes=[
                    OpenChange(
                        field=f["felt_id"],
                        field_name=f["felt"],
                        old=f["foer"],
                        new=f["nu"],
                        same=f["uaendret"],
                    )
                    for f in shown["felter"]
                ],
                reached=list(entry.reached),
            )
        )
    return out


def _initiative(
    standing: Standing,
    initiative: Initiative,
    story: list[dict[str, Any]],
    former: list[str],
    standings: dict[str, tuple[str, str]],
) -> OpenInitiative:
    from udvikling.reports.common import owner_name, track_name
    from udvikling.site.initiatives import unit_name
    from udvikling.vocab import level_label, status_label

    plan = standing.plan
    stand = standings.get(initiative.id)
    due = initiative.due_period
    return OpenInitiative(
        id=initiative.id,
        title=initiative.title,
        former_titles=former,
        track=Named(id=initiative.track, name=track_name(plan, initiative.track)),
        owner=Named(id=initiative.owner, name=owner_name(plan, initiative.owner))
        if initiative.owner
        else None,
        level=initiative.level,
        level_text=level_label(initiative.level),
        status=initiative.status,
        status_text=status_label(initiative.status),
        units=[Named(id=u, name=unit_name(plan, u)) for u in initiative.units],
        start=_period(initiative.start),
        due=_period(due),
        ongoing=initiative.ongoing,
        since=_period(initiative.since),
        description=initiative.description,
        timing=initiative.timing,
        responsibility=initiative.responsibility,
        beacons=[_beacon(standing, b) for b in initiative.beacons],
        tags=list(initiative.tags),
        sources=list(_sources(initiative)),
        depends_on=[d for d in initiative.depends_on if d in plan.initiatives],
        standing=OpenStanding(kind="late" if stand[1] == "sent" else "unreported", text=stand[0])
        if stand is not None
        else None,
        page=links.initiative(initiative.id),
        milestones=_milestones(standing, initiative),
        history=_history(story),
    )


def _beacon(standing: Standing, beacon: str) -> str:
    declared = standing.plan.config.beacons.get(beacon)
    return (declared.name or beacon) if declared is not None else beacon


def _sources(initiative: Initiative) -> tuple[str, ...]:
    from udvikling.chrono import known_sources

    return known_sources(initiative)


def _meetings(standing: Standing) -> list[OpenMeeting]:
    from udvikling.reports.common import body_name, meeting_order

    plan = standing.plan
    return [
        OpenMeeting(
            id=meeting.id,
            body=Named(id=meeting.body, name=body_name(plan, meeting.body)),
            date=_required(meeting.date),
            title=meeting.title,
            kind=meeting.kind,
            outcome=standing.outcome(meeting),
            page=links.meeting(meeting.id),
            items=[
                OpenItem(
                    number=number,
                    title=item.title,
                    initiatives=[i for i in item.initiatives if i in plan.initiatives],
                    decision=item.decision,
                )
                for number, item in enumerate(meeting.items, start=1)
            ],
        )
        for meeting in sorted(plan.meetings.values(), key=meeting_order)
    ]


def _reports(issued: Sequence[Report]) -> list[OpenReport]:
    from udvikling.chrono import report_cut_off

    out = []
    for report in issued:
        out.append(
            OpenReport(
                id=report.id,
                kind=report.kind,
                title=report.title,
                date=_required(report.date),
                issued=report_cut_off(report).isoformat(),
                page=links.report(report.id),
            )
        )
    return out


def open_plan(
    standing: Standing,
    ordered: Sequence[Initiative],
    stories: dict[str, list[dict[str, Any]]],
    former: dict[str, list[str]],
    standings: dict[str, tuple[str, str]],
    issued: Sequence[Report],
    built: datetime,
    revision: str,
) -> OpenPlan:
    """The open data of the site (``ordered``: the public initiatives in the site's order;
    ``stories`` and ``former``: each one's history and former titles, as its page has them)."""
    plan = standing.plan
    config = plan.config
    by_track: dict[str, list[Initiative]] = {}
    for initiative in ordered:
        by_track.setdefault(initiative.track, []).append(initiative)
    tracks = []
    for track_id, members in by_track.items():
        declared = config.tracks.get(track_id)
        tracks.append(
            OpenTrack(
                id=track_id,
                name=declared.name if declared is not None else track_id,
                note=declared.note if declared is not None else None,
                separate=declared.separate if declared is not None else False,
                page=links.track(track_id),
                feed=links.track_feed(track_id),
                progress=_progress(progress(standing, members)),
            )
        )
    return OpenPlan(
        version=FORMAT_VERSION,
        schema_=links.OPEN_SCHEMA.removeprefix(links.OPEN_FOLDER),
        generator="udv",
        organisation=config.organisation,
        process=config.process,
        department=config.department,
        case_no=config.case_no,
        as_of=standing.view.known.isoformat(),
        built=built.isoformat(timespec="seconds"),
        source=revision,
        counting=COUNTING,
        progress=_progress(progress(standing, ordered)),
        tracks=tracks,
        initiatives=[
            _initiative(standing, i, stories[i.id], former[i.id], standings) for i in ordered
        ],
        meetings=_meetings(standing),
        reports=_reports(issued),
    )


def schema_json() -> bytes:
    """The JSON Schema of :class:`OpenPlan`, as published beside the data."""
    schema = OpenPlan.model_json_schema(by_alias=True)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": links.OPEN_SCHEMA.removeprefix(links.OPEN_FOLDER),
        **schema,
    }
    return (json.dumps(_without_titles(schema), ensure_ascii=False, indent=2) + "\n").encode()


def _without_titles(node: Any) -> Any:
    """Pydantic's English ``title`` of each field gone (the Danish description says it)."""
    if isinstance(node, dict):
        return {
            k: _without_titles(v)
            for k, v in node.items()
            if not (k == "title" and isinstance(v, str) and "properties" not in node)
        }
    if isinstance(node, list):
        return [_without_titles(v) for v in node]
    return node


def _cell(text: str) -> str:
    """A cell a spreadsheet shows as text: one that starts like a formula (``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return) gets an apostrophe first, so Excel and
    LibreOffice never run a title as a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv(columns: Sequence[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([[_cell(cell) for cell in row] for row in rows])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def csv_files(data: OpenPlan) -> dict[str, bytes]:
    """The initiatives and the milestones as CSV (Danish column names)."""
    initiatives = [
        [
            i.id,
            i.title,
            " | ".join(i.former_titles),
            i.track.name,
            i.owner.name if i.owner else "",
            i.level_text,
            i.status_text,
            i.start.danish if i.start else "",
            "løbende" if i.ongoing else (i.due.danish if i.due else ""),
            i.standing.text if i.standing else "",
            str(len(i.milestones)),
            str(sum(1 for m in i.milestones if m.state == "done")),
            str(len(i.history)),
            i.page,
        ]
        for i in data.initiatives
    ]
    milestones = [
        [
            i.id,
            i.title,
            m.title,
            m.due.danish if m.due else "",
            m.meeting or "",
            m.state_text,
            m.reached.text if m.reached else "",
        ]
        for i in data.initiatives
        for m in i.milestones
    ]
    return {
        links.OPEN_INITIATIVES: _csv(INITIATIVE_COLUMNS, initiatives),
        links.OPEN_MILESTONES: _csv(MILESTONE_COLUMNS, milestones),
    }


def files(data: OpenPlan) -> dict[str, bytes]:
    """Every file of the open data by its path on the site."""
    # pydantic's own JSON writer: the same text as json.dumps(model_dump(mode="json"),
    # ensure_ascii=False, indent=1), without Python's encoder, which indentation forces.
    text = data.model_dump_json(indent=1, by_alias=True)
    # "<" only ever stands inside strings: as \u003c the file is the same JSON, and no tag
    # of the data's text is ever in it (pasted into a page or opened as HTML).
    text = text.replace("<", "\\u003c")
    return {
        links.OPEN_JSON: (text + "\n").encode("utf-8"),
        links.OPEN_SCHEMA: schema_json(),
        **csv_files(data),
    }
