"""Shell completion of the plan's own words: record ids, tracks, owners, units, bodies.

Typer's completion (``udv --install-completion``; bash, zsh, fish) asks these functions for
the values of an argument or option as the user presses Tab. They read only file names and
the declarations in ``udvikling.yaml`` (never the whole plan), and never fail: a plan that
cannot be found or read simply offers nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

Candidates = list[tuple[str, str]]


def _root(ctx: Any) -> Path | None:
    """The data root: ``--root`` when given on the line so far, else found from here up."""
    from udvikling.plan_root import CONFIG_FILE

    given = getattr(ctx, "params", {}).get("root")
    start = Path(given) if given else Path.cwd()
    for folder in [start] if given else [start, *start.resolve().parents]:
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None


def _stems(ctx: Any, *folders: str) -> list[str]:
    root = _root(ctx)
    if root is None:
        return []
    stems: set[str] = set()
    for folder in folders:
        try:
            stems.update(p.stem for p in (root / folder).glob("*.yaml"))
        except OSError:
            continue
    return sorted(stems)


def _declared(ctx: Any, section: str) -> Candidates:
    """``(id, name)`` for each entry of ``section`` in udvikling.yaml."""
    from udvikling.plan_root import CONFIG_FILE
    from udvikling.yamlsrc import read_yaml

    root = _root(ctx)
    if root is None:
        return []
    try:
        data = read_yaml((root / CONFIG_FILE).read_bytes(), CONFIG_FILE).data
    except OSError:
        return []
    table = data.get(section) if isinstance(data, dict) else None
    if not isinstance(table, dict):
        return []
    out: Candidates = []
    for key, value in table.items():
        name = value.get("name") if isinstance(value, dict) else value
        out.append((str(key), str(name) if isinstance(name, str) else ""))
    return out


def _starting(candidates: Candidates, incomplete: str) -> Candidates:
    return [(value, help_text) for value, help_text in candidates if value.startswith(incomplete)]


def records(ctx: Any, incomplete: str) -> Candidates:
    """Initiative and meeting ids (``udv show``, ``udv history``)."""
    ids = _stems(ctx, "data/initiatives", "data/meetings")
    return _starting([(i, "") for i in ids], incomplete)


def meetings(ctx: Any, incomplete: str) -> Candidates:
    """Meeting ids (``--meeting``)."""
    return _starting([(i, "") for i in _stems(ctx, "data/meetings")], incomplete)


def initiatives(ctx: Any, incomplete: str) -> Candidates:
    """Initiative ids (``--initiative``)."""
    return _starting([(i, "") for i in _stems(ctx, "data/initiatives")], incomplete)


def reports(ctx: Any, incomplete: str) -> Candidates:
    """Report ids (``--report``)."""
    return _starting([(i, "") for i in _stems(ctx, "data/reports")], incomplete)


def tracks(ctx: Any, incomplete: str) -> Candidates:
    """Declared tracks, with their names."""
    return _starting(_declared(ctx, "tracks"), incomplete)


def owners(ctx: Any, incomplete: str) -> Candidates:
    """Declared owners, with their names."""
    return _starting(_declared(ctx, "owners"), incomplete)


def units(ctx: Any, incomplete: str) -> Candidates:
    """Declared units, with their names."""
    return _starting(_declared(ctx, "units"), incomplete)


def bodies(ctx: Any, incomplete: str) -> Candidates:
    """Declared bodies, with their names."""
    return _starting(_declared(ctx, "bodies"), incomplete)


def statuses(ctx: Any, incomplete: str) -> Candidates:
    """The statuses an initiative can have."""
    words = ("planlagt", "i-gang", "afsluttet", "udskudt", "opgivet")
    return _starting([(w, "") for w in words], incomplete)
