"""The export's workbooks made by workers made ready while the plan loads (issue 29: this
process imported openpyxl, a fifth of a second, after loading the plan and before the
workbooks could be made; now a child imports it meanwhile and makes them, with a second
child for half of them).

The workbooks are those made here; whatever a child does not send back is made here; the
parent never imports openpyxl when the children work. None of it is timed.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sheetkit import SMALL_PLAN, build
from udvikling.chrono import view_at
from udvikling.load import load
from udvikling.sheets import standby
from udvikling.sheets.export import start_workbooks, write_round
from udvikling.sheets.rows import (
    OwnerSheet,
    Round,
    build_sheets,
    pack_round,
    pack_sheet,
    unpack_round,
    unpack_sheet,
)
from udvikling.sheets.standby import Standby

AS_OF = date(2025, 3, 1)
SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two cores, and two workers for any amount of work (the test plans are small)."""
    monkeypatch.setattr(standby, "jobs", lambda: 2)
    monkeypatch.setattr(standby, "MIN_ROWS", 0)


@pytest.fixture
def owners(tmp_path: Path) -> list[OwnerSheet]:
    plan = build(tmp_path / "plan", SMALL_PLAN)
    dataset = load(plan).dataset
    assert dataset is not None
    return build_sheets(dataset, view_at(AS_OF, clock=AS_OF))


def _parts(path: Path) -> dict[str, bytes]:
    """A workbook's parts, the times it was made masked (they differ by the second)."""
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as book:
        return {
            name: re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"T", book.read(name))
            for name in book.namelist()
        }


def test_the_workers_make_the_same_workbooks(
    owners: list[OwnerSheet], tmp_path: Path, two_cores: None
) -> None:
    round_ = Round("K", "S", AS_OF, AS_OF, report="r", report_title="R", notice="n")
    workers = start_workbooks()
    assert workers is not None
    made = write_round(owners, round_, "xlsx", tmp_path / "to", None, workers)
    here = write_round(owners, round_, "xlsx", tmp_path / "her")
    assert len(made.files) == len(here.files) >= 2
    for (a, _), (b, _) in zip(made.files, here.files, strict=True):
        assert a.name == b.name and _parts(a) == _parts(b)
    assert (tmp_path / "to" / "udsendelse.json").read_bytes() == (
        tmp_path / "her" / "udsendelse.json"
    ).read_bytes()


def test_sheets_and_rounds_packed_and_unpacked_are_the_same(owners: list[OwnerSheet]) -> None:
    import marshal

    for sheet in owners:
        assert unpack_sheet(marshal.loads(marshal.dumps(pack_sheet(sheet)))) == sheet
    assert any(r.last_day is not None for s in owners for r in s.rows)
    for round_ in (Round("K", "S", AS_OF, date(2025, 4, 2)), Round("K", "S", AS_OF, AS_OF, "r")):
        assert unpack_round(marshal.loads(marshal.dumps(pack_round(round_)))) == round_


def _work(context: Any, item: Any) -> Any:
    return (context, item * 2, os.getpid())


def test_the_work_is_shared_by_two_children_in_order(two_cores: None) -> None:
    workers = Standby.start(lambda: None, _work)
    assert workers is not None
    done = workers.run("k", list(range(7)), [1, 5, 1, 1, 3, 1, 1])
    assert [(c, v) for c, v, _ in done] == [("k", i * 2) for i in range(7)]
    pids = {pid for _, _, pid in done}
    assert os.getpid() not in pids and len(pids) == 2


def test_little_work_goes_to_one_child(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(standby, "jobs", lambda: 2)
    workers = Standby.start(lambda: None, _work)
    assert workers is not None
    done = workers.run(None, [1, 2, 3], [1, 1, 1])  # under MIN_ROWS
    assert [v for _, v, _ in done] == [2, 4, 6]
    assert len({pid for _, _, pid in done} | {os.getpid()}) == 2


def test_what_a_child_does_not_send_is_made_here(two_cores: None) -> None:
    parent = os.getpid()

    def fails_in_a_child(context: Any, item: Any) -> Any:
        if os.getpid() != parent and item == 3:
            raise RuntimeError("the child fails")
        return (item, os.getpid())

    workers = Standby.start(lambda: None, fails_in_a_child)
    assert workers is not None
    done = workers.run(None, list(range(6)), [1] * 6)
    assert [v for v, _ in done] == list(range(6))
    assert done[3][1] == parent  # its share made here
    assert any(pid != parent for _, pid in done)  # the other share by the other child


def test_results_that_are_not_valid_are_made_here(two_cores: None) -> None:
    parent = os.getpid()
    workers = Standby.start(lambda: None, lambda _, item: item if os.getpid() == parent else "x")
    assert workers is not None
    assert workers.run(None, [1, 2, 3, 4], [1] * 4, lambda v: isinstance(v, int)) == [1, 2, 3, 4]


def test_one_core_has_no_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(standby, "jobs", lambda: 1)
    assert Standby.start(lambda: None, _work) is None
    assert start_workbooks() is None


def test_unused_workers_are_stopped_once(two_cores: None, monkeypatch: pytest.MonkeyPatch) -> None:
    workers = Standby.start(lambda: None, _work)
    assert workers is not None
    killed: list[int] = []
    kill = os.kill

    def counted(pid: int, sig: int) -> None:
        killed.append(pid)
        kill(pid, sig)

    monkeypatch.setattr(os, "kill", counted)
    workers.stop()
    workers.stop()  # its number may be another process's by now: not signalled again
    assert len(killed) == 1


def test_the_export_imports_no_openpyxl_here(tmp_path: Path) -> None:
    plan = build(tmp_path / "plan", SMALL_PLAN)
    code = f"""
import sys
from udvikling.cli import run
code = run(["sheet", "export", "-o", {str(tmp_path / "ud")!r}, "--root", {str(plan)!r},
            "--as-of", "2025-03-01"])
print("RESULT", code, "openpyxl" in sys.modules, file=sys.stderr)
"""
    env = dict(os.environ, PYTHONPATH=str(SRC), UDV_JOBS="2", UDV_CACHE_DIR=str(tmp_path / "c"))
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert "RESULT 0 False" in done.stderr, done.stderr
    assert sorted(p.name for p in (tmp_path / "ud").iterdir()) == [
        "statusark-oekonomichef.xlsx",
        "statusark-socialchef.xlsx",
        "statusark-uden-ansvarlig.xlsx",
        "udsendelse.json",
    ]


def test_the_workbooks_are_shared_by_what_they_cost(
    owners: list[OwnerSheet], tmp_path: Path, two_cores: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A workbook costs about as much as 64 rows before its first row: shared by rows alone,
    ten small workbooks went against one big one and took twice as long."""
    from udvikling.sheets.export import WORKBOOK_ROWS

    given: list[list[int]] = []
    run = Standby.run

    def spy(self: Standby, context: Any, items: Any, weights: Any, *rest: Any) -> Any:
        given.append(list(weights))
        return run(self, context, items, weights, *rest)

    monkeypatch.setattr(Standby, "run", spy)
    round_ = Round("K", "S", AS_OF, AS_OF)
    write_round(owners, round_, "xlsx", tmp_path / "to", None, start_workbooks())
    assert given == [[len(s.rows) + WORKBOOK_ROWS for s in owners if s.rows]]
    assert WORKBOOK_ROWS > 0
