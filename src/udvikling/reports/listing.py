"""``udv list`` and ``udv show``: filtered records and one record with its references resolved.

Filters take ids as written in ``udvikling.yaml``; an unknown id is returned as a problem so
the command can say which ids exist. ``--from``/``--to`` keep initiatives whose span (see
``docs/semantics.md`` R1) overlaps the window (undated ones never do), and meetings whose
date period ends in it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from udvikling.chrono import Completion, NoNews, Standing
from udvikling.load import Dataset
from udvikling.periods import Period
from udvikling.reports.common import (
    MeetingLine,
    MilestoneLine,
    meeting_line,
    meeting_order,
    milestone_line,
    milestone_lines,
)

if TYPE_CHECKING:
    from udvikling.model import Initiative, Meeting, Milestone
    from udvikling.model_report import Report

STATUSES = ("planlagt", "i-gang", "afsluttet", "udskudt", "opgivet")


@dataclass(frozen=True, slots=True)
class Filters:
    """What ``udv list`` keeps; None means no filter."""

    track: str | None = None
    owner: str | None = None
    unit: str | None = None
    status: str | None = None
    body: str | None = None
    first: date | None = None
    last: date | None = None


def unknown_filters(dataset: Dataset, filters: Filters) -> list[tuple[str, str, list[str]]]:
    """``(option, value, known ids)`` for every filter naming an id that is not declared."""
    config = dataset.config
    checks = [
        ("--track", filters.track, list(config.tracks)),
        ("--owner", filters.owner, list(config.owners)),
        ("--unit", filters.unit, list(config.units)),
        ("--status", filters.status, list(STATUSES)),
        ("--body", filters.body, list(config.bodies)),
    ]
    return [
        (option, value, known) for option, value, known in checks if value and value not in known
    ]


def list_initiatives(plan: Dataset, filters: Filters) -> list[Initiative]:
    """Initiatives of ``plan`` (the plan as it stood, see :func:`udvikling.chrono.plan_at`)
    matching every filter, in Danish order of title."""
    from udvikling.chrono.initiatives import in_window
    from udvikling.danish import danish_sort_key

    found = []
    for initiative in plan.initiatives.values():
        if filters.track and initiative.track != filters.track:
            continue
        if filters.owner and initiative.owner != filters.owner:
            continue
        if filters.unit and filters.unit not in initiative.units:
            continue
        if filters.status and initiative.status != filters.status:
            continue
        if filters.body and not any(
            plan.meetings[m].body == filters.body for m in discussed_in(plan, initiative.id)
        ):
            continue
        if (filters.first or filters.last) and not in_window(
            initiative, filters.first, filters.last
        ):
            continue
        found.append(initiative)
    return sorted(found, key=lambda i: danish_sort_key(i.title))


def list_meetings(plan: Dataset, filters: Filters) -> list[Meeting]:
    """Meetings of ``plan`` (as it stood) matching every filter, by date. Initiative filters
    keep meetings about them."""
    from udvikling.chrono.days import ends_within

    wanted: set[str] | None = None
    if filters.track or filters.owner or filters.unit or filters.status:
        plain = Filters(filters.track, filters.owner, filters.unit, filters.status)
        wanted = {i.id for i in list_initiatives(plan, plain)}
    found = []
    for meeting in sorted(plan.meetings.values(), key=meeting_order):
        if filters.body and meeting.body != filters.body:
            continue
        if not ends_within(meeting.date, filters.first, filters.last):
            continue
        if wanted is not None and not (_concerns(plan, meeting) & wanted):
            continue
        found.append(meeting)
    return found


def list_reports(plan: Dataset, filters: Filters) -> list[Report]:
    """Issued reports of ``plan`` (as it stood: known by its day) whose date ends in the
    window, by date."""
    from udvikling.chrono.days import ends_within

    found = [r for r in plan.reports.values() if ends_within(r.date, filters.first, filters.last)]
    return sorted(found, key=lambda r: (r.date.end, r.date.start, r.id))


def _concerns(dataset: Dataset, meeting: Meeting) -> set[str]:
    """Initiatives a meeting is about: its agenda items' and the milestones held at it."""
    ids = {i for item in meeting.items for i in item.initiatives}
    ids |= {
        initiative.id
        for initiative in dataset.initiatives.values()
        if any(m.meeting == meeting.id for m in initiative.milestones)
    }
    return ids


