"""A plan loaded again with some files changed is the plan the loader gives with them, and a
plan is linted once however often it is asked."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from udvikling.findings import sort_findings
from udvikling.lint import keep_lint, lint_found, lint_loaded
from udvikling.load import Loaded, filesystem_reader, load
from udvikling.reload import reload

REPO = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 23)
INIT = "data/initiatives"


def _shipped(tmp_path: Path) -> Path:
    root = tmp_path / "plan"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "udvikling.yaml", root / "udvikling.yaml")
    return root


def _fresh(root: Path, texts: dict[str, bytes]) -> Loaded:
    """What reload replaces: every file read again, the changed ones from ``texts``."""
    base = filesystem_reader(root)
    return load(root, reader=lambda rel: texts[rel] if rel in texts else base(rel))


def _same(a: Loaded, b: Loaded) -> None:
    assert a.findings == b.findings
    assert a.dataset is not None and b.dataset is not None
    for attr in ("initiatives", "meetings", "indicators", "reports"):
        assert list(getattr(a.dataset, attr).items()) == list(getattr(b.dataset, attr).items())
    assert a.dataset.broken == b.dataset.broken
    assert a.dataset.unvalidated == b.dataset.unvalidated
    assert list(a.dataset.sources) == list(b.dataset.sources)
    for rel, source in a.dataset.sources.items():
        assert source.values == b.dataset.sources[rel].values, rel
    assert a.dataset.config == b.dataset.config
    assert lint_loaded(a, TODAY) == lint_loaded(b, TODAY)


def _changes(root: Path) -> dict[str, bytes]:
    """A new journal entry, a broken file, a record that no longer validates, and a
    reference to an initiative that is not there."""
    files = sorted((root / INIT).glob("*.yaml"))
    texts: dict[str, bytes] = {}
    first = files[0].read_text(encoding="utf-8")
    texts[f"{INIT}/{files[0].name}"] = (
        first.rstrip("\n") + "\nupdates:\n  - date: 2026-11-01\n    text: Nyt.\n"
        if "\nupdates:" not in first
        else first.replace("\nupdates:\n", "\nupdates:\n  - date: 2026-11-01\n    text: Nyt.\n")
    ).encode()
    texts[f"{INIT}/{files[1].name}"] = b"title: [ikke lukket\n"
    texts[f"{INIT}/{files[2].name}"] = files[2].read_bytes() + b"ukendt_felt: 1\n"
    texts[f"{INIT}/{files[3].name}"] = files[3].read_bytes() + b"depends_on: [findes-ikke]\n"
    return texts


def test_reload_is_the_plan_loaded_with_the_changes(tmp_path: Path) -> None:
    root = _shipped(tmp_path)
    (root / "data" / "initiatives" / "gammel.yml").write_text("title: x\n", encoding="utf-8")
    before = load(root)
    texts = _changes(root)
    again = reload(before, texts)
    _same(again, _fresh(root, texts))
    assert any(f.path.endswith("gammel.yml") for f in again.findings)
    # Every file the answers did not touch keeps its record object (so a comparison of
    # the two plans skips it at once); the changed ones are read again.
    assert before.dataset is not None and again.dataset is not None
    kept = [rel for rel in before.dataset.sources if rel not in texts and rel.startswith(INIT)]
    for rel in kept:
        stem = rel.rpartition("/")[2].removesuffix(".yaml")
        assert again.dataset.initiatives[stem] is before.dataset.initiatives[stem]


def test_reload_of_a_broken_file_made_good(tmp_path: Path) -> None:
    root = _shipped(tmp_path)
    path = sorted((root / INIT).glob("*.yaml"))[0]
    good = path.read_bytes()
    path.write_bytes(b"title: [ikke lukket\n")
    before = load(root)
    texts = {f"{INIT}/{path.name}": good}
    _same(reload(before, texts), _fresh(root, texts))


def test_reload_of_the_configuration_reads_everything(tmp_path: Path) -> None:
    root = _shipped(tmp_path)
    before = load(root)
    texts = {"udvikling.yaml": (root / "udvikling.yaml").read_bytes() + b"\n# ny linje\n"}
    _same(reload(before, texts), _fresh(root, texts))


def test_a_plan_is_linted_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import udvikling.rules

    root = _shipped(tmp_path)
    loaded = load(root)
    runs: list[date] = []
    real = udvikling.rules.run_rules

    def counted(dataset: object, context: udvikling.rules.Context, **how: bool) -> list[object]:
        runs.append(context.today)
        return real(dataset, context, **how)  # type: ignore[arg-type]

    monkeypatch.setattr(udvikling.rules, "run_rules", counted)
    first = lint_loaded(loaded, TODAY)
    first.clear()  # the caller's copy: the next caller gets the findings again
    again = lint_loaded(loaded, TODAY)
    assert again == lint_loaded(loaded, TODAY) and again
    assert runs == [TODAY]
    lint_loaded(loaded, date(2026, 1, 5))
    assert runs == [TODAY, date(2026, 1, 5)]
    # A copy with another plan is linted afresh.
    lint_loaded(replace(loaded, findings=[]), TODAY)
    assert runs == [TODAY, date(2026, 1, 5), TODAY]
    # Found for a comparison (unplaced) and then shown: the rules run once either way.
    assert lint_found(loaded, TODAY) == again
    other = replace(loaded, findings=[])
    found = lint_found(other, date(2027, 1, 4))
    assert runs[-1] == date(2027, 1, 4)
    assert lint_loaded(other, date(2027, 1, 4)) == sort_findings(
        other.dataset.place(f)
        for f in found  # type: ignore[union-attr]
    )
    assert runs == [TODAY, date(2026, 1, 5), TODAY, date(2027, 1, 4)]


def test_a_plan_without_findings_is_linted_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty answer is an answer: a plan whose lint (made in another process, as the
    status round makes it) found nothing is not linted again when it is compared."""
    import udvikling.rules

    loaded = replace(load(_shipped(tmp_path)), findings=[])
    runs: list[date] = []

    def nothing(dataset: object, context: udvikling.rules.Context, **how: bool) -> list[object]:
        runs.append(context.today)
        return []

    monkeypatch.setattr(udvikling.rules, "run_rules", nothing)
    keep_lint(loaded, TODAY, [])
    assert lint_found(loaded, TODAY) == []
    assert lint_loaded(loaded, TODAY) == []
    assert runs == []
