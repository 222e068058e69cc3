"""The front page: the tracks with counts per status, what is late, the next meetings, and
what has changed since the last report.

Counts are of the plan as it stood on the site's day; what is late and unreported is the
overdue report's; the quarter line is the status report's summary. "Since the last report"
is what the journal knows now and did not know when the newest report went out.
"""

from __future__ import annotations

from typing import Any

from udvikling.chrono import Standing
from udvikling.danish import count_noun
from udvikling.load import Dataset
from udvikling.model import Initiative, Update
from udvikling.reports.common import meeting_line
from udvikling.reports.overdue import OverdueReport
from udvikling.site import initiatives, links, meetings
from udvikling.site.choices import STATUS_ORDER
from udvikling.site.progress import Progress
from udvikling.site.reports import LastReport
from udvikling.vocab import status_label

NEXT_MEETINGS = 6
FRONT_ENTRIES = 8  # on the front page; the page of news has the rest
MAX_ENTRIES = 100  # on the page of news (older ones are on the initiatives' pages)


def counts(members: list[Initiative]) -> list[dict[str, Any]]:
    """How many initiatives have each status (statuses with none left out)."""
    out = []
    for status in STATUS_ORDER:
        found = sum(1 for i in members if i.status == status)
        if found:
            out.append(
                {
                    "status": initiatives.status_key(status),
                    "navn": status_label(status),
                    "antal": found,
                    "andel": round(100 * found / len(members), 1),
                }
            )
    return out


def counted(found: Progress) -> dict[str, Any]:
    """A track's or the plan's progress as the templates read it (see site.progress)."""
    return {
        "tekst": found.text(),
        "tiltag": found.initiatives,
        "afsluttet": found.completed,
        "milepaele": found.milestones,
        "naaet": found.reached,
        "statusser": found.status_rows(),
        "milepaele_stand": found.milestone_rows(),
    }


def _track_summary(
    standing: Standing, track_id: str, members: list[Initiative], overdue: OverdueReport
) -> dict[str, Any]:
    from udvikling.site.progress import progress

    plan = standing.plan
    ids = {i.id for i in members}
    late = sum(1 for item in overdue.of_kind("initiative") if item.id in ids)
    quiet = sum(1 for item in overdue.unreported if item.kind == "initiative" and item.id in ids)
    track = plan.config.tracks.get(track_id)
    return {
        "id": track_id,
        "navn": track.name if track is not None else track_id,
        "note": track.note if track is not None else None,
        "url": links.track(track_id),
        "antal": len(members),
        "taelling": counts(members),
        "optaelling": counted(progress(standing, members)),
        "for_sent": late,
        "uoplyst": quiet,
    }


def tracks(standing: Standing, overdue: OverdueReport) -> list[dict[str, Any]]:
    """Every track with initiatives, in the configured order (undeclared tracks last)."""
    plan = standing.plan
    by_track: dict[str, list[Initiative]] = {t: [] for t in plan.config.tracks}
    for initiative in plan.initiatives.values():
        by_track.setdefault(initiative.track, []).append(initiative)
    return [
        _track_summary(standing, track_id, members, overdue)
        for track_id, members in by_track.items()
        if members
    ]


LATE_GROUPS = (
    ("initiative", "Tiltag"),
    ("milestone", "Milepæle"),
    ("meeting", "Møder uden registreret beslutning"),
    ("obligation", "Manglende afrapporteringer"),
)


def late_groups(overdue: OverdueReport) -> list[dict[str, Any]]:
    """What is late by kind (initiatives, milestones, meetings, reporting), most late first."""
    return [
        {"navn": name, "punkter": items}
        for kind, name in LATE_GROUPS
        if (items := late_items(overdue, kind))
    ]


def late_items(overdue: OverdueReport, kind: str) -> list[dict[str, Any]]:
    """The late items of one kind, linked to the initiative or meeting they belong to."""
    out = []
    for item in overdue.items:
        if item.kind != kind:
            continue
        url = None
        if item.initiative is not None:
            url = links.initiative(item.initiative)
        elif item.kind == "meeting":
            url = links.meeting(item.id)
        out.append(
            {
                "hvad": item.kind_text,
                "titel": item.title,
                "url": url,
                "frist": item.due.danish(),
                "stand": item.reported_text,
            }
        )
    return out


def unreported_items(plan: Dataset, overdue: OverdueReport) -> list[dict[str, Any]]:
    """Initiatives and milestones past their deadline with no status reported since."""
    return [
        {
            "hvad": item.kind_text,
            "titel": item.title,
            "tiltag": plan.initiatives[item.initiative].title
            if item.kind == "milestone" and item.initiative in plan.initiatives
            else None,
            "url": links.initiative(item.initiative) if item.initiative else None,
            "frist": item.due.danish(),
            "stand": item.reported_text,
        }
        for item in overdue.unreported
    ]


def next_meetings(standing: Standing) -> list[dict[str, Any]]:
    """The next meetings that have not yet taken place on the site's day, soonest first (the
    time package's one rule of upcoming)."""
    plan = standing.plan
    upcoming = standing.upcoming(days=None).meetings
    return [meetings.card(plan, m, meeting_line(standing, m)) for m in upcoming[:NEXT_MEETINGS]]


def changes(standing: Standing, last: LastReport | None) -> dict[str, Any]:
    """What is news since the last status (entries known now and not known to it, changes of
    plan too); without a status, the newest entries."""
    plan = standing.plan
    entries: list[tuple[Update, Initiative]] = [
        (entry, initiative)
        for initiative in plan.initiatives.values()
        for entry in standing.news(initiative, prose=False)
    ]
    entries.sort(key=lambda pair: (pair[0].date.end, pair[0].date.start), reverse=True)
    new = [{"titel": i.title, "url": links.initiative(i.id)} for i in standing.new_initiatives()]
    titles = {key: report.title for key, report in plan.reports.items()}
    return {
        "rapport": (
            {"titel": last.title, "dato": last.when, "url": last.url} if last is not None else None
        ),
        "nye_tiltag": new,
        "opdateringer": [
            {
                "tiltag": initiative.title,
                "url": links.initiative(initiative.id),
                **initiatives.journal_entry(plan, entry, titles),
            }
            for entry, initiative in entries[:MAX_ENTRIES]
        ],
        "i_alt": len(entries),
        # ``1 opdatering``, ``3 opdateringer``: the count as the pages print it.
        "i_alt_tekst": count_noun(len(entries), "opdatering", "opdateringer"),
    }


def totals(plan: Dataset, overdue: OverdueReport) -> dict[str, int]:
    """The whole plan in numbers: initiatives, completed, under way, late, unreported."""
    every = list(plan.initiatives.values())
    return {
        "tiltag": len(every),
        "afsluttet": sum(1 for i in every if i.status == "afsluttet"),
        "i_gang": sum(1 for i in every if i.status == "i-gang"),
        "for_sent": len(overdue.of_kind("initiative")),
        "uoplyst": sum(1 for i in overdue.unreported if i.kind == "initiative"),
        "moeder": len(plan.meetings),
    }
