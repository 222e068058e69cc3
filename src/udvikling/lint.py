"""``udv lint`` as a library function: load, run the rules, return sorted findings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from udvikling.findings import Finding, sort_findings
from udvikling.load import load


@dataclass(frozen=True, slots=True)
class LintResult:
    """Every finding of one run, sorted by path and line."""

    findings: list[Finding]
    files_checked: int


def lint(root: Path, today: date, only: Sequence[str] | None = None) -> LintResult:
    """Lint the plan at ``root`` as of ``today``.

    ``only`` limits the report to those files (relative to ``root``) while references are
    still checked against the whole plan, as pre-commit passes only the changed files.
    """
    from udvikling.rules import Context, run_rules

    loaded = load(root)
    findings = list(loaded.findings)
    if loaded.dataset is not None:
        findings.extend(run_rules(loaded.dataset, Context(today=today)))
        checked = len(loaded.dataset.sources)
    else:
        checked = 1
    if only is not None:
        wanted = set(only)
        findings = [f for f in findings if f.path in wanted]
        checked = len(wanted)
    return LintResult(sort_findings(findings), checked)
