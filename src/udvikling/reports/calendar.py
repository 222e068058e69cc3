"""``udv calendar``: the meetings (and optionally milestones) as an iCalendar file.

Every event has a stable UID, ``<meeting id>@udv.<organisation slug>``, so importing the file
again into Outlook updates the events instead of adding them twice. Milestones get
``<initiative id>.milepael.<key>@udv.<organisation slug>``, where the key is the milestone's
own ``id`` or else a slug of its title (see :func:`milestone_keys`): never its position nor
its deadline, so reordering milestones, inserting one (of the same title too) or moving a
deadline leaves every other milestone's event alone and updates its own.

The calendar shows the plan as it stood on a day (``--as-of``, default today): meetings
planned by then, decisions only of meetings held by then, milestones that were part of the
plan. A cancelled meeting is ``STATUS:CANCELLED`` and its summary begins "Aflyst:"; a meeting
whose date has passed with nothing recording that it was held is ``TENTATIVE`` and says so;
a reached milestone says how, by the same rule as ``udv show``. Dates are all-day events.
A meeting known only to a coarser period (``primo uge 15 2023``,
``1. kvartal 2024``) becomes one all-day event spanning every day of that period, and its
summary ends in ``(dato tilnærmet)`` and its description says which period it is. A
milestone is placed on the last day of its due period (its deadline), described with the
period. Closed agenda items (``public: false``) appear only as "Lukket punkt", and milestones
of confidential initiatives are left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from udvikling.load import Dataset
from udvikling.reports.common import body_name, meeting_order

if TYPE_CHECKING:
    from udvikling.model import Meeting, Milestone
    from udvikling.reports.ics import Property

# What the data says of a meeting, as iCalendar's event status: a cancelled meeting is
# CANCELLED (Outlook shows it struck through), one whose date has passed with nothing saying
# it was held is TENTATIVE.
EVENT_STATUS = {
    "planned": "CONFIRMED",
    "held": "CONFIRMED",
    "cancelled": "CANCELLED",
    "unconfirmed": "TENTATIVE",
}


def organisation_slug(dataset: Dataset) -> str:
    """``norddjurs-kommune``: the organisation's name as a slug, for UIDs."""
    from udvikling.rules.ids import slugify

    return slugify(dataset.config.organisation) or "organisation"


def milestone_keys(milestones: Sequence[Milestone], meetings: dict[str, Meeting]) -> list[str]:
    """A key for each milestone that depends on the milestone alone: not on its place, not
    on its deadline, not on other milestones added later.

    The explicit ``id`` where there is one, else a slug of the title. Of milestones without
    an id that share a title, the one that came into the plan first keeps the bare slug and
    the later ones get ``-2``, ``-3`` (:func:`udvikling.chrono.arrival_order`: by ``since``,
    then deadline, then place in the file). So adding a milestone of the same title, with a
    ``since`` or a later deadline, and moving a deadline (unless past another milestone of
    the same title) leave every event's UID as it was; an ``id`` makes it certain.
    """
    from udvikling.chrono import arrival_order
    from udvikling.rules.ids import slugify

    base = [m.id or slugify(m.title) or "milepael" for m in milestones]
    keys = list(base)
    rank: Counter[str] = Counter()
    for position in arrival_order(milestones, meetings):
        if milestones[position].id is None:
            rank[base[position]] += 1
            if rank[base[position]] > 1:
                keys[position] = f"{base[position]}-{rank[base[position]]}"
    # An explicit id may equal a key made for another milestone: the later one in the file
    # gets a further number (ids are unique within an initiative, so this is rare).
    seen: Counter[str] = Counter()
    unique = []
    for key in keys:
        seen[key] += 1
        unique.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return unique


def build_calendar(
    dataset: Dataset,
    *,
    milestones: bool,
    stamp: datetime,
    as_of: date | None = None,
    notice: str | None = None,
) -> bytes:
    """The iCalendar file as bytes, for the plan as it stood and was known on ``as_of``
    (default: the day of ``stamp``): meetings planned by then, decisions only of meetings
    held by then, a cancelled meeting as ``STATUS:CANCELLED``; ``stamp`` (UTC) is every
    event's DTSTAMP."""
    from udvikling.reports import ics

    head, events = calendar_properties(
        dataset, milestones=milestones, stamp=stamp, as_of=as_of, notice=notice
    )
    return ics.calendar(head, events)


