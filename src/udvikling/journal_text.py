"""A journal entry's changes in Danish: one short sentence per field it sets."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from udvikling.vocab import level_label, status_label

if TYPE_CHECKING:
    from udvikling.model import Update

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


# Each changeable field's plain Danish name, for "Status: fra planlagt til i gang".
FIELD_NAMES: dict[str, str] = {
    "title": "Titel",
    "track": "Spor",
    "owner": "Ansvarlig",
    "level": "Niveau",
    "status": "Status",
    "units": "Enheder",
    "start": "Start",
    "due": "Frist",
    "completed": "Afsluttet",
    "description": "Beskrivelse",
    "timing": "Iværksættelse",
    "responsibility": "Ansvar og forankring",
    "tags": "Emneord",
}
# Prose fields: shown whole, before and after, not on one line.
PROSE_FIELDS = ("description", "timing", "responsibility")


def change_line(
    name: str, old: object | None, new: object, lookup: Callable[[str, str], str] | None = None
) -> str:
    """One field an entry set, from what to what, as a sentence: ``Status: fra planlagt til
    i gang.``, ``Status: i gang (uændret).``; a prose field gives its new text."""
    label = FIELD_NAMES[name]
    after = value_text(name, new, lookup)
    if name in PROSE_FIELDS:
        return f"{label}: {after}" if old is None else f"Ny {label.lower()}: {after}"
    if old == new:
        return f"{label}: {after} (uændret)."
    before = "ikke oplyst" if old is None else value_text(name, old, lookup)
    if name == "title":
        return f"{label}: fra »{before}« til »{after}«."
    return f"{label}: fra {before} til {after}."


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
