"""The plan told truthfully at any date, on the shipped data (the done-when of the journal).

Each test names what a reader of the source documents (../shared/seeds) would check: no
view of the past knows the future, documents hold no date no source gives, and nothing is
called late that no source supports.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import SEEDS
from conftest import udv_on_shipped_plan as udv
from test_gitio import GitRepo
from udvikling.cli import run

REPO = Path(__file__).resolve().parents[1]
# The four public source documents, as in ../shared/seeds (copied here, so a clone holds its
# own evidence).


def test_first_quarter_2024_names_the_work_seed_002_reports(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = udv(capsys, "status", "--quarter", "2024Q1", "--as-of", "2026-12-01")
    assert code == 0
    for work in (
        "råderumskataloget samt udviklings- og omstruktureringskataloget",
        "ny ressourcefordelings- og takstmodel",
        "arbejdstidsplanlægning",
        "ny organisering omkring dokumentation",
        "ledelsessupervision",
    ):
        assert work in out, work
    assert "24. april 2024 (om 1. kvartal 2024)" in out


def test_the_day_before_a_meeting_knows_nothing_of_its_outcome(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = udv(capsys, "status", "--as-of", "2024-04-23", "-q", "2024Q2", "-f", "json")
    assert code == 0
    assert "Godkendt." not in out and "Bytoft" not in out
    code, out, _ = udv(capsys, "status", "--as-of", "2024-04-24", "-q", "2024Q2", "-f", "json")
    assert "Godkendt." in out


def test_lint_as_it_stood_on_24_april_2024(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = udv(capsys, "lint", "--as-of", "2024-04-24")
    assert code == 0, out
    assert " fejl:" not in out


def test_plan_of_8_january_2023_holds_seed_003_and_nothing_later(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = udv(capsys, "render", "procesplan", "--as-of", "2023-01-08")
    assert code == 0
    for fact in (
        "Eftersyn af de økonomiske styringsprincipper på det specialiserede voksenområde",
        "Konstitueret socialchef",
        "Rekruttering pågår frem til juni 2023",
        "Sker i tæt dialog med berørte medarbejdere, HR og i overensstemmelse med MED-aftalen.",
        "Opstart proces feb./marts 2023",
        "Decentralt",
    ):
        assert fact in out, fact
    for later in (
        "Ny styringsmodel",
        "2024-",
        "januar 2024",
        "afsluttet",
        "Afsluttet",
        "Udskudt",
        "1. kvartal 2025",
        "ledelsessupervision",
        "Kommunikationsstrategi på Socialområdet",
    ):
        assert later not in out, later


def _danish_dates(text: str) -> set[str]:
    months = "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
    return set(re.findall(rf"\b\d{{1,2}}\. (?:{months}) \d{{4}}\b", text))


MONTHS = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]


def _seed_text() -> str:
    """The seeds' words, with every date they give also spelled out in full: 24-04-2024,
    "8. jan. 2023", "27. sep. 2023" and "VPU 26. april og BUU 20. april 2023" (the year
    written once after several days)."""
    raw = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))
    raw = re.sub(r"-\s*\n\s*", "-", raw)
    text = " ".join(raw.split())
    extra = [
        f"{int(d)}. {MONTHS[int(m) - 1]} {y}"
        for d, m, y in re.findall(r"\b(\d{2})-(\d{2})-(\d{4})\b", text)
    ]
    pattern = r"\b(\d{1,2})\. (" + "|".join(m[:3] for m in MONTHS) + r")[a-zæøå]*\.?"
    for found in re.finditer(pattern, text, re.IGNORECASE):
        year = re.search(r"\b(20\d\d)\b", text[found.end() : found.end() + 60])
        if year:
            month = next(m for m in MONTHS if m.startswith(found[2].lower()))
            extra.append(f"{int(found[1])}. {month} {year[1]}")
    return text + " " + " ".join(extra)


@pytest.mark.parametrize(
    "args",
    [
        ["render", "notat", "--report", "2024-efteraar-status"],
        ["render", "procesplan", "--report", "2023-01-08-procesplan"],
        ["render", "notat", "--meeting", "2024-04-24-vpu"],
        ["render", "sagsfremstilling", "--meeting", "2024-04-24-vpu"],
        ["render", "sagsfremstilling", "--meeting", "2022-06-14-oek"],
    ],
)
def test_documents_hold_no_date_that_no_source_gives(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    code, out, _ = udv(capsys, *args)
    assert code == 0
    seeds = _seed_text()
    invented = sorted(d for d in _danish_dates(out) if d not in seeds)
    assert invented == [], invented
    assert "30. september 2024" not in out and "30. november 2024" not in out


def test_autumn_2024_note_claims_nothing_late(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = udv(capsys, "render", "notat", "--report", "2024-efteraar-status")
    assert "forsinket" not in out and "for sent" not in out
    # Nor does the default note of that time: no news is not lateness.
    _, out, _ = udv(capsys, "render", "notat", "--as-of", "2024-12-01")
    assert "Dage forsinket" not in out
    assert "ikke meldt status siden" in out


def test_completion_dates_are_never_guessed(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = udv(capsys, "status", "-q", "2024Q2", "--as-of", "2026-12-01")
    # Reported completed at the April 2024 meeting: said so, not dated as if known.
    assert "meldt afsluttet 24. april 2024" in out
    _, out, _ = udv(capsys, "show", "handle-og-omstillingsmuligheder")
    assert "meldt afsluttet 24. april 2024" in out


def _plan_repo(tmp_path: Path) -> GitRepo:
    """A git repository holding a copy of the shipped plan, committed twice."""
    repo = GitRepo(tmp_path / "plan")
    for name in ("udvikling.yaml", "data"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, repo.path / name)
        else:
            shutil.copy(source, repo.path / name)
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "Plan", when="2024-12-01T10:00:00+01:00")
    repo.git("tag", "status/2024-12-01")
    target = repo.path / "data/initiatives/ny-styringsmodel.yaml"
    entry = "  - date: efterår 2024\n    reported_in: 2024-efteraar-status\n"
    text = target.read_text(encoding="utf-8")
    assert entry in text
    text = text.replace(
        entry,
        "  - date: 2025-03-25\n    status: afsluttet\n    completed: 2025-03-25\n"
        "    text: Modellen er godkendt.\n" + entry,
        1,
    )
    target.write_text(text, encoding="utf-8")
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "Done", when="2025-03-26T10:00:00+01:00")
    return repo


@pytest.mark.parametrize(
    ("command", "marker"),
    [
        (["status", "-q", "2025Q1", "--as-of", "2025-12-31", "-f", "json"], '"afsluttet"'),
        (["overdue", "--as-of", "2025-12-31", "-f", "json"], "ny-styringsmodel#2"),
        (["render", "notat", "--as-of", "2025-12-31"], "Modellen er godkendt."),
    ],
)
def test_rev_reads_the_plan_as_committed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], marker: str
) -> None:
    repo = _plan_repo(tmp_path)
    root = ["--root", str(repo.path)]
    assert run([*command, *root]) == 0
    now = capsys.readouterr().out
    assert run([*command, *root, "--rev", "status/2024-12-01"]) == 0
    then = capsys.readouterr().out
    if command[0] == "overdue":
        # In the tagged plan the Q1 2025 milestone has no news; after completion it is closed.
        assert marker in then and marker not in now
    else:
        assert marker in now and marker not in then


def _json(text: str) -> Any:
    import json

    return json.loads(text)


def test_status_and_overdue_agree_on_separately_reported_tracks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    _, out, _ = udv(capsys, "status", "-q", "2024Q4", "--as-of", "2024-12-15", "-f", "json")
    status = json.loads(out)
    _, out, _ = udv(capsys, "overdue", "--as-of", "2024-12-15", "-f", "json")
    overdue = json.loads(out)
    quiet = {i["initiative"] for i in overdue["unreported"] if i["kind"] == "initiative"}
    unreported = {i["id"] for t in status["tracks"] for i in t["initiatives"] if i["unreported"]}
    assert unreported == quiet
    assert "ledelsestilsyn-boernemyndighed" not in unreported  # moved to a separate track


def test_list_and_calendar_know_only_what_was_known(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _, out, _ = udv(capsys, "list", "initiatives", "--as-of", "2023-01-08")
    assert "Ledelsessupervision" not in out and "ledelsessupervision" not in out
    assert "Eftersyn af de økonomiske styringsprincipper" in out
    _, out, _ = udv(capsys, "list", "meetings", "--as-of", "2023-01-08")
    assert "2024-04-24-vpu" not in out and "2023-04-26-vpu" in out
    early = tmp_path / "tidlig.ics"
    assert run(["calendar", "-o", str(early), "--as-of", "2024-04-23", "--root", str(REPO)]) == 0
    late = tmp_path / "sen.ics"
    assert run(["calendar", "-o", str(late), "--as-of", "2024-04-24", "--root", str(REPO)]) == 0
    capsys.readouterr()

    def unfolded(path: Path) -> str:  # iCalendar folds long lines: "\r\n " continues one
        return re.sub(r"\r?\n ", "", path.read_text(encoding="utf-8"))

    assert "Godkendt" not in unfolded(early)
    assert "Godkendt" in unfolded(late)
    assert "2024-08-20-kb" not in unfolded(early)
