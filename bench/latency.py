"""The measurements of issue 29: how soon udv answers, beside Python itself.

- ``shipped``: every everyday command on the shipped plan, *interleaved* in one loop with
  ``python -c pass`` and ``python -c "import yaml, pydantic"`` (one run of each, then the
  next round), so that a busy machine slows all of them alike; a Tab of shell completion
  (bash, and zsh, which also shows titles) is one of them. Wall-clock and CPU time (user +
  system) of each run are kept; the median of each is shown.
- ``records``: ``udv show ID`` on the synthetic plans (warm: the plan index is made by the
  first, unmeasured run), ``udv status`` and ``udv overdue``, a Tab, ``udv sheet export``
  for all owners, ``udv sheet import`` of a full round answered (one answer per row) and
  ``udv site`` without documents.
- ``hook``: the pre-commit hook's first run as a data repository gets it (``pre-commit
  try-repo`` with a new pre-commit home: the hook's environment made, udv installed into it
  light, the plan linted), its size on disk, and the size of a full install beside it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Timing:
    """The runs of one command: wall-clock and CPU seconds, and its exit codes."""

    label: str
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    codes: set[int] = field(default_factory=set)
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.wall) if self.wall else float("nan")

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else float("nan")


def timed(argv: Sequence[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """Run ``argv`` once: wall-clock seconds, CPU seconds (children's user + system), exit."""
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run(
        argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu, done.returncode


def interleaved(
    commands: list[tuple[str, list[str], dict[str, str]]], cwd: Path, runs: int
) -> list[Timing]:
    """Each command once per round, ``runs`` rounds, after one unmeasured round."""
    timings = [Timing(label) for label, _, _ in commands]
    for round_ in range(runs + 1):
        for timing, (_, argv, env) in zip(timings, commands, strict=True):
            wall, cpu, code = timed(argv, cwd, env)
            if round_ == 0:
                continue
            timing.wall.append(wall)
            timing.cpu.append(cpu)
            timing.codes.add(code)
    return timings


def tab(line: str, shell: str) -> dict[str, str]:
    """The environment a shell gives udv for a Tab at the end of ``line``."""
    env = {"_UDV_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        env.update(COMP_WORDS=line, COMP_CWORD=str(len(line.split(" ")) - 1))
    else:
        env["_TYPER_COMPLETE_ARGS"] = line
    return env


def shipped(udv: list[str], root: Path, as_of: str, runs: int, cache: Path) -> list[Timing]:
    """The shipped plan: every everyday command beside Python's own start."""
    base = dict(os.environ, UDV_CACHE_DIR=str(cache))
    common = ["--root", str(root), "--as-of", as_of]
    py = sys.executable
    commands: list[tuple[str, list[str], dict[str, str]]] = [
        ("python -c pass", [py, "-c", "pass"], base),
        ('python -c "import yaml, pydantic"', [py, "-c", "import yaml, pydantic"], base),
        ("udv --help", [*udv, "--help"], base),
        ("udv lint", [*udv, "lint", *common], base),
        ("Tab: udv show kom (bash)", udv, {**base, **tab("udv show kom", "bash")}),
        ("Tab: udv show kom (zsh, med titler)", udv, {**base, **tab("udv show kom", "zsh")}),
        ("Tab: udv lint --format (bash)", udv, {**base, **tab("udv lint --format ", "bash")}),
        (
            "udv show kommunikationsstrategi",
            [*udv, "show", "kommunikationsstrategi", *common],
            base,
        ),
        ("udv status", [*udv, "status", *common], base),
        ("udv overdue", [*udv, "overdue", *common], base),
        ("udv list tiltag", [*udv, "list", "initiatives", *common], base),
    ]
    return interleaved(commands, root, runs)


def a_record(root: Path) -> str:
    """An initiative of the synthetic plan that others name (a copy of the shipped one)."""
    names = sorted(p.stem for p in (root / "data" / "initiatives").glob("*.yaml"))
    wanted = "uvildig-undersoegelse-2022"
    return wanted if wanted in names else names[len(names) // 2]


def records(
    udv: list[str], root: Path, as_of: str, runs: int, cache: Path, out: Path, heavy: int
) -> list[Timing]:
    """Single records and the status round on a synthetic plan, and (``heavy`` runs each,
    none when 0) the sheets and the site, which take seconds each."""
    env = dict(os.environ, UDV_CACHE_DIR=str(cache))
    common = ["--root", str(root), "--as-of", as_of]
    record = a_record(root)
    commands: list[tuple[str, list[str], dict[str, str]]] = [
        (f"udv show {record}", [*udv, "show", record, *common], env),
        ("Tab: udv show kom (zsh)", udv, {**env, **tab("udv show kom", "zsh")}),
        ("udv status", [*udv, "status", *common], env),
        ("udv overdue", [*udv, "overdue", *common], env),
    ]
    found = interleaved(commands, root, runs)
    if not heavy:
        return found
    sheets = out / "runde"
    shutil.rmtree(sheets, ignore_errors=True)
    export = [*udv, "sheet", "export", "-o", str(sheets), *common]
    found.append(repeat("udv sheet export (alle ansvarlige)", export, root, env, runs))
    answered = answer_round(sheets, out / "svar")
    importing = [*udv, "sheet", "import", *map(str, answered), "--dry-run", *common[:2]]
    found.append(
        repeat(f"udv sheet import --dry-run ({len(answered)} ark)", importing, root, env, runs)
    )
    site = [*udv, "site", "--no-documents", "-o", str(out / "site"), *common]
    found.append(repeat("udv site --no-documents", site, root, env, max(1, runs // 2)))
    return found


def repeat(label: str, argv: list[str], cwd: Path, env: dict[str, str], runs: int) -> Timing:
    """``runs`` runs of one command (after one unmeasured run)."""
    return interleaved([(label, argv, env)], cwd, runs)[0]


def answer_round(sheets: Path, target: Path) -> list[Path]:
    """Every exported sheet answered in full: a new update on every row, as an owner would
    write it (openpyxl, like a spreadsheet program)."""
    import openpyxl

    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    answered: list[Path] = []
    for path in sorted(sheets.glob("*.xlsx")):
        book = openpyxl.load_workbook(path)
        ws = book["Tiltag"]
        columns = {str(c.value): c.column for c in ws[1] if c.value is not None}
        for row in range(2, ws.max_row + 1):
            if not ws.cell(row=row, column=columns["Id"]).value:
                continue
            ws.cell(
                row=row, column=columns["Ny opdatering"]
            ).value = f"Arbejdet fortsætter som planlagt (række {row})."
            ws.cell(row=row, column=columns["Perioden den vedrører"]).value = "efterår 2026"
        out = target / path.name
        book.save(out)
        answered.append(out)
    return answered


@dataclass
class Hook:
    first_run: Timing
    light_mb: float
    full_mb: float | None


def hook(repo: Path, plan: Path, work: Path, full: bool) -> Hook:
    """The pre-commit hook's first run on the shipped plan (a new pre-commit home: the
    environment is made and udv installed into it), and the sizes of its environment and,
    with ``full``, of a full install."""
    base = work / "hook"
    shutil.rmtree(base, ignore_errors=True)
    data = base / "plan"
    shutil.copytree(plan / "data", data / "data")
    shutil.copy(plan / "udvikling.yaml", data / "udvikling.yaml")
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    subprocess.run([*git, "init", "-q"], cwd=data, check=True)
    subprocess.run([*git, "add", "-A"], cwd=data, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "plan"], cwd=data, check=True)
    env = dict(os.environ, PRE_COMMIT_HOME=str(base / "pre-commit"))
    env.pop("VIRTUAL_ENV", None)
    argv = [sys.executable, "-m", "pre_commit", "try-repo", str(repo), "udv-lint", "--all-files"]
    wall, cpu, code = timed(argv, data, env)
    first = Timing("første kørsel af hooken (miljø + installation + lint)", [wall], [cpu], {code})
    envs = list((base / "pre-commit").glob("repo*/py_env-*"))
    light = sum(_size(e) for e in envs) / 1e6
    full_mb = None
    if full:
        venv = base / "full"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", str(repo)],
            check=True,
            env={k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "UDV_INSTALL")},
        )
        full_mb = _size(venv) / 1e6
    return Hook(first, light, full_mb)


def _size(folder: Path) -> int:
    total = 0
    for base, _, files in os.walk(folder):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(base, name)).st_size
    return total


def load_note() -> str:
    """The machine's load average now (1, 5, 15 minutes), for the record."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "ukendt"
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}".replace(".", ",")


def scratch() -> Path:
    return Path(tempfile.gettempdir())
