"""One record compared field by field: initiatives, meetings and indicator tables.

:func:`diff_record` dispatches on the kind of record; :func:`describe` is the one-line
description of an added or removed record.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from udvikling.danish import format_number
from udvikling.load import Dataset
from udvikling.model import Indicator, Initiative, Meeting, Milestone
from udvikling.periods import Period
from udvikling.review.fields import (
    add_fields,
    as_json,
    entry_text,
    list_change,
    named,
    period_change,
    period_text,
    quote,
    status_word,
    text_change,
    value_change,
    yes_no,
)
from udvikling.review.model import Entry, FieldChange, RecordChange, RecordKind


def diff_record(
    kind: RecordKind, before: Any, after: Any, old: Dataset, new: Dataset
) -> RecordChange:
    """Two versions of one record (of the same kind) compared field by field."""
    change = RecordChange(kind, "changed", after.id, after.title, after.path)
    if isinstance(before, Initiative) and isinstance(after, Initiative):
        diff_initiative(change, before, after, old, new)
    elif isinstance(before, Meeting) and isinstance(after, Meeting):
        diff_meeting(change, before, after, old, new)
    elif isinstance(before, Indicator) and isinstance(after, Indicator):
        diff_indicator(change, before, after)
    return change


def describe(kind: RecordKind, record: Any, dataset: Dataset) -> str:
    """One line about a record for 'added'/'removed': status, dates and who."""
    if isinstance(record, Initiative):
        parts = [f"status {status_word(record.status)}"]
        if record.start is not None:
            parts.append(f"start {record.start.danish()}")
        if record.due is not None:
            parts.append(
                f"frist {record.due if isinstance(record.due, str) else record.due.danish()}"
            )
        owner = named(dataset.config.owners)(record.owner) if record.owner else "ikke oplyst"
        parts.append(f"ansvarlig {owner}")
        return ", ".join(parts)
    if isinstance(record, Meeting):
        body = dataset.config.bodies.get(record.body)
        return f"{body.label if body else record.body}, {record.date.danish()}, {record.kind}"
    if isinstance(record, Indicator):
        return f"{record.measure}, {record.date.danish()}"
    return ""


def diff_initiative(
    change: RecordChange, a: Initiative, b: Initiative, old: Dataset, new: Dataset
) -> None:
    """Field by field: what changed in an initiative."""
    oc, nc = old.config, new.config
    add_fields(
        change,
        value_change("title", "titel", a.title, b.title, quote),
        value_change("status", "status", a.status, b.status, status_word),
        period_change("start", "start", a.start, b.start),
        period_change("due", "frist", a.due, b.due),
        value_change("completed", "afsluttet", a.completed, b.completed, period_text),
        period_change("since", "optagelse i planen", a.since, b.since),
        text_change("timing", "iværksættelse", a.timing, b.timing),
        text_change("responsibility", "ansvar", a.responsibility, b.responsibility),
        value_change(
            "track", "spor", a.track, b.track, named(nc.tracks), old_show=named(oc.tracks)
        ),
        value_change(
            "owner", "ansvarlig", a.owner, b.owner, named(nc.owners), old_show=named(oc.owners)
        ),
        value_change("level", "niveau", a.level, b.level),
        list_change("units", "enheder", a.units, b.units, named(nc.units), named(oc.units)),
        text_change("description", "beskrivelse", a.description, b.description),
        list_change("depends_on", "afhænger af", a.depends_on, b.depends_on),
        list_change(
            "beacons", "pejlemærker", a.beacons, b.beacons, named(nc.beacons), named(oc.beacons)
        ),
        list_change("tags", "emneord", a.tags, b.tags),
        list_change("sources", "kilder", a.sources, b.sources),
        value_change("confidential", "fortrolig", a.confidential, b.confidential, yes_no),
    )
    _diff_milestones(change, a.milestones, b.milestones, old, new)
    _diff_updates(change, a, b)
    _entry_effects(change, a, b, new)
    _diff_waivers(change, a.waivers, b.waivers)


def _diff_milestones(
    change: RecordChange,
    before: Sequence[Milestone],
    after: Sequence[Milestone],
    old: Dataset,
    new: Dataset,
) -> None:
    from udvikling.chrono import milestone_due

    old_by = {m.title: m for m in before}
    new_by = {m.title: m for m in after}
    for title, m in new_by.items():
        if title not in old_by:
            due = milestone_due(m, new.meetings)
            when = f" (frist {due.danish()})" if due else ""
            change.fields.append(
                FieldChange(
                    "milestones",
                    f"milepæl tilføjet: {quote(title)}{when}",
                    None,
                    m.model_dump(mode="json"),
                    title,
                )
            )
            continue
        o = old_by[title]
        label = f"milepæl {quote(title)}: frist"
        moved = period_change(
            "milestone.due",
            label,
            milestone_due(o, old.meetings),
            milestone_due(m, new.meetings),
            title,
        )
        add_fields(change, moved)
        if moved is None:
            add_fields(
                change,
                value_change(
                    "milestone.meeting",
                    f"milepæl {quote(title)}: møde",
                    o.meeting,
                    m.meeting,
                    item=title,
                ),
            )
        if o.done != m.done:
            if o.done is None and m.done is not None:
                text = f"milepæl {quote(title)} nået {m.done.danish()}"
            elif m.done is None and o.done is not None:
                text = f"milepæl {quote(title)} ikke længere markeret som nået"
            else:
                text = f"milepæl {quote(title)}: nået {period_text(o.done)} → {period_text(m.done)}"
            change.fields.append(
                FieldChange("milestone.done", text, as_json(o.done), as_json(m.done), title)
            )
    for title, o in old_by.items():
        if title not in new_by:
            change.fields.append(
                FieldChange(
                    "milestones",
                    f"milepæl fjernet: {quote(title)}",
                    o.model_dump(mode="json"),
                    None,
                    title,
                )
            )


def _entry_effects(change: RecordChange, a: Initiative, b: Initiative, new: Dataset) -> None:
    """What each new journal entry changes in the initiative, in words: ``status: i gang →
    udskudt``, ``frist flyttet fra 1. kvartal 2025 til 2. halvår 2025, 6 måneder senere``,
    ``milepæl nået``. The value before is the initiative's as its earlier entries left it
    (chrono applies them); the file's own fields are compared above."""
    from udvikling import chrono

    known = Counter((u.date, entry_text(u)) for u in a.updates)
    ordered = [u for _, u in sorted(enumerate(b.updates), key=chrono.entry_order)]
    nc = new.config
    for position, entry in enumerate(ordered):
        key = (entry.date, entry_text(entry))
        if known[key]:
            known[key] -= 1
            continue
        view = chrono.view_at(entry.date.end)
        earlier = b.model_copy(update={"updates": tuple(ordered[:position])})
        later = b.model_copy(update={"updates": tuple(ordered[: position + 1])})
        before, _ = chrono.initiative_at(earlier, view)
        after, _ = chrono.initiative_at(later, view)
        if before is None or after is None:
            continue
        where = f"opdatering {entry.date.danish()}"
        found = [
            value_change("title", "titel", before.title, after.title, quote, where),
            value_change("status", "status", before.status, after.status, status_word, where),
            period_change("start", "start", before.start, after.start, where),
            period_change("due", "frist", before.due, after.due, where),
            value_change(
                "completed", "afsluttet", before.completed, after.completed, period_text, where
            ),
            value_change("track", "spor", before.track, after.track, named(nc.tracks), where),
            value_change("owner", "ansvarlig", before.owner, after.owner, named(nc.owners), where),
            value_change("level", "niveau", before.level, after.level, item=where),
        ]
        for effect in found:
            if effect is not None:
                change.fields.append(replace(effect, text=f"{effect.text} (ved {where})"))
        for reached in entry.reached:
            change.fields.append(
                FieldChange(
                    "milestone.done",
                    f"milepæl {quote(reached)} meldt nået (ved {where})",
                    None,
                    reached,
                    where,
                )
            )


