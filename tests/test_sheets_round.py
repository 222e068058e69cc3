"""A real status round: owners correct their answers, some never answer, the keeper chases."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sheetkit import SMALL_PLAN, build, fill, snapshot, udv
from udvikling.danish import format_date
from udvikling.load import load

AS_OF = "2025-03-01"
DAY = "2025-03-20"
LATER = "2025-03-24"
SHEET = "statusark-socialchef.xlsx"
TEXT = "Ny opdatering"
PERIOD = "Perioden den vedrører"
STATUS = "Ny status"
DUE = "Ny frist"
REACHED = "Nåede milepæle"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return build(tmp_path / "plan", SMALL_PLAN)


@pytest.fixture
def out(plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The round's folder as exported (socialchef row 2: kommunikationsstrategi)."""
    folder = tmp_path / "ud"
    code, _, err = udv(
        capsys, "sheet", "export", "--root", str(plan), "-o", str(folder), "--as-of", AS_OF
    )
    assert code == 0, err
    return folder


def answer(
    capsys: pytest.CaptureFixture[str],
    plan: Path,
    *files: Path,
    day: str = DAY,
    extra: tuple[str, ...] = (),
) -> tuple[int, str]:
    code, stdout, err = udv(
        capsys, "sheet", "import", "--root", str(plan), *map(str, files), "--date", day, *extra
    )
    assert "Traceback" not in stdout + err
    return code, stdout


def journal(plan: Path, initiative: str) -> list[tuple[str, str | None]]:
    dataset = load(plan).dataset
    assert dataset is not None
    return [(str(u.date.canonical()), u.text) for u in dataset.initiatives[initiative].updates]


