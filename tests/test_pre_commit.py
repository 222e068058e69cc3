"""The pre-commit hook ``udv-lint`` with the real pre-commit.

udv's source (the files of this checkout, committed to a temporary repository so new and
changed files count) is the hook repository. A temporary plan repository uses it as a data
repository would, from its ``.pre-commit-config.yaml`` (pre-commit installs udv into its own
virtual environment once for the module), and once through ``pre-commit try-repo``, which
installs it afresh. Each test stages a change and runs the hook on it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL_CONFIG, MINIMAL_INITIATIVE, MINIMAL_MEETING
from gitkit import GitRepo
from udvikling.cli import run

REPO = Path(__file__).resolve().parents[1]

INITIATIVE = MINIMAL_INITIATIVE + (
    "milestones:\n  - title: Status til udvalget\n    meeting: 2024-04-24-vpu\n"
)


Source = tuple[Path, dict[str, str]]


@pytest.fixture(scope="module")
def hook_source(tmp_path_factory: pytest.TempPathFactory) -> Source:
    """udv's source as a committed repository, and an environment with its own pre-commit
    home (the hook's virtual environment is built there once)."""
    base = tmp_path_factory.mktemp("hook")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode()
    source = GitRepo(base / "udv")
    for rel in filter(None, listed.split("\0")):
        if (REPO / rel).is_file():
            (source.path / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / rel, source.path / rel)
    source.git("add", "-A")
    source.git("commit", "-q", "-m", "udv")
    env = {**GitRepo(base / "probe").env(), "PRE_COMMIT_HOME": str(base / "cache")}
    env.pop("GIT_CONFIG_NOSYSTEM")  # pip and pre-commit read their own settings
    return source.path, env


@pytest.fixture
def plan(tmp_path: Path, hook_source: Source) -> GitRepo:
    """A clean plan, committed, using the hook: one initiative with a milestone at a meeting."""
    repo = GitRepo(tmp_path / "plan")
    source = GitRepo(hook_source[0])
    rev = source.git("rev-parse", "HEAD").strip()
    config = f"repos:\n  - repo: {source.path}\n    rev: {rev}\n    hooks:\n      - id: udv-lint\n"
    repo.commit(
        "Start",
        "2024-01-10T09:00:00+01:00",
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/kommunikationsstrategi.yaml": INITIATIVE,
            "data/meetings/2024-04-24-vpu.yaml": MINIMAL_MEETING,
            "README.md": "Planen.\n",
            ".pre-commit-config.yaml": config,
        },
    )
    return repo


def run_hook(repo: GitRepo, hook_source: Source, *extra: str) -> subprocess.CompletedProcess[str]:
    """``pre-commit run`` (or ``pre-commit try-repo SOURCE udv-lint`` with extra ``try-repo``)
    in the plan repository."""
    source, env = hook_source
    command = ["run", *extra]
    if extra[:1] == ("try-repo",):
        command = ["try-repo", str(source), "udv-lint", *extra[1:]]
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *command],
        cwd=repo.path,
        env={**env, "GIT_CONFIG_GLOBAL": os.devnull},
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_renamed_track_breaks_files_that_are_not_staged(plan: GitRepo, hook_source: Source) -> None:
    config = (plan.path / "udvikling.yaml").read_text(encoding="utf-8")
    plan.write({"udvikling.yaml": config.replace("kommunikation:", "kommunikationen:")})
    plan.git("add", "udvikling.yaml")
    done = run_hook(plan, hook_source)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "data/initiatives/kommunikationsstrategi.yaml:2:8: UDV201" in done.stdout


@pytest.mark.parametrize("how", ["run", "try-repo"])
def test_deleting_a_meeting_others_refer_to_is_caught(
    plan: GitRepo, hook_source: Source, how: str
) -> None:
    plan.git("rm", "-q", "data/meetings/2024-04-24-vpu.yaml")
    done = run_hook(plan, hook_source, *(["try-repo"] if how == "try-repo" else []))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "data/initiatives/kommunikationsstrategi.yaml:10:14: UDV207" in done.stdout
    assert "2024-04-24-vpu" in done.stdout


def test_a_commit_that_does_not_touch_the_plan_is_not_held_up(
    plan: GitRepo, hook_source: Source
) -> None:
    # The plan is broken already (committed past the hook), but this commit changes only
    # the README: the hook has nothing to say about it.
    plan.commit("Broken", "2024-01-11T09:00:00+01:00", {"data/meetings/2024-04-24-vpu.yaml": None})
    plan.write({"README.md": "Planen, nu med mere tekst.\n"})
    plan.git("add", "README.md")
    done = run_hook(plan, hook_source)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "UDV" not in done.stdout
    # Asked for every file (pre-commit run --all-files), it checks the plan.
    done = run_hook(plan, hook_source, "--all-files")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "2024-04-24-vpu" in done.stdout


def test_a_clean_change_passes(plan: GitRepo, hook_source: Source) -> None:
    text = INITIATIVE.replace("status: i-gang", "status: i-gang\ndescription: Mere tekst.")
    plan.write({"data/initiatives/kommunikationsstrategi.yaml": text})
    plan.git("add", "-A")
    done = run_hook(plan, hook_source)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "udv lint" in done.stdout and "Passed" in done.stdout


def test_plan_in_a_subfolder_and_a_push_range(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # No pre-commit needed: what the hook's entry does, as pre-commit would call it, for a
    # plan in a subfolder (args: [--root, plan]) and for a push (from/to refs).
    repo = GitRepo(tmp_path / "mono")
    first = repo.commit(
        "Start",
        "2024-01-10T09:00:00+01:00",
        {
            "plan/udvikling.yaml": MINIMAL_CONFIG,
            "plan/data/initiatives/kommunikationsstrategi.yaml": INITIATIVE,
            "plan/data/meetings/2024-04-24-vpu.yaml": MINIMAL_MEETING,
            "andet/data/meetings/x.yaml": "ikke planen\n",
        },
    )
    entry = ["lint", "--pre-commit", "--root", "plan", "--as-of", "2024-06-01"]
    monkeypatch.chdir(repo.path)
    repo.git("rm", "-q", "andet/data/meetings/x.yaml")
    assert run(entry) == 0  # a deletion outside the plan
    assert "UDV207" not in capsys.readouterr().out
    repo.git("rm", "-q", "plan/data/meetings/2024-04-24-vpu.yaml")
    assert run(entry) == 1
    assert "data/initiatives/kommunikationsstrategi.yaml:10:14: UDV207" in capsys.readouterr().out
    second = repo.commit("Slet mødet", "2024-01-11T09:00:00+01:00")
    assert run(entry) == 0  # nothing staged now
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", first)
    monkeypatch.setenv("PRE_COMMIT_TO_REF", second)
    assert run(entry) == 1
    assert "UDV207" in capsys.readouterr().out


def test_the_hooks_environment_has_only_what_lint_needs(plan: GitRepo, hook_source: Source) -> None:
    done = run_hook(plan, hook_source, "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    envs = list(Path(hook_source[1]["PRE_COMMIT_HOME"]).glob("repo*/py_env-*"))
    assert envs
    for env in envs:
        (site,) = env.glob("lib/python*/site-packages")
        assert (site / "yaml").is_dir() and (site / "pydantic").is_dir()
        for heavy in ("pypandoc", "docx", "openpyxl", "PIL", "jinja2", "icalendar"):
            assert not (site / heavy).exists(), heavy
