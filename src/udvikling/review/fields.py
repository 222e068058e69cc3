"""Danish wording of changed values: periods moved (with how far), values, prose and lists.

Each ``*_change`` function compares an old and a new value and returns a
:class:`~udvikling.review.model.FieldChange` (or None when nothing changed), so the record
comparisons in :mod:`udvikling.review.records` are a list of calls.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from udvikling.danish import join_danish
from udvikling.model import Update
from udvikling.periods import Period
from udvikling.review.model import FieldChange, RecordChange, Shift
from udvikling.vocab import status_label


def quote(text: str) -> str:
    """Danish quotation marks around a short text: »Titel«."""
    return f"»{text}«"


def _grain(period: Period) -> str:
    if period.grain == "part":
        return _grain(period.parts[0])
    if period.grain == "range":
        return _grain(period.parts[1])
    return period.grain


def _month_end(day: date) -> bool:
    return day == date.max or (day + timedelta(days=1)).day == 1


def shift_between(old: Period, new: Period) -> Shift:
    """How far the end of ``new`` lies from the end of ``old``.

    Months are given when both periods are coarser than weeks and both ends are month ends
    (or the same day of the month); otherwise days.
    """
    a, b = old.end, new.end
    days = (b - a).days
    months = None
    coarse = _grain(old) not in ("day", "week") and _grain(new) not in ("day", "week")
    if coarse and (a.day == b.day or (_month_end(a) and _month_end(b))):
        months = (b.year - a.year) * 12 + b.month - a.month
    return Shift(days, months)


def period_change(
    key: str,
    label: str,
    old: Period | str | None,
    new: Period | str | None,
    item: str | None = None,
) -> FieldChange | None:
    """A moved, set or removed period, in Danish, with the shift between the two ends."""
    if old == new:
        return None
    old_text = old.danish() if isinstance(old, Period) else old
    new_text = new.danish() if isinstance(new, Period) else new
    old_json = old.canonical() if isinstance(old, Period) else old
    new_json = new.canonical() if isinstance(new, Period) else new
    if old is None:
        return FieldChange(key, f"{label} sat til {new_text}", None, new_json, item)
    if new is None:
        return FieldChange(key, f"{label} fjernet (var {old_text})", old_json, None, item)
    if isinstance(old, Period) and isinstance(new, Period):
        shift = shift_between(old, new)
        if shift.days == 0:
            text = f"{label} ændret fra {old_text} til {new_text} ({shift.danish()})"
        else:
            text = f"{label} flyttet fra {old_text} til {new_text}, {shift.danish()}"
        return FieldChange(key, text, old_json, new_json, item, shift)
    return FieldChange(
        key, f"{label} ændret fra {old_text} til {new_text}", old_json, new_json, item
    )


def value_change(
    key: str,
    label: str,
    old: Any,
    new: Any,
    show: Any = str,
    item: str | None = None,
    old_show: Any = None,
) -> FieldChange | None:
    """A changed single value: ``ansvarlig: Socialchef → Administration/stab``."""
    if old == new:
        return None
    before = (old_show or show)(old) if old is not None else None
    after = show(new) if new is not None else None
    old_json, new_json = as_json(old), as_json(new)
    if before is None:
        return FieldChange(key, f"{label} sat til {after}", None, new_json, item)
    if after is None:
        return FieldChange(key, f"{label} fjernet (var {before})", old_json, None, item)
    return FieldChange(key, f"{label}: {before} → {after}", old_json, new_json, item)


def text_change(
    key: str, label: str, old: str | None, new: str | None, item: str | None = None
) -> FieldChange | None:
    """Changed prose: said briefly, with old and new kept for the details."""
    if old == new:
        return None
    if old is None:
        text = f"{label} tilføjet"
    elif new is None:
        text = f"{label} fjernet"
    else:
        text = f"{label} ændret"
    return FieldChange(key, text, old, new, item, long=True)


def list_change(
    key: str,
    label: str,
    old: Sequence[str],
    new: Sequence[str],
    show: Any = str,
    old_show: Any = None,
) -> FieldChange | None:
    """Items added to and removed from a list: ``enheder: tilføjet Område Grenaa``."""
    added = [x for x in new if x not in old]
    removed = [x for x in old if x not in new]
    if not added and not removed:
        if list(old) != list(new):
            return FieldChange(key, f"{label}: rækkefølge ændret", list(old), list(new))
        return None
    words = []
    if added:
        words.append("tilføjet " + join_danish(show(x) for x in added))
    if removed:
        words.append("fjernet " + join_danish((old_show or show)(x) for x in removed))
    return FieldChange(key, f"{label}: {'; '.join(words)}", list(old), list(new))


def as_json(value: Any) -> Any:
    if isinstance(value, Period):
        return value.canonical()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [as_json(v) for v in value]
    return value


def named(section: dict[str, Any]) -> Any:
    def show(key: str) -> str:
        entry = section.get(key)
        return entry.name if entry is not None and hasattr(entry, "name") else key

    return show


def status_word(value: str | None) -> str:
    return status_label(value).lower()


def entry_text(update: Update) -> str:
    """A journal entry as one line: its prose, then the changes it makes."""
    from udvikling.journal_text import entry_changes

    parts = [update.text] if update.text else []
    parts += entry_changes(update)
    if update.concerns is not None and update.concerns != update.date:
        parts.append(f"(Om {update.concerns.danish()}.)")
    if update.reported_in:
        parts.append(f"(Meldt i {update.reported_in}.)")
    return " ".join(parts)


def period_text(value: Period | None) -> str:
    return value.danish() if value is not None else "ingen"


def yes_no(value: bool) -> str:
    return "ja" if value else "nej"


def add_fields(change: RecordChange, *items: FieldChange | None) -> None:
    change.fields.extend(i for i in items if i is not None)
