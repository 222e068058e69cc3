"""The shipped integrations: pre-commit hooks, the GitHub workflow and the GitLab job.

The files must parse, say what the README promises, and their ``udv`` commands must work:
each step that runs udv is executed here, locally, against a temporary git repository (the
GitHub and GitLab variables substituted), with ``udv`` on PATH meaning this interpreter's
``python -m udvikling``.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from gitkit import GitRepo, scenario

ROOT = Path(__file__).resolve().parents[1]


def _yaml(rel: str) -> Any:
    return yaml.safe_load((ROOT / rel).read_text(encoding="utf-8"))


@pytest.fixture
def pr_repo(tmp_path: Path) -> GitRepo:
    """The scenario repository as a pull request: origin/main at the start, HEAD the PR."""
    repo = GitRepo(tmp_path / "plan")
    commits = scenario(repo)
    repo.git("update-ref", "refs/remotes/origin/main", commits[0])
    return repo


@pytest.fixture
def udv_on_path(tmp_path: Path) -> dict[str, str]:
    """An environment whose ``udv`` is this interpreter's ``python -m udvikling``."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "udv"
    shim.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m udvikling "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}


def _bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # GitHub runs `run:` steps with `bash -e {0}`; GitLab stops at the first failing line.
    return subprocess.run(
        ["bash", "-e", "-c", script], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_all_integration_files_parse() -> None:
    for rel in (
        ".pre-commit-hooks.yaml",
        ".pre-commit-config.yaml",
        ".github/workflows/udv.yml",
        ".gitlab-ci.yml",
    ):
        assert isinstance(_yaml(rel), (dict, list)), rel


def test_pre_commit_hook_definition() -> None:
    [hook] = _yaml(".pre-commit-hooks.yaml")
    assert hook["id"] == "udv-lint"
    assert hook["entry"] == "udv lint --pre-commit"
    # Files are passed so any staged plan file triggers the check; always_run because
    # pre-commit never passes deleted files (udv asks git for those).
    assert hook["pass_filenames"] is True
    assert hook["always_run"] is True
    pattern = re.compile(hook["files"])
    # A plan may sit in a folder of a bigger repository (one plan per municipality).
    for path in (
        "udvikling.yaml",
        "data/initiatives/a.yaml",
        "data/meetings/b.yml",
        "norddjurs/udvikling.yaml",
        "norddjurs/data/initiatives/a.yaml",
    ):
        assert pattern.search(path), path
    for path in ("README.md", "src/udvikling/cli.py", "docs/udvikling.yaml.md", "x/data.yaml"):
        assert not pattern.search(path), path
    # The project's own config uses the same hook, offline (repo: local, installed tools).
    config = _yaml(".pre-commit-config.yaml")
    assert [r["repo"] for r in config["repos"]] == ["local"]
    hooks = {h["id"]: h for h in config["repos"][0]["hooks"]}
    assert {"ruff", "mypy", "udv-lint"} <= set(hooks)
    assert all(h["language"] == "system" for h in hooks.values())
    assert hooks["udv-lint"]["files"] == hook["files"]
    assert hooks["udv-lint"]["entry"] == hook["entry"]


def test_pre_commit_hook_checks_the_whole_plan(
    pr_repo: GitRepo, udv_on_path: dict[str, str]
) -> None:
    [hook] = _yaml(".pre-commit-hooks.yaml")
    pattern = re.compile(hook["files"])
    files = [p for p in pr_repo.git("ls-files").splitlines() if pattern.search(p)]
    assert "udvikling.yaml" in files and len(files) == 6
    args = [*shlex.split(hook["entry"]), "--as-of", "2024-06-01"]
    # Nothing of the plan staged: nothing to check, even though the plan has an error.
    done = subprocess.run(args, cwd=pr_repo.path, env=udv_on_path, capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (0, ""), done.stdout + done.stderr
    # One clean file staged: the whole plan is checked, and the error in another file shows.
    clean = [f for f in files if "ny-indsats" not in f][:1]
    done = subprocess.run(
        [*args, *clean], cwd=pr_repo.path, env=udv_on_path, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "data/initiatives/ny-indsats.yaml" in done.stdout and "UDV202" in done.stdout


def _github_steps() -> list[dict[str, Any]]:
    workflow = _yaml(".github/workflows/udv.yml")
    # YAML 1.1 reads the key `on` as True.
    triggers = workflow.get("on", workflow.get(True))
    assert "pull_request" in triggers
    [job] = workflow["jobs"].values()
    steps: list[dict[str, Any]] = job["steps"]
    return steps


def _github_expand(script: str) -> str:
    return re.sub(
        r"\$\{\{\s*github\.base_ref\s*\}\}",
        "main",
        script,
    )


def test_github_workflow_shape() -> None:
    steps = _github_steps()
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["python-version"] == "3.11"
    runs = [s["run"] for s in steps if "run" in s]
    assert "pip install ." in runs
    assert any("udv lint --format github" in r for r in runs)
    assert any("GITHUB_STEP_SUMMARY" in r and "udv diff" in r for r in runs)
    assert any("github-script" in s.get("uses", "") for s in steps)


def test_github_workflow_steps_run_locally(
    pr_repo: GitRepo, udv_on_path: dict[str, str], tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    env = {**udv_on_path, "GITHUB_STEP_SUMMARY": str(summary)}
    ran = []
    for step in _github_steps():
        script = step.get("run", "")
        if "udv " not in script:
            continue
        script = _github_expand(script)
        step_env = {k: _github_expand(str(v)) for k, v in step.get("env", {}).items()}
        assert "${{" not in script + "".join(step_env.values()), f"unsubstituted in {step}"
        done = _bash(script, pr_repo.path, {**env, **step_env})
        ran.append((step.get("name"), done.returncode))
        if "udv lint" in script:
            # The pull request adds an unknown owner: an annotation on that line, exit 1.
            assert done.returncode == 1
            assert re.search(
                r"^::error file=data/initiatives/ny-indsats\.yaml,line=\d+", done.stdout, re.M
            ), done.stdout
        else:
            assert done.returncode == 0, done.stderr
    assert [name for name, _ in ran] == ["udv lint", "udv diff"]
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### Ændringer i udviklingsplanen: origin/main (")
    assert "frist flyttet fra 1. halvår 2024 til 1. kvartal 2025, 9 måneder senere" in text
    comment = (pr_repo.path / "udv-diff.md").read_text(encoding="utf-8")
    assert comment == text


def _gitlab_jobs() -> dict[str, Any]:
    config = _yaml(".gitlab-ci.yml")
    return {k: v for k, v in config.items() if isinstance(v, dict) and "script" in v}


def test_gitlab_job_shape() -> None:
    jobs = _gitlab_jobs()
    lint = jobs["udv-lint"]
    assert lint["artifacts"]["reports"]["codequality"] == "gl-code-quality.json"
    assert lint["artifacts"]["when"] == "always"
    assert "udv lint --format gitlab > gl-code-quality.json" in lint["script"]
    assert any("udv diff" in line for line in jobs["udv-diff"]["script"])


def test_gitlab_job_commands_run_locally(pr_repo: GitRepo, udv_on_path: dict[str, str]) -> None:
    env = {**udv_on_path, "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main"}
    for job in _gitlab_jobs().values():
        for line in job["script"]:
            if not line.startswith("udv "):
                continue  # pip install and git fetch need the network
            done = _bash(line, pr_repo.path, env)
            if line.startswith("udv lint"):
                assert done.returncode == 1
            else:
                assert done.returncode == 0, done.stderr
    report = json.loads((pr_repo.path / "gl-code-quality.json").read_text(encoding="utf-8"))
    assert {(r["check_name"], r["location"]["path"]) for r in report} >= {
        ("UDV202", "data/initiatives/ny-indsats.yaml")
    }
    diff = (pr_repo.path / "udv-diff.md").read_text(encoding="utf-8")
    assert diff.startswith("### Ændringer i udviklingsplanen: origin/main...HEAD (")
