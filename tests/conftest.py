"""Shared test helpers, one of each: build data repositories from dicts of dedented YAML, run
udv in this process, compare with golden files, the shipped plan's public site; the
hypothesis profiles that bound the fuzzing. Test modules import these from here (never from
each other); helpers for one family of tests live in ``gitkit``, ``sheetkit``,
``hostile_support``, ``sitecheck`` and ``issued_texts``."""

from __future__ import annotations

import os
import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# Fuzzing profiles. "ci" (the default) is what every test run and CI use: a fixed number of
# examples per test, derandomized so a failure reproduces, no per-example deadline (a busy
# runner is slow, not wrong); the fuzz tests take about 15 s in all. "fuzz" is a longer hunt
# (HYPOTHESIS_PROFILE=fuzz python -m pytest tests/test_fuzz*.py), with twenty times the
# examples and fresh randomness on every run.
CI_EXAMPLES = 100
settings.register_profile(
    "ci",
    max_examples=CI_EXAMPLES,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz",
    max_examples=CI_EXAMPLES * 20,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "tests" / "seeds"
GOLDEN = REPO / "tests" / "golden"


def golden(folder: str) -> Callable[[str, str | bytes], None]:
    """A checker of golden files under ``tests/golden/<folder>/``: it compares a text with
    the file of that name, or rewrites the file when ``UDV_UPDATE_GOLDEN=1``. Bytes are
    compared as bytes (line ends and all, as an .ics file's CRLF)."""

    def check_golden(name: str, text: str | bytes) -> None:
        target = GOLDEN / folder / name
        if os.environ.get("UDV_UPDATE_GOLDEN") == "1":
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                target.write_bytes(text)
            else:
                target.write_text(text, encoding="utf-8")
        assert target.is_file(), f"{target} mangler; kør med UDV_UPDATE_GOLDEN=1"
        if isinstance(text, bytes):
            assert text == target.read_bytes()
        else:
            assert text == target.read_text(encoding="utf-8")

    return check_golden


# English words that must not stand in a text a user reads (schema descriptions, help).
ENGLISH_WORDS = re.compile(r"\b(the|of|and|is|this|with|which|its|an|one|per unit|record)\b", re.I)


def descriptions(node: object) -> list[str]:
    """Every ``description`` text in a JSON Schema, however deep."""
    if isinstance(node, dict):
        found = [node["description"]] if isinstance(node.get("description"), str) else []
        return found + [d for value in node.values() for d in descriptions(value)]
    if isinstance(node, list):
        return [d for item in node for d in descriptions(item)]
    return []


def udv(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run udv in this process; its exit code, standard output and standard error."""
    from udvikling.cli import run

    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def udv_on_shipped_plan(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """:func:`udv` on the plan this repository ships (unless ``--root`` is given)."""
    return udv(capsys, *args) if "--root" in args else udv(capsys, "--root", str(REPO), *args)


def run_in_process(capsys: Any, *args: str) -> tuple[int, str]:
    """Run ``udv`` in this process (faster than a subprocess where start-up, limits and real
    streams do not matter); its exit code and all it wrote, which holds no traceback."""
    code, out, err = udv(capsys, *args)
    output = out + err
    assert "Traceback" not in output and "uventet fejl" not in output
    return code, output


MINIMAL_CONFIG = """\
organisation: Testkommune
process: Testproces
tracks:
  organisering: Organisering
  kommunikation: Kommunikation og transparens
bodies:
  vpu: {name: Voksen- og Plejeudvalget, short: VPU}
  kb: {name: Kommunalbestyrelsen, short: KB}
owners:
  socialchef: Socialchef
units:
  omraade-grenaa: {name: Område Grenaa}
beacons:
  pejlemaerke-1: Borgeren først
"""

MINIMAL_INITIATIVE = """\
title: Kommunikationsstrategi
track: kommunikation
owner: socialchef
level: central
status: i-gang
start: 2. halvår 2023
due: 4. kvartal 2024
"""

MINIMAL_MEETING = """\
body: vpu
date: 2024-04-24
title: Status
kind: status
items:
  - title: Status på udviklingsprocessen
    initiatives: [kommunikationsstrategi]
    decision: Godkendt.
"""

BuildTree = Callable[[dict[str, str]], Path]


@pytest.fixture
def build_tree(tmp_path: Path) -> BuildTree:
    """Write ``{relative path: dedented text}`` below a temporary folder and return it."""

    def build(files: dict[str, str]) -> Path:
        for rel, text in files.items():
            target = tmp_path / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(text), encoding="utf-8")
        return tmp_path

    return build


@pytest.fixture
def minimal_repo(build_tree: BuildTree) -> Path:
    """A small valid data repository: one initiative, one meeting."""
    return build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/kommunikationsstrategi.yaml": MINIMAL_INITIATIVE,
            "data/meetings/2024-04-24-vpu.yaml": MINIMAL_MEETING,
        }
    )


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard output is a 200-column terminal without colour (rich tables, no escapes)."""
    import rich.console

    original = rich.console.Console.__init__

    def init(self: rich.console.Console, *args: object, **kwargs: object) -> None:
        kwargs.update(force_terminal=True, width=200, color_system=None)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(rich.console.Console, "__init__", init)
    monkeypatch.setattr("udvikling.commands.status.use_rich", lambda: True)


@pytest.fixture
def quick(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run udv in this process from the folder ``cwd``: ``quick(cwd, *args)`` gives
    ``(exit code, all output)``."""

    def run_here(cwd: Path, *args: str) -> tuple[int, str]:
        monkeypatch.chdir(cwd)
        return run_in_process(capsys, *args)

    return run_here


@pytest.fixture(scope="session")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The public site of the shipped plan on ``sitecheck.AS_OF``, without the documents,
    built once per test process; tests only read it."""
    from sitecheck import AS_OF, build

    target = tmp_path_factory.mktemp("public-site") / "public"
    assert build(REPO, target, "--as-of", AS_OF, "--no-documents") == 0
    return target


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache folder for this test (parse cache, plan index, lint's memo)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("UDV_CACHE_DIR", str(folder))
    monkeypatch.delenv("UDV_NO_CACHE", raising=False)
    return folder


def shipped_plan(root: Path) -> Path:
    """A copy of the shipped plan (data/ and udvikling.yaml) at ``root``."""
    import shutil

    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "udvikling.yaml", root / "udvikling.yaml")
    return root
