"""``udv overdue`` output: plain text, Markdown, JSON and a rich table for an OverdueReport."""

from __future__ import annotations

from typing import TYPE_CHECKING

from udvikling.output.report_status import days_late_text
from udvikling.reports.overdue import GroupBy, OverdueItem, OverdueReport

if TYPE_CHECKING:
    from udvikling.output.json_types import OverdueItemJson, OverdueJson


def _line(item: OverdueItem) -> str:
    owner = f"; {item.owner_name}" if item.owner_name else ""
    return (
        f"{days_late_text(item.days_late)}: {item.kind_text} {item.title} "
        f"(frist {item.due.danish()}; {item.reported_text}{owner}) [{item.id}]"
    )


def _quiet_line(item: OverdueItem) -> str:
    owner = f"; {item.owner_name}" if item.owner_name else ""
    return (
        f"{item.reported_text}: {item.kind_text} {item.title} "
        f"(frist {item.due.danish()}{owner}) [{item.id}]"
    )


LATE_HEADING = "For sent: meldt ikke færdigt efter fristen"
QUIET_HEADING = "Fristen er overskredet, men intet er meldt siden"


def _groups(
    report: OverdueReport, by: GroupBy | None
) -> list[tuple[str | None, tuple[OverdueItem, ...], tuple[OverdueItem, ...]]]:
    if by is None:
        return [(None, report.items, report.unreported)]
    return [(group.name, group.items, group.unreported) for group in report.groups(by)]


def _waived_note(report: OverdueReport) -> str | None:
    from udvikling.danish import count_noun

    if not report.waived_meetings:
        return None
    return (
        f"{count_noun(len(report.waived_meetings), 'møde', 'møder')} uden registreret "
        "beslutning har en begrundet undtagelse (UDV501) og er ikke med."
    )


def to_text(report: OverdueReport, by: GroupBy | None = None) -> str:
    """Plain text: the late items, most late first, then those with nothing reported since
    the deadline; grouped by owner or track when asked (both lists in each group)."""
    out = [report.summary()]
    for name, items, quiet in _groups(report, by):
        indent = "  "
        if name is not None:
            out += ["", f"{name} ({len(items) + len(quiet)})"]
            indent = "    "
        if items:
            out += ["", f"{indent[:-2]}{LATE_HEADING} ({len(items)}):"]
            out += [f"{indent}{_line(item)}" for item in items]
        if quiet:
            out += ["", f"{indent[:-2]}{QUIET_HEADING} ({len(quiet)}):"]
            out += [f"{indent}{_quiet_line(item)}" for item in quiet]
    note = _waived_note(report)
    if note:
        out += ["", note]
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    """Text from the data, literal in Markdown and on one line (the renderer's own rule)."""
    from udvikling.render.markdown import cell

    return str(cell(text))


def to_markdown(report: OverdueReport, by: GroupBy | None = None) -> str:
    """Markdown: a heading, the summary and, per group, a table of the late items and one of
    those with nothing reported since the deadline."""
    from udvikling.danish import format_date

    out = [f"# Frister overskredet pr. {format_date(report.as_of)}", "", report.summary()]
    level = "##" if by is None else "###"
    for name, items, quiet in _groups(report, by):
        if not items and not quiet:
            continue
        if name is not None:
            out += ["", f"## {_cell(name)}"]
        if items:
            out += [
                "",
                f"{level} {LATE_HEADING}",
                "",
                "| For sent | Type | Hvad | Frist | Meldt | Ansvarlig | Id |",
                "| --- | --- | --- | --- | --- | --- | --- |",
            ]
            out += [
                f"| {days_late_text(i.days_late)} | {i.kind_text} | {_cell(i.title)} | "
                f"{_cell(i.due.danish())} | {_cell(i.reported_text)} | "
                f"{_cell(i.owner_name or '')} | `{i.id}` |"
                for i in items
            ]
        if quiet:
            out += [
                "",
                f"{level} {QUIET_HEADING}",
                "",
                "| Meldt | Type | Hvad | Frist | Ansvarlig | Id |",
                "| --- | --- | --- | --- | --- | --- |",
            ]
            out += [
                f"| {_cell(i.reported_text)} | {i.kind_text} | {_cell(i.title)} | "
                f"{_cell(i.due.danish())} | {_cell(i.owner_name or '')} | `{i.id}` |"
                for i in quiet
            ]
    note = _waived_note(report)
    if note:
        out += ["", note]
    return "\n".join(out) + "\n"


def item_json(item: OverdueItem) -> OverdueItemJson:
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
        "reason": item.reason,
        "reported": item.reported_text,
    }


def to_json(report: OverdueReport, by: GroupBy | None = None) -> OverdueJson:
    """The report as JSON data; the shape is documented in docs/json-output.md."""
    return {
        "report": "overdue",
        "organisation": report.organisation,
        "process": report.process,
        "as_of": report.as_of.isoformat(),
        "summary": report.summary(),
        "counts": {
            "initiative": len(report.of_kind("initiative")),
            "milestone": len(report.of_kind("milestone")),
            "meeting": len(report.of_kind("meeting")),
            "obligation": len(report.of_kind("obligation")),
        },
        "items": [item_json(item) for item in report.items],
        "by": by,
        "groups": None
        if by is None
        else [
            {
                "key": g.key,
                "name": g.name,
                "items": [i.id for i in g.items],
                "unreported": [i.id for i in g.unreported],
            }
            for g in report.groups(by)
        ],
        "waived_meetings": list(report.waived_meetings),
        "unreported": [item_json(item) for item in report.unreported],
    }


def print_rich(report: OverdueReport, by: GroupBy | None = None) -> None:
    """Rich tables per group for a terminal: the late items (in red), then those with
    nothing reported since the deadline."""

    from udvikling import terminal
    from udvikling.output.tables import print_table

    console = terminal.console(highlight=False, markup=False)
    console.print(report.summary(), style="bold", markup=False)
    for name, items, quiet in _groups(report, by):
        if not items and not quiet:
            continue
        if name is not None:
            console.print(f"\n{name}", style="bold", markup=False)
        if items:
            rows = [
                (
                    item.what,
                    item.kind_text,
                    item.due.danish(),
                    days_late_text(item.days_late),
                    item.reported_text,
                    item.owner_name or "",
                )
                for item in items
            ]
            print_table(
                console,
                ("Hvad", "Type", "Frist", "For sent", "Meldt", "Ansvarlig"),
                rows,
                whole=(2, 3),
                title=LATE_HEADING,
                styles=["red"] * len(rows),
            )
        if quiet:
            quiet_rows = [
                (
                    item.what,
                    item.kind_text,
                    item.due.danish(),
                    item.reported_text,
                    item.owner_name or "",
                )
                for item in quiet
            ]
            print_table(
                console,
                ("Hvad", "Type", "Frist", "Meldt", "Ansvarlig"),
                quiet_rows,
                whole=(2,),
                title=QUIET_HEADING,
            )
    note = _waived_note(report)
    if note:
        console.print(note, markup=False)
