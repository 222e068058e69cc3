"""``udv status``: the plan in one quarter, per track."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer


def write_output(text: str) -> None:
    """Write report text (plain, Markdown or JSON) to stdout as UTF-8, whatever the terminal's
    encoding, with control characters from data made visible (see udvikling.terminal)."""
    import sys

    from udvikling.terminal import safe_output

    sys.stdout.buffer.write(safe_output(text).encode("utf-8", "surrogateescape"))
    sys.stdout.flush()


def use_rich() -> bool:
    """Rich tables only when stdout is a terminal."""
    import sys

    return sys.stdout.isatty()


def run(
    quarter: str | None = None,
    output_format: str = "text",
    root: Path | None = None,
    as_of: str | None = None,
    rev: str | None = None,
) -> int:
    """Vis planen i et kvartal: tiltag, milepæle, møder og opdateringer pr. spor."""
    from udvikling.commands._common import (
        check_format,
        load_dataset,
        parse_as_of,
        resolve_root,
        start_hashing,
        warn_errors,
    )
    from udvikling.errors import UsageError
    from udvikling.periods import PeriodError, parse_quarter, quarter_of

    check_format(output_format)
    day = parse_as_of(as_of)
    if quarter is None:
        period = quarter_of(day)
    else:
        try:
            period = parse_quarter(quarter)
        except PeriodError as exc:
            raise UsageError(
                f"--quarter: {exc.message}",
                "Skriv et kvartal, fx 2024Q1, 2024-Q1, Q1 2024 eller 1. kvartal 2024.",
            ) from None
    plan_root = resolve_root(root)
    hashing = start_hashing(plan_root, rev)  # while the reports are imported
    from udvikling.reports.status import build_status

    dataset, errors = load_dataset(plan_root, rev, twins=True, hashing=hashing)
    warn_errors(errors)
    report = build_status(dataset, period, day)
    from udvikling.output import report_status

    if output_format == "json":
        from udvikling.output.report_json import dumps
        from udvikling.output.report_status_json import to_json

        write_output(dumps("status", to_json(report)))
    elif output_format == "md":
        write_output(report_status.to_markdown(report))
    elif use_rich():
        report_status.print_rich(report)
    else:
        write_output(report_status.to_text(report))
    return 0


def register(app: typer.Typer) -> None:
    """Add ``udv status`` to ``app``."""
    import typer

    from udvikling.commands._options import AS_OF, REPORT_FORMAT, REV, ROOT, declared

    command = declared(
        run,
        quarter=typer.Option(
            "--quarter",
            "-q",
            metavar="KVARTAL",
            help="Kvartalet, fx 2024Q1, 2024-Q1, 'Q1 2024' eller '1. kvartal 2024'. "
            "Standard: kvartalet, som --as-of ligger i.",
            show_default=False,
        ),
        output_format=REPORT_FORMAT,
        root=ROOT,
        as_of=AS_OF,
        rev=REV,
    )
    app.command("status", short_help="Vis planen i et kvartal pr. udviklingsspor.")(command)
