"""Records as templates see them: meetings, bodies' names and indicator tables as plain dicts.

Shared by the documents' blocks (:mod:`udvikling.render.blocks`) and the agenda item
(:mod:`udvikling.render.contexts`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from udvikling.load import Dataset
from udvikling.model import Indicator, Meeting


def meeting_sort(meeting: Meeting) -> tuple[date, date, str]:
    """Meetings by the end of their date, then its start, then id."""
    return meeting.date.end, meeting.date.start, meeting.id


def body_full_name(dataset: Dataset, body: str) -> str:
    """The body's full name (``reports.common.body_name`` gives the short one, e.g. VPU)."""
    found = dataset.config.bodies.get(body)
    return found.name if found is not None else body


def meeting_dict(dataset: Dataset, meeting: Meeting) -> dict[str, Any]:
    """A meeting as templates see it."""
    from udvikling.reports.common import body_name

    return {
        "id": meeting.id,
        "titel": meeting.title,
        "dato": meeting.date,
        "organ": body_full_name(dataset, meeting.body),
        "organ_kort": body_name(dataset, meeting.body),
        "type": meeting.kind,
    }


def indicator_table(dataset: Dataset, indicator: Indicator) -> dict[str, Any]:
    """An indicator as a table: value and share per unit, and the totals.

    A share is the source's own where the data holds it (``shares``: its value, precision
    and spacing, as issued; lint compares it with the computed one); else each value's part
    of the sum of its column (so a column adds up to 100 %). The total row shows the stated
    total where the data has one, else the sum. A column's heading is its label with its
    note on the line under it.
    """
    sums: dict[str, Decimal] = {}
    for column in indicator.columns:
        sums[column.unit] = sum(
            (row.values.get(column.unit, Decimal(0)) for row in indicator.rows), Decimal(0)
        )
    rows = []
    for row in indicator.rows:
        cells = []
        for column in indicator.columns:
            value = row.values.get(column.unit)
            total = sums[column.unit]
            share = value / total if value is not None and total else None
            cells.append({"vaerdi": value, "andel": share, "kilde": row.shares.get(column.unit)})
        rows.append({"kategori": row.category, "celler": cells})
    totals = [
        {
            "vaerdi": indicator.totals.get(c.unit, sums[c.unit]),
            "andel": Decimal(1) if sums[c.unit] else None,  # a column of zeros has no shares
            "kilde": indicator.total_shares.get(c.unit),
        }
        for c in indicator.columns
    ]
    corner = indicator.corner if indicator.corner is not None else indicator.measure
    return {
        "id": indicator.id,
        "titel": indicator.title,
        "dato": indicator.date,
        "maal": indicator.measure,
        "hjoerne": corner,
        "total_tekst": indicator.total_label or f"{indicator.measure} i alt",
        "kolonner": [
            {
                "navn": c.label,
                "note": c.note or "",
                "overskrift": f"{c.label}\n{c.note}" if c.note else c.label,
            }
            for c in indicator.columns
        ],
        "raekker": rows,
        "total": totals,
        "fodnoter": list(indicator.footnotes),
        "noter": list(indicator.notes),
    }
