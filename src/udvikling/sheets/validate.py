"""Check every answer in the returned sheets and turn each answered row into a journal entry.

Each cell is read with the plan's own parsing and Danish messages (periods with
:func:`~udvikling.periods.parse_period`, statuses and deadlines as the model reads them), and
each row is checked against the plan and the manifest: the id is known, the initiative
belongs to the owner the sheet was sent to, its record has not changed since the sheet was
made, and it is not answered twice. A row whose entry is already in the journal (the same
sheet imported again) is counted, not posted. The rules lint runs on the whole plan come
after, in :mod:`udvikling.sheets.post`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from udvikling.danish import format_date
from udvikling.hints import did_you_mean
from udvikling.journal import plan_at, view_at
from udvikling.load import Dataset
from udvikling.model import Initiative, Update
from udvikling.periods import PeriodError, parse_period
from udvikling.sheets.layout import (
    ANSWER_COLUMNS,
    MANIFEST_FILE,
    MILESTONE_SEPARATOR,
    STATUS_CHOICES,
    Problem,
    status_value,
)
from udvikling.sheets.manifest import SentSheet, find_sent, record_state
from udvikling.sheets.read import Returned, SheetRow
from udvikling.sheets.yamltext import FieldValue
from udvikling.types import ONGOING


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
    if options.date is not None:
        return options.date
    today = options.today
    report = dataset.reports.get(sent.report) if sent.report else None
    if report is None or report.date.contains(today):
        return today.isoformat()
    if report.date.end < today:
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


@dataclass
class Checked:
    """The outcome of the checks: what to post, what was posted before, and the problems."""

    postings: list[Posting] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    already: list[Posting] = field(default_factory=list)
    unanswered: int = 0


def check_sheets(
    dataset: Dataset,
    sheets: Sequence[Returned],
    manifest_for: Callable[[Returned], Sequence[SentSheet] | None],
    options: Options,
) -> Checked:
    """Check every row of every sheet (see the module's rules).

    A workbook says itself whom it was sent to; for a CSV file (or a workbook that lost
    that) ``manifest_for`` gives the round's manifest to look it up in, if there is one.
    """
    checked = Checked()
    now = plan_at(dataset, view_at(options.today))
    seen: dict[str, str] = {}
    for sheet in sheets:
        checked.problems.extend(sheet.problems)
        answered = [row for row in sheet.rows if _answered(row)]
        checked.unanswered += len(sheet.rows) - len(answered)
        if not answered:
            continue
        sent = sheet.sent
        manifest = manifest_for(sheet) if sent is None else None
        if manifest is not None:
            ids = [row.text("id") for row in answered if row.text("id")]
            sent = find_sent(manifest, sheet.path.name, ids)
        if sent is None:
            checked.problems.append(_no_manifest(sheet, manifest is not None))
            continue
        for row in answered:
            _check_row(dataset, now, sheet, sent, row, options, seen, checked)
    return checked


def _answered(row: SheetRow) -> bool:
    return any(
        row.text(c.key) or (row.cells.get(c.key) and row.cells[c.key].error) for c in ANSWER_COLUMNS
    )


def _no_manifest(sheet: Returned, had_manifest: bool) -> Problem:
    if had_manifest:
        return Problem(
            sheet.label,
            "error",
            "Arket står ikke i udsendelsen: hverken filnavnet eller tiltagene findes i "
            f"{MANIFEST_FILE}.",
            "Angiv den udsendelse, arket kom fra, med --manifest.",
        )
    return Problem(
        sheet.label,
        "error",
        "Kan ikke se, hvem arket blev sendt til: det har ingen udv-oplysninger, og der er "
        f"ingen {MANIFEST_FILE} ved siden af det.",
        f"Angiv den {MANIFEST_FILE}, 'udv sheet export' skrev, med --manifest.",
    )


def _check_row(
    dataset: Dataset,
    now: Dataset,
    sheet: Returned,
    sent: SentSheet,
    row: SheetRow,
    options: Options,
    seen: dict[str, str],
    checked: Checked,
) -> None:
    problems = checked.problems
    for cell in row.cells.values():
        hidden = _hidden_character(cell.text)
        if hidden is not None:
            problems.append(hidden_problem(cell.where, *hidden))
        if cell.error:
            problems.append(
                Problem(
                    cell.where,
                    "error",
                    f"Cellen viser Excel-fejlen {cell.error} i stedet for tekst.",
                    "Tekst, der begynder med =, + eller -, læser Excel som en formel; "
                    "skriv den uden tegnet forrest.",
                )
            )
    initiative_id = row.text("id")
    if not initiative_id:
        problems.append(
            Problem(
                row.where,
                "error",
                "Rækken har svar, men intet Id.",
                "Skriv svarene i rækken for tiltaget; Id-kolonnen skal være som sendt.",
            )
        )
        return
    if initiative_id in seen:
        problems.append(
            Problem(
                row.where,
                "error",
                f"Tiltaget {initiative_id} er allerede besvaret i {seen[initiative_id]}.",
                "Saml svarene for et tiltag i én række.",
            )
        )
        return
    seen[initiative_id] = row.where
    record = dataset.initiatives.get(initiative_id)
    if record is None:
        problems.append(_unknown(dataset, row, initiative_id))
        return
    sent_row = sent.row_for(initiative_id)
    current = now.initiatives.get(initiative_id, record)
    if sent_row is None:
        if current.owner != sent.owner:
            owner = dataset.config.owners.get(current.owner or "")
            name = owner.name if owner is not None else "ingen ansvarlig"
            problems.append(
                Problem(
                    row.where,
                    "error",
                    f"Tiltaget {initiative_id} hører til {name}, ikke til {sent.owner_name}, "
                    "som arket blev sendt til.",
                    "Slet rækken, eller send svaret til den ansvarlige for tiltaget.",
                )
            )
            return
        problems.append(
            Problem(
                row.where,
                "warning",
                f"Tiltaget {initiative_id} var ikke med i arket, da det blev sendt ud; "
                "svaret indlæses alligevel.",
            )
        )
    posting = _posting(dataset, record, sheet, sent, row, options, problems)
    if posting is None:
        return
    if any(_same_answer(u, posting.entry, sent.as_of) for u in record.updates):
        checked.already.append(posting)
        return
    if sent_row is not None and record_state(record) != sent_row.state:
        problems.append(
            Problem(
                row.where,
                "warning" if options.allow_changed else "error",
                f"Tiltaget {initiative_id} er ændret i planen, siden arket blev lavet "
                f"{format_date(sent.exported)}; svaret kan bygge på forældede oplysninger.",
                None
                if options.allow_changed
                else f"Se ændringen med 'udv history {initiative_id}'. Gælder svaret stadig, "
                "så indlæs med --allow-changed.",
            )
        )
        if not options.allow_changed:
            return
    checked.postings.append(posting)


def _hidden_character(text: str) -> tuple[str, str] | None:
    """The lint code and character of a control or bidirectional character in ``text``."""
    from udvikling.terminal import find_bidi, find_control

    control = find_control(text)
    if control is not None:
        return "UDV009", control
    bidi = find_bidi(text)
    return ("UDV010", bidi) if bidi is not None else None


def hidden_problem(where: str, code: str, char: str) -> Problem:
    """A cell with a character lint refuses in the plan (UDV009, UDV010): never imported."""
    from udvikling.terminal import describe_char

    return Problem(
        where,
        "error",
        f"Cellen indeholder det usynlige tegn {describe_char(char)}, som planen ikke må have.",
        "Skriv teksten i cellen igen uden tegnet (det kommer ofte med ved kopiering).",
        code,
    )


def _unknown(dataset: Dataset, row: SheetRow, initiative_id: str) -> Problem:
    if initiative_id in dataset.broken["initiative"]:
        return Problem(
            row.where,
            "error",
            f"Filen for tiltaget {initiative_id} har fejl, så svaret kan ikke indlæses.",
            "Kør 'udv lint', ret fejlene, og indlæs igen.",
        )
    close = did_you_mean(initiative_id, dataset.initiatives)
    return Problem(
        row.where,
        "error",
        f"Ukendt tiltag '{initiative_id}': der findes ingen data/initiatives/{initiative_id}.yaml.",
        (f"Mente du '{close}'? " if close else "") + "Id-kolonnen skal være, som den blev sendt.",
    )


def _same_answer(existing: Update, entry: Update, shown: datetime.date) -> bool:
    """The same answer posted before: equal but for the date, which is the same or lies on
    or after the day of the plan the sheet showed (an answer to this sheet imported on
    another day). An equal entry from before then is an earlier round's, not this answer."""
    if existing.model_dump(exclude={"date"}) != entry.model_dump(exclude={"date"}):
        return False
    return existing.date == entry.date or existing.date.end >= shown


def _posting(
    dataset: Dataset,
    record: Initiative,
    sheet: Returned,
    sent: SentSheet,
    row: SheetRow,
    options: Options,
    problems: list[Problem],
) -> Posting | None:
    """The row's journal entry, or None (with problems) when a cell is wrong."""
    before = len(problems)
    when = entry_date(dataset, sent, options)
    if isinstance(when, Problem):
        problems.append(Problem(row.where, when.severity, when.message, when.hint))
        return None
    fields: list[tuple[str, FieldValue]] = [("date", when)]
    concerns = row.text("concerns")
    if concerns:
        _period(row, "concerns", problems)
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
            close = did_you_mean(status, STATUS_CHOICES)
            problems.append(
                Problem(
                    row.cells["new_status"].where,
                    "error",
                    f"'{status}' er ikke en status.",
                    (f"Mente du '{close}'? " if close else "")
                    + f"Vælg en af: {', '.join(STATUS_CHOICES)}.",
                )
            )
        else:
            fields.append(("status", found))
    due = row.text("new_due")
    if due:
        if due.strip().casefold() == ONGOING:
            due = ONGOING
        else:
            _period(row, "new_due", problems)
        fields.append(("due", due))
    reached = _reached(record, row, problems)
    if reached:
        fields.append(("reached", reached))
    if len(problems) > before:
        return None
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


def _period(row: SheetRow, key: str, problems: list[Problem]) -> None:
    cell = row.cells[key]
    try:
        parse_period(cell.text)
    except PeriodError as exc:
        problems.append(Problem(cell.where, "error", exc.message, exc.hint))


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
            close = did_you_mean(part.strip(), list(titles.values()))
            fix = f"Mente du '{close}'? " if close else ""
            listed = "; ".join(titles.values()) or "ingen"
            problems.append(
                Problem(
                    cell.where,
                    "error",
                    f"Tiltaget har ingen milepæl '{part.strip()}'.",
                    f"{fix}Tiltagets milepæle: {listed}.",
                )
            )
        elif title not in names:
            names.append(title)
    return tuple(names)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()