def calendar_properties(
    dataset: Dataset,
    *,
    milestones: bool,
    stamp: datetime,
    as_of: date | None = None,
    notice: str | None = None,
) -> tuple[list[Property], list[list[Property]]]:
    """What :func:`build_calendar` writes: the calendar's properties and each event's, in
    the order they are written (icalendar's order, which the file had when icalendar wrote
    it: the calendar's and the event's leading properties in the standard's order, then the
    rest alphabetically)."""
    from udvikling.chrono import OUTCOME_LABELS, stand, view_at
    from udvikling.danish import format_date
    from udvikling.reports.common import milestone_lines, reached_text

    standing = stand(dataset, view_at(as_of or stamp.date(), clock=stamp.date()))
    dataset = standing.plan

    org = organisation_slug(dataset)
    head: list[Property] = [
        ("VERSION", "2.0"),
        ("PRODID", f"-//udv//{dataset.config.organisation}//DA"),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
    ]
    if notice:
        # Data with errors was left out (--allow-errors): the calendar says so where a
        # calendar program shows it.
        head.append(("X-WR-CALDESC", notice))
    head.append(("X-WR-CALNAME", f"{dataset.config.process}: møder"))
    events: list[list[Property]] = []
    for meeting in sorted(dataset.meetings.values(), key=meeting_order):
        outcome = standing.outcome(meeting)
        approximate = meeting.date.grain != "day"
        label = body_name(dataset, meeting.body)
        summary = f"{label}: {meeting.title}"
        if approximate:
            summary += " (dato tilnærmet)"
        if outcome == "cancelled":
            summary = f"Aflyst: {summary}"
        lines = [
            "Det er ikke bekræftet, at mødet blev holdt."
            if outcome == "unconfirmed"
            else f"Mødet er {OUTCOME_LABELS[outcome]}."
        ]
        if approximate:
            lines.append(
                f"Dato tilnærmet: {meeting.date.danish()} ({meeting.date.span_danish()}). "
                "Den præcise dato kendes ikke."
            )
        body = dataset.config.bodies.get(meeting.body)
        lines.append(f"Organ: {body.name if body else meeting.body}")
        lines.append(f"Type: {meeting.kind}")
        if meeting.case_no:
            lines.append(f"Sagsnr.: {meeting.case_no}")
        for number, item in enumerate(meeting.items, start=1):
            if not item.public:
                lines.append(f"{number}. Lukket punkt")
                continue
            lines.append(f"{number}. {item.title}")
            if item.decision:
                lines.append(f"   Beslutning: {' '.join(item.decision.split())}")
        lines.append(f"udv-id: {meeting.id}")
        events.append(
            [
                ("SUMMARY", summary),
                ("DTSTART", meeting.date.start),
                # DTEND of an all-day event is exclusive: the day after the period's last day
                ("DTEND", meeting.date.late_from),
                ("DTSTAMP", stamp),
                ("UID", f"{meeting.id}@udv.{org}"),
                ("CATEGORIES", (label,)),
                ("DESCRIPTION", "\n".join(lines)),
                ("STATUS", EVENT_STATUS[outcome]),
                ("TRANSP", "TRANSPARENT"),
            ]
        )
    if milestones:
        for initiative in sorted(dataset.initiatives.values(), key=lambda i: i.id):
            if initiative.confidential:
                continue
            keys = milestone_keys(initiative.milestones, dataset.meetings)
            lines_of = milestone_lines(standing, initiative)
            for key, line in zip(keys, lines_of, strict=True):
                due = line.due
                if due is None:
                    continue
                summary = f"Milepæl: {line.title} ({initiative.title})"
                if line.reached is not None:
                    summary = f"Nået: {line.title} ({initiative.title})"
                text = [f"Frist: {due.danish()} (senest {format_date(due.end)})."]
                if line.reached is not None:
                    reached = line.reached_text or reached_text(line.reached)
                    text.append(f"{reached[:1].upper()}{reached[1:]}.")
                text.append(f"udv-id: {initiative.id}")
                events.append(
                    [
                        ("SUMMARY", summary),
                        ("DTSTART", due.end),
                        ("DTEND", due.late_from),
                        ("DTSTAMP", stamp),
                        ("UID", f"{initiative.id}.milepael.{key}@udv.{org}"),
                        ("CATEGORIES", ("Milepæl",)),
                        ("DESCRIPTION", "\n".join(text)),
                        ("TRANSP", "TRANSPARENT"),
                    ]
                )
    return head, events
