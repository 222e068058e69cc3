"""What each document template gets to see: plain dicts built from the dataset.

The dates follow :mod:`udvikling.state`; nothing here reads the clock. Confidential
initiatives (and closed agenda items) are removed by :func:`public_view` before any context
is built, unless the caller asks for them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from udvikling import state
from udvikling.danish import danish_sort_key
from udvikling.errors import UsageError
from udvikling.journal import View
from udvikling.load import Dataset
from udvikling.model import AgendaItem, Indicator, Initiative, Meeting, Update
from udvikling.render.markdown import Md
from udvikling.reports.common import body_name, owner_name
from udvikling.reports.overdue import build_overdue
from udvikling.types import level_label, status_label

# The variables each template may use (``udv render --check`` reports any other).
COMMON_KEYS = frozenset({"organisation", "proces", "omraade", "sagsnr", "dato"})
NOTAT_KEYS = COMMON_KEYS | {
    "titel",
    "indledning",
    "forrige",
    "spor",
    "kommende",
    "kommende_moeder",
    "forsinkede",
    "forsinkede_milepaele",
    "uden_status",
    "pejlemaerker",
    "bilag",
}
PROCESPLAN_KEYS = COMMON_KEYS | {"titel", "spor", "moeder", "tidslinje"}
SAGSFREMSTILLING_KEYS = COMMON_KEYS | {"moede", "punkt", "nummer", "organ", "sagsgang"}
PAGE_KEYS = frozenset({"titel", "organisation", "stylesheet", "body", "sprog"})

UPCOMING_DAYS = 366


def public_view(dataset: Dataset, include_confidential: bool) -> Dataset:
    """The dataset without confidential initiatives and closed agenda items."""
    if include_confidential:
        return dataset
    initiatives = {k: v for k, v in dataset.initiatives.items() if not v.confidential}
    hidden = set(dataset.initiatives) - set(initiatives)
    meetings: dict[str, Meeting] = {}
    for key, meeting in dataset.meetings.items():
        items = tuple(
            item.model_copy(
                update={"initiatives": tuple(i for i in item.initiatives if i not in hidden)}
            )
            for item in meeting.items
            if item.public
        )
        meetings[key] = meeting.model_copy(update={"items": items})
    return replace(dataset, initiatives=initiatives, meetings=meetings)


def _common(dataset: Dataset, at: date) -> dict[str, Any]:
    config = dataset.config
    return {
        "organisation": config.organisation,
        "proces": config.process,
        "omraade": config.department or "",
        "sagsnr": config.case_no or "",
        "dato": at,
    }


def _track_order(dataset: Dataset) -> list[str]:
    return list(dataset.config.tracks)


def _sorted_initiatives(items: list[Initiative]) -> list[Initiative]:
    def key(initiative: Initiative) -> tuple[date, tuple[str, str]]:
        first = state.span_start(initiative) or date.max
        return first, danish_sort_key(initiative.title)

    return sorted(items, key=key)


def _meeting_sort(meeting: Meeting) -> tuple[date, date, str]:
    return meeting.date.end, meeting.date.start, meeting.id


def _body_name(dataset: Dataset, body: str) -> str:
    """The body's full name (``body_name`` gives the short one, e.g. VPU)."""
    found = dataset.config.bodies.get(body)
    return found.name if found is not None else body


def _meeting_dict(dataset: Dataset, meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.id,
        "titel": meeting.title,
        "dato": meeting.date,
        "organ": _body_name(dataset, meeting.body),
        "organ_kort": body_name(dataset, meeting.body),
        "type": meeting.kind,
    }


# -- the status note -----------------------------------------------------------------------


def previous_status(dataset: Dataset, before: date) -> Meeting | None:
    """The latest status meeting held before ``before``: the previous status report."""
    held = [
        m
        for m in dataset.meetings.values()
        if m.kind == "status" and m.date.end < before and state.is_held(m, before) is True
    ]
    return max(held, key=_meeting_sort) if held else None


