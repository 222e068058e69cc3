"""Benchmark udv against the tools a user would otherwise run on the same files.

``python bench/run.py`` builds synthetic plans of 1,000 and 10,000 initiatives (with meetings
and indicators in the shipped proportions, see ``bench/synth.py``), then times, as separate
processes and as the median of several runs:

- ``udv --help``, ``udv lint`` (cold, and warm when udv keeps a cache), ``udv status``,
  ``udv overdue``, ``udv render notat`` as Markdown and Word (commands that do not exist
  yet are skipped and reported);
- ``yamllint -d relaxed`` and ``check-jsonschema`` against the schemas from ``udv schema``;
- the parse floor: every file read and parsed by PyYAML's libyaml loader in one process.

It prints the medians, peak memory and ratios, checks them against the targets of issue 7
and writes the figures into ``docs/performance.md`` between the ``bench`` markers (the text
around them is kept).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

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


@dataclass
class Measure:
    """Wall-clock seconds and peak memory (KB) of every run of one command."""

    label: str
    seconds: list[float] = field(default_factory=list)
    peak_kb: list[int] = field(default_factory=list)
    skipped: str | None = None
    codes: set[int] = field(default_factory=set)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak_mb(self) -> float:
        return max(self.peak_kb) / 1024


def run_once(argv: Sequence[str], env: dict[str, str], cwd: Path) -> tuple[float, int, int, str]:
    """Run ``argv``; return seconds, peak resident memory in KB, exit code and stderr."""
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
        proc = subprocess.run(
            wrapped, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        elapsed = time.perf_counter() - t0
        lines = [ln for ln in Path(rss.name).read_text().split("\n") if ln.strip()]
    peak = int(lines[-1]) if lines and lines[-1].strip().isdigit() else 0
    return elapsed, peak, proc.returncode, proc.stderr.decode("utf-8", "replace")


def measure(
    label: str,
    argv: Sequence[str],
    runs: int,
    cwd: Path,
    env: dict[str, str],
    prepare: list[str] | None = None,
) -> Measure:
    """Median of ``runs`` runs (after one unmeasured warm-up of the OS file cache)."""
    m = Measure(label)
    if prepare is not None:
        shutil.rmtree(prepare[0], ignore_errors=True)
    _, _, code, err = run_once(argv, env, cwd)
    if code >= 2:
        m.skipped = f"exit {code}: {(err.strip().splitlines() or ['?'])[0][:120]}"
        return m
    for _ in range(runs):
        if prepare is not None:  # cold: no cache left by the previous run
            shutil.rmtree(prepare[0], ignore_errors=True)
        seconds, peak, code, _ = run_once(argv, env, cwd)
        m.seconds.append(seconds)
        m.peak_kb.append(peak)
        m.codes.add(code)
    return m


def command_exists(udv: list[str], *words: str) -> bool:
    """Whether ``udv <words> --help`` works (the command exists in this build)."""
    proc = subprocess.run([*udv, *words, "--help"], capture_output=True)
    return proc.returncode == 0


def bench_repo(
    name: str, root: Path, runs: int, as_of: str, work: Path, udv: list[str], udv_only: bool
) -> list[Measure]:
    """Every measurement on the plan at ``root``."""
    env = dict(os.environ)
    cache = work / f"cache-{name}"
    env["UDV_CACHE_DIR"] = str(cache)
    out = work / f"out-{name}"
    out.mkdir(parents=True, exist_ok=True)
    common = ["--root", str(root), "--as-of", as_of]
    results: list[Measure] = []

    def add(label: str, argv: list[str], cold: bool = False) -> None:
        m = measure(label, argv, runs, root, env, [str(cache)] if cold else None)
        results.append(m)
        shown = (
            f"{m.median:7.3f} s {m.peak_mb:6.0f} MB"
            if not m.skipped
            else f"sprunget over ({m.skipped})"
        )
        print(f"  {name:>8}  {label:<34} {shown}", flush=True)

    add("udv --help", [*udv, "--help"])
    add("udv lint (kold)", [*udv, "lint", *common], cold=True)
    add("udv lint (varm)", [*udv, "lint", *common])
    single = dict(env, UDV_JOBS="1", UDV_NO_CACHE="1")
    m = measure("udv lint (1 kerne, ingen cache)", [*udv, "lint", *common], runs, root, single)
    results.append(m)
    print(f"  {name:>8}  {m.label:<34} {m.median:7.3f} s {m.peak_mb:6.0f} MB", flush=True)
    for command in ("status", "overdue"):
        if command_exists(udv, command):
            add(f"udv {command}", [*udv, command, *common])
        else:
            results.append(Measure(f"udv {command}", skipped="kommandoen findes ikke endnu"))
    if command_exists(udv, "render"):
        for fmt, ext in (("md", "md"), ("docx", "docx")):
            target = out / f"notat.{ext}"
            add(
                f"udv render notat ({fmt})",
                [*udv, "render", "notat", *common, "--format", fmt, "--output", str(target)],
            )
    else:
        for fmt in ("md", "docx"):
            results.append(
                Measure(f"udv render notat ({fmt})", skipped="kommandoen findes ikke endnu")
            )

    if udv_only:
        add("parse-gulv (CSafeLoader)", [sys.executable, "-c", FLOOR, str(root)])
        return results
    files = sorted(str(p.relative_to(root)) for p in root.rglob("*.yaml"))
    if shutil.which("yamllint"):
        add("yamllint -d relaxed", ["yamllint", "-d", "relaxed", "data", "udvikling.yaml"])
    else:
        results.append(Measure("yamllint -d relaxed", skipped="yamllint er ikke installeret"))
    if shutil.which("check-jsonschema"):
        schema_dir = work / f"schema-{name}"
        subprocess.run(
            [*udv, "schema", "--root", str(root), "--output", str(schema_dir)],
            check=True,
            capture_output=True,
        )
        inits = [f for f in files if f.startswith("data/initiatives/")]
        add(
            "check-jsonschema (tiltag)",
            [
                "check-jsonschema",
                "--schemafile",
                str(schema_dir / "initiative.schema.json"),
                *inits,
            ],
        )
    else:
        results.append(
            Measure("check-jsonschema (tiltag)", skipped="check-jsonschema er ikke installeret")
        )
    add("parse-gulv (CSafeLoader)", [sys.executable, "-c", FLOOR, str(root)])
    return results


@dataclass
class Target:
    text: str
    value: float
    limit: float
    unit: str
    higher_is_better: bool = False

    @property
    def met(self) -> bool:
        return self.value >= self.limit if self.higher_is_better else self.value <= self.limit

    def verdict(self) -> str:
        if self.met:
            return "opfyldt"
        if self.higher_is_better:
            return f"**ikke opfyldt** (mangler {_num(self.limit / self.value, 1)}×)"
        return f"**ikke opfyldt** ({_num(self.value / self.limit, 1)}× over)"


def _get(results: dict[str, list[Measure]], repo: str, label: str) -> Measure | None:
    for m in results.get(repo, []):
        if m.label == label and not m.skipped:
            return m
    return None


def targets(results: dict[str, list[Measure]]) -> list[Target]:
    """The targets of issue 7 that this run can check."""
    out: list[Target] = []
    help_ = _get(results, "leveret", "udv --help")
    lint = _get(results, "leveret", "udv lint (kold)")
    if help_:
        out.append(Target("Leverede data: `udv --help`", help_.median, 0.15, "s"))
    if lint:
        out.append(Target("Leverede data: `udv lint`", lint.median, 0.30, "s"))
    big_cold = _get(results, "10000", "udv lint (kold)")
    big_warm = _get(results, "10000", "udv lint (varm)")
    small = _get(results, "1000", "udv lint (kold)")
    floor = _get(results, "10000", "parse-gulv (CSafeLoader)")
    yl = _get(results, "10000", "yamllint -d relaxed")
    if big_cold and floor:
        out.append(
            Target("10.000: kold `udv lint` / parse-gulv", big_cold.median / floor.median, 1.0, "×")
        )
    if big_warm and floor:
        out.append(
            Target("10.000: varm `udv lint` / parse-gulv", big_warm.median / floor.median, 1.0, "×")
        )
    if big_cold and yl:
        out.append(
            Target(
                "10.000: yamllint / kold `udv lint`", yl.median / big_cold.median, 15.0, "×", True
            )
        )
    if big_cold and small:
        out.append(
            Target(
                "Vækst: kold `udv lint` 10.000 / 1.000", big_cold.median / small.median, 11.0, "×"
            )
        )
    if big_cold:
        out.append(
            Target(
                "10.000: største hukommelsesforbrug for `udv lint`", big_cold.peak_mb, 300.0, "MB"
            )
        )
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


def table(results: dict[str, list[Measure]]) -> list[str]:
    repos = list(results)
    labels: list[str] = []
    for ms in results.values():
        for m in ms:
            if m.label not in labels:
                labels.append(m.label)
    head = "| kommando | " + " | ".join(f"{r} (s / MB)" for r in repos) + " |"
    lines = [head, "|---" * (len(repos) + 1) + "|"]
    for label in labels:
        cells = []
        for repo in repos:
            m = next((x for x in results[repo] if x.label == label), None)
            if m is None:
                cells.append("–")
            elif m.skipped:
                cells.append(f"sprunget over: {m.skipped}")
            else:
                cells.append(f"{_num(m.median, 3)} / {_num(m.peak_mb, 0)}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def ratios(results: dict[str, list[Measure]]) -> list[str]:
    lines = []
    for repo, ms in results.items():
        lint = _get(results, repo, "udv lint (kold)")
        if not lint:
            continue
        parts = []
        for m in ms:
            if m.skipped or m.label.startswith("udv lint (kold)") or m.label == "udv --help":
                continue
            parts.append(f"{m.label} {_num(m.median / lint.median, 2)}×")
        lines.append(f"- {repo}: i forhold til kold `udv lint`: " + ", ".join(parts))
    return lines


def _num(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def report(
    results: dict[str, list[Measure]],
    command: str,
    runs: int,
    as_of: str,
    counts: dict[str, dict[str, int]],
) -> str:
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
        f"- Median af {runs} kørsler pr. kommando (efter én uregistreret opvarmning), hver som "
        f"egen proces; `--as-of {as_of}`. Hukommelse: største resident-størrelse (maxrss).",
        "- Datasæt: "
        + "; ".join(
            f"{name}: {c['initiatives']} tiltag, {c['meetings']} møder, {c['indicators']} "
            "indikatortabeller"
            for name, c in counts.items()
        ),
        "",
        *table(results),
        "",
        "### Forhold",
        "",
        *ratios(results),
        "",
        "### Mål (issue 7)",
        "",
        "| mål | målt | grænse | resultat |",
        "|---|---|---|---|",
        *(
            f"| {t.text} | {_num(t.value, 2)} {t.unit} | {'≥' if t.higher_is_better else '≤'} "
            f"{_num(t.limit, 2)} {t.unit} | {t.verdict()} |"
            for t in targets(results)
        ),
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (median)")
    parser.add_argument("--as-of", default="2026-11-23", help="date passed to every command")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "udv-bench")
    parser.add_argument("--doc", type=Path, default=REPO / "docs" / "performance.md")
    parser.add_argument("--no-doc", action="store_true", help="only print")
    parser.add_argument("--udv-only", action="store_true", help="skip the other tools")
    parser.add_argument("--src", type=Path, help="run udv from this source folder (PYTHONPATH)")
    args = parser.parse_args(argv)

    if args.src is not None:  # another source tree (e.g. with a proposed patch applied)
        os.environ["PYTHONPATH"] = str(args.src.resolve())
        udv = [sys.executable, "-m", "udvikling"]
    else:
        udv = [shutil.which("udv") or "udv"]
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, list[Measure]] = {}
    counts: dict[str, dict[str, int]] = {}
    repos = [("leveret", REPO)]
    for size in args.sizes:
        target = work / f"plan-{size}"
        print(f"bygger {target} ({size} tiltag) ...", flush=True)
        counts[str(size)] = synth.build(REPO, target, size)
        repos.append((str(size), target))
    for name, root in repos:
        results[name] = bench_repo(name, root, args.runs, args.as_of, work, udv, args.udv_only)

    command = "python bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    block = report(results, command.strip(), args.runs, args.as_of, counts)
    print()
    print(block)
    if not args.no_doc:
        write_doc(args.doc, block)
        print(f"\nskrev {args.doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
