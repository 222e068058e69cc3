"""One answered row of a returned sheet read as a journal entry: the date it is posted
with, each answer cell parsed as the plan parses it (periods, statuses, deadlines, reached
milestones), and the entry that results. The checks of the row against the plan and the
manifest are in :mod:`udvikling.sheets.validate`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from pydantic import ValidationError

from udvikling.danish import format_date
from udvikling.hints import did_you_mean
from udvikling.load import Dataset
from udvikling.model import Initiative, Update
from udvikling.periods import Period, PeriodError, parse_period
from udvikling.sheets.layout import MILESTONE_SEPARATOR, Problem, status_choices, status_value
from udvikling.sheets.manifest import SentRow, SentSheet
from udvikling.sheets.read import Returned, SheetRow
from udvikling.sheets.yamltext import FieldValue
from udvikling.vocab import ONGOING


@dataclass(frozen=True, slots=True)
class Options:
    """How answers are posted: the day of the import (for lint), the entries' date when
    given (as written), and whether a row for a changed initiative may still be posted."""

    today: datetime.date
    date: str | None = None
    allow_changed: bool = False


def entry_date(dataset: Dataset, sent: SentSheet, options: Options) -> str | Problem:
    """The date an answer is posted with: ``--date`` when given; for a report round the day
    of the import when it lies in the report's date, else the report's date once it has
    passed (an entry reported in a report is dated as the report, rule UDV407); otherwise
    the day of the import."""
    from udvikling.chrono import has_ended

    if options.date is not None:
        return options.date
    today = options.today
    report = dataset.reports.get(sent.report) if sent.report else None
    if report is None or report.date.contains(today):
        return today.isoformat()
    if has_ended(report.date, today):
        return str(report.date.canonical())
    return Problem(
        "",
        "error",
        f"Rapporten {sent.report} er dateret {report.date.danish()}; svar, der meldes i den, "
        f"kan tidligst indlæses {format_date(report.date.start)}.",
        "Indlæs svarene, når rapportens periode er begyndt, eller giv rapporten en periode "
        "som dato (fx april 2025).",
    )


@dataclass(frozen=True, slots=True)
class Posting:
    """One answered row, ready to post: the entry and its fields as they are to be written."""

    initiative: str
    path: str
    entry: Update
    fields: tuple[tuple[str, FieldValue], ...]
    row: SheetRow
    sheet: Returned
    replaces: int | None = None
    """The index in the journal of this answer's earlier version (a corrected sheet)."""


def answer_source(sent: SentSheet, row: int) -> str:
    """The identity of an answer as the entry's ``source``: the round (the day the sheet was
    made, and the plan's date when it differs), the owner it was sent to, and the row. A
    corrected sheet gives its answers the same source, so they replace the earlier ones."""
    shown = f" (planen pr. {sent.as_of.isoformat()})" if sent.as_of != sent.exported else ""
    made = sent.exported.isoformat()
    return f"Statusark til {sent.owner_name}, lavet {made}{shown}, række {row}"


def posting_for(
    dataset: Dataset,
    record: Initiative,
    sheet: Returned,
    sent: SentSheet,
    row: SheetRow,
    options: Options,
    problems: list[Problem],
    sent_row: SentRow | None = None,
) -> Posting | None:
    """The row's journal entry, or None (with problems) when a cell is wrong. ``sent_row``:
    the row ``sent`` has for the initiative (looked up there when not given)."""
    before = len(problems)
    when = entry_date(dataset, sent, options)
    if isinstance(when, Problem):
        problems.append(Problem(row.where, when.severity, when.message, when.hint))
        return None
    fields: list[tuple[str, FieldValue]] = [("date", when)]
    concerns = row.text("concerns")
    if concerns:
        period = _period(row, "concerns", problems)
        if period is not None:
            _far_period(row, period, sent, problems)
        fields.append(("concerns", concerns))
    if sent.report:
        fields.append(("reported_in", sent.report))
    text = row.text("text")
    if text:
        fields.append(("text", text))
    status = row.text("new_status")
    if status:
        found = status_value(status)
        if found is None:
            close = did_you_mean(status, status_choices())
            problems.append(
                Problem(
                    row.cells["new_status"].where,
                    "error",
                    f"'{status}' er ikke en status.",
                    (f"Mente du '{close}'? " if close else "")
                    + f"Vælg en af: {', '.join(status_choices())}.",
                )
            )
        else:
            fields.append(("status", found))
    due = row.text("new_due")
    if due:
        if due.strip().casefold() == ONGOING:
            due = ONGOING
        else:
            deadline = _period(row, "new_due", problems)
            if deadline is not None:
                _passed_deadline(row, deadline, parse_period(when).end, problems)
        fields.append(("due", due))
    reached = _reached(record, row, problems)
    if reached:
        fields.append(("reached", reached))
    if any(p.severity == "error" for p in problems[before:]):
        return None
    if sent_row is None:
        sent_row = sent.row_for(record.id)
    fields.append(("source", answer_source(sent, sent_row.row if sent_row else row.number)))
    if not any(key in ("text", "status", "due", "reached") for key, _ in fields):
        problems.append(
            Problem(
                row.cells["concerns"].where,
                "error",
                "Perioden er udfyldt, men rækken har ingen ny opdatering, status, frist eller "
                "milepæl.",
                "Skriv, hvad der er sket, under Ny opdatering, eller slet perioden.",
            )
        )
        return None
    try:
        entry = Update.model_validate(dict(fields))
    except ValidationError as exc:  # every cell was checked above; this is a last guard
        problems.append(
            Problem(row.where, "error", f"Svaret kan ikke bruges: {exc.errors()[0]['msg']}")
        )
        return None
    return Posting(record.id, record.path, entry, tuple(fields), row, sheet)


