"""What a change does to the plan: two loaded plans compared record by record.

:func:`compare` takes the plan before and after (each a :class:`~udvikling.load.Loaded`, from
a git revision or the working tree) and returns a :class:`Comparison`: initiatives, meetings
and indicator tables added, removed, renamed or changed, each changed field in Danish with
old and new value, deadlines moved with how far, status transitions, new journal entries and
decisions, and the lint findings the change introduces and fixes. A side that does not load
is reported, never raised. The field-by-field wording is in :func:`diff_initiative`,
:func:`diff_meeting`, :func:`diff_indicator` and :func:`diff_config`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import BaseModel

from udvikling.config import CONFIG_FILE, Config
from udvikling.danish import count_noun, danish_sort_key, format_number, join_danish
from udvikling.findings import Finding
from udvikling.load import Dataset, Loaded
from udvikling.model import Indicator, Initiative, Meeting, Milestone, Update
from udvikling.periods import Period
from udvikling.types import status_label

RecordKind = Literal["initiative", "meeting", "indicator", "config"]
ChangeKind = Literal["added", "removed", "renamed", "changed", "broken", "repaired"]

KINDS: tuple[RecordKind, ...] = ("initiative", "meeting", "indicator", "config")
CHANGE_ORDER: tuple[ChangeKind, ...] = (
    "changed",
    "added",
    "removed",
    "renamed",
    "broken",
    "repaired",
)
# Danish nouns (singular, plural) and past participles for the summary line.
KIND_NOUNS: dict[RecordKind, tuple[str, str]] = {
    "initiative": ("tiltag", "tiltag"),
    "meeting": ("møde", "møder"),
    "indicator": ("nøgletal", "nøgletal"),
    "config": ("konfiguration", "konfigurationer"),
}
CHANGE_WORDS: dict[ChangeKind, str] = {
    "changed": "ændret",
    "added": "tilføjet",
    "removed": "fjernet",
    "renamed": "omdøbt",
    "broken": "kan ikke læses",
    "repaired": "kan læses igen",
}


# -- result types ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Shift:
    """How far a deadline or date moved: days, and whole months when that is exact."""

    days: int
    months: int | None = None

    def danish(self) -> str:
        """``6 måneder senere``, ``12 dage tidligere``, ``samme slutdato``."""
        if self.days == 0:
            return "samme slutdato"
        direction = "senere" if self.days > 0 else "tidligere"
        if self.months:
            return f"{count_noun(abs(self.months), 'måned', 'måneder')} {direction}"
        return f"{count_noun(abs(self.days), 'dag', 'dage')} {direction}"


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One changed field: a machine key, old and new values (JSON-able) and a Danish line."""

    field: str
    text: str
    old: Any = None
    new: Any = None
    item: str | None = None  # the milestone, agenda item or journal entry concerned
    shift: Shift | None = None
    long: bool = False  # old/new are prose worth showing in full


@dataclass(frozen=True, slots=True)
class Entry:
    """A new journal entry (dated) or a new decision (under an agenda item)."""

    text: str
    date: Period | None = None
    item: str | None = None
    changed: bool = False  # an existing entry reworded, not a new one


@dataclass
class RecordChange:
    """Everything that happened to one record."""

    kind: RecordKind
    change: ChangeKind
    id: str
    title: str
    path: str
    old_id: str | None = None
    old_path: str | None = None
    facts: str | None = None  # a one-line description of an added or removed record
    problem: str | None = None  # why a side of the record cannot be read
    fields: list[FieldChange] = field(default_factory=list)
    updates: list[Entry] = field(default_factory=list)
    decisions: list[Entry] = field(default_factory=list)

    @property
    def headline(self) -> str:
        """A short Danish summary of the most telling changes (for folded details)."""
        if self.change == "renamed":
            first = f"omdøbt fra {self.old_id}"
            return ", ".join([first, *(f.text for f in self.fields[:1])])
        if self.change in ("broken", "repaired", "added", "removed"):
            return self.problem or self.facts or CHANGE_WORDS[self.change]
        parts = [f.text for f in self.fields if f.shift is not None or f.field == "status"]
        if not parts:
            parts = [f.text for f in self.fields[:2]]
        if self.updates:
            parts.append(count_noun(len(self.updates), "ny opdatering", "nye opdateringer"))
        if self.decisions:
            parts.append(count_noun(len(self.decisions), "ny beslutning", "nye beslutninger"))
        return "; ".join(parts) or "ændret"


