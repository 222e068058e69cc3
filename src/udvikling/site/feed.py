"""The site's Atom feeds (RFC 4287): what is reported, for the whole plan and per track.

An entry is one of three things the plan records as reported, as the site shows it on its
day (the public plan as it stood and was known, :func:`udvikling.chrono.plan_at`):

* a journal entry of an initiative (its text, what it changed, where it was reported),
  dated the day it is known (:func:`udvikling.chrono.known_from`), linked to its place in
  the initiative's history;
* a decision on an open agenda item of a meeting held by the site's day, dated the
  meeting's (last) day, linked to the item on the meeting's page;
* an issued report, dated its cut-off (the day it went out), linked to its page.

A track's feed has the journal entries of its initiatives, the decisions on items about
them and every report (a report covers the whole plan). Every entry's id is a ``urn:uuid``
made from the organisation, the process and what the entry is (initiative and entry key,
meeting and item number, report id), never from its place in a list: a feed reader shows
an entry once, however the plan grows. Links are relative to the feed's own address, as
the site's pages link, so the site works from any folder.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from udvikling.chrono import Standing
from udvikling.model import Initiative, Update
from udvikling.model_report import Report
from udvikling.site import links

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# XML 1.0 allows tab, newline and carriage return of the control characters, no others.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One reported thing: what it is (``key``, stable), its title, the day it became
    known, the page it is on (from the site's top), its text, and the tracks it concerns
    (``everywhere``: in every track's feed)."""

    key: str
    title: str
    day: date
    url: str
    text: str
    tracks: frozenset[str] = frozenset()
    everywhere: bool = False


def entry_keys(updates: Sequence[Update]) -> list[str]:
    """A key for each journal entry of one initiative: its date as a slug, and ``-2``,
    ``-3`` for a second and third entry of the same date (in the file's order)."""
    from collections import Counter

    seen: Counter[str] = Counter()
    keys = []
    for entry in updates:
        base = entry.date.slug()
        seen[base] += 1
        keys.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return keys


def entry_anchor(key: str) -> str:
    """The id of a journal entry on its initiative's page."""
    return f"opdatering-{key}"


def _journal(
    standing: Standing, written: Initiative, report_titles: dict[str, str]
) -> Iterable[FeedEntry]:
    from udvikling.chrono import known_from
    from udvikling.site.initiatives import story

    plan = standing.plan
    initiative = plan.initiatives[written.id]
    for shown, entry in zip(
        story(plan, written, standing.view, report_titles), _known(written, standing), strict=True
    ):
        lines = [shown["tekst"]] if shown["tekst"] else []
        lines += shown["linjer"]
        where = shown["meldt_i"]
        if where is not None:
            lines.append(f"Meldt {'på' if where['slags'] == 'moede' else 'i'} {where['navn']}.")
        about = f" (om {shown['om']})" if shown["om"] else ""
        yield FeedEntry(
            key=f"opdatering/{initiative.id}/{shown['anker'].removeprefix('opdatering-')}",
            title=f"{initiative.title}: opdatering {shown['dato']}{about}",
            day=known_from(entry),
            url=f"{links.initiative(initiative.id)}#{shown['anker']}",
            text="\n\n".join(lines),
            tracks=frozenset({initiative.track}),
        )


def _known(written: Initiative, standing: Standing) -> list[Update]:
    """The journal entries of ``written`` known on the site's day, in the story's order."""
    from udvikling.chrono import field_changes

    return [entry for entry, _ in field_changes(written, standing.view)]


def _decisions(standing: Standing) -> Iterable[FeedEntry]:
    from udvikling.reports.common import body_name

    plan = standing.plan
    for meeting in plan.meetings.values():
        if standing.outcome(meeting) != "held":
            continue
        label = f"{body_name(plan, meeting.body)} {meeting.date.danish()}"
        for number, item in enumerate(meeting.items, start=1):
            if not item.decision:
                continue
            about = [plan.initiatives[i] for i in item.initiatives if i in plan.initiatives]
            lines = [" ".join(item.decision.split())]
            if about:
                lines.append("Tiltag: " + "; ".join(i.title for i in about) + ".")
            yield FeedEntry(
                key=f"beslutning/{meeting.id}/{number}",
                title=f"Beslutning: {item.title} ({label})",
                day=meeting.date.end,
                url=f"{links.meeting(meeting.id)}#punkt-{number}",
                text="\n\n".join(lines),
                tracks=frozenset(i.track for i in about),
            )


