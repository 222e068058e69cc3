"""`udv sheet import` starts reading the returned sheets on the other core before it imports
the plan's models, and that reading imports neither them nor pydantic (issue 29: the child
used to be forked after the models were imported, so the sheets were read late and the
import waited for them).

The workbook's own manifest entry is checked in the process that has the models
(:func:`udvikling.sheets.read.settle`), with the same result and the same problem, in the
same place, as when it was checked where it was read.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from sheetkit import answered_round
from udvikling.sheets.read import read_cells, read_sheet, settle

AS_OF = date(2025, 3, 1)
SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture
def answered(tmp_path: Path) -> tuple[Path, Path]:
    """A plan and an answered workbook of its round."""
    plan, _, sheet = answered_round(
        tmp_path,
        {(2, "Ny opdatering"): "Sendt i høring.", (2, "Perioden den vedrører"): "marts 2025"},
        AS_OF,
    )
    return plan, sheet


def _python(code: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = dict(os.environ, PYTHONPATH=str(SRC), **env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=environ, capture_output=True, text=True
    )


def test_reading_a_returned_sheet_imports_neither_pydantic_nor_the_models(
    answered: tuple[Path, Path], tmp_path: Path
) -> None:
    _, sheet = answered
    code = f"""
import json, sys
from pathlib import Path
from udvikling.sheets.handover import read_sheets
sheets = read_sheets([Path({str(sheet)!r})])
print(json.dumps([len(sheets[0].rows), sheets[0].embedded is not None,
                  sorted(m for m in sys.modules if m.startswith(("pydantic", "udvikling.model")))]))
"""
    done = _python(code, tmp_path)
    assert done.returncode == 0, done.stderr
    rows, has_entry, imported = json.loads(done.stdout)
    assert rows and has_entry
    assert imported == []


def test_the_import_forks_its_reader_before_it_imports_pydantic(
    answered: tuple[Path, Path], tmp_path: Path
) -> None:
    plan, sheet = answered
    code = f"""
import sys
from udvikling.sheets import twocores
forks = []
start = twocores._Child.start.__func__
def spy(cls, *args):
    forks.append("pydantic" in sys.modules)
    return start(cls, *args)
twocores._Child.start = classmethod(spy)
from udvikling.cli import run
code = run(["sheet", "import", {str(sheet)!r}, "--dry-run", "--root", {str(plan)!r},
           "--manifest", {str(tmp_path / "ud" / "udsendelse.json")!r}])
print("FORKS", forks, code, file=sys.stderr)
"""
    done = _python(code, tmp_path, UDV_JOBS="2", UDV_CACHE_DIR=str(tmp_path / "cache"))
    assert "Ville indlæse 1 svar fra 1 ark." in done.stdout, done.stdout + done.stderr
    # The first child reads the sheets (a second may lint the plan, once it is loaded).
    assert "FORKS [False" in done.stderr and done.stderr.rstrip().endswith(" 0"), done.stderr


def test_a_damaged_entry_is_reported_where_it_was_read(tmp_path: Path) -> None:
    """The warning about a damaged manifest entry comes before what is found after it (here:
    no sheet with the answers), as when the entry was checked on reading it."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Andet"
    book.create_sheet("udv")["A1"] = '{"udv": "ikke json'
    path = tmp_path / "beskadiget.xlsx"
    book.save(path)
    cells = read_cells(path)
    assert cells.embedded is not None and cells.sent is None
    problems = [(p.severity, p.message) for p in read_sheet(path).problems]
    assert [s for s, _ in problems] == ["warning", "error"]
    assert "beskadiget" in problems[0][1] and "Tiltag" in problems[1][1]
    assert settle([cells])[0].problems == read_sheet(path).problems


def test_the_entry_is_checked_with_one_read_of_the_key(
    answered: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from udvikling.sheets import manifest

    _, sheet = answered
    reads = [0]
    key = manifest.sealing_key

    def counted() -> bytes | None:
        reads[0] += 1
        return key()

    monkeypatch.setattr(manifest, "sealing_key", counted)
    sheets = settle([read_cells(sheet), read_cells(sheet), read_cells(sheet)])
    assert reads[0] == 1
    assert all(s.sent is not None and s.sealed == sheets[0].sealed for s in sheets)
    assert sheets[0] == read_sheet(sheet)


def test_the_plan_is_linted_on_the_other_core_while_the_answers_are_checked(
    answered: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answers' check needs the plan's lint from before them; with two cores a child
    makes it while this process checks and places the answers, and this process lints only
    the plan with the answers. The result is the same as with one core."""
    import udvikling.rules
    from udvikling.sheets import post, twocores
    from udvikling.sheets.answers import Options

    plan, sheet = answered
    rounds = tmp_path / "ud" / "udsendelse.json"
    options = Options(date(2025, 3, 20), None, False)
    linted = [0]
    run_rules = udvikling.rules.run_rules

    def counted(*args: object, **kwargs: object) -> object:
        linted[0] += 1
        return run_rules(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(udvikling.rules, "run_rules", counted)
    monkeypatch.setattr(twocores, "jobs", lambda: 2)
    sheets = settle([read_cells(sheet)])

    class Read:  # the sheets already read, as the other core hands them over
        def pending(self) -> bool:
            return False

        def result(self) -> object:
            return sheets

        def stop(self) -> None:
            pass

    both = post.import_answers(plan, [sheet], options, rounds, True, Read())  # type: ignore[arg-type]
    assert linted[0] == 1  # the plan with the answers; the plan before: by the child
    monkeypatch.setattr(twocores, "jobs", lambda: 1)
    one = post.import_answers(plan, [sheet], options, rounds, True, Read())  # type: ignore[arg-type]
    assert linted[0] == 3
    assert both.prepared is not None and one.prepared is not None
    assert both.prepared.files == one.prepared.files
    assert [p.line() for p in both.problems] == [p.line() for p in one.problems]
    assert both.prepared.before.linted == one.prepared.before.linted
