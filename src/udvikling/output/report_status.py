"""``udv status`` output: plain text, Markdown, JSON and rich tables for a StatusReport."""

from __future__ import annotations

from udvikling.reports.common import (
    MeetingLine,
    MilestoneLine,
    UpdateLine,
    milestone_no_news_text,
    no_news_text,
)
from udvikling.reports.status import InitiativeLine, StatusReport, TrackStatus


def status_text(status: str | None) -> str:
    """A status in lower-case Danish (``i gang``), ``ikke oplyst`` when unknown."""
    from udvikling.vocab import status_label

    return status_label(status).lower()


def who_and_status(line: InitiativeLine) -> str:
    """``Socialchef; i gang``, or ``ansvarlig ikke oplyst; status ikke oplyst``: an unknown
    value says which value it is."""
    who = line.owner_name if line.owner else "ansvarlig ikke oplyst"
    what = status_text(line.status) if line.status else "status ikke oplyst"
    return f"{who}; {what}"


def completion_text(line: InitiativeLine) -> str | None:
    """``afsluttet 16. januar 2024`` or ``meldt afsluttet 24. april 2024``; a completion
    date is printed only when a source gives it."""
    found = line.completion
    if found is None or found.period is None:
        return None
    prefix = "meldt afsluttet" if found.basis == "reported" else "afsluttet"
    return f"{prefix} {found.period.danish()}"


def update_when(update: UpdateLine) -> str:
    """When an entry was reported, and the period it is about when that differs."""
    when = update.date.danish()
    if update.concerns is not None and update.concerns != update.date:
        return f"{when} (om {update.concerns.danish()})"
    return when


def days_late_text(days: int) -> str:
    """``1 dag for sent``, ``42 dage for sent``."""
    from udvikling.danish import count_noun

    return f"{count_noun(days, 'dag', 'dage')} for sent"


def span_text(line: InitiativeLine) -> str:
    """``start 1. halvår 2023, løbende`` or ``start december 2022, frist juni 2023``."""
    first = f"start {line.start.danish()}" if line.start is not None else "uden start"
    if line.ongoing:
        last = "løbende"
    else:
        last = f"frist {line.due.danish()}" if line.due is not None else "uden frist"
    return f"{first}, {last}"


def marks(line: InitiativeLine) -> list[str]:
    """What the initiative did in the quarter, in Danish."""
    found = []
    if not line.begun and line.start is not None:
        found.append(f"starter {line.start.danish()}")
    elif line.started:
        found.append("startet")
    if line.due_in_quarter:
        found.append("frist i kvartalet")
    if line.completed_in_quarter and (done := completion_text(line)) is not None:
        found.append(done)
    if line.late:
        found.append(days_late_text(line.days_late))
    if line.unreported:
        found.append(no_news_text(line.unreported_since))
    if not line.active and not found:
        found.append("ikke aktiv")
    return found


def milestone_text(milestone: MilestoneLine) -> str:
    """Where a milestone stands: ``nået 3. maj 2023``, ``12 dage for sent``, ``kommende``."""
    if milestone.state == "done" and (reached := milestone.reached_text) is not None:
        return reached
    if milestone.state == "late":
        return days_late_text(milestone.days_late)
    if milestone.state == "unreported":
        return milestone_no_news_text(milestone.unreported_since)
    return milestone.state_text


def meeting_state(meeting: MeetingLine) -> str:
    """What the data says of a meeting: ``planlagt``, ``holdt``, ``holdt, beslutning
    mangler``, ``aflyst`` or ``ikke bekræftet, at mødet blev holdt``."""
    if meeting.outcome == "held" and meeting.undecided:
        return "holdt, beslutning mangler"
    if meeting.outcome == "unconfirmed":
        return "ikke bekræftet, at mødet blev holdt"
    return meeting.outcome_text


def decision_text(meeting: MeetingLine, decision: str | None) -> str:
    """An item's decision on one line; ``beslutning mangler`` (held), ``ikke oplyst``
    (unconfirmed), ``mødet blev aflyst`` or ``afventer mødet`` (planned)."""
    if decision:
        return " ".join(decision.split())
    return {
        "planned": "afventer mødet",
        "held": "beslutning mangler",
        "cancelled": "mødet blev aflyst",
        "unconfirmed": "ikke oplyst",
    }[meeting.outcome]


