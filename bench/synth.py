"""Build a synthetic data repository of any size by replicating the shipped plan.

Copy 0 is the shipped data unchanged. Copy ``k`` (k >= 1) holds the same initiatives under
``<id>-k<k>``, and the same meetings held by copied bodies ``<body>-k<k>`` (declared in
``udvikling.yaml``), so the meeting ids still say date and body. References are rewritten
consistently at their exact position in the text (found with udv's own reader), so comments
and formatting stay as shipped and the result lints without reference errors. The issued
reports are copied once, unchanged: every copy's journal cites them by their own id. The last
copy may be partial; it also holds the meetings its initiatives' milestones fall at (else they
would never be reached), and its references to records it does not hold point at copy 0's
originals.

The *shapes* below derive the unhappy plans of issue 14 from such a clean plan, in place and
deterministically (same plan and seed, same files): one renamed, widely referenced initiative;
many distinct broken references; a data error in 10 % of the files; 1,000 waivers. Each shape
is a function ``(plan_dir, seed) -> description`` (the description is Danish: it goes into
``docs/performance.md``).
"""

from __future__ import annotations

import itertools
import math
import random
import shutil
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml

from udvikling.yamlsrc import Loc, read_yaml

INITIATIVES = "data/initiatives"
MEETINGS = "data/meetings"
INDICATORS = "data/indicators"
REPORTS = "data/reports"

# Where each record kind names another record: (loc pattern, map to use). ``*`` is any index.
_INITIATIVE_REFS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("depends_on", "*"), "initiative"),
    (("milestones", "*", "meeting"), "meeting"),
)
_MEETING_REFS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("body",), "body"),
    (("items", "*", "initiatives", "*"), "initiative"),
    (("items", "*", "route", "*"), "body"),
)


def _matches(loc: Loc, pattern: tuple[str, ...]) -> bool:
    if len(loc) != len(pattern):
        return False
    return all(
        (p == "*" and isinstance(part, int)) or p == part
        for part, p in zip(loc, pattern, strict=True)
    )


def rewrite(
    text: str, path: str, patterns: Iterable[tuple[tuple[str, ...], str]], maps: dict[str, Any]
) -> str:
    """``text`` with every reference at a ``patterns`` location renamed through ``maps``."""
    result = read_yaml(text.encode("utf-8"), path)
    if result.data is None or result.findings:
        raise ValueError(f"{path}: the shipped file does not read cleanly: {result.findings}")
    lines = text.split("\n")
    edits: list[tuple[int, int, str, str]] = []
    for loc, pos in result.source.values.items():
        for pattern, kind in patterns:
            if not _matches(loc, pattern):
                continue
            value = _get(result.data, loc)
            new = maps[kind](value) if isinstance(value, str) else value
            if new != value:
                edits.append((pos.line - 1, pos.column - 1, value, new))
    # Right to left within a line so earlier columns stay valid.
    for line, col, old, new in sorted(edits, reverse=True):
        current = lines[line]
        start = col + 1 if current[col : col + 1] in ("'", '"') else col
        if current[start : start + len(old)] != old:
            raise ValueError(f"{path}:{line + 1}:{col + 1}: expected {old!r}")
        lines[line] = current[:start] + new + current[start + len(old) :]
    return "\n".join(lines)


def _get(data: Any, loc: Loc) -> Any:
    for part in loc:
        data = data[part]
    return data


