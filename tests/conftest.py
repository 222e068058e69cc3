"""Shared test helpers: build data repositories from dicts of dedented YAML; the hypothesis
profiles that bound the fuzzing."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

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
