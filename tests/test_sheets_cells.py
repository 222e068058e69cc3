"""Every kind of bad answer gives a Danish message at its sheet and cell, and changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from sheetkit import SMALL_PLAN, build, fill, snapshot, udv

AS_OF = "2025-03-01"
DAY = "2025-03-20"
SHEET = "statusark-socialchef.xlsx"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return build(tmp_path / "plan", SMALL_PLAN)


@pytest.fixture
def sent(plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The socialchef's workbook as sent (row 2: kommunikationsstrategi, 3: rekruttering)."""
    out = tmp_path / "ud"
    code, _, err = udv(
        capsys, "sheet", "export", "--root", str(plan), "-o", str(out), "--as-of", AS_OF
    )
    assert code == 0, err
    book = openpyxl.load_workbook(out / SHEET)
    ids = [book["Tiltag"].cell(row=r, column=1).value for r in (2, 3)]
    assert ids == ["kommunikationsstrategi", "rekruttering"]
    return out / SHEET


def answer(
    capsys: pytest.CaptureFixture[str], plan: Path, *files: Path, extra: tuple[str, ...] = ()
) -> tuple[int, str]:
    code, out, err = udv(
        capsys, "sheet", "import", "--root", str(plan), *map(str, files), "--date", DAY, *extra
    )
    assert "Traceback" not in out + err
    return code, out


TEXT = "Ny opdatering"
PERIOD = "Perioden den vedrører"
STATUS = "Ny status"
DUE = "Ny frist"
REACHED = "Nåede milepæle"


@pytest.mark.parametrize(
    ("cells", "expected", "hint"),
    [
        (
            {(2, TEXT): "Godt i gang.", (2, PERIOD): "forår 20x"},
            'Tiltag!J2: fejl: Kan ikke forstå perioden "forår 20x".',
            "Skriv fx 2023-04-26",
        ),
        (
            {(2, STATUS): "Igang"},
            "Tiltag!K2: fejl: 'Igang' er ikke en status.",
            "Mente du 'I gang'? Vælg en af: Planlagt, I gang, Afsluttet, Udskudt, Opgivet.",
        ),
        (
            {(2, DUE): "næste år"},
            'Tiltag!L2: fejl: Kan ikke forstå perioden "næste år".',
            "Skriv fx",
        ),
        (
            {(3, DUE): "1. halvår 2O26"},
            'Tiltag!L3: fejl: Kan ikke forstå perioden "1. halvår 2o26".',
            "Skriv fx",
        ),
        (
            {(2, REACHED): "Tiltrædelsen"},
            "Tiltag!M2: fejl: Tiltaget har ingen milepæl 'Tiltrædelsen'.",
            "Mente du 'Tiltrædelse'?",
        ),
        (
            {(2, REACHED): "Tiltrædelse; Noget andet"},
            "Tiltag!M2: fejl: Tiltaget har ingen milepæl 'Noget andet'.",
            "Tiltagets milepæle: Tiltrædelse; Strategien vedtaget.",
        ),
        (
            {(2, PERIOD): "2025"},
            "Tiltag!J2: fejl: Perioden er udfyldt, men rækken har ingen ny opdatering, status, "
            "frist eller milepæl.",
            "Skriv, hvad der er sket",
        ),
        (
            {(2, "Id"): "kommunikationsstrategix", (2, TEXT): "Svar."},
            "Tiltag!A2: fejl: Ukendt tiltag 'kommunikationsstrategix': der findes ingen "
            "data/initiatives/kommunikationsstrategix.yaml.",
            "Mente du 'kommunikationsstrategi'?",
        ),
        (
            {(2, "Id"): "budgetmodel", (2, TEXT): "Svar."},
            "Tiltag!A2: fejl: Tiltaget budgetmodel hører til Økonomichef, ikke til Socialchef, "
            "som arket blev sendt til.",
            "Slet rækken",
        ),
        (
            {(2, "Id"): None, (2, TEXT): "Svar uden id."},
            "Tiltag!A2: fejl: Rækken har svar, men intet Id.",
            "Id-kolonnen",
        ),
        (
            {(3, "Id"): "kommunikationsstrategi", (2, TEXT): "Et.", (3, TEXT): "To."},
            "Tiltag!A3: fejl: Tiltaget kommunikationsstrategi er allerede besvaret i ",
            "Saml svarene",
        ),
        (
            # The plan's own rule (lint UDV405): closed with a milestone not reached.
            {(2, STATUS): "Afsluttet"},
            "Tiltag!K2: UDV405 fejl: ",
            "Skriv de nåede milepæle under Nåede milepæle (adskilt med ';'), eller vælg en "
            "anden Ny status end Afsluttet.",
        ),
        (
            # lint UDV401: the new deadline lies before the start (a finding on another
            # line of the file, caused by the Ny frist cell: at that cell, in its terms).
            {(3, DUE): "2024"},
            "Tiltag!L3: UDV401 fejl: Tiltaget starter (2025) efter sin frist (2024).\n",
            "Skriv en Ny frist, der ligger efter tiltagets start, eller lad Ny frist være tom.",
        ),
        (
            {(2, REACHED): "Tiltrædelse, Strategien vedtaget"},
            "Tiltag!M2: fejl: Flere milepæle skal adskilles med ';', ikke med komma: "
            "'Tiltrædelse, Strategien vedtaget'.",
            "Skriv: Tiltrædelse; Strategien vedtaget",
        ),
        (
            {(2, REACHED): "Tiltrædelse, Noget"},
            "Tiltag!M2: fejl: Tiltaget har ingen milepæl 'Tiltrædelse, Noget'.",
            "Flere milepæle adskilles med ';', ikke med komma.",
        ),
    ],
)
def test_bad_cell_is_reported_at_its_cell_and_nothing_changes(
    plan: Path,
    sent: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cells: dict[tuple[int, str], Any],
    expected: str,
    hint: str | None,
) -> None:
    before = snapshot(plan)
    returned = fill(sent, cells, tmp_path / SHEET)
    code, out = answer(capsys, plan, returned)
    assert code == 1, out
    assert f"{returned}:{expected}" in out, out
    if hint is not None:
        assert hint in out, out
    assert "intet er indlæst, og planen er uændret." in out
    assert snapshot(plan) == before


