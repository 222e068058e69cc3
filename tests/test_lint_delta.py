"""Comparing two plans' lint (udv diff, udv sheet import): only the findings that differ are
given their line and column, and the answer is the one every finding placed would give."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

import udvikling.yamlsrc  # noqa: F401  (it gives the filler of deferred positions)
from conftest import shipped_plan
from udvikling import sourcemap
from udvikling.findings import sort_findings
from udvikling.lint import lint_found, lint_loaded
from udvikling.load import Loaded, load
from udvikling.reload import reload
from udvikling.review.compare import lint_delta, placer

TODAY = date(2024, 10, 1)
RECORD = "data/initiatives/ny-styringsmodel.yaml"


@pytest.fixture
def fills(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose positions were read (deferred positions filled), in order."""
    seen: list[str] = []
    real = sourcemap._filler
    assert real is not None

    def counted(path: str, *rest: Any) -> None:
        seen.append(path)
        real(path, *rest)

    monkeypatch.setattr(sourcemap, "_filler", counted)
    return seen


def _warm(cache: Path, root: Path) -> Loaded:
    """The plan loaded from the kept records: no file's positions read yet."""
    load(root)
    loaded = load(root)
    assert loaded.dataset is not None
    assert all(s.deferred for rel, s in loaded.dataset.sources.items() if rel != "udvikling.yaml")
    return loaded


def _with_new_warning(before: Loaded) -> Loaded:
    """``before`` with one more finding: a second waiver in the record's file, unused."""
    root = before.root
    text = (root / RECORD).read_text(encoding="utf-8")
    assert text.count("waivers:\n") == 1
    changed = text.replace("waivers:\n", "waivers:\n  - code: UDV601\n    reason: Prøve.\n")
    return reload(before, {RECORD: changed.encode("utf-8")})


def test_the_same_findings_on_both_sides_read_no_positions(
    cache: Path, tmp_path: Path, fills: list[str]
) -> None:
    root = shipped_plan(tmp_path / "plan")
    before, after = _warm(cache, root), _warm(cache, root)
    found, found_after = lint_found(before, TODAY), lint_found(after, TODAY)
    assert found, "the shipped plan has findings to compare"
    fills.clear()
    introduced, fixed = lint_delta(found, found_after, {}, (placer(before), placer(after)))
    assert (introduced, fixed) == ([], [])
    assert fills == []


def test_only_what_differs_is_placed_and_the_answer_is_the_placed_one(
    cache: Path, tmp_path: Path, fills: list[str]
) -> None:
    root = shipped_plan(tmp_path / "plan")
    before = _warm(cache, root)
    after = _with_new_warning(before)
    found, found_after = lint_found(before, TODAY), lint_found(after, TODAY)
    fills.clear()
    quick = lint_delta(found, found_after, {}, (placer(before), placer(after)))
    assert set(fills) <= {RECORD}
    placed = lint_delta(lint_loaded(before, TODAY), lint_loaded(after, TODAY), {})
    assert quick == placed
    introduced, fixed = quick
    assert [(f.path, f.code) for f in introduced] == [(RECORD, "UDV903")] and not fixed
    assert introduced[0].line > 1  # at the waiver, not at the top of the file


def test_lint_found_gives_lint_loaded_s_findings(cache: Path, tmp_path: Path) -> None:
    root = shipped_plan(tmp_path / "plan")
    loaded = _warm(cache, root)
    found = lint_found(loaded, TODAY)
    dataset = loaded.dataset
    assert dataset is not None
    placed = lint_loaded(loaded, TODAY)
    assert placed == sort_findings(dataset.place(f) for f in found)
