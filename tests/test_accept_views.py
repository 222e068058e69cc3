"""What an acceptance pass on the shipped plan found: the same fact, said in different words
by different views, or in wrong Danish. Each test failed on the code before its fix."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO
from udvikling.cli import run


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped plan."""
    root = tmp_path / "plan"
    root.mkdir()
    shutil.copy(REPO / "udvikling.yaml", root / "udvikling.yaml")
    shutil.copytree(REPO / "data", root / "data")
    return root


@pytest.fixture(scope="module")
def site_today(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped plan's site on 7 December 2026, without documents, built once; read only."""
    site = tmp_path_factory.mktemp("today") / "site"
    argv = ["site", "--root", str(REPO), "-o", str(site), "--as-of", "2026-12-07"]
    assert run([*argv, "--no-documents"]) == 0
    return site


def _text(html: str) -> str:
    """A page's words on one line each, without tags."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_site_counts_one_update_in_the_singular(
    shipped: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # On 1 October 2024 one entry is new since the VPU status of 24 April 2024: the Council's
    # new name and deadline for ny-styringsmodel (20 August 2024).
    out = tmp_path / "site"
    code = run(
        ["site", "--root", str(shipped), "-o", str(out), "--as-of", "2024-10-01", "--no-documents"]
    )
    assert code == 0, capsys.readouterr().err
    news = _text((out / "nyt.html").read_text(encoding="utf-8"))
    front = _text((out / "index.html").read_text(encoding="utf-8"))
    assert "til og med 1. oktober 2024: 1 opdatering, nyeste først" in news
    assert "Siden da er der meldt 1 opdatering." in front
    assert "(1 opdatering)" in front
    assert "1 opdateringer" not in news + front


def test_every_view_says_nothing_reported_since_in_the_same_words(
    shipped: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # ny-styringsmodel: deadline 1. kvartal 2025, last reported in the autumn-2024 notat; its
    # second milestone (due 1. kvartal 2025) is not said to be reached. R19 words it "intet
    # meldt siden efterår 2024", and udv overdue, the notat and the site's status already did;
    # udv show, udv status and the site's and open data's milestones said "status ikke oplyst
    # siden efterår 2024".
    day = "2026-12-07"
    root = str(shipped)
    said = "intet meldt siden efterår 2024"
    milestone = "ikke meldt, om den er nået (tiltaget senest meldt efterår 2024)"
    views: dict[str, str] = {}
    for name, args in {
        "overdue": ["overdue"],
        "show": ["show", "ny-styringsmodel"],
        # judged 30 June 2025, past the deadline
        "status": ["status", "-q", "2025Q2"],
        "status-md": ["status", "-q", "2025Q2", "-f", "md"],
        # a milestone due in 2. kvartal 2023 (Ansættelsessamtaler, april 2023)
        "status-2023": ["status", "-q", "2023Q2"],
        "notat": ["render", "notat"],
    }.items():
        code = run([*args, "--root", root, "--as-of", day])
        out, err = capsys.readouterr()
        assert code == 0, err
        views[name] = out
    site = tmp_path / "site"
    assert run(["site", "--root", root, "-o", str(site), "--as-of", day, "--no-documents"]) == 0
    capsys.readouterr()
    views["site"] = _text((site / "tiltag" / "ny-styringsmodel.html").read_text("utf-8"))
    views["open data"] = (site / "aabne-data" / "plan.json").read_text("utf-8")
    for name, text in views.items():
        assert "status ikke oplyst siden" not in text, name
    for name in ("overdue", "show", "status", "status-md", "notat", "site"):
        assert said in views[name], name
    for name in ("overdue", "show", "site", "open data"):
        assert milestone in views[name], name
    assert (
        "Ansættelsessamtaler (Ansættelse af én aftaleholder til Myndighed og Visitation Voksen;"
        " frist april 2023): ikke meldt, om den er nået (tiltaget senest meldt 8. januar 2023)"
    ) in views["status-2023"]


def test_the_feed_dates_a_report_as_the_document_does(
    site_today: Path,
) -> None:
    # The autumn-2024 notat is dated "efterår 2024" and nothing more (seed 004). The reports
    # page says "Statusnotat, efterår 2024."; the feed said "udsendt 30. november 2024", a day
    # no source gives.
    site = site_today
    feed = (site / "nyt.xml").read_text(encoding="utf-8")
    page = _text((site / "rapporter" / "index.html").read_text(encoding="utf-8"))
    assert "Statusnotat, efterår 2024." in page
    assert "Statusnotat, efterår 2024." in feed
    assert "Tids- og procesplan, 8. januar 2023." in feed
    assert "30. november 2024" not in feed


def test_an_initiative_page_writes_its_standing_mid_sentence_in_lower_case(
    site_today: Path,
) -> None:
    # The page's status line read "I gang; Frist 1. kvartal 2025 overskredet; ..." (a capital
    # after a semicolon); the badge above it stands alone and keeps its capital.
    site = site_today
    page = (site / "tiltag" / "ny-styringsmodel.html").read_text(encoding="utf-8")
    assert "</a>; frist 1. kvartal 2025 overskredet; intet meldt siden efterår 2024</dd>" in page
    assert ">Frist 1. kvartal 2025 overskredet; intet meldt siden efterår 2024</span>" in page


def test_overdue_on_a_terminal_names_each_milestones_initiative() -> None:
    # Two initiatives have a milestone "Tiltrædelse". Plain text tells them apart by id, the
    # notat and the site by the initiative's title; the terminal's table showed only
    # "Tiltrædelse" twice.
    pytest.importorskip("pty")
    from test_terminal_width import on_terminal

    shown = " ".join(on_terminal(80, "overdue", "--as-of", "2024-04-24").split())
    for initiative in (
        "Ansættelse af én aftaleholder til Myndighed og Visitation Voksen",
        "Styrkelse af afdelingsledelsen i fire aftaleområder (mere driftsnær, faglig og"
        " borgerorienteret ledelse)",
    ):
        assert f"{initiative}: Tiltrædelse" in shown


def test_a_track_page_counts_what_is_past_its_deadline_in_sentences(
    site_today: Path,
) -> None:
    # Organisering today: 3 initiatives past their deadline with nothing reported since. The
    # page ran two sentences together ("... uden melding.For 3 er status ikke oplyst siden
    # fristen.") and said it in other words than every other view (R19).
    site = site_today
    page = _text((site / "spor" / "organisering.html").read_text(encoding="utf-8"))
    assert (
        "Milepælene: 7 over fristen uden melding. For 3 tiltag er der intet meldt siden fristen."
    ) in page


def test_the_news_page_orders_nothing_when_there_is_no_news(
    shipped: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # On 24 April 2024 the VPU status is the last status and nothing is new since; the page
    # said "0 opdateringer, nyeste først".
    site = tmp_path / "site"
    root = str(shipped)
    code = run(["site", "--root", root, "-o", str(site), "--as-of", "2024-04-24", "--no-documents"])
    assert code == 0, capsys.readouterr().err
    news = _text((site / "nyt.html").read_text(encoding="utf-8"))
    assert "til og med 24. april 2024: 0 opdateringer. " in news
    assert "nyeste først" not in news


def test_a_plain_list_says_which_value_is_not_given(
    shipped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The STU analysis (003) has no owner and no status. Piped, udv list printed "(...;
    # Ikke oplyst; ikke oplyst; ...)", two unnamed unknowns side by side; udv status writes
    # "ansvarlig ikke oplyst; status ikke oplyst".
    code = run(["list", "initiatives", "--root", str(shipped), "--as-of", "2026-12-07"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert (
        "fremtidig-tilrettelaeggelse-af-stu: Den fremtidige tilrettelæggelse af STU i lyset af"
        " ny lovgivning og ændringer i elevsammensætningen (Sideløbende analyseforløb på"
        " Socialområdet; ansvarlig ikke oplyst; status ikke oplyst; uden start, uden frist)"
    ) in out
    assert "; Ikke oplyst;" not in out


def test_the_status_sheet_says_when_last_reported_as_the_notat_does() -> None:
    """The sheet's "Seneste opdatering" and its date are the last report (R19), the notat's
    "Senest meldt": a rename or a moved deadline is a change of plan, not news, and an
    initiative with nothing reported since the plan it came from was reported then."""
    from datetime import date

    from udvikling.chrono import stand, view_at
    from udvikling.load import load
    from udvikling.sheets.rows import build_sheets

    dataset = load(REPO).dataset
    assert dataset is not None
    seen: dict[date, dict[str, tuple[str, str]]] = {}
    for day in (date(2024, 4, 24), date(2024, 10, 1), date(2026, 12, 7)):
        view = view_at(day)
        standing = stand(dataset, view)
        rows = {row.id: row for sheet in build_sheets(dataset, view) for row in sheet.rows}
        assert rows
        for rid, row in rows.items():
            last = standing.initiative(standing.plan.initiatives[rid]).last_report
            assert row.last_date == (last.danish() if last is not None else ""), rid
        seen[day] = {rid: (row.last_text, row.last_date) for rid, row in rows.items()}
    text, when = seen[date(2024, 10, 1)]["ny-styringsmodel"]
    assert when == "24. april 2024"
    assert not text.startswith("Ny titel")
    assert seen[date(2026, 12, 7)]["aftaleholder-myndighed-og-visitation-voksen"] == (
        "Intet meldt, siden tiltaget kom med i planen.",
        "8. januar 2023",
    )