def test_an_excel_error_in_a_cell_is_reported(
    plan: Path, sent: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.load_workbook(sent)
    cell = book["Tiltag"]["I2"]
    cell.value = "#NAME?"
    cell.data_type = "e"
    book.save(tmp_path / SHEET)
    before = snapshot(plan)
    code, out = answer(capsys, plan, tmp_path / SHEET)
    assert code == 1
    assert (
        f"{tmp_path / SHEET}:Tiltag!I2: fejl: Cellen viser Excel-fejlen #NAME? i stedet for " in out
    )
    assert snapshot(plan) == before


def test_every_problem_is_reported_in_one_run(
    plan: Path, sent: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    returned = fill(sent, {(2, STATUS): "Igang", (3, DUE): "snart"}, tmp_path / SHEET)
    code, out = answer(capsys, plan, returned)
    assert code == 1
    assert "Tiltag!K2: fejl:" in out and "Tiltag!L3: fejl:" in out
    assert "2 fejl; intet er indlæst" in out


def test_a_row_changed_since_export_is_refused_unless_allowed(
    plan: Path, sent: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = plan / "data/initiatives/kommunikationsstrategi.yaml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("due: 4. kvartal 2025", "due: 2026"),
        encoding="utf-8",
    )
    returned = fill(sent, {(2, TEXT): "Svar på den gamle frist."}, tmp_path / SHEET)
    before = snapshot(plan)
    code, out = answer(capsys, plan, returned)
    assert code == 1
    assert (
        f"{returned}:Tiltag!A2: fejl: Tiltaget kommunikationsstrategi er ændret i planen, siden "
        "arket blev lavet" in out
    )
    assert "--allow-changed" in out
    assert snapshot(plan) == before

    code, out = answer(capsys, plan, returned, extra=("--allow-changed",))
    assert code == 0, out
    assert f"{returned}:Tiltag!A2: advarsel: Tiltaget kommunikationsstrategi er ændret" in out
    assert "Svar på den gamle frist." in record.read_text(encoding="utf-8")


def test_a_missing_heading_is_reported_at_the_heading_row(
    plan: Path, sent: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.load_workbook(sent)
    book["Tiltag"]["K1"].value = "Status (ny)"
    book.save(tmp_path / SHEET)
    code, out = answer(capsys, plan, tmp_path / SHEET)
    assert code == 1
    assert f"{tmp_path / SHEET}:Tiltag!1:1: fejl: Overskriftsrækken mangler »Ny status«." in out


def test_moved_columns_still_read(
    plan: Path, sent: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.load_workbook(sent)
    ws = book["Tiltag"]
    ws.protection.sheet = False
    ws.move_range("I1:M3", cols=2)  # two columns inserted before the answers
    ws["K2"] = "Svar i en flyttet kolonne."
    book.save(tmp_path / SHEET)
    code, out = answer(capsys, plan, tmp_path / SHEET)
    assert code == 0, out
    text = (plan / "data/initiatives/kommunikationsstrategi.yaml").read_text(encoding="utf-8")
    assert "Svar i en flyttet kolonne." in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04 not really a zip", "kan ikke læses som Excel-projektmappe (.xlsx)"),
        (b"", "kan ikke læses som Excel-projektmappe (.xlsx)"),
    ],
)
def test_a_file_that_is_not_a_workbook(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / SHEET
    path.write_bytes(content)
    code, out = answer(capsys, plan, path)
    assert code == 1
    assert f"{path}: fejl: Filen {message}" in out


def test_a_workbook_without_the_sheet(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "Noget andet"  # type: ignore[index]
    book.save(tmp_path / "andet.xlsx")
    code, out = answer(capsys, plan, tmp_path / "andet.xlsx")
    assert code == 1
    assert "andet.xlsx: fejl: Filen har intet ark »Tiltag« med kolonnen Id." in out


def test_a_sheet_nobody_sent_is_refused(
    plan: Path, sent: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.load_workbook(sent)
    del book["udv"]
    book["Tiltag"]["I2"] = "Svar."
    elsewhere = tmp_path / "andetsteds"
    elsewhere.mkdir()
    book.save(elsewhere / SHEET)
    code, out = answer(capsys, plan, elsewhere / SHEET)
    assert code == 1
    assert "Kan ikke se, hvem arket blev sendt til" in out
    # With the round's manifest it is understood again.
    code, out = answer(
        capsys, plan, elsewhere / SHEET, extra=("--manifest", str(sent.parent / "udsendelse.json"))
    )
    assert code == 0, out


def test_a_date_in_the_future_is_a_usage_error(
    plan: Path, sent: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = udv(
        capsys, "sheet", "import", "--root", str(plan), str(sent), "--date", "2999-01-01"
    )
    assert code == 2
    assert "--date: 1. januar 2999 slutter efter i dag" in err


def test_a_missing_file_and_a_folder(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = answer(capsys, plan, tmp_path / "findes-ikke.xlsx", tmp_path)
    assert code == 1
    assert f"{tmp_path / 'findes-ikke.xlsx'}: fejl: Filen findes ikke." in out
    assert f"{tmp_path}: fejl: Det er en mappe, ikke et statusark." in out
