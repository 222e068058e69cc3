"""A new document speaks to its readers (issue 23): what udv writes today for a committee,
read back from Markdown, Word and HTML as the reader gets it.

- nothing about udv, its sources or its data model;
- what is unknown is "Ikke oplyst", the same in every table;
- the meeting notat's header lines stay apart and its first paragraph is not repeated;
- a long enumeration of initiatives (the beacons' appendix) is a list;
- a journal text written as a list stays a list after the initiative's bold name.

Goldens in tests/golden/render/ (``UDV_UPDATE_GOLDEN=1`` rewrites them; read the diff).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import MINIMAL_CONFIG, BuildTree, golden
from docread import read_docx, read_html, read_markdown
from udvikling.cli import run

REPO = Path(__file__).resolve().parents[1]
check_golden = golden("render")
TODAY = "2026-11-23"
NEW = {
    "notat": ["render", "notat", "--as-of", TODAY],
    "moede": ["render", "notat", "--meeting", "2024-04-24-vpu"],
    "procesplan": ["render", "procesplan", "--as-of", TODAY],
}
FORMATS = ["md", "docx", "html"]
Read = tuple[list[str], list[list[list[str]]]]


def _read(args: list[str], fmt: str, folder: Path, root: Path = REPO) -> Read:
    target = folder / f"out.{fmt}"
    assert run([*args, "--root", str(root), "-o", str(target)]) == 0
    if fmt == "md":
        return read_markdown(target.read_text(encoding="utf-8"))
    return read_docx(target) if fmt == "docx" else read_html(target)


@pytest.fixture(scope="module")
def new(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Read]:
    out = {}
    for name, args in NEW.items():
        for fmt in FORMATS:
            out[(name, fmt)] = _read(args, fmt, tmp_path_factory.mktemp(f"{name}-{fmt}"))
    return out


def _all_text(found: Read) -> list[str]:
    blocks, tables = found
    return [*blocks, *(cell for table in tables for row in table for cell in row)]


# Words about the tool and its material, not about the work: a reader of a committee's
# document never meets them.
ABOUT_UDV = re.compile(
    r"\budv\b|beregnet af|kilde(?:n|rne|materialet)\b|fremgår ikke|datamodel|ikke angivet i data",
    re.IGNORECASE,
)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", list(NEW))
def test_nothing_about_udv_or_its_sources(
    new: dict[tuple[str, str], Read], name: str, fmt: str
) -> None:
    said = [t for t in _all_text(new[(name, fmt)]) if ABOUT_UDV.search(t)]
    assert said == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_plan_says_ikke_oplyst_where_a_cell_is_unknown(
    new: dict[tuple[str, str], Read], fmt: str
) -> None:
    """No empty cell in the process plan's tables: an owner or level nobody gave is "Ikke
    oplyst", as the notat's tables say it."""
    _, tables = new[("procesplan", fmt)]
    plan_tables = [t for t in tables if t and t[0][:2] == ["Tiltag", "Iværksættelse af tiltag"]]
    assert plan_tables
    empty = [row for table in plan_tables for row in table[1:] if "" in row]
    assert empty == []
    assert any("Ikke oplyst" in row for table in plan_tables for row in table[1:])


@pytest.mark.parametrize("fmt", FORMATS)
def test_meeting_notat_header_lines_stay_apart(new: dict[tuple[str, str], Read], fmt: str) -> None:
    blocks, _ = new[("moede", fmt)]
    dateline = next(b for b in blocks if "sag 22/6043" in b)
    assert "Til Voksen- og Plejeudvalget" not in dateline
    assert "Til Voksen- og Plejeudvalget, mødet 24. april 2024." in blocks


def _sentences(blocks: list[str]) -> list[str]:
    return [
        s
        for block in blocks
        for s in re.split(r"(?<=[.!?])\s+", block)
        if len(s) > 60  # whole sentences, not headings or short list items
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_meeting_notat_says_each_thing_once(new: dict[tuple[str, str], Read], fmt: str) -> None:
    """The introduction (the agenda item's text) is not repeated under the tracks: no
    sentence stands twice (the opening paragraph's "I samme forbindelse ..." did)."""
    blocks, _ = new[("moede", fmt)]
    body = blocks[: next(i for i, b in enumerate(blocks) if b.startswith("Bilag"))]
    sentences = _sentences(body)  # the appendix lists an initiative under each of its beacons
    assert [s for s in set(sentences) if sentences.count(s) > 1] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_beacons_appendix_lists_the_initiatives(new: dict[tuple[str, str], Read], fmt: str) -> None:
    """Up to twenty initiatives per beacon are a list, one initiative a line, never one
    comma-separated block; a beacon the plan gives no name is called by its number."""
    blocks, tables = new[("notat", fmt)]
    cells = [cell for table in tables for row in table for cell in row]
    assert not [c for c in cells if c.count(", ") >= 4]  # no run-on enumeration
    start = blocks.index("Bilag 1: Strategiens pejlemærker og tiltag")
    appendix = blocks[start : start + 60]
    assert "Pejlemærke 2: Fundamentet på plads" in appendix
    assert "Pejlemærke 4" in appendix
    assert "Forebyggelse og nedbringelse af sygefravær" in appendix  # an item of its own


LIST_JOURNAL = """\
title: Kommunikationsstrategi
track: kommunikation
owner: socialchef
level: central
status: i-gang
start: 2. halvår 2023
due: 4. kvartal 2024
updates:
  - date: 2024-03-01
    text: |
      - strategien er skrevet
      - nyhedsbrevet er sendt ud
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_journal_list_stays_a_list_after_the_bold_title(
    build_tree: BuildTree, tmp_path: Path, fmt: str
) -> None:
    """Owners type a status as "- " lines in the status sheet: the initiative's name stands
    as its own line, and the points are a list under it, in every format."""
    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/kommunikationsstrategi.yaml": LIST_JOURNAL,
        }
    )
    args = ["render", "notat", "--as-of", "2024-04-01"]
    blocks, _ = _read(args, fmt, tmp_path, root)
    at = blocks.index("Kommunikationsstrategi.")
    assert blocks[at + 1 : at + 3] == ["strategien er skrevet", "nyhedsbrevet er sendt ud"]
    if fmt == "md":
        target = tmp_path / "out.md"
        text = target.read_text(encoding="utf-8")
        check_golden("notat-journal-list.md", text[text.index("## Kommunikation") :])


def test_meeting_notat_golden(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([*NEW["moede"], "--root", str(REPO)]) == 0
    check_golden("notat-2024-04-24-vpu.md", capsys.readouterr().out)


def test_new_procesplan_golden(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([*NEW["procesplan"], "--root", str(REPO)]) == 0
    check_golden("procesplan-2026-11-23.md", capsys.readouterr().out)
