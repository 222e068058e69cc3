"""Benchmark udv against the tools a user would otherwise run on the same files.

``python bench/run.py`` builds synthetic plans of 1,000 and 10,000 initiatives (with meetings
and indicators in the shipped proportions, see ``bench/synth.py``), in every plan shape of
issue 14, and times each command as a separate process, as the median of several runs:

- on the shipped plan and the clean synthetic plans: ``udv --help``, ``udv lint`` (cold,
  warm from udv's cache, and on one core without cache), ``udv status``, ``udv overdue``,
  ``udv render notat`` as Markdown and Word;
- on every shape (clean; one renamed, widely referenced initiative; many distinct broken
  references; a data error in 10 % of the files; 1,000 waivers): cold ``udv lint`` (its exit
  code and findings are recorded: 1 is expected where the plan has errors), ``yamllint -d
  relaxed``, ``check-jsonschema`` against the schemas from ``udv schema``, and the parse
  floor (every file read and parsed by PyYAML's libyaml loader in one process);
- ``udv history ID`` and ``udv diff REV1 REV2`` (revisions 500 commits apart) in a git
  repository of 2,000 commits over the shipped plan, beside ``git log -p`` and ``git diff``,
  built once with ``git fast-import`` (``bench/gitrepo.py``) and reused from the work folder;
- with ``--huge N`` (slow): peak memory of ``udv lint``, ``udv status`` and ``udv render
  notat`` (md) on a clean plan of N initiatives, one run each.

- issue 29's latencies (``bench/latency.py``): every everyday command on the shipped plan in
  one interleaved loop with ``python -c pass`` and ``python -c "import yaml, pydantic"``, a
  Tab of shell completion, ``udv show`` at 1,000 and 10,000 initiatives, the status round
  (sheet export and import) and the site; with ``--hook``, the pre-commit hook's first run
  and the size of its environment.

It prints the medians, peak memory (maxrss), growth from the smallest to the largest size and
the ratios, checks them against the targets of issues 7 and 14 (met, or missed by how much)
and writes all of it into ``docs/performance.md`` between the ``bench`` markers (the text
around them is kept).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import gitrepo  # noqa: E402
import latency  # noqa: E402
import synth  # noqa: E402

START = "<!-- bench:start -->"
END = "<!-- bench:end -->"

FLOOR = """\
import sys
from pathlib import Path
import yaml
for p in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)
"""

TIME_BIN = "/usr/bin/time"
TIMEOUT = 300.0  # seconds before a run is stopped and reported as "more than" (--timeout)

# Row labels (Danish: they are the rows of the tables in docs/performance.md).
HELP = "udv --help"
COLD = "udv lint (kold)"
WARM = "udv lint (varm)"
ONE_CORE = "udv lint (1 kerne, ingen cache)"
STATUS = "udv status"
OVERDUE = "udv overdue"
MD = "udv render notat (md)"
DOCX = "udv render notat (docx)"
YAMLLINT = "yamllint -d relaxed"
JSONSCHEMA = "check-jsonschema (tiltag)"
PARSE_FLOOR = "parse-gulv (CSafeLoader)"

SHIPPED = "leveret"
MB_LIMIT = 300.0  # peak memory at 10,000 initiatives (issue 14)
HUGE_MB_LIMIT = 1000.0  # peak memory at 100,000 initiatives (issue 14)


@dataclass
class Measure:
    """Wall-clock seconds and peak memory (KB) of every run of one command."""

    label: str
    seconds: list[float] = field(default_factory=list)
    peak_kb: list[int] = field(default_factory=list)
    skipped: str | None = None
    codes: set[int] = field(default_factory=set)
    timed_out: bool = False  # stopped after TIMEOUT seconds: the median is a lower bound

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak_mb(self) -> float:
        return max(self.peak_kb, default=0) / 1024

    def cell(self) -> str:
        if self.skipped:
            return f"sprunget over: {self.skipped}"
        if self.timed_out:
            return f"over {_num(self.median, 0)} s (afbrudt)"
        return f"{_num(self.median, 3)} / {_num(self.peak_mb, 0)}"


@dataclass
class Plan:
    """One plan measured: the shipped plan, or a synthetic plan of one shape and size."""

    shape: str  # SHIPPED or a key of synth.SHAPES
    size: int | None  # None: the shipped plan
    root: Path
    description: str = ""
    measures: list[Measure] = field(default_factory=list)
    findings: Counter[str] = field(default_factory=Counter)  # by severity
    lint_code: int | None = None

    @property
    def key(self) -> str:
        return SHIPPED if self.size is None else f"{self.shape}-{self.size}"

    @property
    def title(self) -> str:
        if self.size is None:
            return SHIPPED
        return f"{synth.SHAPE_NAMES[self.shape]} {_num(self.size, 0)}"

    def get(self, label: str) -> Measure | None:
        return next((m for m in self.measures if m.label == label and not m.skipped), None)


class TimedOut(Exception):
    """A run took more than TIMEOUT seconds (it has been stopped)."""


def run_bounded(
    argv: Sequence[str], env: dict[str, str], cwd: Path, stdout: int | None
) -> tuple[int, bytes, bytes]:
    """Run ``argv`` for at most TIMEOUT seconds; return exit code, stdout and stderr. On
    timeout its whole process group is killed (the timer wrapper and udv under it)."""
    proc = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=stdout, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise TimedOut from None
    return proc.returncode, out or b"", err or b""


def run_once(argv: Sequence[str], env: dict[str, str], cwd: Path) -> tuple[float, int, int, str]:
    """Run ``argv``; return seconds, peak resident memory in KB, exit code and stderr. Raises
    TimedOut after TIMEOUT seconds."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as rss:
        if Path(TIME_BIN).exists():
            wrapped = [TIME_BIN, "-f", "%M", "-o", rss.name, *argv]
        else:  # no GNU time: measure in a small wrapper process
            wrapped = [
                sys.executable,
                "-c",
                "import resource,subprocess,sys;"
                "c=subprocess.call(sys.argv[2:]);"
                "open(sys.argv[1],'w').write(str(resource.getrusage("
                "resource.RUSAGE_CHILDREN).ru_maxrss));sys.exit(c)",
                rss.name,
                *argv,
            ]
        t0 = time.perf_counter()
        code, _, err = run_bounded(wrapped, env, cwd, subprocess.DEVNULL)
        elapsed = time.perf_counter() - t0
        lines = [ln for ln in Path(rss.name).read_text().split("\n") if ln.strip()]
    peak = int(lines[-1]) if lines and lines[-1].strip().isdigit() else 0
    return elapsed, peak, code, err.decode("utf-8", "replace")