@dataclass(frozen=True, slots=True)
class Links:
    """Who names whom in one plan, found in one pass, for views of many of its records (the
    site's pages): what :func:`discussed_in`, :func:`initiative_view` and
    :func:`meeting_detail` would otherwise look up in the whole plan for each record."""

    discussed: dict[str, tuple[str, ...]]  # initiative -> meetings that discussed it, by date
    needed_by: dict[str, tuple[Initiative, ...]]  # initiative -> initiatives depending on it
    milestones_at: dict[str, tuple[tuple[Initiative, Milestone], ...]]  # meeting -> milestones


def links_of(plan: Dataset) -> Links:
    """The :class:`Links` of ``plan`` (the same answers, in the same order, as asking the
    plan for each record)."""
    ordered = sorted(plan.meetings.values(), key=meeting_order)
    rank = {m.id: n for n, m in enumerate(ordered)}
    discussed: dict[str, set[str]] = {}
    for meeting in ordered:
        for item in meeting.items:
            for initiative_id in item.initiatives:
                discussed.setdefault(initiative_id, set()).add(meeting.id)
    needed: dict[str, list[Initiative]] = {}
    at: dict[str, list[tuple[Initiative, Milestone]]] = {}
    for initiative in plan.initiatives.values():
        for milestone in initiative.milestones:
            if milestone.meeting is not None:
                at.setdefault(milestone.meeting, []).append((initiative, milestone))
                if milestone.meeting in rank:
                    discussed.setdefault(initiative.id, set()).add(milestone.meeting)
        for other in dict.fromkeys(initiative.depends_on):
            needed.setdefault(other, []).append(initiative)
    return Links(
        discussed={i: tuple(sorted(ms, key=rank.__getitem__)) for i, ms in discussed.items()},
        needed_by={i: tuple(found) for i, found in needed.items()},
        milestones_at={m: tuple(found) for m, found in at.items()},
    )


def discussed_in(dataset: Dataset, initiative_id: str, links: Links | None = None) -> list[str]:
    """Ids of the meetings that discussed an initiative (agenda item or milestone), by date.

    The same meetings as :func:`_concerns` names the initiative for, found from the
    initiative's own milestones rather than every initiative's (one pass over the meetings).
    """
    if links is not None:
        return list(links.discussed.get(initiative_id, ()))
    initiative = dataset.initiatives.get(initiative_id)
    held_at = {m.meeting for m in initiative.milestones} if initiative is not None else set()
    return [
        m.id
        for m in sorted(dataset.meetings.values(), key=meeting_order)
        if m.id in held_at or any(initiative_id in item.initiatives for item in m.items)
    ]


@dataclass(frozen=True, slots=True)
class Reference:
    """A resolved id: the id and its Danish name or title (None when it does not exist)."""

    id: str
    name: str | None


@dataclass(frozen=True, slots=True)
class InitiativeView:
    """One initiative with everything it points to and everything that points to it."""

    initiative: Initiative
    track: Reference
    owner: Reference
    units: tuple[Reference, ...]
    beacons: tuple[Reference, ...]
    milestones: tuple[MilestoneLine, ...]
    depends_on: tuple[Reference, ...]
    needed_by: tuple[Reference, ...]
    meetings: tuple[MeetingLine, ...]
    days_late: int
    as_of: date
    unreported: NoNews | None = None
    completion: Completion | None = None
    documents: dict[str, str] = field(default_factory=dict)  # reported_in id -> Danish name
    sources: tuple[str, ...] = ()
    last_report: Period | None = None


@dataclass(frozen=True, slots=True)
class MeetingView:
    """One meeting with its body's name, its items' initiatives and its milestones."""

    meeting: Meeting
    line: MeetingLine
    body: Reference
    initiatives: dict[str, Reference] = field(default_factory=dict)
    milestones: tuple[MilestoneLine, ...] = ()