@dataclass(frozen=True, slots=True)
class SideInfo:
    """One side of the comparison: how to name it, its commit and whether it loaded."""

    label: str
    commit: str | None = None
    problem: str | None = None


@dataclass
class Comparison:
    """The whole difference between two states of the plan."""

    base: SideInfo
    head: SideInfo
    today: date
    records: list[RecordChange]
    introduced: list[Finding]
    fixed: list[Finding]
    note: str | None = None  # how the base was chosen (udv diff --since-report)

    def counts(self) -> dict[RecordKind, dict[ChangeKind, int]]:
        """How many records of each kind changed in each way (zero counts left out)."""
        result: dict[RecordKind, dict[ChangeKind, int]] = {}
        for record in self.records:
            per = result.setdefault(record.kind, {})
            per[record.change] = per.get(record.change, 0) + 1
        return result

    @property
    def empty(self) -> bool:
        """True when nothing changed: no records, no lint findings, both sides loaded."""
        return not (self.records or self.introduced or self.fixed)

    def summary(self) -> str:
        """``2 tiltag ændret, 1 tilføjet; 1 møde fjernet; 1 nyt lint-fund, 2 rettet``."""
        parts: list[str] = []
        counts = self.counts()
        for kind in KINDS:
            per = counts.get(kind)
            if not per:
                continue
            singular, plural = KIND_NOUNS[kind]
            words: list[str] = []
            for change in CHANGE_ORDER:
                n = per.get(change, 0)
                if not n:
                    continue
                if kind == "config":
                    words.append(f"{CONFIG_FILE} {CHANGE_WORDS[change]}")
                elif words:
                    words.append(f"{format_number(n)} {CHANGE_WORDS[change]}")
                else:
                    words.append(f"{count_noun(n, singular, plural)} {CHANGE_WORDS[change]}")
            parts.append(join_danish(words))
        plan = "; ".join(parts) if parts else "ingen ændringer i planen"
        new = len(self.introduced)
        lint = count_noun(new, "nyt lint-fund", "nye lint-fund") if new else "ingen nye lint-fund"
        if self.fixed:
            lint += f", {format_number(len(self.fixed))} rettet"
        text = f"{plan}; {lint}"
        return text[0].upper() + text[1:]


# -- comparing ---------------------------------------------------------------------------


def compare(
    base: Loaded,
    head: Loaded,
    today: date,
    base_info: SideInfo,
    head_info: SideInfo,
    note: str | None = None,
) -> Comparison:
    """Compare the plan before (``base``) and after (``head``); lint both as of ``today``."""
    from udvikling.lint import lint_loaded

    base_info = SideInfo(base_info.label, base_info.commit, side_problem(base))
    head_info = SideInfo(head_info.label, head_info.commit, side_problem(head))
    records: list[RecordChange] = []
    if base.dataset is not None and head.dataset is not None:
        records = compare_datasets(base.dataset, head.dataset, base.findings, head.findings)
    renames = {r.old_path: r.path for r in records if r.change == "renamed" and r.old_path}
    introduced, fixed = lint_delta(lint_loaded(base, today), lint_loaded(head, today), renames)
    return Comparison(base_info, head_info, today, records, introduced, fixed, note)


def side_problem(loaded: Loaded) -> str | None:
    """Why a side cannot be compared at all (its udvikling.yaml does not load), or None."""
    if loaded.dataset is not None:
        return None
    first = next((f for f in loaded.findings if f.severity == "error"), None)
    detail = f" ({first.location}: {first.message})" if first else ""
    return f"{CONFIG_FILE} kan ikke læses{detail}"


