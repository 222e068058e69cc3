"""``udv new``: the text of a new initiative or meeting file, with its id and path.

The file starts with the schema line editors use for hover help and completion, and holds
every required field. Values are written by the safe YAML dumper, so a title such as
``Ja`` or ``2024`` stays a string; the command lints the written file before it reports
success.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

INITIATIVE_SCHEMA = "# yaml-language-server: $schema=../../schema/initiative.schema.json"
MEETING_SCHEMA = "# yaml-language-server: $schema=../../schema/meeting.schema.json"
REPORT_SCHEMA = "# yaml-language-server: $schema=../../schema/report.schema.json"

# Plain scalars YAML 1.1 (or a Danish reader) would take for something else: quote them.
_QUOTE_WORDS = frozenset({"ja", "nej", "yes", "no", "on", "off", "true", "false", "y", "n", "~"})


@dataclass(frozen=True, slots=True)
class NewRecord:
    """A new record: its id, its path below the data root, and the file's text."""

    id: str
    path: str
    text: str


class _Dumper(yaml.SafeDumper):
    """The safe dumper, quoting strings that read as yes/no words."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if value.strip().casefold() in _QUOTE_WORDS else None
    if "\n" in value:
        style = "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


class Period(str):
    """A period or date as typed (``2025-04-23``, ``2024``): written without quotes, as
    people write them (udv reads every value as text, and a period may be a number)."""


_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "timestamp"))


def _period(dumper: yaml.SafeDumper, value: Period) -> yaml.ScalarNode:
    text = str(value)
    # Tagged as what a plain scalar of this text resolves to, the emitter writes it plain.
    tag = dumper.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if tag not in _PLAIN_TAGS or text.strip().casefold() in _QUOTE_WORDS:
        tag = "tag:yaml.org,2002:str"
    return dumper.represent_scalar(tag, text)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(Period, _period)


def dump_record(fields: dict[str, Any]) -> str:
    return yaml.dump(
        fields, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=96, indent=2
    )


# Longer ids are cut at a word: a file name stays well below the file systems' 255 bytes.
MAX_ID_LENGTH = 80


def initiative_id(title: str) -> str:
    """The id (file name) of an initiative: its title as a slug, at most MAX_ID_LENGTH long."""
    from udvikling.rules.ids import slugify

    slug = slugify(title)
    if len(slug) <= MAX_ID_LENGTH:
        return slug
    cut = slug[: MAX_ID_LENGTH + 1].rpartition("-")[0]
    return cut or slug[:MAX_ID_LENGTH]


def meeting_id(date_text: str, body: str) -> str:
    """The id of a meeting: ``<date slug>-<body>``, as lint's UDV302 expects."""
    from udvikling.periods import parse_period
    from udvikling.rules.ids import expected_meeting_id

    return expected_meeting_id(parse_period(date_text).slug(), body)


def new_initiative(
    title: str,
    track: str,
    owner: str | None = None,
    level: str | None = None,
    status: str = "planlagt",
    start: str | None = None,
    due: str | None = None,
    units: tuple[str, ...] = (),
    description: str | None = None,
) -> NewRecord:
    """A new initiative file; optional fields (owner and level too, as in the data) are
    written only when given."""
    fields: dict[str, Any] = {"title": title, "track": track}
    if owner:
        fields["owner"] = owner
    if level:
        fields["level"] = level
    fields["status"] = status
    if units:
        fields["units"] = list(units)
    if start:
        fields["start"] = Period(start)
    if due:
        fields["due"] = Period(due)
    if description:
        fields["description"] = description
    record_id = initiative_id(title)
    text = f"{INITIATIVE_SCHEMA}\n\n{dump_record(fields)}"
    return NewRecord(record_id, f"data/initiatives/{record_id}.yaml", text)


def new_meeting(
    date_text: str,
    body: str,
    title: str,
    kind: str = "møde",
    items: tuple[str, ...] = (),
    initiatives: tuple[str, ...] = (),
) -> NewRecord:
    """A new meeting file; each item title becomes an agenda item about ``initiatives``."""
    fields: dict[str, Any] = {
        "body": body,
        "date": Period(date_text),
        "title": title,
        "kind": kind,
    }
    if items:
        fields["items"] = [
            {"title": item, **({"initiatives": list(initiatives)} if initiatives else {})}
            for item in items
        ]
    record_id = meeting_id(date_text, body)
    text = f"{MEETING_SCHEMA}\n\n{dump_record(fields)}"
    return NewRecord(record_id, f"data/meetings/{record_id}.yaml", text)
