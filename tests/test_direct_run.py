"""Commands with a plain body (``udv lint``, ``show``, ``status`` ...) run without Typer when
the line is plain (udvikling.launch.direct): the function gets exactly what Typer would give
it, anything else goes to Typer, and what a user sees is the same either way."""

from __future__ import annotations

import functools
import importlib
import inspect
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from udvikling import clitable, launch
from udvikling.cli import run

REPO = Path(__file__).resolve().parents[1]
ID = "administrativ-understoettelse-af-decentrale-ledere"

pytestmark = pytest.mark.skipif(
    launch.installed_typer() not in clitable.TYPER,
    reason="the launcher runs nothing without Typer for a Typer release its table does not list",
)


def test_the_plain_commands_are_in_the_table() -> None:
    assert set(clitable.RUN) == {
        *("lint", "show", "status", "overdue", "list", "history", "diff", "site"),
        *("sheet export", "sheet import", "sheet status", "sheet remind"),
    }


PLAIN = [
    ["lint"],
    ["lint", "a.yaml", "data/b"],
    ["lint", "-"],
    ["lint", "--select", "UDV2", "--select", "UDV6,UDV7", "--strict", "-f", "json", "x.yaml"],
    ["lint", "--max-findings", "0", "--root", "plan", "--as-of", "2024-01-01", "--ignore", "X"],
    ["lint", "--max-findings", " 7 "],
    ["lint", "--pre-commit", "data/initiatives/x.yaml", "udvikling.yaml"],
    ["show", ID],
    ["show", ""],
    ["show", "--as-of", "2024-06-01", ID, "-f", "json", "--rev", "HEAD"],
    ["status"],
    ["status", "-q", "2024Q1", "--quarter", "2024Q2", "--format", "md"],
    ["overdue", "--by", "owner", "--fail", "--fail-unreported", "-f", "md", "--as-of", "2025"],
    ["list", "tiltag", "--track", "x", "--from", "2023", "--to", "2024", "--owner", "æøå"],
    ["list", "--status", "i-gang", "møder", "--body", "byraad", "--unit", "u", "--rev", "v1"],
    ["diff"],
    ["diff", "HEAD~1"],
    ["diff", "HEAD~1", "HEAD", "--since-report", "-f", "json"],
    ["history", ID, "-f", "md", "--root", "."],
    ["site", "-o", "out"],
    ["site", "--no-documents", "--output", "w e b", "--allow-errors", "--as-of", "2024-06-01"],
    ["sheet", "export", "-o", "runde"],
    ["sheet", "export", "-o", "a.csv", "--owner", "o", "-f", "csv", "--mail", "--deadline", "d"],
    ["sheet", "export", "--report", "r", "-o", "x", "--allow-errors", "--root", "p"],
    ["sheet", "import", "a.xlsx"],
    ["sheet", "import", "a.xlsx", "svar/", "--dry-run", "--date", "2025-04-10", "--manifest", "m"],
    ["sheet", "import", "--allow-changed", "a.xlsx", "--root", "p"],
    ["sheet", "status", "runde", "-f", "json"],
    ["sheet", "remind", "runde", "--deadline", "2025-04-10", "-o", "rykkere"],
]


