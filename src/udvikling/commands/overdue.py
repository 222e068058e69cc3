"""``udv overdue``: everything late on a date, most late first."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer

    from udvikling.reports.overdue import GroupBy


def run(
    by: str | None = None,
    fail: bool = False,
    fail_unreported: bool = False,
    output_format: str = "text",
    root: Path | None = None,
    as_of: str | None = None,
    rev: str | None = None,
) -> int:
    """Vis alt, hvis frist er overskredet: for sent (meldt ikke færdigt efter fristen) og ikke
    meldt siden fristen; tiltag, milepæle, beslutninger og afrapporteringer."""
    from udvikling.commands._common import (
        check_format,
        load_dataset,
        parse_as_of,
        resolve_root,
        start_hashing,
        today,
        warn_errors,
    )
    from udvikling.commands.status import use_rich, write_output
    from udvikling.errors import ExitCode, UsageError

    check_format(output_format)
    group: GroupBy | None
    if by is None:
        group = None
    elif by in ("owner", "ansvarlig"):
        group = "owner"
    elif by in ("track", "spor"):
        group = "track"
    else:
        raise UsageError(f"Ukendt gruppering '{by}'.", "Skriv --by ansvarlig eller --by spor.")
    day = parse_as_of(as_of)
    plan_root = resolve_root(root)
    hashing = start_hashing(plan_root, rev)  # while the reports are imported
    from udvikling.chrono import view_at
    from udvikling.output import report_overdue
    from udvikling.reports.overdue import build_overdue

    dataset, errors = load_dataset(plan_root, rev, twins=True, hashing=hashing)
    warn_errors(errors)
    report = build_overdue(dataset, view_at(day, clock=today()))
    if output_format == "json":
        from udvikling.output.report_json import dumps

        write_output(dumps("overdue", report_overdue.to_json(report, group)))
    elif output_format == "md":
        write_output(report_overdue.to_markdown(report, group))
    elif use_rich():
        report_overdue.print_rich(report, group)
    else:
        write_output(report_overdue.to_text(report, group))
    if (fail or fail_unreported) and report.items:
        return int(ExitCode.DATA_ERRORS)
    if fail_unreported and report.unreported:
        return int(ExitCode.DATA_ERRORS)
    return int(ExitCode.OK)


def register(app: typer.Typer) -> None:
    """Add ``udv overdue`` to ``app``."""
    import typer

    from udvikling import completion
    from udvikling.commands._options import AS_OF, REPORT_FORMAT, REV, ROOT, declared

    command = declared(
        run,
        by=typer.Option(
            "--by",
            metavar="GRUPPE",
            help="Gruppér alt (for sent og ikke meldt) efter ansvarlig eller spor "
            "(også: owner, track).",
            show_default=False,
            autocompletion=completion.groups,
        ),
        fail=typer.Option(
            "--fail",
            help="Exit-kode 1, hvis noget er for sent: en status meldt efter fristen siger, at "
            "det ikke er færdigt (til CI og cron).",
        ),
        fail_unreported=typer.Option(
            "--fail-unreported",
            help="Exit-kode 1 også, hvis fristen er overskredet for noget, der ikke er meldt "
            "status på siden (til statusrunden: hvem skal rykkes).",
        ),
        output_format=REPORT_FORMAT,
        root=ROOT,
        as_of=AS_OF,
        rev=REV,
    )
    app.command("overdue", short_help="Vis alt, der er for sent.")(command)
