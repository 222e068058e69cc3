"""Waivers and configured severities, applied after every rule has run.

A record's ``waivers`` (code, reason, until) suspend findings of that code in that record's
file; an owner's ``waivers`` in ``udvikling.yaml`` suspend findings about that owner (e.g.
UDV604). Obligation waivers are part of the obligation rule itself. A waiver must name a
code that can be waived and give a reason; an expired waiver no longer suspends anything
and says so; a waiver that suspends nothing is reported, so waivers do not outlive their
cause. ``lint.severity`` in ``udvikling.yaml`` then changes or switches off codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from udvikling.codes import CODES, WAIVABLE_PREFIXES
from udvikling.findings import Finding
from udvikling.load import Dataset
from udvikling.model import Waiver

CONFIG = "udvikling.yaml"


@dataclass(frozen=True, slots=True)
class _Scope:
    """Where a waiver lives and which findings it may suspend."""

    path: str  # the file the findings are in
    loc: tuple[str | int, ...]  # the waiver's own location (for findings about it)
    waiver: Waiver
    anchor: tuple[int, int] | None = None  # only findings at this line:column (owners)


def _scopes(dataset: Dataset) -> list[_Scope]:
    scopes: list[_Scope] = []
    records: list[tuple[str, tuple[Waiver, ...]]] = [
        (r.path, r.waivers) for r in dataset.initiatives.values()
    ] + [(r.path, r.waivers) for r in dataset.meetings.values()]
    for path, waivers in records:
        for i, waiver in enumerate(waivers):
            scopes.append(_Scope(path, ("waivers", i), waiver))
    for owner_id, owner in dataset.config.owners.items():
        pos = dataset.locate(CONFIG, ("owners", owner_id), key=True)
        for i, waiver in enumerate(owner.waivers):
            scopes.append(
                _Scope(CONFIG, ("owners", owner_id, "waivers", i), waiver, (pos.line, pos.column))
            )
    return scopes


def waivable(code: str) -> bool:
    """Whether a waiver may suspend ``code``."""
    return code in CODES and code.startswith(WAIVABLE_PREFIXES)


def apply_waivers(dataset: Dataset, findings: list[Finding], today: date) -> list[Finding]:
    """Remove waived findings; add findings about the waivers themselves."""
    from udvikling.chrono import in_force
    from udvikling.danish import format_date

    # Findings by (path, code): each waiver looks only at its own file and code.
    buckets: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        buckets.setdefault((f.path, f.code), []).append(f)
    extra: list[Finding] = []
    for scope in _scopes(dataset):
        waiver = scope.waiver
        code = waiver.code.strip().upper()
        if not waivable(code):
            why = (
                "ikke findes"
                if code not in CODES
                else "gælder selve filen eller skemaet og ikke kan fraviges; ret fejlen i stedet"
            )
            extra.append(
                dataset.finding(
                    scope.path,
                    (*scope.loc, "code"),
                    "UDV901",
                    f"Undtagelsen nævner koden {waiver.code}, som {why}.",
                    "Se koderne i docs/rules.md; kun UDV3xx-UDV6xx kan fraviges.",
                )
            )
            continue
        if not waiver.reason.strip():
            extra.append(
                dataset.finding(
                    scope.path,
                    (*scope.loc, "reason"),
                    "UDV901",
                    f"Undtagelsen for {code} har ingen begrundelse.",
                    "Skriv i reason, hvorfor reglen ikke overholdes her.",
                )
            )
            continue
        if not in_force(waiver, today):
            assert waiver.until is not None
            extra.append(
                dataset.finding(
                    scope.path,
                    (*scope.loc, "until"),
                    "UDV902",
                    f"Undtagelsen for {code} udløb {format_date(waiver.until)}; "
                    "fundene vises igen.",
                    "Ret forholdet, eller forlæng undtagelsen med en ny until og begrundelse.",
                )
            )
            continue

        bucket = buckets.get((scope.path, code), [])
        if scope.anchor is None:
            hit = bool(bucket)
            bucket.clear()
        else:
            bucket[:] = [dataset.place(f) for f in bucket]
            rest = [f for f in bucket if (f.line, f.column) != scope.anchor]
            hit = len(rest) != len(bucket)
            bucket[:] = rest
        if not hit:
            extra.append(
                dataset.finding(
                    scope.path,
                    (*scope.loc, "code"),
                    "UDV903",
                    f"Undtagelsen for {code} bruges ikke: der er intet fund at undtage.",
                    "Slet undtagelsen, hvis forholdet er rettet.",
                )
            )
    kept = [f for bucket in buckets.values() for f in bucket]
    return kept + extra


def apply_severities(dataset: Dataset, findings: list[Finding]) -> list[Finding]:
    """Apply ``lint.severity`` from udvikling.yaml; report settings that cannot apply."""
    settings = dataset.config.lint.severity
    problems: list[Finding] = []
    usable: dict[str, str] = {}
    for code, severity in settings.items():
        if code not in CODES or not code.startswith(("UDV2", *WAIVABLE_PREFIXES)):
            why = "ikke findes" if code not in CODES else "gælder selve filen og ikke kan ændres"
            problems.append(
                dataset.finding(
                    CONFIG,
                    ("lint", "severity", code),
                    "UDV901",
                    f"lint.severity nævner koden {code}, som {why}.",
                    "Se koderne i docs/rules.md.",
                    key=True,
                )
            )
        else:
            usable[code] = severity
    result: list[Finding] = []
    for f in findings:
        wanted = usable.get(f.code)
        if wanted == "off":
            continue
        if wanted is not None:
            f = f.with_severity(wanted)  # type: ignore[arg-type]
        result.append(f)
    return result + problems
