"""``udv lint``: every problem in the data, all at once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from udvikling.commands._common import AsOfOption, RootOption


def lint_command(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="FIL",
            help="Kun disse filer (referencer tjekkes stadig mod hele planen).",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    as_of: AsOfOption = None,
) -> int:
    """Tjek alle data: YAML, felter, perioder og henvisninger, med fil:linje:kolonne."""
    from udvikling.commands._common import parse_as_of, resolve_root
    from udvikling.errors import ExitCode
    from udvikling.lint import lint
    from udvikling.output.lint_text import print_text

    data_root = resolve_root(root)
    only = None
    if files:
        only = [_relative(data_root, f) for f in files]
    result = lint(data_root, parse_as_of(as_of), only)
    print_text(result)
    has_errors = any(f.severity == "error" for f in result.findings)
    return int(ExitCode.DATA_ERRORS if has_errors else ExitCode.OK)


def _relative(root: Path, file: Path) -> str:
    absolute = file if file.is_absolute() else Path.cwd() / file
    try:
        return absolute.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return file.as_posix()


def register(app: typer.Typer) -> None:
    """Add ``udv lint`` to ``app``."""
    app.command("lint")(lint_command)
