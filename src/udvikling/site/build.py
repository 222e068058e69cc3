"""The whole site as files: every page rendered, the assets, the documents to download.

:func:`build_site` takes the plan as loaded and returns ``{path: bytes}``; nothing is
written here (see :mod:`udvikling.site.write`). Confidential initiatives and closed agenda
items are removed first, before any page, index, picture or document is made from the plan;
then the plan as it stood, and was known, on the site's day is asked for once
(:func:`udvikling.chrono.plan_at`), and the report builders are asked the same question.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2.sandbox import SandboxedEnvironment

from udvikling.chrono import Standing
from udvikling.load import Dataset
from udvikling.model import Initiative, Meeting
from udvikling.model_report import Report
from udvikling.reports.listing import Links
from udvikling.reports.overdue import OverdueReport
from udvikling.site import extras, links
from udvikling.site.reports import LastReport
from udvikling.site.source import Source

if TYPE_CHECKING:
    from udvikling.sheets.twocores import Later

MENU = (
    ("forside", "Forside", links.FRONT),
    ("nyt", "Nyt", links.NEWS),
    ("tiltag", "Tiltag", links.INITIATIVES),
    ("moeder", "Møder", links.MEETINGS),
    ("tidslinje", "Tidslinje", links.TIMELINE),
    ("rapporter", "Rapporter", links.REPORTS),
    ("om", "Om siden", links.ABOUT),
)
FILES = {
    "forside": links.FRONT,
    "tiltag": links.INITIATIVES,
    "moeder": links.MEETINGS,
    "tidslinje": links.TIMELINE,
    "tidslinje_billede": links.TIMELINE_PICTURE,
    "rapporter": links.REPORTS,
    "om": links.ABOUT,
    "nyt": links.NEWS,
    "favicon": links.FAVICON,
    "feed": links.FEED,
    "kalender": links.CALENDAR,
    "data": links.OPEN_DATA,
    "css": links.STYLESHEET,
    "js": links.SCRIPT,
    "soegning": links.SEARCH_INDEX,
}
ASSETS = (links.STYLESHEET, links.SCRIPT)
# What a page template may read: what every page gets, then what one page or another gets
# (see the calls of Pages.add); ``udv render --check`` checks site templates against it.
PAGE_KEYS = frozenset(
    {"sted", "menu", "filer", "dokumenter", "titel", "aktiv", "rod"}
    | {"forside", "nyt", "tiltag", "grupper", "filtre", "t", "s", "overskrift", "note"}
    | {"moeder", "aargange", "organer", "m", "bredde", "hoejde", "antal_tiltag"}
    | {"antal_spor", "antal_moeder", "procesplan", "r", "rapporter", "statusmoeder"}
    | {"egne_skabeloner", "spor_feed", "aabne_data"}
)


@dataclass
class Site:
    """The site: each file's path below the site's folder and its content."""

    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def pages(self) -> list[str]:
        """The site's own HTML pages (not the documents to download)."""
        return sorted(p for p in self.files if p.endswith(".html") and not p.startswith("filer/"))


@dataclass(frozen=True)
class Plan:
    """What every step asks: the public plan as loaded and as it stood, the day, the overdue
    report, the issued reports and status meetings (newest first) and the last of them, and
    the initiatives in track order with their cards."""

    public: Dataset
    plan: Dataset
    as_of: date
    standing: Standing
    overdue: OverdueReport
    issued: list[Report]
    status: list[Meeting]
    last: LastReport | None
    ordered: list[Initiative]
    cards: dict[str, dict[str, Any]]
    standings: dict[str, tuple[str, str]]
    links: Links  # who names whom, found once for all pages (not per page)
    stories: dict[str, list[dict[str, Any]]]  # each initiative's history (site.initiatives.story)
    former: dict[str, list[str]]  # each initiative's former titles, oldest first

    @property
    def report_titles(self) -> dict[str, str]:
        return {r.id: r.title for r in self.issued}


