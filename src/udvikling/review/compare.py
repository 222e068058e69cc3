"""What a change does to the plan: two loaded plans compared record by record.

:func:`compare` takes the plan before and after (each a :class:`~udvikling.load.Loaded`, from
a git revision or the working tree) and returns a
:class:`~udvikling.review.model.Comparison`: initiatives, meetings and indicator tables
added, removed, renamed or changed, each changed field in Danish with old and new value,
deadlines moved with how far, status transitions, new journal entries and decisions, and the
lint findings the change introduces and fixes. A side that does not load is reported, never
raised. The field-by-field wording is in :mod:`udvikling.review.records` and
:func:`diff_config`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel

from udvikling.config import CONFIG_FILE, Config
from udvikling.danish import danish_sort_key
from udvikling.findings import Finding, sort_findings
from udvikling.load import Dataset, Loaded
from udvikling.model import Initiative, Meeting
from udvikling.review.fields import entry_text, value_change
from udvikling.review.model import (
    CHANGE_ORDER,
    ChangeKind,
    Comparison,
    Entry,
    FieldChange,
    RecordChange,
    RecordKind,
    SideInfo,
)
from udvikling.review.records import describe, diff_record

# Gives a finding its line and column (Dataset.place; see udvikling.lint.lint_found).
Placer = Callable[[Finding], Finding]

# -- comparing ---------------------------------------------------------------------------


def compare(
    base: Loaded,
    head: Loaded,
    today: date,
    base_info: SideInfo,
    head_info: SideInfo,
    note: str | None = None,
    *,
    records: list[RecordChange] | None = None,
    delta: tuple[list[Finding], list[Finding]] | None = None,
) -> Comparison:
    """Compare the plan before (``base``) and after (``head``); lint both as of ``today``.

    ``records`` and ``delta``: :func:`compare_datasets`'s records and :func:`lint_delta`'s
    findings for these two plans, when the caller has them already (``udv sheet import``
    checks the answers with them); the delta is used only when no file was renamed."""
    from udvikling.lint import lint_found

    base_info = SideInfo(base_info.label, base_info.commit, side_problem(base))
    head_info = SideInfo(head_info.label, head_info.commit, side_problem(head))
    if records is None:
        records = []
        if base.dataset is not None and head.dataset is not None:
            records = compare_datasets(base.dataset, head.dataset, base.findings, head.findings)
    renames = {r.old_path: r.path for r in records if r.change == "renamed" and r.old_path}
    if delta is None or renames:
        delta = lint_delta(
            lint_found(base, today),
            lint_found(head, today),
            renames,
            (placer(base), placer(head)),
        )
    introduced, fixed = delta
    return Comparison(base_info, head_info, today, records, introduced, fixed, note)


def placer(loaded: Loaded) -> Placer:
    """What gives a finding of ``loaded``'s lint its line and column."""
    return loaded.dataset.place if loaded.dataset is not None else _as_it_is


def _as_it_is(finding: Finding) -> Finding:
    return finding


def side_problem(loaded: Loaded) -> str | None:
    """Why a side cannot be compared at all (its udvikling.yaml does not load), or None."""
    if loaded.dataset is not None:
        return None
    first = next((f for f in loaded.findings if f.severity == "error"), None)
    detail = f" ({first.location}: {first.message})" if first else ""
    return f"{CONFIG_FILE} kan ikke læses{detail}"


def lint_delta(
    before: Sequence[Finding],
    after: Sequence[Finding],
    renames: dict[str, str],
    place: tuple[Placer, Placer] | None = None,
) -> tuple[list[Finding], list[Finding]]:
    """Findings only after (introduced) and only before (fixed).

    Findings are matched by path, code and message, not by line: a finding that merely moved
    down because lines were added above it is neither new nor fixed. A renamed file's old
    findings are matched under its new path.

    With ``place`` (``before``'s and ``after``'s ``Dataset.place``), the findings may be
    :func:`udvikling.lint.lint_found`'s, unsorted and unplaced: only those of a path, code
    and message found more often on one side are placed and sorted, which is all the answer
    needs (the same as with every finding placed and sorted).
    """

    def key(finding: Finding, rename: bool) -> tuple[str, str, str]:
        path = renames.get(finding.path, finding.path) if rename else finding.path
        return (path, finding.code, finding.message)

    old = Counter(key(f, True) for f in before)
    new = Counter(key(f, False) for f in after)
    if place is not None:
        before = sort_findings(place[0](f) for f in before if old[key(f, True)] > new[key(f, True)])
        after = sort_findings(place[1](f) for f in after if new[key(f, False)] > old[key(f, False)])
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


def _unchanged(before: Any, after: Any, old: Dataset, new: Dataset) -> bool:
    """True when a record is known to compare equal without comparing it field by field.

    The two sides of ``udv diff`` share the record object of a file the change did not touch
    (:class:`udvikling.review.snapshot.Revisions`); such a record is unchanged, unless it is
    an initiative whose milestone takes its deadline from a meeting that changed.
    """
    if before is not after:
        return False
    if not isinstance(before, Initiative):
        return True
    return all(
        old.meetings.get(m.meeting) is new.meetings.get(m.meeting)
        for m in before.milestones
        if m.meeting is not None
    )


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
        if _unchanged(before[record_id], after[record_id], old, new):
            continue
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
