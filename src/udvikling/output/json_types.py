"""The shapes of every ``--format json`` output, as TypedDicts: the one source of truth.

The builders (``report_status_json``, ``show_json``, ``diff_json`` ...) are typed to return
these, so mypy checks that they write exactly these keys with these types, and
:mod:`udvikling.output.json_schema` makes the published JSON Schemas (``schema/output-*``)
from the same classes. A field's description is the text in its ``Annotated[...]``; a class's
description is its docstring. Both are shown to users (editors show them as hover text), so
they are Danish, like the field descriptions of the data models in ``udvikling.model``.

Every output is one JSON object whose first key is ``version``, added in one place
(:func:`udvikling.output.report_json.dumps`); :data:`OUTPUTS` names each output, its body
and its title; its version is in ``report_json.VERSIONS``. A version grows by one when a key
is removed or changes meaning; new keys may be added without a new version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypedDict

from udvikling.chrono.meetings import Outcome
from udvikling.chrono.milestones import MilestoneState
from udvikling.findings import Severity
from udvikling.periods import Grain
from udvikling.reports.overdue import GroupBy, OverdueKind
from udvikling.review.history import Event
from udvikling.review.model import ChangeKind, RecordKind


@dataclass(frozen=True)
class Format:
    """A JSON Schema ``format`` for a string (``date``, ``date-time``)."""

    name: str


@dataclass(frozen=True)
class MinLength:
    """A JSON Schema ``minLength`` for a string."""

    length: int


IsoDate = Annotated[str, Format("date")]
IsoDateTime = Annotated[str, Format("date-time")]


# -- shared -------------------------------------------------------------------------------


class PeriodJson(TypedDict):
    """En periode: en dato eller en grovere periode (fx 2. kvartal 2024)."""

    text: Annotated[str, "Maskinform, som udv kan læse igen: 2023-Q2, primo 2023-W15, 2023-04-26."]
    danish: Annotated[str, "Perioden på dansk: 2. kvartal 2023, primo uge 15 2023."]
    start: Annotated[IsoDate, "Periodens første dag."]
    end: Annotated[
        IsoDate, "Periodens sidste dag (noget med frist i perioden er for sent dagen efter)."
    ]


class ReferenceJson(TypedDict):
    """En henvisning til et id med dets navn eller titel."""

    id: Annotated[str, "Id'et, der henvises til."]
    name: Annotated[str | None, "Navnet eller titlen (null, hvis id'et ikke findes)."]


class MilestoneJson(TypedDict):
    """En milepæl, som den stod på dagen."""

    initiative: Annotated[str, "Tiltagets id."]
    title: Annotated[str, "Milepælen."]
    due: Annotated[PeriodJson | None, "Fristen (for en milepæl på et møde: mødets dato)."]
    meeting: Annotated[str | None, "Mødets id, når milepælen hører til et møde."]
    done: Annotated[IsoDate | None, "Nået senest denne dag, hvis det vides."]
    state: Annotated[
        MilestoneState,
        "done: nået; late: for sent; unreported: over fristen uden melding; upcoming: "
        "kommende; closed: tiltaget er lukket; undated: uden dato; separate: tiltaget "
        "afrapporteres særskilt.",
    ]
    reached: Annotated[
        Literal["done", "reported", "meeting"] | None,
        "Hvad done bygger på: done (feltet), reported (en opdatering melder den nået) eller "
        "meeting (mødet blev holdt og behandlede tiltaget).",
    ]
    days_late: Annotated[int, "Dage for sent på dagen (0: ikke for sent)."]
    unreported_since: Annotated[
        PeriodJson | None,
        "Ved unreported: hvornår der sidst blev meldt noget om tiltaget.",
    ]


class InitiativeJson(TypedDict):
    """Et tiltag, som planen stod på dagen (--as-of)."""

    id: Annotated[str, "Tiltagets id (filnavnet uden .yaml)."]
    title: Annotated[str, "Titlen."]
    track: Annotated[str, "Sporets id."]
    track_name: Annotated[str, "Sporets navn."]
    owner: Annotated[str | None, "Den ansvarliges id (null: ikke oplyst)."]
    owner_name: Annotated[str, "Den ansvarliges navn (Ikke oplyst uden ansvarlig)."]
    level: Annotated[str | None, "central eller decentral (null: ikke oplyst)."]
    status: Annotated[
        str | None,
        "Status: planlagt, i-gang, afsluttet, udskudt eller opgivet (null: ikke oplyst).",
    ]
    units: Annotated[list[str], "Enhedernes id'er."]
    start: Annotated[PeriodJson | None, "Start."]
    due: Annotated[PeriodJson | None, "Frist (null for løbende og udaterede tiltag)."]
    ongoing: Annotated[bool, "Sand for løbende arbejde (due: løbende)."]
    completed: Annotated[PeriodJson | None, "Hvornår tiltaget blev afsluttet, hvis det er oplyst."]


class MeetingJson(TypedDict):
    """Et møde, som planen stod på dagen (--as-of)."""

    id: Annotated[str, "Mødets id, fx 2024-04-24-vpu."]
    body: Annotated[str, "Organets id."]
    body_name: Annotated[str, "Organets (korte) navn."]
    date: Annotated[PeriodJson, "Mødets dato (en periode, når datoen kun kendes groft)."]
    title: Annotated[str, "Titlen."]
    kind: Annotated[str, "Mødetypen, fx status, beslutning eller orientering."]
    outcome: Annotated[
        Outcome,
        "planned: planlagt; held: holdt; cancelled: aflyst; unconfirmed: datoen er passeret, "
        "men det er ikke bekræftet, at mødet blev holdt.",
    ]
    decided: Annotated[bool, "Sand, når hvert dagsordenspunkt har en beslutning."]


class ListedReportJson(TypedDict):
    """En udsendt rapport i data/reports."""

    id: Annotated[str, "Rapportens id."]
    kind: Annotated[str, "notat eller procesplan."]
    title: Annotated[str, "Titlen."]
    date: Annotated[PeriodJson, "Rapportens dato."]
    meeting: Annotated[str | None, "Mødet, rapporten blev forelagt."]
    sections: Annotated[list[str], "Afsnittenes overskrifter."]


class FindingJson(TypedDict):
    """Et fund fra udv lint."""

    path: Annotated[str, "Filen, relativt til planens mappe."]
    line: Annotated[int, "Linjen (fra 1)."]
    column: Annotated[int, "Kolonnen (fra 1)."]
    code: Annotated[str, "Fundets kode, fx UDV201; koderne er stabile."]
    severity: Annotated[Severity, "error (fejl), warning (advarsel) eller info."]
    message: Annotated[str, "Fundet på dansk."]
    hint: Annotated[str | None, "Hvad man kan gøre, på dansk (null: intet råd)."]


# -- udv status ---------------------------------------------------------------------------


class StatusCountsJson(TypedDict):
    """Antal i kvartalet."""

    active: Annotated[int, "Aktive tiltag i kvartalet."]
    started: Annotated[int, "Tiltag, der starter i kvartalet."]
    due: Annotated[int, "Tiltag med frist i kvartalet."]
    completed: Annotated[int, "Tiltag afsluttet i kvartalet (senest på skæringsdatoen)."]
    late: Annotated[int, "Tiltag, der er for sent på skæringsdatoen."]
    unreported: Annotated[int, "Tiltag over fristen, hvor status ikke er oplyst siden fristen."]
    milestones: Annotated[int, "Milepæle med frist i kvartalet."]
    milestones_done: Annotated[int, "Heraf nået senest på skæringsdatoen."]
    meetings: Annotated[int, "Møder i kvartalet."]
    updates: Annotated[int, "Opdateringer, der handler om kvartalet og var meldt pr. as_of."]


class StatusItemJson(TypedDict):
    """Et dagsordenspunkt."""

    title: Annotated[str, "Punktets titel."]
    decision: Annotated[str | None, "Beslutningen."]
    initiatives: Annotated[list[str], "De tiltag, punktet angår."]


class StatusMeetingJson(TypedDict):
    """Et møde i kvartalet."""

    id: Annotated[str, "Mødets id (filnavnet)."]
    body: Annotated[str, "Organets id."]
    body_name: Annotated[str, "Organets forkortelse eller navn."]
    date: Annotated[PeriodJson, "Mødets dato eller periode."]
    title: Annotated[str, "Mødets titel."]
    kind: Annotated[str, "Mødetypen: status, beslutning, orientering ..."]
    held: Annotated[
        bool | None,
        "Holdt pr. skæringsdatoen; null: datoen er passeret, men intet viser, at mødet blev "
        "holdt; false også før datoen og ved aflysning.",
    ]
    taken_place: Annotated[bool, "Mødets dato er nået pr. skæringsdatoen."]
    undecided: Annotated[bool, "Datoen er passeret, og et punkt mangler beslutning."]
    items: Annotated[list[StatusItemJson], "Dagsordenspunkter."]


class StatusInitiativeJson(TypedDict):
    """Et tiltag i kvartalet."""

    id: Annotated[str, "Tiltagets id."]
    title: Annotated[str, "Titel."]
    owner: Annotated[str | None, "Ansvarliges id (null: ikke oplyst)."]
    owner_name: Annotated[str, "Ansvarliges navn (Ikke oplyst, når ingen kilde giver den)."]
    level: Annotated[str | None, "central eller decentral (null: ikke oplyst)."]
    status: Annotated[str | None, "Status på skæringsdatoen (null: ikke oplyst)."]
    start: Annotated[PeriodJson | None, "Start."]
    due: Annotated[PeriodJson | None, "Frist (null ved løbende eller uden frist)."]
    ongoing: Annotated[bool, "due: løbende."]
    completed: Annotated[
        IsoDate | None, "Senest afsluttet denne dag (kun når en kilde giver datoen)."
    ]
    completion: Annotated[
        Literal["recorded", "reported", "unknown"] | None,
        "Hvad datoen bygger på: recorded (completed), reported (opdateringen, der satte status "
        "afsluttet) eller unknown; null for tiltag, der ikke er afsluttet.",
    ]
    started: Annotated[bool, "Starter i kvartalet."]
    active: Annotated[bool, "Aktiv i kvartalet."]
    due_in_quarter: Annotated[bool, "Frist i kvartalet."]
    completed_in_quarter: Annotated[bool, "Afsluttet i kvartalet."]
    days_late: Annotated[int, "Dage for sent på skæringsdatoen (0: ikke for sent)."]
    unreported: Annotated[bool, "Over fristen, og status er ikke oplyst siden fristen."]
    unreported_since: Annotated[
        PeriodJson | None,
        "Hvornår der sidst blev meldt noget (ved unreported), som kilden daterer det.",
    ]


class StatusUpdateJson(TypedDict):
    """En opdatering, der handler om kvartalet."""

    initiative: Annotated[str, "Tiltagets id."]
    date: Annotated[PeriodJson, "Hvornår opdateringen blev meldt."]
    concerns: Annotated[PeriodJson | None, "Den periode, den handler om, når den er angivet."]
    text: Annotated[str, "Teksten."]


class StatusTrackJson(TypedDict):
    """Et udviklingsspor i kvartalet."""

    id: Annotated[str, "Sporets id."]
    name: Annotated[str, "Sporets navn."]
    initiatives: Annotated[
        list[StatusInitiativeJson],
        "Tiltag, der er startet, aktive, har frist, er afsluttet eller for sent.",
    ]
    milestones: Annotated[list[MilestoneJson], "Milepæle med frist i kvartalet."]
    updates: Annotated[
        list[StatusUpdateJson], "Opdateringer, der handler om kvartalet og var meldt pr. as_of."
    ]


class StatusJson(TypedDict):
    """Status for et kvartal: udv status -f json."""

    report: Annotated[Literal["status"], "Altid status."]
    organisation: Annotated[str, "Fra udvikling.yaml."]
    process: Annotated[str, "Fra udvikling.yaml."]
    quarter: Annotated[PeriodJson, "Kvartalet."]
    as_of: Annotated[IsoDate, "--as-of (standard: i dag)."]
    cutoff: Annotated[IsoDate, "Skæringsdatoen: den tidligste af as_of og kvartalets sidste dag."]
    summary: Annotated[str, "Opsummeringen på én linje."]
    counts: Annotated[StatusCountsJson, "Antal."]
    meetings: Annotated[list[StatusMeetingJson], "Møder i kvartalet, efter dato."]
    tracks: Annotated[
        list[StatusTrackJson],
        "Alle spor i den rækkefølge, udvikling.yaml angiver (også spor uden aktivitet).",
    ]
    undated: Annotated[list[str], "Id'er på åbne tiltag uden start (tælles ikke som aktive)."]


# -- udv overdue --------------------------------------------------------------------------


class OverdueCountsJson(TypedDict):
    """Antal for sent pr. type."""

    initiative: Annotated[int, "Tiltag for sent."]
    milestone: Annotated[int, "Milepæle for sent."]
    meeting: Annotated[int, "Møder, der vides holdt, uden registreret beslutning."]
    obligation: Annotated[int, "Manglende afrapporteringer."]


class OverdueItemJson(TypedDict):
    """Noget, der er for sent, eller hvis frist er overskredet uden melding."""

    kind: Annotated[OverdueKind, "initiative, milestone, meeting eller obligation."]
    id: Annotated[
        str,
        "Tiltagets eller mødets id; tiltag#2 for 2. milepæl; forpligtelse/organ/periode.",
    ]
    title: Annotated[str, "Hvad der er for sent."]
    initiative: Annotated[str | None, "Tiltagets id (tiltag og milepæle)."]
    track: Annotated[str | None, "Sporets id (tiltag og milepæle)."]
    track_name: Annotated[str | None, "Sporets navn."]
    owner: Annotated[str | None, "Ansvarliges id (tiltag og milepæle)."]
    owner_name: Annotated[str | None, "Ansvarliges navn."]
    due: Annotated[PeriodJson, "Fristen."]
    late_from: Annotated[IsoDate, "Første dag for sent (dagen efter fristens sidste dag)."]
    days_late: Annotated[int, "Dage for sent pr. as_of, fra og med late_from."]
    last_report: Annotated[
        PeriodJson | None,
        "Hvornår der sidst blev meldt status om tiltaget, som kilden daterer det.",
    ]
    reason: Annotated[
        str,
        "Hvad bedømmelsen hviler på: reported, plan, meeting, cancelled, decision, obligation; "
        "i unreported: no-news eller unconfirmed (se docs/json-output.md).",
    ]
    reported: Annotated[str, "Det samme i ord, som dokumenterne og webstedet skriver det."]


class OverdueGroupJson(TypedDict):
    """En gruppe ved --by."""

    key: Annotated[str | None, "Ansvarliges eller sporets id (null: uden ansvarlig/spor)."]
    name: Annotated[str, "Navnet."]
    items: Annotated[list[str], "Id'er i items, i samme rækkefølge."]
    unreported: Annotated[list[str], "Id'er i unreported, i samme rækkefølge."]


class OverdueJson(TypedDict):
    """Det, der er for sent: udv overdue -f json."""

    report: Annotated[Literal["overdue"], "Altid overdue."]
    organisation: Annotated[str, "Fra udvikling.yaml."]
    process: Annotated[str, "Fra udvikling.yaml."]
    as_of: Annotated[IsoDate, "--as-of (standard: i dag)."]
    summary: Annotated[str, "Opsummeringen på én linje."]
    counts: Annotated[OverdueCountsJson, "Antal pr. type."]
    items: Annotated[list[OverdueItemJson], "Alt, der er for sent, mest for sent først."]
    by: Annotated[GroupBy | None, "owner, track eller null (uden --by)."]
    groups: Annotated[list[OverdueGroupJson] | None, "Grupperne ved --by, ellers null."]
    waived_meetings: Annotated[
        list[str], "Møder uden registreret beslutning med en undtagelse for UDV501."
    ]
    unreported: Annotated[
        list[OverdueItemJson],
        "Det, hvis frist er overskredet, men hvor intet er meldt siden fristen (days_late er "
        "0), ældste frist først.",
    ]


# -- udv list -----------------------------------------------------------------------------


class ListInitiativesJson(TypedDict):
    """Tiltagene: udv list initiatives -f json."""

    kind: Annotated[Literal["initiatives"], "Hvad der er listet."]
    count: Annotated[int, "Antal poster."]
    records: Annotated[list[InitiativeJson], "Tiltagene, med de samme filtre som tabellen."]


class ListMeetingsJson(TypedDict):
    """Møderne: udv list meetings -f json."""

    kind: Annotated[Literal["meetings"], "Hvad der er listet."]
    count: Annotated[int, "Antal poster."]
    records: Annotated[list[MeetingJson], "Møderne, med de samme filtre som tabellen."]


class ListReportsJson(TypedDict):
    """De udsendte rapporter: udv list reports -f json."""

    kind: Annotated[Literal["reports"], "Hvad der er listet."]
    count: Annotated[int, "Antal poster."]
    records: Annotated[list[ListedReportJson], "Rapporterne, med de samme filtre som tabellen."]


ListJson = ListInitiativesJson | ListMeetingsJson | ListReportsJson


# -- udv show -----------------------------------------------------------------------------


class ShowMeetingLineJson(TypedDict):
    """Et møde, der har behandlet tiltaget."""

    id: Annotated[str, "Mødets id."]
    date: Annotated[PeriodJson, "Mødets dato."]
    body_name: Annotated[str, "Organets navn."]
    title: Annotated[str, "Mødets titel."]
    outcome: Annotated[Outcome, "planned, held, cancelled eller unconfirmed, som i et møde."]


class ShowUpdateJson(TypedDict):
    """En opdatering i tiltagets journal."""

    date: Annotated[PeriodJson, "Hvornår det blev meldt eller besluttet."]
    concerns: Annotated[PeriodJson | None, "Den periode, teksten handler om, hvis en anden."]
    reported_in: Annotated[str | None, "Mødet eller rapporten, det blev meldt i."]
    text: Annotated[str | None, "Teksten."]


class ShowInitiativeJson(TypedDict):
    """Et tiltag med henvisningerne slået op: udv show ID -f json."""

    show: Annotated[Literal["initiative"], "Altid initiative."]
    as_of: Annotated[IsoDate, "--as-of (standard: i dag)."]
    record: Annotated[InitiativeJson, "Tiltaget."]
    description: Annotated[str | None, "Beskrivelsen."]
    days_late: Annotated[int, "Dage for sent pr. as_of (0: ikke for sent)."]
    unreported: Annotated[
        bool, "Sand, når fristen er overskredet, og der ikke er meldt status siden."
    ]
    last_report: Annotated[
        PeriodJson | None, "Hvornår der sidst blev meldt status, som kilden daterer det."
    ]
    beacons: Annotated[list[ReferenceJson], "Pejlemærker."]
    depends_on: Annotated[list[ReferenceJson], "Tiltag, det afhænger af."]
    needed_by: Annotated[list[ReferenceJson], "Tiltag, der afhænger af det."]
    milestones: Annotated[list[MilestoneJson], "Milepælene."]
    meetings: Annotated[list[ShowMeetingLineJson], "Møder, der har behandlet tiltaget."]
    updates: Annotated[list[ShowUpdateJson], "Journalen i tidsorden."]
    tags: Annotated[list[str], "Emneord."]
    sources: Annotated[
        list[str], "Kilder, som de var kendt: tiltagets egne og dem på kendte opdateringer."
    ]
    confidential: Annotated[bool, "Sand for et fortroligt tiltag."]


class ShowItemJson(TypedDict):
    """Et dagsordenspunkt."""

    title: Annotated[str, "Punktets titel."]
    public: Annotated[bool, "Sand for et åbent punkt."]
    initiatives: Annotated[list[ReferenceJson], "Tiltagene, punktet angår."]
    recommendation: Annotated[str | None, "Indstillingen."]
    decision: Annotated[str | None, "Beslutningen."]
    remarks: Annotated[str | None, "Bemærkninger til beslutningen."]


class ShowMeetingJson(TypedDict):
    """Et møde med dagsordenen: udv show ID -f json."""

    show: Annotated[Literal["meeting"], "Altid meeting."]
    as_of: Annotated[IsoDate, "--as-of (standard: i dag)."]
    record: Annotated[MeetingJson, "Mødet."]
    case_no: Annotated[str | None, "Sagsnummeret."]
    items: Annotated[list[ShowItemJson], "Dagsordenspunkterne."]
    absent: Annotated[list[str], "Fraværende."]
    milestones: Annotated[list[MilestoneJson], "Milepæle på mødet."]


ShowJson = ShowInitiativeJson | ShowMeetingJson


# -- udv period ---------------------------------------------------------------------------


class PeriodCommandJson(TypedDict):
    """Hvad udv forstår ved en periode: udv period TEKST -f json."""

    input: Annotated[str, "Teksten, som den blev skrevet."]
    period: Annotated[PeriodJson, "Det, udv forstår ved den."]
    grain: Annotated[
        Grain,
        "Kornstørrelsen: day, week, month, quarter, half, season, year, part "
        "(primo/medio/ultimo) eller range.",
    ]
    days: Annotated[int, "Antal dage."]
    span: Annotated[str, "Dagene på dansk, fx 10.-11. april 2023."]
    late_from: Annotated[IsoDate, "Første dag, noget med frist i perioden er for sent."]


# -- udv lint -----------------------------------------------------------------------------


class LintJson(TypedDict):
    """Fundene: udv lint -f json."""

    findings: Annotated[list[FindingJson], "Alle fund, efter fil og linje."]


# -- udv diff -----------------------------------------------------------------------------


class SideJson(TypedDict):
    """Den ene side af sammenligningen."""

    label: Annotated[str, "Hvad siden hedder: en revision, arbejdskopien eller en rapport."]
    commit: Annotated[str | None, "Commit-id'et (null: arbejdskopien)."]
    problem: Annotated[
        str | None, "Hvorfor planen på denne side ikke kunne læses (null: den kunne)."
    ]


class ShiftJson(TypedDict):
    """Hvor langt en frist eller dato flyttede sig."""

    days: Annotated[int, "Dage (positivt: senere, negativt: tidligere)."]
    months: Annotated[int | None, "Hele måneder, når flytningen er præcis det (ellers null)."]


class FieldChangeJson(TypedDict):
    """Et ændret felt."""

    field: Annotated[str, "Feltet (nøglen i YAML), fx status, due eller milestones."]
    item: Annotated[str | None, "Milepælen, dagsordenspunktet eller opdateringen, ændringen angår."]
    text: Annotated[str, "Ændringen i én linje på dansk."]
    old: Annotated[Any, "Den gamle værdi, som den står i data (null: ingen)."]
    new: Annotated[Any, "Den nye værdi, som den står i data (null: ingen)."]
    shift: Annotated[ShiftJson | None, "Hvor langt en frist eller dato flyttede sig."]


class EntryJson(TypedDict):
    """En ny (eller omskrevet) opdatering eller beslutning."""

    date: Annotated[str | None, "Opdateringens dato i maskinform (null for en beslutning)."]
    item: Annotated[str | None, "Dagsordenspunktet for en beslutning."]
    text: Annotated[str, "Teksten."]
    changed: Annotated[bool, "Sand, når en eksisterende tekst er omskrevet, ikke ny."]


class RecordChangeJson(TypedDict):
    """Alt, der er sket med én post."""

    kind: Annotated[RecordKind, "initiative, meeting, indicator eller config."]
    change: Annotated[ChangeKind, "added, removed, renamed, changed, broken eller repaired."]
    id: Annotated[str, "Postens id."]
    title: Annotated[str, "Postens titel."]
    path: Annotated[str, "Filen."]
    old_id: Annotated[str | None, "Det gamle id ved renamed."]
    old_path: Annotated[str | None, "Den gamle fil ved renamed."]
    headline: Annotated[str, "De vigtigste ændringer kort på dansk."]
    facts: Annotated[str | None, "En linje om en tilføjet eller fjernet post."]
    problem: Annotated[str | None, "Hvorfor en side af posten ikke kan læses."]
    fields: Annotated[list[FieldChangeJson], "De ændrede felter."]
    updates: Annotated[list[EntryJson], "Nye opdateringer i journalen."]
    decisions: Annotated[list[EntryJson], "Nye beslutninger på dagsordenspunkter."]


class DiffLintJson(TypedDict):
    """Lint-fund, der er kommet til eller rettet."""

    introduced: Annotated[list[FindingJson], "Nye fund."]
    fixed: Annotated[list[FindingJson], "Rettede fund."]


class DiffJson(TypedDict):
    """Ændringerne mellem to tilstande af planen: udv diff -f json."""

    base: Annotated[SideJson, "Udgangspunktet."]
    head: Annotated[SideJson, "Det, der sammenlignes med."]
    as_of: Annotated[IsoDate, "Dagen, planen bedømmes på."]
    note: Annotated[str | None, "Hvordan udgangspunktet blev valgt (udv diff --since-report)."]
    summary: Annotated[str, "Opsummeringen på én linje."]
    counts: Annotated[
        dict[RecordKind, dict[ChangeKind, int]],
        "Antal poster pr. slags og ændring; nul udelades.",
    ]
    records: Annotated[list[RecordChangeJson], "De ændrede poster."]
    lint: Annotated[DiffLintJson, "Lint-fund, der er kommet til eller rettet."]


# -- udv history --------------------------------------------------------------------------


class DeadlineMoveJson(TypedDict):
    """En commit, der flyttede fristen eller datoen."""

    commit: Annotated[str, "Commit-id'et."]
    date: Annotated[IsoDateTime, "Commit-tidspunktet (forfatterens)."]
    old: Annotated[Any, "Den gamle frist, som den stod i data."]
    new: Annotated[Any, "Den nye frist, som den stod i data."]
    days: Annotated[int | None, "Dage flyttet (positivt: senere)."]
    months: Annotated[int | None, "Hele måneder flyttet, når det er præcist."]
    text: Annotated[str, "Flytningen på dansk."]


class DeadlineJson(TypedDict):
    """Hvordan fristen (for et tiltag) eller datoen (for et møde) har flyttet sig."""

    first: Annotated[str | None, "Den første frist i maskinform (null: aldrig sat)."]
    last: Annotated[str | None, "Den seneste frist i maskinform."]
    moves: Annotated[list[DeadlineMoveJson], "Hver flytning, ældste først."]
    total_days: Annotated[int | None, "Fra første til seneste frist i dage."]
    total_months: Annotated[int | None, "Det samme i hele måneder, når det er præcist."]


class VersionJson(TypedDict):
    """En commit, der rørte posten, og hvad den gjorde."""

    commit: Annotated[str, "Commit-id'et."]
    author: Annotated[str, "Forfatteren."]
    email: Annotated[str, "Forfatterens e-mail."]
    date: Annotated[IsoDateTime, "Commit-tidspunktet (forfatterens)."]
    subject: Annotated[str, "Commit-beskedens første linje."]
    path: Annotated[str, "Filen i denne commit."]
    event: Annotated[
        Event,
        "created: oprettet; earliest: ældste version i en overfladisk kopi; changed: ændret; "
        "renamed: omdøbt; broken: kan ikke læses; repaired: kan læses igen; removed: slettet; "
        "unchanged: kun formatering eller kommentarer ændret.",
    ]
    title: Annotated[str | None, "Postens titel i denne commit, når den kan læses."]
    facts: Annotated[str | None, "Ved created: status, datoer og ansvarlig."]
    problem: Annotated[str | None, "Ved broken: den første fejl."]
    change: Annotated[
        RecordChangeJson | None, "Ændringerne i forhold til den forrige læsbare version."
    ]


class HistoryJson(TypedDict):
    """Én posts historik i git: udv history ID -f json."""

    id: Annotated[str, "Postens id."]
    kind: Annotated[RecordKind, "initiative, meeting eller indicator."]
    title: Annotated[
        str, "Postens titel i den seneste version, der kan læses (id'et, hvis ingen kan)."
    ]
    path: Annotated[str, "Filen med id'et, relativt til planens mappe."]
    summary: Annotated[str, "Hvordan fristen har flyttet sig, i én sætning på dansk."]
    deadline: Annotated[DeadlineJson, "Fristens flytninger."]
    versions: Annotated[list[VersionJson], "Hver commit, der rørte posten, ældste først."]


# -- udv sheet status ---------------------------------------------------------------------


class SheetRowJson(TypedDict):
    """En række i et statusark."""

    id: Annotated[str, "Tiltagets id."]
    title: Annotated[str, "Tiltagets titel."]
    row: Annotated[int, "Rækkenummeret i arket."]
    answered: Annotated[bool, "Sand, når svaret er indlæst."]
    read: Annotated[str | None, "Datoen, svaret er meldt med (maskinform), eller null."]


class SheetJson(TypedDict):
    """Et udsendt statusark."""

    file: Annotated[str, "Filnavnet."]
    owner: Annotated[str | None, "Den ansvarliges id."]
    owner_name: Annotated[str, "Den ansvarliges navn."]
    exported: Annotated[IsoDate, "Dagen, arket blev lavet."]
    as_of: Annotated[IsoDate, "Dagen, planen blev vist, som den stod."]
    report: Annotated[str | None, "Rapporten, svarene meldes i."]
    answered: Annotated[bool, "Sand, når mindst ét svar er indlæst."]
    read: Annotated[list[str], "Datoerne, svarene er meldt med."]
    rows: Annotated[list[SheetRowJson], "Rækkerne."]


class SheetStatusJson(TypedDict):
    """En statusrundes stand: udv sheet status -f json."""

    round: Annotated[str, "Rundens mappe."]
    answered: Annotated[list[str], "Filnavnene på ark med svar."]
    missing: Annotated[list[str], "Filnavnene på ark uden svar (dem, der skal rykkes)."]
    sheets: Annotated[list[SheetJson], "Ét pr. ark."]


# -- errors -------------------------------------------------------------------------------


class ErrorBodyJson(TypedDict):
    """Fejlen."""

    exit_code: Annotated[
        Literal[1, 2, 3, 130],
        "Kommandoens slutkode: 1 fejl i data, 2 forkert brug eller miljø, 3 en programfejl i "
        "udv, 130 afbrudt.",
    ]
    message: Annotated[str, MinLength(1), "Fejlen på dansk."]
    hint: Annotated[str | None, "Hvad man kan gøre, på dansk (null: intet råd)."]


class ErrorJson(TypedDict):
    """Når en kommando køres med -f json (eller --format json) og stopper med en fejl, skriver
    udv dette ene JSON-objekt på én linje til stderr; stdout er tom."""

    error: Annotated[ErrorBodyJson, "Fejlen."]


# -- the outputs --------------------------------------------------------------------------


@dataclass(frozen=True)
class Output:
    """One JSON output: its body's shape (``version`` comes first, from
    ``report_json.VERSIONS``) and how its schema is titled."""

    body: Any  # a TypedDict, or a union of them
    title: str  # Danish: the schema's title
    command: str  # the command line that writes it, for the schema's description


OUTPUTS: dict[str, Output] = {
    "status": Output(StatusJson, "Status fra udv status", "udv status -f json"),
    "overdue": Output(OverdueJson, "For sent fra udv overdue", "udv overdue -f json"),
    "list": Output(
        ListJson,
        "Lister fra udv list",
        "udv list initiatives|meetings|reports -f json",
    ),
    "show": Output(ShowJson, "Et tiltag eller møde fra udv show", "udv show ID -f json"),
    "period": Output(PeriodCommandJson, "En periode fra udv period", "udv period TEKST -f json"),
    "lint": Output(LintJson, "Fund fra udv lint", "udv lint -f json"),
    "diff": Output(DiffJson, "Ændringer fra udv diff", "udv diff -f json"),
    "history": Output(HistoryJson, "Historik fra udv history", "udv history ID -f json"),
    "sheet-status": Output(
        SheetStatusJson, "En statusrundes stand fra udv sheet status", "udv sheet status -f json"
    ),
    "error": Output(ErrorJson, "Fejl fra udv med -f json", "en kommando med -f json, der fejler"),
}
