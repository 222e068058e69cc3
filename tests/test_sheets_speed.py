"""The status round does once what it used to do per cell, per row or per sheet (issue 29).

Each test counts the work it is about, so it fails on the code that repeated it; none is
timed. That the output stays the same is held by the other sheet tests (the workbook's
cells, styles, print settings; the import's dry run and files).
"""

from __future__ import annotations

import marshal
import os
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.styles.styleable import StyleDescriptor

from sheetkit import SMALL_PLAN, build
from udvikling.chrono import view_at
from udvikling.load import load
from udvikling.sheets import manifest, twocores, workbook
from udvikling.sheets.export import sent_sheet, write_round
from udvikling.sheets.rows import OwnerSheet, Round, build_sheets
from udvikling.sheets.workbook import guide_lines, workbook_bytes

AS_OF = date(2025, 3, 1)


@pytest.fixture
def sheets(tmp_path: Path) -> tuple[list[OwnerSheet], Round]:
    root = build(tmp_path / "plan", SMALL_PLAN)
    dataset = load(root).dataset
    assert dataset is not None
    round_ = Round("Kommunen", "Statusrunden", AS_OF, AS_OF)
    return build_sheets(dataset, view_at(AS_OF, clock=AS_OF)), round_


def _style_lookups(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the styles (font, fill, border, alignment, protection) given to cells: openpyxl
    hashes each one to find it in the workbook's tables."""
    calls = [0]
    give = StyleDescriptor.__set__

    def counted(self: Any, instance: Any, value: Any) -> None:
        calls[0] += 1
        give(self, instance, value)

    monkeypatch.setattr(StyleDescriptor, "__set__", counted)
    return calls


def test_each_look_is_given_to_openpyxl_once_per_workbook(
    sheets: tuple[list[OwnerSheet], Round], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guide's lines, the headings and each column's first cell share a few looks;
    styling every one of those cells attribute by attribute looked each style up again
    (the guide alone has 30 lines of 2 styles each)."""
    owners, round_ = sheets
    sheet = next(s for s in owners if s.rows)
    entry = sent_sheet(sheet, "statusark-x.xlsx", "xlsx", round_)
    calls = _style_lookups(monkeypatch)
    workbook_bytes(sheet, round_, entry)
    # 3 looks of the guide (2 styles each), 2 of the headings (4 each) and 2 of the rows'
    # cells (4 and 5): 30 in all, however many lines, columns and rows (before: 160).
    assert len(guide_lines(sheet, round_)) >= 20
    assert calls[0] <= 30, calls[0]


def test_the_sealing_key_is_read_once_per_round(
    sheets: tuple[list[OwnerSheet], Round], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    owners, round_ = sheets
    reads = [0]

    def key() -> bytes:
        reads[0] += 1
        return b"k" * 32

    monkeypatch.setattr(manifest, "sealing_key", key)
    monkeypatch.setattr(workbook, "sealing_key", key)
    written = write_round(owners, round_, "xlsx", tmp_path / "ud")
    assert len(written.files) >= 2
    assert reads[0] == 1


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two cores, and a child for any amount of work (the test plans are small)."""
    monkeypatch.setattr(twocores, "jobs", lambda: 2)
    monkeypatch.setattr(twocores, "MIN_ROWS", 0)


def _cells(path: Path) -> list[Any]:
    book = openpyxl.load_workbook(path)
    return [
        (ws.title, ws.sheet_state, c.coordinate, c.value, c.style_id, repr(c.font))
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
    ]


def test_the_workbooks_are_made_on_two_cores_the_same(
    sheets: tuple[list[OwnerSheet], Round],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    two_cores: None,
) -> None:
    owners, round_ = sheets
    monkeypatch.setattr(workbook, "sealing_key", lambda: b"k" * 32)
    monkeypatch.setattr(manifest, "sealing_key", lambda: b"k" * 32)
    made_here = [0]
    make = workbook.workbook_bytes

    def counted(*args: Any) -> bytes:
        made_here[0] += 1
        return make(*args)

    monkeypatch.setattr(workbook, "workbook_bytes", counted)
    both = write_round(owners, round_, "xlsx", tmp_path / "two")
    assert 0 < made_here[0] < len(both.files)  # the others were made by the child
    monkeypatch.setattr(twocores, "jobs", lambda: 1)
    made_here[0] = 0
    one = write_round(owners, round_, "xlsx", tmp_path / "one")
    assert made_here[0] == len(one.files)  # all here, one after another
    assert [p.name for p, _ in both.files] == [p.name for p, _ in one.files]
    for (two_path, _), (one_path, _) in zip(both.files, one.files, strict=True):
        assert _cells(two_path) == _cells(one_path)
    assert (tmp_path / "two" / "udsendelse.json").read_bytes() == (
        tmp_path / "one" / "udsendelse.json"
    ).read_bytes()


def test_a_child_that_fails_leaves_its_share_to_this_process(two_cores: None) -> None:
    parent = os.getpid()

    def work(item: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return item * item

    items = list(range(7))
    assert twocores.each(items, work, [1] * 7) == [i * i for i in items]


def test_the_child_does_its_share_and_results_keep_their_order(two_cores: None) -> None:
    items = list(range(9))
    done = twocores.each(items, lambda i: (i, os.getpid()), [i + 1 for i in items], list, tuple)
    assert [i for i, _ in done] == items
    assert {pid for _, pid in done} == {os.getpid(), next(p for _, p in done if p != os.getpid())}


def test_halves_share_the_weight() -> None:
    mine, theirs = twocores.halves([198, 50, 49, 48, 48, 25, 25, 25, 24, 24, 24])
    weights = [198, 50, 49, 48, 48, 25, 25, 25, 24, 24, 24]
    assert sorted(mine + theirs) == list(range(11))
    assert abs(sum(weights[i] for i in mine) - sum(weights[i] for i in theirs)) <= 48


def _imported(
    plan: Path, files: list[Path], *, dry_run: bool = True
) -> tuple[list[Any], list[Any], int]:
    from udvikling.sheets.answers import Options
    from udvikling.sheets.post import import_answers

    result = import_answers(plan, files, Options(date(2025, 3, 20), None, False), None, dry_run)
    postings = [(p.path, p.initiative, p.fields, p.row.where) for p in result.checked.postings]
    return postings, [p.line() for p in result.problems], result.sheets


def test_the_returned_sheets_are_read_on_the_other_core_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, two_cores: None
) -> None:
    """The child reads the sheets while this process loads (and lints) the plan: this
    process reads none of them, and the answers and problems are those read here."""
    from sheetkit import answered_round
    from udvikling.sheets import handover

    plan, out, answered = answered_round(
        tmp_path,
        {(2, "Ny opdatering"): "Sendt i høring.", (2, "Perioden den vedrører"): "marts 2025"},
        AS_OF,
    )
    broken = tmp_path / "ødelagt.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    files = [answered, out / "statusark-oekonomichef.xlsx", broken]

    read_here = [0]
    read_one = handover.read_cells

    def counted(path: Path, label: str | None = None) -> Any:
        read_here[0] += 1
        return read_one(path, label)

    monkeypatch.setattr(handover, "read_cells", counted)
    both = _imported(plan, files)
    assert read_here[0] == 0  # all read by the child
    monkeypatch.setattr(twocores, "jobs", lambda: 1)
    one = _imported(plan, files)
    assert read_here[0] == len(files)
    assert both == one
    assert one[0] and one[1]  # an answer, and the broken file's problem


def test_sheets_packed_and_unpacked_are_the_same(tmp_path: Path) -> None:
    from sheetkit import answered_round
    from udvikling.sheets.handover import pack_sheets, read_sheets, unpack_sheets
    from udvikling.sheets.read import settle

    _, _, answered = answered_round(
        tmp_path, {(2, "Ny opdatering"): "=1+1", (2, "Ny status"): "I gang"}, AS_OF
    )
    sheets = read_sheets([answered, tmp_path / "findes-ikke.xlsx"])
    assert sheets[0].embedded is not None and sheets[0].rows  # the entry, not yet checked
    assert unpack_sheets(marshal.loads(marshal.dumps(pack_sheets(sheets)))) == sheets
    settled = settle(sheets)
    assert settled[0].sent is not None and settled[0].embedded is None
    assert unpack_sheets(marshal.loads(marshal.dumps(pack_sheets(settled)))) == settled


def test_work_started_later_is_the_childs_or_done_here(two_cores: None) -> None:
    parent = os.getpid()
    later = twocores.Later.start(lambda: [os.getpid(), 7], list, list)
    got = later.result()
    assert got[1] == 7 and got[0] != parent  # done by the child

    def fails_in_child() -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return [parent]

    assert twocores.Later.start(fails_in_child, list, list).result() == [parent]
    unused = twocores.Later.start(lambda: [1], list, list)
    unused.stop()
    assert unused.result() == [1]  # stopped: done here if asked after all


def test_a_failure_here_stops_the_child_and_is_raised(two_cores: None) -> None:
    parent = os.getpid()

    def work(item: int) -> int:
        if os.getpid() == parent:
            raise ValueError("a bug here")
        return item

    with pytest.raises(ValueError, match="a bug here"):
        twocores.each(list(range(6)), work, [1] * 6)


def test_a_big_plan_is_not_linted_for_sheets_that_stop_the_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, two_cores: None
) -> None:
    """While the sheets are read, a small plan may be linted ahead; a big one is not: a
    sheet with an error stops the import before any lint."""
    import udvikling.lint
    from udvikling.sheets import post

    plan = build(tmp_path / "plan", SMALL_PLAN)
    broken = tmp_path / "ødelagt.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    linted = [0]
    lint_loaded = udvikling.lint.lint_loaded

    def counted(*args: Any) -> Any:
        linted[0] += 1
        return lint_loaded(*args)

    monkeypatch.setattr(udvikling.lint, "lint_loaded", counted)
    monkeypatch.setattr(post, "LINT_AHEAD_MAX", 0)
    postings, problems, _ = _imported(plan, [broken])
    assert not postings and problems
    assert linted[0] == 0


def test_a_rows_entry_in_the_round_is_found_without_searching_the_sheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each answered row's entry in the round was found by a search of all the sheet's rows,
    twice a row (and once an id for a file found by its rows): quadratic in the sheet's
    size. Now each sheet's rows are looked up by id, made once."""
    from sheetkit import fill
    from udvikling.sheets.manifest import SentSheet, find_sent

    plan = build(tmp_path / "plan", SMALL_PLAN)
    out = tmp_path / "ud"
    dataset = load(plan).dataset
    assert dataset is not None
    write_round(
        build_sheets(dataset, view_at(AS_OF, clock=AS_OF)),
        Round("K", "S", AS_OF, AS_OF),
        "xlsx",
        out,
    )
    answered = fill(
        out / "statusark-socialchef.xlsx",
        {(2, "Ny opdatering"): "Sendt i høring.", (3, "Ny opdatering"): "I gang."},
        tmp_path / "svar.xlsx",
    )
    searched = [0]
    row_for = SentSheet.row_for

    def counted(self: SentSheet, initiative: str) -> Any:
        searched[0] += 1
        return row_for(self, initiative)

    monkeypatch.setattr(SentSheet, "row_for", counted)
    postings, problems, _ = _imported(plan, [answered])
    assert len(postings) == 2 and not problems
    sent = manifest.read_round(out / "udsendelse.json")
    ids = [r.id for r in sent[0].rows]
    assert find_sent(sent, ["andet-navn.xlsx"], ids) == (sent[0], None)
    assert searched[0] == 0
