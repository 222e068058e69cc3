"""Many plans in one repository (issue 25): one per municipality, each in its own folder.

At the repository's root `udv lint` finds and lints every plan, with paths from the root and
one summary; the pre-commit hook lints the plans a commit touches and passes a commit that
touches none.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import MINIMAL_CONFIG, MINIMAL_INITIATIVE, MINIMAL_MEETING
from gitkit import GitRepo

REPO = Path(__file__).resolve().parents[1]
PLANS = ("norddjurs", "syddjurs", "kommuner/favrskov")


def _plan(folder: str) -> dict[str, str]:
    return {
        f"{folder}/udvikling.yaml": MINIMAL_CONFIG,
        f"{folder}/data/initiatives/kommunikationsstrategi.yaml": MINIMAL_INITIATIVE,
        f"{folder}/data/meetings/2024-04-24-vpu.yaml": MINIMAL_MEETING,
    }


@pytest.fixture
def monorepo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "kommuner")
    files = {"README.md": "Planerne.\n", "other.txt": "x\n"}
    for folder in PLANS:
        files.update(_plan(folder))
    repo.commit("Tre planer", "2024-05-01T09:00:00+02:00", files)
    return repo


def udv(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "udvikling", *args, "--as-of", "2024-06-01"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def _hook(repo: GitRepo) -> subprocess.CompletedProcess[str]:
    """The hook as pre-commit runs it: at the root, with the staged files its pattern picks."""
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    pattern = re.compile(hook["files"])
    staged = repo.git("diff", "--cached", "--name-only").split()
    files = [f for f in staged if pattern.search(f)]
    return udv(repo.path, *shlex.split(hook["entry"])[1:], *files)


def test_lint_at_the_root_lints_every_plan(monorepo: GitRepo) -> None:
    done = udv(monorepo.path, "lint")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 planer tjekket af 3 planer" in done.stderr
    for folder in PLANS:
        assert folder in done.stderr
    monorepo.write({"syddjurs/data/initiatives/ny.yaml": "title: Ny\ntrack: findes-ikke\n"})
    done = udv(monorepo.path, "lint", "-f", "json")
    assert done.returncode == 1
    paths = {f["path"] for f in json.loads(done.stdout)["findings"]}
    assert "syddjurs/data/initiatives/ny.yaml" in paths
    # --root still names one plan, before or after the command.
    done = udv(monorepo.path, "--root", str(monorepo.path / "norddjurs"), "lint")
    assert done.returncode == 0, done.stderr


def test_the_hook_lints_the_plans_a_commit_touches(monorepo: GitRepo) -> None:
    # A commit touching only other.txt: no plan checked, even with a broken plan present.
    monorepo.write({"syddjurs/data/initiatives/ny.yaml": "title: Ny\ntrack: findes-ikke\n"})
    monorepo.git("add", "syddjurs/data/initiatives/ny.yaml")
    monorepo.git("commit", "-q", "-m", "Brudt plan")
    monorepo.write({"other.txt": "y\n"})
    monorepo.git("add", "other.txt")
    done = _hook(monorepo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Fandt ingen udvikling.yaml" not in done.stderr
    assert "syddjurs" not in done.stdout
    monorepo.git("commit", "-q", "-m", "Andet")
    # One plan touched: only that one is checked.
    text = MINIMAL_INITIATIVE.replace("Kommunikationsstrategi", "Kommunikationsplan")
    monorepo.write({"norddjurs/data/initiatives/kommunikationsstrategi.yaml": text})
    monorepo.git("add", "-A")
    done = _hook(monorepo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 plan tjekket" in done.stderr and "norddjurs" in done.stderr
    monorepo.git("commit", "-q", "-m", "Nordd")
    # Two plans touched, one of them the broken one: it fails, with the path from the root.
    monorepo.write(
        {
            "kommuner/favrskov/data/initiatives/kommunikationsstrategi.yaml": text,
            "syddjurs/data/initiatives/kommunikationsstrategi.yaml": text,
        }
    )
    monorepo.git("add", "-A")
    done = _hook(monorepo)
    assert done.returncode == 1
    assert "syddjurs/data/initiatives/ny.yaml" in done.stdout
    assert "2 planer tjekket" in done.stderr
    # A commit that only deletes a plan's file is checked too (pre-commit passes no files).
    monorepo.git("commit", "-q", "-m", "To", "--no-verify")
    monorepo.git("rm", "-q", "norddjurs/data/meetings/2024-04-24-vpu.yaml")
    done = _hook(monorepo)
    assert "1 plan tjekket" in done.stderr and "norddjurs" in done.stderr