@pytest.mark.parametrize("argv", PLAIN, ids=lambda a: " ".join(a) or "(none)")
def test_the_function_gets_what_typer_would_give_it(
    argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target, _ = clitable.RUN.get(" ".join(argv[:2])) or clitable.RUN[argv[0]]
    module_name, name = target.split(":")
    module = importlib.import_module(module_name)
    original = getattr(module, name)
    calls: list[dict[str, Any]] = []

    @functools.wraps(original)
    def recorder(**values: Any) -> int:
        calls.append(values)
        return 0

    monkeypatch.setattr(module, name, recorder)
    found = launch.direct(argv)
    assert found is not None, argv
    function, given = found
    assert function is recorder
    defaults = {
        p.name: p.default
        for p in inspect.signature(original).parameters.values()
        if p.default is not inspect.Parameter.empty
    }
    monkeypatch.setenv("UDV_NO_QUICK", "1")  # through the Typer app
    assert run(argv) == 0
    assert calls == [{**defaults, **given}]


NOT_PLAIN = [
    ["lint", "--help"],
    ["lint", "-h"],
    ["show", ID, "-h"],
    ["lint", "--format=json"],
    ["lint", "-fjson"],
    ["lint", "--", "-x.yaml"],
    ["lint", "--bogus"],
    ["lint", "-f"],
    ["lint", "--max-findings", "x"],
    ["lint", "--max-findings", "-1"],
    ["lint", "--strict=yes"],
    ["show"],
    ["show", "a", "b"],
    ["diff", "a", "b", "c"],
    ["list"],
    ["site"],
    ["site", "--no-documents", "-o"],
    ["sheet"],
    ["sheet", "--help"],
    ["sheet", "import"],
    ["sheet", "import", "--dry-run"],
    ["sheet", "status"],
    ["sheet", "export", "runde"],
    ["sheet", "nope", "x"],
    ["render", "notat"],
    ["period", "2024"],
    ["--root", ".", "lint"],
    ["--version"],
    [],
]


@pytest.mark.parametrize("argv", NOT_PLAIN, ids=lambda a: " ".join(a) or "(none)")
def test_what_is_not_plain_is_left_to_typer(argv: list[str]) -> None:
    assert launch.direct(argv) is None


def test_nothing_runs_without_typer_when_told_not_to_completing_or_with_another_release(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert launch.direct(["lint"]) is not None
    monkeypatch.setenv("UDV_NO_QUICK", "1")
    assert launch.direct(["lint"]) is None
    monkeypatch.delenv("UDV_NO_QUICK")
    monkeypatch.setenv("_UDV_COMPLETE", "complete_fish")  # a Tab the launcher left to Typer
    assert launch.direct(["lint"]) is None
    monkeypatch.delenv("_UDV_COMPLETE")
    monkeypatch.setattr(launch, "installed_typer", lambda: "0.0.1")
    assert launch.direct(["lint"]) is None


PROBE = """
import sys
from udvikling.cli import run

code = run(sys.argv[1:])
sys.stderr.write(f"\\ntyper={'typer' in sys.modules}\\n")
sys.exit(code)
"""


def _udv(argv: list[str], cwd: Path, **env: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        cwd=cwd,
        env={**os.environ, "COLUMNS": "100", **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import shipped_plan

    return shipped_plan(tmp_path_factory.mktemp("plan"))


@pytest.mark.parametrize(
    "argv",
    [
        ["lint"],
        ["lint", "-f", "json", "--select", "UDV6"],
        ["show", ID, "--as-of", "2024-10-01"],
        ["show", "-f", "json", ID],
        ["status", "--as-of", "2024-06-01", "-f", "md"],
        ["overdue", "--as-of", "2025-06-01", "--by", "track"],
        ["list", "tiltag", "--status", "i-gang", "--as-of", "2024-06-01"],
        ["site", "-o", "web", "--no-documents", "--as-of", "2024-06-01"],
        # Errors a user makes: the same Danish message and exit code.
        ["show", "nope"],
        ["show", "ny-styringsmodel", "--as-of", "2020-01-01"],
        ["lint", "-f", "xml"],
        ["status", "--quarter", "2024Q9"],
        ["lint", "--max-findings", "x"],
        ["list", "ting"],
        ["lint", "--root", "nowhere"],
        ["site", "--no-documents"],
        ["sheet", "export", "-o", "runde", "--as-of", "2024-06-01"],
        ["sheet", "import", "runde", "--dry-run"],
        ["sheet", "status", "runde"],
        ["sheet", "import"],
    ],
    ids=lambda a: " ".join(a),
)
def test_a_user_sees_the_same_either_way(argv: list[str], plan: Path) -> None:
    code, out, err = _udv(argv, plan)
    typer_code, typer_out, typer_err = _udv(argv, plan, UDV_NO_QUICK="1")
    assert (code, out) == (typer_code, typer_out)
    assert err.rsplit("typer=", 1)[0] == typer_err.rsplit("typer=", 1)[0]
    assert typer_err.endswith("typer=True\n")
    plain = launch.direct(argv) is not None
    assert err.endswith(f"typer={not plain}\n"), err


def test_lint_of_a_plan_imports_no_typer(plan: Path) -> None:
    code, _, err = _udv(["lint"], plan)
    assert code == 0 and err.endswith("typer=False\n"), err
