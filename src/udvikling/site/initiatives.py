"""What the site shows of an initiative: a card in the lists, and its own page.

The page is :func:`udvikling.reports.listing.initiative_view` (the same as ``udv show``):
milestones with how they were reached, late or unreported, the meetings that treated the
initiative, what it depends on. Lateness in the lists comes from the overdue report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from udvikling.chrono import View
from udvikling.load import Dataset
from udvikling.model import Initiative, Update
from udvikling.output.report_show import initiative_span
from udvikling.reports.common import MeetingLine, MilestoneLine, body_name, owner_name, track_name
from udvikling.reports.listing import InitiativeView, Reference
from udvikling.reports.overdue import OverdueReport
from udvikling.site import links
from udvikling.vocab import level_label, status_label

UNKNOWN_STATUS = "ikke-oplyst"


def status_key(status: str | None) -> str:
    """The status as a slug for filters and page names (``ikke-oplyst`` when not given)."""
    return status or UNKNOWN_STATUS


def unit_name(dataset: Dataset, unit: str) -> str:
    """The unit's Danish name, or the id when undeclared."""
    declared = dataset.config.units.get(unit)
    return declared.name if declared is not None else unit


def standing(overdue: OverdueReport) -> dict[str, tuple[str, str]]:
    """Initiative id → (text, css class) for those past their deadline on the report's day:
    late (a status after the deadline says it is not done) or not reported since; both in
    the same words, the deadline and what was reported."""
    found: dict[str, tuple[str, str]] = {}
    for item in overdue.of_kind("initiative"):
        found[item.id] = (f"Frist {item.due.danish()} overskredet; {item.reported_text}", "sent")
    for item in overdue.unreported:
        if item.kind == "initiative":
            found[item.id] = (
                f"Frist {item.due.danish()} overskredet; {item.reported_text}",
                "uoplyst",
            )
    return found


def card(
    plan: Dataset, initiative: Initiative, standings: dict[str, tuple[str, str]]
) -> dict[str, Any]:
    """An initiative in a list: title, track, owner, units, status and how it stands."""
    stand = standings.get(initiative.id)
    return {
        "id": initiative.id,
        "titel": initiative.title,
        "url": links.initiative(initiative.id),
        "spor": initiative.track,
        "spor_navn": track_name(plan, initiative.track),
        "spor_url": links.track(initiative.track),
        "ansvarlig": initiative.owner or "",
        "ansvarlig_navn": owner_name(plan, initiative.owner),
        "enheder": list(initiative.units),
        "status": status_key(initiative.status),
        "status_navn": status_label(initiative.status),
        "status_url": links.status(status_key(initiative.status)),
        "periode": initiative_span(initiative),
        "stand": stand[0] if stand else None,
        "stand_klasse": stand[1] if stand else "",
    }


def _ref(ref: Reference, url: str | None) -> dict[str, Any]:
    return {"navn": ref.name or ref.id, "url": url}


def _milestone(line: MilestoneLine, plan: Dataset) -> dict[str, Any]:
    from udvikling.output.report_status import milestone_text

    meeting = plan.meetings.get(line.meeting) if line.meeting else None
    return {
        "titel": line.title,
        "frist": line.due.danish() if line.due is not None else "uden frist",
        "stand": milestone_text(line),
        "klasse": {"done": "naaet", "late": "sent", "unreported": "uoplyst"}.get(line.state, ""),
        "moede": (
            {
                "navn": f"{body_name(plan, meeting.body)} {meeting.date.danish()}",
                "url": links.meeting(meeting.id),
            }
            if meeting is not None
            else None
        ),
    }


def meeting_treated(line: MeetingLine, initiative_id: str) -> dict[str, Any]:
    """A meeting that treated the initiative, with the decisions on the items about it."""
    from udvikling.output.report_status import decision_text, meeting_state

    return {
        "titel": line.title,
        "url": links.meeting(line.id),
        "dato": line.date.danish(),
        "organ": line.body_name,
        "stand": meeting_state(line),
        "punkter": [
            {"titel": item.title, "beslutning": decision_text(line, item.decision)}
            for item in line.items
            if initiative_id in item.initiatives
        ],
    }


def _lookup(plan: Dataset) -> Callable[[str, str], str]:
    """Names for the ids a journal entry sets (track, owner, units)."""

    def lookup(field: str, value: str) -> str:
        if field == "track":
            return track_name(plan, value)
        if field == "owner":
            return owner_name(plan, value)
        return unit_name(plan, value) if field == "units" else value

    return lookup


