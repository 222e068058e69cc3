"""``udv list initiatives|meetings``: records filtered by track, owner, unit, body and time."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typer

    from udvikling.output.json_types import ListJson
    from udvikling.periods import Period


def run(
    kind: str,
    track: str | None = None,
    owner: str | None = None,
    unit: str | None = None,
    status: str | None = None,
    body: str | None = None,
    first: str | None = None,
    last: str | None = None,
    output_format: str = "text",
    root: Path | None = None,
    as_of: str | None = None,
    rev: str | None = None,
) -> int:
    """List tiltag eller møder, filtreret efter spor, ansvarlig, enhed, status, organ og tid."""
    from udvikling.commands._common import (
        load_dataset,
        parse_as_of,
        resolve_root,
        start_hashing,
        today,
        warn_errors,
    )
    from udvikling.commands.status import use_rich, write_output
    from udvikling.danish import count_noun
    from udvikling.errors import UsageError

    kinds = {
        "initiatives": "initiatives",
        "tiltag": "initiatives",
        "meetings": "meetings",
        "moeder": "meetings",
        "møder": "meetings",
        "reports": "reports",
        "rapporter": "reports",
    }
    if kind not in kinds:
        raise UsageError(
            f"Ukendt art '{kind}'.",
            "Skriv udv list tiltag, udv list møder eller udv list rapporter.",
        )
    if output_format not in ("text", "json"):
        raise UsageError(f"Ukendt format '{output_format}'.", "Vælg et af: text, json.")
    window_start = _edge(first, "--from").start if first else None
    window_end = _edge(last, "--to").end if last else None
    if status is not None:
        from udvikling.vocab import status_from_text

        # As every output prints it ("i gang") or as the data writes it ("i-gang").
        status = status_from_text(status) or status
    day = parse_as_of(as_of)
    plan_root = resolve_root(root)
    hashing = start_hashing(plan_root, rev)  # while the listings are imported
    from udvikling.chrono import stand, view_at
    from udvikling.output import report_show
    from udvikling.reports.listing import (
        Filters,
        list_initiatives,
        list_meetings,
        list_reports,
        unknown_filters,
    )

    filters = Filters(track, owner, unit, status, body, window_start, window_end)
    dataset, errors = load_dataset(plan_root, rev, twins=True, hashing=hashing)
    warn_errors(errors)
    for option, value, known in unknown_filters(dataset, filters):
        raise UsageError(f"{option}: '{value}' findes ikke.", f"Brug et af: {', '.join(known)}.")
    standing = stand(dataset, view_at(day, clock=today()))
    plan = standing.plan
    if kinds[kind] == "initiatives":
        initiatives = list_initiatives(plan, filters)
        rows = report_show.initiative_rows(plan, initiatives)
        columns = report_show.INITIATIVE_COLUMNS
        total = count_noun(len(rows), "tiltag", "tiltag") + "."
    elif kinds[kind] == "meetings":
        meetings = list_meetings(plan, filters)
        rows = report_show.meeting_rows(standing, meetings)
        columns = report_show.MEETING_COLUMNS
        total = count_noun(len(rows), "møde", "møder") + "."
    else:
        reports = list_reports(plan, filters)
        rows = report_show.report_rows(plan, reports)
        columns = report_show.REPORT_COLUMNS
        total = count_noun(len(rows), "rapport", "rapporter") + "."
    if output_format == "json":
        from udvikling.output.report_json import dumps

        listing: ListJson
        if kinds[kind] == "initiatives":
            records = [report_show.initiative_json(plan, i) for i in initiatives]
            listing = {"kind": "initiatives", "count": len(records), "records": records}
        elif kinds[kind] == "meetings":
            meeting_records = [report_show.meeting_json(standing, m) for m in meetings]
            listing = {
                "kind": "meetings",
                "count": len(meeting_records),
                "records": meeting_records,
            }
        else:
            report_records = [report_show.report_json(r) for r in reports]
            listing = {"kind": "reports", "count": len(report_records), "records": report_records}
        write_output(dumps("list", listing))
    elif use_rich():
        report_show.print_list_rich(rows, columns, total)
    else:
        if kinds[kind] == "initiatives":
            rows = report_show.initiative_rows(plan, initiatives, unlabelled=True)
        write_output(report_show.list_text(rows, total))
    return 0


def _edge(text: str, option: str) -> Period:
    from udvikling.errors import UsageError
    from udvikling.periods import PeriodError, parse_period

    try:
        return parse_period(text)
    except PeriodError as exc:
        raise UsageError(f"{option}: {exc.message}", exc.hint) from None


def register(app: typer.Typer) -> None:
    """Add ``udv list`` to ``app``."""
    import typer

    from udvikling import completion
    from udvikling.commands._options import AS_OF, REV, ROOT, declared

    def option(name: str, metavar: str, help_text: str, complete: Any = None) -> Any:
        return typer.Option(
            name, metavar=metavar, help=help_text, show_default=False, autocompletion=complete
        )

    command = declared(
        run,
        kind=typer.Argument(
            metavar="HVAD",
            help="tiltag, møder eller rapporter (også initiatives, meetings, reports).",
            autocompletion=completion.list_kinds,
        ),
        track=option("--track", "SPOR", "Kun dette spor (id).", completion.tracks),
        owner=option("--owner", "ANSVARLIG", "Kun denne ansvarlige (id).", completion.owners),
        unit=option("--unit", "ENHED", "Kun denne enhed (id).", completion.units),
        status=option(
            "--status",
            "STATUS",
            "Kun denne status: planlagt, i-gang, afsluttet, udskudt eller opgivet.",
            completion.statuses,
        ),
        body=option(
            "--body",
            "ORGAN",
            "Kun møder i dette organ (id); for tiltag: dem, organet har behandlet.",
            completion.bodies,
        ),
        first=option(
            "--from", "PERIODE", "Fra og med denne periode eller dato, fx 2023 eller 2023-04-01."
        ),
        last=option(
            "--to", "PERIODE", "Til og med denne periode eller dato, fx '2. kvartal 2024'."
        ),
        output_format=typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text (standard; tabel i en terminal) eller json.",
            autocompletion=completion.text_json,
            show_default=False,
        ),
        root=ROOT,
        as_of=AS_OF,
        rev=REV,
    )
    app.command("list", short_help="List tiltag eller møder med filtre.")(command)
