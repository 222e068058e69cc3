"""The round trip: the shipped plan's Tids- og procesplan of 8 January 2023, rendered to Word
by udv, read back with ``udv import`` into a fresh ``udv init`` plan, gives the same
initiatives with the same titles, tracks, owners, levels and timings as the plan wrote them
(the shipped plan at that date, with the words the plan wrote kept under ``as_issued``).
What differs is listed below, each with the reason; the test fails on any other difference,
and on any listed one that is gone (then take it off the list).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from udvikling.chrono import plan_at, report_view
from udvikling.cli import run
from udvikling.lint import lint
from udvikling.load import Dataset, load
from udvikling.render.blocks import written

REPO = Path(__file__).resolve().parents[1]
REPORT = "2023-01-08-procesplan"

# Every difference between the shipped plan at 8 January 2023 and the plan read back from
# the Word document udv rendered of it: (shipped id, field) -> why.
TIMING_PROSE = (
    "the timing is prose ('Rekruttering pågår frem til juni 2023', 'Proces i 2023 og "
    "2024'); the keeper of the shipped plan read start and due from it by hand, udv import "
    "reads a period only where the whole text is one, and lists the rest"
)
EXPECTED: dict[tuple[str, str], str] = {
    # -- owner and responsibility ------------------------------------------------------
    ("arbejdskultur-og-arbejdsmiljoe-tre-afdelinger", "owner"): (
        "the shipped initiative has no owner, only the responsibility 'De tre berørte "
        "aftaleområder.'; the Ansvarlig cell shows that text alone, and a short first "
        "sentence in that column is read as the owner's name"
    ),
    ("arbejdskultur-og-arbejdsmiljoe-tre-afdelinger", "responsibility"): (
        "the same text became the owner (see owner), so no responsibility is left"
    ),
    **{
        (key, field): (
            "the issued plan writes who is responsible as running text in its fourth column, "
            "with no owner apart (as_issued owner ''); udv import reads the column's first "
            "line as the owner and the rest as the responsibility"
        )
        for key in (
            "handleplan-boernemyndighed",
            "administrativ-understoettelse-af-decentrale-ledere",
            "opfoelgning-og-afslutning-af-sager",
            "kommunikationsstrategi",
        )
        for field in ("owner", "responsibility")
    },
    # -- start and due read by hand from prose -------------------------------------------
    **{
        (key, field): TIMING_PROSE
        for key, fields in {
            "ansaettelse-af-to-fagchefer": ("due",),
            "aftaleholder-myndighed-og-visitation-voksen": ("start", "due"),
            "styrkelse-af-afdelingsledelsen": ("start", "due"),
            "arbejdskultur-og-arbejdsmiljoe-tre-afdelinger": ("start", "due"),
            "handleplan-boernemyndighed": ("start", "due"),
            "inddragelse-af-direktionen": ("start", "due"),
            "inddragelse-af-chefforum": ("start", "due"),
            "inddragelse-af-styregrupperne": ("start", "due"),
            "status-til-fagudvalgene": ("start", "due"),
            "temadag-for-kb-tillid-og-kommunikation": ("start", "due"),
            "administrativ-understoettelse-af-decentrale-ledere": ("start", "due"),
            "ledelsestilsyn-boernemyndighed": ("start", "due"),
            "opfoelgning-og-afslutning-af-sager": ("start", "due"),
            "faelles-langsigtet-strategi": ("start",),
        }.items()
        for field in fields
    },
    # -- a range read two ways -----------------------------------------------------------
    ("ny-styringsmodel", "start"): (
        "'1. halvår 2023 – sep. 2023' in the Iværksættelse column: the shipped plan keeps the "
        "whole range as the start, udv import reads a range as start (1. halvår 2023) and "
        "due (september 2023)"
    ),
    ("ny-styringsmodel", "due"): "see ny-styringsmodel start",
}

# Not imported at all: the five parallel analyses stand in a bulleted list in the document's
# introduction, not in a table, and udv import reads tables. (Their track, "Sideløbende
# analyseforløb", is not a heading in the document either.)
NOT_IN_A_TABLE = {
    "handle-og-omstillingsmuligheder",
    "nedbringelse-af-anbringelser",
    "dokumentationspraksis",
    "helhedsorienteret-indsats",
    "fremtidig-tilrettelaeggelse-af-stu",
}
# Also different by design, not compared: the records' ids (udv import names each file
# after its title, the shipped plan has short hand-chosen ids) and the ids of tracks and
# owners (made from their names; the names are compared).


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory: pytest.TempPathFactory) -> tuple[Dataset, Dataset, Any]:
    """The shipped plan at the report's date, the plan read back, and the report."""
    monkey = pytest.MonkeyPatch()
    monkey.setattr(sys.stdin, "isatty", lambda: False, raising=False)
    try:
        work = tmp_path_factory.mktemp("roundtrip")
        word = work / "procesplan.docx"
        assert (
            run(["render", "procesplan", "--report", REPORT, "-o", str(word), "--root", str(REPO)])
            == 0
        )
        plan = work / "plan"
        init = ["init", str(plan), "--organisation", "Norddjurs Kommune", "--no-git"]
        assert run([*init, "--process", "Udviklingsproces på Socialområdet"]) == 0
        assert run(["import", str(word), "--date", "2023-01-08", "--root", str(plan)]) == 0
    finally:
        monkey.undo()
    shipped_all = load(REPO).dataset
    imported = load(plan).dataset
    assert shipped_all is not None and imported is not None
    report = shipped_all.reports[REPORT]
    return plan_at(shipped_all, report_view(shipped_all, report)), imported, report


