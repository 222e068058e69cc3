"""``udv init [MAPPE]``: a new data repository for a plan."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer


def _option(name: str, metavar: str, help_text: str) -> Any:
    return typer.Option(name, metavar=metavar, help=help_text, show_default=False)


def init_command(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="MAPPE",
            help="Mappen til den nye plan (oprettes). Standard: den aktuelle mappe.",
            show_default=False,
        ),
    ] = Path("."),
    organisation: Annotated[
        str | None, _option("--organisation", "NAVN", "Organisationen, fx Syddjurs Kommune.")
    ] = None,
    process: Annotated[
        str | None,
        _option("--process", "NAVN", "Planens eller procesens navn, fx Udviklingsplan for Ældre."),
    ] = None,
    process_definite: Annotated[
        str | None,
        _option(
            "--process-definite",
            "NAVN",
            "Navnet i bestemt form midt i en sætning, fx udviklingsplanen for Ældreområdet.",
        ),
    ] = None,
    department: Annotated[
        str | None, _option("--department", "NAVN", "Område eller forvaltning (valgfrit).")
    ] = None,
    case_no: Annotated[
        str | None, _option("--case-no", "SAGSNR", "Sagsnummer for planen (valgfrit).")
    ] = None,
    templates: Annotated[
        bool,
        typer.Option(
            "--templates",
            help="Læg også udv's skabeloner i templates/, så dokumenterne kan tilpasses.",
        ),
    ] = False,
    git: Annotated[
        bool,
        typer.Option("--git/--no-git", help="Kør git init, hvis mappen ikke er i git (standard)."),
    ] = True,
    udv_pip: Annotated[
        str,
        _option(
            "--udv-pip",
            "KRAV",
            "Hvor CI henter udv fra (pip), fx git+https://github.com/org/udv@v1. "
            "Standard: udvikling.",
        ),
    ] = "udvikling",
) -> int:
    """Opret en ny plan: udvikling.yaml, datamapper, README, CI og pre-commit."""
    import sys

    from udvikling.commands._common import today
    from udvikling.errors import DataError, UsageError
    from udvikling.scaffold import PlanSettings, Refused, create_plan

    asking = sys.stdin.isatty()
    organisation = _need("--organisation", organisation, "Organisation", asking)
    process = _need("--process", process, "Planens navn", asking)
    settings = PlanSettings(
        organisation, process, department, case_no, udv_pip, process_definite or None
    )
    from udvikling.outputs import new_plan_reason

    reason = new_plan_reason(folder)
    if reason is not None:
        raise UsageError(
            f"udv init laver ikke en plan i {folder}: {reason}.",
            "Vælg en mappe uden for en anden plans data/, templates/ og .git/.",
        )
    try:
        created = create_plan(folder, settings, templates=templates, git=git)
    except Refused as exc:
        raise UsageError(exc.message, exc.hint) from None
    from udvikling.lint import lint

    errors = [f for f in lint(folder, today()).findings if f.severity == "error"]
    if errors:  # pragma: no cover - a bug in the texts above, caught by tests/test_init.py
        first = errors[0]
        raise DataError(f"Den nye plan har fejl: {first.location}: {first.message}", None)
    typer.echo(f"Oprettet en ny plan i {folder} ({len(created.written)} filer).")
    if created.kept:
        typer.echo(f"Det, der var i mappen i forvejen ({len(created.kept)}), er ikke ændret.")
    typer.echo(created.git)
    where = "" if folder == Path(".") else f"cd {folder} && "
    typer.echo(
        "Næste skridt: erklær spor og ansvarlige i udvikling.yaml, eller læs en plan ind med "
        f"'{where}udv import FIL --date DATO'. Se README.md."
    )
    return 0


def _need(option: str, value: str | None, label: str, asking: bool) -> str:
    from udvikling.errors import UsageError

    if value and value.strip():
        return value.strip()
    if asking:
        return str(typer.prompt(label)).strip()
    raise UsageError(f"{option} mangler.", f"Angiv {option}, eller kør kommandoen i en terminal.")


def register(app: typer.Typer) -> None:
    """Add ``udv init`` to ``app``."""
    app.command("init", short_help="Opret en ny plan (datamappe).")(init_command)