class Pages:
    """Collects pages with what every page shows (site, menu, build), then renders them
    all into a site under the templates' limits (:func:`render`)."""

    def __init__(self, env: SandboxedEnvironment, site: Site, common: dict[str, Any]) -> None:
        self.env = env
        self.site = site
        self.common = common
        self.paths: list[str] = []
        self.jobs: list[tuple[str, dict[str, Any] | None]] = []
        self.rendered: set[int] = set()

    def add(self, path: str, template: str, title: str, section: str, **context: Any) -> None:
        self.put(self.slot(template), path, template, title, section, **context)

    def slot(self, template: str) -> int:
        """A place in the order of pages for a page of ``template`` whose content comes
        later (:meth:`put`)."""
        self.paths.append("")
        self.jobs.append((template, None))
        return len(self.jobs) - 1

    def put(
        self, slot: int, path: str, template: str, title: str, section: str, **context: Any
    ) -> None:
        """The page in the place ``slot``."""
        full = {**self.common, "titel": title, "aktiv": section, "rod": links.prefix(path)}
        full.update(context)
        self.paths[slot] = path
        self.jobs[slot] = (template, full)

    def render(self) -> None:
        """Render the pages not rendered yet whose content is there; the templates of all
        pages, those to come too, are compiled first, in the order of the pages (a syntax
        error stops before any page, as when all pages are rendered at once)."""
        from udvikling.site.environment import render_pages

        ready = [
            (index, (template, context))
            for index, (template, context) in enumerate(self.jobs)
            if context is not None and index not in self.rendered
        ]
        names = [template for template, _ in self.jobs]
        filled = render_pages(self.env, [(t, c) for _, (t, c) in ready], names)
        for (index, _), page in zip(ready, filled, strict=True):
            self.site.files[self.paths[index]] = page
            self.rendered.add(index)


def kb(data: bytes) -> int:
    return max(1, math.ceil(len(data) / 1024))


def _prepare(dataset: Dataset, as_of: date, clock: date) -> Plan:
    from udvikling.chrono import former_titles, stand, view_at
    from udvikling.danish import danish_sort_key
    from udvikling.render.contexts import public_view
    from udvikling.reports.listing import links_of
    from udvikling.reports.overdue import overdue_report
    from udvikling.site import initiatives, reports

    public = public_view(dataset, include_confidential=False)
    answers = stand(public, view_at(as_of, clock))
    plan = answers.plan
    overdue = overdue_report(answers)
    standings = initiatives.standing(overdue)
    order = {t: n for n, t in enumerate(plan.config.tracks)}
    ordered = sorted(
        plan.initiatives.values(),
        key=lambda i: (order.get(i.track, len(order)), danish_sort_key(i.title)),
    )
    cards = {i.id: initiatives.card(plan, i, standings) for i in ordered}
    issued = reports.issued(plan)
    status = reports.status_meetings(answers)
    last = reports.latest(answers)
    site_links = links_of(plan)
    titles = {r.id: r.title for r in issued}
    stories = {
        i.id: initiatives.story(plan, public.initiatives[i.id], answers.view, titles)
        for i in ordered
    }
    former = {
        i.id: [title for title, _ in former_titles(public.initiatives[i.id], answers.view)]
        for i in ordered
    }
    return Plan(
        public,
        plan,
        as_of,
        answers,
        overdue,
        issued,
        status,
        last,
        ordered,
        cards,
        standings,
        site_links,
        stories,
        former,
    )


def _front(pages: Pages, p: Plan) -> None:
    from udvikling.site import front
    from udvikling.site.progress import COUNTING, progress

    news = front.changes(p.standing, p.last)
    summary = {
        "i_alt": front.totals(p.plan, p.overdue),
        "optaelling": front.counted(progress(p.standing, p.plan.initiatives.values())),
        "optaelling_forklaring": COUNTING,
        "spor": front.tracks(p.standing, p.overdue),
        "naeste_moeder": front.next_meetings(p.standing),
        "forsinket_resume": p.overdue.summary(),
        "forsinket": front.late_groups(p.overdue),
        "uden_status": front.unreported_items(p.plan, p.overdue),
        "siden": news,
    }
    pages.add(links.FRONT, "forside.html.j2", "Forside", "forside", forside=summary)
    title = "Nyt siden seneste status" if news["rapport"] else "Seneste opdateringer"
    pages.add(links.NEWS, "nyt.html.j2", title, "nyt", nyt=news)


