"""Check every answer in the returned sheets and turn each answered row into a journal entry.

Each cell is read with the plan's own parsing and Danish messages (in
:mod:`udvikling.sheets.answers`), and each row is checked against the plan and the manifest:
the id is known, the initiative belongs to the owner the sheet was sent to, its record has
not changed since the sheet was made, and it is not answered twice. A row whose entry is
already in the journal (the same sheet imported again) is counted, not posted. The rules
lint runs on the whole plan come after, in :mod:`udvikling.sheets.post`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from udvikling.chrono import plan_at, view_at
from udvikling.danish import format_date
from udvikling.hints import did_you_mean
from udvikling.load import Dataset
from udvikling.model import Initiative, Update
from udvikling.sheets.answers import Options, Posting, posting_for
from udvikling.sheets.layout import (
    ANSWER_COLUMNS,
    MANIFEST_FILE,
    Problem,
)
from udvikling.sheets.manifest import SentRow, SentSheet, find_sent, record_state
from udvikling.sheets.read import Returned, SheetRow


@dataclass
class Checked:
    """The outcome of the checks: what to post, what was posted before, and the problems."""

    postings: list[Posting] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    already: list[Posting] = field(default_factory=list)
    unanswered: int = 0
    earlier: dict[str, Update] = field(default_factory=dict)  # the answers corrected

    def corrections(self) -> list[tuple[Posting, Update]]:
        """The postings that replace an earlier answer to the same row, with that answer."""
        found: list[tuple[Posting, Update]] = []
        for posting in self.postings:
            if posting.replaces is not None:
                found.append((posting, self.earlier[posting.initiative]))
        return found


def check_sheets(
    dataset: Dataset,
    sheets: Sequence[Returned],
    manifest_for: Callable[[Returned], Sequence[SentSheet] | None],
    options: Options,
    state: Callable[[Initiative], str] = record_state,
) -> Checked:
    """Check every row of every sheet (see the module's rules).

    A workbook says itself whom it was sent to; for a CSV file (or a workbook that lost
    that) ``manifest_for`` gives the round's manifest to look it up in, if there is one.
    ``state``: :func:`record_state`, or what gives the same (worked out ahead).
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
        sent = _trusted_entry(sheet, manifest_for(sheet), checked.problems)
        if sent is None:
            continue
        sent_rows = sent.rows_by_id()  # once a sheet: a row's lookup was a search of them all
        for row in answered:
            _check_row(dataset, now, sheet, sent, sent_rows, row, options, seen, checked, state)
    return checked


def _trusted_entry(
    sheet: Returned, manifest: Sequence[SentSheet] | None, problems: list[Problem]
) -> SentSheet | None:
    """What the plan keeper's export recorded for ``sheet`` (its entry in the round's
    ``udsendelse.json``), never the workbook's own copy, which whoever filled it in could
    change, unless it carries the keeper's seal; None with a problem when there is no
    such entry."""
    own = sheet.sent
    if own is not None and sheet.sealed:
        return own
    if manifest is None:
        problems.append(_no_manifest(sheet, False))
        return None
    names = [sheet.path.name] + ([own.file] if own is not None else [])
    ids = [row.text("id") for row in sheet.rows if row.text("id")]
    sent, clash = find_sent(manifest, names, ids)
    if clash is not None:
        problems.append(
            Problem(
                sheet.label,
                "error",
                f"Arket kan ikke indlæses: {clash}.",
                "Indlæs hver ansvarligs ark under det navn, det blev sendt ud med.",
            )
        )
        return None
    if sent is None:
        problems.append(_no_manifest(sheet, True))
        return None
    if own is not None and own != sent:
        problems.append(
            Problem(
                sheet.label,
                "warning",
                "udv's oplysninger i arket (det skjulte ark 'udv') passer ikke med "
                f"{MANIFEST_FILE}; udv bruger {MANIFEST_FILE}.",
                "Arket kan være ændret efter udsendelsen; tjek svarene, før de bruges.",
            )
        )
    return sent


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
        f"Kan ikke se, hvem arket blev sendt til: der er ingen {MANIFEST_FILE} ved siden af "
        "det, og udv's oplysninger i arket er ikke forseglet af din eksport (arket er lavet "
        "af en anden bruger eller på en anden maskine, er fra før udv forseglede dem, eller "
        "oplysningerne er ændret af den, der udfyldte det).",
        f"Angiv den {MANIFEST_FILE}, 'udv sheet export' skrev, med --manifest.",
    )


def _check_row(
    dataset: Dataset,
    now: Dataset,
    sheet: Returned,
    sent: SentSheet,
    sent_rows: Mapping[str, SentRow],
    row: SheetRow,
    options: Options,
    seen: dict[str, str],
    checked: Checked,
    state: Callable[[Initiative], str] = record_state,
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
    sent_row = sent_rows.get(initiative_id)
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
    posting = posting_for(dataset, record, sheet, sent, row, options, problems, sent_row)
    if posting is None:
        return
    if any(_same_answer(u, posting.entry, sent.as_of) for u in record.updates):
        checked.already.append(posting)
        return
    # The same row of the same round answered before: a corrected sheet replaces that answer,
    # and the record is compared with the sheet's as it was without it.
    compared = record
    earlier = _earlier_answer(record.updates, posting.entry.source)
    if earlier is not None:
        posting = replace(posting, replaces=earlier)
        checked.earlier[initiative_id] = record.updates[earlier]
        kept = record.updates[:earlier] + record.updates[earlier + 1 :]
        compared = record.model_copy(update={"updates": kept})
    if sent_row is not None and state(compared) != sent_row.state:
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


def _earlier_answer(updates: Sequence[Update], source: str | None) -> int | None:
    """The index of the journal entry that answered the same row of the same round (the
    last one, should there be several)."""
    found = None
    for index, update in enumerate(updates):
        if source is not None and update.source == source:
            found = index
    return found


def _same_answer(existing: Update, entry: Update, shown: datetime.date) -> bool:
    """The same answer posted before: equal but for the date, which is the same or lies on
    or after the day of the plan the sheet showed (an answer to this sheet imported on
    another day). An equal entry from before then is an earlier round's, not this answer.
    An entry without a source is from before answers had one, and equal without it."""
    ignored = {"date"} if existing.source is not None else {"date", "source"}
    if existing.model_dump(exclude=ignored) != entry.model_dump(exclude=ignored):
        return False
    from udvikling.chrono import lasts_until

    return existing.date == entry.date or lasts_until(existing.date, shown)