def _stems(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.yaml"))


def build(source: Path, target: Path, initiatives: int) -> dict[str, int]:
    """Write a repository with ``initiatives`` initiatives (meetings and indicators in
    proportion) below ``target``, replicated from the repository at ``source``."""
    base_inits = _stems(source / INITIATIVES)
    base_meetings = _stems(source / MEETINGS)
    base_indicators = _stems(source / INDICATORS)
    copies = math.ceil(initiatives / len(base_inits))
    n_meetings = round(initiatives * len(base_meetings) / len(base_inits))
    n_indicators = max(1, round(initiatives * len(base_indicators) / len(base_inits)))
    config = yaml.safe_load((source / "udvikling.yaml").read_text(encoding="utf-8"))
    bodies: dict[str, Any] = config["bodies"]

    if target.exists():
        shutil.rmtree(target)
    for folder in (INITIATIVES, MEETINGS, INDICATORS):
        (target / folder).mkdir(parents=True)
    for extra in ("templates", REPORTS):
        if (source / extra).is_dir():  # reports once: the copies' journals cite them by id
            shutil.copytree(source / extra, target / extra)

    texts = {
        folder: {
            stem: (source / folder / f"{stem}.yaml").read_text(encoding="utf-8") for stem in stems
        }
        for folder, stems in (
            (INITIATIVES, base_inits),
            (MEETINGS, base_meetings),
            (INDICATORS, base_indicators),
        )
    }
    # The meetings each initiative's milestones fall at: reached when that meeting is held.
    milestone_meetings = {
        stem: {
            ms["meeting"]
            for ms in (yaml.safe_load(text) or {}).get("milestones") or ()
            if isinstance(ms, dict) and isinstance(ms.get("meeting"), str)
        }
        for stem, text in texts[INITIATIVES].items()
    }
    counts = {"initiatives": 0, "meetings": 0, "indicators": 0}
    for k in range(copies):
        inits = base_inits[: initiatives - k * len(base_inits)]
        meets = base_meetings[: max(0, n_meetings - k * len(base_meetings))]
        if len(inits) < len(base_inits):  # a partial copy holds its milestones' meetings
            needed = {m for stem in inits for m in milestone_meetings[stem]} - set(meets)
            meets = sorted([*meets, *(m for m in needed if m in base_meetings)])
        inds = base_indicators[: max(0, n_indicators - k * len(base_indicators))]
        suffix = f"-k{k}" if k else ""
        held_i, held_m = set(inits), set(meets)

        def init_map(v: str, held: set[str] = held_i, s: str = suffix) -> str:
            return v + s if v in held else v

        def body_map(v: str, s: str = suffix) -> str:
            return v + s if v in bodies else v

        def meeting_map(v: str, held: set[str] = held_m, s: str = suffix) -> str:
            return v + s if v in held else v

        maps: dict[str, Callable[[str], str]] = {
            "initiative": init_map,
            "meeting": meeting_map,
            "body": body_map,
        }
        for stem in inits:
            text = texts[INITIATIVES][stem]
            if k:
                text = rewrite(text, f"{INITIATIVES}/{stem}.yaml", _INITIATIVE_REFS, maps)
            (target / INITIATIVES / f"{stem}{suffix}.yaml").write_text(text, encoding="utf-8")
            counts["initiatives"] += 1
        for stem in meets:
            text = texts[MEETINGS][stem]
            if k:
                text = rewrite(text, f"{MEETINGS}/{stem}.yaml", _MEETING_REFS, maps)
            # The meeting id is date + body, so the copy's id is the id + suffix.
            (target / MEETINGS / f"{stem}{suffix}.yaml").write_text(text, encoding="utf-8")
            counts["meetings"] += 1
        for stem in inds:
            text = texts[INDICATORS][stem]
            (target / INDICATORS / f"{stem}{suffix}.yaml").write_text(text, encoding="utf-8")
            counts["indicators"] += 1

    (target / "udvikling.yaml").write_text(
        _config_with_bodies(source / "udvikling.yaml", bodies, copies), encoding="utf-8"
    )
    return counts


def _config_with_bodies(config: Path, bodies: dict[str, Any], copies: int) -> str:
    """The shipped configuration with each body declared once more per copy."""
    lines = config.read_text(encoding="utf-8").split("\n")
    at = lines.index("bodies:") + 1
    extra: list[str] = []
    for k in range(1, copies):
        for body, spec in bodies.items():
            name = spec["name"] if isinstance(spec, dict) else str(spec)
            entry = f'  {body}-k{k}: {{name: "{name} (kopi {k})"'
            if isinstance(spec, dict) and spec.get("short"):
                entry += f', short: "{spec["short"]} {k}"'
            extra.append(entry + "}")
    return "\n".join([*lines[:at], *extra, *lines[at:]])


# --- Shapes: the unhappy plans, derived from a clean plan --------------------------------------

Shape = Callable[[Path, int], str]

BROKEN_SHARE = 0.10  # share of references the ``broken`` shape points at ids that do not exist
ERROR_SHARE = 0.10  # share of files the ``errors10`` shape gives a data error
WAIVERS = 1000  # waivers the ``waivers`` shape adds (at most one per initiative)

_UNKNOWN_KEY = ("bemaerkning", "Indsat af benchmarken")  # not a field of any record
_BAD_DATE = "31. februar 2024"  # a date that does not exist


def _files(plan: Path, folder: str) -> list[Path]:
    return sorted((plan / folder).glob("*.yaml"))


def _load(path: Path) -> Any:
    return yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def _n(value: int) -> str:
    """An integer as Danish text writes it (1.000)."""
    return f"{value:,}".replace(",", ".")


def _append(text: str, *lines: str) -> str:
    return text.rstrip("\n") + "\n" + "\n".join(lines) + "\n"


def _prepend_item(text: str, key: str, item: list[str]) -> str:
    """``text`` with ``item`` (the lines of one list item, unindented, the first starting
    with ``- ``) first in the top-level list ``key``; the key is added when absent."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not line.startswith(f"{key}:"):
            continue
        rest = line[len(key) + 1 :].strip()
        if rest.startswith("["):  # flow list: [a, b]
            if len(item) != 1:
                raise ValueError(f"{key}: cannot put a block item into a flow list")
            value = item[0][2:]
            inner = rest[1:].lstrip()
            lines[i] = f"{key}: [{value}]" if inner == "]" else f"{key}: [{value}, {inner}"
        elif rest == "":  # block list: indent as the next line does
            nxt = lines[i + 1]
            indent = nxt[: len(nxt) - len(nxt.lstrip())]
            lines[i + 1 : i + 1] = [indent + ln for ln in item]
        else:
            raise ValueError(f"{key}: not a list: {rest!r}")
        return "\n".join(lines)
    return _append(text, f"{key}:", *("  " + ln for ln in item))


def shape_clean(plan: Path, seed: int) -> str:
    """The synthetic plan as built: no errors."""
    return "den syntetiske plan, som den bygges: ingen fejl"


def shape_renamed(plan: Path, seed: int) -> str:
    """Rename the initiative that most other records refer to; the references keep the old id
    (as when a file is renamed in a hurry). ``seed`` is not needed: ties go to the first id."""
    referrers: Counter[str] = Counter()
    for path in _files(plan, INITIATIVES):
        data = _load(path)
        for ref in set(data.get("depends_on") or ()) - {path.stem}:
            referrers[ref] += 1
    for path in _files(plan, MEETINGS):
        data = _load(path)
        refs = {r for item in data.get("items") or () for r in item.get("initiatives") or ()}
        for ref in refs:
            referrers[ref] += 1
    held = {p.stem for p in _files(plan, INITIATIVES)}
    old = min((r for r in referrers if r in held), key=lambda r: (-referrers[r], r))
    new = f"{old}-omdoebt"
    (plan / INITIATIVES / f"{old}.yaml").rename(plan / INITIATIVES / f"{new}.yaml")
    return (
        f"tiltaget `{old}` omdøbt til `{new}`; {_n(referrers[old])} poster henviser stadig "
        "til det gamle id"
    )


def shape_broken(plan: Path, seed: int) -> str:
    """Point 10 % of the references (to initiatives, meetings and bodies on an agenda item's
    route) at ids that do not exist, each a different id."""
    rng = random.Random(seed)
    numbers = itertools.count(1)
    total = 0

    def breaker(value: str) -> str:
        nonlocal total
        total += 1
        return f"{value}-brudt-{next(numbers)}" if rng.random() < BROKEN_SHARE else value

    maps: dict[str, Callable[[str], str]] = dict.fromkeys(
        ("initiative", "meeting", "body"), breaker
    )
    meeting_refs = tuple(r for r in _MEETING_REFS if r[0] != ("body",))  # body is in the id
    for folder, patterns in ((INITIATIVES, _INITIATIVE_REFS), (MEETINGS, meeting_refs)):
        for path in _files(plan, folder):
            text = path.read_text(encoding="utf-8")
            new = rewrite(text, f"{folder}/{path.name}", patterns, maps)
            if new != text:
                path.write_text(new, encoding="utf-8")
    broken = next(numbers) - 1
    return f"{_n(broken)} af {_n(total)} henvisninger peger på hver sit id, der ikke findes"


def shape_errors10(plan: Path, seed: int) -> str:
    """Give 10 % of the data files one data error each, in turn: a value of the wrong type, a
    date that does not exist, an unknown key. The file stays valid YAML."""
    rng = random.Random(seed)
    files = [p for folder in (INITIATIVES, MEETINGS, INDICATORS) for p in _files(plan, folder)]
    chosen = sorted(rng.sample(files, round(len(files) * ERROR_SHARE)))
    # Per folder: the fields to spoil, in order of preference (the first one the file lacks).
    wrong_type = {INITIATIVES: ("confidential", "tags"), MEETINGS: ("held", "absent")}
    bad_date = {INITIATIVES: ("since", "completed"), MEETINGS: ("since",)}
    made: Counter[str] = Counter()
    for i, path in enumerate(chosen):
        folder = path.parent.relative_to(plan).as_posix()
        keys = set(_load(path))
        kind = ("type", "date", "key")[i % 3]
        line = f"{_UNKNOWN_KEY[0]}: {_UNKNOWN_KEY[1]}"
        if kind == "type":
            field = next((k for k in wrong_type.get(folder, ()) if k not in keys), None)
            if field is not None:
                line = f"{field}: {'måske' if field in ('confidential', 'held') else '17'}"
            else:
                kind = "key"
        elif kind == "date":
            field = next((k for k in bad_date.get(folder, ()) if k not in keys), None)
            if field is not None:
                line = f"{field}: {_BAD_DATE}"
            else:
                kind = "key"
        path.write_text(_append(path.read_text(encoding="utf-8"), line), encoding="utf-8")
        made[kind] += 1
    return (
        f"{_n(len(chosen))} af {_n(len(files))} filer med en datafejl: {_n(made['type'])} "
        f"forkert type, {_n(made['date'])} ugyldig dato, {_n(made['key'])} ukendt felt"
    )


def shape_waivers(plan: Path, seed: int) -> str:
    """Add 1,000 waivers (one per initiative, at most one per initiative), each needed: the
    initiative is made to depend on itself (UDV402, a ring) and waives exactly that."""
    rng = random.Random(seed)
    stems = [p.stem for p in _files(plan, INITIATIVES)]
    chosen = sorted(rng.sample(stems, min(WAIVERS, len(stems))))
    waiver = [
        "- code: UDV402",
        "  reason: Benchmarken lader tiltaget afhænge af sig selv for at måle undtagelserne.",
    ]
    for stem in chosen:
        path = plan / INITIATIVES / f"{stem}.yaml"
        text = _prepend_item(path.read_text(encoding="utf-8"), "depends_on", [f"- {stem}"])
        path.write_text(_prepend_item(text, "waivers", waiver), encoding="utf-8")
    return f"{_n(len(chosen))} ekstra undtagelser (UDV402), som hver undtager et fund"


def shape_unknown(plan: Path, seed: int) -> str:
    """Every initiative names an initiative that does not exist, each a different one, close
    to its own id (a bulk rename gone wrong): as many "did you mean" searches as
    initiatives. ``seed`` is not needed."""
    stems = [p.stem for p in _files(plan, INITIATIVES)]
    for stem in stems:
        path = plan / INITIATIVES / f"{stem}.yaml"
        text = _prepend_item(path.read_text(encoding="utf-8"), "depends_on", [f"- {stem}-gl"])
        path.write_text(text, encoding="utf-8")
    return f"{_n(len(stems))} tiltag henviser hver til sit tiltag, der ikke findes (<id>-gl)"


SHAPES: dict[str, Shape] = {
    "clean": shape_clean,
    "renamed": shape_renamed,
    "broken": shape_broken,
    "errors10": shape_errors10,
    "waivers": shape_waivers,
    "unknown": shape_unknown,
}
"""Every shape by name, in the order the benchmark reports them."""

SHAPE_NAMES: dict[str, str] = {
    "clean": "ren",
    "renamed": "omdøbt tiltag",
    "broken": "brudte henvisninger",
    "errors10": "fejl i 10 % af filerne",
    "waivers": f"{_n(WAIVERS)} undtagelser",
    "unknown": "ukendte henvisninger",
}
"""The Danish name of each shape, as docs/performance.md shows it."""


def main() -> None:
    """``python bench/synth.py N TARGET [SHAPE [SEED]]``: build one repository (for trying
    things by hand); SHAPE is one of ``SHAPES`` (default clean), SEED an integer (default 14)."""
    import sys

    source = Path(__file__).resolve().parents[1]
    target, size = Path(sys.argv[2]), int(sys.argv[1])
    shape = sys.argv[3] if len(sys.argv) > 3 else "clean"
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 14
    counts = build(source, target, size)
    print(counts, SHAPES[shape](target, seed))


if __name__ == "__main__":
    main()
