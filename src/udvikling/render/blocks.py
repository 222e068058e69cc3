"""A report's sections filled from the plan as it stood: each block as a plain dict.

A report (``data/reports/<id>.yaml``, or the default one of :mod:`udvikling.render.defaults`)
lists sections of blocks; here each block becomes what its template needs, computed from
the plan as it stood in the report's view (:func:`udvikling.journal.plan_at`). Nothing here
reads the clock or filters dates by itself: what is new, late or coming comes from the
journal, :mod:`udvikling.state` and the overdue report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from udvikling import state
from udvikling.danish import SortKey, danish_sort_key
from udvikling.journal import View, entry_order, is_known, meeting_view
from udvikling.load import Dataset
from udvikling.model import Initiative, Meeting, Update
from udvikling.model_report import Block, PlanGroup, Report
from udvikling.render.markdown import Md
from udvikling.render.records import indicator_table, meeting_dict, meeting_sort
from udvikling.reports.common import owner_name
from udvikling.reports.overdue import build_overdue
from udvikling.types import level_label, status_label

UPCOMING_DAYS = 366

News = Callable[[Initiative], list[Update]]
"""Which journal entries of an initiative a document reports."""


@dataclass(frozen=True, slots=True)
class Filling:
    """What a report is filled from: the plan as it stood, its view and what is news."""

    plan: Dataset
    view: View
    news: News
    timeline: str | None = None
    full: Dataset | None = None  # the plan as written (the overdue report computes its view)


# -- what is news ---------------------------------------------------------------------------


def previous_status(dataset: Dataset, before: date) -> Meeting | None:
    """The latest status meeting held before ``before``: the previous status report."""
    held = [
        m
        for m in dataset.meetings.values()
        if m.kind == "status" and m.date.end < before and state.is_held(m, before) is True
    ]
    return max(held, key=meeting_sort) if held else None


def news_since(view: View, previous: Meeting | None) -> News:
    """Entries with prose known in ``view`` and not yet known at the ``previous`` status."""
    before = meeting_view(previous) if previous is not None else None

    def pick(initiative: Initiative) -> list[Update]:
        fresh = [
            (index, entry)
            for index, entry in enumerate(initiative.updates)
            if entry.text
            and is_known(entry, view)
            and not (before is not None and is_known(entry, before))
        ]
        return [entry for _, entry in sorted(fresh, key=entry_order)]

    return pick


def news_reported_in(document: str) -> News:
    """The entries with prose reported in ``document`` (a report or a meeting)."""

    def pick(initiative: Initiative) -> list[Update]:
        found = [(i, u) for i, u in enumerate(initiative.updates) if u.reported_in == document]
        return [u for _, u in sorted(found, key=entry_order) if u.text]

    return pick


# -- blocks ---------------------------------------------------------------------------------


def _parts(initiative: Initiative, show: tuple[str, ...], news: News) -> list[str]:
    """The texts shown for one initiative, in the order ``show`` asks for them."""
    parts: list[str] = []
    for what in show:
        if what == "title":
            parts.append(initiative.title)
        elif what == "description" and initiative.description:
            parts.append(initiative.description)
        elif what == "timing":
            timing = initiative.timing or implementation_text(initiative)
            if timing:
                parts.append(timing)
        elif what == "responsibility" and initiative.responsibility:
            parts.append(initiative.responsibility)
        elif what == "updates":
            parts.extend(u.text for u in news(initiative) if u.text)
    return parts


def _list_item(initiative: Initiative, show: tuple[str, ...], news: News) -> str:
    """One bullet: the shown texts joined by a dash, or the title when nothing is shown."""
    parts = _parts(initiative, show, news)
    return " – ".join(" ".join(p.split()) for p in parts) if parts else initiative.title


def _separate(plan: Dataset, initiative: Initiative) -> bool:
    track = plan.config.tracks.get(initiative.track)
    return track is not None and track.separate


def by_start(items: list[Initiative]) -> list[Initiative]:
    def key(initiative: Initiative) -> tuple[date, SortKey]:
        first = state.span_start(initiative) or date.max
        return first, danish_sort_key(initiative.title)

    return sorted(items, key=key)


def _track_paragraphs(fill: Filling, tracks: tuple[str, ...]) -> list[dict[str, Any]]:
    """Each initiative of ``tracks`` with news: its title as a lead-in and its texts."""
    out: list[dict[str, Any]] = []
    for track in tracks:
        members = [i for i in fill.plan.initiatives.values() if i.track == track]
        for initiative in by_start(members):
            texts = [u.text for u in fill.news(initiative) if u.text]
            if texts:
                out.append({"fremhaevet": initiative.title, "tekster": texts})
    return out


def _plan_rows(fill: Filling, groups: tuple[PlanGroup, ...]) -> list[dict[str, Any]]:
    out = []
    for group in groups:
        rows = []
        for key in group.initiatives:
            initiative = fill.plan.initiatives.get(key)
            if initiative is None:
                continue  # not (yet) part of the plan in this view
            rows.append(plan_row(fill.plan, initiative))
        if rows:
            out.append({"overskrift": group.heading, "raekker": rows})
    return out


def sentences(*parts: str | None) -> str:
    """Texts joined as sentences: each but the last ends with a full stop (or its own
    ``.:!?``); a single text stays as it is written."""
    texts = [" ".join(p.split()) for p in parts if p and p.strip()]
    out = [t if t[-1] in ".:!?" else f"{t}." for t in texts[:-1]]
    return " ".join([*out, *texts[-1:]])


def plan_row(plan: Dataset, initiative: Initiative) -> dict[str, Any]:
    """One row of the process plan: Tiltag, Iværksættelse, Ansvarlig, Niveau."""
    owner = owner_name(plan, initiative.owner) if initiative.owner else None
    timing = initiative.timing or implementation_text(initiative)
    return {
        "tiltag": sentences(initiative.title, initiative.description),
        "ivaerksaettelse": timing[:1].upper() + timing[1:],
        "ansvarlig": sentences(owner, initiative.responsibility),
        "niveau": level_label(initiative.level) if initiative.level else "",
        "status": status_label(initiative.status) if initiative.status else "",
    }


def implementation_text(initiative: Initiative) -> str:
    """When an initiative is implemented, from its dates, when the plan has no words for it:
    ``1. halvår 2023 – 2. kvartal 2024``, ``1. halvår 2023, løbende``; empty when no date
    is known (nothing is said that no source gives)."""
    start = initiative.start.danish() if initiative.start else None
    due = initiative.due_period
    if initiative.ongoing:
        return f"{start}, løbende" if start else "Løbende"
    if due is not None:
        end = due.danish()
        return f"{start} – {end}" if start and start != end else (start or f"Frem til {end}")
    return start or ""


def _upcoming(fill: Filling) -> dict[str, Any]:
    plan, at = fill.plan, fill.view.at
    horizon = at + timedelta(days=min(UPCOMING_DAYS, (date.max - at).days))
    upcoming: list[tuple[Any, Initiative, str]] = []
    for initiative in plan.initiatives.values():
        if _separate(plan, initiative) or initiative.status in state.CLOSED_STATUSES:
            continue
        for milestone in initiative.milestones:
            due = state.milestone_due(milestone, plan.meetings)
            if due is None or state.milestone_done(milestone, at, plan.meetings, initiative):
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
        (
            m
            for m in plan.meetings.values()
            if at < m.date.start <= horizon and m.id != fill.view.hide_outcome
        ),
        key=meeting_sort,
    )
    return {
        "art": "kommende",
        "punkter": [{"periode": p, "tiltag": i.title, "hvad": what} for p, i, what in upcoming],
        "moeder": [meeting_dict(plan, m) for m in meetings],
    }


def _late(fill: Filling) -> dict[str, Any]:
    """What is late, and what has no news since its deadline, from the overdue report."""
    plan = fill.plan
    overdue = build_overdue(fill.full or plan, fill.view.at, fill.view, stood=plan)

    def shown(initiative_id: str | None) -> bool:
        found = plan.initiatives.get(initiative_id or "")
        return found is not None and not _separate(plan, found)

    late = [
        {
            "titel": item.title,
            "frist": item.due,
            "dage": item.days_late,
            "ansvarlig": item.owner_name or owner_name(plan, None),
        }
        for item in overdue.of_kind("initiative")
        if shown(item.initiative)
    ]
    milestones = [
        {
            "tiltag": plan.initiatives[item.initiative].title if item.initiative else "",
            "milepael": item.title,
            "frist": item.due,
            "dage": item.days_late,
        }
        for item in overdue.of_kind("milestone")
        if shown(item.initiative)
    ]
    # An initiative with no news since its deadline stands for its milestones too.
    quiet_initiatives = {i.initiative for i in overdue.unreported if i.kind == "initiative"}
    quiet = [
        {
            "tiltag": plan.initiatives[item.initiative].title if item.initiative else "",
            "hvad": "" if item.kind == "initiative" else item.title,
            "frist": item.due,
            "siden": item.last_report,
        }
        for item in overdue.unreported
        if shown(item.initiative)
        and (item.kind == "initiative" or item.initiative not in quiet_initiatives)
    ]
    return {
        "art": "forsinkede",
        "dato": fill.view.at,
        "tiltag": late,
        "milepaele": milestones,
        "uden_status": quiet,
    }


def _beacons(plan: Dataset) -> dict[str, Any]:
    rows = []
    for number, (beacon_id, beacon) in enumerate(plan.config.beacons.items(), start=1):
        titles = sorted(
            (i.title for i in plan.initiatives.values() if beacon_id in i.beacons),
            key=danish_sort_key,
        )
        rows.append({"nummer": number, "navn": beacon.name, "tiltag": titles})
    return {"art": "pejlemaerker", "pejlemaerker": rows}


def resolve(fill: Filling, block: Block) -> dict[str, Any] | None:
    """One block as its template dict; None when there is nothing to show in this view."""
    plan = fill.plan
    kind = block.kind
    if kind == "text":
        return {"art": "tekst", "tekst": block.text}
    if kind == "subheading":
        return {"art": "mellemrubrik", "tekst": block.subheading}
    if kind in ("initiative", "initiatives"):
        keys = (block.initiative,) if block.initiative else (block.initiatives or ())
        found = [plan.initiatives[k] for k in keys if k in plan.initiatives]
        if block.style == "list":
            items = [_list_item(i, block.show, fill.news) for i in found]
            return {"art": "punkter", "punkter": items} if items else None
        paragraphs = [
            {"fremhaevet": None, "tekster": texts}
            for i in found
            if (texts := _parts(i, block.show, fill.news))
        ]
        return {"art": "afsnit", "afsnit": paragraphs} if paragraphs else None
    if kind == "tracks":
        paragraphs = _track_paragraphs(fill, block.tracks or ())
        return {"art": "afsnit", "afsnit": paragraphs} if paragraphs else None
    if kind == "plan":
        groups = _plan_rows(fill, block.plan or ())
        return {"art": "plan", "grupper": groups} if groups else None
    if kind == "upcoming":
        return _upcoming(fill)
    if kind == "late":
        return _late(fill)
    if kind == "meetings":
        meetings = sorted(plan.meetings.values(), key=meeting_sort)
        return {"art": "moeder", "moeder": [meeting_dict(plan, m) for m in meetings]}
    if kind == "timeline":
        return {"art": "tidslinje", "fil": Md(fill.timeline)} if fill.timeline else None
    if kind == "beacons":
        return _beacons(plan)
    tables = [
        indicator_table(plan, plan.indicators[k])
        for k in block.indicators or ()
        if k in plan.indicators
    ]
    return {"art": "tabeller", "tabeller": tables} if tables else None


def sections(fill: Filling, report: Report) -> list[dict[str, Any]]:
    """The report's sections with their blocks filled; a section with nothing to show (in
    this view) is left out, so no empty heading reaches the document."""
    out = []
    appendix = False
    for section in report.sections:
        blocks = [found for block in section.blocks if (found := resolve(fill, block))]
        filled = [b for b in blocks if b["art"] not in ("mellemrubrik",)]
        if filled:
            # The appendices start on a new page ("---" in the template, a page break in Word).
            first_appendix = not appendix and section.heading.startswith("Bilag")
            appendix = appendix or first_appendix
            out.append(
                {
                    "overskrift": section.heading,
                    "blokke": _drop_dangling(blocks),
                    "ny_side": first_appendix,
                }
            )
    return out


def _drop_dangling(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Leave out a subheading with nothing after it before the next subheading."""
    kept: list[dict[str, Any]] = []
    for index, block in enumerate(blocks):
        if block["art"] == "mellemrubrik":
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is None or following["art"] == "mellemrubrik":
                continue
        kept.append(block)
    return kept
