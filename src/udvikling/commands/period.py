"""``udv period TEXT``: show what udv understands by a period, so a user can check."""

from __future__ import annotations

from typing import Annotated

import typer

from udvikling.commands._options import TEXT_JSON


def period_command(
    text: Annotated[
        list[str], typer.Argument(help="Perioden, fx 'primo uge 15 2023'.", metavar="PERIODE")
    ],
    output_format: Annotated[str, TEXT_JSON] = "text",
) -> int:
    """Vis, hvordan udv forstår en periode: på dansk og som datoer."""
    from udvikling.commands._common import check_format
    from udvikling.errors import UsageError
    from udvikling.periods import PeriodError, parse_period

    check_format(output_format, ("text", "json"))
    written = " ".join(text)
    try:
        period = parse_period(written)
    except PeriodError as exc:
        raise UsageError(exc.message, exc.hint) from None
    if output_format == "json":
        from udvikling.output.report_json import dumps
        from udvikling.output.show_json import period_command_json

        typer.echo(dumps("period", period_command_json(written, period)), nl=False)
        return 0
    from udvikling.danish import WEEKDAYS, format_date, format_number

    first, last = period.start.isoformat(), period.end.isoformat()
    if period.days == 1:
        typer.echo(f"{period.danish()}: en {WEEKDAYS[period.start.weekday()]}")
        typer.echo(f"  dato:        {first}")
    else:
        typer.echo(f"{period.danish()}: {period.span_danish()}")
        typer.echo(f"  datoer:      {first} til {last} ({format_number(period.days)} dage)")
    typer.echo(f"  maskinform:  {period.canonical()}")
    typer.echo(f"  for sent fra {format_date(period.late_from)}, hvis noget skal nås i perioden")
    return 0


def register(app: typer.Typer) -> None:
    """Add ``udv period`` to ``app``."""
    app.command("period", short_help="Vis, hvordan udv forstår en periode.")(period_command)
