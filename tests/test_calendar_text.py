"""The calendar's text, byte for byte: the .ics ``udv calendar`` and the site write.

The file was made with icalendar until issue 29 (building and folding every property as an
object cost most of the calendar's time); now udv writes the text itself. The golden files
below were written by the icalendar-based writer before the change (icalendar 7.3), for the
shipped plan at two dates and for a plan of hostile titles (Danish letters and emoji across
the fold, commas, semicolons, backslashes, line breaks, control characters).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from conftest import MINIMAL_INITIATIVE, REPO, BuildTree, golden
from udvikling.load import load
from udvikling.reports.calendar import build_calendar

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
