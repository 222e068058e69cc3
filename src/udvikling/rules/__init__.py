"""Lint rules: each a plain function ``(dataset, context) -> findings``, listed here.

Adding a rule is a function, a code in :mod:`udvikling.codes`, an entry here, a section in
``docs/rules.md`` and a test with a failing and a passing example.

Rules about the files and what they refer to read the plan as written (every entry, known
or not); rules about time read the plan as it stood on the day judged
(:func:`udvikling.chrono.plan_at`), so ``udv lint --as-of D`` judges the plan as it stood
at D and an entry dated after D is simply not known yet (docs/semantics.md R20).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from udvikling.findings import Finding
from udvikling.load import Dataset


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may know besides the data: the day the plan is judged at (``today``),
    and the real date (``clock``) against which a date "in the future" is a mistake."""

    today: date
    clock: date | None = None

    @property
    def now(self) -> date:
        """The real date (the judged day when no clock was given)."""
        return self.clock if self.clock is not None else self.today

    @property
    def past(self) -> bool:
        """Whether the plan is judged on a day before the real date."""
        from udvikling.chrono import has_ended
        from udvikling.periods import day_period

        return not has_ended(day_period(self.now), self.today)


Rule = Callable[[Dataset, Context], Iterable[Finding]]


def all_rules() -> list[tuple[Rule, bool]]:
    """Every rule, in the order they run, with whether it reads the plan as it stood."""
    from udvikling.rules import dates, ids, meetings, plan, references

    return [
        (references.check_references, False),
        (references.check_journal_references, False),
        (references.check_unvalidated_references, False),
        (references.check_report_references, False),
        (ids.check_ids, False),
        (dates.check_future, False),
        (dates.check_cycles, False),
        (dates.check_journal, False),
        (dates.check_reports, False),
        (dates.check_dates, True),
        (meetings.check_meetings, True),
        (meetings.check_indicators, False),
        (meetings.check_issued_shares, False),
        (plan.check_obligations, True),
        (plan.check_staleness, True),
        (plan.check_capacity, True),
        (plan.check_confidentiality, False),
    ]


def run_rules(dataset: Dataset, context: Context, *, placed: bool = True) -> list[Finding]:
    """Run every rule over ``dataset`` (or the plan as it stood) and collect the findings;
    with ``placed`` False, a finding in a file whose positions are not read yet is left
    without its line and column (see :meth:`udvikling.load.Dataset.place`)."""
    from udvikling.chrono import plan_at, view_at
    from udvikling.rules.waivers import apply_severities, apply_waivers

    stood = plan_at(dataset, view_at(context.today, context.now))
    findings: list[Finding] = []
    for rule, as_it_stood in all_rules():
        findings.extend(rule(stood if as_it_stood else dataset, context))
    findings = apply_severities(dataset, apply_waivers(dataset, findings, context.today))
    # Only now, with the waived and switched-off findings gone, are positions looked up.
    if placed:
        findings = dataset.place_all(findings)
    if context.past:
        # A waiver documents an exception in the plan as kept today; whether it was needed
        # on an earlier day is no problem of the plan (R20).
        findings = [f for f in findings if f.code != "UDV903"]
    return findings
