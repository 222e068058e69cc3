"""The launcher's quick answers (help and shell completion without Typer) are the Typer app's
answers, byte for byte, and its table is generated from the app as it is now."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from udvikling import clidescribe, clitable, launch

REPO = Path(__file__).resolve().parents[1]


INSTALLED = launch.installed_typer()
# The quick answers are given with the Typer releases the table lists only; with another the
# launcher asks Typer (test_another_typer_release_gets_no_quick_answer), and there is nothing
# quick to compare with the app: only these tests run then.
ANY_TYPER = {
    "test_the_table_is_the_apps",
    "test_another_typer_release_gets_no_quick_answer",
    "test_the_installed_typers_version_is_read_without_importing_it",
    "test_the_help_width_is_shutils",
}


@pytest.fixture(autouse=True)
def _quick_answers_given(request: pytest.FixtureRequest) -> None:
    if request.function.__name__ not in ANY_TYPER and INSTALLED not in clitable.TYPER:
        pytest.skip(
            f"Typer {INSTALLED} er ikke en af tabellens udgaver {clitable.TYPER}: launcheren "
            "spørger Typer (UDV_UPDATE_GOLDEN=1 tilføjer den, hvis tabellen er den samme)"
        )


def _release(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else -1 for part in version.split("."))


def test_the_table_is_the_apps() -> None:
    """The table is what the app answers with the installed Typer. ``UDV_UPDATE_GOLDEN=1``
    writes it: the installed release is added to those listed when the rest is unchanged,
    else it becomes the only one."""
    listed = clitable.TYPER
    if os.environ.get("UDV_UPDATE_GOLDEN") == "1" and INSTALLED is not None:
        same = clidescribe.table_source(listed) == clidescribe.TABLE_FILE.read_text(
            encoding="utf-8"
        )
        listed = tuple(sorted({*listed, INSTALLED}, key=_release)) if same else (INSTALLED,)
        clidescribe.TABLE_FILE.write_text(clidescribe.table_source(listed), encoding="utf-8")
    elif INSTALLED not in listed:
        pytest.skip(f"Typer {INSTALLED} er ikke en af tabellens udgaver {listed}")
    assert clidescribe.table_source(listed) == clidescribe.TABLE_FILE.read_text(encoding="utf-8"), (
        "src/udvikling/clitable.py is not the app's: run with UDV_UPDATE_GOLDEN=1"
    )


def test_every_help_page_and_command_is_in_the_table() -> None:
    assert clitable.HELP[("--help",)] == clitable.HELP[("-h",)] == clitable.HELP[()]
    for path in clitable.NODES:
        assert (*path, "--help") in clitable.HELP and (*path, "-h") in clitable.HELP, path


def _typer(argv: list[str]) -> tuple[str, int]:
    """What the Typer app writes to standard output for ``udv argv``, and its exit code."""
    from udvikling.cli import run

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        try:
            code = run(argv)
        except SystemExit as exc:  # shell completion ends the process itself
            code = int(exc.code or 0)
    return out.getvalue(), code


def _tab(shell: str, line: str, cword: int | None = None) -> dict[str, str]:
    env = {"_UDV_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        words = line.split(" ")
        env.update(COMP_WORDS=line, COMP_CWORD=str(len(words) - 1 if cword is None else cword))
    else:
        env["_TYPER_COMPLETE_ARGS"] = line
    return env


def _root_lines() -> Iterator[str]:
    """Partial command lines at the root: every prefix of every command's name, options."""
    yield "udv "
    yield "udv"
    for name, _ in clitable.NODES[()][0] or ():
        for end in range(1, len(name) + 1):
            yield f"udv {name[:end]}"
    for opt in ("-", "--", "--v", "--version", "-h", "--help", "--show"):
        yield f"udv {opt}"