def _reports(issued: Sequence[Report]) -> Iterable[FeedEntry]:
    from udvikling.chrono import report_cut_off
    from udvikling.site.reports import KINDS

    for report in issued:
        # The entry is filed on the report's cut-off (a feed needs a day), but its text says
        # only the date the document gives ("efterår 2024"), as the reports page does: no
        # source says the day it went out.
        yield FeedEntry(
            key=f"rapport/{report.id}",
            title=f"{KINDS.get(report.kind, report.kind)}: {report.title}",
            day=report_cut_off(report),
            url=links.report(report.id),
            text=f"{KINDS.get(report.kind, report.kind)}, {report.date.danish()}.",
            everywhere=True,
        )


def feed_entries(
    standing: Standing,
    written: dict[str, Initiative],
    issued: Sequence[Report],
    report_titles: dict[str, str],
) -> list[FeedEntry]:
    """Everything reported on the site's day, newest first (``written``: the public
    initiatives as their files have them)."""
    found = [
        entry
        for key in standing.plan.initiatives
        for entry in _journal(standing, written[key], report_titles)
    ]
    found += _decisions(standing)
    found += _reports(issued)
    return sorted(found, key=lambda e: (e.day, e.key), reverse=True)


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _id(namespace: str, key: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"udv:{namespace}:{key}").urn


def feed_xml(
    entries: Sequence[FeedEntry],
    *,
    path: str,
    page: str,
    title: str,
    subtitle: str,
    author: str,
    namespace: str,
    as_of: date,
) -> bytes:
    """The Atom document of ``entries`` written at ``path`` (from the site's top), whose
    page on the site is ``page``; ``namespace`` makes the ids (organisation and process)."""
    prefix = links.prefix(path)
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = _text(text)
        return element

    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: "da"})
    sub(feed, "id", _id(namespace, f"feed/{path}"))
    sub(feed, "title", title)
    sub(feed, "subtitle", subtitle)
    newest = max((e.day for e in entries), default=as_of)
    sub(feed, "updated", _stamp(newest))
    sub(sub(feed, "author"), "name", author)
    sub(feed, "generator", "udv")
    sub(feed, "link", rel="self", type="application/atom+xml", href=prefix + path)
    sub(feed, "link", rel="alternate", type="text/html", href=prefix + page)
    for entry in entries:
        item = sub(feed, "entry")
        sub(item, "id", _id(namespace, entry.key))
        sub(item, "title", entry.title)
        sub(item, "updated", _stamp(entry.day))
        sub(item, "link", rel="alternate", type="text/html", href=prefix + entry.url)
        sub(item, "content", entry.text or entry.title, type="text")
    ET.indent(feed)
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True)) + b"\n"


def feeds(
    standing: Standing,
    written: dict[str, Initiative],
    issued: Sequence[Report],
    report_titles: dict[str, str],
    tracks: Sequence[dict[str, Any]],
    as_of: date,
) -> dict[str, bytes]:
    """The whole plan's feed and one per track with a page (``tracks``: the site's track
    summaries), by path."""
    from udvikling.rules.ids import slugify

    config = standing.plan.config
    namespace = f"{slugify(config.organisation)}/{slugify(config.process)}"
    every = feed_entries(standing, written, issued, report_titles)
    author = config.organisation
    out = {
        links.FEED: feed_xml(
            every,
            path=links.FEED,
            page=links.NEWS,
            title=f"{config.process}: nyt",
            subtitle=f"{config.organisation}: opdateringer af tiltagene, beslutninger på "
            "møderne og udsendte rapporter.",
            author=author,
            namespace=namespace,
            as_of=as_of,
        )
    }
    for track in tracks:
        mine = [e for e in every if e.everywhere or track["id"] in e.tracks]
        path = links.track_feed(track["id"])
        out[path] = feed_xml(
            mine,
            path=path,
            page=track["url"],
            title=f"{config.process}: {track['navn']}",
            subtitle=f"{config.organisation}: opdateringer af sporets tiltag, beslutninger "
            "om dem og udsendte rapporter.",
            author=author,
            namespace=namespace,
            as_of=as_of,
        )
    return out
