"""Build a synthetic data repository of any size by replicating the shipped plan.

Copy 0 is the shipped data unchanged. Copy ``k`` (k >= 1) holds the same initiatives under
``<id>-k<k>``, and the same meetings held by copied bodies ``<body>-k<k>`` (declared in
``udvikling.yaml``), so the meeting ids still say date and body. References are rewritten
consistently at their exact position in the text (found with udv's own reader), so comments
and formatting stay as shipped and the result lints without reference errors. The issued
reports are copied once, unchanged: every copy's journal cites them by their own id. The last
copy may be partial; its references to records it does not hold point at copy 0's originals.
"""

from __future__ import annotations

import math
import shutil
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
    counts = {"initiatives": 0, "meetings": 0, "indicators": 0}
    for k in range(copies):
        inits = base_inits[: initiatives - k * len(base_inits)]
        meets = base_meetings[: max(0, n_meetings - k * len(base_meetings))]
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


def main() -> None:
    """``python bench/synth.py N TARGET``: build one repository (for trying things by hand)."""
    import sys

    source = Path(__file__).resolve().parents[1]
    counts = build(source, Path(sys.argv[2]), int(sys.argv[1]))
    print(counts)


if __name__ == "__main__":
    main()
