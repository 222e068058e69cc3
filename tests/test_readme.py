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


def readme_commands() -> list[str]:
    """Every ``udv`` command in the README's shell blocks, without its comment."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        for line in block.splitlines():
            command = re.sub(r"\s+#.*$", "", line).strip()
            if command.startswith("udv "):
                commands.append(command)
    return commands


def test_readme_has_commands_to_run() -> None:
    assert len(readme_commands()) > 25


@pytest.fixture(scope="module")
def readme_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository holding the shipped plan, with a feature branch and a report tag."""
    from test_gitio import GitRepo

    repo = GitRepo(tmp_path_factory.mktemp("readme") / "plan")
    for name in ("udvikling.yaml", "data", "schema"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, repo.path / name)
        else:
            shutil.copy(source, repo.path / name)
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "Planen", when="2024-12-01T10:00:00+01:00")
    repo.git("tag", "status/2024-12-01")
    repo.git("checkout", "-q", "-b", "feature")
    target = repo.path / "data" / "initiatives" / "ledelsessupervision.yaml"
    target.write_text(
        target.read_text(encoding="utf-8").replace("start: 1. kvartal 2024", "start: 2024"),
        encoding="utf-8",
    )
    repo.git("commit", "-q", "-am", "Start som år", when="2024-12-02T10:00:00+01:00")
    repo.git("checkout", "-q", "main")
    # A status sheet sent out and answered, for 'udv sheet import svar/*.xlsx'.
    from sheetkit import fill
    from udvikling.cli import run

    sent = ["sheet", "export", "-o", str(repo.path / "svar"), "--owner", "aftaleholdere"]
    assert run([*sent, "--root", str(repo.path)]) == 0
    fill(repo.path / "svar" / "statusark-aftaleholdere.xlsx", {(2, "Ny opdatering"): "Fint."})
    return repo.path


@pytest.mark.parametrize("command", readme_commands())
def test_readme_command_runs_as_written(
    command: str,
    readme_repo: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    import shlex

    from udvikling.cli import run

    work = tmp_path / "plan"
    shutil.copytree(readme_repo, work)
    monkeypatch.chdir(work)
    code = run(shlex.split(command)[1:])
    out, err = capsys.readouterr()
    assert code == 0, (command, out[-400:], err[-400:])
    assert "Traceback" not in err


def test_ci_runs_the_readme_first_then_the_lowest_versions() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    readme_first = ci.index("pip install . && udv lint")
    assert readme_first < ci.index('pip install ".[test]" && python -m pytest')
    lowest = ci.index("-c ci/constraints-lowest.txt")
    assert readme_first < lowest < ci.rindex("python -m pytest")


def test_lowest_constraints_pin_every_core_dependency_at_its_lower_bound() -> None:
    import tomllib

    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    # What every install gets (setup.py: the core and, but in a light install, the extras).
    extras = pyproject["project"]["optional-dependencies"]
    required = [*pyproject["tool"]["udv"]["core"], *extras["alt"]]
    bounds = {}
    for requirement in required:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)", requirement)
        assert match, f"{requirement}: a core dependency needs a lower bound (>=)"
        bounds[match[1].lower()] = match[2]
    text = (REPO / "ci" / "constraints-lowest.txt").read_text(encoding="utf-8")
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)$", text, re.M))

    def same(pin: str, bound: str) -> bool:
        # "2.6" allows 2.6.0 and "5" allows 5.0.0: compare as padded release numbers.
        a, b = ([int(x) for x in v.split(".")] for v in (pin, bound))
        width = max(len(a), len(b))
        return a + [0] * (width - len(a)) == b + [0] * (width - len(b))

    assert {name.lower() for name in pins} == set(bounds)
    for name, pin in pins.items():
        assert same(pin, bounds[name.lower()]), f"{name}: pinned {pin}, allowed from {bounds[name]}"
