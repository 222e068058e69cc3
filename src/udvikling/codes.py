"""The stable finding codes: one table, grouped by kind.

A code never changes meaning once released; tools and waivers refer to it. Every code
here is documented in ``docs/rules.md`` (a test keeps the two in step).

- UDV0xx: the file itself (encoding, YAML syntax, structure)
- UDV1xx: the schema (fields, types, values, periods, dates)
- UDV2xx: references to declared or recorded ids
"""

from __future__ import annotations

from dataclasses import dataclass

from udvikling.findings import Severity


@dataclass(frozen=True, slots=True)
class Code:
    """A finding code: its default severity and a short Danish title."""

    code: str
    severity: Severity
    title: str


_TABLE: tuple[Code, ...] = (
    # The file itself
    Code("UDV001", "error", "YAML-syntaksfejl"),
    Code("UDV002", "error", "Filen er ikke gemt som UTF-8-tekst"),
    Code("UDV003", "error", "Nøgle gentaget i samme mapping"),
    Code("UDV004", "error", "Ja/nej-ord uden anførselstegn, hvor der skal stå tekst"),
    Code("UDV005", "error", "Filen har ikke den forventede opbygning"),
    Code("UDV006", "error", "YAML-funktion, som udv ikke tillader (alias, type-markering)"),
    Code("UDV007", "error", "Filen er for stor eller for dybt indlejret"),
    Code("UDV008", "error", "Filen kan ikke læses"),
    # The schema
    Code("UDV101", "error", "Ukendt felt"),
    Code("UDV102", "error", "Påkrævet felt mangler"),
    Code("UDV103", "error", "Forkert type eller værdi"),
    Code("UDV104", "error", "Ugyldig periode"),
    Code("UDV105", "error", "Ugyldig dato"),
    Code("UDV106", "error", "Værdi uden for de tilladte"),
    # References
    Code("UDV201", "error", "Ukendt udviklingsspor"),
    Code("UDV202", "error", "Ukendt ansvarlig"),
    Code("UDV203", "error", "Ukendt organisatorisk enhed"),
    Code("UDV204", "error", "Ukendt organ"),
    Code("UDV205", "error", "Ukendt pejlemærke"),
    Code("UDV206", "error", "Ukendt tiltag i depends_on"),
    Code("UDV207", "error", "Ukendt møde i milepæl"),
    Code("UDV208", "error", "Ukendt tiltag i et dagsordenspunkt"),
)

CODES: dict[str, Code] = {c.code: c for c in _TABLE}


def register(*codes: Code) -> None:
    """Add codes from a rule module (each code once)."""
    for c in codes:
        if c.code in CODES and CODES[c.code] != c:
            raise ValueError(f"code {c.code} registered twice with different meanings")
        CODES[c.code] = c


def severity_of(code: str) -> Severity:
    """The default severity of ``code``."""
    return CODES[code].severity