def _news(initiative: Initiative, view: View, previous: Meeting | None) -> list[Update]:
    """The initiative's journal entries with prose that are new since the previous status:
    known in ``view`` and not yet known at the previous status meeting."""
    from udvikling.journal import entry_order, is_known, meeting_view

    before = meeting_view(previous) if previous is not None else None
    fresh = [
        (index, entry)
        for index, entry in enumerate(initiative.updates)
        if entry.text
        and is_known(entry, view)
        and not (
            before is not None and (is_known(entry, before) or entry.reported_in == before.document)
        )
    ]
    return [entry for _, entry in sorted(fresh, key=entry_order)]


def notat_context(dataset: Dataset, view: View, meeting: Meeting | None = None) -> dict[str, Any]:
    """The status note in ``view`` (for ``meeting``, when it is written for one)."""
    from udvikling.journal import plan_at

    plan = plan_at(dataset, view)
    at = view.at
    config = plan.config
    previous = previous_status(plan, at if meeting is None else meeting.date.start)
    tracks = []
    for track_id in _track_order(plan):
        members = [i for i in plan.initiatives.values() if i.track == track_id]
        with_news = []
        quiet = []
        for initiative in _sorted_initiatives(members):
            news = _news(initiative, view, previous)
            if news:
                with_news.append(
                    {
                        "id": initiative.id,
                        "titel": initiative.title,
                        "status": status_label(initiative.status),
                        "ansvarlig": owner_name(plan, initiative.owner),
                        "opdateringer": [
                            {"dato": u.date, "om": u.concerns, "tekst": u.text} for u in news
                        ],
                    }
                )
            elif state.span_start(initiative) is not None and state.is_active(
                initiative, _day_period(at)
            ):
                quiet.append(initiative.title)
        if with_news or quiet:
            tracks.append(
                {
                    "id": track_id,
                    "navn": config.tracks[track_id].name,
                    "tiltag": with_news,
                    "uden_nyt": quiet,
                }
            )

    upcoming = []
    horizon = at + timedelta(days=UPCOMING_DAYS)
    for initiative in plan.initiatives.values():
        for milestone in initiative.milestones:
            due = state.milestone_due(milestone, plan.meetings)
            if due is None or state.milestone_done(milestone, at, plan.meetings, initiative):
                continue
            if initiative.status in state.CLOSED_STATUSES:
                continue
            if at < due.late_from and due.start <= horizon:
                upcoming.append((due, initiative, milestone.title))
        start = initiative.start
        if (
            start is not None
            and at < start.start <= horizon
            and initiative.status not in state.NEVER_ACTIVE
        ):
            upcoming.append((start, initiative, "Iværksættelse"))
    upcoming.sort(key=lambda t: (t[0].end, t[0].start, danish_sort_key(t[1].title)))

    meetings = sorted(
        (m for m in plan.meetings.values() if m.date.start > at and m.date.start <= horizon),
        key=_meeting_sort,
    )

    # What is late is decided once, by the overdue report (the same as `udv overdue`).
    overdue = build_overdue(dataset, at, view)
    late: list[dict[str, Any]] = [
        {
            "titel": item.title,
            "frist": item.due,
            "dage": item.days_late,
            "ansvarlig": item.owner_name or owner_name(plan, None),
            "status": status_label(plan.initiatives[item.id].status),
        }
        for item in overdue.of_kind("initiative")
    ]
    late_milestones: list[dict[str, Any]] = [
        {
            "tiltag": plan.initiatives[item.initiative].title if item.initiative else "",
            "milepael": item.title,
            "frist": item.due,
            "dage": item.days_late,
        }
        for item in overdue.of_kind("milestone")
    ]
    unreported: list[dict[str, Any]] = [
        {
            "tiltag": plan.initiatives[item.initiative].title if item.initiative else "",
            "hvad": "tiltaget" if item.kind == "initiative" else item.title,
            "frist": item.due,
            "siden": item.last_report,
        }
        for item in overdue.unreported
    ]
    late.sort(key=lambda row: (-row["dage"], danish_sort_key(row["titel"])))
    late_milestones.sort(key=lambda row: (-row["dage"], danish_sort_key(row["tiltag"])))

    beacons = []
    for beacon_id, beacon in config.beacons.items():
        titles = sorted(
            (i.title for i in plan.initiatives.values() if beacon_id in i.beacons),
            key=danish_sort_key,
        )
        beacons.append({"id": beacon_id, "navn": beacon.name, "tiltag": titles})

    appendices = [
        indicator_table(plan, indicator)
        for indicator in sorted(plan.indicators.values(), key=lambda i: (i.date.end, i.id))
    ]

    context = _common(plan, meeting.date.start if meeting is not None else at)
    context.update(
        {
            "titel": f"Status på {config.process[:1].lower()}{config.process[1:]}",
            "indledning": _introduction(meeting),
            "forrige": _meeting_dict(plan, previous) if previous else None,
            "spor": tracks,
            "kommende": [
                {"periode": p, "tiltag": i.title, "hvad": what} for p, i, what in upcoming
            ],
            "kommende_moeder": [_meeting_dict(plan, m) for m in meetings],
            "forsinkede": late,
            "forsinkede_milepaele": late_milestones,
            "uden_status": unreported,
            "pejlemaerker": beacons,
            "bilag": appendices,
        }
    )
    return context


