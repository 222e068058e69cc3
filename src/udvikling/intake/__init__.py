"""``udv import``: a plan that lives in a Word table or a spreadsheet, as records of udv.

:func:`prepare_import` reads the files (:mod:`udvikling.intake.tables`), finds the columns
(:mod:`~udvikling.intake.columns`) and the initiatives (:mod:`~udvikling.intake.rows`), and
works out every file it would write: one initiative per row, and the tracks and owners it
names declared in ``udvikling.yaml`` with ids made from their names (reusing those already
declared). Nothing is written by it; :func:`diff_text` shows the change as a diff and
:func:`write_import` writes it, never over an existing record, and takes it all back
again if the plan would not lint clean.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from udvikling.intake.columns import ColumnChoice
from udvikling.intake.rows import ImportedRow
from udvikling.intake.write import ImportStopped, diff_text, write_import
from udvikling.sheets.layout import Problem

ID_LENGTH = 60  # ids made from a track's or owner's name are cut at a word after this

__all__ = [
    "ImportStopped",
    "Options",
    "Prepared",
    "diff_text",
    "prepare_import",
    "write_import",
]


@dataclass(frozen=True, slots=True)
class Options:
    """How to read: ``--columns``, ``--date`` (the plan's date: each record's ``since``),
    ``--track`` (the track of rows that name none), ``--skip-existing`` (rows whose
    initiative is in the plan already are passed over instead of stopping the import)."""

    columns: tuple[ColumnChoice, ...] = ()
    since: str | None = None
    track: str | None = None
    skip_existing: bool = False


@dataclass
class Prepared:
    """What an import would do: the new record files, the new configuration text, problems."""

    root: Path
    config_before: str
    config_after: str
    files: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    new_tracks: list[tuple[str, str]] = field(default_factory=list)
    new_owners: list[tuple[str, str]] = field(default_factory=list)
    undated: int = 0  # records without start or due

    @property
    def blocked(self) -> bool:
        """True when an error stops the import (nothing is written)."""
        return any(p.severity == "error" for p in self.problems)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _make_id(name: str, taken: set[str], fallback: str) -> str:
    from udvikling.rules.ids import slugify

    slug = slugify(name)
    if len(slug) > ID_LENGTH:
        slug = slug[: ID_LENGTH + 1].rpartition("-")[0] or slug[:ID_LENGTH]
    slug = slug or fallback
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


class _Declared:
    """Names to ids for one kind of declaration (tracks or owners): the configuration's
    (by name, former names and id) and the new ones."""

    def __init__(self, declared: dict[str, Any], fallback: str) -> None:
        from udvikling.rules.ids import slugify

        self.fallback = fallback
        self.taken = set(declared)
        self.by_name: dict[str, str] = {}
        for key, thing in declared.items():
            names = [thing.name, *(c.name for c in thing.changes if c.name)]
            for name in names:
                self.by_name.setdefault(_key(name), key)
        for key in declared:  # a name whose id is an id already declared: the same thing
            self.by_name.setdefault(f"id:{key}", key)
        self.slug = slugify
        self.new: list[tuple[str, str]] = []

    def id_for(self, name: str) -> str:
        found = self.by_name.get(_key(name)) or self.by_name.get(f"id:{self.slug(name)}")
        if found is not None:
            return found
        new_id = _make_id(name, self.taken, self.fallback)
        self.taken.add(new_id)
        self.by_name[_key(name)] = new_id
        self.new.append((new_id, name))
        return new_id


def prepare_import(root: Path, paths: list[Path], options: Options) -> Prepared:
    """Everything ``udv import`` would write for ``paths`` into the plan at ``root``."""
    from udvikling.intake.rows import read_rows
    from udvikling.intake.tables import read_tables
    from udvikling.load import load

    try:
        config_before = (root / "udvikling.yaml").read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        config_before = ""
    prepared = Prepared(root, config_before, config_before)
    dataset = load(root).dataset
    if dataset is None:
        prepared.problems.append(
            Problem(
                "udvikling.yaml",
                "error",
                "udvikling.yaml kan ikke bruges, så intet kan læses ind.",
                "Kør 'udv lint' for at se fejlene.",
            )
        )
        return prepared
    files = [read_tables(path) for path in paths]
    reading = read_rows(files, list(options.columns), options.track)
    prepared.problems.extend(reading.problems)
    tracks = _Declared(dict(dataset.config.tracks), "spor")
    owners = _Declared(dict(dataset.config.owners), "ansvarlig")
    sources = tuple(dict.fromkeys(p.name for p in paths))
    made: set[str] = set()
    origins: dict[str, str] = {}
    existing = {_key(i.title): i.path for i in dataset.initiatives.values()}
    existing.update({i.id: i.path for i in dataset.initiatives.values()})
    for row in reading.rows:
        record_id = _record_id(row, existing, root, made, prepared.problems, options)
        if record_id is None:
            continue
        made.add(record_id)
        text = _record_text(row, tracks.id_for(row.track), owners, options.since, sources)
        prepared.files[f"data/initiatives/{record_id}.yaml"] = text
        origins[f"data/initiatives/{record_id}.yaml"] = row.where
        if row.start is None and row.due is None:
            prepared.undated += 1
    prepared.new_tracks, prepared.new_owners = tracks.new, owners.new
    _config(prepared)
    _check_records(prepared, origins)
    if not prepared.files and not prepared.blocked:
        prepared.problems.append(
            Problem(
                ", ".join(p.name for p in paths),
                "error",
                "Der er ingen tiltag at læse ind.",
                "Se beskederne ovenfor: en tabel skal have en kolonne for tiltaget.",
            )
        )
    return prepared


def _record_id(
    row: ImportedRow,
    existing: dict[str, str],
    root: Path,
    made: set[str],
    problems: list[Problem],
    options: Options,
) -> str | None:
    """The new record's id: its title as a slug, numbered when the file names it twice;
    None (and why) when the initiative is in the plan already."""
    import os

    from udvikling.reports.new import initiative_id

    base = initiative_id(row.title)
    if not base:
        problems.append(
            Problem(
                row.where,
                "warning",
                f"Tiltaget »{row.title}« giver et tomt filnavn og er ikke læst.",
                "Skriv tiltagets titel med bogstaver eller tal.",
            )
        )
        return None
    record_id, number = base, 2
    while record_id in made:
        record_id, number = f"{base}-{number}", number + 1
    if record_id != base:
        problems.append(
            Problem(
                row.where,
                "info",
                f"Tiltaget »{row.title}« står flere gange; denne række får id'et {record_id}.",
            )
        )
    path = f"data/initiatives/{record_id}.yaml"
    there = existing.get(record_id) or existing.get(_key(row.title))
    if there is None and os.path.lexists(root / path):
        there = path
    if there is not None:
        if options.skip_existing:
            problems.append(
                Problem(
                    row.where,
                    "info",
                    f"Tiltaget »{row.title}« findes allerede ({there}); rækken springes over.",
                )
            )
        else:
            problems.append(
                Problem(
                    row.where,
                    "error",
                    f"Tiltaget »{row.title}« findes allerede ({there}); udv import overskriver "
                    "aldrig et tiltag.",
                    "Brug --skip-existing for kun at læse de nye rækker ind, eller slet eller "
                    "omdøb den eksisterende fil.",
                )
            )
        return None
    return record_id


def _record_text(
    row: ImportedRow,
    track: str,
    owners: _Declared,
    since: str | None,
    sources: tuple[str, ...],
) -> str:
    from udvikling.reports.new import INITIATIVE_SCHEMA, Period, dump_record

    fields: dict[str, Any] = {"title": row.title, "track": track}
    if row.owner:
        fields["owner"] = owners.id_for(row.owner)
    for name in ("level", "status"):
        value = getattr(row, name)
        if value:
            fields[name] = value
    if since:
        fields["since"] = Period(since)
    for name in ("start", "due"):
        value = getattr(row, name)
        if value:
            fields[name] = Period(value)
    for name in ("description", "timing", "responsibility"):
        value = getattr(row, name)
        if value:
            fields[name] = value
    fields["sources"] = list(sources)
    return f"{INITIATIVE_SCHEMA}\n\n{dump_record(fields)}"


def _config(prepared: Prepared) -> None:
    """The configuration with the new tracks and owners, checked by reading it back."""
    import yaml

    from udvikling.intake.configtext import LayoutError, add_entries

    text = prepared.config_before
    try:
        text = add_entries(text, "tracks", prepared.new_tracks)
        text = add_entries(text, "owners", prepared.new_owners)
        before = yaml.safe_load(prepared.config_before)
        after = yaml.safe_load(text)
    except (LayoutError, yaml.YAMLError) as exc:
        message = exc.args[0] if isinstance(exc, LayoutError) else "udvikling.yaml blev ugyldig."
        prepared.problems.append(Problem("udvikling.yaml", "error", message))
        return
    expected = dict(before)
    for section, new in (("tracks", prepared.new_tracks), ("owners", prepared.new_owners)):
        if new:
            expected[section] = {**(before.get(section) or {}), **dict(new)}
    if after != expected:
        prepared.problems.append(
            Problem(
                "udvikling.yaml",
                "error",
                "udv kan ikke tilføje spor og ansvarlige til udvikling.yaml uden at ændre andet.",
                "Tilføj dem selv (se diff'en med --dry-run), og kør udv import igen.",
            )
        )
        return
    prepared.config_after = text


def _check_records(prepared: Prepared, origins: dict[str, str]) -> None:
    """Every new record must be a valid initiative as udv reads it (text values, no YAML
    1.1 guesses, no hidden characters); what is not is reported at its row."""
    from pydantic import ValidationError

    from udvikling.model import Initiative
    from udvikling.yamlsrc import read_yaml

    for path, text in prepared.files.items():
        read = read_yaml(text.encode("utf-8"), path)
        problems = [f.message for f in read.findings if f.severity == "error"]
        if read.data is not None and not problems:
            try:
                Initiative.model_validate(read.data)
            except ValidationError as exc:  # pragma: no cover - a bug in udv
                problems = [str(e["msg"]) for e in exc.errors()]
        if problems:
            prepared.problems.append(
                Problem(
                    origins.get(path, path),
                    "error",
                    f"Rækken kan ikke læses ind: {' '.join(problems)}",
                    "Ret teksten i filen, der læses ind, og prøv igen.",
                )
            )
