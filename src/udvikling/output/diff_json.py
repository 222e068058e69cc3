"""``udv diff --format json``: the comparison as plain JSON for tools and bots."""

from __future__ import annotations

from typing import TYPE_CHECKING

from udvikling.output.lint_formats import finding_json
from udvikling.review.model import Comparison, Entry, FieldChange, RecordChange, SideInfo

if TYPE_CHECKING:
    from udvikling.output.json_types import (
        DiffJson,
        EntryJson,
        FieldChangeJson,
        RecordChangeJson,
        SideJson,
    )


def _side(side: SideInfo) -> SideJson:
    return {"label": side.label, "commit": side.commit, "problem": side.problem}


def _field(change: FieldChange) -> FieldChangeJson:
    return {
        "field": change.field,
        "item": change.item,
        "text": change.text,
        "old": change.old,
        "new": change.new,
        "shift": (
            {"days": change.shift.days, "months": change.shift.months}
            if change.shift is not None
            else None
        ),
    }


def _entry(entry: Entry) -> EntryJson:
    return {
        "date": entry.date.canonical() if entry.date else None,
        "item": entry.item,
        "text": entry.text,
        "changed": entry.changed,
    }


def record_json(record: RecordChange) -> RecordChangeJson:
    """One changed record with its fields, new updates and decisions."""
    return {
        "kind": record.kind,
        "change": record.change,
        "id": record.id,
        "title": record.title,
        "path": record.path,
        "old_id": record.old_id,
        "old_path": record.old_path,
        "headline": record.headline,
        "facts": record.facts,
        "problem": record.problem,
        "fields": [_field(f) for f in record.fields],
        "updates": [_entry(e) for e in record.updates],
        "decisions": [_entry(e) for e in record.decisions],
    }


def comparison_json(comparison: Comparison) -> DiffJson:
    """The whole comparison as a JSON-able dict."""
    return {
        "base": _side(comparison.base),
        "head": _side(comparison.head),
        "as_of": comparison.today.isoformat(),
        "note": comparison.note,
        "summary": comparison.summary(),
        "counts": comparison.counts(),
        "records": [record_json(r) for r in comparison.records],
        "lint": {
            "introduced": [finding_json(f) for f in comparison.introduced],
            "fixed": [finding_json(f) for f in comparison.fixed],
        },
    }


def to_json(comparison: Comparison) -> str:
    """The comparison as indented JSON text (UTF-8, Danish letters kept)."""
    from udvikling.output.report_json import dumps

    return dumps("diff", comparison_json(comparison))
