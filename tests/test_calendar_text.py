"""The calendar's text, byte for byte: the .ics ``udv calendar`` and the site write.

The file was made with icalendar until issue 29 (building and folding every property as an
object cost most of the calendar's time); now udv writes the text itself. The golden files
below were written by the icalendar-based writer before the change (icalendar 7.3), for the
shipped plan at two dates and for a plan of hostile titles (Danish letters and emoji across
the fold, commas, semicolons, backslashes, line breaks, control characters).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import MINIMAL_INITIATIVE, REPO, BuildTree, golden
from udvikling.load import Dataset, load
from udvikling.reports import ics
from udvikling.reports.calendar import build_calendar, calendar_properties
from udvikling.reports.ics import Property

STAMP = datetime(2025, 6, 30, 12, 0, tzinfo=UTC)
DAYS = (date(2024, 6, 1), date(2026, 11, 23))

check_golden = golden("calendar")

HOSTILE_CONFIG = """\
organisation: Testkommune
process: Testproces
tracks:
  kommunikation: Kommunikation og transparens
bodies:
  vpu: {name: "Voksen-, Pleje; og \\\\ Sundhedsudvalget", short: "VPU, ældre; \\\\ sund"}
owners:
  socialchef: Socialchef
"""

# Long Danish text with two- and four-octet characters and escaped characters, shifted by
# one character per meeting so that each kind lands on a fold in some meeting.
HOSTILE_TEXT = (
    "Møde om ældreområdet på Djursland, hvor æøå og ÆØÅ står tæt 😀🎉; "
    "med skråstreg \\\\ og semikolon; komma, og flere 😀 tegn ved foldningen æææææææ"
)


def hostile_files() -> dict[str, str]:
    """A plan whose calendar has every hard case of RFC 5545's text: escaping, folding
    inside multi-octet characters and next to a backslash, line breaks, control
    characters (a tab, a bell, a carriage return: the bell is a lint error, but the
    calendar is still written) and ``\\N``."""
    files = {
        "udvikling.yaml": HOSTILE_CONFIG,
        "data/initiatives/kommunikationsstrategi.yaml": MINIMAL_INITIATIVE.replace(
            "title: Kommunikationsstrategi",
            'title: "Kommunikationsstrategi, første; udgave \\\\ æøå 😀"',
        )
        + "milestones:\n"
        + "".join(
            f'  - title: "{"x" * shift}Milepæl: {HOSTILE_TEXT}"\n    due: 2. kvartal 2024\n'
            for shift in range(4)
        ),
    }
    for shift in range(8):
        files[f"data/meetings/2024-04-0{shift + 1}-vpu.yaml"] = (
            f"body: vpu\ndate: 2024-04-0{shift + 1}\n"
            f'title: "{"y" * shift}{HOSTILE_TEXT}"\n'
            "kind: status\nitems:\n"
            f'  - title: "{"z" * shift}Punkt med\\nlinjeskift\\r\\nog æøå\\ttab\\a klokke"\n'
            "    initiatives: [kommunikationsstrategi]\n"
            f'    decision: "Godkendt,\\n  med ændringer; se \\\\\\\\server\\\\del og \\\\N.'
            f'{"w" * shift}"\n'
        )
    return files


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_shipped_plan_as_before(day: date) -> None:
    dataset = load(REPO).dataset
    assert dataset is not None
    for milestones in (False, True):
        data = build_calendar(dataset, milestones=milestones, stamp=STAMP, as_of=day)
        check_golden(f"leveret-{day}{'-milepaele' if milestones else ''}.ics", data)


def test_hostile_titles_as_before(build_tree: BuildTree) -> None:
    dataset = load(build_tree(hostile_files())).dataset
    assert dataset is not None
    assert len(dataset.meetings) == 8
    data = build_calendar(dataset, milestones=True, stamp=STAMP, as_of=DAYS[0])
    check_golden("fjendtlig.ics", data)
    text = data.decode("utf-8")
    assert "\x07" in text and "\t" in text and "😀" in text
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))


# icalendar as the reference: the same properties given to icalendar 7 give the same bytes.
# Older icalendar (5 and 6, allowed before issue 29) wrote ``DTSTAMP;VALUE=DATE-TIME`` and
# folded between a backslash and what it escapes, so the comparison needs 7 (the test
# extra asks for 7; an older one installed by hand skips it).


def icalendar_text(head: Sequence[Property], events: Sequence[Sequence[Property]]) -> bytes:
    """The calendar written by icalendar, as udv wrote it before issue 29."""
    icalendar = pytest.importorskip("icalendar", minversion="7")

    def add(component: Any, properties: Sequence[Property]) -> None:
        for name, value in properties:
            if name.startswith("X-WR-"):
                # icalendar 7 writes a property of no declared type verbatim; udv writes it
                # as TEXT (see udvikling.reports.ics).
                value = icalendar.vText(value)
            component.add(name.lower(), list(value) if isinstance(value, tuple) else value)

    calendar = icalendar.Calendar()
    add(calendar, head)
    for properties in events:
        event = icalendar.Event()
        add(event, properties)
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def assert_as_icalendar_writes(
    dataset: Dataset, day: date, *, milestones: bool = True, notice: str | None = None
) -> bytes:
    head, events = calendar_properties(
        dataset, milestones=milestones, stamp=STAMP, as_of=day, notice=notice
    )
    written = build_calendar(dataset, milestones=milestones, stamp=STAMP, as_of=day, notice=notice)
    assert written == ics.calendar(head, events)
    assert written == icalendar_text(head, events)
    return written


NOTICE = (
    "Bemærk: Dette er lavet, selv om 2 filer i planens data har fejl (a;b.yaml, c\\d.yaml). "
    "Det, de indeholder, er udeladt."
)


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_shipped_plan_as_icalendar_writes_it(day: date) -> None:
    dataset = load(REPO).dataset
    assert dataset is not None
    assert_as_icalendar_writes(dataset, day)
    assert_as_icalendar_writes(dataset, day, milestones=False, notice=NOTICE)


@pytest.fixture(scope="module")
def synthetic_plan(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """The benchmark's clean plan of 1,000 initiatives (660 meetings)."""
    sys.path.insert(0, str(REPO / "bench"))
    import synth

    root = tmp_path_factory.mktemp("synth") / "plan"
    synth.build(REPO, root, 1000)
    dataset = load(root).dataset
    assert dataset is not None
    return dataset


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_synthetic_plan_as_icalendar_writes_it(synthetic_plan: Dataset, day: date) -> None:
    assert len(assert_as_icalendar_writes(synthetic_plan, day)) > 500_000