def lint_delta(
    before: Sequence[Finding], after: Sequence[Finding], renames: dict[str, str]
) -> tuple[list[Finding], list[Finding]]:
    """Findings only after (introduced) and only before (fixed).

    Findings are matched by path, code and message, not by line: a finding that merely moved
    down because lines were added above it is neither new nor fixed. A renamed file's old
    findings are matched under its new path.
    """

    def key(finding: Finding, rename: bool) -> tuple[str, str, str]:
        path = renames.get(finding.path, finding.path) if rename else finding.path
        return (path, finding.code, finding.message)

    old = Counter(key(f, True) for f in before)
    new = Counter(key(f, False) for f in after)
    introduced: list[Finding] = []
    seen: Counter[tuple[str, str, str]] = Counter()
    for finding in after:
        k = key(finding, False)
        seen[k] += 1
        if seen[k] > old[k]:
            introduced.append(finding)
    fixed: list[Finding] = []
    seen = Counter()
    for finding in before:
        k = key(finding, True)
        seen[k] += 1
        if seen[k] > new[k]:
            fixed.append(finding)
    return introduced, fixed


_FOLDER: dict[RecordKind, str] = {
    "initiative": "data/initiatives",
    "meeting": "data/meetings",
    "indicator": "data/indicators",
}


def _records(dataset: Dataset, kind: RecordKind) -> dict[str, Any]:
    if kind == "initiative":
        return dict(dataset.initiatives)
    if kind == "meeting":
        return dict(dataset.meetings)
    return dict(dataset.indicators)


def _first_error(findings: Iterable[Finding], path: str) -> str:
    for finding in findings:
        if finding.path == path and finding.severity == "error":
            return f"{finding.location}: {finding.message}"
    return f"{path} kan ikke læses"


def _content(record: BaseModel) -> dict[str, Any]:
    return record.model_dump(mode="json")


def compare_datasets(
    old: Dataset,
    new: Dataset,
    old_findings: Sequence[Finding] = (),
    new_findings: Sequence[Finding] = (),
) -> list[RecordChange]:
    """Every record that differs between two datasets, grouped by kind, sorted by title."""
    result: list[RecordChange] = []
    for kind in ("initiative", "meeting", "indicator"):
        result.extend(_compare_kind(kind, old, new, old_findings, new_findings))
    config = diff_config(old.config, new.config)
    if config:
        result.append(
            RecordChange("config", "changed", CONFIG_FILE, CONFIG_FILE, CONFIG_FILE, fields=config)
        )
    return result


