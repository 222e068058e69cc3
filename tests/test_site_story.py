"""Each initiative's page tells its story: former titles (found by the site's search too),
each field a journal entry set with the value before and after, when and where it was
reported, and milestones with how they were reached."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest

from conftest import MINIMAL_CONFIG, MINIMAL_INITIATIVE, MINIMAL_MEETING, BuildTree
from sitecheck import AS_OF, REPO, build
from udvikling.chrono import field_changes, former_titles, view_at
from udvikling.load import load

OLD_TITLE = "Råderumskataloget samt udviklings- og omstruktureringskataloget på Socialområdet"

STORY = """\
description: Den første beskrivelse.
updates:
  - date: 2024-04-24
    reported_in: 2024-04-24-vpu
    status: afsluttet
    description: Den nye beskrivelse.
    source: Dagsorden VPU 24. april 2024
  - date: 2024-02-01
    title: Kommunikationsstrategi for Socialområdet
    owner: socialchef
    text: Arbejdet er i gang.
  - date: 2024-09-01
    status: i-gang
milestones:
  - title: Strategien vedtaget
    meeting: 2024-04-24-vpu
"""


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def story_site(build_tree: BuildTree, tmp_path: Path) -> Path:
    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/kommunikationsstrategi.yaml": MINIMAL_INITIATIVE + STORY,
            "data/meetings/2024-04-24-vpu.yaml": MINIMAL_MEETING,
        }
    )
    target = tmp_path / "public"
    assert build(root, target, "--as-of", "2024-06-30", "--no-documents") == 0
    return target


def test_field_changes_in_the_order_entries_apply(build_tree: BuildTree) -> None:
    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/kommunikationsstrategi.yaml": MINIMAL_INITIATIVE + STORY,
            "data/meetings/2024-04-24-vpu.yaml": MINIMAL_MEETING,
        }
    )
    dataset = load(root).dataset
    assert dataset is not None
    written = dataset.initiatives["kommunikationsstrategi"]
    found = [
        (entry.date.iso(), [(c.field, c.old, c.new) for c in changes])
        for entry, changes in field_changes(written, view_at(date(2024, 6, 30)))
    ]
    # In date order (not the file's), without the entry not yet known (1 September).
    assert found == [
        (
            "2024-02-01",
            [
                ("title", "Kommunikationsstrategi", "Kommunikationsstrategi for Socialområdet"),
                ("owner", "socialchef", "socialchef"),
            ],
        ),
        (
            "2024-04-24",
            [
                ("status", "i-gang", "afsluttet"),
                ("description", "Den første beskrivelse.", "Den nye beskrivelse."),
            ],
        ),
    ]
    titles = former_titles(written, view_at(date(2024, 6, 30)))
    assert [title for title, _ in titles] == ["Kommunikationsstrategi"]
    assert former_titles(written, view_at(date(2024, 1, 31))) == []


def test_the_page_tells_each_change_from_what_to_what(story_site: Path) -> None:
    page = (story_site / "tiltag" / "kommunikationsstrategi.html").read_text(encoding="utf-8")
    text = _text(page)
    assert "Tidligere titel Kommunikationsstrategi Spor" in text
    history = text[text.index("Historik") : text.index("Møder om tiltaget")]
    # Oldest first, each with its date; where it was reported, linked; its source.
    first, second = history.index("1. februar 2024"), history.index("24. april 2024")
    assert first < second
    assert "Titel: fra »Kommunikationsstrategi« til »Kommunikationsstrategi for " in history
    assert "Ansvarlig: Socialchef (uændret)." in history
    assert "Status: fra i gang til afsluttet." in history
    assert "Ny beskrivelse: Den nye beskrivelse. Beskrivelse før Den første beskrivelse." in (
        history
    )
    assert "Kilde: Dagsorden VPU 24. april 2024" in history
    assert 'meldt på <a href="../moeder/2024-04-24-vpu.html">VPU 24. april 2024</a>' in page
    assert "1. september 2024" not in history  # not known on the site's day
    # Each entry has an id the feed links to.
    assert 'id="opdatering-2024-04-24"' in page and 'id="opdatering-2024-02-01"' in page
    # The milestone: how it was reached.
    milestones = text[text.index("Milepæle") : text.index("Historik")]
    assert "Strategien vedtaget" in milestones and "nået på mødet 24. april 2024" in milestones


def test_the_feed_says_the_same(story_site: Path) -> None:
    feed = (story_site / "nyt.xml").read_text(encoding="utf-8")
    assert "Status: fra i gang til afsluttet." in feed
    assert "Meldt på VPU 24. april 2024." in feed


def test_a_renamed_initiative_is_found_by_its_old_title(tmp_path: Path) -> None:
    """The April 2024 agenda item's name of the work that autumn 2024's status note calls
    "Velfærdsplanen og råderumsarbejdet" is on the initiative's page and in the search."""
    target = tmp_path / "public"
    assert build(REPO, target, "--as-of", AS_OF, "--no-documents") == 0
    page = (target / "tiltag" / "velfaerdsplan-og-raaderumsarbejde.html").read_text(
        encoding="utf-8"
    )
    assert f"<dd>{OLD_TITLE}</dd>" in page
    index = (target / "soegning.js").read_text(encoding="utf-8")
    entry = re.search(r'"tiltag:velfaerdsplan-og-raaderumsarbejde":"([^"]*)"', index)
    assert entry is not None and OLD_TITLE in entry.group(1)
    # Before the rename (the status note of autumn 2024), there was no former title.
    earlier = tmp_path / "earlier"
    assert build(REPO, earlier, "--as-of", "2024-06-30", "--no-documents") == 0
    page = (earlier / "tiltag" / "velfaerdsplan-og-raaderumsarbejde.html").read_text(
        encoding="utf-8"
    )
    assert "Tidligere titel" not in page and f"<h1>{OLD_TITLE}</h1>" in page