def journal_entry(plan: Dataset, entry: Update, report_titles: dict[str, str]) -> dict[str, Any]:
    """A journal entry: when, what it is about, where it was reported, its text and changes."""
    from udvikling.journal_text import entry_changes

    lookup = _lookup(plan)

    where: dict[str, Any] | None = None
    if entry.reported_in is not None:
        meeting = plan.meetings.get(entry.reported_in)
        if meeting is not None:
            where = {
                "navn": f"{body_name(plan, meeting.body)} {meeting.date.danish()}",
                "url": links.meeting(meeting.id),
                "slags": "moede",
            }
        elif entry.reported_in in report_titles:
            where = {
                "navn": report_titles[entry.reported_in],
                "url": links.report(entry.reported_in),
                "slags": "rapport",
            }
    concerns = entry.concerns
    return {
        "dato": entry.date.danish(),
        "om": concerns.danish() if concerns is not None and concerns != entry.date else None,
        "meldt_i": where,
        "tekst": entry.text,
        "aendringer": entry_changes(entry, lookup),
    }


def story(
    plan: Dataset, written: Initiative, view: View, report_titles: dict[str, str]
) -> list[dict[str, Any]]:
    """The initiative's history, oldest first: each journal entry known in ``view`` with
    when, where it was reported, its source, its text and each field it set from what to
    what (``written``: the initiative as its file has it, before any entry applies)."""
    from udvikling.chrono import field_changes
    from udvikling.journal_text import FIELD_NAMES, PROSE_FIELDS, change_line, value_text
    from udvikling.site.feed import entry_anchor, entry_keys

    lookup = _lookup(plan)
    keys = dict(zip(map(id, written.updates), entry_keys(written.updates), strict=True))
    out = []
    for entry, changes in field_changes(written, view):
        shown = journal_entry(plan, entry, report_titles)
        fields = [
            {
                "felt_id": c.field,
                "felt": FIELD_NAMES[c.field],
                "prosa": c.field in PROSE_FIELDS,
                "foer": None if c.old is None else value_text(c.field, c.old, lookup),
                "nu": value_text(c.field, c.new, lookup),
                "uaendret": c.same,
                "linje": change_line(c.field, c.old, c.new, lookup),
            }
            for c in changes
        ]
        reached = f"Nået: {', '.join(entry.reached)}." if entry.reached else None
        out.append(
            {
                **shown,
                "opdatering": entry,
                "anker": entry_anchor(keys[id(entry)]),
                "kilde": entry.source,
                "felter": fields,
                "naaet": reached,
                "linjer": [f["linje"] for f in fields] + ([reached] if reached else []),
            }
        )
    return out


def page(
    plan: Dataset,
    view: InitiativeView,
    standings: dict[str, tuple[str, str]],
    report_titles: dict[str, str],
    history: list[dict[str, Any]],
    former: list[str],
) -> dict[str, Any]:
    """Everything the initiative's page shows (``view`` is ``udv show`` on the same day;
    ``history`` its :func:`story`, ``former`` its former titles, oldest first)."""
    from udvikling.danish import format_date

    initiative = view.initiative
    due = initiative.due_period
    completion = view.completion
    finished = None
    if completion is not None:
        if completion.period is None:
            finished = "afsluttet (datoen er ikke oplyst)"
        else:
            prefix = "meldt afsluttet" if completion.basis == "reported" else "afsluttet"
            finished = f"{prefix} {completion.period.danish()}"
    return {
        **card(plan, initiative, standings),
        "niveau": level_label(initiative.level),
        "ansvarlig_url": links.owner(initiative.owner) if initiative.owner else None,
        "enheder_navne": [_ref(u, links.unit(u.id)) for u in view.units],
        "start": initiative.start.danish() if initiative.start is not None else None,
        "frist": "løbende" if initiative.ongoing else (due.danish() if due else None),
        "for_sent_fra": format_date(due.late_from) if due is not None else None,
        "afsluttet": finished,
        "beskrivelse": initiative.description,
        "ivaerksaettelse": initiative.timing,
        "ansvar": initiative.responsibility,
        "pejlemaerker": [b.name or b.id for b in view.beacons],
        "emneord": list(initiative.tags),
        "kilder": list(view.sources),
        "siden": initiative.since.danish() if initiative.since is not None else None,
        "milepaele": [_milestone(m, plan) for m in view.milestones],
        "moeder": [meeting_treated(m, initiative.id) for m in view.meetings],
        "journal": history,
        "tidligere_titler": former,
        # A reference to an initiative that is not in the public plan (confidential, or not
        # yet part of it) is left out: not even its id is shown.
        "afhaenger_af": [
            _ref(d, links.initiative(d.id)) for d in view.depends_on if d.name is not None
        ],
        "forudsaetning_for": [_ref(d, links.initiative(d.id)) for d in view.needed_by],
    }
