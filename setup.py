"""udv's dependencies, which depend on who installs it (everything else is in pyproject.toml).

A normal install (``pip install .``, the README's first command) gets everything: what
``udv lint`` needs ([tool.udv] core) and the documents and sheets (the extras dokumenter
and ark; the calendar needs no library). A light install gets only what ``udv lint`` needs (no
pandoc, which alone is over half of a full install): the pre-commit hook's environment, which
pre-commit makes inside its own checkout of udv (``py_env-*``), and any install with
``UDV_INSTALL=lint``. ``UDV_INSTALL=alt`` asks for everything in any case. A light install
adds the rest with ``pip install ".[alt]"`` (or one extra); a command that needs a missing
library says so.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from setuptools import setup

HERE = Path(__file__).resolve().parent
FULL_EXTRAS = ("dokumenter", "ark")


def light() -> bool:
    """True for a light install (see the module's text)."""
    chosen = os.environ.get("UDV_INSTALL", "").strip().lower()
    if chosen:
        return chosen == "lint"
    venv = os.environ.get("VIRTUAL_ENV", "")
    if not venv:
        return False
    place = Path(venv).resolve()
    return place.name.startswith("py_env-") and place.parent == HERE


def requirements() -> list[str]:
    with (HERE / "pyproject.toml").open("rb") as handle:
        pyproject = tomllib.load(handle)
    wanted = list(pyproject["tool"]["udv"]["core"])
    if not light():
        extras = pyproject["project"]["optional-dependencies"]
        for name in FULL_EXTRAS:
            wanted += [r for r in extras[name] if r not in wanted]
    return wanted


setup(install_requires=requirements())
