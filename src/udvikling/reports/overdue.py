"""``udv overdue``: everything late on a date, as data, most late first.

Four kinds of item can be late (the rules are in ``udvikling.state`` and
``docs/semantics.md``):

* ``initiative``: its due period has ended and its status is not ``afsluttet``/``opgivet``;
* ``milestone``: its due period (or its meeting's date) has ended without a ``done`` date,
  and its initiative is not closed;
* ``meeting``: it has been held but an agenda item lacks a ``decision``, unless the meeting
  carries a current waiver for UDV501 (the decision is documented as not available);
* ``obligation``: a reporting slot has ended without a status meeting and without a waiver.

Lateness is counted in days from the first late day (day 1). Only what a source supports
is late: past a deadline with no status reported since it passed, an initiative or
milestone is *unreported* instead ("status ikke oplyst siden ..."), listed apart and never
counted in days (docs/semantics.md R19). The plan is taken as it stood, and was known, on
the day asked about (:func:`udvikling.journal.plan_at`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from udvikling import obligations, state
from udvikling.journal import View
from udvikling.load import Dataset
from udvikling.model import Meeting
from udvikling.periods import Period
from udvikling.reports.common import body_name, owner_name, track_name

OverdueKind = Literal["initiative", "milestone", "meeting", "obligation"]
GroupBy = Literal["owner", "track"]

KIND_LABELS: dict[str, str] = {
    "initiative": "tiltag",
    "milestone": "milepæl",
    "meeting": "møde uden beslutning",
    "obligation": "afrapportering mangler",
}

UNDECIDED_CODE = "UDV501"


@dataclass(frozen=True, slots=True)
class OverdueItem:
    """One late thing: what it is, whose it is, when it was due and how late it is."""

    kind: OverdueKind
    id: str
    title: str
    initiative: str | None
    track: str | None
    track_name: str | None
    owner: str | None
    owner_name: str | None
    due: Period
    late_from: date
    days_late: int
    last_report: Period | None = None

    @property
    def kind_text(self) -> str:
        """The kind in Danish."""
        return KIND_LABELS[self.kind]


@dataclass(frozen=True, slots=True)
class OverdueGroup:
    """The late items of one owner or one track."""

    key: str | None
    name: str
    items: tuple[OverdueItem, ...]


@dataclass(frozen=True, slots=True)
class OverdueReport:
    """Everything late on ``as_of``, most late first (then by kind and id)."""

    organisation: str
    process: str
    as_of: date
    items: tuple[OverdueItem, ...]
    waived_meetings: tuple[str, ...]
    unreported: tuple[OverdueItem, ...] = ()

    def of_kind(self, kind: OverdueKind) -> tuple[OverdueItem, ...]:
        """The items of one kind."""
        return tuple(i for i in self.items if i.kind == kind)

    def groups(self, by: GroupBy) -> tuple[OverdueGroup, ...]:
        """The items grouped by owner or track, groups in Danish order, ungrouped last."""
        from udvikling.danish import danish_sort_key

        grouped: dict[str | None, list[OverdueItem]] = {}
        names: dict[str | None, str] = {}
        for item in self.items:
            key = item.owner if by == "owner" else item.track
            grouped.setdefault(key, []).append(item)
            name = item.owner_name if by == "owner" else item.track_name
            names[key] = name or ("Uden ansvarlig" if by == "owner" else "Uden spor")
        order = sorted(grouped, key=lambda k: (k is None, danish_sort_key(names[k])))
        return tuple(OverdueGroup(k, names[k], tuple(grouped[k])) for k in order)

    def summary(self) -> str:
        """One Danish line: how much is late, by kind."""
        from udvikling.danish import count_noun, format_date, join_danish

        when = format_date(self.as_of)
        quiet = ""
        if self.unreported:
            count = count_noun(len(self.unreported), "tiltag eller milepæl", "tiltag og milepæle")
            quiet = f" For {count} er status ikke oplyst siden fristen."
        if not self.items:
            return f"Pr. {when}: intet er for sent.{quiet}"
        nouns = {
            "initiative": ("tiltag", "tiltag"),
            "milestone": ("milepæl", "milepæle"),
            "meeting": ("møde uden beslutning", "møder uden beslutning"),
            "obligation": ("manglende afrapportering", "manglende afrapporteringer"),
        }
        parts = [
            count_noun(len(found), *nouns[kind])
            for kind in ("initiative", "milestone", "meeting", "obligation")
            if (found := self.of_kind(kind))
        ]
        return f"Pr. {when} er {join_danish(parts)} for sent.{quiet}"


def _waived(meeting: Meeting, at: date) -> bool:
    return any(
        w.code == UNDECIDED_CODE and (w.until is None or w.until >= at) for w in meeting.waivers
    )


def _days(first: date, at: date) -> int:
    return (at - first).days + 1


def build_overdue(
    dataset: Dataset, as_of: date, view: View | None = None, *, stood: Dataset | None = None
) -> OverdueReport:
    """Every initiative, milestone, meeting and reporting slot late on ``as_of``, and the
    initiatives and milestones past their deadline with no news since. The plan is taken
    as it stood in ``view`` (default: as it stood, and was known, on ``as_of``); ``stood``:
    that plan, when the caller has it already."""
    from udvikling.journal import plan_at, view_at

    plan = stood if stood is not None else plan_at(dataset, view or view_at(as_of))
    items: list[OverdueItem] = []
    quiet: list[OverdueItem] = []
    for initiative in plan.initiatives.values():
        track = initiative.track
        declared = plan.config.tracks.get(track)
        if declared is not None and declared.separate:
            continue  # reported separately: not followed by this plan (see udvikling.yaml)
        owner = initiative.owner
        names = (track_name(plan, track), owner_name(plan, owner) if owner else None)
        due = initiative.due_period
        late = state.days_late(initiative, as_of)
        no_news = state.unreported(initiative, as_of)
        if due is not None and (late or no_news is not None):
            item = OverdueItem(
                kind="initiative",
                id=initiative.id,
                title=initiative.title,
                initiative=initiative.id,
                due=due,
                late_from=due.late_from,
                days_late=late,
                track=track,
                track_name=names[0],
                owner=owner,
                owner_name=names[1],
                last_report=no_news.since if no_news is not None else None,
            )
            (items if late else quiet).append(item)
        for number, milestone in enumerate(initiative.milestones, start=1):
            where = state.milestone_state(milestone, plan.meetings, as_of, initiative)
            if where not in ("late", "unreported"):
                continue
            milestone_due = state.milestone_due(milestone, plan.meetings)
            assert milestone_due is not None  # a late milestone has a due period
            item = OverdueItem(
                kind="milestone",
                id=f"{initiative.id}#{number}",
                title=milestone.title,
                initiative=initiative.id,
                due=milestone_due,
                late_from=milestone_due.late_from,
                days_late=state.milestone_days_late(milestone, plan.meetings, as_of, initiative),
                track=track,
                track_name=names[0],
                owner=owner,
                owner_name=names[1],
                last_report=state.last_report_period(initiative, as_of)
                if where == "unreported"
                else None,
            )
            (items if where == "late" else quiet).append(item)
    waived: list[str] = []
    for meeting in plan.meetings.values():
        if not state.is_undecided(meeting, as_of):
            continue
        if _waived(meeting, as_of):
            waived.append(meeting.id)
            continue
        items.append(
            OverdueItem(
                kind="meeting",
                id=meeting.id,
                title=f"{body_name(plan, meeting.body)}: {meeting.title}",
                initiative=None,
                track=None,
                track_name=None,
                owner=None,
                owner_name=None,
                due=meeting.date,
                late_from=meeting.date.late_from,
                days_late=_days(meeting.date.late_from, as_of),
            )
        )
    for slot in obligations.obligation_status(plan.config, plan.meetings, as_of):
        if slot.state != "missed":
            continue
        items.append(
            OverdueItem(
                kind="obligation",
                id=f"{slot.obligation_id}/{slot.body}/{slot.slot.canonical()}",
                title=f"{slot.obligation.title} ({body_name(plan, slot.body)}, "
                f"{slot.slot.danish()})",
                initiative=None,
                track=None,
                track_name=None,
                owner=None,
                owner_name=None,
                due=slot.slot,
                late_from=slot.slot.late_from,
                days_late=obligations.slot_days_late(slot, as_of),
            )
        )
    kind_order = {"initiative": 0, "milestone": 1, "meeting": 2, "obligation": 3}
    items.sort(key=lambda i: (-i.days_late, kind_order[i.kind], i.id))
    quiet.sort(key=lambda i: (i.late_from, kind_order[i.kind], i.id))
    return OverdueReport(
        organisation=plan.config.organisation,
        process=plan.config.process,
        as_of=as_of,
        items=tuple(items),
        waived_meetings=tuple(sorted(waived)),
        unreported=tuple(quiet),
    )
