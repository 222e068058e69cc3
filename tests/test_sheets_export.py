"""What an owner gets: the workbook's sheets, headings, protection, drop-downs and print."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from sheetkit import SMALL_PLAN, build, udv
from udvikling.sheets.layout import HEADINGS

AS_OF = "2025-03-01"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return build(tmp_path / "plan", SMALL_PLAN)


@pytest.fixture
def out(plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "ud"
    code, _, err = udv(
        capsys, "sheet", "export", "--root", str(plan), "-o", str(folder), "--as-of", AS_OF
    )
    assert code == 0, err
    assert "Skrev " in err and "statusark-socialchef.xlsx (Socialchef, 2 tiltag)" in err
    return folder


def test_one_workbook_per_owner_and_one_for_those_without(out: Path) -> None:
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "statusark-oekonomichef.xlsx",
        "statusark-socialchef.xlsx",
        "statusark-uden-ansvarlig.xlsx",
        "udsendelse.json",
    ]
    manifest = json.loads((out / "udsendelse.json").read_text(encoding="utf-8"))
    by_file = {s["file"]: s for s in manifest["sheets"]}
    assert by_file["statusark-uden-ansvarlig.xlsx"]["owner"] is None
    assert [r["id"] for r in by_file["statusark-uden-ansvarlig.xlsx"]["rows"]] == ["uden-ejer"]
    # Closed initiatives are not asked about, nor those reported separately.
    sent = [r["id"] for s in manifest["sheets"] for r in s["rows"]]
    assert "afsluttet" not in sent and "saerskilt" not in sent
    assert [(r["id"], r["row"]) for r in by_file["statusark-socialchef.xlsx"]["rows"]] == [
        ("kommunikationsstrategi", 2),
        ("rekruttering", 3),
    ]
    book = openpyxl.load_workbook(out / "statusark-uden-ansvarlig.xlsx")
    guide = [c.value for c in book["Vejledning"]["A"] if c.value]
    assert guide[0] == "Statusark: tiltag uden ansvarlig"
    assert "Tiltagene har ingen ansvarlig i planen (Ikke oplyst)." in guide[3]


def test_the_workbook_an_owner_opens(out: Path) -> None:
    book = openpyxl.load_workbook(out / "statusark-socialchef.xlsx")
    assert book.sheetnames == ["Vejledning", "Tiltag", "Lister", "udv"]
    assert book.active is not None and book.active.title == "Vejledning"
    assert [book[n].sheet_state for n in book.sheetnames] == [
        "visible",
        "visible",
        "hidden",
        "veryHidden",
    ]
    assert book.security is not None and book.security.lockStructure

    guide = [str(c.value) for c in book["Vejledning"]["A"] if c.value]
    assert guide[0] == "Statusark: Socialchef"
    assert "Planen, som den stod 1. marts 2025." in guide[2]
    assert "Sådan udfylder du arket" in guide
    assert any(line.startswith("Perioden den vedrører:") for line in guide)
    assert any("primo uge 15 2023" in line for line in guide)

    ws = book["Tiltag"]
    assert tuple(c.value for c in ws[1]) == HEADINGS
    for heading in ("Id", "Tiltag", "Ny opdatering", "Perioden den vedrører", "Ny status"):
        assert heading in HEADINGS
    assert "Ny frist" in HEADINGS
    row = {h: ws.cell(row=2, column=i).value for i, h in enumerate(HEADINGS, start=1)}
    assert row["Id"] == "kommunikationsstrategi"
    assert row["Tiltag"] == "Kommunikationsstrategi"
    assert row["Spor"] == "Kommunikation og transparens"
    assert row["Nuværende status"] == "I gang"
    assert row["Nuværende frist"] == "4. kvartal 2025"
    assert row["Seneste opdatering"] == "Arbejdet er i gang."
    # An exact day is a real date, shown in Danish (30. september 2024).
    assert row["Dato for seneste opdatering"] == datetime(2024, 9, 30)
    assert ws.cell(row=2, column=7).number_format == "[$-406]d. mmmm yyyy"
    assert row["Milepæle, der ikke er nået"] == (
        "• Tiltrædelse (frist 2024)\n• Strategien vedtaget (frist 2. halvår 2025)"
    )
    assert ws.cell(row=3, column=5).value == "løbende"
    assert ws.cell(row=3, column=6).value == "Ingen opdateringer"
    assert ws.cell(row=3, column=7).value is None

    # Only the answers can be typed in: the id and the plan are locked.
    assert ws.protection.sheet
    assert ws["A2"].protection.locked and ws["F2"].protection.locked
    for column in "IJKLM":
        assert not ws[f"{column}2"].protection.locked
        assert ws[f"{column}2"].number_format == "@"
    assert ws.freeze_panes == "C2"


def test_drop_downs_offer_the_plans_own_words(out: Path) -> None:
    book = openpyxl.load_workbook(out / "statusark-socialchef.xlsx")
    ws = book["Tiltag"]
    lists = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation if dv.type == "list"}
    status = next(dv for dv in lists.values() if "K2" in str(dv.sqref))
    assert status.formula1 == '"Planlagt,I gang,Afsluttet,Udskudt,Opgivet"'
    assert "K3" in str(status.sqref)
    milestones = lists["M2"]
    assert milestones.errorStyle == "warning"  # several, separated by ';', may be typed
    target = str(milestones.formula1).split("!")[1].replace("$", "")
    first, last = target.split(":")
    cells = book["Lister"][first:last]
    assert [c[0].value for c in cells] == ["Tiltrædelse", "Strategien vedtaget"]
    assert "M3" not in lists  # rekruttering has no milestones


def test_it_prints_on_a4_landscape_with_the_id_on_every_page(out: Path) -> None:
    ws = openpyxl.load_workbook(out / "statusark-socialchef.xlsx")["Tiltag"]
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.print_title_rows == "$1:$1" and ws.print_title_cols == "$A:$B"
    assert [b.id for b in ws.col_breaks.brk] == [8]  # the answers on a page of their own
    assert 60 <= int(ws.page_setup.scale) <= 100
    assert ws.oddHeader.center.text == "Statusark: Socialchef – planen pr. 1. marts 2025"
    widths = [ws.column_dimensions[c].width for c in "ABCDEFGHIJKLM"]
    assert all(w >= 10 for w in widths)
    assert all(ws.cell(row=2, column=i).alignment.wrap_text for i in range(1, 14))


def test_one_owner_to_a_named_file_adds_to_the_rounds_manifest(
    plan: Path, out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = out / "chefen.xlsx"
    code, _, err = udv(
        capsys, "sheet", "export", "--root", str(plan), "--owner", "socialchef", "-o", str(target)
    )
    assert code == 0, err
    manifest = json.loads((out / "udsendelse.json").read_text(encoding="utf-8"))
    files = [s["file"] for s in manifest["sheets"]]
    assert files == [
        "chefen.xlsx",
        "statusark-oekonomichef.xlsx",
        "statusark-socialchef.xlsx",
        "statusark-uden-ansvarlig.xlsx",
    ]
    book = openpyxl.load_workbook(target)
    embedded = json.loads(str(book["udv"]["A1"].value))
    assert embedded["file"] == "chefen.xlsx" and embedded["owner"] == "socialchef"
    assert [r["id"] for r in embedded["rows"]] == ["kommunikationsstrategi", "rekruttering"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--owner", "socialchf"], "Ukendt ansvarlig 'socialchf'."),
        (["--owner", "socialchf"], "Mente du 'socialchef'?"),
        (["--format", "ods"], "Ukendt format 'ods'."),
        (["--report", "2025-foraar"], "Ukendt rapport '2025-foraar'"),
        (["--report", "x", "--as-of", "2025-01-01"], "Brug enten --as-of eller --report"),
        (
            ["--owner", "socialchef", "-o", "fil.csv"],
            "Filen fil.csv passer ikke til formatet xlsx.",
        ),
        (["--owner", "direktoer"], "Der er ingen åbne tiltag at sende ud pr. 2025-03-01 hos"),
    ],
)
def test_usage_errors(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    if "-o" not in args:
        args = [*args, "-o", str(tmp_path / "ud")]
    if "--as-of" not in args and "--report" not in args:
        args = [*args, "--as-of", AS_OF]
    code, _, err = udv(capsys, "sheet", "export", "--root", str(plan), *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_text_that_looks_like_a_formula_stays_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = dict(SMALL_PLAN)
    files["data/initiatives/rekruttering.yaml"] = files[
        "data/initiatives/rekruttering.yaml"
    ].replace("title: Rekruttering og fastholdelse", 'title: "=HYPERLINK(\\"x\\")"')
    plan = build(tmp_path / "plan", files)
    for fmt in ("xlsx", "csv"):
        code, _, err = udv(
            capsys,
            "sheet",
            "export",
            "--root",
            str(plan),
            "-o",
            str(tmp_path / fmt),
            "--owner",
            "socialchef",
            "--format",
            fmt,
            "--as-of",
            AS_OF,
        )
        assert code == 0, err
    ws = openpyxl.load_workbook(tmp_path / "xlsx" / "statusark-socialchef.xlsx")["Tiltag"]
    assert ws["A2"].value == "rekruttering"
    assert ws["B2"].value == '=HYPERLINK("x")' and ws["B2"].data_type == "s"
    csv_text = (tmp_path / "csv" / "statusark-socialchef.csv").read_text(encoding="utf-8-sig")
    assert 'rekruttering;"\'=HYPERLINK(""x"")";' in csv_text


def test_an_owner_with_the_id_of_those_without_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = dict(SMALL_PLAN)
    files["udvikling.yaml"] += "  uden-ansvarlig: En ansvarlig med et uheldigt id\n"
    files["data/initiatives/budgetmodel.yaml"] = files["data/initiatives/budgetmodel.yaml"].replace(
        "owner: oekonomichef", "owner: uden-ansvarlig"
    )
    plan = build(tmp_path / "plan", files)
    code, _, err = udv(
        capsys, "sheet", "export", "--root", str(plan), "-o", str(tmp_path / "ud"), "--as-of", AS_OF
    )
    assert code == 2
    assert "To ark ville hedde statusark-uden-ansvarlig.xlsx." in err
    assert not (tmp_path / "ud").exists()
