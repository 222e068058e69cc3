"""Returned status sheets from owners (issue 24, items 4, 5 and 10): read with limits that
hold while reading (rows, cell size, what a workbook unpacks to) and a Danish error, never a
memory error or exit 3; and the import believes only what the plan keeper's export recorded:
not a workbook's own copy of its entry (unless it carries the keeper's seal), not a file
name that belongs to another owner's sheet.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from sheetkit import SMALL_PLAN, build, fill, snapshot, udv

AS_OF = "2025-01-15"
DAY = "2025-01-20"
SHEET = "statusark-socialchef.xlsx"
OTHER = "statusark-oekonomichef.xlsx"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return build(tmp_path / "plan", SMALL_PLAN)


def _export(capsys: pytest.CaptureFixture[str], plan: Path, out: Path, *extra: str) -> None:
    args = ("sheet", "export", "--root", str(plan), "-o", str(out), "--as-of", AS_OF, *extra)
    code, _, err = udv(capsys, *args)
    assert code == 0, err


def _import(capsys: pytest.CaptureFixture[str], plan: Path, *files: Path) -> tuple[int, str]:
    args = ("sheet", "import", "--root", str(plan), *map(str, files), "--date", DAY)
    code, out, err = udv(capsys, *args)
    assert "Traceback" not in out + err and "uventet fejl" not in out + err
    return code, out + err


# -- limits while reading ---------------------------------------------------------------------


def _rows_workbook(path: Path, rows: int) -> None:
    """A workbook with the sheet's headings and ``rows`` rows, written as a stream."""
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("Tiltag")
    ws.append(["Id", "Tiltag", "Ny opdatering"])
    for number in range(rows):
        ws.append([f"t{number}", "x", None])
    book.save(path)


