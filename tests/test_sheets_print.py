"""A status sheet on paper (issue 27): the guide fits its page, ``Tiltag`` prints as
docs/statusrunde.md promises (the plan on one page, the answers on the next), an exact date is
a real date, and a sheet with a confidential initiative says so on every printed page.

The workbook's settings are checked with openpyxl; what LibreOffice makes of them is checked by
printing the sheet to PDF with LibreOffice (skipped where it is not installed)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from sheetkit import SMALL_PLAN, build, udv

AS_OF = "2025-04-01"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")


def _plan(root: Path, *, confidential: bool) -> Path:
    files = dict(SMALL_PLAN)
    key = "data/initiatives/kommunikationsstrategi.yaml"
    text = files[key]
    if confidential:
        text = text.replace(
            "        owner: socialchef\n", "        owner: socialchef\n        confidential: true\n"
        )
    files[key] = text.replace(
        "              Arbejdet er i gang.\n",
        "              Arbejdet er i gang.\n"
        "          - date: marts 2025\n"
        "            text: Strategien er sendt i høring.\n",
    )
    files["data/initiatives/rekruttering.yaml"] = (
        files["data/initiatives/rekruttering.yaml"].rstrip(" ")
        + "        updates:\n"
        + "          - date: 2025-03-20\n"
        + "            text: Opslaget er sendt ud.\n"
    )
    return build(root, files)


def _export(capsys: pytest.CaptureFixture[str], plan: Path, out: Path) -> Path:
    code, _, err = udv(
        capsys, "sheet", "export", "--root", str(plan), "-o", str(out), "--as-of", AS_OF
    )
    assert code == 0, err
    return out / "statusark-socialchef.xlsx"


@pytest.fixture
def sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    return _export(capsys, _plan(tmp_path / "plan", confidential=False), tmp_path / "ud")


@pytest.fixture
def secret(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    return _export(capsys, _plan(tmp_path / "hemmelig", confidential=True), tmp_path / "hud")


def _row_of(ws: openpyxl.worksheet.worksheet.Worksheet, initiative: str) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == initiative)


def test_an_exact_day_is_a_real_date_and_a_period_stays_text(sheet: Path) -> None:
    ws = openpyxl.load_workbook(sheet)["Tiltag"]
    column = next(c.column for c in ws[1] if c.value == "Dato for seneste opdatering")
    day = ws.cell(row=_row_of(ws, "rekruttering"), column=column)
    assert day.is_date and day.value.date() == date(2025, 3, 20)
    assert day.number_format == "[$-406]d. mmmm yyyy"  # 20. marts 2025, in Danish
    month = ws.cell(row=_row_of(ws, "kommunikationsstrategi"), column=column)
    assert month.data_type == "s" and month.value == "marts 2025"


def test_the_sheets_measure_in_a_font_every_program_has(sheet: Path) -> None:
    book = openpyxl.load_workbook(sheet)
    normal = next(s for s in book._named_styles if s.name == "Normal")
    assert normal.font.name == "Arial"
    ws = book["Tiltag"]
    assert {ws.cell(row=r, column=c).font.name for r in (1, 2) for c in (1, 9)} == {"Arial"}


def test_the_guide_fits_an_a4_portrait_page_at_full_size(sheet: Path) -> None:
    ws = openpyxl.load_workbook(sheet)["Vejledning"]
    assert ws.page_setup.orientation == "portrait" and int(ws.page_setup.scale) == 100
    margins = ws.page_margins.left + ws.page_margins.right
    usable = (8.27 - margins) * 96  # pixels
    # A unit of column width is 7 pixels of Arial 10 (and 5 of padding); 7.5 to spare.
    assert ws.column_dimensions["A"].width * 7.5 + 5 <= usable


def test_tiltag_prints_the_plan_then_the_answers(sheet: Path) -> None:
    ws = openpyxl.load_workbook(sheet)["Tiltag"]
    assert [b.id for b in ws.col_breaks.brk] == [8]
    usable = (11.69 - ws.page_margins.left - ws.page_margins.right) * 96
    scale = int(ws.page_setup.scale) / 100
    widths = [ws.column_dimensions[c].width for c in "ABCDEFGHIJKLM"]
    plan, answers = widths[:8], widths[:2] + widths[8:]
    for part in (plan, answers):
        assert sum(w * 7.5 + 5 for w in part) * scale <= usable


def test_a_confidential_initiative_is_marked_on_every_page(sheet: Path, secret: Path) -> None:
    for name in ("Vejledning", "Tiltag"):
        ws = openpyxl.load_workbook(secret)[name]
        assert ws.oddHeader.left.text == "FORTROLIGT" == ws.oddHeader.right.text
        assert ws.oddFooter.center.text.startswith("Fortroligt, del ikke arket")
        plain = openpyxl.load_workbook(sheet)[name]
        assert not plain.oddHeader.left.text and "ortrolig" not in plain.oddFooter.center.text
    guide = [c.value for c in openpyxl.load_workbook(secret)["Vejledning"]["A"]]
    assert (
        "FORTROLIGT: »Kommunikationsstrategi« er fortroligt i planen. Del ikke arket med andre "
        "end dem, der skal svare."
    ) in guide


# -- printed by LibreOffice --------------------------------------------------------------------


def _pdf(source: Path, tmp_path: Path) -> Path:
    assert SOFFICE is not None
    outdir = tmp_path / "pdf"
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    found = outdir / f"{source.stem}.pdf"
    assert found.exists(), result.stdout + result.stderr
    return found


def _pages(pdf: Path) -> list[str]:
    assert PDFTOTEXT is not None
    text = subprocess.run(
        [PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def _right_edges(pdf: Path, page: int) -> tuple[float, float]:
    """The page's width and the right edge of its rightmost word (points)."""
    assert PDFTOTEXT is not None
    bbox = subprocess.run(
        [PDFTOTEXT, "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    width = float(re.findall(r'page width="([\d.]+)"', bbox)[0])
    return width, max(float(x) for x in re.findall(r'xMax="([\d.]+)"', bbox))


@pytest.mark.skipif(
    SOFFICE is None or PDFTOTEXT is None,
    reason="LibreOffice or pdftotext is not installed; the printed pages are not checked",
)
def test_printed_by_libreoffice(secret: Path, tmp_path: Path) -> None:
    pdf = _pdf(secret, tmp_path)
    pages = _pages(pdf)
    # The guide on one page, then Tiltag: the plan on one page, the answers on the next.
    assert len(pages) == 3, [p[:200] for p in pages]
    guide, plan, answers = pages
    flat = " ".join(guide.split())
    assert "som ikke er afsluttet eller opgivet." in flat  # nothing cut at the margin
    width, right = _right_edges(pdf, 1)
    assert right <= width - 20
    assert "Milepæle, der ikke er nået" in plan and "Ny opdatering" not in plan
    assert "20. marts 2025" in plan
    assert all(h in answers for h in ("Ny opdatering", "Ny status", "Nåede milepæle"))
    assert "Kommunikationsstrategi" in answers and "Seneste opdatering" not in answers
    for page in pages:
        assert page.count("FORTROLIGT") >= 2, page[:300]
