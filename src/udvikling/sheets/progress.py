"""How far a status round has come: which owners have answered, which not, which rows are
still without an answer, and when each sheet was made and its answers read in.

A row is answered when the plan's journal holds its answer: the entry whose ``source`` is
the row's identity (:func:`udvikling.sheets.answers.answer_source`). The round itself is
what the export recorded in ``udsendelse.json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from udvikling.danish import count_noun, danish_sort_key, format_date
from udvikling.load import Dataset
from udvikling.model import Update
from udvikling.sheets.answers import answer_source
from udvikling.sheets.manifest import SentSheet

if TYPE_CHECKING:
    from udvikling.output.json_types import SheetJson, SheetStatusJson


@dataclass(frozen=True, slots=True)
class RowProgress:
    """One row of a sheet: its initiative, and its answer in the journal when read in."""

    initiative: str
    title: str
    row: int
    answer: Update | None


@dataclass(frozen=True, slots=True)
class SheetProgress:
    """One sheet of the round and its rows."""

    sent: SentSheet
    rows: tuple[RowProgress, ...]

    @property
    def answered(self) -> bool:
        """Whether any answer from this sheet is in the journal."""
        return any(r.answer is not None for r in self.rows)

    @property
    def empty(self) -> tuple[RowProgress, ...]:
        """The rows without an answer in the journal."""
        return tuple(r for r in self.rows if r.answer is None)

    @property
    def read(self) -> tuple[str, ...]:
        """The dates the sheet's answers were posted with (ISO, distinct)."""
        return tuple(sorted({r.answer.date.canonical() for r in self.rows if r.answer is not None}))


def round_progress(dataset: Dataset, sheets: Sequence[SentSheet]) -> list[SheetProgress]:
    """Each sheet of the round with each row's answer as the journal holds it."""
    found: list[SheetProgress] = []
    # By owner name in Danish order; the sheet without an owner ("Uden ansvarlig") last.
    for sent in sorted(
        sheets, key=lambda s: (s.owner is None, danish_sort_key(s.owner_name), s.file)
    ):
        rows: list[RowProgress] = []
        for row in sent.rows:
            record = dataset.initiatives.get(row.id)
            source = answer_source(sent, row.row)
            answer = None
            if record is not None:
                answer = next((u for u in reversed(record.updates) if u.source == source), None)
            title = record.title if record is not None else row.id
            rows.append(RowProgress(row.id, title, row.row, answer))
        found.append(SheetProgress(sent, tuple(rows)))
    return found


def _who(sent: SentSheet) -> str:
    return sent.owner_name if sent.owner is not None else "Uden ansvarlig"


def _read_text(sheet: SheetProgress) -> str:
    from udvikling.periods import parse_period

    return " og ".join(parse_period(day).danish() for day in sheet.read)


def to_text(progress: Sequence[SheetProgress], where: str) -> str:
    """The round as a list: first the owners to chase, then those who have answered."""
    missing = [s for s in progress if not s.answered]
    done = [s for s in progress if s.answered]
    owners = count_noun(len(progress), "ark", "ark")
    lines = [f"Statusrunden i {where}: {owners}, {len(done)} besvaret, {len(missing)} mangler."]
    if missing:
        lines += ["", f"Mangler svar ({len(missing)} af {len(progress)}):"]
        for sheet in missing:
            sent = sheet.sent
            rows = count_noun(len(sheet.rows), "tiltag", "tiltag")
            lines.append(
                f"  {_who(sent)} ({sent.file}): lavet {format_date(sent.exported)}, {rows}"
            )
        lines.append(f"  tip: Skriv rykkere med 'udv sheet remind {where} --deadline DATO'.")
    if done:
        lines += ["", f"Har svaret ({len(done)} af {len(progress)}):"]
        for sheet in done:
            sent = sheet.sent
            answered = len(sheet.rows) - len(sheet.empty)
            lines.append(
                f"  {_who(sent)} ({sent.file}): lavet {format_date(sent.exported)}, "
                f"indlæst {_read_text(sheet)}, {answered} af "
                f"{count_noun(len(sheet.rows), 'tiltag', 'tiltag')} besvaret"
            )
    empty = [(s, r) for s in progress for r in s.empty]
    if empty:
        lines += ["", f"Tiltag uden svar ({len(empty)}):"]
        for sheet, row in empty:
            lines.append(f"  {row.initiative} ({row.title}), {_who(sheet.sent)}, række {row.row}")
    return "\n".join(lines) + "\n"


def to_json(progress: Sequence[SheetProgress], where: str) -> str:
    """The round as JSON (docs/json-output.md)."""
    sheets: list[SheetJson] = []
    for sheet in progress:
        sent = sheet.sent
        sheets.append(
            {
                "file": sent.file,
                "owner": sent.owner,
                "owner_name": sent.owner_name,
                "exported": sent.exported.isoformat(),
                "as_of": sent.as_of.isoformat(),
                "report": sent.report,
                "answered": sheet.answered,
                "read": list(sheet.read),
                "rows": [
                    {
                        "id": row.initiative,
                        "title": row.title,
                        "row": row.row,
                        "answered": row.answer is not None,
                        "read": row.answer.date.canonical() if row.answer is not None else None,
                    }
                    for row in sheet.rows
                ],
            }
        )
    data: SheetStatusJson = {
        "round": where,
        "answered": [s.sent.file for s in progress if s.answered],
        "missing": [s.sent.file for s in progress if not s.answered],
        "sheets": sheets,
    }
    from udvikling.output.report_json import dumps

    return dumps("sheet-status", data)