def _diff_updates(change: RecordChange, a: Initiative, b: Initiative) -> None:
    """New, reworded and removed journal entries (an entry is its date and what it says)."""

    def order(pair: tuple[Period, str]) -> tuple[date, date]:
        return pair[0].end, pair[0].start

    old = Counter((u.date, entry_text(u)) for u in a.updates)
    new = Counter((u.date, entry_text(u)) for u in b.updates)
    gone = list((old - new).elements())
    fresh = list((new - old).elements())
    for day, text in sorted(fresh, key=order):
        previous = [g for g in gone if g[0] == day]
        if len(previous) == 1 and sum(1 for f in fresh if f[0] == day) == 1:
            gone.remove(previous[0])
            change.updates.append(Entry(text, day, changed=True))
            change.fields.append(
                FieldChange(
                    "updates",
                    f"opdatering {day.danish()} ændret",
                    previous[0][1],
                    text,
                    day.danish(),
                    long=True,
                )
            )
        else:
            change.updates.append(Entry(text, day))
    for day, text in sorted(gone, key=order):
        change.fields.append(
            FieldChange(
                "updates",
                f"opdatering {day.danish()} fjernet",
                text,
                None,
                day.danish(),
                long=True,
            )
        )


def _diff_waivers(change: RecordChange, before: Sequence[Any], after: Sequence[Any]) -> None:
    old = {w.code: w for w in before}
    new = {w.code: w for w in after}
    for code in sorted(set(old) | set(new)):
        if code not in old:
            text = f"undtagelse for {code} tilføjet: {new[code].reason}"
        elif code not in new:
            text = f"undtagelse for {code} fjernet"
        elif old[code] != new[code]:
            text = f"undtagelse for {code} ændret"
        else:
            continue
        o, n = old.get(code), new.get(code)
        change.fields.append(
            FieldChange(
                "waivers",
                text,
                o.model_dump(mode="json") if o else None,
                n.model_dump(mode="json") if n else None,
                code,
            )
        )


