"""Benchmark: a repository of many plans (issue 29: 100 plans x 100 initiatives).

Builds the repository once (each plan replicated from the shipped plan by ``synth.build``),
then times, interleaved, `udv lint` at the repository's root (every plan, on every core)
against the parse floor of all its files (every file parsed by libyaml in one process), cold
(no parse cache) and warm. Prints a Markdown table for docs/performance.md.

    python bench/monorepo.py --plans 100 --initiatives 100 --runs 5
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth

REPO = Path(__file__).resolve().parents[1]
FLOOR = """\
import sys
from pathlib import Path
import yaml
for p in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)
"""


def build(target: Path, plans: int, initiatives: int) -> int:
    """Write ``plans`` plans below ``target``; return how many YAML files they hold."""
    for n in range(plans):
        synth.build(REPO, target / f"kommune-{n:03d}", initiatives)
    return sum(1 for _ in target.rglob("*.yaml"))


def timed(argv: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, env=env, capture_output=True, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=100)
    parser.add_argument("--initiatives", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="udv-monorepo-"))
    try:
        files = build(work / "repo", args.plans, args.initiatives)
        cache = work / "cache"
        env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
        udv = [sys.executable, "-m", "udvikling", "lint", "--as-of", "2024-06-01"]
        floor = [sys.executable, "-c", FLOOR, str(work / "repo")]
        cold: list[float] = []
        warm: list[float] = []
        floors: list[float] = []
        for _ in range(args.runs):
            shutil.rmtree(cache, ignore_errors=True)
            floors.append(timed(floor, work / "repo", env))
            cold.append(timed(udv, work / "repo", env))
            warm.append(timed(udv, work / "repo", env))
        f, c, w = (statistics.median(x) for x in (floors, cold, warm))
        print(
            f"{args.plans} planer × {args.initiatives} tiltag, {files} filer, "
            f"{os.cpu_count()} kerner, median af {args.runs}:\n"
        )
        print("| måling | sekunder | / parse-gulv |")
        print("|---|---:|---:|")
        print(f"| parse-gulv (CSafeLoader, én proces) | {f:.2f} | 1,00 |".replace(".", ",", 1))
        print(f"| kold `udv lint` i roden | {c:.2f} | {c / f:.2f} |".replace(".", ","))
        print(f"| varm `udv lint` i roden | {w:.2f} | {w / f:.2f} |".replace(".", ","))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
