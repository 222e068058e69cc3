"""The repository configuration ``udvikling.yaml``: everything the records may refer to.

Like a ledger's account declarations, tracks, bodies, owners, units and beacons are declared
here before use, and a reference to anything undeclared is an error with a "did you mean"
hint. Reporting obligations and the linter's thresholds live here too.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from udvikling.model import Waiver
from udvikling.plan_root import CONFIG_FILE as CONFIG_FILE
from udvikling.twins import BodyBehaviour
from udvikling.types import PeriodField, Slug

# local@domain.tld, no spaces, quotes, commas, angle brackets or a second @.
_EMAIL = re.compile(r"[^@\s\"'<>,;()\[\]\\]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class NameChange(_Model):
    """A change of a declared thing from a date: a new name (the old one is kept in the
    history). It applies, and is known, from the last day of its ``date`` period, as a journal
    entry does (docs/semantics.md R13, R15, R22)."""

    date: PeriodField = Field(
        description="Hvornår ændringen gælder fra: en dato, eller en periode, når kilden kun "
        "giver en periode (ændringen gælder fra periodens sidste dag)."
    )
    name: str | None = Field(default=None, description="Nyt navn fra denne dato.")
    source: str | None = Field(
        default=None, description="Kilden til ændringen (dokument eller beslutning)."
    )


class TrackChange(NameChange):
    """A change of a track from a date: a new name, or reported separately from then on."""

    separate: bool | None = Field(
        default=None,
        description="true: sporet afrapporteres særskilt fra denne dato (fx efter en "
        "beslutning om at opdele området).",
    )


class _Dated(_Model):
    """A declared thing that may exist only from a date (``since``)."""

    since: PeriodField | None = Field(
        default=None,
        description="Siden hvornår det findes (fx datoen for den plan eller beslutning, der "
        "indførte det). Uden since: fra begyndelsen.",
    )
    changes: tuple[NameChange, ...] = Field(
        default=(),
        description="Ændringer fra en dato, fx et nyt navn; det gamle navn står i name.",
    )


class _Named(_Dated):
    """A declared thing with a Danish name; ``id: Navn`` is shorthand for ``id: {name: Navn}``."""

    name: str = Field(description="Navn på dansk (som det hed, da det blev indført).")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value


class Track(_Named):
    """Et udviklingsspor."""

    note: str | None = Field(default=None, description="Bemærkning, fx om sporets kilder.")
    separate: bool = Field(
        default=False,
        description="true: sporets tiltag afrapporteres særskilt (fx efter en opdeling af "
        "området); de indgår ikke i planens notater og meldes ikke for sent af udv overdue.",
    )
    changes: tuple[TrackChange, ...] = Field(
        default=(),
        description="Ændringer fra en dato: nyt navn, eller særskilt afrapportering.",
    )


class Body(BodyBehaviour, _Named):
    """Et organ: udvalg, styregruppe, MED-udvalg m.m."""

    short: str | None = Field(default=None, description="Forkortelse, fx VPU.")


class Owner(_Named):
    """En ansvarlig (en rolle, ikke en person)."""

    email: str | None = Field(
        default=None,
        description="Rollens e-mailadresse (fx en fælles postkasse), som statusarket sendes "
        "til: udv sheet export --mail skriver den i mailkladden.",
    )
    waivers: tuple[Waiver, ...] = Field(
        default=(), description="Dokumenterede undtagelser, fx for UDV604."
    )

    @field_validator("email")
    @classmethod
    def _address(cls, value: str | None) -> str | None:
        # One plain address: no display name, no second address, nothing a mail header
        # could be made to carry (a line break, a comma, angle brackets).
        if value is not None and not _EMAIL.fullmatch(value):
            raise PydanticCustomError(
                "email",
                "'{shown}' er ikke en e-mailadresse",
                {"shown": value[:80], "hint": "Skriv én adresse, fx sekretariat@kommune.dk."},
            )
        return value


class Unit(_Named):
    """En organisatorisk enhed, fx et aftaleområde."""

    note: str | None = Field(default=None, description="Fx hvilke tilbud enheden omfatter.")


class Beacon(_Dated):
    """Et af strategiens pejlemærker. Navnet kan udelades, når kilderne ikke giver det."""

    name: str | None = Field(default=None, description="Navn på dansk (udelad, hvis ukendt).")
    note: str | None = Field(default=None, description="Bemærkning.")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value


class ObligationWaiver(_Model):
    """A documented reason why an obligation was not met for a body in a period."""

    body: Slug = Field(description="Organet, undtagelsen gælder.")
    period: PeriodField = Field(description="Perioden, undtagelsen gælder, fx 2024-H1.")
    reason: str = Field(description="Hvorfor der ikke blev afrapporteret.")


class Obligation(_Model):
    """A reporting obligation: a status meeting per body in every period of a span."""

    title: str = Field(description="Forpligtelsen i ord.")
    bodies: tuple[Slug, ...] = Field(description="De organer, der skal have status.")
    every: Literal["kvartal", "halvår", "år"] = Field(
        description="Hvor ofte: én statusbehandling pr. kvartal, halvår eller år."
    )
    period: PeriodField = Field(description="Den periode, forpligtelsen gælder, fx 2023 – 2024.")
    kind: Literal["status"] = Field(
        default="status", description="Mødetypen, der opfylder forpligtelsen."
    )
    source: str | None = Field(default=None, description="Beslutningen, forpligtelsen stammer fra.")
    note: str | None = Field(default=None, description="Bemærkning.")
    waivers: tuple[ObligationWaiver, ...] = Field(default=(), description="Undtagelser.")


class LintConfig(_Model):
    """The linter's settings: severities and thresholds."""

    severity: dict[str, Literal["error", "warning", "info", "off"]] = Field(
        default_factory=dict,
        description="Alvorlighed pr. kode, fx UDV601: info, eller off for at slå reglen fra.",
    )
    stale_months: int = Field(
        default=6,
        ge=1,
        description="Et aktivt tiltag uden opdatering i så mange måneder er forældet.",
    )
    max_active_per_owner: int = Field(
        default=8, ge=1, description="Højst så mange aktive tiltag pr. ansvarlig i ét kvartal."
    )
    obligation_notice_weeks: int = Field(
        default=6, ge=0, description="Varsel (uger) før en afrapportering skal ske."
    )