def _lines(path: tuple[str, ...]) -> Iterator[str]:
    """Partial command lines after a command: its empty word, words, its subcommands, each
    option's name (whole and started) and each option's value (empty and started)."""
    commands, params = clitable.NODES[path]
    at = "udv " + " ".join(path)
    yield from (f"{at} ", f"{at} -", f"{at} --", f"{at} x", f"{at} x ", f"{at} x y ")
    for name, _ in commands or ():
        yield f"{at} {name[:2]}"
    for param in params:
        for opt in (*param[2], *param[3]):
            if param[0] != "option":
                continue
            yield f"{at} {opt}"
            yield f"{at} {opt[: max(2, len(opt) // 2)]}"
            yield f"{at} {opt} -"
            if not param[6]:
                yield from (f"{at} {opt} ", f"{at} {opt} k", f"{at} {opt}=", f"{at} {opt}=t")


ODD = [
    "udv show kom",
    "udv show k",
    "udv show ",
    "udv history kom",
    "udv history ",
    "udv show kommunikationsstrategi ",
    "udv show kommunikationsstrategi -",
    "udv show kom --format ",
    "udv show --format json kom",
    "udv show --format json --",
    "udv show --format json -",
    "udv show -f json -",
    "udv show --root . kom",
    "udv show --root . --root data kom",
    "udv show --root /findes/ikke kom",
    "udv show --root=. kom",
    "udv show --root",
    "udv show --root ",
    "udv show --as-of --root ",
    "udv --root . show kom",
    "udv show -- kom",
    "udv show -- -",
    "udv show -- --format ",
    "udv show 'kom",
    'udv show "kom',
    "udv show 'kommunikationsstrategi' ",
    "udv show kom\\",
    "udv  show  kom",
    "udv show\tkom",
    "udv show x y z ",
    "udv show -fjson ",
    "udv show -fj",
    "udv show --unknown ",
    "udv show --unknown -",
    "udv nope ",
    "udv nope -",
    "udv lint a b c ",
    "udv lint a --format ",
    "udv lint --select UDV1 --select ",
    "udv lint --select UDV1 --s",
    "udv lint --strict --s",
    "udv lint --strict -",
    "udv new --track ",
    "udv new tiltag --track ",
    "udv new tiltag --owner ",
    "udv new --git -",
    "udv init --no-git -",
    "udv init --no-git --",
    "udv list tiltag --track ",
    "udv list tiltag --status i",
    "udv render notat --meeting ",
    "udv render sagsfremstilling --meeting ",
    "udv render --root . notat ",
    "udv render --check ",
    "udv render nope ",
    "udv render notat x ",
    "udv sheet export --owner ",
    "udv sheet export --report ",
    "udv sheet ",
    "udv sheet e",
    "udv schema ",
    "udv overdue --by ",
    "udv show = ",
    "udv show =",
    "udv show --format=",
    "udv show --=",
    "udv show ø",
    "udv show _",
    "udv show .",
]