def _compare_kind(
    kind: RecordKind,
    old: Dataset,
    new: Dataset,
    old_findings: Sequence[Finding],
    new_findings: Sequence[Finding],
) -> list[RecordChange]:
    before, after = _records(old, kind), _records(new, kind)
    broken_before, broken_after = old.broken[kind], new.broken[kind]
    folder = _FOLDER[kind]
    changes: list[RecordChange] = []

    removed = sorted(set(before) - set(after) - broken_after)
    added = sorted(set(after) - set(before) - broken_before)
    # Renames: the same content, else the same title, under a new id.
    pairs: list[tuple[str, str]] = []
    for match in (
        lambda a, b: _content(before[a]) == _content(after[b]),
        lambda a, b: before[a].title == after[b].title,
    ):
        for old_id in list(removed):
            new_id = next((n for n in added if match(old_id, n)), None)
            if new_id is not None:
                pairs.append((old_id, new_id))
                removed.remove(old_id)
                added.remove(new_id)
    for old_id, new_id in pairs:
        change = diff_record(kind, before[old_id], after[new_id], old, new)
        change.change = "renamed"
        change.old_id, change.old_path = old_id, before[old_id].path
        changes.append(change)

    for record_id in removed:
        record = before[record_id]
        changes.append(
            RecordChange(
                kind,
                "removed",
                record_id,
                record.title,
                record.path,
                facts=describe(kind, record, old),
            )
        )
    for record_id in added:
        record = after[record_id]
        change = RecordChange(
            kind, "added", record_id, record.title, record.path, facts=describe(kind, record, new)
        )
        if isinstance(record, Initiative):
            change.updates = [Entry(entry_text(u), u.date) for u in record.updates]
        if isinstance(record, Meeting):
            change.decisions = [Entry(i.decision, item=i.title) for i in record.items if i.decision]
        changes.append(change)

    for record_id in sorted(set(before) & set(after)):
        change = diff_record(kind, before[record_id], after[record_id], old, new)
        if change.fields or change.updates or change.decisions:
            changes.append(change)

    for record_id in sorted(broken_after - broken_before):
        path = f"{folder}/{record_id}.yaml"
        title = before[record_id].title if record_id in before else record_id
        what: ChangeKind = "broken" if record_id in before else "added"
        changes.append(
            RecordChange(
                kind, what, record_id, title, path, problem=_first_error(new_findings, path)
            )
        )
    for record_id in sorted(broken_before - broken_after):
        path = f"{folder}/{record_id}.yaml"
        if record_id in after:
            record = after[record_id]
            changes.append(
                RecordChange(
                    kind,
                    "repaired",
                    record_id,
                    record.title,
                    path,
                    facts=describe(kind, record, new),
                )
            )
        else:
            changes.append(
                RecordChange(
                    kind,
                    "removed",
                    record_id,
                    record_id,
                    path,
                    problem=_first_error(old_findings, path),
                )
            )
    order = {c: i for i, c in enumerate(CHANGE_ORDER)}
    changes.sort(key=lambda c: (order[c.change], danish_sort_key(c.title), c.id))
    return changes


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


# -- wording -----------------------------------------------------------------------------


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
    old_json, new_json = _json(old), _json(new)
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


def _json(value: Any) -> Any:
    if isinstance(value, Period):
        return value.canonical()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_json(v) for v in value]
    return value


def _named(section: dict[str, Any]) -> Any:
    def show(key: str) -> str:
        entry = section.get(key)
        return entry.name if entry is not None and hasattr(entry, "name") else key

    return show


def _status(value: str | None) -> str:
    return status_label(value).lower()


def entry_text(update: Update) -> str:
    """A journal entry as one line: its prose, then the changes it makes."""
    from udvikling.output.journal_text import entry_changes

    parts = [update.text] if update.text else []
    parts += entry_changes(update)
    if update.concerns is not None and update.concerns != update.date:
        parts.append(f"(Om {update.concerns.danish()}.)")
    if update.reported_in:
        parts.append(f"(Meldt i {update.reported_in}.)")
    return " ".join(parts)


def _period_text(value: Period | None) -> str:
    return value.danish() if value is not None else "ingen"


def _yes_no(value: bool) -> str:
    return "ja" if value else "nej"


def _add(change: RecordChange, *items: FieldChange | None) -> None:
    change.fields.extend(i for i in items if i is not None)