def _day_period(at: date) -> Any:
    from udvikling.periods import day_period

    return day_period(at)


def _introduction(meeting: Meeting | None) -> str | None:
    if meeting is None:
        return None
    for item in meeting.items:
        if item.summary:
            return item.summary
    return None


def indicator_table(dataset: Dataset, indicator: Indicator) -> dict[str, Any]:
    """An indicator as a table: value and computed share per unit, and the totals.

    Shares are each value's part of the sum of its column (so a column adds up to 100 %);
    the total row shows the stated total where the data has one, else the sum.
    """
    sums: dict[str, Decimal] = {}
    for column in indicator.columns:
        sums[column.unit] = sum(
            (row.values.get(column.unit, Decimal(0)) for row in indicator.rows), Decimal(0)
        )
    rows = []
    for row in indicator.rows:
        cells = []
        for column in indicator.columns:
            value = row.values.get(column.unit)
            total = sums[column.unit]
            share = value / total if value is not None and total else None
            cells.append({"vaerdi": value, "andel": share})
        rows.append({"kategori": row.category, "celler": cells})
    totals = [
        {"vaerdi": indicator.totals.get(c.unit, sums[c.unit]), "andel": Decimal(1)}
        for c in indicator.columns
    ]
    return {
        "id": indicator.id,
        "titel": indicator.title,
        "dato": indicator.date,
        "maal": indicator.measure,
        "kolonner": [{"navn": c.label, "note": c.note or ""} for c in indicator.columns],
        "raekker": rows,
        "total": totals,
        "fodnoter": list(indicator.footnotes),
    }


# -- the time and process plan -------------------------------------------------------------


def implementation_text(dataset: Dataset, initiative: Initiative) -> str:
    """The Iværksættelse column: start, end, and the dated milestones."""
    start = initiative.start.danish() if initiative.start else None
    due = initiative.due
    if initiative.ongoing:
        main = f"{start}, løbende" if start else "Løbende"
    elif initiative.due_period is not None:
        end = initiative.due_period.danish()
        main = f"{start} – {end}" if start and start != end else (start or f"Frem til {end}")
    else:
        main = start or ("Ikke fastlagt" if due is None else str(due))
    parts = [main[:1].upper() + main[1:]]
    for milestone in initiative.milestones:
        when = state.milestone_due(milestone, dataset.meetings)
        label = when.danish() if when else "uden dato"
        parts.append(f"{label}: {milestone.title}")
    if len(parts) == 1:
        return f"{parts[0]}."
    return f"{parts[0]}. Milepæle: {'; '.join(parts[1:])}."


