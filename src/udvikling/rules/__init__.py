"""Lint rules: each a plain function ``(dataset, context) -> findings``, listed in ``RULES``.

Adding a rule is a function, a code in :mod:`udvikling.codes`, an entry here, a section in
``docs/rules.md`` and a test with a failing and a passing example.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from udvikling.findings import Finding
from udvikling.load import Dataset


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may know besides the data: the date it is judged at."""

    today: date


Rule = Callable[[Dataset, Context], Iterable[Finding]]


def all_rules() -> list[Rule]:
    """Every rule, in the order they run."""
    from udvikling.rules import dates, ids, meetings, plan, references

    return [
        references.check_references,
        ids.check_ids,
        dates.check_dates,
        meetings.check_meetings,
        meetings.check_indicators,
        plan.check_obligations,
        plan.check_staleness,
        plan.check_capacity,
        plan.check_confidentiality,
    ]


def run_rules(dataset: Dataset, context: Context) -> list[Finding]:
    """Run every rule over ``dataset`` and collect their findings."""
    from udvikling.rules.waivers import apply_severities, apply_waivers

    findings: list[Finding] = []
    for rule in all_rules():
        findings.extend(rule(dataset, context))
    return apply_severities(dataset, apply_waivers(dataset, findings, context.today))
