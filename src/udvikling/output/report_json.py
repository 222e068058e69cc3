"""JSON building blocks shared by the JSON outputs (documented in docs/json-output.md), and the
one place that puts the format's ``version`` on each of them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, overload

from udvikling.periods import Period

if TYPE_CHECKING:
    from udvikling.output.json_types import PeriodJson


@overload
def period_json(period: Period) -> PeriodJson: ...
@overload
def period_json(period: None) -> None: ...
@overload
def period_json(period: Period | None) -> PeriodJson | None: ...
def period_json(period: Period | None) -> PeriodJson | None:
    """A period as ``{"text", "danish", "start", "end"}`` (``text`` parses back), or None."""
    if period is None:
        return None
    return {
        "text": period.canonical(),
        "danish": period.danish(),
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
    }


@overload
def date_json(day: date) -> str: ...
@overload
def date_json(day: date | None) -> str | None: ...
def date_json(day: date | None) -> str | None:
    """A date as ISO 8601, or None."""
    return day.isoformat() if day is not None else None


# Each output's format version (its schema: schema/output-<name>.schema.json, made from
# udvikling.output.json_types). A version grows by one when a key is removed or changes
# meaning; new keys may be added without a new version. Kept here, not beside the shapes,
# so writing JSON does not import what only the schemas need.
VERSIONS: dict[str, int] = {
    "status": 1,
    "overdue": 1,
    "list": 1,
    "show": 1,
    "period": 1,
    "lint": 1,
    "diff": 1,
    "history": 1,
    "sheet-status": 1,
    "error": 1,
}


def schema_file(output: str) -> str:
    """``output-status.schema.json``: the file of the output's schema in schema/."""
    return f"output-{output}.schema.json"


# ``udv schema``'s names for the outputs' schemas, and their files.
OUTPUT_SCHEMA_FILES = {f"output-{name}": schema_file(name) for name in VERSIONS}


def document(output: str, body: Mapping[str, object]) -> dict[str, Any]:
    """The JSON object of the output ``output``: ``version`` first, then ``body``."""
    return {"version": VERSIONS[output], **body}


def dumps(output: str, body: Mapping[str, object]) -> str:
    """The output ``output`` as indented JSON with Danish letters kept as they are, and a
    final newline: ``{"version": 1, ...body}``."""
    return json.dumps(document(output, body), ensure_ascii=False, indent=2) + "\n"