def procesplan_context(dataset: Dataset, view: View, timeline: str | None = None) -> dict[str, Any]:
    """The time and process plan as it stood in ``view``: a table per track, the meetings
    and the timeline."""
    from udvikling.journal import plan_at

    dataset = plan_at(dataset, view)
    at = view.at
    config = dataset.config
    tracks = []
    for track_id in _track_order(dataset):
        members = _sorted_initiatives(
            [i for i in dataset.initiatives.values() if i.track == track_id]
        )
        if not members:
            continue
        tracks.append(
            {
                "id": track_id,
                "navn": config.tracks[track_id].name,
                "raekker": [
                    {
                        "tiltag": i.title,
                        "ivaerksaettelse": implementation_text(dataset, i),
                        "ansvarlig": owner_name(dataset, i.owner),
                        "niveau": level_label(i.level),
                        "status": status_label(i.status),
                    }
                    for i in members
                ],
            }
        )
    meetings = sorted(dataset.meetings.values(), key=_meeting_sort)
    context = _common(dataset, at)
    context.update(
        {
            "titel": f"{config.process}: Tids- og procesplan",
            "spor": tracks,
            "moeder": [_meeting_dict(dataset, m) for m in meetings],
            "tidslinje": Md(timeline) if timeline else None,
        }
    )
    return context


# -- the agenda item -----------------------------------------------------------------------


def find_item(meeting: Meeting, number: int | None) -> tuple[int, AgendaItem]:
    """The agenda item numbered ``number`` (1 first); the only one when not given."""
    if not meeting.items:
        raise UsageError(
            f"Mødet {meeting.id} har ingen (åbne) dagsordenspunkter.",
            "Tilføj punkter under items i mødets fil, eller brug --include-confidential "
            "for lukkede punkter.",
        )
    if number is None:
        if len(meeting.items) > 1:
            raise UsageError(
                f"Mødet {meeting.id} har {len(meeting.items)} punkter.",
                "Vælg et med --item, fx --item 1.",
            )
        return 1, meeting.items[0]
    if not 1 <= number <= len(meeting.items):
        raise UsageError(
            f"Mødet {meeting.id} har ikke et punkt {number}.",
            f"Vælg et tal fra 1 til {len(meeting.items)}.",
        )
    return number, meeting.items[number - 1]


def sagsfremstilling_context(
    dataset: Dataset, meeting: Meeting, number: int | None
) -> dict[str, Any]:
    """One agenda item of ``meeting`` (with its decision once it has been made) as the
    context of the agenda item template."""
    index, item = find_item(meeting, number)
    route = item.route or (meeting.body,)
    context = _common(dataset, meeting.date.start)
    context.update(
        {
            "moede": {
                **_meeting_dict(dataset, meeting),
                "sagsnr": meeting.case_no or "",
                "fravaerende": list(meeting.absent),
                "bilag": list(meeting.attachments),
            },
            "punkt": {
                "titel": item.title,
                "sagsfremstilling": item.summary,
                "politikker": item.policies,
                "oekonomi": item.economy,
                "lovgrundlag": item.legal_basis,
                "indstilling": item.recommendation,
                "beslutning": item.decision,
                "bemaerkninger": item.remarks,
                "bilag": list(item.attachments),
                "aaben": item.public,
                "tiltag": [
                    dataset.initiatives[i].title
                    for i in item.initiatives
                    if i in dataset.initiatives
                ],
            },
            "nummer": index,
            "organ": _body_name(dataset, meeting.body),
            "sagsgang": [body_name(dataset, b) for b in route],
        }
    )
    return context
