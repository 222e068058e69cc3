"""The command line as a Danish user meets it: no English fragments, errors in one round,
output that reads the same on a terminal as in a pipe (issue 15, point 7)."""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from conftest import MINIMAL_CONFIG, MINIMAL_INITIATIVE, MINIMAL_MEETING, BuildTree, udv
from udvikling.lint import lint
from udvikling.yamlsrc import read_yaml

REPO = Path(__file__).resolve().parents[1]
ENGLISH = re.compile(r"\b(Did you mean|Usage|Error|not allowed|mapping values)\b")


def test_a_mistyped_command_gets_a_danish_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = udv(capsys, "statu")
    assert code == 2
    assert "Kommandoen 'statu' findes ikke. Mente du 'status'?" in err
    assert not ENGLISH.search(err), err


def test_bare_udv_shows_the_help_not_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = udv(capsys)
    assert code == 0 and err == ""
    assert out.startswith("Brug: udv [TILVALG] KOMMANDO [ARG]...")
    assert "fejl" not in out


def test_a_usage_hint_names_the_whole_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = udv(capsys, "render", "sagsfremstilling", "--root", str(REPO))
    assert code == 2
    assert "--meeting" in err
    assert "Se 'udv render sagsfremstilling --help'." in err


def test_every_written_file_is_reported_on_stderr(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    runs = [
        ("calendar", "-o", str(tmp_path / "m.ics")),
        ("schema", "-o", str(tmp_path / "schema")),
        ("render", "notat", "--as-of", "2024-10-01", "-o", str(tmp_path / "n.md")),
    ]
    for argv in runs:
        code, out, err = udv(capsys, *argv, "--root", str(REPO))
        assert code == 0, err
        assert out == "", argv
        assert err.startswith("Skrev "), (argv, err)


def test_unknown_code_in_a_waiver_is_worded_danish(build_tree: BuildTree) -> None:
    initiative = MINIMAL_INITIATIVE + "waivers:\n  - code: UDV999\n    reason: Fordi.\n"
    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG + "lint:\n  severity: {UDV998: info}\n",
            "data/initiatives/kommunikationsstrategi.yaml": initiative,
        }
    )
    messages = [f.message for f in lint(root, _day()).findings if f.code == "UDV901"]
    assert len(messages) == 2
    assert all("som ikke findes" in m for m in messages), messages


def _day() -> object:
    from datetime import date

    return date(2024, 6, 1)


def test_references_are_checked_in_a_record_that_fails_its_schema(
    build_tree: BuildTree,
) -> None:
    initiative = (
        MINIMAL_INITIATIVE.replace("level: central", "level: centralt").replace(
            "track: kommunikation", "track: komunikation"
        )
        + "milestones:\n  - title: Status\n    meeting: 2024-04-25-vpu\n"
    )
    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/kommunikationsstrategi.yaml": initiative,
            "data/meetings/2024-04-24-vpu.yaml": MINIMAL_MEETING,
        }
    )
    found = {(f.code, f.line) for f in lint(root, _day()).findings if f.severity == "error"}
    # All in one round: the schema's error and both references.
    assert found == {("UDV106", 4), ("UDV201", 2), ("UDV207", 10)}


def test_a_key_indented_too_far_is_called_that() -> None:
    [f] = read_yaml(b"title: X\n track: organisering\n", "f.yaml").findings
    assert (f.code, f.line, f.column) == ("UDV001", 2, 2)
    assert "'track' er indrykket et mellemrum mere end nøglen 'title'" in f.message
    assert f.hint is not None and "anførselstegn" not in f.hint
    # A colon inside a value is still the quoting problem.
    [f] = read_yaml(b"title: Status: april\n", "f.yaml").findings
    assert f.hint is not None and "anførselstegn" in f.hint


@pytest.mark.parametrize(
    ("danish", "english"),
    [("frist", "due"), ("ansvarlig", "owner"), ("Beskrivelse", "description")],
)
def test_a_danish_key_points_to_the_english_one(
    build_tree: BuildTree, danish: str, english: str
) -> None:
    initiative = MINIMAL_INITIATIVE + f"{danish}: x\n"
    if english in MINIMAL_INITIATIVE:
        initiative = re.sub(rf"^{english}:", f"{danish}:", MINIMAL_INITIATIVE, flags=re.M)
    root = build_tree({"udvikling.yaml": MINIMAL_CONFIG, "data/initiatives/x.yaml": initiative})
    [f] = [f for f in lint(root, _day()).findings if f.code == "UDV101"]
    assert f.hint is not None and f.hint.startswith(f"Mente du '{english}'?")