def track_counts(track: TrackStatus) -> str:
    """``3 aktive, 1 startet, 1 med frist, 0 afsluttet, 1 for sent``."""
    from udvikling.danish import count_noun

    coming = sum(1 for line in track.started if not line.begun)
    return ", ".join(
        [
            count_noun(len(track.active), "aktivt", "aktive"),
            f"{len(track.started) - coming} startet",
            *([f"{coming} starter senere i kvartalet"] if coming else []),
            f"{len(track.due)} med frist",
            f"{len(track.completed)} afsluttet",
            f"{len(track.late)} for sent",
            *([f"{len(track.unreported)} uden status"] if track.unreported else []),
        ]
    )


def _heading(report: StatusReport) -> list[str]:
    return [f"{report.organisation} · {report.process}", f"Status for {report.quarter.danish()}"]


def _quiet_tracks(report: StatusReport) -> str | None:
    from udvikling.danish import join_danish

    quiet = [t.name for t in report.tracks if t.empty]
    return f"Spor uden aktivitet i kvartalet: {join_danish(quiet)}." if quiet else None


def _undated(report: StatusReport, markdown: bool = False) -> str:
    from udvikling.danish import count_noun, join_danish

    what = count_noun(len(report.undated), "åbent tiltag", "åbne tiltag")
    names = report.undated_titles or report.undated
    if markdown:
        names = tuple(_cell(name) for name in names)
    return f"{what} uden start tælles ikke som aktive: {join_danish(names)}."


def to_text(report: StatusReport) -> str:
    """Plain text for a pipe or a file: summary, meetings, then each track."""
    from udvikling.danish import count_noun

    out = [*_heading(report), "", report.summary(), ""]
    out.append(f"Møder i kvartalet ({len(report.meetings)})")
    if not report.meetings:
        out.append("  Ingen møder.")
    for meeting in report.meetings:
        out.append(
            f"  {meeting.date.danish()}: {meeting.body_name}, {meeting.title} "
            f"({meeting.kind}; {meeting_state(meeting)})"
        )
        for item in meeting.items:
            out.append(f"    - {item.title}: {decision_text(meeting, item.decision)}")
    for track in report.tracks:
        if track.empty:
            continue
        out += ["", f"{track.name}: {track_counts(track)}"]
        if track.initiatives:
            out.append(f"  {count_noun(len(track.initiatives), 'tiltag', 'tiltag')}:")
        for line in track.initiatives:
            out.append(
                f"    - {line.title} ({who_and_status(line)}; "
                f"{span_text(line)}): {', '.join(marks(line)) or 'aktivt'}"
            )
        if track.milestones:
            out.append(f"  Milepæle med frist i kvartalet ({len(track.milestones)}):")
        for milestone in track.milestones:
            due = milestone.due.danish() if milestone.due else "uden frist"
            out.append(
                f"    - {milestone.title} ({milestone.initiative_title}; frist {due}): "
                f"{milestone_text(milestone)}"
            )
        if track.updates:
            out.append(f"  Opdateringer ({len(track.updates)}):")
        for update in track.updates:
            out += _update_lines(
                f"    - {update_when(update)}, {update.initiative_title}", update.text, "      "
            )
    quiet = _quiet_tracks(report)
    if quiet:
        out += ["", quiet]
    if report.undated:
        out += ["", _undated(report)]
    return "\n".join(out) + "\n"


def _update_lines(head: str, text: str, indent: str) -> list[str]:
    """``head: text``; a text its writer laid out (paragraphs, a list) goes on below the
    heading line, each row and list item on a line of its own (:mod:`udvikling.prose`)."""
    from udvikling import prose

    if not prose.laid_out(text):
        return [f"{head}: {' '.join(text.split())}"]
    lead, rest = prose.as_lines(text)
    return [f"{head}: {lead}" if lead else f"{head}:", *(indent + line for line in rest)]


def _item(text: str) -> str:
    """Text for a Markdown list item: on one line, or laid out under the item."""
    from udvikling.render.markdown import list_item

    return list_item(text)


def _cell(text: str) -> str:
    """Text from the data, literal in Markdown and on one line (the renderer's own rule)."""
    from udvikling.render.markdown import cell

    return str(cell(text))


