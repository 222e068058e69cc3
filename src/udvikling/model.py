"""The records of a plan: initiatives (tiltag), meetings (møder) and indicators (nøgletal).

Pydantic v2 models, unknown fields rejected, frozen. A record's id is its file name without
``.yaml``; the loader sets ``id`` and ``path`` after validation, so a YAML file never carries
them. Field descriptions are Danish: they become the hover text in editors via the JSON Schema.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator
from pydantic.json_schema import SkipJsonSchema, WithJsonSchema
from pydantic_core import PydanticCustomError

from udvikling.twins import CHANGEABLE as CHANGEABLE
from udvikling.twins import InitiativeBehaviour, MeetingBehaviour, UpdateBehaviour
from udvikling.types import (
    DateField,
    DueField,
    FrozenModel,
    Level,
    MeetingKind,
    PeriodField,
    Slug,
    Status,
)


class _Model(FrozenModel):
    """A record model of this module (see :class:`~udvikling.types.FrozenModel`)."""


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
    done: PeriodField | None = Field(
        default=None,
        description="Hvornår milepælen blev nået: en dato, eller en periode, når kilden kun "
        "giver en periode (fx december 2022).",
    )
    since: PeriodField | None = Field(
        default=None,
        description="Siden hvornår milepælen er en del af planen (fx datoen for den beslutning, "
        "der tilføjede den). Uden since: med i planen fra begyndelsen.",
    )
    id: Slug | None = Field(
        default=None,
        description="Fast id for milepælen (valgfrit, entydigt i tiltaget), fx status-2024: "
        "kalenderen genkender milepælen på det, også hvis titlen ændres. Uden id bruges titlen.",
    )

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


class Update(UpdateBehaviour, _Model):
    """One entry of an initiative's dated journal: what was reported or decided, and when.

    An entry may carry prose (``text``), change the initiative's fields from its date on
    (``status``, ``due``, ``title`` ...), and mark milestones reached (``reached``). It is
    known from the last day of its ``date`` period; see docs/semantics.md (R13-R20).
    """

    date: PeriodField = Field(
        description="Hvornår det blev meldt eller besluttet: en dato, eller en periode, når "
        "kilden kun giver en periode (fx efterår 2024)."
    )
    concerns: PeriodField | None = Field(
        default=None,
        description="Den periode, teksten handler om, fx 1. kvartal 2024 (standard: date).",
    )
    reported_in: Slug | None = Field(
        default=None,
        description="Hvor det blev meldt: id på et møde (fx 2024-04-24-vpu) eller en rapport "
        "i data/reports (fx 2024-efteraar-status).",
    )
    text: str | None = Field(default=None, description="Status i prosa.")
    title: str | None = Field(default=None, description="Ny titel fra denne dato.")
    track: Slug | None = Field(default=None, description="Nyt udviklingsspor fra denne dato.")
    owner: Slug | None = Field(default=None, description="Ny ansvarlig fra denne dato.")
    level: Level | None = Field(default=None, description="Nyt niveau fra denne dato.")
    status: Status | None = Field(default=None, description="Ny status fra denne dato.")
    units: tuple[Slug, ...] | None = Field(
        default=None, description="Nye organisatoriske enheder fra denne dato."
    )
    start: PeriodField | None = Field(default=None, description="Ny start fra denne dato.")
    due: DueField | None = Field(default=None, description="Ny frist fra denne dato.")
    completed: PeriodField | None = Field(
        default=None, description="Hvornår tiltaget blev afsluttet (sammen med status afsluttet)."
    )
    description: str | None = Field(default=None, description="Ny beskrivelse fra denne dato.")
    timing: str | None = Field(
        default=None, description="Ny tekst om iværksættelse (planens egne ord) fra denne dato."
    )
    responsibility: str | None = Field(
        default=None, description="Ny tekst om ansvar og forankring fra denne dato."
    )
    tags: tuple[str, ...] | None = Field(
        default=None, description="Nye emneord fra denne dato (erstatter de tidligere)."
    )
    reached: tuple[str, ...] = Field(
        default=(),
        description="Milepæle, der er meldt nået (milepælens id eller titel).",
    )
    source: str | None = Field(
        default=None,
        description="Kilden til opdateringen (dokument eller beslutning); den vises blandt "
        "tiltagets kilder, når opdateringen er kendt.",
    )

    @model_validator(mode="after")
    def _says_something(self) -> Update:
        if self.text is None and not self.reached and not self.changes():
            raise PydanticCustomError(
                "update_empty",
                "En opdatering skal have en tekst, en ændring eller nåede milepæle.",
                {"hint": "Skriv fx text: ... eller status: afsluttet."},
            )
        return self


class AsIssued(_Model):
    """Tiltagets ord, som et udsendt dokument skrev dem, hvor de afviger fra planens."""

    title: str | None = Field(default=None, description="Titlen, som dokumentet skrev den.")
    description: str | None = Field(
        default=None, description="Beskrivelsen, som dokumentet skrev den."
    )
    timing: str | None = Field(
        default=None, description="Iværksættelsen, som dokumentet skrev den."
    )
    responsibility: str | None = Field(
        default=None, description="Ansvar og forankring, som dokumentet skrev det."
    )
    owner: str | None = Field(
        default=None,
        description="Den ansvarlige, som dokumentet skrev den ('' når dokumentet ikke "
        "nævner den for sig, fx fordi navnet står i responsibility).",
    )


class Initiative(InitiativeBehaviour, _Model):
    """Et tiltag i udviklingsprocessen."""

    id: SkipJsonSchema[str] = Field(default="", exclude=True)
    path: SkipJsonSchema[str] = Field(default="", exclude=True)

    title: str = Field(description="Tiltagets titel.")
    track: Slug = Field(description="Udviklingsspor (id fra udvikling.yaml).")
    owner: Slug | None = Field(
        default=None,
        description="Ansvarlig (id fra owners i udvikling.yaml). Udelad, når kilden ikke "
        "nævner en ansvarlig.",
    )
    level: Level | None = Field(
        default=None,
        description="Centralt eller decentralt niveau. Udelad, når kilden ikke angiver det.",
    )
    status: Status | None = Field(
        default=None,
        description="planlagt, i-gang, afsluttet, udskudt eller opgivet. Udelad, når ingen "
        "kilde oplyser status.",
    )
    since: PeriodField | None = Field(
        default=None,
        description="Siden hvornår tiltaget er en del af planen (fx datoen for planen, det "
        "først stod i). Uden since: med i planen fra begyndelsen.",
    )
    units: tuple[Slug, ...] = Field(
        default=(), description="Organisatoriske enheder (id'er fra units i udvikling.yaml)."
    )
    start: PeriodField | None = Field(
        default=None, description="Iværksættelse: hvornår det starter."
    )
    due: DueField | None = Field(
        default=None, description="Hvornår det skal være færdigt, eller 'løbende'."
    )
    completed: PeriodField | None = Field(
        default=None,
        description="Hvornår tiltaget blev afsluttet (ved status afsluttet): en dato eller en "
        "periode.",
    )
    description: str | None = Field(default=None, description="Beskrivelse af tiltaget.")
    timing: str | None = Field(
        default=None,
        description="Iværksættelse i planens egne ord, fx 'Rekruttering pågår frem til juni "
        "2023' (start og due er de datoer, udv regner med).",
    )
    responsibility: str | None = Field(
        default=None,
        description="Ansvar og forankring i planens egne ord, ud over den ansvarlige.",
    )
    as_issued: dict[Slug, AsIssued] = Field(
        default_factory=dict,
        description="Pr. udsendt dokument (id fra data/reports): tiltagets ord, som dokumentet "
        "skrev dem, hvor de afviger fra felterne ovenfor (fx en stavefejl eller et navn, "
        "der siden er skrevet anderledes). udv gengiver dokumentet med dem.",
    )
    milestones: tuple[Milestone, ...] = Field(default=(), description="Milepæle.")
    updates: tuple[Update, ...] = Field(
        default=(),
        description="Journalen: daterede opdateringer, som også kan ændre tiltaget fra deres dato.",
    )
    depends_on: tuple[Slug, ...] = Field(default=(), description="Tiltag, dette afhænger af.")
    beacons: tuple[Slug, ...] = Field(default=(), description="Strategiens pejlemærker.")
    tags: tuple[str, ...] = Field(default=(), description="Frie emneord.")
    sources: tuple[str, ...] = Field(
        default=(),
        description="Dokumenter og beslutninger, tiltaget stammer fra, som det først stod i "
        "planen (senere kilder står på opdateringerne under source).",
    )
    confidential: bool = Field(
        default=False, description="Fortroligt: holdes ude af offentlige dokumenter."
    )
    waivers: tuple[Waiver, ...] = Field(default=(), description="Dokumenterede undtagelser.")


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


class Meeting(MeetingBehaviour, _Model):
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
    since: PeriodField | None = Field(
        default=None,
        description="Siden hvornår mødet er kendt (fx datoen for den plan, der fastlagde det). "
        "Uden since: kendt fra begyndelsen.",
    )
    held: bool | None = Field(
        default=None,
        description="true, når det er bekræftet, at mødet blev holdt; false, hvis det blev "
        "aflyst. Udelad for et planlagt møde, indtil det vides. Et møde med en beslutning er "
        "holdt.",
    )
    items: tuple[AgendaItem, ...] = Field(default=(), description="Dagsordenspunkter.")
    absent: tuple[str, ...] = Field(default=(), description="Fraværende.")
    attachments: tuple[str, ...] = Field(default=(), description="Bilag.")
    waivers: tuple[Waiver, ...] = Field(default=(), description="Dokumenterede undtagelser.")


class IndicatorColumn(_Model):
    """A column of an indicator table: one unit."""

    unit: Slug = Field(description="Organisatorisk enhed (id fra units).")
    label: str = Field(description="Kolonnens overskrift.")
    note: str | None = Field(default=None, description="Fx hvilke tilbud enheden omfatter.")


Figure = Annotated[
    Decimal,
    Field(max_digits=15, decimal_places=4, allow_inf_nan=False),
    WithJsonSchema({"type": "number"}),
]
"""A figure in an indicator table: exact decimal arithmetic, a plain number in the schema;
at most 11 digits before the decimal point and 4 after (no 1e400 to overflow the sums)."""


IssuedShare = Annotated[
    str,
    StringConstraints(pattern=r"^\d{1,3}(,\d{1,4})? ?%$"),
    Field(description="En procentandel, som kilden skriver den, fx '11,53 %' eller '20,1 %'."),
]
"""A percentage as an issued document printed it: its value, precision and spacing."""


class IndicatorRow(_Model):
    """A row of an indicator table: one category, a value per unit."""

    category: str = Field(description="Rækkens kategori, fx Socialpædagog.")
    values: dict[Slug, Figure] = Field(description="Tal pr. enhed; udelad en enhed uden tal.")
    shares: dict[Slug, IssuedShare] = Field(
        default_factory=dict,
        description="Kildens egne procentandele pr. enhed, som den skrev dem (fx '20,1 %'); "
        "de vises i stedet for de beregnede, og lint melder, hvor de afviger.",
    )


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
    total_shares: dict[Slug, IssuedShare] = Field(
        default_factory=dict,
        description="Kildens procentandel ved totalerne pr. enhed, som den skrev den (fx '100%').",
    )
    corner: str | None = Field(
        default=None,
        description="Teksten i tabellens øverste venstre felt (standard: measure), fx med en "
        "fodnotemarkering; '' for et tomt felt.",
    )
    total_label: str | None = Field(
        default=None,
        description="Teksten foran totalerne (standard: '<measure> i alt'), fx med en "
        "fodnotemarkering som i kilden.",
    )
    footnotes: tuple[str, ...] = Field(default=(), description="Fodnoter, som kilden har dem.")
    notes: tuple[str, ...] = Field(
        default=(),
        description="Bemærkninger til tabellen, fx hvor kildens egne tal afviger fra de beregnede.",
    )
    sources: tuple[str, ...] = Field(default=(), description="Kilder.")


RecordKind = Literal["initiative", "meeting", "indicator"]

__all__ = [
    "AgendaItem",
    "AsIssued",
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
