"""The libraries only some commands need, and what to tell a user whose install lacks one.

A light install of udv (the pre-commit hook's, or ``UDV_INSTALL=lint``; see
buildsystem/udv_build.py) has only what ``udv lint`` needs. A command that needs more
(documents, status sheets) stops with a usage error naming the extra to install, instead of
a traceback. (The calendar needs no library: :mod:`udvikling.reports.ics` writes it.)
"""

from __future__ import annotations

# Top-level module -> (the package to install, the extra of udv that brings it).
EXTRAS: dict[str, tuple[str, str]] = {
    "jinja2": ("jinja2", "dokumenter"),
    "markupsafe": ("jinja2", "dokumenter"),
    "pypandoc": ("pypandoc-binary", "dokumenter"),
    "docx": ("python-docx", "dokumenter"),
    "lxml": ("python-docx", "dokumenter"),
    "PIL": ("pillow", "dokumenter"),
    "openpyxl": ("openpyxl", "ark"),
    "et_xmlfile": ("openpyxl", "ark"),
}


def missing_library(exc: ImportError) -> tuple[str, str] | None:
    """``(message, hint)`` in Danish when ``exc`` is an optional library that is not
    installed; None for anything else (a real bug)."""
    if not isinstance(exc, ModuleNotFoundError) or not exc.name:
        return None
    found = EXTRAS.get(exc.name.partition(".")[0])
    if found is None:
        return None
    package, extra = found
    return (
        f"Denne kommando kræver {package}, som ikke er installeret med udv her "
        "(en let installation, fx pre-commit-hookens, har kun det, udv lint bruger).",
        f'Installér det med pip install "udvikling[{extra}]" (eller alt: "udvikling[alt]"; '
        f'fra en mappe med udv\'s kildekode: pip install ".[{extra}]").',
    )
