"""``udv period TEXT``: show what udv understands by a period, so a user can check."""

from __future__ import annotations

from typing import Annotated

import typer


def period_command(
    text: Annotated[list[str], typer.Argument(help="Perioden, fx 'primo uge 15 2023'.")],
) -> int:
    """Vis hvordan udv forstår en periode: på dansk og som datoer."""
    from udvikling.errors import UsageError
    from udvikling.periods import PeriodError, parse_period

    written = " ".join(text)
    try:
        period = parse_period(written)
    except PeriodError as exc:
        raise UsageError(exc.message, exc.hint) from None
    first, last = period.start.isoformat(), period.end.isoformat()
    typer.echo(f"{period.danish()}: {period.span_danish()}")
    typer.echo(
        f"  fra {first} til {last} ({period.days} dage)"
        if period.days > 1
        else f"  {first} (1 dag)"
    )
    typer.echo(f"  maskinform: {period.canonical()}")
    return 0


def register(app: typer.Typer) -> None:
    """Add ``udv period`` to ``app``."""
    app.command("period")(period_command)
