"""``udv overdue`` output: plain text, Markdown, JSON and a rich table for an OverdueReport."""

from __future__ import annotations

from typing import Any

from udvikling.output.report_status import days_late_text, no_news_text
from udvikling.reports.overdue import GroupBy, OverdueItem, OverdueReport


def _line(item: OverdueItem) -> str:
    owner = f"; {item.owner_name}" if item.owner_name else ""
    return (
        f"{days_late_text(item.days_late)}: {item.kind_text} {item.title} "
        f"(frist {item.due.danish()}{owner}) [{item.id}]"
    )


def _quiet_line(item: OverdueItem) -> str:
    owner = f"; {item.owner_name}" if item.owner_name else ""
    return (
        f"{no_news_text(item.last_report)}: {item.kind_text} {item.title} "
        f"(frist {item.due.danish()}{owner}) [{item.id}]"
    )


QUIET_HEADING = "Fristen er overskredet, men status er ikke oplyst siden"


def _groups(
    report: OverdueReport, by: GroupBy | None
) -> list[tuple[str | None, tuple[OverdueItem, ...]]]:
    if by is None:
        return [(None, report.items)]
    return [(group.name, group.items) for group in report.groups(by)]


def _waived_note(report: OverdueReport) -> str | None:
    from udvikling.danish import count_noun

    if not report.waived_meetings:
        return None
    return (
        f"{count_noun(len(report.waived_meetings), 'afholdt møde', 'afholdte møder')} uden "
        "registreret beslutning har en begrundet undtagelse (UDV501) og er ikke med."
    )


def to_text(report: OverdueReport, by: GroupBy | None = None) -> str:
    """Plain text, most late first; grouped by owner or track when asked."""
    out = [report.summary()]
    for name, items in _groups(report, by):
        indent = "  "
        if name is not None:
            out += ["", f"{name} ({len(items)})"]
            indent = "    "
        elif items:
            out.append("")
        out += [f"{indent}{_line(item)}" for item in items]
    if report.unreported:
        out += ["", f"{QUIET_HEADING} ({len(report.unreported)}):"]
        out += [f"  {_quiet_line(item)}" for item in report.unreported]
    note = _waived_note(report)
    if note:
        out += ["", note]
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    """Text from the data, literal in Markdown and on one line (the renderer's own rule)."""
    from udvikling.render.markdown import cell

    return str(cell(text))


def to_markdown(report: OverdueReport, by: GroupBy | None = None) -> str:
    """Markdown: a heading, the summary and a table per group."""
    from udvikling.danish import format_date

    out = [f"# For sent pr. {format_date(report.as_of)}", "", report.summary()]
    for name, items in _groups(report, by):
        if not items:
            continue
        if name is not None:
            out += ["", f"## {_cell(name)}"]
        out += [
            "",
            "| For sent | Type | Hvad | Frist | Ansvarlig | Id |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        out += [
            f"| {days_late_text(i.days_late)} | {i.kind_text} | {_cell(i.title)} | "
            f"{_cell(i.due.danish())} | {_cell(i.owner_name or '')} | `{i.id}` |"
            for i in items
        ]
    if report.unreported:
        out += [
            "",
            f"## {QUIET_HEADING}",
            "",
            "| Status | Type | Hvad | Frist | Ansvarlig | Id |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        out += [
            f"| {no_news_text(i.last_report)} | {i.kind_text} | {_cell(i.title)} | "
            f"{_cell(i.due.danish())} | {_cell(i.owner_name or '')} | `{i.id}` |"
            for i in report.unreported
        ]
    note = _waived_note(report)
    if note:
        out += ["", note]
    return "\n".join(out) + "\n"


def item_json(item: OverdueItem) -> dict[str, Any]:
    """One late item as JSON data."""
    from udvikling.output.report_json import period_json

    return {
        "kind": item.kind,
        "id": item.id,
        "title": item.title,
        "initiative": item.initiative,
        "track": item.track,
        "track_name": item.track_name,
        "owner": item.owner,
        "owner_name": item.owner_name,
        "due": period_json(item.due),
        "late_from": item.late_from.isoformat(),
        "days_late": item.days_late,
        "last_report": period_json(item.last_report),
    }


def to_json(report: OverdueReport, by: GroupBy | None = None) -> dict[str, Any]:
    """The report as JSON data; the shape is documented in docs/json-output.md."""
    return {
        "report": "overdue",
        "organisation": report.organisation,
        "process": report.process,
        "as_of": report.as_of.isoformat(),
        "summary": report.summary(),
        "counts": {
            kind: len(report.of_kind(kind))
            for kind in ("initiative", "milestone", "meeting", "obligation")
        },
        "items": [item_json(item) for item in report.items],
        "by": by,
        "groups": None
        if by is None
        else [
            {"key": g.key, "name": g.name, "items": [i.id for i in g.items]}
            for g in report.groups(by)
        ],
        "waived_meetings": list(report.waived_meetings),
        "unreported": [item_json(item) for item in report.unreported],
    }


def print_rich(report: OverdueReport, by: GroupBy | None = None) -> None:
    """A rich table per group for a terminal, late rows in red."""
    from rich.table import Table

    from udvikling import terminal
    from udvikling.output.tables import fit_columns

    console = terminal.console(highlight=False, markup=False)
    console.print(report.summary(), style="bold", markup=False)
    for name, items in _groups(report, by):
        if not items:
            continue
        table = Table(title=name, title_justify="left")
        table.add_column("For sent", style="red", no_wrap=True)
        for column in ("Type", "Hvad", "Frist", "Ansvarlig"):
            table.add_column(column, overflow="fold")
        rows = [
            (
                days_late_text(item.days_late),
                item.kind_text,
                item.title,
                item.due.danish(),
                item.owner_name or "",
            )
            for item in items
        ]
        for row in rows:
            table.add_row(*row)
        fit_columns(table, rows, console.width)
        console.print(table)
    if report.unreported:
        quiet = Table(title=QUIET_HEADING, title_justify="left")
        for column in ("Status", "Type", "Hvad", "Frist", "Ansvarlig"):
            quiet.add_column(column, overflow="fold")
        rows = [
            (
                no_news_text(item.last_report),
                item.kind_text,
                item.title,
                item.due.danish(),
                item.owner_name or "",
            )
            for item in report.unreported
        ]
        for row in rows:
            quiet.add_row(*row)
        fit_columns(quiet, rows, console.width)
        console.print(quiet)
    note = _waived_note(report)
    if note:
        console.print(note, markup=False)
