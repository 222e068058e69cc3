"""Small pieces shared by the report builders: record lines and lookups by name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from udvikling import state
from udvikling.load import Dataset
from udvikling.model import Initiative, Meeting, Milestone
from udvikling.periods import Period

MILESTONE_LABELS: dict[str, str] = {
    "done": "nået",
    "late": "for sent",
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

    @property
    def state_text(self) -> str:
        """The state in Danish: nået, for sent, kommende, lukket or uden dato."""
        return MILESTONE_LABELS[self.state]


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
    held: bool
    undecided: bool
    items: tuple[ItemLine, ...]


@dataclass(frozen=True, slots=True)
class UpdateLine:
    """One journal entry of an initiative."""

    initiative_id: str
    initiative_title: str
    date: date
    text: str


def body_name(dataset: Dataset, body: str) -> str:
    """The body's short name (VPU) where it has one, else its name, else the id."""
    declared = dataset.config.bodies.get(body)
    return declared.label if declared is not None else body


def owner_name(dataset: Dataset, owner: str) -> str:
    """The owner's Danish name, or the id when undeclared."""
    declared = dataset.config.owners.get(owner)
    return declared.name if declared is not None else owner


def track_name(dataset: Dataset, track: str) -> str:
    """The track's Danish name, or the id when undeclared."""
    declared = dataset.config.tracks.get(track)
    return declared.name if declared is not None else track


def milestone_line(
    dataset: Dataset, initiative: Initiative, milestone: Milestone, at: date
) -> MilestoneLine:
    """One milestone as of ``at``."""
    milestone_state = state.milestone_state(milestone, dataset.meetings, at, initiative)
    late = state.milestone_days_late(milestone, dataset.meetings, at, initiative.id)
    done = state.milestone_done_on(milestone, dataset.meetings, initiative.id)
    return MilestoneLine(
        initiative.id,
        initiative.title,
        milestone.title,
        state.milestone_due(milestone, dataset.meetings),
        milestone.meeting,
        done if done is not None and done <= at else None,
        milestone_state,
        late if milestone_state == "late" else 0,
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
        state.is_past(meeting, at),
        state.is_undecided(meeting, at),
        tuple(ItemLine(i.title, i.decision, i.initiatives) for i in meeting.items),
    )


def meeting_order(meeting: Meeting) -> tuple[date, date, str]:
    """Meetings by date (start, then end), then id."""
    return (meeting.date.start, meeting.date.end, meeting.id)
