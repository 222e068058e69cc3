"""``udv new``: named files with the schema line and required fields, lint clean, no overwrite."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from udvikling.cli import run
from udvikling.lint import lint
from udvikling.load import load

REPO = Path(__file__).resolve().parents[1]
AS_OF = "2025-06-30"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A copy of the shipped plan to add records to."""
    root = tmp_path / "plan"
    root.mkdir()
    shutil.copy(REPO / "udvikling.yaml", root / "udvikling.yaml")
    shutil.copytree(REPO / "data", root / "data")
    return root


@pytest.fixture(autouse=True)
def not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)


def new(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = run(["new", *args, "--root", str(root)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def errors_in(root: Path, path: str) -> list[str]:
    from datetime import date

    result = lint(root, date.fromisoformat(AS_OF), [path])
    return [f"{f.code} {f.message}" for f in result.findings if f.severity == "error"]


def test_new_initiative_from_flags(capsys: pytest.CaptureFixture[str], plan: Path) -> None:
    code, out, _ = new(
        capsys,
        plan,
        "initiative",
        "--title",
        "Bedre overgange for unge på 18 år",
        "--track",
        "organisering",
        "--owner",
        "konstitueret-socialchef",
        "--start",
        "1. halvår 2025",
        "--due",
        "2025-Q4",
        "--unit",
        "administration-og-udvikling",
    )
    assert code == 0
    assert out == "Oprettet data/initiatives/bedre-overgange-for-unge-paa-18-aar.yaml\n"
    path = plan / "data/initiatives/bedre-overgange-for-unge-paa-18-aar.yaml"
    text = path.read_text(encoding="utf-8")
    assert (
        text.splitlines()[0]
        == (
            (REPO / "data/initiatives/ny-styringsmodel.yaml")
            .read_text(encoding="utf-8")
            .splitlines()[0]
        )
    )
    data = yaml.safe_load(text)
    assert data["title"] == "Bedre overgange for unge på 18 år"
    assert {"title", "track", "owner", "status"} <= set(data)
    assert "level" not in data  # nobody gave it
    loaded = load(plan)
    assert loaded.dataset is not None
    created = loaded.dataset.initiatives["bedre-overgange-for-unge-paa-18-aar"]
    assert created.due_period is not None and created.due_period.canonical() == "2025-Q4"
    assert errors_in(plan, "data/initiatives/bedre-overgange-for-unge-paa-18-aar.yaml") == []


def test_new_meeting_named_from_date_and_body(
    capsys: pytest.CaptureFixture[str], plan: Path
) -> None:
    code, out, _ = new(
        capsys,
        plan,
        "meeting",
        "--date",
        "primo uge 15 2025",
        "--body",
        "vpu",
        "--title",
        "Status",
        "--kind",
        "status",
        "--item",
        "Status på udviklingsprocessen",
        "--initiative",
        "ny-styringsmodel",
    )
    assert code == 0 and out == "Oprettet data/meetings/2025-w15-primo-vpu.yaml\n"
    text = (plan / "data/meetings/2025-w15-primo-vpu.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/meeting.schema.json\n")
    assert errors_in(plan, "data/meetings/2025-w15-primo-vpu.yaml") == []


def test_yes_no_titles_stay_text(capsys: pytest.CaptureFixture[str], plan: Path) -> None:
    code, _, _ = new(
        capsys,
        plan,
        "initiative",
        "--title",
        "Ja",
        "--track",
        "organisering",
        "--owner",
        "konstitueret-socialchef",
    )
    assert code == 0
    assert yaml.safe_load((plan / "data/initiatives/ja.yaml").read_text())["title"] == "Ja"
    assert errors_in(plan, "data/initiatives/ja.yaml") == []


def test_refuses_to_overwrite(capsys: pytest.CaptureFixture[str], plan: Path) -> None:
    target = plan / "data/initiatives/ny-styringsmodel.yaml"
    before = target.read_bytes()
    code, out, err = new(
        capsys,
        plan,
        "initiative",
        "--title",
        "Ny styringsmodel",
        "--track",
        "oekonomi",
        "--owner",
        "konstitueret-socialchef",
    )
    assert code == 2 and out == "" and "findes allerede" in err
    assert target.read_bytes() == before
    code, _, err = new(
        capsys, plan, "meeting", "--date", "2023-04-26", "--body", "vpu", "--title", "Igen"
    )
    assert code == 2 and "2023-04-26-vpu.yaml findes allerede" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["initiative", "--title", "X"], "--track mangler"),
        (
            ["initiative", "--title", "X", "--track", "nyt", "--owner", "konstitueret-socialchef"],
            "--track: 'nyt' findes ikke",
        ),
        (["meeting", "--date", "2025-13-01", "--body", "vpu", "--title", "X"], "--date"),
        (
            ["meeting", "--date", "2025-05-01", "--body", "vpu", "--title", "X", "--kind", "fest"],
            "Den nye fil ville have fejl",
        ),
        (["opgave"], "Ukendt art"),
    ],
)
def test_usage_errors_leave_no_file(
    capsys: pytest.CaptureFixture[str], plan: Path, args: list[str], message: str
) -> None:
    before = sorted(p.name for p in (plan / "data").rglob("*"))
    code, _, err = new(capsys, plan, *args)
    assert code == 2 and message in err, err
    assert sorted(p.name for p in (plan / "data").rglob("*")) == before


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Pretend to be a terminal and answer prompts from a list."""
    import typer._click.termui as termui

    given: list[str] = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(termui, "visible_prompt_func", lambda _prompt: given.pop(0))
    yield given


def test_prompts_on_a_terminal(
    capsys: pytest.CaptureFixture[str], plan: Path, answers: list[str]
) -> None:
    answers += [
        "Tryghed i nattevagter",
        "arbejdskultur",
        "konstitueret-socialchef",
        "2. halvår 2025",
        "løbende",
    ]
    code, out, _ = new(capsys, plan, "initiative")
    assert code == 0, out
    assert answers == []
    data = yaml.safe_load((plan / "data/initiatives/tryghed-i-nattevagter.yaml").read_text())
    assert data["track"] == "arbejdskultur" and data["due"] == "løbende"
    assert data["start"] == "2. halvår 2025"


def test_new_writes_only_what_was_given(capsys: pytest.CaptureFixture[str], plan: Path) -> None:
    # 22 of the shipped initiatives have no owner and several no level: neither is required,
    # and a status is taken as every output prints it.
    code, _, err = new(
        capsys,
        plan,
        "tiltag",
        "--title",
        "Fælles introduktion for nye medarbejdere",
        "--track",
        "faglighed",
        "--status",
        "i gang",
    )
    assert code == 0, err
    data = yaml.safe_load(
        (plan / "data/initiatives/faelles-introduktion-for-nye-medarbejdere.yaml").read_text()
    )
    assert set(data) == {"title", "track", "status"} and data["status"] == "i-gang"
    code, _, err = new(
        capsys, plan, "tiltag", "--title", "X y", "--track", "faglighed", "--level", "centralt"
    )
    assert code == 2 and "--level" in err


def test_prompts_show_names_and_take_a_number_or_a_name(
    capsys: pytest.CaptureFixture[str], plan: Path, answers: list[str]
) -> None:
    answers += ["Tryghed om natten", "Faglighed og kompetenceudvikling", "", "", ""]
    code, _, err = new(capsys, plan, "initiative")
    assert code == 0, err
    assert "Faglighed og kompetenceudvikling (faglighed)" in err
    assert "Konstitueret socialchef (konstitueret-socialchef)" in err
    data = yaml.safe_load((plan / "data/initiatives/tryghed-om-natten.yaml").read_text())
    assert data["track"] == "faglighed" and "owner" not in data
    number = list(yaml.safe_load((plan / "udvikling.yaml").read_text())["owners"]).index(
        "aftaleholdere"
    )
    answers += ["Tryghed om dagen", "faglighed", str(number + 1), "", ""]
    code, _, err = new(capsys, plan, "initiative")
    assert code == 0, err
    data = yaml.safe_load((plan / "data/initiatives/tryghed-om-dagen.yaml").read_text())
    assert data["owner"] == "aftaleholdere"


def test_schema_help_names_every_schema(capsys: pytest.CaptureFixture[str]) -> None:
    from udvikling.cli import run
    from udvikling.schema import SCHEMA_FILES

    run(["schema", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    for name in SCHEMA_FILES:
        assert name in out, name
    assert "standard-output" not in out