def _initiatives(pages: Pages, p: Plan) -> None:
    from udvikling.reports.listing import initiative_view
    from udvikling.site import front, initiatives
    from udvikling.site.choices import choices

    filters = choices(p.plan, p.ordered)
    every = list(p.cards.values())
    groups = [
        {
            "id": choice["id"],
            "navn": choice["navn"],
            "url": choice["url"],
            "tiltag": [c for c in every if c["spor"] == choice["id"]],
        }
        for choice in filters[0]["valg"]
    ]
    pages.add(
        links.INITIATIVES,
        "tiltag-liste.html.j2",
        "Tiltag",
        "tiltag",
        tiltag=every,
        grupper=groups,
        filtre=filters,
    )
    for initiative in p.ordered:
        view = initiative_view(p.standing, initiative.id, p.links)
        history, former = p.stories[initiative.id], p.former[initiative.id]
        shown = initiatives.page(p.plan, view, p.standings, p.report_titles, history, former)
        pages.add(
            links.initiative(initiative.id), "tiltag.html.j2", initiative.title, "tiltag", t=shown
        )
    for track in front.tracks(p.standing, p.overdue):
        members = [c for c in every if c["spor"] == track["id"]]
        pages.add(
            track["url"],
            "spor.html.j2",
            track["navn"],
            "tiltag",
            s=track,
            tiltag=members,
            spor_feed=links.track_feed(track["id"]),
        )
    notes = {u: unit.note for u, unit in p.plan.config.units.items()}
    selections = zip(("Ansvarlig", "Enhed", "Status"), filters[1:], strict=True)
    for label, selection in selections:
        for choice in selection["valg"]:
            if selection["navn"] == "enhed":
                members = [c for c in every if choice["id"] in c["enheder"]]
            else:
                members = [c for c in every if c[selection["navn"]] == choice["id"]]
            heading = f"{label}: {choice['navn']}"
            note = notes.get(choice["id"]) if selection["navn"] == "enhed" else None
            pages.add(
                choice["url"],
                "udvalg.html.j2",
                heading,
                "tiltag",
                overskrift=heading,
                note=note,
                tiltag=members,
            )


def _meetings(pages: Pages, p: Plan) -> None:
    from udvikling.danish import danish_sort_key
    from udvikling.reports.common import meeting_line, meeting_order
    from udvikling.reports.listing import meeting_detail
    from udvikling.site import meetings

    every = sorted(p.plan.meetings.values(), key=meeting_order, reverse=True)
    cards = [meetings.card(p.plan, m, meeting_line(p.standing, m)) for m in every]
    years: list[dict[str, Any]] = []
    for card in cards:
        if not years or years[-1]["aar"] != card["aar"]:
            years.append({"aar": card["aar"], "moeder": []})
        years[-1]["moeder"].append(card)
    names = {b: meetings.full_body_name(p.plan, b) for b in {m.body for m in every}}
    bodies = [
        {"id": b, "navn": names[b]} for b in sorted(names, key=lambda b: danish_sort_key(names[b]))
    ]
    pages.add(
        links.MEETINGS,
        "moeder.html.j2",
        "Møder",
        "moeder",
        moeder=cards,
        aargange=years,
        organer=bodies,
    )
    for meeting in every:
        shown = meetings.page(p.plan, meeting_detail(p.standing, meeting.id, p.links))
        pages.add(links.meeting(meeting.id), "moede.html.j2", meeting.title, "moeder", m=shown)


def _notice_on_every_page(site: Site, notice: str) -> None:
    """Every page says that data with errors was left out, whatever its template: right
    after ``<body>`` when the template did not show the notice itself."""
    from html import escape

    banner = f'<div class="advarsel" role="alert"><p><strong>{escape(notice)}</strong></p></div>'
    for path in site.pages:
        page = site.files[path].decode("utf-8")
        if escape(notice) in page:
            continue
        head, sep, rest = page.partition("<body")
        if not sep:
            site.files[path] = (banner + page).encode("utf-8")
            continue
        tag_end = rest.index(">") + 1
        site.files[path] = (head + sep + rest[:tag_end] + banner + rest[tag_end:]).encode("utf-8")


