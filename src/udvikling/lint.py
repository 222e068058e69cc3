"""``udv lint`` as a library function: load, run the rules, return sorted findings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from udvikling.findings import Finding, sort_findings

if TYPE_CHECKING:
    from udvikling.load import Loaded


@dataclass(frozen=True, slots=True)
class LintResult:
    """Every finding of one run, sorted by path and line."""

    findings: list[Finding]
    files_checked: int


def lint_loaded(loaded: Loaded, today: date, clock: date | None = None) -> list[Finding]:
    """Every finding for an already loaded plan (from the working tree or a git revision):
    the loader's own findings, then the rules', with the configured severities and waivers
    applied. Sorted by path and line."""
    known = loaded.linted.get((today, clock))
    if known is not None:
        return list(known)
    dataset = loaded.dataset
    found = lint_found(loaded, today, clock)
    result = sort_findings(found if dataset is None else dataset.place_all(found))
    loaded.linted[(today, clock)] = result
    return list(result)


def lint_found(loaded: Loaded, today: date, clock: date | None = None) -> list[Finding]:
    """The findings :func:`lint_loaded` gives, unsorted, and those in a file whose positions
    are not read yet without their line and column (``loaded.dataset.place`` looks them up):
    for comparing two plans' findings (:func:`udvikling.review.compare.lint_delta`), which
    needs the positions of the few that differ only."""
    from udvikling.rules import Context, run_rules

    known = loaded.linted.get((today, clock))
    if known is None:
        known = loaded.lint_found.get((today, clock))
    if known is not None:
        return list(known)
    findings = list(loaded.findings)
    if loaded.dataset is not None:
        rules = run_rules(loaded.dataset, Context(today=today, clock=clock), placed=False)
        if any(f.severity == "error" for f in findings):
            # Records that did not load are missing from the plan, so a waiver may look
            # unused only because of them: report unused waivers once the plan loads whole.
            rules = [f for f in rules if f.code != "UDV903"]
        findings.extend(rules)
    loaded.lint_found[(today, clock)] = findings
    return list(findings)


def linted(loaded: Loaded, today: date, clock: date | None = None) -> bool:
    """True when :func:`lint_loaded` has this plan's findings at these dates already."""
    return (today, clock) in loaded.linted


def keep_lint(
    loaded: Loaded, today: date, findings: list[Finding], clock: date | None = None
) -> None:
    """Keep ``findings``, made by :func:`lint_loaded` for ``loaded`` at these dates in another
    process, as if made here (an answer kept already stays)."""
    loaded.linted.setdefault((today, clock), findings)


def lint(
    root: Path, today: date, only: Sequence[str] | None = None, clock: date | None = None
) -> LintResult:
    """Lint the plan at ``root`` as it stood on ``today`` (``clock``: the real date, against
    which a date in the future is an error; ``today`` when not given).

    ``only`` limits the report to those files (relative to ``root``) while references are
    still checked against the whole plan, as pre-commit passes only the changed files.

    A plan whose files have not changed since its last lint (at the same dates, by the same
    udv) gets that lint's findings back without being loaded again (:mod:`udvikling.lintcache`).
    """
    from udvikling.lintcache import memoized

    def work() -> tuple[list[Finding], int]:
        from udvikling.load import load

        loaded = load(root)
        found = lint_loaded(loaded, today, clock)
        return found, len(loaded.dataset.sources) if loaded.dataset is not None else 1

    findings, checked = memoized(root, today, clock, work)
    if only is not None:
        wanted = set(only)
        findings = [f for f in findings if f.path in wanted]
        checked = len(wanted)
    return LintResult(findings, checked)


def select_findings(result: LintResult, select: Sequence[str], ignore: Sequence[str]) -> LintResult:
    """Keep findings whose code starts with one of ``select`` (all when empty) and with none
    of ``ignore``."""
    kept = [
        f
        for f in result.findings
        if (not select or f.code.startswith(tuple(select))) and not f.code.startswith(tuple(ignore))
    ]
    return LintResult(kept, result.files_checked)
