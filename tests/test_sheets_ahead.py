"""A full status round imported with the work spread over the wait and both cores (issue 29).

- While the other core still reads the returned sheets, the import works out from the plan
  alone what every answered row needs later: each record's fingerprint and where a new entry
  goes in its file (:mod:`udvikling.sheets.ahead`). Used only for the very record and the
  very bytes it was worked out for.
- With many answered files and ``--dry-run``, the plan with the answers is linted on the
  other core while this one compares the records for the report; the report shows the lint
  delta the answers were checked with (one answer, computed once).

The outcome is the same as with one process and nothing worked out ahead.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sheetkit import REPO, shipped_plan, udv
from udvikling.load import load
from udvikling.sheets import ahead as ahead_module
from udvikling.sheets import post
from udvikling.sheets.ahead import Ahead
from udvikling.sheets.manifest import record_state
from udvikling.sheets.yamltext import insert_entry, place_of

sys.path.insert(0, str(REPO / "bench"))
import latency

AS_OF = "2024-10-01"
FIELDS = [("date", "2026-12-01"), ("text", "Arbejdet fortsætter som planlagt.")]


@pytest.fixture
def round_answered(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, list[Path]]:
    """A copy of the shipped plan and its round, every row answered as the benchmark does."""
    plan = shipped_plan(tmp_path / "plan")
    out = tmp_path / "ud"
    code, _, err = udv(
        capsys, "sheet", "export", "--root", str(plan), "-o", str(out), "--as-of", AS_OF
    )
    assert code == 0, err
    answered = latency.answer_round(out, tmp_path / "svar")
    # The sheets' manifest is found next to them.
    (tmp_path / "svar" / "udsendelse.json").write_bytes((out / "udsendelse.json").read_bytes())
    return plan, answered


@pytest.fixture
def alone_then_two(
    round_answered: tuple[Path, list[Path]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[Path, list[Path], str]:
    """The round, its dry run's report on one core, and two cores from here on (the plan
    with the answers linted on the other one, however few the answered files)."""
    plan, sheets = round_answered
    monkeypatch.setenv("UDV_JOBS", "1")
    alone = dry_run(capsys, plan, sheets)
    assert "Ville indlæse" in alone and "ny opdatering" in alone
    monkeypatch.setenv("UDV_JOBS", "2")
    monkeypatch.setattr(post, "BESIDE_MIN", 1)
    return plan, sheets, alone


def dry_run(capsys: pytest.CaptureFixture[str], plan: Path, sheets: list[Path]) -> str:
    code, out, err = udv(
        capsys, "sheet", "import", "--root", str(plan), *map(str, sheets), "--dry-run"
    )
    assert code == 0, out + err
    assert "Traceback" not in out + err
    return out


def test_the_report_is_the_same_on_one_core_and_on_two(
    alone_then_two: tuple[Path, list[Path], str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plan, sheets, alone = alone_then_two
    started: list[int] = []
    real = post._delta_beside

    def counted(*args: Any) -> Any:
        started.append(1)
        return real(*args)

    monkeypatch.setattr(post, "_delta_beside", counted)
    assert dry_run(capsys, plan, sheets) == alone
    assert started == [1]


def test_a_child_that_sends_garbage_changes_nothing(
    alone_then_two: tuple[Path, list[Path], str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plan, sheets, alone = alone_then_two
    for garbage in ("x", ((1, 2),), (("a",), ())):
        monkeypatch.setattr(post, "_delta_rows", lambda _delta, g=garbage: g)
        assert dry_run(capsys, plan, sheets) == alone


def test_the_lint_delta_is_worked_out_once_for_the_check_and_the_report(
    round_answered: tuple[Path, list[Path]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from udvikling.review import compare

    plan, sheets = round_answered
    monkeypatch.setenv("UDV_JOBS", "1")
    calls: list[int] = []
    real = compare.lint_delta

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(compare, "lint_delta", counted)
    dry_run(capsys, plan, sheets)
    assert len(calls) == 1


def test_work_ahead_stops_when_the_sheets_are_there(tmp_path: Path) -> None:
    plan = shipped_plan(tmp_path / "plan")
    dataset = load(plan).dataset
    assert dataset is not None
    asked = iter([True, True, True, False])
    ahead = Ahead(dataset)
    ahead.fill(lambda: next(asked))
    records = list(dataset.initiatives.values())
    assert len(ahead._states) == 3 and len(ahead._places) == 3
    assert [ahead._states[r.id][1] for r in records[:3]] == [record_state(r) for r in records[:3]]


def test_what_was_worked_out_is_used_only_for_the_same_record_and_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = shipped_plan(tmp_path / "plan")
    dataset = load(plan).dataset
    assert dataset is not None
    ahead = Ahead(dataset)
    ahead.fill(lambda: True)
    record = dataset.initiatives["ny-styringsmodel"]
    made: list[object] = []
    monkeypatch.setattr(ahead_module, "record_state", lambda r: made.append(r) or "anew")
    assert ahead.state(record) == record_state(record) and made == []
    copy = record.model_copy(update={"updates": record.updates[:-1]})
    assert ahead.state(copy) == "anew" and made == [copy]
    raw = (plan / record.path).read_bytes()
    assert ahead.place(record.path, raw) == place_of(raw.decode("utf-8"))
    assert ahead.place(record.path, raw + b"# later\n") is None
    assert ahead.place("data/initiatives/none.yaml", raw) is None


def test_a_file_changed_after_the_work_ahead_is_written_from_its_new_bytes(
    tmp_path: Path,
) -> None:
    from udvikling.sheets.answers import Posting

    plan = shipped_plan(tmp_path / "plan")
    before = load(plan)
    assert before.dataset is not None
    ahead = Ahead(before.dataset)
    ahead.fill(lambda: True)
    record = before.dataset.initiatives["ny-styringsmodel"]
    path = plan / record.path
    # A comment put at the top after the work ahead moves every line down.
    changed = b"# Rettet i haanden.\n# Endnu en linje.\n" + path.read_bytes()
    path.write_bytes(changed)
    from udvikling.model import Update

    entry = Update.model_validate({"date": "2026-12-01", "text": FIELDS[1][1]})
    posting = Posting(record.id, record.path, entry, tuple(FIELDS), None, None)  # type: ignore[arg-type]
    prepared = post.prepare(before, [posting], date(2026, 12, 7), ahead=ahead)
    expected = insert_entry(changed.decode("utf-8"), FIELDS)
    assert not isinstance(expected, str)
    assert prepared.files[record.path] == (changed, expected.text.encode("utf-8"))


def test_an_entry_placed_ahead_is_the_entry_placed_now(tmp_path: Path) -> None:
    plan = shipped_plan(tmp_path / "plan")
    texts = [p.read_text(encoding="utf-8") for p in sorted(plan.glob("data/initiatives/*.yaml"))]
    texts += [
        "title: Uden journal\nstatus: i-gang\n# sidste linje uden linjeskift",
        "\ufefftitle: Med BOM\r\nupdates:\r\n  - date: 2024-01-01\r\n    text: x\r\n",
        "updates: [a, b]\n",
        "updates: 3\n",
        "- en liste\n",
        "title: [\n",
    ]
    for text in texts:
        assert insert_entry(text, FIELDS, place_of(text)) == insert_entry(text, FIELDS)