def _failed(code: int, err: str) -> str | None:
    """Why a run counts as failed (a usage error or a crash), or None. Exit code 1 is a
    result (findings, a file that does not validate), not a failure."""
    if code >= 2 or code < 0 or "Traceback (most recent call last)" in err:
        lines = [ln for ln in err.strip().splitlines() if ln.strip()]
        return f"exit {code}: {(lines or ['?'])[-1][:120]}"
    return None


def measure(
    label: str,
    argv: Sequence[str],
    runs: int,
    cwd: Path,
    env: dict[str, str],
    cache: Path | None = None,
    warmup: bool = True,
) -> Measure:
    """Median of ``runs`` runs (after one unmeasured warm-up of the OS file cache). With
    ``cache``, every run is cold: the cache folder is deleted first. A run that takes more
    than TIMEOUT seconds is stopped, and so is the measuring: the result is "more than"."""
    m = Measure(label)
    if warmup:
        if cache is not None:
            shutil.rmtree(cache, ignore_errors=True)
        try:
            _, _, code, err = run_once(argv, env, cwd)
        except TimedOut:
            return timed_out(label)
        if why := _failed(code, err):
            m.skipped = why
            return m
    for _ in range(runs):
        if cache is not None:  # cold: no cache left by the previous run
            shutil.rmtree(cache, ignore_errors=True)
        try:
            seconds, peak, code, err = run_once(argv, env, cwd)
        except TimedOut:
            return timed_out(label)
        if why := _failed(code, err):
            m.skipped = why
            return m
        m.seconds.append(seconds)
        m.peak_kb.append(peak)
        m.codes.add(code)
    return m


def measure_in_turn(
    commands: Sequence[tuple[str, Sequence[str], Path | None]],
    runs: int,
    cwd: Path,
    env: dict[str, str],
) -> list[Measure]:
    """``runs`` rounds of ``commands`` (label, argv, cache as for :func:`measure`), one after
    the other in each round, no warm-up: so that a machine that speeds up or slows down while
    they are measured weighs on each of them alike (for the ratio between them). A command
    that fails or times out is not run again; the others go on."""
    found = [Measure(label) for label, _, _ in commands]
    for _ in range(runs):
        for m, (_, argv, cache) in zip(found, commands, strict=True):
            if m.skipped or m.timed_out:
                continue
            if cache is not None:  # cold: no cache left by the previous run
                shutil.rmtree(cache, ignore_errors=True)
            try:
                seconds, peak, code, err = run_once(argv, env, cwd)
            except TimedOut:
                m.seconds, m.timed_out = [TIMEOUT], True
                continue
            if why := _failed(code, err):
                m.skipped = why
                continue
            m.seconds.append(seconds)
            m.peak_kb.append(peak)
            m.codes.add(code)
    return found


def timed_out(label: str) -> Measure:
    return Measure(label, seconds=[TIMEOUT], timed_out=True)


def command_exists(udv: list[str], *words: str) -> bool:
    """Whether ``udv <words> --help`` works (the command exists in this build)."""
    proc = subprocess.run([*udv, *words, "--help"], capture_output=True)
    return proc.returncode == 0


def _show(plan: str, m: Measure) -> None:
    if m.skipped:
        shown = f"sprunget over ({m.skipped})"
    elif m.timed_out:
        shown = f"afbrudt efter {TIMEOUT:.0f} s"
    else:
        codes = ",".join(map(str, sorted(m.codes)))
        shown = f"{m.median:7.3f} s {m.peak_mb:6.0f} MB  exit {codes}"
    print(f"  {plan:>30}  {m.label:<40} {shown}", flush=True)


@dataclass
class Settings:
    runs: int
    tool_runs: int
    as_of: str
    work: Path
    udv: list[str]
    udv_only: bool


def count_findings(plan: Plan, s: Settings) -> bool:
    """Run ``udv lint --format json`` once, unmeasured and without cache (it also warms the
    OS file cache): the findings by severity and the exit code. False if it timed out."""
    env = dict(os.environ, UDV_NO_CACHE="1")
    argv = [*s.udv, "lint", "--root", str(plan.root), "--as-of", s.as_of, "--format", "json"]
    try:
        code, out, _ = run_bounded(argv, env, plan.root, subprocess.PIPE)
    except TimedOut:
        return False
    plan.lint_code = code
    try:
        found = json.loads(out)["findings"]  # {"version": 1, "findings": [...]}
    except (ValueError, TypeError, KeyError):
        return True
    plan.findings = Counter(str(f.get("severity", "?")) for f in found if isinstance(f, dict))
    return True


