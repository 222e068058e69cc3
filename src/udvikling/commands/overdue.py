"""``udv overdue``: everything late on a date, most late first."""

from __future__ import annotations

from typing import Annotated

import typer

from udvikling import completion
from udvikling.commands._common import AsOfOption, ReportFormatOption, RevOption, RootOption


def overdue_command(
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="GRUPPE",
            help="Gruppér efter owner (ansvarlig) eller track (spor).",
            show_default=False,
            autocompletion=completion.groups,
        ),
    ] = None,
    fail: Annotated[
        bool,
        typer.Option("--fail", help="Exit-kode 1, hvis noget er for sent (til CI og cron)."),
    ] = False,
    output_format: ReportFormatOption = "text",
    root: RootOption = None,
    as_of: AsOfOption = None,
    rev: RevOption = None,
) -> int:
    """Vis alt, der er for sent: tiltag, milepæle, beslutninger og afrapporteringer."""
    from udvikling.commands._common import (
        check_format,
        load_dataset,
        parse_as_of,
        resolve_root,
        warn_errors,
    )
    from udvikling.commands.status import use_rich, write_output
    from udvikling.errors import ExitCode, UsageError
    from udvikling.output import report_overdue
    from udvikling.reports.overdue import GroupBy, build_overdue

    check_format(output_format)
    group: GroupBy | None
    if by is None:
        group = None
    elif by in ("owner", "ansvarlig"):
        group = "owner"
    elif by in ("track", "spor"):
        group = "track"
    else:
        raise UsageError(f"Ukendt gruppering '{by}'.", "Skriv --by owner eller --by track.")
    day = parse_as_of(as_of)
    dataset, errors = load_dataset(resolve_root(root), rev)
    warn_errors(errors)
    report = build_overdue(dataset, day)
    if output_format == "json":
        from udvikling.output.report_json import dumps

        write_output(dumps(report_overdue.to_json(report, group)))
    elif output_format == "md":
        write_output(report_overdue.to_markdown(report, group))
    elif use_rich():
        report_overdue.print_rich(report, group)
    else:
        write_output(report_overdue.to_text(report, group))
    if fail and report.items:
        return int(ExitCode.DATA_ERRORS)
    return int(ExitCode.OK)


def register(app: typer.Typer) -> None:
    """Add ``udv overdue`` to ``app``."""
    app.command("overdue", short_help="Vis alt, der er for sent.")(overdue_command)
