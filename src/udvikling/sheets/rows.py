"""Which initiatives go to whom: the plan as it stood, one sheet per owner, as plain rows.

An initiative is *open* when its status in the plan as it stood (the time package's
:class:`~udvikling.chrono.Standing`) is neither ``afsluttet`` nor ``opgivet``; an unset status
is open (someone has to say). Initiatives in a track reported separately (in the structure as
it stood) are left out, as they are from the notes; milestones already reached are not asked.
Initiatives
without an owner go to one sheet of their own (``uden-ansvarlig``) for the administration
to forward. No I/O here: the export writes these rows as a workbook or CSV.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from udvikling.chrono import CLOSED_STATUSES, Standing, View, last_report_entry, stand
from udvikling.danish import danish_sort_key
from udvikling.journal_text import entry_changes
from udvikling.load import Dataset
from udvikling.model import Initiative, Update
from udvikling.sheets.layout import UNOWNED
from udvikling.sheets.manifest import record_state
from udvikling.vocab import UNKNOWN, status_label

NO_UPDATES = "Ingen opdateringer"
SINCE_PLAN = "Intet meldt, siden tiltaget kom med i planen."


@dataclass(frozen=True, slots=True)
class Row:
    """One initiative as its owner reads it, and the state of its record when exported."""

    id: str
    title: str
    track: str
    status: str
    due: str
    last_text: str
    last_date: str
    milestones: tuple[str, ...]
    """Titles of the milestones not reached yet: the choices for ``Nåede milepæle``."""
    milestone_notes: tuple[str, ...]
    """The same milestones with their deadlines, as the sheet shows them."""
    state: str
    last_day: date | None = None
    """The newest entry's date when it is one exact day (a real date in the workbook)."""
    confidential: bool = False
    """The initiative is confidential in the plan (the printed sheet says so)."""

    def values(self) -> dict[str, str]:
        """The read-only cells by column key (the answer columns start empty)."""
        return {
            "id": self.id,
            "title": self.title,
            "track": self.track,
            "status": self.status,
            "due": self.due,
            "last_text": self.last_text,
            "last_date": self.last_date,
            "milestones": "\n".join(
                f"• {note}" if len(self.milestone_notes) > 1 else note
                for note in self.milestone_notes
            ),
        }


@dataclass(frozen=True, slots=True)
class OwnerSheet:
    """The rows for one owner (``owner`` None: initiatives without an owner)."""

    owner: str | None
    owner_name: str
    slug: str
    rows: tuple[Row, ...]

    @property
    def confidential(self) -> tuple[str, ...]:
        """The titles of its confidential initiatives."""
        return tuple(r.title for r in self.rows if r.confidential)


@dataclass(frozen=True, slots=True)
class Round:
    """A status round: the plan as it stood on ``as_of`` (or for a report), sent ``exported``."""

    organisation: str
    process: str
    as_of: date
    exported: date
    report: str | None = None
    report_title: str | None = None
    notice: str | None = None  # data with errors was left out (--allow-errors)


def pack_sheet(sheet: OwnerSheet) -> tuple[Any, ...]:
    """``sheet`` as plain values (for marshal: to the process that makes its workbook)."""
    rows = tuple(
        (
            *(getattr(row, name) for name in _ROW_FIELDS[:-2]),
            row.last_day.toordinal() if row.last_day is not None else None,
            row.confidential,
        )
        for row in sheet.rows
    )
    return (sheet.owner, sheet.owner_name, sheet.slug, rows)


def unpack_sheet(values: Any) -> OwnerSheet:
    """The sheet :func:`pack_sheet` packed."""
    owner, name, slug, rows = values
    unpacked: list[Row] = []
    for row in rows:
        *plain, last_day, confidential = row
        day = date.fromordinal(last_day) if last_day is not None else None
        unpacked.append(Row(*[*plain, day, confidential]))
    return OwnerSheet(owner, name, slug, tuple(unpacked))


def pack_round(round_: Round) -> tuple[Any, ...]:
    """``round_`` as plain values (see :func:`pack_sheet`)."""
    return (
        round_.organisation,
        round_.process,
        round_.as_of.toordinal(),
        round_.exported.toordinal(),
        round_.report,
        round_.report_title,
        round_.notice,
    )


