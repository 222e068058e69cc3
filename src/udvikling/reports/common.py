"""Small pieces shared by the report builders: record lines and lookups by name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from udvikling import chrono
from udvikling.chrono import MilestoneState, Outcome, Reached, Standing
from udvikling.load import Dataset
from udvikling.periods import Period

if TYPE_CHECKING:
    from udvikling.model import Initiative, Meeting, Milestone

MILESTONE_LABELS: dict[str, str] = {
    "done": "nået",
    "late": "for sent",
    "unreported": "ikke oplyst",
    "upcoming": "kommende",
    "closed": "lukket",
    "undated": "uden dato",
    "separate": "afrapporteres særskilt",
}


@dataclass(frozen=True, slots=True)
class MilestoneLine:
    """A milestone with its initiative and where it stands on the report's date."""

    initiative_id: str
    initiative_title: str
    title: str
    due: Period | None
    meeting: str | None
    done: date | None
    state: MilestoneState
    days_late: int
    reached: Reached | None = None
    unreported_since: Period | None = None
    owner_name: str = ""

    @property
    def state_text(self) -> str:
        """The state in Danish: nået, for sent, ikke oplyst, kommende, lukket or uden dato."""
        return MILESTONE_LABELS[self.state]

    @property
    def reached_text(self) -> str | None:
        """How it was reached, in Danish: ``nået december 2022``, ``meldt nået 24. april
        2024`` or ``nået på mødet 26. april 2023``; None when not reached."""
        if self.reached is None:
            return None
        due = self.due
        if self.meeting is not None and due is not None and self.reached.day == due.end:
            return f"nået på mødet {due.danish()}"
        return reached_text(self.reached)


def reached_text(reached: Reached) -> str:
    """A reached milestone in Danish, saying what the date rests on."""
    from udvikling.danish import format_date

    if reached.basis == "reported":
        return f"meldt nået {reached.period.danish()}"
    if reached.basis == "meeting":
        return f"nået på mødet {format_date(reached.day)}"
    return f"nået {reached.period.danish()}"


def no_news_text(since: Period | None) -> str:
    """An initiative past its deadline with nothing reported since (R19), in the words every
    view uses: ``intet meldt siden 8. januar 2023`` (the source's own date: a period stays a
    period, ``siden efterår 2024``); never a count of days late."""
    return f"intet meldt siden {since.danish()}" if since is not None else "status ikke oplyst"


def milestone_no_news_text(since: Period | None) -> str:
    """A milestone past its deadline that no one has said is reached (R6, R19): ``ikke
    meldt, om den er nået (tiltaget senest meldt 8. januar 2023)``."""
    told = f" (tiltaget senest meldt {since.danish()})" if since is not None else ""
    return f"ikke meldt, om den er nået{told}"


@dataclass(frozen=True, slots=True)
class ItemLine:
    """An agenda item: its title, decision and the initiatives it concerns."""

    title: str
    decision: str | None
    initiatives: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MeetingLine:
    """A meeting with its body's name and what the data says of it by the report's date:
    ``outcome`` planned, held, cancelled or unconfirmed
    (:func:`udvikling.chrono.meetings.outcome`)."""

    id: str
    body: str
    body_name: str
    date: Period
    title: str
    kind: str
    outcome: Outcome
    undecided: bool
    items: tuple[ItemLine, ...]

    @property
    def held(self) -> bool | None:
        """True when held, False when cancelled or still planned, None when unconfirmed."""
        if self.outcome == "held":
            return True
        return None if self.outcome == "unconfirmed" else False

    @property
    def taken_place(self) -> bool:
        """Whether its date has come (it is no longer only planned)."""
        return self.outcome != "planned"

    @property
    def outcome_text(self) -> str:
        """planlagt, holdt, aflyst or ikke bekræftet."""
        return chrono.OUTCOME_LABELS[self.outcome]


@dataclass(frozen=True, slots=True)
class UpdateLine:
    """One journal entry of an initiative."""

    initiative_id: str
    initiative_title: str
    date: Period
    text: str
    concerns: Period | None = None


def body_name(dataset: Dataset, body: str) -> str:
    """The body's short name (VPU) where it has one, else its name, else the id."""
    declared = dataset.config.bodies.get(body)
    return declared.label if declared is not None else body


def owner_name(dataset: Dataset, owner: str | None) -> str:
    """The owner's Danish name, the id when undeclared, ``Ikke oplyst`` when not given."""
    if owner is None:
        from udvikling.vocab import UNKNOWN

        return UNKNOWN
    declared = dataset.config.owners.get(owner)
    return declared.name if declared is not None else owner


def track_name(dataset: Dataset, track: str) -> str:
    """The track's Danish name, or the id when undeclared."""
    declared = dataset.config.tracks.get(track)
    return declared.name if declared is not None else track


def milestone_lines(standing: Standing, initiative: Initiative) -> tuple[MilestoneLine, ...]:
    """Each milestone of ``initiative`` (of the plan as it stood) where it stands."""
    return tuple(
        MilestoneLine(
            initiative.id,
            initiative.title,
            state.milestone.title,
            state.due,
            state.milestone.meeting,
            state.reached.day if state.reached is not None else None,
            state.state,
            state.days_late,
            state.reached,
            state.last_report,
            owner_name(standing.plan, initiative.owner),
        )
        for state in standing.milestones(initiative)
    )


def milestone_line(
    standing: Standing, initiative: Initiative, milestone: Milestone
) -> MilestoneLine:
    """One milestone of ``initiative`` where it stands."""
    index = initiative.milestones.index(milestone)
    return milestone_lines(standing, initiative)[index]


def meeting_line(standing: Standing, meeting: Meeting) -> MeetingLine:
    """One meeting (of the plan as it stood) with what the data says of it and its items."""
    return MeetingLine(
        meeting.id,
        meeting.body,
        body_name(standing.plan, meeting.body),
        meeting.date,
        meeting.title,
        meeting.kind,
        standing.outcome(meeting),
        standing.undecided(meeting),
        tuple(ItemLine(i.title, i.decision, i.initiatives) for i in meeting.items),
    )


def meeting_order(meeting: Meeting) -> tuple[date, date, str]:
    """Meetings by date (start, then end), then id."""
    return (meeting.date.start, meeting.date.end, meeting.id)
