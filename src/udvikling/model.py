"""The records of a plan: initiatives (tiltag), meetings (møder) and indicators (nøgletal).

Pydantic v2 models, unknown fields rejected, frozen. A record's id is its file name without
``.yaml``; the loader sets ``id`` and ``path`` after validation, so a YAML file never carries
them. Field descriptions are Danish: they become the hover text in editors via the JSON Schema.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.json_schema import SkipJsonSchema, WithJsonSchema
from pydantic_core import PydanticCustomError

from udvikling.periods import Period
from udvikling.types import DateField, DueField, Level, MeetingKind, PeriodField, Slug, Status


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=False)


class Waiver(_Model):
    """A documented exception to a lint rule for this record."""

    code: str = Field(description="Koden på den regel, der fraviges, fx UDV601.")
    reason: str = Field(description="Hvorfor reglen ikke overholdes her (skal udfyldes).")
    until: DateField | None = Field(
        default=None, description="Undtagelsen gælder til og med denne dato (valgfri)."
    )


class Milestone(_Model):
    """A milestone of an initiative: due in a period or at a meeting; done on a date."""

    title: str = Field(description="Hvad milepælen er.")
    due: PeriodField | None = Field(default=None, description="Hvornår milepælen skal nås.")
    meeting: Slug | None = Field(
        default=None, description="Id på det møde, hvor milepælen nås, fx 2024-01-16-kb."
    )
    done: DateField | None = Field(default=None, description="Datoen, hvor milepælen blev nået.")

    @model_validator(mode="after")
    def _due_or_meeting(self) -> Milestone:
        if self.due is not None and self.meeting is not None:
            raise PydanticCustomError(
                "milestone_due",
                "En milepæl har enten 'due' eller 'meeting', ikke begge.",
                {"hint": "Slet det ene felt."},
            )
        if self.due is None and self.meeting is None:
            raise PydanticCustomError(
                "milestone_due",
                "En milepæl skal have 'due' (en periode) eller 'meeting' (et møde-id).",
                {"hint": "Tilføj fx due: 2. kvartal 2024 eller meeting: 2024-04-24-vpu."},
            )
        return self


class Update(_Model):
    """One entry of an initiative's dated journal."""

    date: DateField = Field(description="Datoen for opdateringen.")
    text: str = Field(description="Status i prosa: det, statusnotater er lavet af.")


class Initiative(_Model):
    """Et tiltag i udviklingsprocessen."""

    id: SkipJsonSchema[str] = Field(default="", exclude=True)
    path: SkipJsonSchema[str] = Field(default="", exclude=True)

    title: str = Field(description="Tiltagets titel.")
    track: Slug = Field(description="Udviklingsspor (id fra udvikling.yaml).")
    owner: Slug = Field(description="Ansvarlig (id fra owners i udvikling.yaml).")
    level: Level = Field(description="Centralt eller decentralt niveau.")
    status: Status = Field(description="planlagt, i-gang, afsluttet, udskudt eller opgivet.")
    units: tuple[Slug, ...] = Field(
        default=(), description="Organisatoriske enheder (id'er fra units i udvikling.yaml)."
    )
    start: PeriodField | None = Field(
        default=None, description="Iværksættelse: hvornår det starter."
    )
    due: DueField | None = Field(
        default=None, description="Hvornår det skal være færdigt, eller 'løbende'."
    )
    completed: DateField | None = Field(
        default=None, description="Datoen, tiltaget blev afsluttet (ved status afsluttet)."
    )
    description: str | None = Field(default=None, description="Beskrivelse af tiltaget.")
    milestones: tuple[Milestone, ...] = Field(default=(), description="Milepæle.")
    updates: tuple[Update, ...] = Field(default=(), description="Dateret statusjournal.")
    depends_on: tuple[Slug, ...] = Field(default=(), description="Tiltag, dette afhænger af.")
    beacons: tuple[Slug, ...] = Field(default=(), description="Strategiens pejlemærker.")
    tags: tuple[str, ...] = Field(default=(), description="Frie emneord.")
    sources: tuple[str, ...] = Field(
        default=(), description="Dokumenter og beslutninger, tiltaget stammer fra."
    )
    confidential: bool = Field(
        default=False, description="Fortroligt: holdes ude af offentlige dokumenter."
    )
    waivers: tuple[Waiver, ...] = Field(default=(), description="Dokumenterede undtagelser.")

    @property
    def ongoing(self) -> bool:
        """True for continuous work (``due: løbende``): never overdue."""
        return self.due == "løbende"

    @property
    def due_period(self) -> Period | None:
        """The due period, or None when undated or continuous."""
        return self.due if isinstance(self.due, Period) else None


