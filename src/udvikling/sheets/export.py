"""Write a status round: a workbook (or CSV file) per owner and the round's manifest.

CSV has the workbook's columns and headings, in UTF-8 with a byte order mark and ``;``
between fields: what Excel with Danish settings opens as columns, with æ, ø and å intact
(without the mark Excel reads the file as Windows-1252; with ``,`` it puts each line in one
cell, since the Danish list separator is ``;``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from udvikling.errors import EnvironmentProblem, UsageError
from udvikling.fileio import write_atomic, write_error_text
from udvikling.sheets.layout import COLUMNS, HEADINGS, MANIFEST_FILE, Format, sheet_name
from udvikling.sheets.manifest import (
    ManifestError,
    SentRow,
    SentSheet,
    merged,
    read_round,
    round_json,
)
from udvikling.sheets.rows import OwnerSheet, Round, pack_round, pack_sheet

if TYPE_CHECKING:
    from udvikling.sheets.standby import Standby

FORMULA_START = ("=", "+", "-", "@")

WORKBOOK_ROWS = 64
"""What making a workbook costs besides its rows, in rows' worth (openpyxl's workbook, style
sheet, theme and zip: about 30 ms, a row about 0.5 ms; measured on the 1k round): the
workbooks are shared between the cores by this, so one big workbook (the 537 rows without
an owner) is not weighed against ten small ones as if those cost only their rows."""


def sent_sheet(sheet: OwnerSheet, file_name: str, fmt: Format, round_: Round) -> SentSheet:
    """The manifest entry for ``sheet`` written as ``file_name`` (rows from line 2)."""
    return SentSheet(
        file=file_name,
        owner=sheet.owner,
        owner_name=sheet.owner_name,
        format=fmt,
        exported=round_.exported,
        as_of=round_.as_of,
        report=round_.report,
        rows=tuple(
            SentRow(id=row.id, row=number, state=row.state)
            for number, row in enumerate(sheet.rows, start=2)
        ),
    )


def csv_bytes(sheet: OwnerSheet) -> bytes:
    """The sheet as CSV for Excel with Danish settings: UTF-8 with BOM, ``;``, CRLF."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADINGS)
    for row in sheet.rows:
        values = row.values()
        writer.writerow([_csv_text(values.get(c.key, "")) for c in COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_text(value: str) -> str:
    """Text Excel shows as text: a leading =, +, - or @ would start a formula."""
    return f"'{value}" if value.startswith(FORMULA_START) else value


@dataclass
class Exported:
    """What an export wrote: each file with its sheet, the manifest, owners left out."""

    files: list[tuple[Path, OwnerSheet]] = field(default_factory=list)
    sent: list[SentSheet] = field(default_factory=list)
    """Each file's manifest entry, in the order of ``files``."""
    manifest: Path | None = None
    empty: list[OwnerSheet] = field(default_factory=list)


def start_workbooks() -> Standby | None:
    """Workers for the round's workbooks, made ready now: on the other core, a child imports
    openpyxl while this process loads the plan and builds the rows, then makes the workbooks
    :func:`write_round` gives it (with a second child for half of them). None with one core.
    Stop it (``stop()``) when it is not used."""
    from udvikling.sheets.standby import Standby

    return Standby.start(_prepare_workbooks, _packed_workbook)


def _prepare_workbooks() -> None:
    import udvikling.sheets.workbook  # noqa: F401  (openpyxl and the workbook's looks)


def _packed_workbook(context: Any, item: Any) -> bytes:
    """One workbook from plain values (:func:`write_round` packs them)."""
    from udvikling.sheets.rows import unpack_round, unpack_sheet
    from udvikling.sheets.workbook import workbook_bytes

    packed_round, key = context
    packed_sheet, entry = item
    sent = SentSheet.model_validate(entry)
    return workbook_bytes(unpack_sheet(packed_sheet), unpack_round(packed_round), sent, key)


def write_round(
    sheets: Sequence[OwnerSheet],
    round_: Round,
    fmt: Format,
    folder: Path,
    file_name: str | None = None,
    workers: Standby | None = None,
) -> Exported:
    """Write each sheet with rows into ``folder`` (as ``file_name`` when one sheet is asked
    for by name), then the round's manifest next to them. Sheets without rows get no file.

    ``workers`` (:func:`start_workbooks`) make the workbooks; without them they are made
    here and in a child forked now (:func:`udvikling.sheets.twocores.each`)."""
    from udvikling.sheets.manifest import sealing_key
    from udvikling.sheets.twocores import each

    result = Exported()
    sent: list[SentSheet] = []
    manifest = folder / MANIFEST_FILE
    names = [file_name or sheet_name(s.slug, fmt) for s in sheets if s.rows]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        # A declared owner with the id of those without one (uden-ansvarlig).
        raise UsageError(
            f"To ark ville hedde {', '.join(twice)}.",
            "Giv den ansvarlige i udvikling.yaml et andet id end uden-ansvarlig.",
        )
    existing = _existing(manifest)
    key = sealing_key() if fmt == "xlsx" else None  # read once, not once per workbook
    result.empty = [sheet for sheet in sheets if not sheet.rows]
    made = [(s, file_name or sheet_name(s.slug, fmt)) for s in sheets if s.rows]
    entries = [sent_sheet(sheet, name, fmt, round_) for sheet, name in made]

    def make(index: int) -> bytes:
        sheet = made[index][0]
        if fmt == "xlsx":
            from udvikling.sheets.workbook import workbook_bytes

            return workbook_bytes(sheet, round_, entries[index], key)
        return csv_bytes(sheet)

    # The workbooks are made on both cores (by the workers made ready, else twocores), then
    # written in order.
    fixed = WORKBOOK_ROWS if fmt == "xlsx" else 0
    weights = [len(sheet.rows) + fixed for sheet, _ in made]
    if workers is not None and fmt == "xlsx":
        items = [
            (pack_sheet(sheet), entry.model_dump(mode="json"))
            for (sheet, _), entry in zip(made, entries, strict=True)
        ]
        context = (pack_round(round_), key)
        datas = workers.run(context, items, weights, lambda value: isinstance(value, bytes))
    else:
        datas = each(range(len(made)), make, weights)
    for (sheet, name), entry, data in zip(made, entries, datas, strict=True):
        _write(folder / name, data)
        result.files.append((folder / name, sheet))
        sent.append(entry)
    result.sent = sent
    if sent:
        _write(manifest, round_json(merged(existing, sent)))
        result.manifest = manifest
    return result


def _existing(manifest: Path) -> list[SentSheet]:
    if not manifest.exists():
        return []
    try:
        return read_round(manifest)
    except ManifestError as exc:
        raise EnvironmentProblem(
            str(exc), f"Flyt eller slet {manifest}, eller eksportér til en anden mappe."
        ) from None


def _write(path: Path, data: bytes | str) -> None:
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise EnvironmentProblem(
            f"Kan ikke skrive {path}: {write_error_text(exc)}.", "Vælg en anden mappe med -o."
        ) from None
