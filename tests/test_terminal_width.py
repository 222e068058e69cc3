"""Terminal output at 80 and 120 columns, on a real pseudo-terminal (issue 25).

Nothing is cut off ("…"), no line is wider than the terminal, and no id, date or word is
broken over two lines: an id printed by `udv list initiatives` can be copied into `udv show`.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

pty = pytest.importorskip("pty")

REPO = Path(__file__).resolve().parents[1]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def on_terminal(columns: int, *args: str) -> str:
    """What ``udv ARGS`` prints on a terminal ``columns`` wide (colours removed)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: udv with the pseudo-terminal as its stdout
        os.environ.update(COLUMNS=str(columns), LINES="50", TERM="xterm", NO_COLOR="1")
        os.chdir(REPO)
        os.execv(sys.executable, [sys.executable, "-m", "udvikling", *args])
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    os.close(fd)
    return ANSI.sub("", out.decode("utf-8")).replace("\r\n", "\n")


def _width(line: str) -> int:
    from rich.cells import cell_len

    return cell_len(line.rstrip())


COMMANDS = (
    ("status", "-q", "2024Q1"),
    ("overdue",),
    ("list", "initiatives"),
    ("list", "meetings"),
    ("show", "styrkelse-af-afdelingsledelsen"),
    ("show", "2024-04-24-vpu"),
)


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: "-".join(a))
def test_nothing_is_cut_or_wider_than_the_terminal(columns: int, args: tuple[str, ...]) -> None:
    shown = on_terminal(columns, *args)
    assert shown.strip(), args
    assert "…" not in shown
    wide = [line for line in shown.splitlines() if _width(line) > columns]
    assert wide == [], wide[:3]


@pytest.mark.parametrize("columns", [80, 120])
def test_every_id_in_the_list_is_whole(columns: int) -> None:
    shown = on_terminal(columns, "list", "initiatives")
    cells = {part.strip(" │┃") for line in shown.splitlines() for part in line.split("│")}
    lines = {line.strip() for line in shown.splitlines()} | cells
    for path in sorted((REPO / "data" / "initiatives").glob("*.yaml")):
        assert path.stem in lines, path.stem


@pytest.mark.parametrize("columns", [80, 120])
def test_dates_and_periods_are_not_broken(columns: int) -> None:
    shown = on_terminal(columns, "status", "-q", "2024Q1")
    for when in ("16. januar 2024", "1. kvartal 2024"):
        assert when in shown, when
    shown = on_terminal(columns, "overdue")
    for when in ("december 2022 – februar 2023", "29. marts 2023"):
        assert when in shown, when
    # A day and its month never stand on different lines.
    assert not re.search(r"\b\d{1,2}\.\s*[│┃]?\s*\n", shown)


def test_show_uses_the_terminals_width() -> None:
    wide = on_terminal(160, "show", "styrkelse-af-afdelingsledelsen")
    narrow = on_terminal(80, "show", "styrkelse-af-afdelingsledelsen")
    assert max(map(_width, wide.splitlines())) > 96
    assert max(map(_width, narrow.splitlines())) <= 80
