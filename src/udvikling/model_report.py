"""Issued documents as records: a status note or a process plan, written by people and
filled by udv (``data/reports/<id>.yaml``).

A report holds only the framing that belongs to the document: its date, the body or meeting
it goes to, the authored prose (introduction, focus areas, an introduction per section,
closing) and which sections it has in which order. What an initiative did stays in the
initiative's journal and description and reaches the document from there. See
docs/reports.md.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from udvikling.twins import BLOCK_KINDS as BLOCK_KINDS
from udvikling.twins import BlockBehaviour
from udvikling.types import DateField, FrozenModel, PeriodField, Slug


class _Model(FrozenModel):
    """A record model of this module (see :class:`~udvikling.types.FrozenModel`)."""


Show = Literal["title", "description", "timing", "responsibility", "updates"]

ColumnField = Literal["track", "title", "description", "timing", "owner", "responsibility", "level"]
MastheadLine = Literal["date", "title", "organisation", "case_no"]


class PlanColumn(_Model):
    """En kolonne i tids- og procesplanens tabel: overskriften og de felter, der fylder den."""

    heading: str = Field(description="Kolonnens overskrift, som dokumentet skriver den.")
    fields: tuple[ColumnField, ...] = Field(
        description="De felter, der står i kolonnen, hver på sin linje: track (sporets navn, "
        "i sporets første række), title, description, timing, owner, responsibility, level."
    )


class PlanGroup(_Model):
    """One track's rows in a process-plan table, in the order given."""

    heading: str = Field(description="Sporets navn, som dokumentet skriver det.")
    initiatives: tuple[Slug, ...] = Field(description="Tiltagene (id'er) i rækkefølge.")


class Block(BlockBehaviour, _Model):
    """En blok i et afsnit: forfattet tekst, eller noget, udv udfylder fra planen.

    Hver blok har præcis én af nøglerne text, subheading, initiative, initiatives, tracks,
    plan, upcoming, late, standing, meetings, timeline, beacons eller indicators.
    """

    text: str | None = Field(
        default=None,
        description="Forfattet tekst: afsnit adskilt af en tom linje; linjer, der begynder "
        "med '- ' eller '1.', bliver punktopstillinger.",
    )
    subheading: str | None = Field(default=None, description="En mellemoverskrift.")
    initiative: Slug | None = Field(
        default=None, description="Ét tiltag: det, der er meldt om det (se show)."
    )
    initiatives: tuple[Slug, ...] | None = Field(
        default=None, description="Flere tiltag, i den rækkefølge, de skal stå."
    )
    tracks: tuple[Slug, ...] | None = Field(
        default=None, description="Alle tiltag i disse spor, som har nyt at melde."
    )
    plan: tuple[PlanGroup, ...] | None = Field(
        default=None, description="Tids- og procesplanens tabel: et spor pr. gruppe."
    )
    columns: tuple[PlanColumn, ...] | None = Field(
        default=None,
        description="Til plan: dokumentets egne kolonner i én tabel, og hvilke felter der "
        "fylder hver (standard: en tabel pr. spor med Tiltag, Iværksættelse af tiltag, "
        "Ansvarlig og Centralt/decentralt).",
    )
    upcoming: bool | None = Field(
        default=None, description="true: det videre forløb (milepæle og møder)."
    )
    late: bool | None = Field(
        default=None,
        description="true: tiltag og milepæle, hvis frist er overskredet: dem, der er meldt "
        "ikke færdige efter fristen, og dem, der ikke er meldt status på siden fristen.",
    )
    standing: bool | None = Field(
        default=None,
        description="true: hvert tiltags seneste kendte status, og hvornår den blev meldt.",
    )
    meetings: bool | None = Field(default=None, description="true: møderne i planen.")
    timeline: bool | None = Field(
        default=None, description="true: tidslinjen over tiltag og møder."
    )
    beacons: bool | None = Field(
        default=None, description="true: strategiens pejlemærker og de tiltag, der hører til."
    )
    indicators: tuple[Slug, ...] | None = Field(
        default=None, description="Taltabeller fra data/indicators (id'er)."
    )
    show: tuple[Show, ...] = Field(
        default=("updates",),
        description="Hvad der vises om hvert tiltag: title, description, timing, "
        "responsibility, updates (standard: updates, det meldte).",
    )
    style: Literal["paragraphs", "paragraph", "list"] = Field(
        default="paragraphs",
        description="paragraphs: et afsnit pr. tiltag; paragraph: alt i ét afsnit (fx en "
        "beskrivelse og det meldte, som dokumentet skrev i samme afsnit); list: en "
        "punktopstilling.",
    )
    run_on: bool = Field(
        default=False,
        description="true: blokkens første tekst fortsætter afsnittet før den, som i det "
        "udsendte dokument, i stedet for at begynde et nyt afsnit.",
    )

    @model_validator(mode="after")
    def _one_kind(self) -> Block:
        given = [k for k in BLOCK_KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            raise PydanticCustomError(
                "block_kind",
                "En blok skal have præcis én af nøglerne "
                f"{', '.join(BLOCK_KINDS)}" + (f"; den har {', '.join(given)}." if given else "."),
                {"hint": "Del blokken i flere, eller tilføj fx text: ..."},
            )
        return self


class Section(_Model):
    """Et afsnit af dokumentet: en overskrift og dets blokke."""

    heading: str | None = Field(
        default=None,
        description="Afsnittets overskrift; udelad den, når dokumentet ikke har en.",
    )
    blocks: tuple[Block, ...] = Field(
        default=(),
        description="Afsnittets indhold i rækkefølge; et afsnit uden blokke står med sin "
        "overskrift alene (fx et bilag, der er en figur).",
    )


class Report(_Model):
    """Et udsendt dokument: et statusnotat eller en tids- og procesplan."""

    id: SkipJsonSchema[str] = Field(default="", exclude=True)
    path: SkipJsonSchema[str] = Field(default="", exclude=True)

    kind: Literal["notat", "procesplan"] = Field(description="notat eller procesplan.")
    title: str = Field(description="Dokumentets titel.")
    date: PeriodField = Field(
        description="Dokumentets dato, som den står på dokumentet: en dato eller en periode "
        "(fx efterår 2024)."
    )
    as_of: DateField | None = Field(
        default=None,
        description="Skæringsdatoen, når den kendes præcist (standard: sidste dag i date).",
    )
    meeting: Slug | None = Field(
        default=None, description="Mødet, dokumentet forelægges på (id), når det kendes."
    )
    to: tuple[Slug, ...] = Field(
        default=(), description="De organer, dokumentet går til (id'er fra bodies)."
    )
    case_no: str | None = Field(default=None, description="Sagsnummer, fx 22/6043.")
    masthead: tuple[MastheadLine, ...] | None = Field(
        default=None,
        description="Dokumentets hoved, som det stod på det udsendte dokument: de linjer, det "
        "havde, i rækkefølge (date, title, organisation, case_no); [] når det intet hoved "
        "havde. Udelad for et nyt dokument: så får det titel og en linje med organisation, "
        "dato og sagsnummer.",
    )
    date_written: str | None = Field(
        default=None,
        description="Datoen, som dokumentet skrev den (fx '8. jan. 2023'); standard: date.",
    )
    sections: tuple[Section, ...] = Field(description="Afsnittene i rækkefølge.")
    sources: tuple[str, ...] = Field(default=(), description="Kilder.")


__all__ = [
    "BLOCK_KINDS",
    "Block",
    "ColumnField",
    "MastheadLine",
    "PlanColumn",
    "PlanGroup",
    "Report",
    "Section",
    "Show",
]