_ITEM_TEXTS = (
    ("summary", "sagsfremstilling"),
    ("policies", "sammenhæng til politikker"),
    ("economy", "økonomiske konsekvenser"),
    ("legal_basis", "lovgrundlag"),
    ("recommendation", "indstilling"),
    ("remarks", "bemærkninger"),
)


def diff_meeting(change: RecordChange, a: Meeting, b: Meeting, old: Dataset, new: Dataset) -> None:
    """Field by field: what changed in a meeting and its agenda."""
    bodies_new, bodies_old = new.config.bodies, old.config.bodies

    def body_new(x: str) -> str:
        return bodies_new[x].label if x in bodies_new else x

    def body_old(x: str) -> str:
        return bodies_old[x].label if x in bodies_old else x

    add_fields(
        change,
        value_change("title", "titel", a.title, b.title, quote),
        period_change("date", "mødedato", a.date, b.date),
        value_change("body", "organ", a.body, b.body, body_new, old_show=body_old),
        value_change("kind", "mødetype", a.kind, b.kind),
        value_change("case_no", "sagsnummer", a.case_no, b.case_no),
        list_change("absent", "fraværende", a.absent, b.absent),
        list_change("attachments", "bilag", a.attachments, b.attachments),
    )
    old_items = {i.title: i for i in a.items}
    new_items = {i.title: i for i in b.items}
    for title, item in new_items.items():
        if title not in old_items:
            change.fields.append(
                FieldChange(
                    "items",
                    f"dagsordenspunkt tilføjet: {quote(title)}",
                    None,
                    item.model_dump(mode="json"),
                    title,
                )
            )
            if item.decision:
                change.decisions.append(Entry(item.decision, item=title))
            continue
        o = old_items[title]
        label = f"punkt {quote(title)}:"
        add_fields(
            change,
            list_change("item.initiatives", f"{label} tiltag", o.initiatives, item.initiatives),
            value_change(
                "item.public", f"{label} åben sag", o.public, item.public, yes_no, item=title
            ),
            list_change("item.route", f"{label} sagsgang", o.route, item.route, body_new, body_old),
            list_change("item.attachments", f"{label} bilag", o.attachments, item.attachments),
        )
        for key, word in _ITEM_TEXTS:
            add_fields(
                change,
                text_change(
                    f"item.{key}", f"{label} {word}", getattr(o, key), getattr(item, key), title
                ),
            )
        if o.decision != item.decision:
            if item.decision:
                change.decisions.append(
                    Entry(item.decision, item=title, changed=o.decision is not None)
                )
            if o.decision is not None:
                change.fields.append(
                    FieldChange(
                        "item.decision",
                        f"{label} beslutning {'ændret' if item.decision else 'fjernet'}",
                        o.decision,
                        item.decision,
                        title,
                        long=True,
                    )
                )
    for title, o in old_items.items():
        if title not in new_items:
            change.fields.append(
                FieldChange(
                    "items",
                    f"dagsordenspunkt fjernet: {quote(title)}",
                    o.model_dump(mode="json"),
                    None,
                    title,
                )
            )
    _diff_waivers(change, a.waivers, b.waivers)


def _number(value: Any) -> str:
    text = format_number(value, 2)
    return text.rstrip("0").rstrip(",") if "," in text else text


def diff_indicator(change: RecordChange, a: Indicator, b: Indicator) -> None:
    """Field by field and cell by cell: what changed in an indicator table."""
    add_fields(
        change,
        value_change("title", "titel", a.title, b.title, quote),
        period_change("date", "opgjort", a.date, b.date),
        value_change("measure", "måler", a.measure, b.measure, quote),
        list_change(
            "columns", "kolonner", [c.unit for c in a.columns], [c.unit for c in b.columns]
        ),
        list_change("rows", "rækker", [r.category for r in a.rows], [r.category for r in b.rows]),
        list_change("footnotes", "fodnoter", a.footnotes, b.footnotes),
        list_change("sources", "kilder", a.sources, b.sources),
    )
    labels = {c.unit: c.label for c in (*a.columns, *b.columns)}
    old_rows = {r.category: r for r in a.rows}
    for row in b.rows:
        previous = old_rows.get(row.category)
        if previous is None:
            continue
        for unit in dict.fromkeys([*previous.values, *row.values]):
            add_fields(
                change,
                value_change(
                    "rows.value",
                    f"{row.category}, {labels.get(unit, unit)}",
                    previous.values.get(unit),
                    row.values.get(unit),
                    _number,
                    item=row.category,
                ),
            )
    for unit in dict.fromkeys([*a.totals, *b.totals]):
        add_fields(
            change,
            value_change(
                "totals",
                f"total, {labels.get(unit, unit)}",
                a.totals.get(unit),
                b.totals.get(unit),
                _number,
                item=unit,
            ),
        )
