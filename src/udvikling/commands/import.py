"""``udv import FIL…``: read a plan from a Word table, a workbook or a CSV file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from udvikling.commands._options import RootOption


def import_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FIL",
            help="Word-dokumenter (.docx), Excel-projektmapper (.xlsx) eller CSV-filer.",
            show_default=False,
        ),
    ],
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATO",
            help="Planens dato, fx 2023-01-08: tiltagene er med i planen fra den (since).",
            show_default=False,
        ),
    ] = None,
    columns: Annotated[
        list[str] | None,
        typer.Option(
            "--columns",
            metavar="OVERSKRIFT=FELT",
            help="Sig, hvad en kolonne er, fx 'Hvad=tiltag' eller 'C=ansvarlig' (kan gentages "
            "eller kommasepareres). Felter: tiltag, spor, ansvarlig, niveau, iværksættelse, "
            "start, frist, beskrivelse, forankring, status, ignorer.",
            show_default=False,
        ),
    ] = None,
    track: Annotated[
        str | None,
        typer.Option(
            "--track",
            metavar="NAVN",
            help="Sporet for rækker, der ikke står under et spor (navnet, som det skal stå).",
            show_default=False,
        ),
    ] = None,
    skip_existing: Annotated[
        bool,
        typer.Option(
            "--skip-existing",
            help="Spring rækker over, hvis tiltag allerede er i planen (samme titel eller "
            "filnavn), og læs resten ind. Standard: stop uden at skrive noget.",
        ),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Vis det, der ville blive skrevet, som en diff, uden at skrive."
        ),
    ] = False,
    root: RootOption = None,
) -> int:
    """Læs en plan ind fra Word-tabeller (.docx) eller regneark (.xlsx, .csv): ét tiltag pr.
    række, spor og ansvarlige erklæret i udvikling.yaml. Overskriver aldrig et tiltag."""
    import sys

    from udvikling.commands._common import resolve_root, today
    from udvikling.danish import count_noun
    from udvikling.errors import UsageError
    from udvikling.intake import ImportStopped, Options, diff_text, prepare_import, write_import
    from udvikling.intake.columns import ColumnsError, parse_columns

    if date is not None:
        from udvikling.periods import PeriodError, parse_period

        try:
            parse_period(date)
        except PeriodError as exc:
            raise UsageError(f"--date: {exc.message}", exc.hint) from None
    try:
        choices = tuple(parse_columns(columns or []))
    except ColumnsError as exc:
        raise UsageError(str(exc), "Skriv fx --columns 'Hvad=tiltag,Hvem=ansvarlig'.") from None
    if track is not None and not track.strip():
        raise UsageError("--track er tomt.", 'Skriv sporets navn, fx --track "Organisering".')
    data_root = resolve_root(root)
    prepared = prepare_import(data_root, files, Options(choices, date, track, skip_existing))
    out = sys.stdout
    for problem in prepared.problems:
        out.write(problem.line() + "\n")
        if problem.hint:
            out.write(f"    tip: {problem.hint}\n")
    if prepared.blocked:
        errors = sum(1 for p in prepared.problems if p.severity == "error")
        out.write(f"{count_noun(errors, 'fejl', 'fejl')}; intet er skrevet.\n")
        return 1
    if dry_run:
        out.write(diff_text(prepared))
    else:
        try:
            warnings = write_import(prepared, today())
        except ImportStopped as exc:
            from udvikling.errors import DataError

            raise DataError(exc.message, exc.hint) from None
        for problem in warnings:
            out.write(problem.line() + "\n")
    records = count_noun(len(prepared.files), "tiltag", "tiltag")
    verb = "Ville læse" if dry_run else "Læste"
    line = f"{verb} {records} ind"
    new = []
    if prepared.new_tracks:
        new.append(count_noun(len(prepared.new_tracks), "nyt spor", "nye spor"))
    if prepared.new_owners:
        new.append(count_noun(len(prepared.new_owners), "ny ansvarlig", "nye ansvarlige"))
    if new:
        line += f" og {'erklære' if dry_run else 'erklærede'} {' og '.join(new)} i udvikling.yaml"
    out.write(line + ".\n")
    if prepared.undated:
        undated = count_noun(prepared.undated, "tiltag", "tiltag")
        out.write(
            f"{undated} har ingen start eller frist, fordi tidsplanen ikke er én periode; "
            "skriv start og due i dem, når I ved dem (udv lint og udv status bruger dem).\n"
        )
    if date is None:
        out.write(
            "Uden --date har tiltagene ingen since: de regnes med i planen fra begyndelsen.\n"
        )
    if dry_run:
        out.write("Intet er skrevet (--dry-run).\n")
    return 0


def register(app: typer.Typer) -> None:
    """Add ``udv import`` to ``app``."""
    app.command("import", short_help="Læs en plan ind fra Word eller Excel.")(import_command)