def bench_plan(plan: Plan, s: Settings, full: bool) -> None:
    """Every measurement on ``plan``: all commands when ``full`` (the shipped and the clean
    plans), else cold ``udv lint`` and the other tools."""
    env = dict(os.environ)
    cache = s.work / f"cache-{plan.key}"
    env["UDV_CACHE_DIR"] = str(cache)
    out = s.work / f"out-{plan.key}"
    out.mkdir(parents=True, exist_ok=True)
    root = plan.root
    common = ["--root", str(root), "--as-of", s.as_of]

    def add(
        label: str,
        argv: list[str],
        cold: bool = False,
        runs: int = s.runs,
        environ: dict[str, str] = env,
        warmup: bool = True,
    ) -> None:
        m = measure(label, argv, runs, root, environ, cache if cold else None, warmup)
        plan.measures.append(m)
        _show(plan.title, m)

    def missing(label: str, why: str) -> None:
        plan.measures.append(Measure(label, skipped=why))

    finished = count_findings(plan, s)  # also the warm-up of cold udv lint
    if full:
        add(HELP, [*s.udv, "--help"])
    floor = [sys.executable, "-c", FLOOR, str(root)]
    if finished:
        # Cold lint and the parse floor in turn: the ratio between them is a target.
        lint_argv = [*s.udv, "lint", *common]
        both = [(COLD, lint_argv, cache), (PARSE_FLOOR, floor, None)]
        for m in measure_in_turn(both, s.runs, root, env):
            plan.measures.append(m)
            _show(plan.title, m)
    else:  # it would only time out again, runs times
        plan.measures.append(timed_out(COLD))
        _show(plan.title, plan.measures[-1])
        add(PARSE_FLOOR, floor)
    if full:
        add(WARM, [*s.udv, "lint", *common])
        single = dict(env, UDV_JOBS="1", UDV_NO_CACHE="1")
        add(ONE_CORE, [*s.udv, "lint", *common], environ=single)
        for label, command in ((STATUS, "status"), (OVERDUE, "overdue")):
            if command_exists(s.udv, command):
                add(label, [*s.udv, command, *common])
            else:
                missing(label, "kommandoen findes ikke endnu")
        for label, fmt in ((MD, "md"), (DOCX, "docx")):
            if command_exists(s.udv, "render"):
                target = out / f"notat.{fmt}"
                argv = [*s.udv, "render", "notat", *common, "--format", fmt, "--output"]
                add(label, [*argv, str(target)])
            else:
                missing(label, "kommandoen findes ikke endnu")

    if not s.udv_only:
        files = sorted(str(p.relative_to(root)) for p in root.rglob("*.yaml"))
        if shutil.which("yamllint"):
            argv = ["yamllint", "-d", "relaxed", "data", "udvikling.yaml"]
            add(YAMLLINT, argv, runs=s.tool_runs)
        else:
            missing(YAMLLINT, "yamllint er ikke installeret")
        if shutil.which("check-jsonschema"):
            schema_dir = s.work / f"schema-{plan.key}"
            subprocess.run(
                [*s.udv, "schema", "--root", str(root), "--output", str(schema_dir)],
                check=True,
                capture_output=True,
            )
            inits = [f for f in files if f.startswith("data/initiatives/")]
            schema = str(schema_dir / "initiative.schema.json")
            add(JSONSCHEMA, ["check-jsonschema", "--schemafile", schema, *inits], runs=s.tool_runs)
        else:
            missing(JSONSCHEMA, "check-jsonschema er ikke installeret")


def bench_latency(run: Run, s: Settings, sizes: list[int], runs: int) -> None:
    """Issue 29: the shipped plan's commands beside Python's start, in one loop; single
    records, the status round and the site on the clean synthetic plans."""
    run.loads.append(latency.load_note())
    cache = s.work / "cache-latency"
    run.shipped_latency = latency.shipped(s.udv, REPO, s.as_of, runs, cache)
    for t in run.shipped_latency:
        _show(SHIPPED, _as_measure(t))
    for size in sizes:
        root = s.work / f"plan-{size}-clean"
        out = s.work / f"out-latency-{size}"
        out.mkdir(parents=True, exist_ok=True)
        heavy_runs = runs if size <= 1000 else 1
        found = latency.records(
            s.udv, root, s.as_of, runs, s.work / f"cache-clean-{size}", out, True
        )
        if heavy_runs != runs:
            for t in found[4:]:
                t.note = "én kørsel"
        run.records[size] = found
        for t in found:
            _show(f"ren {_num(size, 0)}", _as_measure(t))
    run.loads.append(latency.load_note())


def _as_measure(t: latency.Timing) -> Measure:
    return Measure(t.label, seconds=list(t.wall), codes=set(t.codes))


def build_plans(sizes: list[int], shapes: list[str], seed: int, work: Path) -> list[Plan]:
    """The clean plan of each size, then every other shape derived from a copy of it."""
    plans: list[Plan] = []
    for size in sizes:
        clean = work / f"plan-{size}-clean"
        print(f"bygger {clean} ({size} tiltag) ...", flush=True)
        synth.build(REPO, clean, size)
        for shape in shapes:
            root = work / f"plan-{size}-{shape}"
            if shape != "clean":
                print(f"bygger {root} ...", flush=True)
                shutil.rmtree(root, ignore_errors=True)
                shutil.copytree(clean, root)
            description = synth.SHAPES[shape](root, seed)
            plans.append(Plan(shape, size, root, description))
    return plans