@pytest.fixture
def plan_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("UDV_CACHE_DIR", str(tmp_path / "cache"))
    for name in ("_UDV_COMPLETE", "COMP_WORDS", "COMP_CWORD", "_TYPER_COMPLETE_ARGS"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def _compare(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> bool:
    """Whether the launcher answered ``env``'s Tab itself; fails when it answers otherwise
    than the app."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    try:
        answer = launch.quick([])
        expected = _typer([])
    finally:
        for name in env:
            monkeypatch.delenv(name)
    if answer is None:
        return False
    text, code, completing = answer
    assert completing
    assert (text, code) == expected, env
    return True


def _answers_alike(monkeypatch: pytest.MonkeyPatch, cases: list[tuple[str, str]]) -> None:
    answered = sum(_compare(monkeypatch, _tab(shell, line)) for shell, line in cases)
    # Most lines are answered without Typer (the rest are left to it on purpose).
    assert answered > 0.6 * len(cases), (answered, len(cases))


@pytest.mark.parametrize("path", [p for p in clitable.NODES if p], ids=" ".join)
def test_a_tab_after_a_command_is_answered_as_the_app_answers_it(
    plan_env: pytest.MonkeyPatch, path: tuple[str, ...]
) -> None:
    # zsh shows each value's description too, so it is the stricter of the two
    lines = list(dict.fromkeys(_lines(path)))
    _answers_alike(plan_env, [("zsh", line) for line in lines] + [("bash", lines[0])])


def test_a_tab_at_the_root_is_answered_as_the_app_answers_it(
    plan_env: pytest.MonkeyPatch,
) -> None:
    lines = list(dict.fromkeys(_root_lines()))
    _answers_alike(plan_env, [(shell, line) for line in lines for shell in ("bash", "zsh")])


def test_odd_tabs_are_answered_as_the_app_answers_them(plan_env: pytest.MonkeyPatch) -> None:
    _answers_alike(plan_env, [(shell, line) for line in ODD for shell in ("bash", "zsh")])
    for line in ODD[:20]:
        _compare(plan_env, _tab("fish", line))
    for action in ("get-args", "is-args", ""):
        for line in ("udv show kom", "udv show zzz", "udv new ", "udv lint --format "):
            env = {**_tab("fish", line), "_TYPER_COMPLETE_FISH_ACTION": action}
            _compare(plan_env, env)
    # bash's word index elsewhere than at the end of the line
    for line, cword in (("udv show kom", 1), ("udv show kom", 5), ("udv show ", 1)):
        _compare(plan_env, _tab("bash", line, cword))
    for cword in (0, -1, -5):
        _compare(plan_env, _tab("bash", "udv show kom", cword))


def test_the_benchmarks_tabs_are_answered_without_typer(plan_env: pytest.MonkeyPatch) -> None:
    for shell in ("bash", "zsh", "fish"):
        for line in ("udv show kom", "udv lint --format ", "udv sh", "udv show --r"):
            assert _compare(plan_env, _tab(shell, line)), (shell, line)


def test_a_tab_outside_a_plan(plan_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    plan_env.chdir(tmp_path)
    for shell in ("bash", "zsh"):
        for line in ("udv show kom", "udv show ", "udv new --track ", "udv show --root "):
            assert _compare(plan_env, _tab(shell, line)), (shell, line)


def test_odd_completion_requests_are_left_to_typer(plan_env: pytest.MonkeyPatch) -> None:
    plan_env.setenv("_UDV_COMPLETE", "complete_powershell")
    assert launch.quick([]) is None
    plan_env.setenv("_UDV_COMPLETE", "source_bash")
    assert launch.quick([]) is None
    plan_env.setenv("_UDV_COMPLETE", "complete_bash")
    plan_env.setenv("COMP_WORDS", "udv show kom")
    assert launch.quick(["show"]) is None  # words on the real command line
    plan_env.setenv("COMP_CWORD", "x")
    assert launch.quick([]) is None


def test_completion_functions_read_only_the_root_from_the_context() -> None:
    # The launcher gives completion functions the one value they read (--root).
    import re

    source = (REPO / "src" / "udvikling" / "completion.py").read_text(encoding="utf-8")
    assert re.findall(r"params\b[^\n]*", source) == ['params", {}).get("root")']


def test_help_is_answered_only_for_the_width_it_was_written_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("_UDV_COMPLETE", raising=False)
    monkeypatch.delenv("LINES", raising=False)
    for columns, answered in (("80", True), ("200", True), ("79", False), ("40", False)):
        monkeypatch.setenv("COLUMNS", columns)
        assert (launch.quick(["--help"]) is not None) is answered, columns
    monkeypatch.setenv("COLUMNS", "80")
    assert launch.quick(["show", "--help", "--root", "."]) is None
    assert launch.quick(["show"]) is None
    assert launch.quick(["lint"]) is None


def test_the_help_width_is_shutils(monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    for columns, lines in (("100", "30"), ("60", None), (None, "20"), ("x", "y"), ("0", "0")):
        for name, value in (("COLUMNS", columns), ("LINES", lines)):
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        expected = max(min(shutil.get_terminal_size().columns, 80) - 2, 50)
        assert launch._help_width() == expected, (columns, lines)


def test_another_typer_release_gets_no_quick_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("_UDV_COMPLETE", raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    assert (launch.quick(["--help"]) is not None) == (INSTALLED in clitable.TYPER)
    monkeypatch.setattr(clitable, "TYPER", ("0.0.1",))
    assert launch.quick(["--help"]) is None
    monkeypatch.setattr(clitable, "TYPER", (INSTALLED, "0.0.1"))
    assert launch.quick(["--help"]) is not None


def test_the_installed_typers_version_is_read_without_importing_it() -> None:
    import typer

    assert launch.installed_typer() == typer.__version__


def _udv(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[bytes, bytes, int]:
    done = subprocess.run(
        [sys.executable, "-m", "udvikling", *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        check=False,
        timeout=60,
    )
    return done.stdout, done.stderr, done.returncode


@pytest.mark.parametrize(
    ("argv", "extra"),
    [
        (["--help"], {}),
        ([], {}),
        (["show", "-h"], {"COLUMNS": "120", "LANG": "C", "PYTHONIOENCODING": "ascii"}),
        (["render", "notat", "--help"], {"COLUMNS": "60"}),
        ([], {"_UDV_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "udv show kom"}),
        ([], {"_UDV_COMPLETE": "complete_bash", "COMP_WORDS": "udv s", "COMP_CWORD": "1"}),
    ],
)
def test_the_console_script_answers_as_the_app(
    argv: list[str], extra: dict[str, str], tmp_path: Path
) -> None:
    env: dict[str, Any] = {**os.environ, "UDV_CACHE_DIR": str(tmp_path), **extra}
    env.pop("UDV_NO_QUICK", None)
    quick = _udv(argv, REPO, env)
    full = _udv(argv, REPO, {**env, "UDV_NO_QUICK": "1"})
    assert quick == full
    assert quick[0] and quick[2] == 0


def test_quick_answers_import_no_typer(tmp_path: Path) -> None:
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['udv', *sys.argv[1:]]\n"
        "try:\n"
        "    runpy.run_module('udvikling', run_name='__main__')\n"
        "finally:\n"
        "    heavy = [m for m in ('typer', 'pydantic', 'rich', 'yaml', 'udvikling.findings')\n"
        "             if m in sys.modules]\n"
        "    sys.stderr.write('heavy=' + ','.join(heavy))\n"
    )
    env = {**os.environ, "UDV_CACHE_DIR": str(tmp_path), "COLUMNS": "80"}
    env.pop("UDV_NO_QUICK", None)
    # The plan's index made (as udv show makes it), so that a Tab's titles are read from it.
    assert _udv(["show", "kommunikationsstrategi"], REPO, env)[2] == 0
    for argv, extra in (
        (["--help"], {}),
        (["show", "--help"], {}),
        ([], {"_UDV_COMPLETE": "complete_bash", "COMP_WORDS": "udv show kom", "COMP_CWORD": "2"}),
        ([], {"_UDV_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "udv show kom"}),
        ([], {"_UDV_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "udv lint --format "}),
    ):
        done = subprocess.run(
            [sys.executable, "-c", probe, *argv],
            cwd=REPO,
            env={**env, **extra},
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert done.stderr.endswith("heavy="), (argv, extra, done.stderr[-300:])
        assert done.stdout and ("kom" not in str(extra) or "kommunikationsstrategi" in done.stdout)


@pytest.mark.parametrize("extra", [{}, {"_UDV_COMPLETE": "complete_bash", "COMP_WORDS": "udv s"}])
def test_a_closed_standard_output_is_told_as_the_app_tells_it(
    extra: dict[str, str], tmp_path: Path
) -> None:
    env: dict[str, Any] = {**os.environ, "UDV_CACHE_DIR": str(tmp_path), "COMP_CWORD": "1"}
    env.update(extra)
    env.pop("UDV_NO_QUICK", None)
    argv = [] if extra else ["--help"]

    def closed(more: dict[str, str]) -> tuple[str, int]:
        done = subprocess.run(
            ["sh", "-c", 'exec "$0" -m udvikling "$@" >&-', sys.executable, *argv],
            cwd=REPO,
            env={**env, **more},
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        return done.stderr, done.returncode

    told = closed({})
    assert told == closed({"UDV_NO_QUICK": "1"})
    assert told[1] == 2 and "Standardoutput er lukket" in told[0]