def unpack_round(values: Any) -> Round:
    """The round :func:`pack_round` packed."""
    organisation, process, as_of, exported, report, title, notice = values
    return Round(
        organisation,
        process,
        date.fromordinal(as_of),
        date.fromordinal(exported),
        report,
        title,
        notice,
    )


_ROW_FIELDS = tuple(f.name for f in fields(Row))
assert _ROW_FIELDS[-2:] == ("last_day", "confidential")  # packed apart from the others


def owner_name(dataset: Dataset, owner: str | None) -> str:
    """The owner's Danish name; ``Ikke oplyst`` for initiatives without an owner."""
    if owner is None:
        return UNKNOWN
    declared = dataset.config.owners.get(owner)
    return declared.name if declared is not None else owner


def owner_slug(owner: str | None) -> str:
    """The owner's part of the file name."""
    return owner if owner is not None else UNOWNED


def is_open(initiative: Initiative) -> bool:
    """Neither ``afsluttet`` nor ``opgivet`` (an unset status is open)."""
    return initiative.status not in CLOSED_STATUSES


def is_asked(standing: Standing, initiative: Initiative) -> bool:
    """Open, and not in a track reported separately (not in the plan's notes, so not in its
    status round either)."""
    return is_open(initiative) and standing.followed(initiative)


def build_sheets(
    dataset: Dataset, view: View, owners: Sequence[str | None] | None = None
) -> list[OwnerSheet]:
    """A sheet per owner with open initiatives in the plan as it stood in ``view``.

    ``owners`` limits the sheets to those owners (None in it: the initiatives without an
    owner); by default every declared owner with open initiatives, in the order of
    ``udvikling.yaml``, then those without an owner. An owner asked for by name gets a sheet
    even when it is empty.
    """
    standing = stand(dataset, view)
    plan = standing.plan
    grouped: dict[str | None, list[Initiative]] = {}
    for initiative in plan.initiatives.values():
        if is_asked(standing, initiative):
            grouped.setdefault(initiative.owner, []).append(initiative)
    if owners is None:
        order: list[str | None] = [o for o in dataset.config.owners if o in grouped]
        order += sorted((o for o in grouped if o is not None and o not in order), key=str)
        if None in grouped:
            order.append(None)
    else:
        order = list(owners)
    tracks = list(plan.config.tracks)
    sheets = []
    for owner in order:
        items = sorted(
            grouped.get(owner, []),
            key=lambda i: (
                tracks.index(i.track) if i.track in tracks else len(tracks),
                danish_sort_key(i.title),
                i.id,
            ),
        )
        rows = tuple(_row(dataset, standing, item) for item in items)
        sheets.append(OwnerSheet(owner, owner_name(dataset, owner), owner_slug(owner), rows))
    return sheets


def _row(dataset: Dataset, standing: Standing, initiative: Initiative) -> Row:
    track = standing.plan.config.tracks.get(initiative.track)
    # The last report, as the notat's "Senest meldt" (R19): a rename or a moved deadline is
    # a change of plan, not news; with no report since, the plan the initiative came from.
    when = standing.initiative(initiative).last_report
    last = last_report_entry(initiative, standing.judged)
    if last is not None and last.date != when:
        last = None
    open_milestones = [m for m in standing.milestones(initiative) if m.reached is None]
    notes = [
        f"{m.milestone.title} (frist {m.due.danish()})" if m.due else m.milestone.title
        for m in open_milestones
    ]
    return Row(
        id=initiative.id,
        title=initiative.title,
        track=track.name if track is not None else initiative.track,
        status=status_label(initiative.status),
        due=_due_text(initiative),
        last_text=_entry_text(last) if last is not None else SINCE_PLAN if when else NO_UPDATES,
        last_date=when.danish() if when is not None else "",
        milestones=tuple(m.milestone.title for m in open_milestones),
        milestone_notes=tuple(notes),
        state=record_state(dataset.initiatives[initiative.id]),
        last_day=when.start if when is not None and when.grain == "day" else None,
        confidential=initiative.confidential,
    )


def _due_text(initiative: Initiative) -> str:
    if initiative.due is None:
        return UNKNOWN
    if initiative.ongoing:
        return "løbende"
    period = initiative.due_period
    return period.danish() if period is not None else UNKNOWN


def _entry_text(update: Update) -> str:
    parts = [update.text] if update.text else []
    parts += entry_changes(update)
    return " ".join(parts)
