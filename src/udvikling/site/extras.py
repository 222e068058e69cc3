"""What a reader takes from the site besides its pages: the Atom feeds, the meetings as a
calendar to subscribe to, and the plan as open data (with the page that presents it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from udvikling.site import links

if TYPE_CHECKING:
    from udvikling.site.build import Pages, Plan, Site
    from udvikling.site.source import Source


def following(site: Site, p: Plan, source: Source, notice: str | None) -> None:
    """What a reader can follow: the Atom feeds (whole plan, each track) and the meetings
    as a calendar to subscribe to (the calendar ``udv calendar`` writes, of the public plan
    on the site's day)."""
    from datetime import UTC

    from udvikling.reports.calendar import build_calendar
    from udvikling.site import front
    from udvikling.site.feed import feeds

    tracks = front.tracks(p.standing, p.overdue)
    written = p.public.initiatives
    site.files.update(feeds(p.standing, written, p.issued, p.report_titles, tracks, p.as_of))
    stamp = source.built.astimezone(UTC).replace(microsecond=0)
    site.files[links.CALENDAR] = build_calendar(
        p.public, milestones=False, stamp=stamp, as_of=p.as_of, notice=notice
    )


def open_data(pages: Pages, p: Plan, source: Source) -> None:
    """The plan as open data (JSON with its schema, CSV) and the page that presents it."""
    from udvikling.site import opendata

    data = opendata.open_plan(
        p.standing,
        p.ordered,
        p.stories,
        p.former,
        p.standings,
        p.issued,
        source.built,
        source.revision,
    )
    from udvikling.site.build import kb

    files = opendata.files(data)
    pages.site.files.update(files)
    shown = [
        {"url": path, "kb": kb(files[path]), "navn": name}
        for path, name in (
            (links.OPEN_JSON, "Planen som JSON"),
            (links.OPEN_SCHEMA, "JSON-skemaet for formatet"),
            (links.OPEN_INITIATIVES, "Tiltagene som CSV (én række pr. tiltag)"),
            (links.OPEN_MILESTONES, "Milepælene som CSV (én række pr. milepæl)"),
        )
    ]
    pages.add(
        links.OPEN_DATA,
        "data.html.j2",
        "Åbne data",
        "om",
        aabne_data={
            "filer": shown,
            "version": data.version,
            "optaelling": data.counting,
            "i_alt": data.progress.text,
            "tiltag_kolonner": list(opendata.INITIATIVE_COLUMNS),
            "milepael_kolonner": list(opendata.MILESTONE_COLUMNS),
        },
    )
