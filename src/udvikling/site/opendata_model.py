"""The open data's format: the plan as the site shows it, as JSON, described by these models.

The JSON Schema published with the data (``data/plan.schema.json``) is made from these
models, and the data is written through them, so the two cannot drift apart. Keys are
English and stable, as in every JSON udv writes (docs/json-output.md); texts for readers
are Danish; dates are ISO 8601; a missing value is ``null``, never a missing key. ``version``
is the format's version: it grows by one when a key is removed or changes meaning (new keys
may be added without a new version).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

FORMAT_VERSION = 1


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OpenPeriod(_Model):
    """En periode: en dato eller en grovere periode (fx efterår 2024)."""

    text: str = Field(description="Maskinform, som udv kan læse igen, fx 2024-Q2 eller 2024-04-24.")
    danish: str = Field(description="Perioden på dansk, fx 2. kvartal 2024.")
    start: str = Field(description="Periodens første dag (ÅÅÅÅ-MM-DD).")
    end: str = Field(description="Periodens sidste dag (ÅÅÅÅ-MM-DD).")


class Named(_Model):
    """Et id fra udvikling.yaml med sit navn på dansk."""

    id: str = Field(description="Id (fra udvikling.yaml).")
    name: str = Field(description="Navnet på dansk.")


class OpenProgress(_Model):
    """Optælling af tiltag efter status og milepæle efter stand (se counting)."""

    initiatives: int = Field(description="Antal tiltag.")
    completed: int = Field(description="Heraf med status afsluttet.")
    by_status: dict[str, int] = Field(
        description="Antal tiltag pr. status (planlagt, i-gang, afsluttet, udskudt, opgivet, "
        "ikke-oplyst); kun statusser med tiltag."
    )
    milestones: int = Field(description="Antal milepæle i tiltagene.")
    reached: int = Field(description="Heraf nået.")
    milestones_by_state: dict[str, int] = Field(
        description="Antal milepæle pr. stand (done: nået, upcoming: kommende, late: for sent, "
        "unreported: over fristen uden melding, closed: tiltaget er lukket, undated: uden "
        "dato, separate: afrapporteres særskilt); kun stande med milepæle."
    )
    text: str = Field(description="Optællingen i én sætning på dansk.")


class OpenTrack(_Model):
    """Et udviklingsspor med dets optælling."""

    id: str = Field(description="Sporets id.")
    name: str = Field(description="Sporets navn, som det hed på dagen.")
    note: str | None = Field(description="Bemærkning til sporet.")
    separate: bool = Field(description="Afrapporteres særskilt.")
    page: str = Field(description="Sporets side på webstedet (sti fra webstedets rod).")
    feed: str = Field(description="Sporets Atom-feed (sti fra webstedets rod).")
    progress: OpenProgress = Field(description="Optællingen for sporets tiltag.")


class OpenReached(_Model):
    """Hvordan en milepæl er nået."""

    basis: Literal["done", "reported", "meeting"] = Field(
        description="done: kilden giver datoen; reported: en statusopdatering melder den "
        "nået; meeting: mødet er holdt og har behandlet tiltaget."
    )
    period: OpenPeriod = Field(description="Hvornår den blev nået.")
    text: str = Field(description="Hvordan, på dansk.")


class OpenMilestone(_Model):
    """En milepæl og dens stand på dagen."""

    title: str = Field(description="Milepælen.")
    due: OpenPeriod | None = Field(description="Fristen (eller mødets dato).")
    meeting: str | None = Field(description="Id på mødet, hvor milepælen nås.")
    state: str = Field(description="Standen: done, upcoming, late, unreported, closed ...")
    state_text: str = Field(description="Standen på dansk, som siden viser den.")
    reached: OpenReached | None = Field(description="Hvordan den er nået (null: ikke nået).")


class OpenChange(_Model):
    """Et felt, en opdatering satte: fra hvad til hvad."""

    field: str = Field(description="Feltets navn i datafilerne (title, status, due ...).")
    field_name: str = Field(description="Feltets navn på dansk.")
    old: str | None = Field(description="Værdien før, på dansk (null: ikke oplyst).")
    new: str = Field(description="Værdien efter, på dansk.")
    same: bool = Field(description="Opdateringen gentog den værdi, der stod.")


class OpenWhere(_Model):
    """Hvor en opdatering blev meldt: et møde eller en rapport."""

    kind: Literal["meeting", "report"] = Field(description="meeting eller report.")
    id: str = Field(description="Mødets eller rapportens id.")
    name: str = Field(description="Mødet eller rapporten på dansk.")
    page: str = Field(description="Dens side på webstedet.")


class OpenEntry(_Model):
    """En opdatering i tiltagets historik."""

    key: str = Field(description="Opdateringens faste nøgle i tiltaget (dato, evt. -2).")
    date: OpenPeriod = Field(description="Hvornår opdateringen blev meldt.")
    concerns: OpenPeriod | None = Field(description="Perioden, den handler om, hvis en anden.")
    reported_in: OpenWhere | None = Field(description="Hvor den blev meldt.")
    source: str | None = Field(description="Kilden.")
    text: str | None = Field(description="Status i prosa.")
    changes: list[OpenChange] = Field(description="De felter, opdateringen satte.")
    reached: list[str] = Field(description="Milepæle, opdateringen melder nået.")


class OpenStanding(_Model):
    """Et tiltag over fristen."""

    kind: Literal["late", "unreported"] = Field(
        description="late: for sent; unreported: status ikke oplyst siden fristen."
    )
    text: str = Field(description="På dansk, som siden viser det.")


class OpenInitiative(_Model):
    """Et offentligt tiltag, som det stod og var kendt på dagen."""

    id: str = Field(description="Tiltagets id (filnavnet).")
    title: str = Field(description="Titlen på dagen.")
    former_titles: list[str] = Field(description="Tidligere titler, ældste først.")
    track: Named = Field(description="Sporet.")
    owner: Named | None = Field(description="Den ansvarlige (null: ikke oplyst).")
    level: str | None = Field(description="Niveau (null: ikke oplyst).")
    level_text: str = Field(description="Niveau på dansk.")
    status: str | None = Field(description="Status (null: ikke oplyst).")
    status_text: str = Field(description="Status på dansk.")
    units: list[Named] = Field(description="Enheder.")
    start: OpenPeriod | None = Field(description="Start.")
    due: OpenPeriod | None = Field(description="Frist (null: ingen eller løbende).")
    ongoing: bool = Field(description="Løbende arbejde uden slutdato.")
    since: OpenPeriod | None = Field(description="Med i planen siden.")
    description: str | None = Field(description="Beskrivelse.")
    timing: str | None = Field(description="Iværksættelse.")
    responsibility: str | None = Field(description="Ansvar og forankring.")
    beacons: list[str] = Field(description="Pejlemærker.")
    tags: list[str] = Field(description="Emneord.")
    sources: list[str] = Field(description="Kilder.")
    depends_on: list[str] = Field(description="Id'er på offentlige tiltag, det afhænger af.")
    standing: OpenStanding | None = Field(description="Over fristen (null: ikke over fristen).")
    page: str = Field(description="Tiltagets side på webstedet.")
    milestones: list[OpenMilestone] = Field(description="Milepæle.")
    history: list[OpenEntry] = Field(description="Historikken, ældste først.")


class OpenItem(_Model):
    """Et åbent dagsordenspunkt."""

    number: int = Field(description="Punktets nummer blandt mødets åbne punkter.")
    title: str = Field(description="Punktets titel.")
    initiatives: list[str] = Field(description="Id'er på de offentlige tiltag, punktet angår.")
    decision: str | None = Field(description="Beslutningen (null: ingen kendt).")


class OpenMeeting(_Model):
    """Et møde."""

    id: str = Field(description="Mødets id (filnavnet).")
    body: Named = Field(description="Organet.")
    date: OpenPeriod = Field(description="Mødets dato (eller periode, når den kun kendes groft).")
    title: str = Field(description="Mødets titel.")
    kind: str = Field(description="Mødetypen.")
    outcome: Literal["planned", "held", "cancelled", "unconfirmed"] = Field(
        description="planned: planlagt; held: holdt; cancelled: aflyst; unconfirmed: datoen "
        "er passeret, men intet viser, at mødet blev holdt."
    )
    page: str = Field(description="Mødets side på webstedet.")
    items: list[OpenItem] = Field(description="De åbne dagsordenspunkter.")


class OpenReport(_Model):
    """En udsendt rapport."""

    id: str = Field(description="Rapportens id.")
    kind: str = Field(description="notat eller procesplan.")
    title: str = Field(description="Titlen.")
    date: OpenPeriod = Field(description="Rapportens dato.")
    issued: str = Field(description="Dagen, den gik ud (ÅÅÅÅ-MM-DD).")
    page: str = Field(description="Rapportens side på webstedet.")


class OpenPlan(_Model):
    """Planen, som webstedet viser den: kun offentlige oplysninger."""

    version: Literal[1] = Field(description="Formatets version.")
    schema_: str = Field(alias="schema", description="JSON-skemaet for formatet (sti).")
    generator: Literal["udv"] = Field(description="Værktøjet, der skrev filen.")
    organisation: str = Field(description="Organisationen.")
    process: str = Field(description="Processen.")
    department: str | None = Field(description="Området.")
    case_no: str | None = Field(description="Sagsnummeret.")
    as_of: str = Field(description="Planen, som den stod og var kendt denne dag (ÅÅÅÅ-MM-DD).")
    built: str = Field(description="Hvornår filen blev skrevet (ISO 8601).")
    source: str = Field(description="Den revision af datafilerne, filen er skrevet fra.")
    counting: str = Field(description="Hvordan fremdriften tælles, på dansk.")
    progress: OpenProgress = Field(description="Optællingen for hele planen.")
    tracks: list[OpenTrack] = Field(description="Sporene med tiltag, i planens rækkefølge.")
    initiatives: list[OpenInitiative] = Field(description="De offentlige tiltag.")
    meetings: list[OpenMeeting] = Field(description="Møderne, efter dato.")
    reports: list[OpenReport] = Field(description="De udsendte rapporter, nyeste først.")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
