"""The command line shell: Danish help, usage errors as exit 2, and ``udv period``."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from udvikling.cli import build_app, run

ENGLISH = re.compile(r"\b(Usage|Options|Arguments|Commands|Show this message|OPTIONS)\b")


def command_names() -> list[str]:
    import typer.main

    group = typer.main.get_command(build_app())
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_top_level_help_is_danish(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Brug: udv [TILVALG] KOMMANDO [ARG]...")
    assert "Kommandoer:" in out and "Vis denne hjælp og afslut." in out
    assert not ENGLISH.search(out), out


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_danish_help(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run([name, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Brug: udv {name}")
    assert not ENGLISH.search(out), out
    assert "<str>" not in out and "<path>" not in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["nope"], "Kommandoen 'nope' findes ikke."),
        (["period"], "Mangler argumentet 'PERIODE'."),
        (["lint", "--frobnicate"], "Tilvalget --frobnicate findes ikke."),
        (["schema", "bad"], "Ukendt skema 'bad'."),
    ],
)
def test_usage_errors_exit_2_in_danish(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("udv: fejl: ")
    assert message in err
    assert "Traceback" not in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from udvikling import __version__

    assert run(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"udv {__version__}"


@pytest.mark.parametrize(
    ("text", "first_line", "iso"),
    [
        ("primo uge 15 2023", "primo uge 15 2023: 10.-11. april 2023", "2023-04-10 til 2023-04-11"),
        (
            "1. halvår 2023",
            "1. halvår 2023: 1. januar – 30. juni 2023",
            "2023-01-01 til 2023-06-30",
        ),
        ("2023-04-26", "26. april 2023: en onsdag", "2023-04-26"),
        ("26-04-2023", "26. april 2023: en onsdag", "2023-04-26"),
        ("apr. 2023", "april 2023: 1.-30. april 2023", "2023-04-01 til 2023-04-30"),
        ("2023Q2", "2. kvartal 2023: 1. april – 30. juni 2023", "2023-04-01 til 2023-06-30"),
        ("2. kvartal 2023", "2. kvartal 2023: 1. april – 30. juni 2023", "til 2023-06-30"),
        ("2023-H1", "1. halvår 2023: 1. januar – 30. juni 2023", "til 2023-06-30"),
        ("2023-W15", "uge 15 2023: 10.-16. april 2023", "2023-04-10 til 2023-04-16"),
        ("uge 15 2023", "uge 15 2023: 10.-16. april 2023", "2023-04-10 til 2023-04-16"),
        ("2023", "2023: 1. januar – 31. december 2023", "2023-01-01 til 2023-12-31"),
        ("foråret 2024", "forår 2024: 1. marts – 31. maj 2024", "2024-03-01 til 2024-05-31"),
        ("efterår 2024", "efterår 2024: 1. september – 30. november 2024", "til 2024-11-30"),
        ("sommer 2024", "sommer 2024: 1. juni – 31. august 2024", "til 2024-08-31"),
        ("vinter 2023/24", "vinter 2023/24: 1. december 2023 – 29. februar 2024", "2024-02-29"),
        ("medio 2023", "medio 2023: 3. maj – 31. august 2023", "2023-05-03 til 2023-08-31"),
        ("ultimo marts 2023", "ultimo marts 2023: 21.-31. marts 2023", "2023-03-21"),
        (
            "dec. 2022 – feb.",
            "december 2022 – februar 2023: 1. december 2022 – 28. februar 2023",
            "2022-12-01 til 2023-02-28",
        ),
    ],
)
def test_period_command_answers_for_every_form(
    text: str, first_line: str, iso: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["period", text]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == first_line
    assert iso in out


def test_period_command_accepts_unquoted_words(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["period", "primo", "uge", "15", "2023"]) == 0
    assert "10.-11. april 2023" in capsys.readouterr().out


def test_period_command_refuses_ambiguous_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["period", "vinter 2023"]) == 2
    err = capsys.readouterr().err
    assert "tvetydig" in err and "tip: Skriv vinter 2022/23 eller vinter 2023/24." in err


def test_console_script_runs_as_module() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "udvikling", "period", "2023-H1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("1. halvår 2023")


def test_required_arguments_are_shown_plainly(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["show", "--help"]) == 0
    assert capsys.readouterr().out.startswith("Brug: udv show [TILVALG] ID\n")


def test_command_list_is_not_cut_off(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--help"]) == 0
    listing = capsys.readouterr().out.split("Kommandoer:", 1)[1]
    assert "..." not in listing
