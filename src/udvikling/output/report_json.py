"""JSON building blocks shared by the report renderers (documented in docs/json-output.md)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from udvikling.periods import Period


def period_json(period: Period | None) -> dict[str, str] | None:
    """A period as ``{"text", "danish", "start", "end"}`` (``text`` parses back), or None."""
    if period is None:
        return None
    return {
        "text": period.canonical(),
        "danish": period.danish(),
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
    }


def date_json(day: date | None) -> str | None:
    """A date as ISO 8601, or None."""
    return day.isoformat() if day is not None else None


def dumps(data: dict[str, Any]) -> str:
    """Indented JSON with Danish letters kept as they are, and a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
