"""A status sheet saved again by LibreOffice (as an owner without Excel would) still imports."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from sheetkit import SMALL_PLAN, build, fill, udv
from udvikling.load import load

AS_OF = "2025-03-01"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-calc); the round trip "
    "through LibreOffice is not checked",
)


def convert(source: Path, target_dir: Path, fmt: str, profile: Path) -> Path:
    """``soffice --headless --convert-to`` into ``target_dir``; the converted file."""
    assert SOFFICE is not None
    target_dir.mkdir(exist_ok=True)
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(target_dir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    # A CSV of one sheet of several is named after the sheet: udfyldt-Tiltag.csv.
    found = sorted(target_dir.glob(f"{source.stem}*.{fmt.split(':')[0]}"))
    assert len(found) == 1, result.stdout + result.stderr
    return found[0]


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The socialchef's workbook, answered and saved again by LibreOffice (made once: a
    conversion takes seconds)."""
    from udvikling.cli import run

    tmp_path = tmp_path_factory.mktemp("lo")
    plan = build(tmp_path / "plan", SMALL_PLAN)
    out = tmp_path / "ud"
    assert run(["sheet", "export", "--root", str(plan), "-o", str(out), "--as-of", AS_OF]) == 0
    filled = fill(
        out / "statusark-socialchef.xlsx",
        {
            (2, "Ny opdatering"): "Strategien er sendt i høring.\nSvarfrist 1. maj.",
            (2, "Perioden den vedrører"): "marts 2025",
            (2, "Nåede milepæle"): "Tiltrædelse",
            (3, "Ny status"): "I gang",
            (3, "Ny frist"): "2026",
        },
        tmp_path / "udfyldt.xlsx",
    )
    return convert(filled, tmp_path / "lo", "xlsx", tmp_path / "profile")


@pytest.fixture
def plan(tmp_path: Path, saved: Path) -> Path:
    """A fresh copy of the plan the workbook was exported from."""
    return build(tmp_path / "plan", SMALL_PLAN)


def test_a_workbook_saved_by_libreoffice_imports(
    plan: Path, saved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.load_workbook(saved)
    assert book["Tiltag"].protection.sheet  # LibreOffice keeps the protection
    assert "udv" in book.sheetnames
    code, out, _ = udv(
        capsys, "sheet", "import", "--root", str(plan), str(saved), "--date", "2025-03-20"
    )
    assert code == 0, out
    assert "Indlæste 2 svar fra 1 ark." in out
    dataset = load(plan).dataset
    assert dataset is not None
    first = dataset.initiatives["kommunikationsstrategi"].updates[-1]
    assert first.text == "Strategien er sendt i høring.\nSvarfrist 1. maj."
    assert first.reached == ("Tiltrædelse",)
    second = dataset.initiatives["rekruttering"].updates[-1]
    assert second.status == "i-gang" and second.due is not None and second.due != "løbende"


def test_a_csv_saved_by_libreoffice_imports(
    plan: Path, saved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Semicolon (59), double quotes (34), UTF-8 (76), the second sheet (Tiltag): LibreOffice's
    # "Tekst CSV" as a Danish user saves it.
    options = "59,34,76,1,,0,false,true,false,false,false,2"
    csv = convert(
        saved, tmp_path / "csv", f"csv:Text - txt - csv (StarCalc):{options}", tmp_path / "profile"
    )
    text = csv.read_text(encoding="utf-8")
    assert text.startswith("Id;Tiltag;")
    code, out, _ = udv(
        capsys,
        "sheet",
        "import",
        "--root",
        str(plan),
        str(csv),
        "--date",
        "2025-03-20",
        "--manifest",
        str(saved.parent.parent / "ud" / "udsendelse.json"),
    )
    assert code == 0, out
    assert "Indlæste 2 svar fra 1 ark." in out
