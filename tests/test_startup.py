"""Start-up: a command imports only what it needs (pydantic only to validate the plan), and
the command line converts its own values, in Danish, without Typer's pydantic adapters."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
import typer.main

from udvikling.cliparams import plain_conversions

REPO = Path(__file__).resolve().parents[1]

PROBE = """
import sys
from udvikling.cli import run

def report(code=0):
    heavy = sorted(m for m in ("pydantic", "yaml", "jinja2", "rich", "openpyxl", "docx")
                   if m in sys.modules)
    sys.stderr.write(f"\\nexit={code} heavy={','.join(heavy)}\\n")

try:
    report(run(sys.argv[1:]))
except SystemExit as exc:  # shell completion ends the process itself
    report(exc.code or 0)
"""


def imported(*argv: str, env: dict[str, str] | None = None) -> tuple[int, set[str]]:
    """Run ``udv argv`` in a fresh process: its exit code and the heavy libraries it
    imported."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    last = done.stderr.strip().splitlines()[-1]
    code, heavy = last.split(" ")
    return int(code.removeprefix("exit=")), set(filter(None, heavy[6:].split(",")))


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["lint", "--help"],
        ["show", "--help"],
        ["period", "primo uge 15 2023"],
        ["nope"],
    ],
)
def test_help_and_light_commands_import_no_pydantic(argv: list[str]) -> None:
    code, heavy = imported(*argv)
    assert code in (0, 2)
    assert "pydantic" not in heavy and "jinja2" not in heavy, heavy


def test_a_tab_imports_no_pydantic() -> None:
    env = {"_UDV_COMPLETE": "complete_bash", "COMP_WORDS": "udv show kom", "COMP_CWORD": "2"}
    code, heavy = imported(env=env)
    assert code == 0 and "pydantic" not in heavy, heavy


def test_lint_imports_no_document_libraries() -> None:
    # Without a cache: an unchanged plan's lint is answered from its memo, with no models.
    code, heavy = imported("lint", env={"UDV_NO_CACHE": "1"})
    assert code == 0 and "pydantic" in heavy
    assert not heavy & {"jinja2", "openpyxl", "docx"}, heavy


def test_a_bad_number_is_a_danish_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    from udvikling.cli import run

    assert run(["lint", "--max-findings", "abc"]) == 2
    err = capsys.readouterr().err
    assert "'abc' er ikke et helt tal." in err and "Input should" not in err


def test_values_are_converted_as_typer_would() -> None:
    seen: dict[str, object] = {}
    app = typer.Typer(add_completion=False)

    @app.command()
    def main(
        where: Path,
        count: int = 3,
        names: list[str] | None = typer.Option(None, "--name"),  # noqa: B008
        paths: list[Path] | None = typer.Option(None, "--path"),  # noqa: B008
        loud: bool = False,
        ratio: float = 0.5,
    ) -> None:
        seen.update(where=where, count=count, names=names, paths=paths, loud=loud, ratio=ratio)

    command = typer.main.get_command(app)
    # Everything but the float (left to Typer) and the help option (converted as it is made).
    assert plain_conversions(command) == 5
    argv = ["x/y", "--count", " 12 ", "--name", "a", "--name", "b", "--path", "p", "--loud"]
    command.main(args=[*argv, "--ratio", "2.5"], standalone_mode=False)
    assert seen == {
        "where": Path("x/y"),
        "count": 12,
        "names": ["a", "b"],
        "paths": [Path("p")],
        "loud": True,
        "ratio": 2.5,
    }
    command.main(args=["z"], standalone_mode=False)
    assert seen["count"] == 3 and seen["names"] is None and seen["loud"] is False


def test_a_parameter_already_converted_is_left_alone() -> None:
    app = typer.Typer(add_completion=False)

    @app.command()
    def main(count: int = 3) -> None:
        """One option."""

    command = typer.main.get_command(app)
    assert plain_conversions(command) == 1
    assert plain_conversions(command) == 0


def _imports_of_lint(env: dict[str, str]) -> str:
    """The modules ``udv lint`` imports on the shipped plan (``python -X importtime``), with
    ``PYDANTIC_DISABLE_PLUGINS`` as ``env`` says (unset when it does not), without a cache
    (an unchanged plan's lint is answered from its memo, importing no models)."""
    base = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    base["UDV_NO_CACHE"] = "1"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "udvikling", "lint"],
        cwd=REPO,
        env={**base, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stderr


def test_lint_does_not_look_for_pydantic_plugins() -> None:
    # Every plugin switched off (udv's default): pydantic's loader, which imports
    # importlib.metadata before it reads the setting, is not imported.
    imported = _imports_of_lint({})
    assert "pydantic.plugin._schema_validator" in imported
    assert "importlib.metadata" not in imported


def test_some_plugins_switched_off_leaves_pydantic_its_loader() -> None:
    imported = _imports_of_lint({"PYDANTIC_DISABLE_PLUGINS": "en-anden"})
    assert "importlib.metadata" in imported
