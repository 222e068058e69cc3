"""One package owns time: no module outside ``udvikling.chrono`` judges dates.

The rules of time (what is known, late, unreported, reached, held, upcoming, the last
issued status, waivers in force) used to be written again in about fourteen places, and the
views came to disagree. These tests read the source and fail when a module outside the time
package compares dates, reads the clock below the command line, or imports the modules the
package replaced. A period's own arithmetic (``udvikling.periods``) is not judging.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "udvikling"

# Names and attributes that hold a day or a period's edge in udv's code.
DATE_ATTRIBUTES = frozenset(
    {
        "start",
        "end",
        "late_from",
        "today",
        "as_of",
        "judged",
        "known",
        "clock",
        "until",
        "cutoff",
        "day",
        "issued",
    }
)
DATE_NAMES = frozenset(
    {"today", "as_of", "at", "judged", "known", "clock", "day", "cutoff", "now", "until"}
)
COMPARISONS = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)

# Modules that are not views: a period's own arithmetic, and the parser's positions.
NOT_VIEWS = {
    "periods.py",
    "yamlsrc.py",  # line/column marks (``.start``/``.end`` of a span of text)
    "cache.py",
    "reading.py",
    "streams.py",
    "hints.py",
    "render/drawing.py",  # the timeline's geometry
}


def _modules() -> list[Path]:
    return sorted(
        path
        for path in SRC.rglob("*.py")
        if "chrono" not in path.relative_to(SRC).parts
        and str(path.relative_to(SRC)) not in NOT_VIEWS
    )


def _date_like(node: ast.expr) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr in DATE_ATTRIBUTES
    if isinstance(node, ast.Name):
        return node.id in DATE_NAMES
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr in ("today", "fromisoformat") and _is_date(node.func.value)
    return False


def _is_date(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id in ("date", "datetime", "date_type")


def _judgements(path: Path, base: Path = SRC) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and any(isinstance(op, COMPARISONS) for op in node.ops):
            operands = [node.left, *node.comparators]
            if any(_date_like(operand) for operand in operands):
                found.append(f"{path.relative_to(base)}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_module_outside_the_time_package_compares_dates() -> None:
    found = [line for path in _modules() for line in _judgements(path)]
    assert found == [], "ask udvikling.chrono instead:\n" + "\n".join(found)


def _clock_reads(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        f"{path.relative_to(SRC)}:{node.lineno}: {ast.unparse(node)}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("today", "now")
        and _is_date(node.func.value)
    ]


def test_the_clock_is_read_only_at_the_command_line() -> None:
    edge = {"commands/_common.py", "commands/site.py", "commands/calendar.py"}
    found = [
        line
        for path in sorted(SRC.rglob("*.py"))
        if str(path.relative_to(SRC)) not in edge
        for line in _clock_reads(path)
    ]
    assert found == [], "take the clock as a parameter (commands._common.today):\n" + "\n".join(
        found
    )


@pytest.mark.parametrize("gone", ["udvikling.journal", "udvikling.state", "udvikling.obligations"])
def test_the_replaced_modules_are_gone(gone: str) -> None:
    import importlib

    with pytest.raises(ModuleNotFoundError):
        importlib.import_module(gone)
    import re

    name = re.compile(rf"\b{re.escape(gone)}\b")
    users = [
        str(path.relative_to(SRC))
        for path in sorted(SRC.rglob("*.py"))
        if name.search(path.read_text(encoding="utf-8"))
    ]
    assert users == []


def test_the_scan_sees_a_judgement(tmp_path: Path) -> None:
    """The scan is not blind: a view that compares a deadline with the day is caught, and a
    comparison of counts is not."""
    sample = tmp_path / "view.py"
    sample.write_text(
        "def late(due, at, rows):\n    return at > due.end and len(rows) > 2\n",
        encoding="utf-8",
    )
    assert [line.split(": ", 1)[1] for line in _judgements(sample, tmp_path)] == ["at > due.end"]