def test_a_workbook_with_too_many_rows_stops_at_the_limit(
    tmp_path: Path, plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mange.xlsx"
    _rows_workbook(path, 20_000)
    code, output = _import(capsys, plan, path)
    assert code == 1 and "Arket har mere end 5000 rækker." in output


def test_a_workbook_that_unpacks_to_too_much(
    tmp_path: Path, plan: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # In real use 32 MB: a 1 MB file holding a 1 GB cell is refused before it is unpacked.
    from udvikling.sheets import read

    monkeypatch.setattr(read, "MAX_UNPACKED", 512 * 1024)
    path = tmp_path / "bombe.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Tiltag"
    book.active.append(["Id", "Ny opdatering"])
    book.active.append(["kommunikationsstrategi", "x" * 30_000])
    for number in range(40):
        book.active.append([f"t{number}", "y" * 30_000])
    book.save(path)
    assert path.stat().st_size < 100 * 1024
    before = snapshot(plan)
    code, output = _import(capsys, plan, path)
    assert code == 1 and "pakket ud; udv læser højst 0 MB" in output
    assert snapshot(plan) == before


def _with_text(path: Path, text: bytes) -> Path:
    """A workbook whose update cell holds ``text``, written into its XML directly (openpyxl
    itself cuts a cell at Excel's limit; other programs need not)."""
    book = openpyxl.Workbook()
    book.active.title = "Tiltag"
    book.active.append(["Id", "Ny opdatering"])
    book.active.append(["kommunikationsstrategi", "PLADSHOLDER"])
    plain = io.BytesIO()
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for part in source.infolist():
            out.writestr(part, source.read(part.filename).replace(b"PLADSHOLDER", text))
    return path


def test_a_workbook_cell_larger_than_excel_allows(
    tmp_path: Path, plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _with_text(tmp_path / "celle.xlsx", b"x" * 40_000)
    code, output = _import(capsys, plan, path)
    assert code == 1 and "celle.xlsx:Tiltag!B2: fejl: Cellen har mere end 32.767 tegn" in output


def test_a_small_workbook_with_a_huge_cell(
    tmp_path: Path, plan: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The shape of a 1 MB file with a 1 GB cell, scaled down: 8 MB of one cell in 20 KB.
    path = _with_text(tmp_path / "bombe.xlsx", b"x" * (8 * 1024 * 1024))
    assert path.stat().st_size < 100 * 1024
    from udvikling.sheets import read

    monkeypatch.setattr(read, "MAX_UNPACKED", 4 * 1024 * 1024)
    code, output = _import(capsys, plan, path)
    assert code == 1 and "pakket ud; udv læser højst 4 MB" in output


def _sent_csv(capsys: pytest.CaptureFixture[str], plan: Path, out: Path) -> tuple[Path, list]:
    _export(capsys, plan, out, "--format", "csv")
    path = out / "statusark-socialchef.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    return path, rows


def _write_csv(path: Path, rows: list) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")


@pytest.mark.parametrize("size", [40_000, 200 * 1024])
def test_a_csv_cell_too_large(
    tmp_path: Path, plan: Path, capsys: pytest.CaptureFixture[str], size: int
) -> None:
    # Over 128 KiB, Python's csv reader itself gives up: that was exit 3.
    path, rows = _sent_csv(capsys, plan, tmp_path / "ud")
    rows[1][rows[0].index("Ny opdatering")] = "x" * size
    _write_csv(path, rows)
    code, output = _import(capsys, plan, path)
    assert code == 1
    assert "Cellen har mere end 32.767 tegn" in output or "en celle er for stor" in output


def test_a_csv_with_too_many_rows(
    tmp_path: Path, plan: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from udvikling.sheets import read

    monkeypatch.setattr(read, "MAX_ROWS", 10)
    path, rows = _sent_csv(capsys, plan, tmp_path / "ud")
    _write_csv(path, rows + [["t", "x"]] * 20)
    code, output = _import(capsys, plan, path)
    assert code == 1 and "Filen har mere end 10 rækker." in output


# -- what the import believes -----------------------------------------------------------------


def _tamper(path: Path, change: dict) -> None:
    """Change the workbook's own entry (the very hidden sheet 'udv') as an owner could."""
    book = openpyxl.load_workbook(path)
    hidden = book["udv"]
    entry = json.loads("".join(str(r[0]) for r in hidden.iter_rows(values_only=True) if r[0]))
    entry.update(change(entry) if callable(change) else change)
    hidden.delete_rows(1, hidden.max_row)
    hidden.cell(row=1, column=1).value = json.dumps(entry, ensure_ascii=False)
    book.save(path)


def _add_row(path: Path, initiative: str, status: str = "Opgivet") -> None:
    book = openpyxl.load_workbook(path)
    ws = book["Tiltag"]
    columns = {str(c.value): c.column for c in ws[1] if c.value is not None}
    row = ws.max_row + 1
    ws.cell(row=row, column=columns["Id"]).value = initiative
    ws.cell(row=row, column=columns["Ny status"]).value = status
    ws.cell(row=row, column=columns["Ny opdatering"]).value = "Vi stopper det."
    book.save(path)


def _other_owners_row(entry: dict) -> dict:
    rows = [*entry["rows"], {"id": "budgetmodel", "row": 4, "state": "0" * 16}]
    return {"rows": rows}


@pytest.mark.parametrize("beside", [True, False])
def test_a_changed_workbook_entry_cannot_speak_for_another_owner(
    tmp_path: Path, plan: Path, capsys: pytest.CaptureFixture[str], beside: bool
) -> None:
    out = tmp_path / "ud"
    _export(capsys, plan, out)
    returned = out / SHEET if beside else shutil.copy(out / SHEET, tmp_path / SHEET)
    _tamper(Path(returned), _other_owners_row)
    _add_row(Path(returned), "budgetmodel")
    before = snapshot(plan)
    code, output = _import(capsys, plan, Path(returned))
    assert code == 1, output
    if beside:
        assert "passer ikke med udsendelse.json" in output
        assert "Tiltaget budgetmodel hører til Økonomichef, ikke til Socialchef" in output
    else:
        assert "Kan ikke se, hvem arket blev sendt til" in output
    assert snapshot(plan) == before


def test_a_changed_owner_in_the_workbook_entry_is_not_believed(
    tmp_path: Path, plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ud"
    _export(capsys, plan, out)
    _tamper(out / SHEET, {"owner": "oekonomichef", "owner_name": "Økonomichef"})
    _add_row(out / SHEET, "budgetmodel")
    before = snapshot(plan)
    code, output = _import(capsys, plan, out / SHEET)
    assert code == 1 and "hører til Økonomichef, ikke til Socialchef" in output
    assert snapshot(plan) == before


def test_a_sealed_workbook_is_understood_wherever_it_was_saved(
    tmp_path: Path, plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ud"
    _export(capsys, plan, out)
    saved = fill(out / SHEET, {(2, "Ny opdatering"): "Godt i gang."}, tmp_path / "svar.xlsx")
    code, output = _import(capsys, plan, saved)
    assert code == 0, output


def test_a_file_renamed_to_another_owners_sheet(
    tmp_path: Path, plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ud"
    path, rows = _sent_csv(capsys, plan, out)
    assert (out / "statusark-oekonomichef.csv").is_file()
    heading = rows[0]
    budget = [""] * len(heading)
    budget[heading.index("Id")] = "budgetmodel"
    budget[heading.index("Ny status")] = "Opgivet"
    budget[heading.index("Ny opdatering")] = "Vi stopper det."
    renamed = out / "statusark-oekonomichef.csv"
    _write_csv(renamed, [*rows, budget])
    path.unlink()
    before = snapshot(plan)
    code, output = _import(capsys, plan, renamed)
    assert code == 1, output
    assert "filnavnet statusark-oekonomichef.csv er arket til Økonomichef" in output
    assert "rækkerne er fra arket til Socialchef" in output
    assert snapshot(plan) == before


def test_messages_from_a_returned_file_never_reach_a_terminal_raw(
    tmp_path: Path, plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ud"
    _, rows = _sent_csv(capsys, plan, out)
    rows[1][rows[0].index("Ny status")] = "Igang\x1b[2J\u202e"
    named = out / "svar\x1b]0;x\x07.csv"
    _write_csv(named, rows)
    code, output = _import(capsys, plan, named, out / "udsendelse.json")
    assert code == 1
    assert "\x1b" not in output and "\x07" not in output and "\u202e" not in output
    assert "\\x1b" in output


def test_udv_import_refuses_a_workbook_that_unpacks_to_too_much(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same check before 'udv import' unpacks a spreadsheet someone sent the plan keeper.
    import sys

    from udvikling.sheets import read

    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)
    root = tmp_path / "ny"
    args = ("init", str(root), "--organisation", "X", "--process", "P", "--no-git")
    code, _, err = udv(capsys, *args)
    assert code == 0, err
    path = _with_text(tmp_path / "plan.xlsx", b"x" * (8 * 1024 * 1024))
    monkeypatch.setattr(read, "MAX_UNPACKED", 4 * 1024 * 1024)
    code, out, err = udv(capsys, "import", str(path), "--date", DAY, "--root", str(root))
    assert code == 1 and "pakket ud; udv læser højst 4 MB" in out + err, out + err


def test_a_hidden_sheet_of_many_rows_is_read_no_further_than_udv_writes(
    tmp_path: Path, plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ud"
    _export(capsys, plan, out)
    book = openpyxl.load_workbook(out / SHEET)
    hidden = book["udv"]
    entry = hidden.cell(row=1, column=1).value
    hidden.delete_rows(1, hidden.max_row)
    hidden.cell(row=20_000, column=1).value = entry  # beyond any entry udv writes
    book.save(out / SHEET)
    code, output = _import(capsys, plan, out / SHEET)
    assert "udv's oplysninger om arket (det skjulte ark 'udv') er beskadiget" in output
    assert code == 0, output  # udsendelse.json beside it says what was sent
