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

from udvikling import state
from udvikling.load import Dataset
from udvikling.model import Initiative, Meeting, Milestone
from udvikling.model_report import Report
from udvikling.reports.common import (
    MeetingLine,
    MilestoneLine,
    meeting_line,
    meeting_order,
    milestone_line,
)

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


def _in_window(first: date | None, last: date | None, start: date | None, end: date | None) -> bool:
    if start is None:  # undated work lies in no window (docs/semantics.md R2)
        return False
    if first is not None and end is not None and end < first:
        return False
    return not (last is not None and start is not None and start > last)


def list_initiatives(
    dataset: Dataset, filters: Filters, as_of: date | None = None
) -> list[Initiative]:
    """Initiatives matching every filter, in Danish order of title; as they stood, and were
    known, on ``as_of`` when given (else as recorded)."""
    from udvikling.danish import danish_sort_key

    if as_of is not None:
        from udvikling.journal import plan_at, view_at

        dataset = plan_at(dataset, view_at(as_of))
    found = []
    for initiative in dataset.initiatives.values():
        if filters.track and initiative.track != filters.track:
            continue
        if filters.owner and initiative.owner != filters.owner:
            continue
        if filters.unit and filters.unit not in initiative.units:
            continue
        if filters.status and initiative.status != filters.status:
            continue
        if filters.body and not any(
            dataset.meetings[m].body == filters.body for m in discussed_in(dataset, initiative.id)
        ):
            continue
        if (filters.first or filters.last) and not _in_window(
            filters.first, filters.last, state.span_start(initiative), state.span_end(initiative)
        ):
            continue
        found.append(initiative)
    return sorted(found, key=lambda i: danish_sort_key(i.title))


def list_meetings(dataset: Dataset, filters: Filters, as_of: date | None = None) -> list[Meeting]:
    """Meetings matching every filter, by date. Initiative filters keep meetings about them.
    As they stood, and were known, on ``as_of`` when given (else as recorded)."""
    if as_of is not None:
        from udvikling.journal import plan_at, view_at

        dataset = plan_at(dataset, view_at(as_of))
    wanted: set[str] | None = None
    if filters.track or filters.owner or filters.unit or filters.status:
        plain = Filters(filters.track, filters.owner, filters.unit, filters.status)
        wanted = {i.id for i in list_initiatives(dataset, plain)}
    found = []
    for meeting in sorted(dataset.meetings.values(), key=meeting_order):
        if filters.body and meeting.body != filters.body:
            continue
        end = meeting.date.end
        if (filters.first and end < filters.first) or (filters.last and end > filters.last):
            continue
        if wanted is not None and not (_concerns(dataset, meeting) & wanted):
            continue
        found.append(meeting)
    return found


def list_reports(dataset: Dataset, filters: Filters, as_of: date | None = None) -> list[Report]:
    """Issued reports (known on ``as_of`` when given) whose date ends in the window, by date."""
    if as_of is not None:
        from udvikling.journal import plan_at, view_at

        dataset = plan_at(dataset, view_at(as_of))
    found = []
    for report in dataset.reports.values():
        end = report.date.end
        if (filters.first and end < filters.first) or (filters.last and end > filters.last):
            continue
        found.append(report)
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
    unreported: state.NoNews | None = None
    completion: state.Completion | None = None
    documents: dict[str, str] = field(default_factory=dict)  # reported_in id -> Danish name


@dataclass(frozen=True, slots=True)
class MeetingView:
    """One meeting with its body's name, its items' initiatives and its milestones."""

    meeting: Meeting
    line: MeetingLine
    body: Reference
    initiatives: dict[str, Reference] = field(default_factory=dict)
    milestones: tuple[MilestoneLine, ...] = ()


def _ref(table: Mapping[str, object], key: str | None, attr: str) -> Reference:
    if key is None:
        from udvikling.types import UNKNOWN

        return Reference("", UNKNOWN)
    found = table.get(key)
    return Reference(key, getattr(found, attr) if found is not None else None)


