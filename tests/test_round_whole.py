"""A whole status round, start to finish (issue 27, "Done when"): sheets out to every owner,
three owners answer (one corrects an answer after it was read in, one writes lists and
paragraphs), one never does; ``udv sheet status`` shows exactly that, the reminder goes to the
one who did not answer, the notat shows each answer once with its lists, and the plan lints
clean."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from docx import Document

from sheetkit import SMALL_PLAN, build, fill, udv

AS_OF = "2025-03-01"
READ = "2025-03-20"
CORRECTED = "2025-03-24"
NOTAT = "2025-03-31"
TEXT = "Ny opdatering"
STATUS = "Ny status"

LAID_OUT = (
    "Siden sidst har vi:\n"
    "- ansat to rådgivere\n"
    "- holdt møde med alle teams\n"
    "\n"
    "Strategien sendes i høring i april."
)
FIRST = "Budgetmodellen er sendt til hring."
SECOND = "Budgetmodellen er sendt til høring i MED."
DIRECTOR = "Arbejdsgruppen er nedsat."


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    files = dict(SMALL_PLAN)
    files["data/initiatives/direktion.yaml"] = """\
        title: Fælles ledelsesgrundlag
        track: organisering
        owner: direktoer
        status: planlagt
        start: 2025
        due: 2026
        """
    return build(tmp_path / "plan", files)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code, out, err = udv(capsys, *args)
    assert "Traceback" not in out + err
    return code, out, err


def read_in(capsys: pytest.CaptureFixture[str], plan: Path, sheet: Path, day: str) -> str:
    code, out, _ = run(capsys, "sheet", "import", "--root", str(plan), str(sheet), "--date", day)
    assert code == 0, out
    return out


def test_a_whole_round(plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ud"
    code, _, err = run(
        capsys, "sheet", "export", "--root", str(plan), "-o", str(out), "--as-of", AS_OF
    )
    assert code == 0, err
    sheets = sorted(p.name for p in out.glob("*.xlsx"))
    assert sheets == [
        "statusark-direktoer.xlsx",
        "statusark-oekonomichef.xlsx",
        "statusark-socialchef.xlsx",
        "statusark-uden-ansvarlig.xlsx",
    ]
    answers = tmp_path / "svar"
    answers.mkdir()

    # The social chief answers one of two rows, with a list and paragraphs.
    social = fill(
        out / "statusark-socialchef.xlsx",
        {(2, TEXT): LAID_OUT, (2, STATUS): "I gang"},
        answers / "socialchef.xlsx",
    )
    # The director and the finance chief answer; the finance chief with a typo.
    director = fill(out / "statusark-direktoer.xlsx", {(2, TEXT): DIRECTOR}, answers / "d.xlsx")
    finance = fill(out / "statusark-oekonomichef.xlsx", {(2, TEXT): FIRST}, answers / "o.xlsx")
    for sheet in (social, director, finance):
        read_in(capsys, plan, sheet, READ)

    # The finance chief sends the sheet again, corrected, after it was read in.
    corrected = fill(finance, {(2, TEXT): SECOND}, answers / "o2.xlsx")
    said = read_in(capsys, plan, corrected, CORRECTED)
    assert "rettet svar; erstatter svaret i journalen fra 20. marts 2025" in said
    assert f"«{FIRST}» → «{SECOND}»" in said
    # Read in again by mistake: nothing doubles.
    assert "1 svar var allerede indlæst" in read_in(capsys, plan, corrected, CORRECTED)

    # Who has answered: exactly the three; the sheet without an owner is to be chased.
    code, text, _ = run(capsys, "sheet", "status", str(out), "--root", str(plan))
    assert code == 0
    assert text.startswith(f"Statusrunden i {out}: 4 ark, 3 besvaret, 1 mangler.\n")
    chase = text.split("Mangler svar (1 af 4):\n")[1].split("\n\n")[0]
    assert chase.startswith("  Uden ansvarlig (statusark-uden-ansvarlig.xlsx)")
    assert chase.endswith(f"  tip: Skriv rykkere med 'udv sheet remind {out} --deadline DATO'.")
    done = text.split("Har svaret (3 af 4):\n")[1].split("\n\n")[0].splitlines()
    assert [line.split(" (")[0].strip() for line in done] == [
        "Direktør",
        "Socialchef",
        "Økonomichef",
    ]
    assert "indlæst 24. marts 2025, 1 af 1 tiltag besvaret" in done[2]
    assert "indlæst 20. marts 2025, 1 af 2 tiltag besvaret" in done[1]
    empty = text.split("Tiltag uden svar (2):\n")[1].splitlines()
    # In the order of the sheets: by owner, the sheet without an owner last.
    assert empty == [
        "  rekruttering (Rekruttering og fastholdelse), Socialchef, række 3",
        "  uden-ejer (Tiltag uden ansvarlig), Uden ansvarlig, række 2",
    ]
    code, raw, _ = run(capsys, "sheet", "status", str(out), "--root", str(plan), "-f", "json")
    data = json.loads(raw)
    assert data["missing"] == ["statusark-uden-ansvarlig.xlsx"]
    assert sorted(data["answered"]) == sheets[:3]

    # The reminder goes to the one who did not answer, with the sheet attached again.
    deadline = (date.today() + timedelta(days=7)).isoformat()
    code, _, err = run(
        capsys, "sheet", "remind", str(out), "--root", str(plan), "--deadline", deadline
    )
    assert code == 0, err
    assert [p.name for p in out.glob("*.eml")] == ["rykker-statusark-uden-ansvarlig.eml"]

    # The notat: each answer once, the corrected one as corrected, the list as a list.
    code, notat, err = run(capsys, "render", "notat", "--root", str(plan), "--as-of", NOTAT)
    assert code == 0, err
    assert notat.count("Siden sidst har vi:") == 1
    assert "Siden sidst har vi:\n\n- ansat to rådgivere\n- holdt møde med alle teams\n" in notat
    assert "\n\nStrategien sendes i høring i april.\n" in notat
    assert notat.count(SECOND) == 1 and "hring" not in notat
    assert notat.count(DIRECTOR) == 1
    word = tmp_path / "notat.docx"
    code, _, err = run(
        capsys, "render", "notat", "--root", str(plan), "--as-of", NOTAT, "-o", str(word)
    )
    assert code == 0, err
    listed = [
        p.text
        for p in Document(str(word)).paragraphs
        if p._p.pPr is not None and p._p.pPr.numPr is not None
    ]
    assert listed == ["ansat to rådgivere", "holdt møde med alle teams"]

    # The plan lints clean: no error, and no answer twice (UDV409).
    code, report, _ = run(capsys, "lint", "--root", str(plan))
    assert code == 0, report
    assert "UDV409" not in report and " fejl:" not in report