def _plan_rows(report: Any) -> list[tuple[str, str]]:
    """(track heading, initiative id) of every row of the report's plan tables."""
    return [
        (group.heading, key)
        for section in report.sections
        for block in section.blocks
        for group in (block.plan or ())
        for key in group.initiatives
    ]


def _listed(report: Any) -> set[str]:
    return {
        key
        for section in report.sections
        for block in section.blocks
        for key in (block.initiatives or ())
    }


def _text(value: str | None) -> str | None:
    """Text as a table cell shows it: lines joined by single spaces."""
    return " ".join(value.split()) if value else None


def _owner_as_written(plan: Dataset, initiative: Any) -> str | None:
    """The owner as the issued plan wrote it (its ``as_issued`` words), else by name."""
    issued = initiative.as_issued.get(REPORT)
    if issued is not None and issued.owner is not None:
        return issued.owner or None
    return plan.config.owners[initiative.owner].name if initiative.owner else None


def test_the_process_plan_comes_back_from_word(
    round_trip: tuple[Dataset, Dataset, Any],
) -> None:
    shipped, imported, report = round_trip
    rows = _plan_rows(report)
    assert len(rows) == 18
    by_title = {i.title: i for i in imported.initiatives.values()}
    assert len(imported.initiatives) == len(rows)  # nothing more, nothing less
    differences: dict[tuple[str, str], str] = {}
    for heading, key in rows:
        old = shipped.initiatives[key]
        # udv import drops a title's final full stop ("... supervision." in the plan).
        title = (written(old, "title", REPORT) or "").removesuffix(".")
        new = by_title.get(title)
        assert new is not None, f"{key}: the title '{title}' did not come back"
        # The track: the heading it stood under in the document is the imported track.
        assert imported.config.tracks[new.track].name == heading, key
        pairs: dict[str, tuple[object, object]] = {
            "owner": (
                _owner_as_written(shipped, old),
                imported.config.owners[new.owner].name if new.owner else None,
            ),
            "level": (old.level, new.level),
            "timing": (_text(written(old, "timing", REPORT)), _text(new.timing)),
            "description": (_text(written(old, "description", REPORT)), _text(new.description)),
            "responsibility": (
                _text(written(old, "responsibility", REPORT)),
                _text(new.responsibility),
            ),
            "start": (old.start, new.start),
            "due": (old.due, new.due),
            "since": (old.since, new.since),
        }
        for field, (was, now) in pairs.items():
            if was != now:
                differences[(key, field)] = f"{was!r} -> {now!r}"
    assert sorted(differences) == sorted(EXPECTED), differences
    # Where udv import left start or due out, it said so (and kept the text in timing).
    for (key, field), why in EXPECTED.items():
        if why == TIMING_PROSE:
            new = by_title[(written(shipped.initiatives[key], "title", REPORT) or "").rstrip(".")]
            assert getattr(new, field) is None, (key, field)
            assert new.timing, key


def test_what_is_not_in_a_table_is_the_introductions_list(
    round_trip: tuple[Dataset, Dataset, Any],
) -> None:
    shipped, imported, report = round_trip
    titles = {i.title for i in imported.initiatives.values()}
    assert _listed(report) == NOT_IN_A_TABLE
    for key in NOT_IN_A_TABLE:
        assert shipped.initiatives[key].title not in titles


def test_the_plan_read_back_lints_clean_and_reads_as_the_shipped_one(
    round_trip: tuple[Dataset, Dataset, Any],
) -> None:
    shipped, imported, report = round_trip
    findings = lint(imported.root, report.date.end).findings
    assert [f for f in findings if f.severity == "error"] == []
    # The tracks are declared in the order the document gives them, named as it names them.
    headings = list(dict.fromkeys(heading for heading, _ in _plan_rows(report)))
    assert [t.name for t in imported.config.tracks.values()] == headings
    # Every owner the issued plan names apart in these rows is declared by the same name.
    named = {
        owner
        for _, key in _plan_rows(report)
        if (owner := _owner_as_written(shipped, shipped.initiatives[key]))
    }
    assert named <= {o.name for o in imported.config.owners.values()}
