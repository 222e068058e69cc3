"""What a reader takes from the site besides its pages: the Atom feeds, the meetings as a
calendar to subscribe to, the plan as open data (with the page that presents it) and the
search index.

They need only the plan as prepared for the site, so :func:`start` makes them in a forked
process beside the one that makes the pages (:class:`udvikling.sheets.twocores.Later`: the
same files, made here instead when there is one core or the child fails).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from udvikling.site import links

if TYPE_CHECKING:
    from udvikling.sheets.twocores import Later
    from udvikling.site.build import Pages, Plan, Site
    from udvikling.site.source import Source

# Besides the pages: the files by their path, and what the open data's page shows.
Extras = tuple[dict[str, bytes], dict[str, Any]]


def start(p: Plan, source: Source, notice: str | None) -> Later[Extras]:
    """:func:`extras` begun in a child; ``.result()`` takes them back."""
    from udvikling.sheets.twocores import Later

    return Later.start(lambda: extras(p, source, notice), _pack, _unpack)


def extras(p: Plan, source: Source, notice: str | None) -> Extras:
    """The feeds, the calendar, the open data and the search index as files, and what the
    open data's page shows."""
    from udvikling.site import search
    from udvikling.site.build import Site

    site = Site()
    following(site, p, source, notice)
    shown = open_data_files(site, p, source)
    site.files[links.SEARCH_INDEX] = search.index_script(p.plan, p.former).encode("utf-8")
    return site.files, shown


def _pack(made: Extras) -> Any:
    return made


def _unpack(value: Any) -> Extras:
    files, shown = value
    if not isinstance(files, dict) or not isinstance(shown, dict):
        raise TypeError("not the extras")
    if not all(isinstance(k, str) and isinstance(v, bytes) for k, v in files.items()):
        raise TypeError("not the extras")
    return files, shown


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


OPEN_DATA_TEMPLATE = "data.html.j2"


def open_data_page(pages: Pages, slot: int, shown: dict[str, Any]) -> None:
    """The page that presents the open data (``shown``: from :func:`open_data_files`), in
    the place kept for it (:meth:`udvikling.site.build.Pages.slot`)."""
    pages.put(slot, links.OPEN_DATA, OPEN_DATA_TEMPLATE, "Åbne data", "om", aabne_data=shown)


def open_data_files(site: Site, p: Plan, source: Source) -> dict[str, Any]:
    """The plan as open data (JSON with its schema, CSV) into ``site``; what its page shows."""
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
    site.files.update(files)
    shown = [
        {"url": path, "kb": kb(files[path]), "navn": name}
        for path, name in (
            (links.OPEN_JSON, "Planen som JSON"),
            (links.OPEN_SCHEMA, "JSON-skemaet for formatet"),
            (links.OPEN_INITIATIVES, "Tiltagene som CSV (én række pr. tiltag)"),
            (links.OPEN_MILESTONES, "Milepælene som CSV (én række pr. milepæl)"),
        )
    ]
    return {
        "filer": shown,
        "version": data.version,
        "optaelling": data.counting,
        "i_alt": data.progress.text,
        "tiltag_kolonner": list(opendata.INITIATIVE_COLUMNS),
        "milepael_kolonner": list(opendata.MILESTONE_COLUMNS),
    }