class AgendaItem(_Model):
    """Et dagsordenspunkt."""

    title: str = Field(description="Punktets titel.")
    initiatives: tuple[Slug, ...] = Field(default=(), description="De tiltag, punktet angår.")
    public: bool = Field(default=True, description="Åben sag (true) eller lukket sag (false).")
    route: tuple[Slug, ...] = Field(default=(), description="Sagsgang: organer i rækkefølge.")
    summary: str | None = Field(default=None, description="Sagsfremstilling.")
    policies: str | None = Field(
        default=None, description="Sammenhæng til andre politikker/strategier og fagområder."
    )
    economy: str | None = Field(default=None, description="Økonomiske konsekvenser.")
    legal_basis: str | None = Field(default=None, description="Lovgrundlag.")
    recommendation: str | None = Field(default=None, description="Indstilling.")
    decision: str | None = Field(default=None, description="Beslutning.")
    remarks: str | None = Field(default=None, description="Bemærkninger til beslutningen.")
    attachments: tuple[str, ...] = Field(default=(), description="Bilag til punktet.")


class Meeting(_Model):
    """Et møde: et udvalg, en styregruppe eller et andet organ."""

    id: SkipJsonSchema[str] = Field(default="", exclude=True)
    path: SkipJsonSchema[str] = Field(default="", exclude=True)

    body: Slug = Field(description="Organ (id fra bodies i udvikling.yaml).")
    date: PeriodField = Field(
        description="Mødedato eller -periode, fx 2024-04-24 eller primo uge 15 2023."
    )
    title: str = Field(description="Mødets eller sagens titel.")
    kind: MeetingKind = Field(
        description="status, beslutning, orientering, drøftelse, temadag, workshop eller møde."
    )
    case_no: str | None = Field(default=None, description="Sagsnummer, fx 22/6043.")
    items: tuple[AgendaItem, ...] = Field(default=(), description="Dagsordenspunkter.")
    absent: tuple[str, ...] = Field(default=(), description="Fraværende.")
    attachments: tuple[str, ...] = Field(default=(), description="Bilag.")
    waivers: tuple[Waiver, ...] = Field(default=(), description="Dokumenterede undtagelser.")

    @property
    def decided(self) -> bool:
        """True when every agenda item has a decision (and there is at least one)."""
        return bool(self.items) and all(i.decision for i in self.items)


class IndicatorColumn(_Model):
    """A column of an indicator table: one unit."""

    unit: Slug = Field(description="Organisatorisk enhed (id fra units).")
    label: str = Field(description="Kolonnens overskrift.")
    note: str | None = Field(default=None, description="Fx hvilke tilbud enheden omfatter.")


Figure = Annotated[Decimal, WithJsonSchema({"type": "number"})]
"""A figure in an indicator table: exact decimal arithmetic, a plain number in the schema."""


class IndicatorRow(_Model):
    """A row of an indicator table: one category, a value per unit."""

    category: str = Field(description="Rækkens kategori, fx Socialpædagog.")
    values: dict[Slug, Figure] = Field(description="Tal pr. enhed; udelad en enhed uden tal.")


class Indicator(_Model):
    """Nøgletal: en tabel med tal pr. kategori og enhed (fx Bilag 2 i statusnotatet)."""

    id: SkipJsonSchema[str] = Field(default="", exclude=True)
    path: SkipJsonSchema[str] = Field(default="", exclude=True)

    title: str = Field(description="Tabellens titel.")
    date: PeriodField = Field(description="Hvornår tallene er opgjort.")
    measure: str = Field(description="Hvad tallene måler, fx Fuldtidspersoner.")
    columns: tuple[IndicatorColumn, ...] = Field(description="Kolonner (enheder) i rækkefølge.")
    rows: tuple[IndicatorRow, ...] = Field(description="Rækker (kategorier) i rækkefølge.")
    totals: dict[Slug, Figure] = Field(
        default_factory=dict, description="De oplyste totaler pr. enhed (kontrolleres af lint)."
    )
    footnotes: tuple[str, ...] = Field(default=(), description="Fodnoter.")
    sources: tuple[str, ...] = Field(default=(), description="Kilder.")


RecordKind = Literal["initiative", "meeting", "indicator"]

__all__ = [
    "AgendaItem",
    "Indicator",
    "IndicatorColumn",
    "IndicatorRow",
    "Initiative",
    "Meeting",
    "Milestone",
    "RecordKind",
    "Update",
    "Waiver",
]
