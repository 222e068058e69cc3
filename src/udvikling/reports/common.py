"""Small pieces shared by the report builders: record lines and lookups by name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from udvikling import state
from udvikling.load import Dataset
from udvikling.model import Initiative, Meeting, Milestone
from udvikling.periods import Period
from udvikling.state import Reached

MILESTONE_LABELS: dict[str, str] = {
    "done": "nået",
    "late": "for sent",
    "unreported": "ikke oplyst",
    "upcoming": "kommende",
    "closed": "lukket",
    "undated": "uden dato",
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
    state: state.MilestoneState
    days_late: int
    reached: Reached | None = None
    unreported_since: Period | None = None

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


@dataclass(frozen=True, slots=True)
class ItemLine:
    """An agenda item: its title, decision and the initiatives it concerns."""

    title: str
    decision: str | None
    initiatives: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MeetingLine:
    """A meeting with its body's name and whether it was held by the report's date."""

    id: str
    body: str
    body_name: str
    date: Period
    title: str
    kind: str
    held: bool | None
    undecided: bool
    items: tuple[ItemLine, ...]
    taken_place: bool = False


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
        from udvikling.types import UNKNOWN

        return UNKNOWN
    declared = dataset.config.owners.get(owner)
    return declared.name if declared is not None else owner


def track_name(dataset: Dataset, track: str) -> str:
    """The track's Danish name, or the id when undeclared."""
    declared = dataset.config.tracks.get(track)
    return declared.name if declared is not None else track


def milestone_line(
    dataset: Dataset, initiative: Initiative, milestone: Milestone, at: date
) -> MilestoneLine:
    """One milestone as of ``at`` (of a plan as it stood, see :func:`journal.plan_at`)."""
    milestone_state = state.milestone_state(milestone, dataset.meetings, at, initiative)
    late = state.milestone_days_late(milestone, dataset.meetings, at, initiative)
    reached = state.milestone_reached(milestone, dataset.meetings, initiative, at)
    return MilestoneLine(
        initiative.id,
        initiative.title,
        milestone.title,
        state.milestone_due(milestone, dataset.meetings),
        milestone.meeting,
        reached.day if reached is not None else None,
        milestone_state,
        late,
        reached,
        state.last_report_period(initiative, at) if milestone_state == "unreported" else None,
    )


def meeting_line(dataset: Dataset, meeting: Meeting, at: date) -> MeetingLine:
    """One meeting as of ``at``: held or not, and its items with their decisions."""
    return MeetingLine(
        meeting.id,
        meeting.body,
        body_name(dataset, meeting.body),
        meeting.date,
        meeting.title,
        meeting.kind,
        state.is_held(meeting, at),
        state.is_undecided(meeting, at),
        tuple(ItemLine(i.title, i.decision, i.initiatives) for i in meeting.items),
        state.has_taken_place(meeting, at),
    )


def meeting_order(meeting: Meeting) -> tuple[date, date, str]:
    """Meetings by date (start, then end), then id."""
    return (meeting.date.start, meeting.date.end, meeting.id)