def to_markdown(report: StatusReport) -> str:
    """Markdown with a table of meetings and one section per track."""
    out = [
        f"# Status for {report.quarter.danish()}",
        "",
        f"{report.organisation} · {report.process}",
        "",
        report.summary(),
        "",
        "## Møder i kvartalet",
        "",
    ]
    if report.meetings:
        out += ["| Dato | Organ | Møde | Punkt | Beslutning |", "| --- | --- | --- | --- | --- |"]
        for meeting in report.meetings:
            items = meeting.items or ()
            head = (
                f"| {_cell(meeting.date.danish())} | {_cell(meeting.body_name)} | "
                f"{_cell(meeting.title)} ({meeting_state(meeting)}) |"
            )
            if not items:
                out.append(f"{head}  |  |")
            for number, item in enumerate(items):
                prefix = head if number == 0 else "|  |  |  |"
                decision = _cell(decision_text(meeting, item.decision))
                out.append(f"{prefix} {_cell(item.title)} | {decision} |")
    else:
        out.append("Ingen møder.")
    for track in report.tracks:
        if track.empty:
            continue
        out += ["", f"## {track.name}", "", f"{track_counts(track).capitalize()}."]
        if track.initiatives:
            out += [
                "",
                "| Tiltag | Ansvarlig | Status | Periode | I kvartalet |",
                "| --- | --- | --- | --- | --- |",
            ]
            for line in track.initiatives:
                out.append(
                    f"| {_cell(line.title)} | {_cell(line.owner_name)} | "
                    f"{status_text(line.status)} | {_cell(span_text(line))} | "
                    f"{_cell(', '.join(marks(line)) or 'aktivt')} |"
                )
        if track.milestones:
            out += [
                "",
                "| Milepæl | Tiltag | Frist | Stand |",
                "| --- | --- | --- | --- |",
            ]
            for milestone in track.milestones:
                due = milestone.due.danish() if milestone.due else "uden frist"
                out.append(
                    f"| {_cell(milestone.title)} | {_cell(milestone.initiative_title)} | "
                    f"{_cell(due)} | {milestone_text(milestone)} |"
                )
        if track.updates:
            out += ["", "Opdateringer:", ""]
            for update in track.updates:
                out.append(
                    f"- {_cell(update_when(update))}, **{_cell(update.initiative_title)}**: "
                    f"{_item(update.text)}"
                )
    quiet = _quiet_tracks(report)
    if quiet:
        out += ["", quiet]
    if report.undated:
        out += ["", _undated(report, markdown=True)]
    return "\n".join(out) + "\n"


def print_rich(report: StatusReport) -> None:
    """Rich tables for a terminal: meetings, then one table per track."""
    from udvikling import terminal
    from udvikling.output.tables import print_table

    console = terminal.console(highlight=False, markup=False)
    for heading in _heading(report):
        console.print(heading, style="bold", markup=False)
    console.print(report.summary(), markup=False)
    rows = [
        (
            meeting.date.danish(),
            meeting.body_name,
            f"{meeting.title} ({meeting_state(meeting)})",
            "\n".join(
                f"• {item.title}: {decision_text(meeting, item.decision)}" for item in meeting.items
            ),
        )
        for meeting in report.meetings
    ]
    if rows:
        print_table(
            console,
            ("Dato", "Organ", "Møde", "Beslutninger"),
            rows,
            whole=(0,),
            title="Møder i kvartalet",
            show_lines=True,
        )
    for track in report.tracks:
        if track.empty:
            continue
        lines: list[tuple[str, str, str, str]] = []
        styles: list[str | None] = []
        for line in track.initiatives:
            lines.append(
                (
                    line.title,
                    line.owner_name,
                    span_text(line).replace(", ", "\n"),
                    ", ".join(marks(line)) or "aktivt",
                )
            )
            styles.append("red" if line.late else None)
        for milestone in track.milestones:
            lines.append(
                (
                    f"◆ {milestone.title} (milepæl i {milestone.initiative_title})",
                    milestone.owner_name,
                    milestone.due.danish() if milestone.due else "uden frist",
                    milestone_text(milestone),
                )
            )
            styles.append("red" if milestone.state == "late" else None)
        print_table(
            console,
            ("Tiltag / milepæl", "Ansvarlig", "Periode / frist", "I kvartalet"),
            lines,
            whole=(2,),
            title=f"{track.name}: {track_counts(track)}",
            styles=styles,
        )
        for update in track.updates:
            head = f"  {update_when(update)}, {update.initiative_title}"
            for shown in _update_lines(head, update.text, "    "):
                console.print(shown, markup=False)
    quiet = _quiet_tracks(report)
    if quiet:
        console.print(quiet, markup=False)
    if report.undated:  # as in the piped view: nothing a terminal shows less
        console.print(_undated(report), markup=False)