def test_show_meeting_has_remarks_and_absentees(
    capsys: pytest.CaptureFixture[str], build_tree: BuildTree
) -> None:
    meeting = (
        MINIMAL_MEETING.replace(
            "    decision: Godkendt.\n",
            "    decision: Godkendt.\n    remarks: Anne Hansen (A) tager forbehold.\n",
        )
        + "absent: [Tom Bytoft (A), Jens Jensen (V)]\n"
    )
    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/kommunikationsstrategi.yaml": MINIMAL_INITIATIVE,
            "data/meetings/2024-04-24-vpu.yaml": meeting,
        }
    )
    code, out, _ = udv(capsys, "show", "2024-04-24-vpu", "--root", str(root))
    assert code == 0
    assert "Bemærkninger: Anne Hansen (A) tager forbehold." in out
    assert "Fraværende: Tom Bytoft (A) og Jens Jensen (V)" in out


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "plan"
    (root / "data" / "initiatives").mkdir(parents=True)
    (root / "data" / "meetings").mkdir()
    (root / "udvikling.yaml").write_text(MINIMAL_CONFIG, encoding="utf-8")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)
    return root


def test_new_meeting_writes_the_date_as_typed_and_shows_lint_warnings(
    capsys: pytest.CaptureFixture[str], plan: Path
) -> None:
    code, out, err = udv(
        capsys,
        "new",
        "meeting",
        "--date",
        "2024-04-23",
        "--body",
        "vpu",
        "--title",
        "Status",
        "--root",
        str(plan),
    )
    assert code == 0, err
    assert out == "Oprettet data/meetings/2024-04-23-vpu.yaml\n"
    text = (plan / "data/meetings/2024-04-23-vpu.yaml").read_text(encoding="utf-8")
    assert "\ndate: 2024-04-23\n" in text
    # A meeting that has been held without a decision: kept, and lint's warning shown.
    assert "data/meetings/2024-04-23-vpu.yaml:" in err and "UDV501 advarsel" in err


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Pretend to be a terminal and answer prompts from a list."""
    import typer._click.termui as termui

    given: list[str] = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(termui, "visible_prompt_func", lambda _prompt: given.pop(0))
    yield given


def test_interactive_new_asks_again_after_a_typo(
    capsys: pytest.CaptureFixture[str], plan: Path, answers: list[str]
) -> None:
    # A mistyped track, then Enter to take the suggestion; a bad period, then a good one.
    answers += ["Ny indsats", "organsering", "", "socialchef", "engang", "2025", ""]
    code, _, err = udv(capsys, "new", "initiative", "--root", str(plan))
    assert code == 0, err
    assert answers == []
    assert "'organsering' findes ikke i udvikling.yaml. Mente du 'organisering'?" in err
    data = yaml.safe_load((plan / "data/initiatives/ny-indsats.yaml").read_text())
    assert (data["track"], data["start"]) == ("organisering", 2025)


def _cells(out: str) -> list[list[str]]:
    return [[c.strip() for c in line.split("│")[1:-1]] for line in out.splitlines() if "│" in line]


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize(
    "argv",
    [
        ["list", "initiatives"],
        ["list", "meetings"],
        ["overdue", "--as-of", "2025-06-30"],
        ["status", "--as-of", "2024-05-01"],
    ],
)
def test_terminal_tables_break_no_word_at_200_columns(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    from udvikling.load import load

    code, out, _ = udv(capsys, *argv, "--root", str(REPO))
    assert code in (0, 1)
    dataset = load(REPO).dataset
    assert dataset is not None
    words = {
        w
        for text in [
            *dataset.initiatives,
            *dataset.meetings,
            *(i.title for i in dataset.initiatives.values()),
            *(m.title for m in dataset.meetings.values()),
        ]
        for w in text.split()
        if len(w) > 3
    }
    # A word broken over two lines ends one line of a column and starts the next.
    rows = _cells(out)
    broken = []
    for above, below in itertools.pairwise(rows):
        for a, b in zip(above, below, strict=False):
            if a and b:
                tail, head = a.split()[-1], b.split()[0]
                if tail + head in words and tail not in words:
                    broken.append(tail + "|" + head)
    assert out.count("│") > 10 and broken == [], broken[:5]


def test_terminal_status_says_what_the_piped_one_says(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, terminal: None
) -> None:
    code, out, _ = udv(capsys, "status", "--as-of", "2024-05-01", "--root", str(REPO))
    assert code == 0
    monkeypatch.setattr("udvikling.commands.status.use_rich", lambda: False)
    code, piped, _ = udv(capsys, "status", "--as-of", "2024-05-01", "--root", str(REPO))
    [undated] = [line for line in piped.splitlines() if "uden start tælles" in line]
    assert " ".join(undated.split()) in " ".join(out.split())  # rich wraps long lines
    # Names, not ids: the titles of the initiatives without a start.
    assert "Ansættelse af to fagchefer" in undated and "ansaettelse-af-to" not in undated