def test_hostile_titles_as_icalendar_writes_them(build_tree: BuildTree) -> None:
    dataset = load(build_tree(hostile_files())).dataset
    assert dataset is not None
    for day in DAYS:
        assert_as_icalendar_writes(dataset, day, notice=NOTICE)


def test_the_notice_is_text(minimal_repo: Path) -> None:
    """The calendar's description (the notice that data with errors was left out) is
    escaped as TEXT: icalendar 7 wrote it verbatim, a comma and a semicolon unescaped and a
    backslash read as an escape, and failed with an AssertionError on a line break."""
    dataset = load(minimal_repo).dataset
    assert dataset is not None
    notice = "Fejl i a,b;c\\d.yaml\nog mere"
    data = build_calendar(dataset, milestones=False, stamp=STAMP, notice=notice)
    assert b"\r\nX-WR-CALDESC:Fejl i a\\,b\\;c\\\\d.yaml\\nog mere\r\n" in data
    icalendar = pytest.importorskip("icalendar")
    parsed = icalendar.Calendar.from_ical(data)
    assert str(parsed["X-WR-CALNAME"]) == "Testproces: møder"


# Any text, of the characters that matter: escaped ones, line breaks, control characters,
# two-, three- and four-octet UTF-8 and plain letters.
TEXT = st.text(alphabet='a \\,;:^"\n\r\tNæøåÆØÅ€😀\x07\x00', max_size=300)


@given(text=TEXT, shift=st.integers(min_value=0, max_value=80))
def test_any_text_is_folded_and_escaped_as_icalendar_does(text: str, shift: int) -> None:
    head: list[Property] = [("VERSION", "2.0"), ("X-WR-CALNAME", text)]
    event: list[Property] = [
        ("SUMMARY", "x" * shift + text),
        ("DTSTART", date(2024, 4, 24)),
        ("DTSTAMP", STAMP),
        ("CATEGORIES", (text, "æ" * shift)),
        ("DESCRIPTION", text + "ø" * shift),
    ]
    assert ics.calendar(head, [event]) == icalendar_text(head, [event])


@given(text=TEXT, shift=st.integers(min_value=0, max_value=80))
def test_a_folded_line_unfolds_to_itself(text: str, shift: int) -> None:
    """RFC 5545, with any icalendar: at most 75 octets a line (74 and the continuation's
    space), never a character split, and unfolding gives the content line back."""
    line = ics.content_line("DESCRIPTION", "x" * shift + text)
    assert "\n" not in line and "\r" not in line
    folded = ics.fold(line.encode())
    pieces = folded.split(b"\r\n ")
    assert b"".join(pieces) == line.encode()
    for piece in pieces:
        assert 0 < len(piece) <= 74
        piece.decode("utf-8")  # whole characters only
