"""The result of comparing two states of the plan: records changed, fields changed, findings.

:class:`Comparison` holds everything :func:`udvikling.review.compare.compare` found; a
:class:`RecordChange` per record added, removed, renamed or changed, each with its
:class:`FieldChange` lines in Danish and new journal entries and decisions as :class:`Entry`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from udvikling.danish import count_noun, format_number, join_danish
from udvikling.findings import Finding
from udvikling.periods import Period
from udvikling.plan_root import CONFIG_FILE

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