def test_a_corrected_sheet_replaces_its_answer(
    plan: Path, out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = journal(plan, "kommunikationsstrategi")
    first = fill(
        out / SHEET,
        {(2, TEXT): "Strategien er sendt i hring.", (2, PERIOD): "marts 2025"},
        tmp_path / "svar1.xlsx",
    )
    code, stdout = answer(capsys, plan, first)
    assert code == 0, stdout
    assert journal(plan, "kommunikationsstrategi") == [
        *before,
        (DAY, "Strategien er sendt i hring."),
    ]

    # The owner resends the sheet with the typo fixed and a status added.
    second = fill(
        first,
        {(2, TEXT): "Strategien er sendt i høring.", (2, STATUS): "I gang"},
        tmp_path / "svar2.xlsx",
    )
    unchanged = snapshot(plan)
    code, stdout = answer(capsys, plan, second, day=LATER, extra=("--dry-run",))
    assert code == 0, stdout
    assert (
        f"{second}:Tiltag!A2: rettet svar; erstatter svaret i journalen fra 20. marts 2025:"
        in stdout
    )
    assert (
        "    Ny opdatering: «Strategien er sendt i hring.» → «Strategien er sendt i høring.»"
        in stdout
    )
    assert "    Ny status: (tom) → «I gang»" in stdout
    assert "Perioden den vedrører" not in stdout.split("rettet svar")[1].split("Ville")[0]
    assert "(1 rettet, erstatter sit tidligere svar)" in stdout
    assert snapshot(plan) == unchanged

    code, stdout = answer(capsys, plan, second, day=LATER)
    assert code == 0, stdout
    assert journal(plan, "kommunikationsstrategi") == [
        *before,
        (LATER, "Strategien er sendt i høring."),
    ]
    dataset = load(plan).dataset
    assert dataset is not None
    assert dataset.initiatives["kommunikationsstrategi"].updates[-1].status == "i-gang"

    # Importing the corrected sheet again, or the first one after it: nothing doubles.
    code, stdout = answer(capsys, plan, second, day=LATER)
    assert code == 0, stdout
    assert "1 svar var allerede indlæst" in stdout
    assert journal(plan, "kommunikationsstrategi") == [
        *before,
        (LATER, "Strategien er sendt i høring."),
    ]
    code, _ = lint(capsys, plan)
    assert code == 0


def lint(capsys: pytest.CaptureFixture[str], plan: Path) -> tuple[int, str]:
    code, stdout, _ = udv(capsys, "lint", "--root", str(plan))
    return code, stdout


def test_a_correction_with_a_bad_cell_changes_nothing(
    plan: Path, out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = fill(out / SHEET, {(2, TEXT): "Første svar."}, tmp_path / "svar1.xlsx")
    assert answer(capsys, plan, first)[0] == 0
    second = fill(
        first,
        {(2, TEXT): "Rettet svar.", (3, TEXT): "Nyt svar.", (3, DUE): "næste år"},
        tmp_path / "svar2.xlsx",
    )
    unchanged = snapshot(plan)
    code, stdout = answer(capsys, plan, second, day=LATER)
    assert code == 1
    assert "Tiltag!L3" in stdout
    assert snapshot(plan) == unchanged


def test_a_hand_made_change_after_the_answer_still_stops_the_correction(
    plan: Path, out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = fill(out / SHEET, {(2, TEXT): "Første svar."}, tmp_path / "svar1.xlsx")
    assert answer(capsys, plan, first)[0] == 0
    record = plan / "data/initiatives/kommunikationsstrategi.yaml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("due: 4. kvartal 2025", "due: 2026"),
        encoding="utf-8",
    )
    second = fill(first, {(2, TEXT): "Rettet svar."}, tmp_path / "svar2.xlsx")
    code, stdout = answer(capsys, plan, second, day=LATER)
    assert code == 1
    assert "er ændret i planen, siden arket blev lavet" in stdout
    assert [t for _, t in journal(plan, "kommunikationsstrategi")].count("Første svar.") == 1


def test_lint_finds_the_same_entry_twice(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = plan / "data/initiatives/kommunikationsstrategi.yaml"
    text = record.read_text(encoding="utf-8")
    assert lint(capsys, plan)[0] == 0
    assert "UDV409" not in lint(capsys, plan)[1]
    record.write_text(
        text.replace(
            "depends_on:",
            "  - date: 30. september 2024\n    text: Arbejdet er  i gang.\n    status: i-gang\n"
            "depends_on:",
        ),
        encoding="utf-8",
    )
    _, stdout = lint(capsys, plan)
    assert "kommunikationsstrategi.yaml" in stdout and "UDV409" in stdout, stdout
    assert "står allerede i journalen med samme tekst (opdatering nr. 1)" in stdout


def test_status_lists_who_has_answered_and_who_to_chase(
    plan: Path, out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, stdout, _ = udv(capsys, "sheet", "status", str(out), "--root", str(plan))
    assert code == 0, stdout
    assert stdout.startswith(f"Statusrunden i {out}: 3 ark, 0 besvaret, 3 mangler.\n")
    assert "Har svaret" not in stdout

    returned = fill(out / SHEET, {(2, TEXT): "Strategien er sendt i høring."}, tmp_path / "a.xlsx")
    assert answer(capsys, plan, returned)[0] == 0
    code, stdout, _ = udv(capsys, "sheet", "status", str(out), "--root", str(plan))
    assert code == 0, stdout
    assert f"Statusrunden i {out}: 3 ark, 1 besvaret, 2 mangler." in stdout
    made = format_date(
        date.fromisoformat(
            json.loads((out / "udsendelse.json").read_text())["sheets"][0]["exported"]
        )
    )
    chase = stdout.split("Mangler svar (2 af 3):\n")[1].split("\n\n")[0]
    assert chase.splitlines() == [
        f"  Økonomichef (statusark-oekonomichef.xlsx): lavet {made}, 1 tiltag",
        f"  Uden ansvarlig (statusark-uden-ansvarlig.xlsx): lavet {made}, 1 tiltag",
        f"  tip: Skriv rykkere med 'udv sheet remind {out} --deadline DATO'.",
    ], chase
    assert (
        f"  Socialchef (statusark-socialchef.xlsx): lavet {made}, indlæst 20. marts 2025, "
        "1 af 2 tiltag besvaret" in stdout
    )
    empty = stdout.split("Tiltag uden svar (3):\n")[1]
    assert "  rekruttering (Rekruttering og fastholdelse), Socialchef, række 3" in empty
    assert "kommunikationsstrategi" not in empty

    code, stdout, _ = udv(
        capsys, "sheet", "status", str(out / "udsendelse.json"), "-f", "json", "--root", str(plan)
    )
    assert code == 0
    data = json.loads(stdout)
    assert data["answered"] == [SHEET]
    assert len(data["missing"]) == 2
    social = next(s for s in data["sheets"] if s["file"] == SHEET)
    assert social["as_of"] == AS_OF
    assert social["read"] == [DAY]
    assert [(r["id"], r["answered"], r["read"]) for r in social["rows"]] == [
        ("kommunikationsstrategi", True, DAY),
        ("rekruttering", False, None),
    ]


def test_status_of_a_folder_without_a_round(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = udv(capsys, "sheet", "status", str(tmp_path), "--root", str(plan))
    assert code == 2
    assert "Der er ingen udsendelse.json i" in err


def test_odd_answers_are_warned_at_their_cells_and_a_time_of_day_is_the_date(
    plan: Path, out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import datetime

    returned = fill(
        out / SHEET,
        {
            (2, TEXT): "Udskudt.",
            (2, DUE): "februar 2025",
            (3, TEXT): "Rekrutteringen er i gang.",
            (3, PERIOD): datetime(2025, 3, 14, 14, 30),
        },
        tmp_path / "a.xlsx",
    )
    code, stdout = answer(capsys, plan, returned)
    assert code == 0, stdout
    assert (
        f"{returned}:Tiltag!L2: advarsel: Den nye frist (februar 2025) er allerede "
        "overskredet 20. marts 2025; tiltaget bliver for sent med det samme." in stdout
    )
    assert "Kan ikke forstå perioden" not in stdout
    assert "data/initiatives" not in stdout and "UDV903" not in stdout
    dataset = load(plan).dataset
    assert dataset is not None
    assert str(dataset.initiatives["rekruttering"].updates[-1].concerns.canonical()) == "2025-03-14"

    far = fill(
        out / SHEET,
        {(2, TEXT): "Et svar om et andet år.", (2, PERIOD): "2029"},
        tmp_path / "b.xlsx",
    )
    code, stdout = answer(capsys, plan, far, day=LATER, extra=("--dry-run",))
    assert code == 0, stdout
    assert (
        f"{far}:Tiltag!J2: advarsel: Perioden den vedrører (2029) ligger mere end et år fra "
        "runden (arket viste planen pr. 1. marts 2025)." in stdout
    )


def test_an_answer_that_makes_a_waiver_unneeded_says_nothing_about_it(
    plan: Path, out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = plan / "data/initiatives/rekruttering.yaml"
    record.write_text(
        record.read_text(encoding="utf-8")
        + "waivers:\n  - code: UDV603\n    reason: Meldes i budgettet.\n",
        encoding="utf-8",
    )
    code, stdout, err = udv(
        capsys, "sheet", "export", "--root", str(plan), "-o", str(out), "--as-of", AS_OF
    )
    assert code == 0, err
    returned = fill(out / SHEET, {(3, TEXT): "Rekrutteringen er i gang."}, tmp_path / "a.xlsx")
    code, stdout = answer(capsys, plan, returned)
    assert code == 0, stdout
    assert "UDV903" not in stdout and "Undtagelsen" not in stdout
    assert "UDV903" in lint(capsys, plan)[1]


def test_lists_and_paragraphs_typed_in_a_cell_survive_into_show(
    plan: Path, out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typed = (
        "Siden sidst har vi:\n- ansat to rådgivere\n- holdt møde med\n  alle teams\n\n"
        "Næste skridt er høringen."
    )
    returned = fill(out / SHEET, {(2, TEXT): typed, (2, STATUS): "I gang"}, tmp_path / "a.xlsx")
    assert answer(capsys, plan, returned)[0] == 0
    code, stdout, _ = udv(capsys, "show", "kommunikationsstrategi", "--root", str(plan))
    assert code == 0, stdout
    journal_text = stdout.split("Journal (2):\n")[1]
    assert (
        "  20. marts 2025: Siden sidst har vi:\n"
        "    - ansat to rådgivere\n"
        "    - holdt møde med alle teams\n"
        "    Næste skridt er høringen.\n"
        "    Status: i gang." in journal_text
    ), journal_text
