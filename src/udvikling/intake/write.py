"""Show and write what ``udv import`` prepared: a diff, or the files, taken back on errors.

The records are written without ever replacing a file, then the configuration; the plan is
linted, and when the new files or the configuration have errors everything written is
removed again and the configuration restored, so an import lands whole or not at all.
"""

from __future__ import annotations

import contextlib
import difflib
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from udvikling.sheets.layout import Problem

if TYPE_CHECKING:
    from udvikling.intake import Prepared


def diff_text(prepared: Prepared) -> str:
    """The change as a unified diff (as ``git diff`` shows it)."""
    chunks: list[str] = []
    if prepared.config_after != prepared.config_before:
        chunks.extend(
            difflib.unified_diff(
                prepared.config_before.splitlines(keepends=True),
                prepared.config_after.splitlines(keepends=True),
                "a/udvikling.yaml",
                "b/udvikling.yaml",
            )
        )
    for path, text in prepared.files.items():
        chunks.extend(
            difflib.unified_diff([], text.splitlines(keepends=True), "/dev/null", f"b/{path}")
        )
    return "".join(c if c.endswith("\n") else c + "\n" for c in chunks)


class ImportStopped(Exception):
    """The import could not be completed; nothing of it is left (Danish message, hint)."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def write_import(prepared: Prepared, today: date) -> list[Problem]:
    """Write the records and the configuration; lint them, and take everything back when
    they have errors. Returns lint's warnings about the new files."""
    from udvikling.fileio import write_atomic, write_error_text
    from udvikling.lint import lint

    root = prepared.root
    config = root / "udvikling.yaml"
    written: list[Path] = []
    try:
        if config.read_bytes() != prepared.config_before.encode("utf-8"):
            raise ImportStopped(
                "udvikling.yaml er ændret, mens udv import arbejdede; intet er skrevet.",
                "Kør udv import igen.",
            )
        for path, text in prepared.files.items():
            write_atomic(root / path, text, overwrite=False)
            written.append(root / path)
        if prepared.config_after != prepared.config_before:
            write_atomic(config, prepared.config_after)
    except FileExistsError as exc:
        _undo(written, None)
        raise ImportStopped(
            f"{exc.filename or 'En fil'} blev oprettet imens; intet er skrevet.",
            "Kør udv import igen.",
        ) from None
    except OSError as exc:
        _undo(written, None)
        raise ImportStopped(
            f"Kan ikke skrive planen: {write_error_text(exc)}; intet er skrevet.",
            "Tjek mappens rettigheder og den ledige plads.",
        ) from None
    paths = [*prepared.files, "udvikling.yaml"]
    findings = lint(root, today, paths).findings
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        _undo(written, prepared)
        first = errors[0]
        raise ImportStopped(
            f"Planen ville få fejl ({first.location}: {first.code} {first.message}); "
            "intet er skrevet.",
            first.hint,
        )
    return [
        Problem(f.location, "warning", f.message, f.hint, f.code)
        for f in findings
        if f.severity == "warning"
    ]


def _undo(written: list[Path], prepared: Prepared | None) -> None:
    from udvikling.fileio import write_atomic

    for path in written:
        with contextlib.suppress(OSError):
            path.unlink()
    if prepared is not None and prepared.config_after != prepared.config_before:
        with contextlib.suppress(OSError):
            write_atomic(prepared.root / "udvikling.yaml", prepared.config_before)
