"""Meetings and indicator tables: decisions recorded; figures that add up."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from udvikling.danish import format_number
from udvikling.findings import Finding
from udvikling.load import Dataset
from udvikling.rules import Context


def check_meetings(dataset: Dataset, context: Context) -> Iterable[Finding]:
    """UDV501: a meeting whose date has passed, not cancelled, with an agenda item without a
    decision; worded by what the data says of it (held, or not confirmed to have been)."""
    from udvikling.chrono import stand, view_at

    standing = stand(dataset, view_at(context.today, context.now), plan=dataset)
    for meeting in dataset.meetings.values():
        if not standing.past(meeting) or standing.outcome(meeting) == "cancelled":
            continue
        held = standing.outcome(meeting) == "held"
        when = meeting.date.danish()
        if not meeting.items:
            what = "er holdt" if held else "er ikke registreret som holdt eller aflyst"
            yield dataset.finding(
                meeting.path,
                ("title",),
                "UDV501",
                f"Mødet {when} {what} og har ingen dagsordenspunkter med beslutning: "
                "beslutning mangler.",
                "Tilføj items med title og decision (beslutningen), når referatet foreligger; "
                "skriv held: false, hvis mødet blev aflyst.",
            )
            continue
        for i, item in enumerate(meeting.items):
            if item.decision is None:
                what = "blev behandlet" if held else "stod på dagsordenen"
                tail = "" if held else " (det er ikke registreret, om mødet blev holdt)"
                yield dataset.finding(
                    meeting.path,
                    ("items", i, "title"),
                    "UDV501",
                    f"Punktet '{item.title}' {what} {when}: beslutning mangler{tail}.",
                    "Skriv beslutningen fra referatet i decision"
                    + ("." if held else ", eller held: false, hvis mødet blev aflyst."),
                )


def decimal_places(value: Decimal) -> int:
    """How many decimals a figure was written with (27.03 → 2, 12 → 0)."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def tolerance(values: Iterable[Decimal]) -> Decimal:
    """How far a sum of rounded figures may honestly drift from a stated total: half a unit
    of the last decimal place per figure."""
    figures = list(values)
    if not figures:
        return Decimal(0)
    places = max(decimal_places(v) for v in figures)
    return Decimal(len(figures)) * Decimal(5) * Decimal(10) ** -(places + 1)


def check_indicators(dataset: Dataset, context: Context) -> Iterable[Finding]:
    """UDV502/UDV503: column sums against stated totals; UDV504: values for unknown columns."""
    for indicator in dataset.indicators.values():
        p = indicator.path
        columns = [c.unit for c in indicator.columns]
        for r, row in enumerate(indicator.rows):
            for unit in row.values:
                if unit not in columns:
                    yield dataset.finding(
                        p,
                        ("rows", r, "values", unit),
                        "UDV504",
                        f"Rækken '{row.category}' har et tal for '{unit}', som ikke er en "
                        "kolonne i tabellen.",
                        f"Brug en af kolonnerne: {', '.join(columns)}.",
                        key=True,
                    )
        for unit, total in indicator.totals.items():
            if unit not in columns:
                yield dataset.finding(
                    p,
                    ("totals", unit),
                    "UDV504",
                    f"Totalen for '{unit}' hører ikke til en kolonne i tabellen.",
                    f"Brug en af kolonnerne: {', '.join(columns)}.",
                    key=True,
                )
                continue
            figures = [row.values[unit] for row in indicator.rows if unit in row.values]
            total_sum = sum(figures, Decimal(0))
            difference = total_sum - total
            if difference == 0:
                continue
            places = max(decimal_places(total), *(decimal_places(v) for v in figures))
            shown_sum = format_number(total_sum, places)
            shown_total = format_number(total, places)
            if abs(difference) <= tolerance(figures):
                yield dataset.finding(
                    p,
                    ("totals", unit),
                    "UDV503",
                    f"Tallene for '{unit}' summer til {shown_sum}, totalen er oplyst som "
                    f"{shown_total}: en afrundingsforskel.",
                    "Intet at gøre, hvis kilden selv har denne total; ellers ret tallene.",
                )
            else:
                yield dataset.finding(
                    p,
                    ("totals", unit),
                    "UDV502",
                    f"Tallene for '{unit}' summer til {shown_sum}, men totalen er oplyst som "
                    f"{shown_total} (forskel {format_number(abs(difference), places)}).",
                    "Tjek tallene mod kilden: en række mangler eller et tal er skrevet forkert.",
                )


def check_issued_shares(dataset: Dataset, context: Context) -> Iterable[Finding]:
    """UDV505: a share as the source printed it (``shares``) that is not the value's part of
    its column's sum at the source's own precision; the document keeps the source's."""
    from udvikling.danish import format_percent

    for indicator in dataset.indicators.values():
        for r, row in enumerate(indicator.rows):
            for unit, issued in row.shares.items():
                value = row.values.get(unit)
                column = sum(
                    (other.values.get(unit, Decimal(0)) for other in indicator.rows),
                    Decimal(0),
                )
                if value is None or not column:
                    continue
                number = issued.rstrip("% ").replace(",", ".")
                places = decimal_places(Decimal(number))
                computed = format_percent(float(value / column), places)
                if Decimal(number) == Decimal(computed.rstrip(" %").replace(",", ".")):
                    continue
                yield dataset.finding(
                    indicator.path,
                    ("rows", r, "shares", unit),
                    "UDV505",
                    f"Kildens procentandel {issued} for '{row.category}' i '{unit}' afviger "
                    f"fra den beregnede {computed} ({format_number(value, decimal_places(value))} "
                    f"af {format_number(column, decimal_places(column))}).",
                    "Intet at gøre, hvis kilden selv har dette tal; dokumentet viser kildens.",
                )