def _beacon(declared: Mapping[str, object], key: str) -> Reference:
    """A beacon by its name; one declared without a name (the sources give none) by its
    number, ``Pejlemærke 4``; an undeclared one without a name."""
    found = declared.get(key)
    if found is None:
        return Reference(key, None)
    name = getattr(found, "name", None)
    return Reference(key, name or f"Pejlemærke {list(declared).index(key) + 1}")


def _ref(table: Mapping[str, object], key: str | None, attr: str) -> Reference:
    if key is None:
        from udvikling.vocab import UNKNOWN

        return Reference("", UNKNOWN)
    found = table.get(key)
    return Reference(key, getattr(found, attr) if found is not None else None)


def initiative_view(
    standing: Standing, initiative_id: str, links: Links | None = None
) -> InitiativeView:
    """The initiative ``initiative_id`` as it stood in the standing's view (it must be part
    of the plan then), with everything it points to and that points to it (``links``: the
    plan's :class:`Links`, found once, for callers that show many records of it)."""
    from udvikling.chrono import known_sources
    from udvikling.danish import danish_sort_key

    plan = standing.plan
    initiative = plan.initiatives[initiative_id]
    config = plan.config
    initiatives: Mapping[str, object] = plan.initiatives  # not copied: once per page
    needing = (
        links.needed_by.get(initiative_id, ())
        if links is not None
        else (i for i in plan.initiatives.values() if initiative_id in i.depends_on)
    )
    needed = sorted(needing, key=lambda i: danish_sort_key(i.title))
    where = standing.initiative(initiative)
    return InitiativeView(
        initiative=initiative,
        track=_ref(dict(config.tracks), initiative.track, "name"),
        owner=_ref(dict(config.owners), initiative.owner, "name"),
        units=tuple(_ref(dict(config.units), u, "name") for u in initiative.units),
        beacons=tuple(_beacon(config.beacons, b) for b in initiative.beacons),
        milestones=milestone_lines(standing, initiative),
        depends_on=tuple(_ref(initiatives, d, "title") for d in initiative.depends_on),
        needed_by=tuple(Reference(i.id, i.title) for i in needed),
        meetings=tuple(
            meeting_line(standing, plan.meetings[m])
            for m in discussed_in(plan, initiative_id, links)
        ),
        days_late=where.days_late,
        as_of=standing.judged,
        unreported=where.no_news,
        completion=where.completion,
        documents=document_names(plan, initiative),
        sources=known_sources(initiative),
        last_report=where.last_report,
    )


def document_names(dataset: Dataset, initiative: Initiative) -> dict[str, str]:
    """Where the initiative's journal entries were reported, in Danish: ``VPU 24. april
    2024`` for a meeting, ``rapporten »…« (efterår 2024)`` for a report."""
    from udvikling.reports.common import body_name

    names: dict[str, str] = {}
    for entry in initiative.updates:
        key = entry.reported_in
        if key is None or key in names:
            continue
        if key in dataset.meetings:
            meeting = dataset.meetings[key]
            names[key] = f"{body_name(dataset, meeting.body)} {meeting.date.danish()}"
        elif key in dataset.reports:
            report = dataset.reports[key]
            names[key] = f"rapporten »{report.title}« ({report.date.danish()})"
    return names


def meeting_detail(standing: Standing, meeting_id: str, links: Links | None = None) -> MeetingView:
    """The meeting ``meeting_id`` as known in the standing's view (it must be part of the
    plan then), with its body, its items' initiatives and its milestones (``links``: the
    plan's :class:`Links`, for callers that show many meetings of it)."""
    plan = standing.plan
    meeting = plan.meetings[meeting_id]
    initiatives: Mapping[str, object] = plan.initiatives  # not copied: once per page
    ids = sorted({i for item in meeting.items for i in item.initiatives})
    held = (
        links.milestones_at.get(meeting_id, ())
        if links is not None
        else (
            (initiative, m)
            for initiative in plan.initiatives.values()
            for m in initiative.milestones
            if m.meeting == meeting_id
        )
    )
    milestones = tuple(milestone_line(standing, initiative, m) for initiative, m in held)
    return MeetingView(
        meeting=meeting,
        line=meeting_line(standing, meeting),
        body=_ref(dict(plan.config.bodies), meeting.body, "name"),
        initiatives={i: _ref(initiatives, i, "title") for i in ids},
        milestones=milestones,
    )