def _period(row: SheetRow, key: str, problems: list[Problem]) -> Period | None:
    cell = row.cells[key]
    try:
        return parse_period(cell.text)
    except PeriodError as exc:
        problems.append(Problem(cell.where, "error", exc.message, exc.hint))
        return None


def _far_period(row: SheetRow, period: Period, sent: SentSheet, problems: list[Problem]) -> None:
    """A warning for a period more than a year from the plan the sheet showed."""
    from udvikling.chrono import far_from

    if far_from(period, sent.as_of):
        problems.append(
            Problem(
                row.cells["concerns"].where,
                "warning",
                f"Perioden den vedrører ({period.danish()}) ligger mere end et år fra runden "
                f"(arket viste planen pr. {format_date(sent.as_of)}).",
                "Tjek årstallet; svaret indlæses med perioden, som den er skrevet.",
            )
        )


def _passed_deadline(
    row: SheetRow, period: Period, today: datetime.date, problems: list[Problem]
) -> None:
    """A warning for a new deadline that has already passed on ``today``, the day the
    answer is posted with."""
    from udvikling.chrono import overdue_on

    if overdue_on(period, today):
        problems.append(
            Problem(
                row.cells["new_due"].where,
                "warning",
                f"Den nye frist ({period.danish()}) er allerede overskredet "
                f"{format_date(today)}; tiltaget bliver for sent med det samme.",
                "Tjek fristen. Er tiltaget ikke færdigt, så skriv en frist, der ikke er passeret.",
            )
        )


def _reached(record: Initiative, row: SheetRow, problems: list[Problem]) -> tuple[str, ...]:
    """The milestones a row names, as their exact titles (case and spacing may differ)."""
    cell = row.cells.get("reached")
    if cell is None or not cell.text:
        return ()
    titles = {_fold(m.title): m.title for m in record.milestones}
    whole = titles.get(_fold(cell.text))
    if whole is not None:
        return (whole,)
    names: list[str] = []
    for part in cell.text.replace("\n", MILESTONE_SEPARATOR).split(MILESTONE_SEPARATOR):
        if not part.strip():
            continue
        title = titles.get(_fold(part))
        if title is None:
            problems.append(_unknown_milestone(cell.where, part.strip(), titles))
        elif title not in names:
            names.append(title)
    return tuple(names)


def _unknown_milestone(where: str, part: str, titles: dict[str, str]) -> Problem:
    """A name in 'Nåede milepæle' that is none of the initiative's milestones; milestones
    separated by commas are told that the separator is ';'."""
    listed = "; ".join(titles.values()) or "ingen"
    if "," in part:
        pieces = [titles.get(_fold(piece)) for piece in part.split(",")]
        if all(pieces):
            return Problem(
                where,
                "error",
                f"Flere milepæle skal adskilles med '{MILESTONE_SEPARATOR}', ikke med komma: "
                f"'{part}'.",
                f"Skriv: {f'{MILESTONE_SEPARATOR} '.join(p for p in pieces if p)}",
            )
        return Problem(
            where,
            "error",
            f"Tiltaget har ingen milepæl '{part}'.",
            f"Flere milepæle adskilles med '{MILESTONE_SEPARATOR}', ikke med komma. "
            f"Tiltagets milepæle: {listed}.",
        )
    close = did_you_mean(part, list(titles.values()))
    fix = f"Mente du '{close}'? " if close else ""
    return Problem(
        where,
        "error",
        f"Tiltaget har ingen milepæl '{part}'.",
        f"{fix}Tiltagets milepæle: {listed}.",
    )


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


# The answer columns by the entry field they fill, for saying what a correction changes.
_FIELD_HEADINGS: tuple[tuple[str, str], ...] = (
    ("text", "Ny opdatering"),
    ("concerns", "Perioden den vedrører"),
    ("status", "Ny status"),
    ("due", "Ny frist"),
    ("reached", "Nåede milepæle"),
)


def answer_changes(earlier: Update, corrected: Update) -> list[tuple[str, str, str]]:
    """What a corrected answer changes against the earlier one, in the sheet's terms: the
    column heading, the earlier cell and the new one ('' for an empty cell)."""
    changes: list[tuple[str, str, str]] = []
    for key, heading in _FIELD_HEADINGS:
        old, new = _cell(earlier, key), _cell(corrected, key)
        if old != new:
            changes.append((heading, old, new))
    return changes


def _cell(entry: Update, key: str) -> str:
    from udvikling.vocab import STATUS_LABELS

    value = getattr(entry, key)
    if value is None or value == ():
        return ""
    if key == "status":
        return STATUS_LABELS.get(value, str(value))
    if key == "reached":
        return f"{MILESTONE_SEPARATOR} ".join(value)
    return value if isinstance(value, str) else str(value)
