"""``udv overdue``: everything past its deadline on a date, as data.

What is past its deadline, and whether it is *late* or *unreported*, is the time package's
answer (:attr:`udvikling.chrono.Standing.lapses`, docs/semantics.md R4, R6, R10, R11, R19):

* late: a status reported after the deadline says the work is not done (or a held meeting
  without it, or the plan kept without a journal), counted in days from the first late day;
* unreported: nothing has been said since the deadline passed, listed apart and never
  counted in days ("intet meldt siden ...").

Four kinds of item: initiatives, milestones, meetings without a recorded decision (unless a
waiver for UDV501 is in force) and reporting slots without a status meeting. Here they get
their names and titles; nothing here compares dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from udvikling.chrono import Lapse, Standing, View
from udvikling.load import Dataset
from udvikling.periods import Period
from udvikling.reports.common import (
    body_name,
    milestone_no_news_text,
    no_news_text,
    owner_name,
    track_name,
)

OverdueKind = Literal["initiative", "milestone", "meeting", "obligation"]
GroupBy = Literal["owner", "track"]

KIND_LABELS: dict[str, str] = {
    "initiative": "tiltag",
    "milestone": "milepæl",
    "meeting": "møde uden beslutning",
    "obligation": "afrapportering mangler",
}


@dataclass(frozen=True, slots=True)
class OverdueItem:
    """One thing past its deadline: what it is, whose it is, when it was due, how late it is
    (0 when unreported) and what the judgement rests on (``reason``, see
    :class:`udvikling.chrono.Lapse`)."""

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
    reason: str = ""
    status: str | None = None
    meeting: str | None = None
    meeting_date: Period | None = None
    initiative_title: str | None = None

    @property
    def kind_text(self) -> str:
        """The kind in Danish."""
        return KIND_LABELS[self.kind]

    @property
    def what(self) -> str:
        """What it is, for a table without an id column: a milestone with its initiative
        (``Ansættelse af to fagchefer: Tiltrædelse``, as the site and the notat name it)."""
        if self.kind == "milestone" and self.initiative_title:
            return f"{self.initiative_title}: {self.title}"
        return self.title

    @property
    def reported_text(self) -> str:
        """What the judgement rests on, in Danish, the same for late and unreported items:
        ``meldt i gang 24. april 2024``, ``mødet 26. april 2023 behandlede ikke tiltaget``,
        ``intet meldt siden 8. januar 2023``."""
        from udvikling.vocab import status_label

        when = self.last_report.danish() if self.last_report is not None else None
        meeting_day = self.meeting_date.danish() if self.meeting_date is not None else ""
        if self.reason == "reported":
            status = status_label(self.status).lower() if self.status else "ikke oplyst"
            return f"meldt {status} {when}" if when else f"meldt {status}"
        if self.reason == "plan":
            return (
                "ikke nået ifølge planen"
                if self.kind == "milestone"
                else "ikke færdigt ifølge planen"
            )
        if self.reason == "meeting":
            return f"mødet {meeting_day} behandlede ikke tiltaget"
        if self.reason == "cancelled":
            return f"mødet {meeting_day} blev aflyst"
        if self.reason == "decision":
            return "holdt, beslutningen er ikke registreret"
        if self.reason == "unconfirmed":
            return "ikke bekræftet, at mødet blev holdt"
        if self.reason == "obligation":
            return "intet statusmøde i perioden"
        if self.kind == "milestone":
            return milestone_no_news_text(self.last_report)
        return no_news_text(self.last_report)


@dataclass(frozen=True, slots=True)
class OverdueGroup:
    """The late and unreported items of one owner or one track."""

    key: str | None
    name: str
    items: tuple[OverdueItem, ...]
    unreported: tuple[OverdueItem, ...] = ()


@dataclass(frozen=True, slots=True)
class OverdueReport:
    """Everything past its deadline on ``as_of``: late (most late first) and unreported."""

    organisation: str
    process: str
    as_of: date
    items: tuple[OverdueItem, ...]
    waived_meetings: tuple[str, ...]
    unreported: tuple[OverdueItem, ...] = ()

    def of_kind(self, kind: OverdueKind) -> tuple[OverdueItem, ...]:
        """The late items of one kind."""
        return tuple(i for i in self.items if i.kind == kind)

    def groups(self, by: GroupBy) -> tuple[OverdueGroup, ...]:
        """Every item, late and unreported, grouped by owner or track, groups in Danish
        order, ungrouped last."""
        from udvikling.danish import danish_sort_key

        late: dict[str | None, list[OverdueItem]] = {}
        quiet: dict[str | None, list[OverdueItem]] = {}
        names: dict[str | None, str] = {}
        for bucket, items in ((late, self.items), (quiet, self.unreported)):
            for item in items:
                key = item.owner if by == "owner" else item.track
                bucket.setdefault(key, []).append(item)
                name = item.owner_name if by == "owner" else item.track_name
                names[key] = name or ("Uden ansvarlig" if by == "owner" else "Uden spor")
        order = sorted(names, key=lambda k: (k is None, danish_sort_key(names[k])))
        return tuple(
            OverdueGroup(k, names[k], tuple(late.get(k, ())), tuple(quiet.get(k, ())))
            for k in order
        )

    def summary(self) -> str:
        """One Danish line: how much is late, by kind, and how much is unreported."""
        from udvikling.danish import count_noun, format_date, join_danish

        when = format_date(self.as_of)
        quiet = ""
        if self.unreported:
            count = count_noun(len(self.unreported), "punkt", "punkter")
            quiet = f" For {count} er fristen overskredet, men intet meldt siden."
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


def _item(plan: Dataset, lapse: Lapse) -> OverdueItem:
    initiative = plan.initiatives.get(lapse.initiative) if lapse.initiative else None
    meeting = plan.meetings.get(lapse.meeting) if lapse.meeting else None
    title: str
    if lapse.kind == "initiative" and initiative is not None:
        title = initiative.title
    elif lapse.kind == "milestone" and initiative is not None:
        number = int(lapse.id.rsplit("#", 1)[1])
        title = initiative.milestones[number - 1].title
    elif lapse.kind == "meeting" and meeting is not None:
        title = f"{body_name(plan, meeting.body)}: {meeting.title}"
    else:
        obligation_id, body, _ = lapse.id.split("/", 2)
        obligation = plan.config.obligations[obligation_id]
        title = f"{obligation.title} ({body_name(plan, body)}, {lapse.due.danish()})"
    track = initiative.track if initiative is not None else None
    owner = initiative.owner if initiative is not None else None
    return OverdueItem(
        kind=lapse.kind,
        id=lapse.id,
        title=title,
        initiative=lapse.initiative,
        track=track,
        track_name=track_name(plan, track) if track is not None else None,
        owner=owner,
        owner_name=owner_name(plan, owner) if owner is not None else None,
        due=lapse.due,
        late_from=lapse.late_from,
        days_late=lapse.days,
        last_report=lapse.last_report,
        reason=lapse.reason,
        status=lapse.status,
        meeting=lapse.meeting,
        meeting_date=meeting.date if meeting is not None else None,
        initiative_title=initiative.title if initiative is not None else None,
    )


def overdue_report(standing: Standing) -> OverdueReport:
    """The overdue report of a standing: its lapses with names and titles."""
    plan = standing.plan
    return OverdueReport(
        organisation=plan.config.organisation,
        process=plan.config.process,
        as_of=standing.judged,
        items=tuple(_item(plan, lapse) for lapse in standing.late),
        waived_meetings=standing.waived_meetings,
        unreported=tuple(_item(plan, lapse) for lapse in standing.unreported),
    )


def build_overdue(dataset: Dataset, view: View | date) -> OverdueReport:
    """Everything past its deadline in ``view`` of the plan as written (a day: the plan as
    it stood, and was known, that day)."""
    from udvikling.chrono import stand, view_at

    return overdue_report(stand(dataset, view if isinstance(view, View) else view_at(view)))
