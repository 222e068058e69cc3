"""The stable finding codes: one table, grouped by kind.

A code never changes meaning once released; tools and waivers refer to it. Every code
here is documented in ``docs/rules.md`` (a test keeps the two in step).

- UDV0xx: the file itself (encoding, YAML syntax, structure)
- UDV1xx: the schema (fields, types, values, periods, dates)
- UDV2xx: references to declared or recorded ids
- UDV3xx: ids and file names
- UDV4xx: dates and the order of things
- UDV5xx: meetings and indicator tables
- UDV6xx: the plan's health: obligations, staleness, capacity, confidentiality
- UDV9xx: waivers themselves
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
    Code("UDV009", "error", "Styretegn i teksten"),
    Code("UDV010", "error", "Skjult retningstegn i teksten"),
    # The schema
    Code("UDV101", "error", "Ukendt felt"),
    Code("UDV102", "error", "Påkrævet felt mangler"),
    Code("UDV103", "error", "Forkert type eller værdi"),
    Code("UDV104", "error", "Ugyldig periode"),
    Code("UDV105", "error", "Ugyldig dato"),
    Code("UDV106", "error", "Værdi uden for de tilladte"),
    Code("UDV107", "error", "Påkrævet tekst er tom"),
    # References
    Code("UDV201", "error", "Ukendt udviklingsspor"),
    Code("UDV202", "error", "Ukendt ansvarlig"),
    Code("UDV203", "error", "Ukendt organisatorisk enhed"),
    Code("UDV204", "error", "Ukendt organ"),
    Code("UDV205", "error", "Ukendt pejlemærke"),
    Code("UDV206", "error", "Ukendt tiltag i depends_on"),
    Code("UDV207", "error", "Ukendt møde i milepæl"),
    Code("UDV208", "error", "Ukendt tiltag i et dagsordenspunkt"),
    Code("UDV209", "error", "Ukendt møde eller rapport i reported_in"),
    Code("UDV210", "error", "Ukendt milepæl i reached"),
    Code("UDV211", "error", "Ukendt tiltag, spor, møde eller taltabel i en rapport"),
    Code("UDV212", "error", "Ukendt rapport i as_issued"),
    # Ids and file names
    Code("UDV301", "error", "Filnavnet er ikke et gyldigt id"),
    Code("UDV302", "error", "Mødets id passer ikke til dato og organ"),
    Code("UDV303", "error", "Samme møde registreret to gange"),
    Code("UDV304", "error", "Samme milepæls-id to gange i et tiltag"),
    # Dates
    Code("UDV401", "error", "Start ligger efter frist"),
    Code("UDV402", "error", "Tiltag afhænger af hinanden i ring"),
    Code("UDV403", "warning", "Milepæl ligger uden for tiltagets periode"),
    Code("UDV404", "error", "Dato i fremtiden"),
    Code("UDV405", "error", "Afsluttet tiltag med milepæle, der ikke er nået"),
    Code("UDV406", "warning", "Alle milepæle nået, men status er planlagt"),
    Code("UDV407", "warning", "Opdateringen er dateret anderledes end mødet eller rapporten"),
    Code(
        "UDV408",
        "warning",
        "Rapporten nævner et tiltag, der ikke var en del af planen på dens dato",
    ),
    Code("UDV409", "warning", "Samme opdatering to gange i journalen"),
    # Meetings and indicators
    Code("UDV501", "warning", "Beslutning mangler"),
    Code("UDV502", "error", "Tallene summer ikke til den oplyste total"),
    Code("UDV503", "info", "Afrundingsforskel mellem tal og total"),
    Code("UDV504", "error", "Tal for en enhed, der ikke er en kolonne i tabellen"),
    Code("UDV505", "info", "Kildens procentandel afviger fra den beregnede"),
    # The plan's health
    Code("UDV601", "error", "Afrapportering mangler"),
    Code("UDV602", "info", "Afrapportering forfalder snart"),
    Code("UDV603", "warning", "Aktivt tiltag uden opdatering"),
    Code("UDV604", "warning", "For mange aktive tiltag hos én ansvarlig"),
    Code("UDV605", "warning", "Fortroligt tiltag på et åbent dagsordenspunkt"),
    # Waivers
    Code("UDV901", "error", "Ugyldig undtagelse eller lint-indstilling"),
    Code("UDV902", "warning", "Undtagelsen er udløbet"),
    Code("UDV903", "warning", "Undtagelsen bruges ikke"),
)

# Codes a waiver may suspend: the rules about the plan, not broken files or schema errors.
WAIVABLE_PREFIXES = ("UDV3", "UDV4", "UDV5", "UDV6")

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
