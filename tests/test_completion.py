"""Shell completion with Typer's own machinery: scripts for bash, zsh and fish, and the
plan's own words (ids, tracks, owners, bodies, report ids) offered where commands take them.

Each case runs ``udv`` as a shell would on Tab: a fresh process with Typer's completion
variables set, in the shipped plan's folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from udvikling.load import load

REPO = Path(__file__).resolve().parents[1]


def complete(shell: str, line: str) -> list[str]:
    """The values udv offers for the last word of ``line`` (a partial command line)."""
    env = {**os.environ, "_UDV_COMPLETE": f"complete_{shell}"}
    words = line.split(" ")
    if shell == "bash":
        env.update(COMP_WORDS=line, COMP_CWORD=str(len(words) - 1))
    else:
        env["_TYPER_COMPLETE_ARGS"] = line
        if shell == "fish":
            env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    done = subprocess.run(
        [sys.executable, "-m", "udvikling"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    if shell == "zsh":
        # _arguments '*: :(("value":"help" ...))'
        import re

        # _arguments '*: :(("value":"help" "value" ...))': each value opens a quoted string.
        return re.findall(r'(?:\(\(|\n|\s)"((?:[^"\\]|\\.)*)"', done.stdout)
    return [line.split("\t")[0] for line in done.stdout.splitlines() if line]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_script_for_each_shell(shell: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "udvikling"],
        env={**os.environ, "_UDV_COMPLETE": f"source_{shell}"},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "_UDV_COMPLETE" in done.stdout and f"complete_{shell}" in done.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_plans_words_are_completed(shell: str) -> None:
    dataset = load(REPO).dataset
    assert dataset is not None
    config = dataset.config
    assert set(complete(shell, "udv show ")) == set(dataset.initiatives) | set(dataset.meetings)
    assert complete(shell, "udv history 2024-04-2") == ["2024-04-24-vpu"]
    assert set(complete(shell, "udv list initiatives --track ")) == set(config.tracks)
    owner = sorted(config.owners)[0]
    assert owner in complete(shell, f"udv list initiatives --owner {owner[:3]}")
    assert set(complete(shell, "udv new meeting --body ")) == set(config.bodies)
    assert set(complete(shell, "udv render notat --report ")) == set(dataset.reports)
    assert complete(shell, "udv render sagsfremstilling --meeting 2024-04-2") == ["2024-04-24-vpu"]
    assert complete(shell, "udv list initiatives --status i-") == ["i-gang"]


def test_nothing_is_offered_outside_a_plan(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "udvikling"],
        cwd=tmp_path,
        env={
            **os.environ,
            "_UDV_COMPLETE": "complete_bash",
            "COMP_WORDS": "udv show ",
            "COMP_CWORD": "2",
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert (done.returncode, done.stdout.strip(), done.stderr) == (0, "", "")


def test_completion_options_are_in_the_danish_help(capsys: pytest.CaptureFixture[str]) -> None:
    from udvikling.cli import run

    assert run(["--help"]) == 0
    out = capsys.readouterr().out
    assert "--install-completion" in out and "Installér fuldførelse" in out
    assert "Install completion" not in out and "Show completion" not in out


def test_every_format_option_has_the_short_form() -> None:
    import typer.main

    from udvikling.cli import build_app

    def commands(group: object, path: str) -> list[tuple[str, object]]:
        sub = getattr(group, "commands", {})
        found = [(path, group)]
        for name, command in sub.items():
            found += commands(command, f"{path} {name}")
        return found

    checked = []
    for path, command in commands(typer.main.get_command(build_app()), "udv"):
        for param in getattr(command, "params", []):
            if "--format" in param.opts:
                assert "-f" in param.opts, path
                checked.append(path)
    assert {"udv list", "udv show", "udv period", "udv lint", "udv status"} <= set(checked)


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_every_fixed_value_is_completed(shell: str) -> None:
    assert complete(shell, "udv lint --format ") == ["text", "json", "github", "gitlab"]
    assert complete(shell, "udv lint -f g") == ["github", "gitlab"]
    assert complete(shell, "udv status --format ") == ["text", "md", "json"]
    assert complete(shell, "udv show kommunikationsstrategi -f ") == ["text", "json"]
    assert complete(shell, "udv render notat --format d") == ["docx"]
    assert complete(shell, "udv sheet export --format ") == ["xlsx", "csv"]
    assert complete(shell, "udv overdue --by ") == ["ansvarlig", "spor"]
    assert complete(shell, "udv list ") == ["tiltag", "møder", "rapporter"]
    assert complete(shell, "udv new ") == ["tiltag", "møde", "rapport"]
    assert complete(shell, "udv new tiltag --level ") == ["central", "decentral"]
    assert complete(shell, "udv new møde --kind te") == ["temadag"]
    assert set(complete(shell, "udv schema ")) >= {"udvikling", "initiative", "meeting"}


@pytest.mark.parametrize("shell", ["bash", "fish"])
def test_sheet_export_completes_owners_and_reports(shell: str) -> None:
    dataset = load(REPO).dataset
    assert dataset is not None
    assert set(complete(shell, "udv sheet export --owner ")) == set(dataset.config.owners)
    assert set(complete(shell, "udv sheet export --report ")) == set(dataset.reports)


def test_zsh_and_fish_show_titles_and_names_bash_only_ids() -> None:
    env = {**os.environ, "_UDV_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "udv show kom"}
    done = subprocess.run(
        [sys.executable, "-m", "udvikling"], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert '"kommunikationsstrategi":"Udarbejde en fælles kommunikationstilgang' in done.stdout
    fish = {**os.environ, "_UDV_COMPLETE": "complete_fish", "_TYPER_COMPLETE_ARGS": "udv new "}
    fish["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    done = subprocess.run(
        [sys.executable, "-m", "udvikling", "list", "tiltag", "--track", ""],
        cwd=REPO,
        env={**fish, "_TYPER_COMPLETE_ARGS": "udv list tiltag --track "},
        capture_output=True,
        text=True,
    )
    assert "kommunikation\tKommunikation og transparens" in done.stdout
    assert complete("bash", "udv show kommunikationsstrategi") == ["kommunikationsstrategi"]


def test_the_fixed_sets_are_the_commands_own() -> None:
    from typing import get_args

    from udvikling import completion
    from udvikling.commands._common import REPORT_FORMATS
    from udvikling.output.lint_formats import FORMATS as LINT
    from udvikling.render.documents import FORMATS as DOCUMENTS
    from udvikling.sheets.layout import FORMATS as SHEETS
    from udvikling.types import Level, MeetingKind, Status

    assert completion.LINT_FORMATS == LINT
    assert completion.REPORT_FORMATS == REPORT_FORMATS
    assert completion.DOCUMENT_FORMATS == DOCUMENTS
    assert completion.SHEET_FORMATS == SHEETS
    assert get_args(Status) == completion.STATUSES
    assert get_args(Level) == completion.LEVELS
    assert get_args(MeetingKind) == completion.MEETING_KINDS


@pytest.mark.parametrize("kind", ["tiltag", "møder", "rapporter"])
def test_the_completed_list_kinds_are_accepted(
    kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from udvikling.cli import run

    assert run(["list", kind, "--root", str(REPO), "-f", "json"]) == 0


def test_installing_completion_is_told_in_danish(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "udvikling", "--install-completion"],
        env={
            **os.environ,
            "HOME": str(tmp_path),
            "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1",
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        input="",
    )
    out = done.stdout + done.stderr
    assert "completion installed" not in out and "not supported" not in out, out
    for shell, code in (("bash", 0), ("tcsh", 2)):
        done = subprocess.run(
            [sys.executable, "-m", "udvikling", "--install-completion", shell],
            env={
                **os.environ,
                "HOME": str(tmp_path),
                "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1",
            },
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert done.returncode == code, done.stderr
        out = done.stdout + done.stderr
        assert "completion installed" not in out and "not supported" not in out, out
        if code == 0:
            assert "installeret for bash" in out
        else:
            assert "'tcsh' er ikke en af 'bash'" in out and "Value error" not in out, out
    assert (tmp_path / ".bash_completions" / "udv.sh").is_file()