def _web_address(value: Any) -> Any:
    """An address a citizen's browser opens: ``https://`` or ``http://`` and a host."""
    from urllib.parse import urlsplit

    if not isinstance(value, str):
        return value
    address = value.strip()
    parts = urlsplit(address)
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or any(c.isspace() for c in address)
    ):
        raise PydanticCustomError(
            "web_address",
            "Skriv en hel webadresse, der begynder med https://, ikke {value}.",
            {
                "value": repr(value),
                "hint": "Fx https://was.digst.dk/... (se erklæringens adresse).",
            },
        )
    return address


class SiteConfig(_Model):
    """Indstillinger for webstedet, som udv site bygger."""

    accessibility_statement: str | None = Field(
        default=None,
        description="Webadressen på tilgængelighedserklæringen for webstedet (fx den, "
        "kommunen har lavet i Digitaliseringsstyrelsens værktøj). Hver side linker til den; "
        "uden den laver udv en side, der siger, hvad der er kontrolleret, og at erklæringen "
        "mangler.",
    )

    @field_validator("accessibility_statement", mode="before")
    @classmethod
    def _address(cls, value: Any) -> Any:
        return _web_address(value)


class Config(_Model):
    """udvikling.yaml: organisation, proces og alt, som data må henvise til."""

    organisation: str = Field(description="Organisationens navn, fx Norddjurs Kommune.")
    process: str = Field(description="Procesens navn, fx Udviklingsproces på Socialområdet.")
    process_definite: str | None = Field(
        default=None,
        description="Procesens navn i bestemt form, som det står midt i en sætning, fx "
        "udviklingsprocessen på Socialområdet (standard: navnet med lille forbogstav).",
    )
    department: str | None = Field(default=None, description="Område/forvaltning (valgfri).")
    case_no: str | None = Field(default=None, description="Sagsnummer for processen (valgfri).")
    tracks: dict[Slug, Track] = Field(description="Udviklingsspor i rapportrækkefølge.")
    bodies: dict[Slug, Body] = Field(description="Organer (udvalg, styregrupper m.m.).")
    owners: dict[Slug, Owner] = Field(description="Ansvarlige (roller).")
    units: dict[Slug, Unit] = Field(default_factory=dict, description="Organisatoriske enheder.")
    beacons: dict[Slug, Beacon] = Field(
        default_factory=dict, description="Strategiens pejlemærker."
    )
    obligations: dict[Slug, Obligation] = Field(
        default_factory=dict, description="Afrapporteringsforpligtelser."
    )
    lint: LintConfig = Field(default_factory=LintConfig, description="Indstillinger for udv lint.")
    site: SiteConfig = Field(
        default_factory=SiteConfig, description="Indstillinger for webstedet (udv site)."
    )
