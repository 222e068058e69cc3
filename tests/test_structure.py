"""The structure drawing in docs/architecture.md holds: every module has a layer, imports only
run down (or sideways within a layer) and no modules import each other in a circle.

Function-local imports count: a lazy import that runs back up is still a dependency.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "udvikling"
DOC = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"


def _layers() -> dict[str, int]:
    """``module → layer number`` from the drawing's table (layer 1 at the top)."""
    layers: dict[str, int] = {}
    for number, names in re.findall(
        r"^\| (\d+) \| [^|]+ \| ([^|]+) \|$", DOC.read_text(encoding="utf-8"), re.MULTILINE
    ):
        for name in re.findall(r"`([\w.]+)`", names):
            layers[name] = int(number)
    return layers


def _unit(module: str) -> str | None:
    """The top-level unit of ``udvikling.x.y`` (``x``), or None for another package."""
    parts = module.split(".")
    if parts[0] != "udvikling":
        return None
    return parts[1] if len(parts) > 1 else "udvikling"


def _edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = defaultdict(set)
    for path in SRC.rglob("*.py"):
        me = path.relative_to(SRC).parts[0].removesuffix(".py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                unit = _unit(name)
                if unit is not None and unit not in (me, "udvikling"):
                    edges[me].add(unit)
    return edges


def _units() -> set[str]:
    return {
        path.relative_to(SRC).parts[0].removesuffix(".py")
        for path in SRC.rglob("*.py")
        if path.name != "__init__.py" or path.parent != SRC
    }


def test_every_module_is_in_the_drawing() -> None:
    layers = _layers()
    assert layers, "docs/architecture.md has no table of layers"
    missing = sorted(_units() - set(layers))
    assert missing == [], f"add these to a layer in docs/architecture.md: {missing}"
    gone = sorted(set(layers) - _units())
    assert gone == [], f"the drawing names modules that do not exist: {gone}"


def test_no_import_runs_back_up() -> None:
    layers = _layers()
    upward = sorted(
        f"{source} (lag {layers[source]}) → {target} (lag {layers[target]})"
        for source, targets in _edges().items()
        for target in targets
        if source in layers and target in layers and layers[target] < layers[source]
    )
    assert upward == []


def test_no_circle() -> None:
    edges = _edges()
    circles = []
    for start in sorted(edges):
        stack = [(start, [start])]
        seen: set[str] = set()
        while stack:
            node, path = stack.pop()
            for nxt in sorted(edges.get(node, ())):
                if nxt == start:
                    circles.append(" → ".join([*path, start]))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*path, nxt]))
    assert circles == []


def test_the_time_package_sits_below_every_view() -> None:
    layers = _layers()
    for view in ("commands", "output", "site", "sheets", "render", "reports", "review", "rules"):
        assert layers[view] < layers["chrono"], view
    assert layers["chrono"] < layers["load"]
