"""A journal entry's changes in Danish: one short sentence per field it sets."""

from __future__ import annotations

from collections.abc import Callable

from udvikling.model import Update
from udvikling.types import level_label, status_label

# The Danish name of each field an entry can change (model.CHANGEABLE), as a sentence start.
FIELD_LABELS: dict[str, str] = {
    "title": "Ny titel",
    "track": "Nyt spor",
    "owner": "Ny ansvarlig",
    "level": "Nyt niveau",
    "status": "Status",
    "units": "Enheder",
    "start": "Ny start",
    "due": "Ny frist",
    "completed": "Afsluttet",
    "description": "Ny beskrivelse",
    "timing": "Ny tekst om iværksættelse",
    "responsibility": "Ny tekst om ansvar",
    "tags": "Emneord",
}


def value_text(name: str, value: object, lookup: Callable[[str, str], str] | None = None) -> str:
    """A changed value in Danish; ``lookup(field, id)`` names declared ids (owner, track)."""
    from udvikling.periods import Period

    if name == "status":
        return status_label(str(value)).lower()
    if name == "level":
        return level_label(str(value)).lower()
    if isinstance(value, Period):
        return value.danish()
    if isinstance(value, tuple):
        return ", ".join(lookup(name, str(v)) if lookup else str(v) for v in value) or "ingen"
    if name in ("owner", "track") and lookup is not None:
        return lookup(name, str(value))
    return str(value)


def entry_changes(update: Update, lookup: Callable[[str, str], str] | None = None) -> list[str]:
    """``["Status: afsluttet.", "Ny frist: 1. kvartal 2025.", "Nået: Tiltrædelse."]``."""
    out = [
        f"{FIELD_LABELS[name]}: {value_text(name, value, lookup)}."
        for name, value in update.changes().items()
        if name not in ("description", "timing", "responsibility")
    ]
    out += [
        f"{FIELD_LABELS[name]}."
        for name in ("description", "timing", "responsibility")
        if getattr(update, name) is not None
    ]
    if update.reached:
        out.append(f"Nået: {', '.join(update.reached)}.")
    return out
