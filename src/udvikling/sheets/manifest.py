"""What was sent to whom: the manifest of a status round, and the state of each row.

Every exported sheet is described by a :class:`SentSheet`: file name, owner, the day it was
made, the date the plan was shown as of (and the report round), and for each row the
initiative's id and a fingerprint of its record in the plan's files (:func:`record_state`).
An import compares that fingerprint with the record as it is now, so an answer given to a
plan that has changed since is caught instead of posted blindly.

The manifest is kept in two places (docs/statusrunde.md):

* ``udsendelse.json`` next to the exported files: the whole round, one entry per file (a
  later export into the same folder replaces its own files' entries and keeps the others);
* inside each workbook, in a very hidden sheet ``udv``: that file's own entry, so a returned
  workbook is understood wherever it was saved and whatever it was renamed to. A CSV file has
  no room for it; its import reads ``udsendelse.json``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from udvikling.model import Initiative

KIND_SHEET = "statusark"
KIND_ROUND = "udsendelse"
VERSION = 1


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SentRow(_Model):
    """One row as sent: the initiative, its row number and its record's fingerprint."""

    id: str
    row: int = Field(ge=1)
    state: str


class SentSheet(_Model):
    """One exported file."""

    file: str
    owner: str | None
    owner_name: str
    format: Literal["xlsx", "csv"]
    exported: date
    as_of: date
    report: str | None = None
    rows: tuple[SentRow, ...] = ()

    def row_for(self, initiative: str) -> SentRow | None:
        """The row sent for ``initiative``, if it was sent in this file."""
        return next((r for r in self.rows if r.id == initiative), None)

    def rows_by_id(self) -> dict[str, SentRow]:
        """:meth:`row_for` for every initiative at once (the first row of each)."""
        found: dict[str, SentRow] = {}
        for row in self.rows:
            found.setdefault(row.id, row)
        return found


class _Embedded(SentSheet):
    udv: Literal["statusark"]
    version: Literal[1]
    seal: str | None = None


class _Round(_Model):
    udv: Literal["udsendelse"]
    version: Literal[1]
    sheets: tuple[SentSheet, ...] = ()


class ManifestError(ValueError):
    """A manifest that cannot be used (with a Danish message)."""


def record_state(initiative: Initiative) -> str:
    """A fingerprint of the initiative's record as written in its file.

    Fields at their defaults are left out, so a field added to the model later does not
    change the fingerprint of records that do not use it.
    """
    data = initiative.model_dump(mode="json", exclude_defaults=True)
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def sealing_key() -> bytes | None:
    """The plan keeper's private key that seals a workbook's own entry (see
    :func:`embedded_json`); None where udv has no private place to keep one."""
    from udvikling.cache import user_key

    return user_key()


def _seal(sheet: SentSheet, key: bytes) -> str:
    text = json.dumps(sheet.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    mac = hashlib.blake2b(text.encode("utf-8"), key=key, digest_size=16, person=b"udv-statusark")
    return mac.hexdigest()


def embedded_json(sheet: SentSheet, key: bytes | None = None) -> str:
    """The sheet's own manifest entry as the JSON kept inside the workbook, sealed with the
    plan keeper's ``key``: whoever fills in the sheet can read the entry and change it, but
    cannot make a seal that fits, so only an unchanged entry is believed on import."""
    data = {"udv": KIND_SHEET, "version": VERSION, **sheet.model_dump(mode="json")}
    if key is not None:
        data["seal"] = _seal(sheet, key)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def parse_embedded(text: str, key: bytes | None = None) -> tuple[SentSheet, bool]:
    """The manifest entry kept inside a workbook, and whether its seal shows it is what
    the plan keeper's export wrote (with ``key``); :class:`ManifestError` when unusable."""
    import hmac

    try:
        found = _Embedded.model_validate_json(text)
    except ValidationError:
        raise ManifestError(
            "udv's oplysninger om arket (det skjulte ark 'udv') er beskadiget."
        ) from None
    sheet = SentSheet.model_validate(found.model_dump(exclude={"udv", "version", "seal"}))
    sealed = (
        key is not None
        and found.seal is not None
        and hmac.compare_digest(found.seal, _seal(sheet, key))
    )
    return sheet, sealed


MAX_ROUND_BYTES = 16 * 1024 * 1024


def read_round(path: Path) -> list[SentSheet]:
    """The sheets listed in a round's ``udsendelse.json``; :class:`ManifestError` if unusable."""
    from udvikling.safe_read import NotAFile, TooLarge, read_error_text, read_regular

    try:
        raw = read_regular(path, str(path), MAX_ROUND_BYTES)
    except NotAFile as exc:  # a FIFO must not hang the export
        raise ManifestError(f"{path} kan ikke læses: det er {exc.kind}.") from None
    except TooLarge:
        raise ManifestError(f"{path} er for stor til en udsendelse fra udv.") from None
    except OSError as exc:
        raise ManifestError(f"{path} kan ikke læses: {read_error_text(exc)}.") from None
    try:
        found = _Round.model_validate_json(raw)
    except ValidationError:
        raise ManifestError(f"{path} er ikke en udsendelse fra 'udv sheet export'.") from None
    return list(found.sheets)


def round_json(sheets: Sequence[SentSheet]) -> str:
    """A round's manifest as JSON (sheets sorted by file name), ending in a newline."""
    data = {
        "udv": KIND_ROUND,
        "version": VERSION,
        "sheets": [s.model_dump(mode="json") for s in sorted(sheets, key=lambda s: s.file)],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def merged(existing: Sequence[SentSheet], written: Sequence[SentSheet]) -> list[SentSheet]:
    """``existing`` with the entries for the files in ``written`` replaced by them."""
    names = {s.file for s in written}
    return [s for s in existing if s.file not in names] + list(written)


def find_sent(
    sheets: Sequence[SentSheet], names: Sequence[str], ids: Sequence[str]
) -> tuple[SentSheet | None, str | None]:
    """The entry the plan keeper's round recorded for a returned file, found by its rows
    (the entry that sent most of the file's ids) and by its name (``names``: the file's
    name, then the name the workbook says it was sent as); and, when the two point to
    sheets sent to different owners, why it is refused (a file renamed to another
    owner's name must not speak for that owner). Only the round's own entries are used:
    a workbook's own copy of its entry may have been changed by whoever filled it in."""
    by_name = next((s for name in names for s in sheets if s.file == name), None)
    counts: list[tuple[int, SentSheet]] = []
    for sheet in sheets:
        sent = sheet.rows_by_id()
        counts.append((sum(1 for i in ids if i in sent), sheet))
    best = max((count for count, _ in counts), default=0)
    leaders = [s for count, s in counts if count == best] if best else []
    by_rows = by_name if by_name in leaders else (leaders[0] if len(leaders) == 1 else None)
    if by_name is None or by_rows is None:
        return by_rows or by_name, None
    if by_rows.owner != by_name.owner:
        return None, (
            f"filnavnet {by_name.file} er arket til {by_name.owner_name}, men rækkerne er fra "
            f"arket til {by_rows.owner_name}"
        )
    return by_name, None
