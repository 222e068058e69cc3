"""The disagreements between views that issue 22 found, one test each (each failed before the
time package): the notat's news, late apart from unreported in words, meetings worded by
what the data says, the calendar, and no document that changes silently."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from conftest import MINIMAL_CONFIG, REPO, BuildTree
from udvikling.cli import run
from udvikling.load import Dataset, load

TODAY = "2026-12-07"


def _udv(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped plan."""
    root = tmp_path / "plan"
    root.mkdir()
    shutil.copy(REPO / "udvikling.yaml", root / "udvikling.yaml")
    shutil.copytree(REPO / "data", root / "data")
    return root


def _plan(build_tree: BuildTree, files: dict[str, str], config: str = MINIMAL_CONFIG) -> Path:
    return build_tree({"udvikling.yaml": config, **files})


# -- the default notat is the news since the last issued status ------------------------------


def test_todays_notat_does_not_resend_the_autumn_2024_texts(
    shipped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _udv(capsys, "render", "notat", "--root", str(shipped), "--as-of", TODAY)
    assert code == 0, err
    # The last issued status is the autumn-2024 notat, not the VPU meeting of April 2024.
    assert "seneste statusnotat (efterår 2024)" in out
    assert "24. april 2024" not in out.split("## ", 2)[1]
    # Its texts went out then; they are not news now.
    assert "fortsætter samarbejdet med ETIKOS" not in out
    assert "Der er ikke meldt nyt siden seneste statusnotat (efterår 2024)." in out
    # Each initiative's latest known status is shown, with when it was reported.
    assert "## Status for tiltagene" in out
    assert "| Implementering af den fælles langsigtede strategi | I gang | efterår 2024 |" in out


def test_the_site_names_the_same_last_status_as_the_notat(shipped: Path) -> None:
    from udvikling.render.contexts import public_view
    from udvikling.render.defaults import since_text
    from udvikling.site.build import _prepare

    dataset = load(shipped).dataset
    assert dataset is not None
    site = _prepare(public_view(dataset, False), date(2026, 12, 7), date(2026, 12, 7))
    assert site.last is not None
    assert site.last.url == "rapporter/2024-efteraar-status.html"
    last = site.standing.last_status
    assert last is not None
    assert since_text(site.plan, last) == "seneste statusnotat (efterår 2024)"


def test_a_new_entry_after_the_last_status_is_the_notats_news(
    shipped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = shipped / "data" / "initiatives" / "kommunikationsstrategi.yaml"
    text = target.read_text(encoding="utf-8")
    assert "\nupdates:\n" in text
    target.write_text(
        text.replace(
            "\nupdates:\n",
            "\nupdates:\n  - date: 2025-03-01\n    text: Strategien er i høring.\n",
            1,
        ),
        encoding="utf-8",
    )
    code, out, err = _udv(capsys, "render", "notat", "--root", str(shipped), "--as-of", TODAY)
    assert code == 0, err
    assert "Det omfatter det, der er meldt siden seneste statusnotat (efterår 2024)." in out
    assert "Strategien er i høring." in out
    assert "I 4. kvartal 2024 igangsættes arbejde med kommunikationsstrategi" not in out


# -- late apart from unreported, in words -----------------------------------------------------

ANSWERED = """\
    title: Ansættelse af to fagchefer
    track: organisering
    owner: socialchef
    status: i-gang
    since: 2023-01-08
    due: juni 2023
    updates:
      - date: 2025-01-10
        status: i-gang
        text: Rekrutteringen pågår stadig.
    """
SILENT = """\
    title: Flytning af arbejdssted
    track: organisering
    owner: socialchef
    status: i-gang
    since: 2023-01-08
    due: juni 2023
    """


def test_an_owner_who_answers_after_the_deadline_is_not_described_worse(
    build_tree: BuildTree, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _plan(
        build_tree,
        {"data/initiatives/fagchefer.yaml": ANSWERED, "data/initiatives/flytning.yaml": SILENT},
    )
    code, out, err = _udv(capsys, "render", "notat", "--root", str(root), "--as-of", "2025-02-01")
    assert code == 0, err
    late = out.split("## Overskredne frister", 1)[1]
    # The notat never says "forsinket" and counts no days, for either of them.
    assert "forsinket" not in late.lower() and "dage" not in late
    answered, silent = late.split("ikke meldt status siden fristen", 1)
    assert "den seneste status siger, at arbejdet ikke er færdigt" in answered
    assert "| Ansættelse af to fagchefer | juni 2023 | meldt i gang 10. januar 2025 |" in answered
    assert "| Flytning af arbejdssted | juni 2023 | intet meldt siden 8. januar 2023 |" in silent
    # udv overdue says the same: the late one with what was reported.
    code, out, _ = _udv(capsys, "overdue", "--root", str(root), "--as-of", "2025-02-01")
    assert "(frist juni 2023; meldt i gang 10. januar 2025; Socialchef)" in out
    assert "intet meldt siden 8. januar 2023: tiltag Flytning af arbejdssted" in out


def test_the_notat_lists_nothing_unreported_as_late(
    shipped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _udv(capsys, "render", "notat", "--root", str(shipped), "--as-of", TODAY)
    assert code == 0
    section = out.split("## Overskredne frister", 1)[1].split("\n## ", 1)[0]
    assert "Forsinkede" not in out and "forsinket" not in section.lower()
    assert "den seneste status siger" not in section  # nothing in the shipped plan is late
    assert "| Ansættelse af to fagchefer | juni 2023 | intet meldt siden 8. januar 2023 |" in (
        section
    )


# -- meetings worded by what the data says ----------------------------------------------------

CANCELLED = """\
    body: vpu
    date: 2024-10-30
    title: Status
    kind: status
    held: false
    items:
      - title: Status på udviklingsprocessen
    """
PLANNED = """\
    body: kb
    date: 2024-09-10
    title: Orientering
    kind: orientering
    items:
      - title: Orientering
    """
STRATEGY = """\
    title: Kommunikationsstrategi
    track: kommunikation
    owner: socialchef
    status: i-gang
    start: 2. halvår 2023
    due: 4. kvartal 2024
    milestones:
      - title: Strategien vedtaget
        due: 3. kvartal 2024
    updates:
      - date: 2024-09-30
        text: Strategien er vedtaget.
        reached: [Strategien vedtaget]
    """


def _meetings_plan(build_tree: BuildTree) -> Path:
    return _plan(
        build_tree,
        {
            "data/meetings/2024-10-30-vpu.yaml": CANCELLED,
            "data/meetings/2024-09-10-kb.yaml": PLANNED,
            "data/initiatives/kommunikationsstrategi.yaml": STRATEGY,
        },
    )


def test_meetings_are_worded_by_what_the_data_says(
    build_tree: BuildTree, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _meetings_plan(build_tree)
    code, out, _ = _udv(capsys, "list", "meetings", "--root", str(root), "--as-of", "2024-12-01")
    assert code == 0
    assert "2024-10-30-vpu: 30. oktober 2024 (VPU; Status; status; aflyst)" in out
    assert "ikke bekræftet, at mødet blev holdt" in out
    assert "besluttet" not in out
    code, out, _ = _udv(capsys, "list", "meetings", "--root", str(root), "--as-of", "2024-09-01")
    assert "planlagt" in out and "aflyst" not in out  # not known before its date
    # udv overdue no longer calls meetings nobody confirmed "afholdte".
    code, out, _ = _udv(capsys, "overdue", "--root", str(root), "--as-of", "2024-12-01")
    assert "afholdt" not in out
    assert "ikke bekræftet, at mødet blev holdt: møde uden beslutning KB: Orientering" in out


def test_the_calendar_cancels_and_reaches_by_the_same_rule_as_show(
    build_tree: BuildTree, capsys: pytest.CaptureFixture[str]
) -> None:
    from udvikling.reports.calendar import build_calendar

    root = _meetings_plan(build_tree)
    dataset = load(root).dataset
    assert dataset is not None
    ics = build_calendar(
        dataset, milestones=True, stamp=datetime(2025, 1, 1, tzinfo=UTC), as_of=date(2024, 12, 1)
    ).decode()
    events = ics.replace("\r\n ", "").split("BEGIN:VEVENT")[1:]
    cancelled = next(e for e in events if "2024-10-30-vpu@" in e)
    assert "STATUS:CANCELLED" in cancelled and "SUMMARY:Aflyst: VPU: Status" in cancelled
    planned = next(e for e in events if "2024-09-10-kb@" in e)
    assert "STATUS:TENTATIVE" in planned and "ikke bekræftet" in planned
    milestone = next(e for e in events if "milepael" in e)
    assert "SUMMARY:Nået: Strategien vedtaget (Kommunikationsstrategi)" in milestone
    assert "Meldt nået 30. september 2024." in milestone
    code, out, _ = _udv(
        capsys, "show", "kommunikationsstrategi", "--root", str(root), "--as-of", "2024-12-01"
    )
    assert code == 0
    assert "Strategien vedtaget: frist 3. kvartal 2024, meldt nået 30. september 2024" in out


# -- no document changes silently ------------------------------------------------------------


def _break(root: Path) -> None:
    target = root / "data" / "initiatives" / "kompetenceudvikling-takstforhandling.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "\ttab: ja\n", encoding="utf-8")


def test_a_broken_file_stops_the_document_before_anything_is_written(
    shipped: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _break(shipped)
    target = tmp_path / "notat.md"
    code, _, err = _udv(
        capsys,
        "render", "notat", "--report", "2024-efteraar-status", "--root", str(shipped),
        "-o", str(target),
    )  # fmt: skip
    assert code == 1
    assert not target.exists()
    assert "kompetenceudvikling-takstforhandling.yaml" in err
    assert "Intet er skrevet" in err and "--allow-errors" in err
    # With --allow-errors the reader is told, at the top of the document itself.
    code, _, err = _udv(
        capsys,
        "render", "notat", "--report", "2024-efteraar-status", "--root", str(shipped),
        "-o", str(target), "--allow-errors",
    )  # fmt: skip
    assert code == 0
    text = target.read_text(encoding="utf-8")
    head = text.split("\n## ", 1)[0]
    assert "> **Bemærk: Dette er lavet, selv om 1 fil i planens data har fejl" in head


@pytest.mark.parametrize(
    ("command", "what"),
    [
        (["site", "--no-documents"], "webstedet"),
        (["sheet", "export"], "statusarkene"),
    ],
)
def test_a_broken_file_stops_the_site_and_the_sheets(
    shipped: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], what: str
) -> None:
    _break(shipped)
    out_dir = tmp_path / "ud"
    code, _, err = _udv(capsys, *command, "-o", str(out_dir), "--root", str(shipped))
    assert code == 1
    assert not out_dir.exists()
    assert what in err


def test_the_site_says_on_every_page_that_data_was_left_out(
    shipped: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _break(shipped)
    out_dir = tmp_path / "websted"
    code, _, err = _udv(
        capsys, "site", "--no-documents", "-o", str(out_dir), "--root", str(shipped),
        "--allow-errors",
    )  # fmt: skip
    assert code == 0, err
    pages = sorted(out_dir.rglob("*.html"))
    assert pages
    for page in pages:
        assert "Dette er lavet, selv om 1 fil i planens data har fejl" in page.read_text(
            encoding="utf-8"
        ), page


def test_a_report_naming_an_unknown_initiative_stops(
    shipped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = shipped / "data" / "reports" / "2024-efteraar-status.yaml"
    report.write_text(
        report.read_text(encoding="utf-8").replace(
            "initiative: implementering-af-strategien", "initiative: implementering-af-strategi"
        ),
        encoding="utf-8",
    )
    code, out, err = _udv(
        capsys, "render", "notat", "--report", "2024-efteraar-status", "--root", str(shipped)
    )
    assert code == 1 and out == ""
    assert "UDV211" in err and "implementering-af-strategi" in err


# -- diff --since-report uses the same last status, also in a repository started after it ----


def test_since_report_in_a_repository_started_after_the_status(
    shipped: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from test_gitio import GitRepo

    repo = GitRepo(shipped)
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "Planen", when="2026-01-05T10:00:00+01:00")
    code, out, err = _udv(
        capsys, "diff", "--since-report", "--root", str(shipped), "--as-of", TODAY
    )
    assert code == 0, err
    assert "seneste status, statusnotatet »" in out and "(efterår 2024)" in out
    assert "arkivet har ingen commit fra før da" in out


def _dataset(root: Path) -> Dataset:
    dataset = load(root).dataset
    assert dataset is not None
    return dataset


def test_a_notat_for_the_day_before_a_meeting_knows_nothing_of_it(shipped: Path) -> None:
    from udvikling.render.documents import notat

    before = notat(_dataset(shipped), date(2024, 4, 23)).markdown
    assert "24. april 2024" not in before.split("## Det videre forløb", 1)[0]
    assert "Godkendt" not in before


def test_a_broken_file_stops_the_calendar_too(
    shipped: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = shipped / "data" / "meetings" / "2024-04-24-vpu.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "\ttab: ja\n", encoding="utf-8")
    ics = tmp_path / "moeder.ics"
    code, _, err = _udv(capsys, "calendar", "-o", str(ics), "--root", str(shipped))
    assert code == 1 and not ics.exists() and "kalenderen" in err
    code, _, err = _udv(
        capsys, "calendar", "-o", str(ics), "--root", str(shipped), "--allow-errors"
    )
    assert code == 0, err
    text = ics.read_bytes().decode("utf-8").replace("\r\n ", "")
    from icalendar import Calendar

    # Read back as a calendar program would (udv escapes the commas as TEXT; icalendar 7
    # reads a property of no declared type verbatim, earlier ones unescape it).
    described = str(Calendar.from_ical(ics.read_bytes()).get("X-WR-CALDESC"))
    assert described.replace("\\,", ",").startswith(
        "Bemærk: Dette er lavet, selv om 1 fil i planens data har fejl"
    ), described
    assert "2024-04-24-vpu@" not in text
