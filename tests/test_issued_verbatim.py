"""An issued document comes back word for word (issue 23): ``udv render notat --report
2024-efteraar-status`` against the status note 004, ``udv render procesplan --report
2023-01-08-procesplan`` against the process plan 003, in Markdown, Word and HTML.

The issued text is in tests/issued_texts.py (taken from the seeds; a test below holds it
against them). Each render is read back as a reader meets it: its text outside tables
sentence by sentence (nothing added, nothing reworded, nothing left out, in the document's
order), and its tables cell by cell (Bilag 2's figures with the note's own percentages and
precision; the plan's four issued columns and every cell).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SEEDS
from docread import Table, norm, read_docx, read_html, read_markdown
from issued_texts import (
    BILAG_2,
    BILAG_2_HEADER,
    NOTAT_004,
    PLAN_003,
    PLAN_003_HEADER,
    PROCESPLAN_003,
)
from udvikling.cli import run

REPO = Path(__file__).resolve().parents[1]

NOTAT = ["render", "notat", "--report", "2024-efteraar-status"]
PLAN = ["render", "procesplan", "--report", "2023-01-08-procesplan"]


def read(args: list[str], fmt: str, tmp_path: Path) -> tuple[list[str], list[Table]]:
    target = tmp_path / f"out.{fmt}"
    assert run([*args, "--root", str(REPO), "-o", str(target)]) == 0
    if fmt == "md":
        return read_markdown(target.read_text(encoding="utf-8"))
    return read_docx(target) if fmt == "docx" else read_html(target)


# -- comparing ---------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+")


def sentences(blocks: list[str]) -> list[str]:
    """The blocks as a list of sentences (a heading or list item is one)."""
    return [s for block in blocks for s in _SENTENCE_END.split(norm(block)) if s]


FORMATS = ["md", "docx", "html"]


@pytest.fixture(scope="module")
def notat(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[list[str], list[Table]]]:
    folder = tmp_path_factory.mktemp("notat")
    return {fmt: read(NOTAT, fmt, folder) for fmt in FORMATS}


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[list[str], list[Table]]]:
    folder = tmp_path_factory.mktemp("plan")
    return {fmt: read(PLAN, fmt, folder) for fmt in FORMATS}


@pytest.mark.parametrize("fmt", FORMATS)
def test_status_note_004_sentence_by_sentence(
    notat: dict[str, tuple[list[str], list[Table]]], fmt: str
) -> None:
    """Every sentence of 004 as written, in its order; no title, case number, note of
    udv's or placeholder text that the note did not have."""
    blocks, _ = notat[fmt]
    assert sentences(blocks) == sentences(NOTAT_004)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("document", "issued"), [("notat", NOTAT_004), ("plan", PROCESPLAN_003)])
def test_paragraph_by_paragraph(
    request: pytest.FixtureRequest, document: str, issued: list[str], fmt: str
) -> None:
    """The paragraphs as the document had them: a sentence the record takes from a journal
    continues the paragraph it stood in ("... øvrige pejlemærker. For eksempel ...")."""
    blocks, _ = request.getfixturevalue(document)[fmt]
    assert blocks == [norm(b) for b in issued]


@pytest.mark.parametrize("fmt", FORMATS)
def test_status_note_004_bilag_2_figures(
    notat: dict[str, tuple[list[str], list[Table]]], fmt: str
) -> None:
    """Bilag 2 as issued: the note's own percentages with their precision ("20,1 %",
    "6,22 (11,53 %)"), its column headings with the homes under each area."""
    _, tables = notat[fmt]
    assert len(tables) == 1
    header, *rows = tables[0]
    assert header == BILAG_2_HEADER
    assert rows == BILAG_2


@pytest.mark.parametrize("fmt", FORMATS)
def test_process_plan_003_text(plan: dict[str, tuple[list[str], list[Table]]], fmt: str) -> None:
    """The plan's date line, title, introduction and list as written, and nothing else
    outside its table (no case number, no headings of udv's, no timeline)."""
    blocks, _ = plan[fmt]
    assert sentences(blocks) == sentences(PROCESPLAN_003)


@pytest.mark.parametrize("fmt", FORMATS)
def test_process_plan_003_table(plan: dict[str, tuple[list[str], list[Table]]], fmt: str) -> None:
    """One table with the plan's four columns; every cell as the plan wrote it."""
    _, tables = plan[fmt]
    assert len(tables) == 1
    header, *rows = tables[0]
    assert header == PLAN_003_HEADER
    assert rows == PLAN_003


# -- the texts above are the seeds' --------------------------------------------------------


def _seed_words(name: str) -> str:
    text = (SEEDS / name).read_text(encoding="utf-8")
    text = re.sub(r"(?<=[a-zæøå])-\s*\n\s*(?=[a-zæøå])", "", text)  # "Myn-\ndighed"
    text = re.sub(r"(?<=[A-ZÆØÅa-zæøå])-\s*\n\s*(?=[A-ZÆØÅ])", "-", text)  # "MED-\naftalen"
    text = re.sub(r"/[ \t]*\n\s*", "/", text)  # "Stadionparken/\nBroagervej" in a narrow cell
    return norm(text.replace("\uf0b7", " ").replace("•", " "))


@pytest.mark.parametrize(
    ("seed", "blocks", "tables"),
    [
        ("004_cc89f899cc70304b.txt", NOTAT_004, [BILAG_2_HEADER, *BILAG_2]),
        ("003_c6d4905e8b3bbcf6.txt", PROCESPLAN_003, [PLAN_003_HEADER, *PLAN_003]),
    ],
)
def test_texts_are_the_seeds(seed: str, blocks: list[str], tables: list[list[str]]) -> None:
    """Every block is in its seed as written; every word of every cell is in the seed
    (a flattened table's cells are not contiguous in the PDF text)."""
    text = _seed_words(seed)
    assert [b for b in blocks if norm(b) not in text] == []
    vocabulary = set(text.split())
    loose = {w for row in tables for cell in row for w in cell.split() if w not in vocabulary}
    # A cell's first word may be glued to the PDF's table layout ("(100%)" stands alone).
    assert {w for w in loose if w not in text} == set()


def test_process_plan_003_columns_are_measured_in_word(tmp_path: Path) -> None:
    """The plan's table in Word gets widths from its text like every table (a track cell
    merged down its rows once left it at pandoc's four equal columns): the narrow track
    column, the wide Tiltag."""
    from docx import Document
    from docx.oxml.ns import qn

    target = tmp_path / "plan.docx"
    assert run([*PLAN, "--root", str(REPO), "-o", str(target)]) == 0
    grid = Document(str(target)).tables[0]._tbl.tblGrid.findall(qn("w:gridCol"))
    track, initiative, *_ = [int(column.get(qn("w:w"))) for column in grid]
    assert track < initiative
