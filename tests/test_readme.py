"""The README's examples are real: each file example loads and lints without errors."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from udvikling.lint import lint

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def example(heading: str) -> str:
    """The first ```yaml block after ``heading`` in the README."""
    start = README.index(heading)
    match = re.compile(r"```yaml\n(.*?)```", re.S).search(README, start)
    assert match, heading
    return match[1]


def errors(root: Path) -> list[str]:
    result = lint(root, date(2026, 11, 23))
    return [
        f"{f.path}:{f.line}: {f.code} {f.message}" for f in result.findings if f.severity == "error"
    ]


@pytest.mark.parametrize(
    ("heading", "target"),
    [
        ("### Et tiltag:", "data/initiatives/kommunikationsstrategi.yaml"),
        ("### Et møde:", "data/meetings/2024-04-24-vpu.yaml"),
        ("### En taltabel:", "data/indicators/medarbejdere-botilbud-2024-09.yaml"),
    ],
)
def test_file_examples_lint_in_the_shipped_plan(tmp_path: Path, heading: str, target: str) -> None:
    root = tmp_path / "plan"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "udvikling.yaml", root / "udvikling.yaml")
    (root / target).write_text(example(heading), encoding="utf-8")
    assert errors(root) == []


def test_configuration_example_loads(tmp_path: Path) -> None:
    (tmp_path / "udvikling.yaml").write_text(example("### `udvikling.yaml`"), encoding="utf-8")
    (tmp_path / "data" / "initiatives").mkdir(parents=True)
    assert errors(tmp_path) == []


def test_readme_opens_with_the_two_commands() -> None:
    first = re.search(r"```sh\n(.*?)```", README, re.S)
    assert first and first[1].splitlines() == [
        "pip install . && udv lint",
        'pip install ".[test]" && python -m pytest',
    ]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install . && udv lint" in ci
    assert 'pip install ".[test]" && python -m pytest' in ci
