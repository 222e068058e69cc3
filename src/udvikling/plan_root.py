"""Find the data repository a command works on, and refuse one that is not the user's.

The plan is the nearest folder at or above the current one that holds ``udvikling.yaml``
(as git finds its repository), unless ``--root`` names it. As git does with
``safe.directory``, a plan found this way must belong to the user running udv: a folder
someone else owns (``/tmp`` on a shared machine) could hold a planted plan and templates.
"""

from __future__ import annotations

import os
from pathlib import Path

from udvikling.errors import EnvironmentProblem

CONFIG_FILE = "udvikling.yaml"


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds ``udvikling.yaml``; it must belong
    to the user (:class:`ForeignPlan` otherwise). ``--root`` names a plan and is trusted."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            _check_owner(folder)
            return folder
    raise EnvironmentProblem(
        f"Fandt ingen {CONFIG_FILE} i {start} eller en mappe over den.",
        "Kør udv i en datamappe (der, hvor udvikling.yaml ligger), eller angiv --root MAPPE.",
    )


class ForeignPlan(EnvironmentProblem):
    """A plan found above the current folder belongs to another user."""


def _check_owner(folder: Path) -> None:
    if not hasattr(os, "geteuid"):
        return  # Windows: no owners to compare
    owner = folder.stat().st_uid
    me = os.geteuid()
    sudo = os.environ.get("SUDO_UID", "")
    if owner == me or (me == 0 and sudo.isdigit() and int(sudo) == owner):
        return
    raise ForeignPlan(
        f"Planen i {folder} ejes af en anden bruger, så udv bruger den ikke af sig selv.",
        f"Er det den rigtige plan, så angiv den med --root {folder}.",
    )


# Folders never searched for plans: version control, tools' caches, installed packages.
_SKIP = frozenset({"node_modules", "__pycache__", "site-packages", "venv"})
MAX_DEPTH = 8


def find_plans(start: Path) -> list[Path]:
    """Every plan at or below ``start`` (each folder holding ``udvikling.yaml``), in path
    order, for a repository that keeps many plans (one per municipality, say). Hidden
    folders, installed packages and a plan's own subfolders are not searched; links are not
    followed. Each plan must belong to the user, as :func:`find_root` requires."""
    found: list[Path] = []
    start = start.resolve()
    for folder, dirs, names in os.walk(start, followlinks=False):
        here = Path(folder)
        depth = len(here.relative_to(start).parts)
        if CONFIG_FILE in names and (here / CONFIG_FILE).is_file():
            _check_owner(here)
            found.append(here)
            dirs[:] = []  # a plan's data/ and templates/ hold no other plan
            continue
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and d not in _SKIP and depth < MAX_DEPTH
        )
    return sorted(found)


def plan_of(file: Path, plans: list[Path]) -> Path | None:
    """The plan among ``plans`` that ``file`` belongs to (the nearest one above it)."""
    resolved = file.resolve()
    owners = [p for p in plans if resolved == p or p in resolved.parents]
    return max(owners, key=lambda p: len(p.parts)) if owners else None
