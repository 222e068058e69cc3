"""The site's Atom feeds and its calendar: valid, linked from every page, every entry on a
page that exists, ids that do not change as the plan grows.

Validity is checked twice: feedparser (the parser feed readers are built on) reads every
feed without complaint, and the rules of RFC 4287 that a parser forgives are checked on the
XML itself (one id, title and updated per feed and entry, an author, absolute ids, RFC 3339
times, no two entries with one id, an alternate link or content on every entry).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from icalendar import Calendar

from sitecheck import AS_OF, REPO, build, html_files, parse

feedparser = pytest.importorskip("feedparser", reason="feedparser mangler: pip install '.[test]'")

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


@pytest.fixture
def site(public_site: Path) -> Path:
    return public_site


def _plan() -> Any:
    from udvikling.chrono import plan_at, view_at
    from udvikling.load import load
    from udvikling.periods import parse_period
    from udvikling.render.contexts import public_view

    loaded = load(REPO)
    assert loaded.dataset is not None
    public = public_view(loaded.dataset, include_confidential=False)
    return plan_at(public, view_at(parse_period(AS_OF).start))


def feeds(site: Path) -> list[Path]:
    return [site / "nyt.xml", *sorted((site / "spor").glob("*.xml"))]


def atom_problems(data: bytes) -> list[str]:
    """What breaks RFC 4287's rules in an Atom document (section 4.1)."""
    root = ET.fromstring(data)
    problems: list[str] = []
    if root.tag != f"{A}feed":
        return [f"roden er {root.tag}"]

    def one(parent: ET.Element, tag: str, where: str) -> ET.Element | None:
        found = parent.findall(f"{A}{tag}")
        if len(found) != 1:
            problems.append(f"{where}: {len(found)} {tag}")
            return None
        return found[0]

    def check(parent: ET.Element, where: str) -> None:
        ident = one(parent, "id", where)
        if ident is not None and not re.match(r"^[a-z][a-z0-9+.-]*:\S+$", ident.text or ""):
            problems.append(f"{where}: id {ident.text!r} er ikke en absolut IRI")
        title = one(parent, "title", where)
        if title is not None and not (title.text or "").strip():
            problems.append(f"{where}: tom titel")
        updated = one(parent, "updated", where)
        if updated is not None and not RFC3339.match(updated.text or ""):
            problems.append(f"{where}: updated {updated.text!r}")
        alternates = [
            (link.get("type"), link.get("hreflang"))
            for link in parent.findall(f"{A}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        if len(alternates) != len(set(alternates)):
            problems.append(f"{where}: flere alternate-links af samme type")
        for link in parent.findall(f"{A}link"):
            if not link.get("href"):
                problems.append(f"{where}: link uden href")

    check(root, "feed")
    entries = root.findall(f"{A}entry")
    if root.find(f"{A}author") is None and any(e.find(f"{A}author") is None for e in entries):
        problems.append("feed: ingen author")
    ids = []
    for n, entry in enumerate(entries, start=1):
        check(entry, f"entry {n}")
        ids.append(entry.findtext(f"{A}id"))
        has_alternate = any(
            link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{A}link")
        )
        if entry.find(f"{A}content") is None and not has_alternate:
            problems.append(f"entry {n}: hverken content eller alternate-link")
        content = entry.find(f"{A}content")
        if content is not None and content.get("type", "text") not in ("text", "html", "xhtml"):
            problems.append(f"entry {n}: content-type {content.get('type')}")
    if len(ids) != len(set(ids)):
        problems.append("to entries med samme id")
    return problems


def _entries(feed: Path) -> dict[str, tuple[str, str]]:
    """Entry id -> (title, link) of a feed, as feedparser reads it."""
    parsed = feedparser.parse(feed.read_bytes())
    assert not parsed.bozo, (feed, parsed.get("bozo_exception"))
    return {e.id: (e.title, e.link) for e in parsed.entries}


def test_every_feed_is_valid_atom(site: Path) -> None:
    found = feeds(site)
    assert len(found) == 1 + len(list((site / "spor").glob("*.html")))
    for feed in found:
        assert atom_problems(feed.read_bytes()) == [], feed
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, (feed, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        assert parsed.feed.language == "da"


def test_the_atom_rules_can_fail() -> None:
    bad = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><id>x y</id><title>t</title>'
        b"<updated>2024-01-01</updated><entry><id>urn:a</id><title>e</title>"
        b"<updated>2024-01-01T00:00:00Z</updated></entry>"
        b"<entry><id>urn:a</id><title></title></entry></feed>"
    )
    assert atom_problems(bad) == [
        "feed: id 'x y' er ikke en absolut IRI",
        "feed: updated '2024-01-01'",
        "feed: ingen author",
        "entry 1: hverken content eller alternate-link",
        "entry 2: tom titel",
        "entry 2: 0 updated",
        "entry 2: hverken content eller alternate-link",
        "to entries med samme id",
    ]


def test_every_entry_links_to_a_page_that_exists(site: Path) -> None:
    ids: dict[Path, set[str]] = {}
    for feed in feeds(site):
        entries = _entries(feed)
        assert entries, feed
        for title, link in entries.values():
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc, link  # relative, like the pages
            target = (feed.parent / unquote(parts.path)).resolve()
            assert target.is_file() and site.resolve() in target.parents, (feed, link)
            if target not in ids:
                ids[target] = parse(target).ids
            assert not parts.fragment or parts.fragment in ids[target], (feed, link, title)


def test_the_feeds_hold_journal_entries_decisions_and_reports(site: Path) -> None:
    entries = _entries(site / "nyt.xml")
    links = [link for _, link in entries.values()]
    assert any(link.startswith("tiltag/") and "#opdatering-" in link for link in links)
    assert any(link.startswith("moeder/") and "#punkt-" in link for link in links)
    assert "rapporter/2024-efteraar-status.html" in links
    # A track's feed: its initiatives' entries, decisions about them, every report.
    economy = _entries(site / "spor" / "oekonomi.xml")
    assert set(economy) < set(entries)
    assert "../rapporter/2024-efteraar-status.html" in [link for _, link in economy.values()]
    members = {i.id for i in _plan().initiatives.values() if i.track == "oekonomi"}
    about = {
        link.removeprefix("../tiltag/").split(".html")[0]
        for _, link in economy.values()
        if link.startswith("../tiltag/")
    }
    assert about and about <= members


def test_entry_ids_stay_as_the_plan_grows(site: Path, tmp_path: Path) -> None:
    """What was in the feed half a year earlier is still there with the same ids (a feed
    reader shows nothing twice), and building again gives the same feed."""
    earlier = tmp_path / "earlier"
    assert build(REPO, earlier, "--as-of", "2024-05-01", "--no-documents") == 0
    before = _entries(earlier / "nyt.xml")
    after = _entries(site / "nyt.xml")
    assert before and len(before) < len(after)
    assert set(before) <= set(after)
    for ident, (_, link) in before.items():
        assert after[ident][1] == link  # (a title may change: an initiative renamed)
    again = tmp_path / "again"
    assert build(REPO, again, "--as-of", AS_OF, "--no-documents") == 0
    assert (again / "nyt.xml").read_bytes() == (site / "nyt.xml").read_bytes()


def test_every_page_links_the_feed_and_the_calendar(site: Path) -> None:
    for page in html_files(site):
        text = page.read_text(encoding="utf-8")
        prefix = "../" * (len(page.relative_to(site).parts) - 1)
        assert (
            f'<link rel="alternate" type="application/atom+xml" href="{prefix}nyt.xml"' in text
        ), page
        assert f'href="{prefix}moeder.ics"' in text, page
    track = (site / "spor" / "oekonomi.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml" href="../spor/oekonomi.xml"' in track


def test_the_meetings_as_a_calendar(site: Path) -> None:
    """The calendar ``udv calendar`` writes, of the public plan on the site's day."""
    from datetime import UTC, datetime

    from udvikling.load import load
    from udvikling.render.contexts import public_view
    from udvikling.reports.calendar import build_calendar

    calendar = Calendar.from_ical((site / "moeder.ics").read_bytes())
    shown = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    loaded = load(REPO)
    assert loaded.dataset is not None
    stamp = datetime(2025, 1, 1, tzinfo=UTC)
    same = Calendar.from_ical(
        build_calendar(
            public_view(loaded.dataset, include_confidential=False),
            milestones=False,
            stamp=stamp,
            as_of=datetime(2024, 12, 15).date(),
        )
    )
    expected = {str(e["uid"]): e for e in same.walk("VEVENT")}
    assert set(shown) == set(expected) and len(shown) > 10
    for uid, event in shown.items():
        assert str(event["summary"]) == str(expected[uid]["summary"])
