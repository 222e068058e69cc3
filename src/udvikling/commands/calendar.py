"""``udv calendar -o moeder.ics``: meetings (and milestones) for Outlook and other calendars."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from udvikling.commands._options import AllowErrorsOption, AsOfOption, RevOption, RootOption


def calendar_command(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FIL",
            help="Kalenderfilen, der skrives, fx moeder.ics (overskrives).",
            show_default=False,
        ),
    ],
    milestones: Annotated[
        bool,
        typer.Option("--milestones", help="Tag også milepæle med (på fristens sidste dag)."),
    ] = False,
    root: RootOption = None,
    as_of: AsOfOption = None,
    rev: RevOption = None,
    allow_errors: AllowErrorsOption = False,
) -> int:
    """Skriv møderne som en iCalendar-fil (.ics), som Outlook kan importere og opdatere."""
    from datetime import UTC, datetime

    from udvikling.chrono import plan_at, view_at
    from udvikling.commands._common import load_checked, parse_as_of, resolve_root
    from udvikling.danish import count_noun
    from udvikling.outputs import check_output, write_file
    from udvikling.reports.calendar import build_calendar

    day = parse_as_of(as_of)
    data_root = resolve_root(root)
    check_output(output, data_root)
    dataset, notice = load_checked(data_root, rev, "kalenderen", allow_errors=allow_errors)
    stamp = datetime.now(UTC).replace(microsecond=0)
    calendar = build_calendar(dataset, milestones=milestones, stamp=stamp, as_of=day, notice=notice)
    write_file(output, calendar, data_root)
    dataset = plan_at(dataset, view_at(day))
    what = count_noun(len(dataset.meetings), "møde", "møder")
    if milestones:
        from udvikling.chrono import milestone_due

        count = sum(
            1
            for i in dataset.initiatives.values()
            if not i.confidential
            for m in i.milestones
            if milestone_due(m, dataset.meetings) is not None
        )
        what += f" og {count_noun(count, 'milepæl', 'milepæle')}"
    typer.echo(f"Skrev {what} til {output}", err=True)  # notices go to stderr, as in render
    return 0


def register(app: typer.Typer) -> None:
    """Add ``udv calendar`` to ``app``."""
    app.command("calendar", short_help="Skriv møderne som iCalendar-fil til Outlook.")(
        calendar_command
    )