def plan_counts(root: Path) -> dict[str, int]:
    return {
        kind: len(list((root / "data" / kind).glob("*.yaml")))
        for kind in ("initiatives", "meetings", "indicators")
    }


@dataclass
class History:
    repo: gitrepo.HistoryRepo
    apart: int
    measures: list[Measure]


FIRST_TIME = "(første gang: uden gemte svar)"


def bench_history(s: Settings, commits: int, touching: int, apart: int) -> History:
    """``udv history`` of the chosen initiative and ``udv diff`` over ``apart`` commits."""
    target = s.work / f"history-{commits}"
    print(f"bygger {target} ({commits} commits) ...", flush=True)
    repo = gitrepo.build_history(REPO, target, commits, touching)
    apart = min(apart, repo.commits - 1)
    env = dict(os.environ, UDV_CACHE_DIR=str(s.work / "cache-history"))
    root = ["--root", str(repo.root)]
    rel = f"data/initiatives/{repo.record}.yaml"
    measures = [
        measure(
            f"git log -p -- {rel}",
            ["git", "log", "-p", "--", rel],
            s.runs,
            repo.root,
            env,
        ),
        measure(
            f"git diff HEAD~{apart} HEAD",
            ["git", "diff", f"HEAD~{apart}", "HEAD"],
            s.runs,
            repo.root,
            env,
        ),
        measure(
            f"udv history {repo.record}",
            [*s.udv, "history", repo.record, *root],
            s.runs,
            repo.root,
            env,
        ),
        # Every run as the first: without the kept answers (udvikling.review.kept).
        measure(
            f"udv history {repo.record} {FIRST_TIME}",
            [*s.udv, "history", repo.record, *root],
            s.runs,
            repo.root,
            {**env, "UDV_NO_CACHE": "1"},
        ),
        measure(
            f"udv diff HEAD~{apart} HEAD",
            [*s.udv, "diff", f"HEAD~{apart}", "HEAD", *root, "--as-of", s.as_of],
            s.runs,
            repo.root,
            env,
        ),
    ]
    for m in measures:
        _show("historik", m)
    return History(repo, apart, measures)


def bench_huge(size: int, s: Settings) -> Plan:
    """Peak memory (and time) of lint, status and render md on a clean plan of ``size``
    initiatives: one run each, no warm-up (it is slow)."""
    root = s.work / f"plan-{size}-clean"
    print(f"bygger {root} ({size} tiltag) ...", flush=True)
    synth.build(REPO, root, size)
    plan = Plan("clean", size, root, synth.shape_clean(root, 0))
    env = dict(os.environ)
    cache = s.work / f"cache-{plan.key}"
    env["UDV_CACHE_DIR"] = str(cache)
    common = ["--root", str(root), "--as-of", s.as_of]
    target = s.work / f"out-{plan.key}" / "notat.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    for label, argv in (
        (COLD, [*s.udv, "lint", *common]),
        (STATUS, [*s.udv, "status", *common]),
        (MD, [*s.udv, "render", "notat", *common, "--format", "md", "--output", str(target)]),
    ):
        m = measure(label, argv, 1, root, env, cache if label == COLD else None, warmup=False)
        plan.measures.append(m)
        _show(plan.title, m)
    return plan


@dataclass
class Target:
    text: str
    value: float
    limit: float
    unit: str
    higher_is_better: bool = False
    bound: str = ""  # "mindst" or "højst" when a run was stopped: the value is a bound

    @property
    def met(self) -> bool:
        return self.value >= self.limit if self.higher_is_better else self.value <= self.limit

    def verdict(self) -> str:
        if self.met:
            return "opfyldt"
        at_least = "mindst " if self.bound else ""
        if self.higher_is_better:
            return f"**ikke opfyldt** (mangler {at_least}{_num(self.limit / self.value, 2)}×)"
        return f"**ikke opfyldt** ({at_least}{_num(self.value / self.limit, 2)}× grænsen)"

    def row(self) -> str:
        sign = "≥" if self.higher_is_better else "≤"
        decimals = 0 if self.unit == "MB" else 2
        value = f"{self.bound} {_num(self.value, decimals)}".strip()
        return (
            f"| {self.text} | {value} {self.unit} | {sign} "
            f"{_num(self.limit, decimals)} {self.unit} | {self.verdict()} |"
        )


@dataclass
class Run:
    """Everything one run measured."""

    plans: list[Plan]
    sizes: list[int]
    shapes: list[str]
    history: History | None = None
    huge: Plan | None = None
    shipped_latency: list[latency.Timing] = field(default_factory=list)
    records: dict[int, list[latency.Timing]] = field(default_factory=dict)
    hook: latency.Hook | None = None
    loads: list[str] = field(default_factory=list)

    def plan(self, shape: str, size: int | None) -> Plan | None:
        return next((p for p in self.plans if p.shape == shape and p.size == size), None)

    def get(self, shape: str, size: int | None, label: str) -> Measure | None:
        plan = self.plan(shape, size)
        return plan.get(label) if plan else None