def describe(kind: RecordKind, record: Any, dataset: Dataset) -> str:
    """One line about a record for 'added'/'removed': status, dates and who."""
    if isinstance(record, Initiative):
        parts = [f"status {_status(record.status)}"]
        if record.start is not None:
            parts.append(f"start {record.start.danish()}")
        if record.due is not None:
            parts.append(
                f"frist {record.due if isinstance(record.due, str) else record.due.danish()}"
            )
        parts.append(f"ansvarlig {_named(dataset.config.owners)(record.owner)}")
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
    _add(
        change,
        value_change("title", "titel", a.title, b.title, quote),
        value_change("status", "status", a.status, b.status, _status),
        period_change("start", "start", a.start, b.start),
        period_change("due", "frist", a.due, b.due),
        value_change("completed", "afsluttet", a.completed, b.completed, _period_text),
        period_change("since", "med i planen fra", a.since, b.since),
        text_change("timing", "iværksættelse", a.timing, b.timing),
        text_change("responsibility", "ansvar", a.responsibility, b.responsibility),
        value_change(
            "track", "spor", a.track, b.track, _named(nc.tracks), old_show=_named(oc.tracks)
        ),
        value_change(
            "owner", "ansvarlig", a.owner, b.owner, _named(nc.owners), old_show=_named(oc.owners)
        ),
        value_change("level", "niveau", a.level, b.level),
        list_change("units", "enheder", a.units, b.units, _named(nc.units), _named(oc.units)),
        text_change("description", "beskrivelse", a.description, b.description),
        list_change("depends_on", "afhænger af", a.depends_on, b.depends_on),
        list_change(
            "beacons", "pejlemærker", a.beacons, b.beacons, _named(nc.beacons), _named(oc.beacons)
        ),
        list_change("tags", "emneord", a.tags, b.tags),
        list_change("sources", "kilder", a.sources, b.sources),
        value_change("confidential", "fortrolig", a.confidential, b.confidential, _yes_no),
    )
    _diff_milestones(change, a.milestones, b.milestones, old, new)
    _diff_updates(change, a, b)
    _diff_waivers(change, a.waivers, b.waivers)


def _diff_milestones(
    change: RecordChange,
    before: Sequence[Milestone],
    after: Sequence[Milestone],
    old: Dataset,
    new: Dataset,
) -> None:
    from udvikling.state import milestone_due

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
        _add(change, moved)
        if moved is None:
            _add(
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
                text = (
                    f"milepæl {quote(title)}: nået {_period_text(o.done)} → {_period_text(m.done)}"
                )
            change.fields.append(
                FieldChange("milestone.done", text, _json(o.done), _json(m.done), title)
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

    _add(
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
        _add(
            change,
            list_change("item.initiatives", f"{label} tiltag", o.initiatives, item.initiatives),
            value_change(
                "item.public", f"{label} åben sag", o.public, item.public, _yes_no, item=title
            ),
            list_change("item.route", f"{label} sagsgang", o.route, item.route, body_new, body_old),
            list_change("item.attachments", f"{label} bilag", o.attachments, item.attachments),
        )
        for key, word in _ITEM_TEXTS:
            _add(
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
    _add(
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
            _add(
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
        _add(
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


_CONFIG_LABELS = {
    "organisation": "organisation",
    "process": "proces",
    "department": "område",
    "case_no": "sagsnummer",
    "tracks": "udviklingsspor",
    "bodies": "organ",
    "owners": "ansvarlig",
    "units": "enhed",
    "beacons": "pejlemærke",
    "obligations": "afrapporteringsforpligtelse",
    "lint": "lint-indstilling",
}


def diff_config(a: Config, b: Config) -> list[FieldChange]:
    """What changed in ``udvikling.yaml``: declarations added, removed or changed."""
    old, new = a.model_dump(mode="json"), b.model_dump(mode="json")
    found: list[FieldChange] = []
    for key, label in _CONFIG_LABELS.items():
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        if isinstance(before, dict) and isinstance(after, dict) and key != "lint":
            for name in dict.fromkeys([*before, *after]):
                o, n = before.get(name), after.get(name)
                if o == n:
                    continue
                what = "tilføjet" if o is None else "fjernet" if n is None else "ændret"
                entry = n if n is not None else o
                shown = (entry.get("name") or entry.get("title") or name) if entry else name
                text = f"{label} {what}: {name}" + (f" ({shown})" if shown != name else "")
                found.append(FieldChange(f"{key}.{name}", text, o, n, name))
        elif isinstance(before, dict) and isinstance(after, dict):
            for name in dict.fromkeys([*before, *after]):
                if before.get(name) != after.get(name):
                    found.append(
                        FieldChange(
                            f"{key}.{name}",
                            f"{label} {name}: {before.get(name)} → {after.get(name)}",
                            before.get(name),
                            after.get(name),
                        )
                    )
        else:
            _add_config = value_change(key, label, before, after)
            if _add_config is not None:
                found.append(_add_config)
    return found