def _timeline_and_reports(
    pages: Pages, p: Plan, root: Path | None, documents: bool, notice: str | None = None
) -> None:
    from udvikling.render.drawing import to_svg
    from udvikling.render.timeline import timeline_drawing
    from udvikling.site import reports

    files = (
        reports.documents(p.public, p.issued, p.as_of, root, p.standing.view.clock, notice)
        if documents
        else {}
    )
    pages.site.files.update(files)

    def download(path: str) -> dict[str, Any] | None:
        return {"url": path, "kb": kb(files[path])} if path in files else None

    drawing = timeline_drawing(p.plan, p.as_of)
    pages.site.files[links.TIMELINE_PICTURE] = to_svg(drawing).encode("utf-8")
    width, height = math.ceil(drawing.width), math.ceil(drawing.height)
    pages.add(
        links.TIMELINE,
        "tidslinje.html.j2",
        "Tidslinje",
        "tidslinje",
        bredde=width,
        hoejde=height,
        antal_tiltag=len(p.ordered),
        antal_spor=len({i.track for i in p.ordered}),
        antal_moeder=len(p.plan.meetings),
        procesplan={
            "word": download(links.current_plan("docx")),
            "html": download(links.current_plan("html")),
        },
    )
    shown_reports = []
    for report in p.issued:
        shown = reports.page(p.plan, report)
        shown["word"] = download(links.download(report.id, "docx"))
        shown["html"] = download(links.download(report.id, "html"))
        shown_reports.append(shown)
        pages.add(shown["url"], "rapport.html.j2", report.title, "rapporter", r=shown)
    pages.add(
        links.REPORTS,
        "rapporter.html.j2",
        "Rapporter",
        "rapporter",
        rapporter=shown_reports,
        statusmoeder=[reports.meeting_entry(p.plan, m) for m in p.status],
    )


def _statement(address: str | None) -> dict[str, Any]:
    """Where every page's link to the accessibility statement goes: the address configured
    in udvikling.yaml (``site.accessibility_statement``), else the site's own page saying
    that there is none yet and what has been checked."""
    if address is not None:
        return {"url": address, "ekstern": True}
    return {"url": links.ACCESSIBILITY, "ekstern": False}


def build_site(
    dataset: Dataset,
    source: Source,
    root: Path | None,
    *,
    documents: bool = True,
    notice: str | None = None,
    compiled: Later[dict[str, bytes]] | None = None,
) -> Site:
    """The public site of ``dataset`` as it stood, and was known, on ``source.as_of``;
    with ``documents``, the reports and the process plan as Word and HTML to download.
    ``compiled``: the site's templates being compiled beside this process
    (:func:`udvikling.site.environment.start_compiling`), else they are compiled here."""
    p = _prepare(dataset, source.as_of, source.built.date())
    # The feeds, calendar, open data and search index need only p: made beside the pages.
    beside = extras.start(p, source, notice)
    try:
        return _build(p, source, root, beside, documents, notice, compiled)
    finally:
        beside.stop()


def _build(
    p: Plan,
    source: Source,
    root: Path | None,
    beside: Later[extras.Extras],
    documents: bool,
    notice: str | None,
    compiled: Later[dict[str, bytes]] | None,
) -> Site:
    from udvikling.danish import format_date
    from udvikling.site.environment import (
        CompiledTemplates,
        own_site_templates,
        read_asset,
        site_environment,
    )
    from udvikling.site.favicon import favicon_svg

    config = p.plan.config
    common = {
        "sted": {
            "organisation": config.organisation,
            "proces": config.process,
            "omraade": config.department or "",
            "sagsnr": config.case_no or "",
            "dato": format_date(source.as_of),
            "bygget": source.built_text,
            "kilde": source.revision,
            "advarsel": notice,
            "tilgaengelighed": _statement(config.site.accessibility_statement),
        },
        "menu": [{"noegle": key, "navn": name, "url": url} for key, name, url in MENU],
        "filer": FILES,
        "dokumenter": documents,
    }
    site = Site()
    env = site_environment(root)
    if compiled is not None:
        env.bytecode_cache = CompiledTemplates(compiled.result())
    pages = Pages(env, site, common)
    _front(pages, p)
    _initiatives(pages, p)
    _meetings(pages, p)
    pages.add(links.ABOUT, "om.html.j2", "Om siden", "om")
    open_data = pages.slot(extras.OPEN_DATA_TEMPLATE)
    if config.site.accessibility_statement is None:
        own = own_site_templates(root)
        pages.add(
            links.ACCESSIBILITY,
            "tilgaengelighed.html.j2",
            "Tilgængelighed",
            "om",
            egne_skabeloner=own,
        )
    _timeline_and_reports(pages, p, root, documents, notice)
    pages.render()  # all but the open data's page, while the extras are made beside
    files, shown = beside.result()
    extras.open_data_page(pages, open_data, shown)
    pages.render()
    if notice:
        _notice_on_every_page(site, notice)

    # The stylesheet and script (a data repository may have its own), and the extras.
    for name in ASSETS:
        found = read_asset(root, name)
        if found is not None:
            site.files[name] = found
    site.files[links.FAVICON] = favicon_svg()
    site.files.update(files)
    site.files[links.MARKER] = (
        f"udv-websted\nas_of={source.as_of.isoformat()}\nkilde={source.revision}\n".encode()
    )
    return site
