"""Findings: data problems as values with a location, a stable code and a Danish message."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

Severity = Literal["error", "warning", "info"]

SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}

SEVERITY_WORDS: dict[Severity, str] = {"error": "fejl", "warning": "advarsel", "info": "bemærkning"}
"""How a severity is written wherever a person reads it (lint's text, reviews, sheets)."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in the data, at ``path:line:column`` (1-based; path relative to the root)."""

    path: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    hint: str | None = None

    def with_severity(self, severity: Severity) -> Finding:
        """The same finding with another severity (configured in ``lint:``)."""
        return replace(self, severity=severity)

    @property
    def severity_text(self) -> str:
        """The severity in Danish: fejl, advarsel or bemærkning."""
        return SEVERITY_WORDS[self.severity]

    @property
    def location(self) -> str:
        """``path:line:column`` as editors and terminals link it."""
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Unplaced(Finding):
    """A rule's finding in a file whose positions are not read yet (line and column 0).

    Most findings a rule makes about a big plan are waived or switched off before anyone
    sees them; looking each one up would read thousands of files again only to forget
    them. :meth:`udvikling.load.Dataset.place` gives it its line and column once it is kept.
    """

    loc: tuple[str | int, ...] = ()
    key: bool = False


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Sort by path, line, column, then code: the order every output uses."""
    return sorted(findings, key=lambda f: (f.path, f.line, f.column, f.code, f.message))


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error."""
    return any(f.severity == "error" for f in findings)