def targets(run: Run) -> list[Target]:
    """The targets of issues 7 and 14 that this run can check."""
    out: list[Target] = []

    def ratio(text: str, a: Measure | None, b: Measure | None, limit: float, hib: bool) -> None:
        if a and b and not (a.timed_out and b.timed_out):
            bound = "mindst" if a.timed_out else "højst" if b.timed_out else ""
            out.append(Target(text, a.median / b.median, limit, "×", hib, bound))

    def memory(text: str, m: Measure | None, limit: float) -> None:
        if m and not m.timed_out:
            out.append(Target(text, m.peak_mb, limit, "MB"))

    if help_ := run.get(SHIPPED, None, HELP):
        out.append(Target("Leverede data: `udv --help`", help_.median, 0.15, "s"))
    if lint := run.get(SHIPPED, None, COLD):
        bound = "mindst" if lint.timed_out else ""
        out.append(Target("Leverede data: `udv lint`", lint.median, 0.30, "s", False, bound))
    out += targets_29(run)
    if not run.sizes:
        return out
    big, small = max(run.sizes), min(run.sizes)
    nb, ns = _num(big, 0), _num(small, 0)
    names = synth.SHAPE_NAMES
    if big != small:
        for shape in run.shapes:
            ratio(
                f"Vækst, {names[shape]}: kold `udv lint` {nb} / {ns}",
                run.get(shape, big, COLD),
                run.get(shape, small, COLD),
                11.0,
                False,
            )
    floor = run.get("clean", big, PARSE_FLOOR)
    ratio(
        f"{nb}, ren: kold `udv lint` / parse-gulv", run.get("clean", big, COLD), floor, 1.0, False
    )
    ratio(
        f"{nb}, ren: varm `udv lint` / parse-gulv", run.get("clean", big, WARM), floor, 0.5, False
    )
    ratio(
        f"{nb}, {names['broken']}: `udv lint` / parse-gulv",
        run.get("broken", big, COLD),
        run.get("broken", big, PARSE_FLOOR),
        2.0,
        False,
    )
    for shape in run.shapes:
        ratio(
            f"{nb}, {names[shape]}: yamllint / `udv lint`",
            run.get(shape, big, YAMLLINT),
            run.get(shape, big, COLD),
            15.0,
            True,
        )
    for label in (COLD, STATUS, MD, DOCX):
        memory(
            f"{nb}, ren: største hukommelse, `{label.removesuffix(' (kold)')}`",
            run.get("clean", big, label),
            MB_LIMIT,
        )
    for shape in run.shapes:
        if shape != "clean":
            memory(
                f"{nb}, {names[shape]}: største hukommelse, `udv lint`",
                run.get(shape, big, COLD),
                MB_LIMIT,
            )
    if run.huge is not None and run.huge.size is not None:
        nh = _num(run.huge.size, 0)
        for label in (COLD, STATUS, MD):
            memory(
                f"{nh}, ren: største hukommelse, `{label.removesuffix(' (kold)')}`",
                run.huge.get(label),
                HUGE_MB_LIMIT,
            )
    return out


def targets_29(run: Run) -> list[Target]:
    """Issue 29's targets this run can check."""
    out: list[Target] = []
    shipped = {t.label: t for t in run.shipped_latency}
    for label, text, limit in (
        ("udv --help", "Leveret plan: `udv --help`", 0.10),
        ("udv lint", "Leveret plan: `udv lint`", 0.25),
        ("Tab: udv show kom (bash)", "Leveret plan: en Tab (`udv show kom`, bash)", 0.15),
        ("Tab: udv show kom (zsh, med titler)", "Leveret plan: en Tab (zsh, med titler)", 0.15),
        ("udv show kommunikationsstrategi", "Leveret plan: `udv show ID`", 0.25),
    ):
        if label in shipped and shipped[label].wall:
            out.append(Target(text, shipped[label].median, limit, "s"))
    limits = {
        1000: (
            ("udv show", 0.3),
            ("udv status", 0.5),
            ("udv overdue", 0.5),
            ("udv sheet export", 1.5),
            ("udv sheet import", 2.0),
            ("udv site", 3.0),
        ),
        10000: (("udv show", 0.5),),
    }
    for size, checks in limits.items():
        for prefix, limit in checks:
            t = next((x for x in run.records.get(size, []) if x.label.startswith(prefix)), None)
            if t and t.wall:
                out.append(Target(f"{_num(size, 0)}: `{_generic(t.label)}`", t.median, limit, "s"))
    small, big = run.records.get(1000), run.records.get(10000)
    if small and big:
        a = next((x for x in small if x.label.startswith("udv site")), None)
        b = next((x for x in big if x.label.startswith("udv site")), None)
        if a and b and a.wall and b.wall:
            out.append(Target("Vækst: `udv site` 10.000 / 1.000", b.median / a.median, 11.0, "×"))
    if run.history is not None:
        commits = _num(run.history.repo.commits, 0)
        for m in run.history.measures:
            if m.skipped or m.label.split(" ")[1] != "history":
                continue
            first = m.label.endswith(FIRST_TIME)
            kind = "første gang" if first else "svaret gemt fra kørslen før"
            text = f"`udv history ID` ({commits} commits), {kind}"
            out.append(Target(text, m.median, 0.5, "s"))
    if run.hook is not None:
        out.append(Target("Pre-commit-hookens første kørsel", run.hook.first_run.median, 15.0, "s"))
    if run.sizes:
        big = max(run.sizes)
        lint, floor = run.get("unknown", big, COLD), run.get("unknown", big, PARSE_FLOOR)
        if lint and floor and not (lint.timed_out or floor.timed_out):
            text = f"{_num(big, 0)}, ukendte henvisninger: `udv lint` / parse-gulv"
            out.append(Target(text, lint.median / floor.median, 2.0, "×"))
    return out


