"""``udv list`` and ``udv show`` as plain text (and a rich table for lists on a terminal)."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from udvikling import prose
from udvikling.chrono import Standing
from udvikling.danish import join_danish
from udvikling.load import Dataset
from udvikling.output.report_status import (
    days_late_text,
    decision_text,
    meeting_state,
    milestone_text,
    status_text,
)
from udvikling.prose import Block
from udvikling.reports.common import (
    MilestoneLine,
    body_name,
    meeting_line,
    no_news_text,
    owner_name,
    track_name,
)
from udvikling.reports.listing import InitiativeView, MeetingView, Reference

if TYPE_CHECKING:
    from udvikling.model import Initiative, Meeting, Update
    from udvikling.model_report import Report
    from udvikling.output.json_types import InitiativeJson, ListedReportJson, MeetingJson

WIDTH = 96


def initiative_span(initiative: Initiative) -> str:
    """``start 1. halvår 2023, løbende`` for a record."""
    first = f"start {initiative.start.danish()}" if initiative.start else "uden start"
    due = initiative.due_period
    last = "løbende" if initiative.ongoing else (f"frist {due.danish()}" if due else "uden frist")
    return f"{first}, {last}"


def initiative_rows(
    dataset: Dataset, initiatives: list[Initiative], *, unlabelled: bool = False
) -> list[tuple[str, ...]]:
    """Rows of id, title, track, owner, status and span. ``unlabelled``: for lines without
    column names, where an unknown value says which value it is (``ansvarlig ikke oplyst;
    status ikke oplyst``, as ``udv status`` writes it)."""
    return [
        (
            i.id,
            i.title,
            track_name(dataset, i.track),
            "ansvarlig ikke oplyst"
            if unlabelled and i.owner is None
            else owner_name(dataset, i.owner),
            "status ikke oplyst" if unlabelled and i.status is None else status_text(i.status),
            initiative_span(i),
        )
        for i in initiatives
    ]


def meeting_rows(standing: Standing, meetings: list[Meeting]) -> list[tuple[str, ...]]:
    """Rows of id, date, body, title, kind and what the data says of it (planlagt, holdt,
    aflyst, ikke bekræftet; with whether its decision is recorded)."""
    return [
        (
            m.id,
            m.date.danish(),
            body_name(standing.plan, m.body),
            m.title,
            m.kind,
            meeting_state(meeting_line(standing, m)),
        )
        for m in meetings
    ]


def initiative_json(dataset: Dataset, i: Initiative) -> InitiativeJson:
    """An initiative in ``udv list --format json``."""
    from udvikling.output.report_json import period_json

    return {
        "id": i.id,
        "title": i.title,
        "track": i.track,
        "track_name": track_name(dataset, i.track),
        "owner": i.owner,
        "owner_name": owner_name(dataset, i.owner),
        "level": i.level,
        "status": i.status,
        "units": list(i.units),
        "start": period_json(i.start),
        "due": period_json(i.due_period),
        "ongoing": i.ongoing,
        "completed": period_json(i.completed),
    }


def meeting_json(standing: Standing, m: Meeting) -> MeetingJson:
    """A meeting in ``udv list --format json``."""
    from udvikling.output.report_json import period_json

    return {
        "id": m.id,
        "body": m.body,
        "body_name": body_name(standing.plan, m.body),
        "date": period_json(m.date),
        "title": m.title,
        "kind": m.kind,
        "outcome": standing.outcome(m),
        "decided": m.decided,
    }


def report_rows(dataset: Dataset, reports: list[Report]) -> list[tuple[str, ...]]:
    """Rows of id, date, kind and title."""
    return [(r.id, r.date.danish(), r.kind, r.title) for r in reports]


def report_json(r: Report) -> ListedReportJson:
    """A report in ``udv list reports --format json``."""
    from udvikling.output.report_json import period_json

    return {
        "id": r.id,
        "kind": r.kind,
        "title": r.title,
        "date": period_json(r.date),
        "meeting": r.meeting,
        "sections": [s.heading for s in r.sections if s.heading],
    }


REPORT_COLUMNS: tuple[str, ...] = ("Id", "Dato", "Art", "Titel")
INITIATIVE_COLUMNS: tuple[str, ...] = ("Id", "Titel", "Spor", "Ansvarlig", "Status", "Periode")
MEETING_COLUMNS: tuple[str, ...] = ("Id", "Dato", "Organ", "Titel", "Type", "Beslutning")


def list_text(rows: list[tuple[str, ...]], total: str) -> str:
    """One line per record (``id: rest; rest``) and a count."""
    lines = [f"{row[0]}: {row[1]} ({'; '.join(row[2:])})" for row in rows]
    return "\n".join([*lines, total]) + "\n"


def print_list_rich(rows: list[tuple[str, ...]], columns: tuple[str, ...], total: str) -> None:
    """A table of the rows (or, on a narrow terminal, one record after another) and the count
    below it; ids, dates and periods are never broken."""
    from udvikling import terminal
    from udvikling.output.tables import print_table

    console = terminal.console(highlight=False, markup=False)
    whole = [i for i, column in enumerate(columns) if column in ("Id", "Dato", "Periode")]
    print_table(console, columns, rows, whole=whole)
    console.print(total, markup=False)


def _wrap(text: str, indent: str, width: int | None = None) -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()),
        width or WIDTH,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def _fields(fields: list[tuple[str, str]], width: int | None) -> list[str]:
    """``Label:            value`` lines; at a terminal (``width`` given) a long value is
    wrapped under itself at spaces, piped text keeps one line per field."""
    out: list[str] = []
    for label, value in fields:
        if not value:
            continue
        line = f"{label + ':':<18}{value}"
        if width is None or len(line) <= width:
            out.append(line)
            continue
        out += textwrap.wrap(
            line,
            width,
            subsequent_indent=" " * 18,
            break_long_words=False,
            break_on_hyphens=False,
        )
    return out


def _named(ref: Reference) -> str:
    if not ref.id:
        return ref.name or ""
    return f"{ref.name} ({ref.id})" if ref.name else f"{ref.id} (findes ikke)"


def _milestone(line: MilestoneLine) -> str:
    due = line.due.danish() if line.due else "uden frist"
    return f"{line.title}: frist {due}, {milestone_text(line)}"


def _fit(lines: list[str], width: int | None) -> str:
    """The text, every line longer than a terminal's ``width`` wrapped at spaces under
    itself (list items under their text); piped (None) as it is."""
    out: list[str] = []
    for line in lines:
        if width is None or len(line) <= width:
            out.append(line)
            continue
        lead = len(line) - len(line.lstrip(" "))
        hang = lead + (2 if line.lstrip(" ").startswith("- ") else 4)
        out += textwrap.wrap(
            line,
            width,
            subsequent_indent=" " * hang,
            break_long_words=False,
            break_on_hyphens=False,
        )
    return "\n".join(out) + "\n"


def show_initiative_text(view: InitiativeView, width: int | None = None) -> str:
    """An initiative with its references resolved, for reading: prose wrapped at ``width``
    (a terminal's), or at 96 columns with one line per field when piped (None)."""
    from udvikling.danish import format_date, join_danish

    i = view.initiative
    status = status_text(i.status)
    if view.days_late:
        status += f", {days_late_text(view.days_late)} pr. {format_date(view.as_of)}"
    if view.unreported is not None:
        status += f", {no_news_text(view.unreported.since)} (fristen er overskredet)"
    completion = view.completion
    if completion is not None and completion.period is not None:
        prefix = "meldt afsluttet" if completion.basis == "reported" else "afsluttet"
        status += f", {prefix} {completion.period.danish()}"
    due = i.due_period
    fields = [
        ("Spor", _named(view.track)),
        ("Ansvarlig", _named(view.owner)),
        ("Niveau", status_text(None) if i.level is None else i.level + "t"),
        ("Status", status),
        ("Start", f"{i.start.danish()} ({i.start.span_danish()})" if i.start else "ikke angivet"),
        (
            "Frist",
            "løbende"
            if i.ongoing
            else (
                f"{due.danish()} (for sent fra {format_date(due.late_from)})" if due else "ingen"
            ),
        ),
        ("Enheder", join_danish(_named(u) for u in view.units)),
        ("Pejlemærker", join_danish(_named(b) for b in view.beacons)),
        ("Afhænger af", join_danish(_named(d) for d in view.depends_on)),
        ("Forudsætning for", join_danish(_named(d) for d in view.needed_by)),
        ("Emneord", ", ".join(i.tags)),
        ("Fortroligt", "ja" if i.confidential else ""),
    ]
    title = f"Tiltag: {i.title}"
    out = [*(_wrap(title, "", width) if width else [title]), f"Id: {i.id}  (fil {i.path})"]
    out += _fields(fields, width)
    if i.description:
        out += ["", "Beskrivelse:", *prose_lines(i.description, "  ", width)]
    if view.milestones:
        out += ["", f"Milepæle ({len(view.milestones)}):"]
        out += [f"  - {_milestone(m)}" for m in view.milestones]
    if view.meetings:
        out += ["", f"Møder om tiltaget ({len(view.meetings)}):"]
        out += [
            f"  - {m.date.danish()}: {m.body_name}, {m.title} ({meeting_state(m)}) [{m.id}]"
            for m in view.meetings
        ]
    if i.updates:
        from udvikling.chrono import entry_order

        out += ["", f"Journal ({len(i.updates)}):"]
        for _, update in sorted(enumerate(i.updates), key=entry_order):
            heading = _entry_heading(update, view.documents)
            out += _entry_lines(heading, update, width)
    if view.sources:
        out += ["", "Kilder:", *(f"  - {s}" for s in view.sources)]
    return _fit(out, width)


def _entry_heading(update: Update, documents: dict[str, str]) -> str:
    when = update.date.danish()
    if update.concerns is not None and update.concerns != update.date:
        when += f" (om {update.concerns.danish()})"
    if update.reported_in:
        where = documents.get(update.reported_in, update.reported_in)
        when += f", meldt {'i' if where.startswith('rapporten') else 'på'} {where}"
    return when


def prose_lines(text: str, indent: str, width: int | None) -> list[str]:
    """Text as its writer laid it out (:mod:`udvikling.prose`): each paragraph wrapped, each
    kept line break and each list item on a line of its own (``- `` or ``1. ``)."""

    return _block_lines(prose.blocks(text), indent, width)


def _block_lines(blocks: list[Block], indent: str, width: int | None) -> list[str]:

    out: list[str] = []
    for block in blocks:
        if isinstance(block, prose.Paragraph):
            for row in prose.shown(block.rows):
                out += _wrap(row, indent, width)
            continue
        for item in block.items:
            marker = f"{item.number}. " if block.numbered else "- "
            out += textwrap.wrap(
                prose.flat(item),
                width or WIDTH,
                initial_indent=indent + marker,
                subsequent_indent=indent + " " * len(marker),
                break_long_words=False,
                break_on_hyphens=False,
            )
    return out


def _entry_lines(heading: str, update: Update, width: int | None) -> list[str]:
    """A journal entry: its heading and prose on one wrapped line, or, when its text has
    paragraphs, a list or kept line breaks, its first line after the heading and the rest
    below it as laid out; the entry's changes last."""
    from udvikling.journal_text import entry_changes

    if not prose.laid_out(update.text):
        return _wrap(f"{heading}: {_entry_text(update)}", "  ", width)
    rest = prose.blocks(update.text)
    lead = f"{heading}:"
    first = rest[0]
    if isinstance(first, prose.Paragraph):
        lead += " " + " ".join(first.rows[0])
        rest = [prose.Paragraph(first.rows[1:]), *rest[1:]] if first.rows[1:] else rest[1:]
    changes = entry_changes(update)
    return [
        *_wrap(lead, "  ", width),
        *_block_lines(rest, "    ", width),
        *(_wrap(" ".join(changes), "    ", width) if changes else []),
    ]


def _entry_text(update: Update) -> str:
    """An entry's prose and the changes it makes, in Danish."""
    from udvikling.journal_text import entry_changes

    parts: list[str] = [update.text] if update.text else []
    parts += entry_changes(update)
    return " ".join(parts)


def show_meeting_text(view: MeetingView, width: int | None = None) -> str:
    """A meeting with its body and its items' initiatives resolved, for reading."""
    m = view.meeting
    body = view.body.name or view.body.id
    if view.line.body_name != body:
        body += f" ({view.line.body_name})"
    fields = [
        ("Organ", body),
        ("Dato", f"{m.date.danish()}" + (f" ({m.date.span_danish()})" if m.date.days > 1 else "")),
        ("Type", m.kind),
        ("Sagsnr.", m.case_no or ""),
        ("Stand", meeting_state(view.line)),
    ]
    out = [f"Møde: {m.title}", f"Id: {m.id}  (fil {m.path})"]
    out += _fields(fields, width)
    for number, item in enumerate(m.items, start=1):
        out += ["", f"{number}. {item.title}" + ("" if item.public else " (lukket punkt)")]
        for initiative in item.initiatives:
            out.append(f"   Tiltag: {_named(view.initiatives[initiative])}")
        for label, text in (
            ("Indstilling", item.recommendation),
            ("Beslutning", decision_text(view.line, item.decision)),
            ("Bemærkninger", item.remarks),
        ):
            if text:
                out += _wrap(f"{label}: {text}", "   ", width)
    if m.absent:
        out += ["", *_wrap(f"Fraværende: {join_danish(m.absent)}", "", width)]
    if view.milestones:
        out += ["", f"Milepæle på mødet ({len(view.milestones)}):"]
        out += [f"  - {line.initiative_title}: {_milestone(line)}" for line in view.milestones]
    return _fit(out, width)