def known_ids(dataset: Dataset, as_of: date) -> tuple[set[str], set[str]]:
    """The initiatives and meetings that were part of the plan on ``as_of``."""
    from udvikling.journal import plan_at, view_at

    plan = plan_at(dataset, view_at(as_of))
    return set(plan.initiatives), set(plan.meetings)


def show_initiative(dataset: Dataset, initiative_id: str, as_of: date) -> InitiativeView:
    """The initiative ``initiative_id`` as it stood, and was known, on ``as_of`` (it must be
    part of the plan then, see :func:`known_ids`)."""
    from udvikling.journal import plan_at, view_at

    return initiative_view(plan_at(dataset, view_at(as_of)), initiative_id, as_of)


def initiative_view(
    plan: Dataset, initiative_id: str, as_of: date, links: Links | None = None
) -> InitiativeView:
    """:func:`show_initiative` on a plan already taken as it stood on ``as_of`` (by
    :func:`udvikling.journal.plan_at`), for callers that show many records of it (and pass
    the plan's :class:`Links`, found once)."""
    from udvikling.danish import danish_sort_key

    dataset = plan
    initiative = dataset.initiatives[initiative_id]
    config = dataset.config
    initiatives: Mapping[str, object] = dataset.initiatives  # not copied: once per page
    needing = (
        links.needed_by.get(initiative_id, ())
        if links is not None
        else (i for i in dataset.initiatives.values() if initiative_id in i.depends_on)
    )
    needed = sorted(needing, key=lambda i: danish_sort_key(i.title))
    return InitiativeView(
        initiative=initiative,
        track=_ref(dict(config.tracks), initiative.track, "name"),
        owner=_ref(dict(config.owners), initiative.owner, "name"),
        units=tuple(_ref(dict(config.units), u, "name") for u in initiative.units),
        beacons=tuple(_ref(dict(config.beacons), b, "name") for b in initiative.beacons),
        milestones=tuple(
            milestone_line(dataset, initiative, m, as_of) for m in initiative.milestones
        ),
        depends_on=tuple(_ref(initiatives, d, "title") for d in initiative.depends_on),
        needed_by=tuple(Reference(i.id, i.title) for i in needed),
        meetings=tuple(
            meeting_line(dataset, dataset.meetings[m], as_of)
            for m in discussed_in(dataset, initiative_id, links)
        ),
        days_late=state.days_late(initiative, as_of),
        as_of=as_of,
        unreported=state.unreported(initiative, as_of),
        completion=state.completion(initiative),
        documents=document_names(dataset, initiative),
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


def show_meeting(dataset: Dataset, meeting_id: str, as_of: date) -> MeetingView:
    """The meeting ``meeting_id`` as known on ``as_of`` (it must be part of the plan then)."""
    from udvikling.journal import plan_at, view_at

    return meeting_detail(plan_at(dataset, view_at(as_of)), meeting_id, as_of)


def meeting_detail(
    plan: Dataset, meeting_id: str, as_of: date, links: Links | None = None
) -> MeetingView:
    """:func:`show_meeting` on a plan already taken as it stood on ``as_of`` (``links``: the
    plan's :class:`Links`, for callers that show many meetings of it)."""
    dataset = plan
    meeting = dataset.meetings[meeting_id]
    initiatives: Mapping[str, object] = dataset.initiatives  # not copied: once per page
    ids = sorted({i for item in meeting.items for i in item.initiatives})
    held = (
        links.milestones_at.get(meeting_id, ())
        if links is not None
        else (
            (initiative, m)
            for initiative in dataset.initiatives.values()
            for m in initiative.milestones
            if m.meeting == meeting_id
        )
    )
    milestones = tuple(milestone_line(dataset, initiative, m, as_of) for initiative, m in held)
    return MeetingView(
        meeting=meeting,
        line=meeting_line(dataset, meeting, as_of),
        body=_ref(dict(dataset.config.bodies), meeting.body, "name"),
        initiatives={i: _ref(initiatives, i, "title") for i in ids},
        milestones=milestones,
    )