def machine() -> list[str]:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().split("\n"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        kb = int(Path("/proc/meminfo").read_text().split("\n")[0].split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GB"
    except (OSError, ValueError, IndexError):
        pass
    import yaml

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "src"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    return [
        f"- Maskine: {cpu}, {os.cpu_count()} kerner, {mem} RAM, {platform.system()} "
        f"{platform.release()}",
        f"- Python {platform.python_version()}, PyYAML {yaml.__version__} "
        f"(libyaml: {'ja' if getattr(yaml, '__with_libyaml__', False) else 'nej'})",
        f"- udv: commit {commit}{' (med uafsluttede ændringer i src/)' if dirty else ''}",
    ]


def main_table(plans: list[Plan]) -> list[str]:
    """Every command (rows) on the shipped and the clean plans (columns)."""
    labels: list[str] = []
    for p in plans:
        for m in p.measures:
            if m.label not in labels:
                labels.append(m.label)
    head = "| kommando | " + " | ".join(f"{p.title} (s / MB)" for p in plans) + " |"
    lines = [head, "|---" * (len(plans) + 1) + "|"]
    for label in labels:
        cells = [_cell(next((x for x in p.measures if x.label == label), None)) for p in plans]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def _cell(m: Measure | None) -> str:
    return "–" if m is None else m.cell()


def _ratio(a: Measure | None, b: Measure | None) -> str:
    if not a or not b or (a.timed_out and b.timed_out):
        return "–"
    bound = "over " if a.timed_out else "under " if b.timed_out else ""
    return f"{bound}{_num(a.median / b.median, 2)}×"


def shape_tables(run: Run) -> list[str]:
    """The shapes: what each is, its findings, then udv lint and the other tools."""
    big, small = max(run.sizes), min(run.sizes)
    nb, ns = _num(big, 0), _num(small, 0)
    grow = big != small
    lines = [
        f"| planform | ved {nb} tiltag | fund ved {nb}: fejl / advarsler / bemærkninger "
        "| exit-kode for `udv lint` |",
        "|---|---|---|---|",
    ]
    for shape in run.shapes:
        p = run.plan(shape, big)
        if p is None:
            continue
        f = p.findings
        counts = " / ".join(_num(f[k], 0) for k in ("error", "warning", "info"))
        if p.lint_code is None:
            counts = f"ukendt: `udv lint` afbrudt efter {_num(TIMEOUT, 0)} s"
        code = "–" if p.lint_code is None else str(p.lint_code)
        lines.append(f"| {synth.SHAPE_NAMES[shape]} | {p.description} | {counts} | {code} |")
    lines += [
        "",
        f"`udv lint` (kold) pr. planform, og hvor mange gange længere de andre værktøjer er om "
        f"de samme filer ved {nb} tiltag:",
        "",
        "| planform |"
        + (f" {ns} (s / MB) | {nb} (s / MB) | vækst {nb} / {ns} |" if grow else f" {nb} (s / MB) |")
        + f" {nb}: `udv lint` / parse-gulv | {nb}: yamllint / `udv lint` "
        f"| {nb}: check-jsonschema / `udv lint` |",
        "|---|---|" + ("---|---|" if grow else "") + "---|---|---|",
    ]
    for shape in run.shapes:
        lint_b, lint_s = run.get(shape, big, COLD), run.get(shape, small, COLD)
        row = f"| {synth.SHAPE_NAMES[shape]} |"
        if grow:
            row += f" {_cell(lint_s)} | {_cell(lint_b)} | {_ratio(lint_b, lint_s)} |"
        else:
            row += f" {_cell(lint_b)} |"
        row += (
            f" {_ratio(lint_b, run.get(shape, big, PARSE_FLOOR))} |"
            f" {_ratio(run.get(shape, big, YAMLLINT), lint_b)} |"
            f" {_ratio(run.get(shape, big, JSONSCHEMA), lint_b)} |"
        )
        lines.append(row)
    tools = (YAMLLINT, JSONSCHEMA, PARSE_FLOOR)
    sizes = sorted(set(run.sizes))
    lines += [
        "",
        "De andre værktøjer og parse-gulvet pr. planform (s / MB):",
        "",
        "| planform | " + " | ".join(f"{t} {_num(n, 0)}" for t in tools for n in sizes) + " |",
        "|---" * (1 + len(tools) * len(sizes)) + "|",
    ]
    for shape in run.shapes:
        cells = []
        for t in tools:
            for n in sizes:
                p = run.plan(shape, n)
                m = next((x for x in p.measures if x.label == t), None) if p else None
                cells.append(_cell(m))
        lines.append(f"| {synth.SHAPE_NAMES[shape]} | " + " | ".join(cells) + " |")
    return lines


def history_lines(h: History) -> list[str]:
    repo = h.repo
    return [
        f"Et git-repository med {_num(repo.commits, 0)} commits over den leverede plan "
        f"(`bench/gitrepo.py`); tiltaget `{repo.record}` ændres i {_num(repo.touching, 0)} af "
        f"dem, de øvrige ændrer andre tiltag og møder. `udv diff` sammenligner to revisioner "
        f"{_num(h.apart, 0)} commits fra hinanden.",
        "",
        "| kommando | s / MB |",
        "|---|---|",
        *(f"| `{m.label}` | {m.cell()} |" for m in h.measures),
    ]


def huge_lines(p: Plan) -> list[str]:
    return [
        f"Ren plan med {_num(p.size or 0, 0)} tiltag, én kørsel pr. kommando (uden opvarmning): "
        "tiden er vejledende, hukommelsen er målet.",
        "",
        "| kommando | s / MB |",
        "|---|---|",
        *(f"| {m.label} | {m.cell()} |" for m in p.measures),
    ]


def ratios(plans: list[Plan]) -> list[str]:
    lines = []
    for p in plans:
        lint = p.get(COLD)
        if not lint:
            continue
        parts = []
        for m in p.measures:
            if m.skipped or m.label in (COLD, HELP):
                continue
            parts.append(f"{m.label} {_ratio(m, lint)}")
        lines.append(f"- {p.title}: i forhold til kold `udv lint`: " + ", ".join(parts))
    return lines


def _num(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def _t(t: latency.Timing) -> str:
    if not t.wall:
        return "–"
    note = f" ({t.note})" if t.note else ""
    return f"{_num(t.median, 3)} / {_num(t.cpu_median, 3)}{note}"


def latency_lines(run: Run) -> list[str]:
    """Issue 29's tables: the shipped plan beside Python, and the synthetic plans."""
    lines = [
        "Tid pr. kommando (s): median af væguret / median af CPU-tiden (bruger + system), hver "
        "kommando som egen proces. På den leverede plan er kommandoerne kørt på skift i samme "
        'løkke som `python -c pass` og `python -c "import yaml, pydantic"`, så en travl '
        "maskine rammer dem ens. Maskinens belastning (load average 1/5/15 min) ved start og "
        f"slut: {' og '.join(run.loads) or 'ukendt'}.",
        "",
    ]
    if run.shipped_latency:
        lines += ["| leveret plan | s (væg / CPU) |", "|---|---|"]
        lines += [f"| {t.label} | {_t(t)} |" for t in run.shipped_latency]
        lines.append("")
    if run.records:
        sizes = sorted(run.records)
        labels: list[str] = []
        for size in sizes:
            for t in run.records[size]:
                key = _generic(t.label)
                if key not in labels:
                    labels.append(key)
        lines += [
            "| ren syntetisk plan | "
            + " | ".join(f"{_num(n, 0)} (s, væg / CPU)" for n in sizes)
            + " |",
            "|---" * (len(sizes) + 1) + "|",
        ]
        for key in labels:
            cells = []
            for size in sizes:
                t = next((x for x in run.records[size] if _generic(x.label) == key), None)
                cells.append(_t(t) if t else "–")
            lines.append(f"| {key} | " + " | ".join(cells) + " |")
        lines.append("")
    if run.hook is not None:
        h = run.hook
        full = (
            f"; en fuld installation (`pip install .`) fylder {_num(h.full_mb, 0)} MB"
            if h.full_mb
            else ""
        )
        codes = ",".join(map(str, sorted(h.first_run.codes)))
        lines += [
            f"Pre-commit-hooken: første kørsel (`pre-commit run` i et datarepositorium med et nyt "
            f"pre-commit-hjem: "
            f"miljøet laves, udv installeres let, den leverede plan tjekkes) tog "
            f"{_num(h.first_run.median, 1)} s (exit {codes}); "
            f"hookens miljø fylder {_num(h.light_mb, 0)} MB{full}.",
            "",
        ]
    return lines


def _generic(label: str) -> str:
    """A row label without what differs between plans (the record shown, the sheet count)."""
    if label.startswith("udv show "):
        return "udv show ID (et tiltag, andre henviser til)"
    if label.startswith("udv sheet import"):
        return "udv sheet import --dry-run (en fuld runde besvaret)"
    return label


def report(run: Run, command: str, s: Settings, seed: int) -> str:
    main_plans = [p for p in run.plans if p.shape in (SHIPPED, "clean")]
    counts = [
        f"{_num(size, 0)}: {_num(c['initiatives'], 0)} tiltag, {_num(c['meetings'], 0)} møder, "
        f"{_num(c['indicators'], 0)} indikatortabeller"
        for size in sorted(set(run.sizes))
        for c in [plan_counts(s.work / f"plan-{size}-clean")]
    ]
    lines = [
        START,
        "## Målinger",
        "",
        f"Kørt {date.today().isoformat()} med:",
        "",
        "```",
        command,
        "```",
        "",
        *machine(),
        f"- Median af {s.runs} kørsler pr. udv-kommando og parse-gulvet og {s.tool_runs} pr. "
        "kørsel af yamllint og check-jsonschema (efter én uregistreret opvarmning), hver som "
        f"egen proces; `--as-of {s.as_of}`; planformerne bygget med frø {seed}. Hukommelse: "
        "største resident-størrelse (maxrss).",
        "- Datasæt: " + "; ".join(counts) if counts else "- Datasæt: kun den leverede plan",
        "",
        "### Leveret plan og ren syntetisk plan",
        "",
        *main_table(main_plans),
    ]
    if run.sizes and run.shapes:
        lines += ["", "### Planformer", "", *shape_tables(run)]
    if run.history is not None:
        lines += ["", "### Historik og diff", "", *history_lines(run.history)]
    if run.huge is not None:
        lines += ["", f"### {_num(run.huge.size or 0, 0)} tiltag", "", *huge_lines(run.huge)]
    if run.shipped_latency or run.records or run.hook:
        lines += ["", "### Svartider (issue 29)", "", *latency_lines(run)]
    found = targets(run)
    lines += [
        "",
        "### Forhold",
        "",
        *ratios(main_plans),
        "",
        "### Mål (issue 7, 14 og 29)",
        "",
        f"{sum(t.met for t in found)} af {len(found)} mål opfyldt.",
        "",
        "| mål | målt | grænse | resultat |",
        "|---|---|---|---|",
        *(t.row() for t in found),
        END,
    ]
    return "\n".join(lines)


def write_doc(doc: Path, block: str) -> None:
    text = (
        doc.read_text(encoding="utf-8")
        if doc.exists()
        else "# Ydeevne\n\n" + START + "\n" + END + "\n"
    )
    if START in text and END in text:
        before, rest = text.split(START, 1)
        _, after = rest.split(END, 1)
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    doc.write_text(text, encoding="utf-8")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python bench/run.py",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="full run (every shape, history, the 100,000-initiative memory check):\n"
        "  python bench/run.py --huge 100000\n"
        "quick check that the script works end to end (figures meaningless):\n"
        "  python bench/run.py --sizes 200 1000 --runs 1 --tool-runs 1 --no-doc",
    )
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="*",
        default=[1000, 10000],
        help="initiatives per synthetic plan (default: 1000 10000); growth is largest / smallest",
    )
    parser.add_argument(
        "--shapes",
        nargs="+",
        choices=list(synth.SHAPES),
        default=list(synth.SHAPES),
        metavar="SHAPE",
        help="plan shapes to measure (default: all): " + ", ".join(synth.SHAPES),
    )
    parser.add_argument("--seed", type=int, default=14, help="seed of the shapes (default: 14)")
    parser.add_argument(
        "--runs",
        type=int,
        default=5,
        help="runs per udv command and parse floor (median; default: 5)",
    )
    parser.add_argument(
        "--tool-runs",
        type=int,
        default=2,
        help="runs per yamllint and check-jsonschema command (median; they are slow and steady; "
        "default: 2)",
    )
    parser.add_argument(
        "--as-of", default="2026-11-23", help="date passed to every command (default: 2026-11-23)"
    )
    parser.add_argument(
        "--history-commits",
        type=int,
        default=2000,
        help="commits in the git repository for udv history and udv diff (default: 2000)",
    )
    parser.add_argument(
        "--history-touching",
        type=int,
        default=50,
        help="of those, commits that change the initiative udv history shows (default: 50)",
    )
    parser.add_argument(
        "--diff-apart",
        type=int,
        default=500,
        help="commits between the two revisions udv diff compares (default: 500)",
    )
    parser.add_argument("--no-history", action="store_true", help="skip udv history and diff")
    parser.add_argument(
        "--no-latency",
        action="store_true",
        help="skip issue 29's latencies (shipped plan beside python, show, Tab, sheets, site)",
    )
    parser.add_argument(
        "--latency-runs",
        type=int,
        default=9,
        help="rounds of the interleaved latency loop (median; default: 9)",
    )
    parser.add_argument(
        "--hook",
        action="store_true",
        help="also time the pre-commit hook's first run (a fresh environment: needs the "
        "package index) and the size of its environment and of a full install",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=TIMEOUT,
        help="seconds after which a run is stopped; it is then reported as taking more than "
        f"that, and its command is not run again on that plan (default: {TIMEOUT:.0f})",
    )
    parser.add_argument(
        "--huge",
        type=int,
        metavar="N",
        help="also measure lint, status and render md once on a clean plan of N initiatives "
        "(the memory target at 100000; slow)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "udv-bench",
        help="folder for the plans, caches, outputs and the git repository (reused)",
    )
    parser.add_argument(
        "--doc",
        type=Path,
        default=REPO / "docs" / "performance.md",
        help="the page whose bench markers get the results (default: docs/performance.md)",
    )
    parser.add_argument("--no-doc", action="store_true", help="only print")
    parser.add_argument("--udv-only", action="store_true", help="skip the other tools")
    parser.add_argument("--src", type=Path, help="run udv from this source folder (PYTHONPATH)")
    return parser.parse_args(argv)


def _compile(src: Path | None) -> None:
    """Write udv's bytecode first, as installing it does: with ``PYTHONDONTWRITEBYTECODE``
    set (some CI images set it), an editable install would otherwise compile every module
    in every run, and each measurement would include it."""
    import compileall
    import importlib.util

    if src is not None:
        folder = src / "udvikling"
    else:
        spec = importlib.util.find_spec("udvikling")
        if spec is None or spec.origin is None:
            return
        folder = Path(spec.origin).parent
    compileall.compile_dir(folder, quiet=1)


def main(argv: Sequence[str] | None = None) -> int:
    global TIMEOUT
    args = parse_args(argv)
    TIMEOUT = args.timeout
    if args.src is not None:  # another source tree (e.g. with a proposed patch applied)
        os.environ["PYTHONPATH"] = str(args.src.resolve())
        udv = [sys.executable, "-m", "udvikling"]
    else:
        udv = [shutil.which("udv") or "udv"]
    _compile(args.src)
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    settings = Settings(args.runs, args.tool_runs, args.as_of, work, udv, args.udv_only)
    sizes: list[int] = sorted(set(args.sizes))
    shapes = [s for s in synth.SHAPES if s in args.shapes]

    shipped = Plan(SHIPPED, None, REPO, "den leverede plan")
    plans = [shipped, *build_plans(sizes, shapes, args.seed, work)]
    run = Run(plans, sizes, shapes)
    for plan in plans:
        bench_plan(plan, settings, full=plan.shape in (SHIPPED, "clean"))
    if not args.no_history:
        run.history = bench_history(
            settings, args.history_commits, args.history_touching, args.diff_apart
        )
    if args.huge:
        run.huge = bench_huge(args.huge, settings)
    if not args.no_latency:
        bench_latency(run, settings, sizes, args.latency_runs)
    if args.hook:
        print("måler pre-commit-hookens første kørsel ...", flush=True)
        run.hook = latency.hook(REPO, REPO, work, full=True)
        _show("hook", _as_measure(run.hook.first_run))

    command = "python bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    block = report(run, command.strip(), settings, args.seed)
    print()
    print(block)
    if not args.no_doc:
        write_doc(args.doc, block)
        print(f"\nskrev {args.doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
