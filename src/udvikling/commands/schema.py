"""``udv schema``: write the JSON Schemas that editors use to complete and check the files, and
those of udv's own JSON outputs (``-f json``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from udvikling import completion
from udvikling.commands._options import RootOption


def schema_command(
    kind: Annotated[
        str | None,
        typer.Argument(
            metavar="SKEMA",
            help="Skriv kun denne til standardoutput: udvikling, initiative, meeting, "
            "indicator, report eller et af formaterne fra -f json (output-status, "
            "output-lint ...).",
            show_default=False,
            autocompletion=completion.schemas,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="MAPPE",
            help="Mappen, skemaerne skrives i. Standard: schema/.",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
) -> int:
    """Skriv JSON-skemaerne for datafilerne (til editorer og andre værktøjer) og for det, udv
    skriver med -f json."""
    from udvikling.commands._common import resolve_root
    from udvikling.errors import EnvironmentProblem, UsageError
    from udvikling.outputs import check_output_folder, make_folder, write_file

    files = all_schema_files()
    if kind is not None:
        if kind not in files:
            raise UsageError(f"Ukendt skema '{kind}'.", f"Vælg en af: {', '.join(files)}.")
        typer.echo(any_schema_text(kind), nl=False)
        return 0
    if output is None:
        data_root: Path | None = resolve_root(root)
        assert data_root is not None
        folder = data_root / "schema"
    else:
        try:
            data_root = resolve_root(root)
        except EnvironmentProblem as exc:
            from udvikling.load import ForeignPlan

            if root is not None or isinstance(exc, ForeignPlan):
                raise
            data_root = None  # outside a plan: nothing of a plan to protect
        folder = output
    check_output_folder(folder, data_root)
    make_folder(folder)
    for name, filename in files.items():
        target = folder / filename
        write_file(target, any_schema_text(name), data_root)
        typer.echo(f"Skrev {target}", err=True)  # notices go to stderr, as in render
    return 0


def all_schema_files() -> dict[str, str]:
    """Every schema ``udv schema`` writes, by name: the data files', then the outputs'."""
    from udvikling.output.report_json import OUTPUT_SCHEMA_FILES
    from udvikling.schema import SCHEMA_FILES

    return {**SCHEMA_FILES, **OUTPUT_SCHEMA_FILES}


def any_schema_text(name: str) -> str:
    """The text of the schema ``name`` (a key of :func:`all_schema_files`)."""
    from udvikling.output.report_json import OUTPUT_SCHEMA_FILES
    from udvikling.schema import schema_text

    if name in OUTPUT_SCHEMA_FILES:
        from udvikling.output import json_schema

        return json_schema.schema_text(name.removeprefix("output-"))
    return schema_text(name)


def register(app: typer.Typer) -> None:
    """Add ``udv schema`` to ``app``."""
    app.command("schema", short_help="Skriv JSON-skemaerne til editorer.")(schema_command)
