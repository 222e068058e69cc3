"""A light install (the pre-commit hook's): ``udv lint``, the plain reports and the calendar
work without the document and sheet libraries (and without icalendar, which udv no longer
uses), and a command that needs one says in Danish which extra to install (exit 2).
buildsystem/udv_build.py decides which install is light."""

from __future__ import annotations

import runpy
import subprocess
import sys
import tomllib
import types
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
OPTIONAL = ("jinja2", "markupsafe", "pypandoc", "docx", "lxml", "PIL", "openpyxl", "icalendar")

# udv with the optional libraries made impossible to import, as in a light install.
BLOCKED = f"""
import sys
for name in {OPTIONAL!r}:
    sys.modules[name] = None
from udvikling.cli import run
sys.exit(run(sys.argv[1:]))
"""


def udv_light(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCKED, *argv, "--root", str(REPO)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["lint"],
        ["status", "--as-of", "2024-04-24"],
        ["status", "-f", "md", "--as-of", "2024-04-24"],
        ["overdue", "--as-of", "2024-04-24"],
        ["list", "tiltag"],
        ["show", "kommunikationsstrategi"],
        ["calendar", "--milestones", "-o", "moeder.ics"],
    ],
)
def test_lint_and_the_reports_need_no_optional_library(tmp_path: Path, argv: list[str]) -> None:
    done = udv_light(tmp_path, *argv)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    if argv[0] == "calendar":
        assert (tmp_path / "moeder.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


@pytest.mark.parametrize(
    ("argv", "package", "extra"),
    [
        (["render", "notat"], "jinja2", "dokumenter"),
        (["site", "--no-documents", "-o", "site"], "jinja2", "dokumenter"),
        (["sheet", "export", "-o", "runde"], "openpyxl", "ark"),
    ],
)
def test_a_missing_library_is_a_danish_usage_error(
    tmp_path: Path, argv: list[str], package: str, extra: str
) -> None:
    done = udv_light(tmp_path, *argv)
    assert done.returncode == 2, done.stderr
    assert f"kræver {package}, som ikke er installeret" in done.stderr
    assert f'pip install "udvikling[{extra}]"' in done.stderr
    assert "Traceback" not in done.stderr and "uventet" not in done.stderr
    assert not any(tmp_path.iterdir())  # nothing written


def requirements(monkeypatch: pytest.MonkeyPatch, **environ: str) -> list[str]:
    """What setup.py asks pip to install, in an environment with ``environ``."""
    captured: dict[str, list[str]] = {}
    fake = types.ModuleType("setuptools")
    fake.setup = lambda **kwargs: captured.update(kwargs)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "setuptools", fake)
    for name in ("UDV_INSTALL", "VIRTUAL_ENV"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    runpy.run_path(str(REPO / "setup.py"))
    return captured["install_requires"]


def test_setup_installs_everything_but_in_the_hooks_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    core = pyproject["tool"]["udv"]["core"]
    extras = pyproject["project"]["optional-dependencies"]
    everything = core + extras["dokumenter"] + extras["ark"]
    assert "kalender" not in extras and not any("icalendar" in r for r in everything)
    assert sorted(extras["alt"]) == sorted(everything[len(core) :])

    assert requirements(monkeypatch) == everything
    assert requirements(monkeypatch, VIRTUAL_ENV=str(tmp_path / "venv")) == everything
    # pre-commit makes the hook's environment inside its checkout of udv.
    hook = str(REPO / "py_env-python3.11")
    assert requirements(monkeypatch, VIRTUAL_ENV=hook) == core
    assert requirements(monkeypatch, VIRTUAL_ENV=hook, UDV_INSTALL="alt") == everything
    assert requirements(monkeypatch, UDV_INSTALL="lint") == core
    assert not any(p.split(">")[0] in ("pypandoc-binary", "python-docx", "openpyxl") for p in core)
