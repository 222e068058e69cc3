"""The status round does once what it used to do per cell, per row or per sheet (issue 29).

Each test counts the work it is about, so it fails on the code that repeated it; none is
timed. That the output stays the same is held by the other sheet tests (the workbook's
cells, styles, print settings; the import's dry run and files).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl.styles.styleable import StyleDescriptor

from sheetkit import SMALL_PLAN, build
from udvikling.chrono import view_at
from udvikling.load import load
from udvikling.sheets import manifest, workbook
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
