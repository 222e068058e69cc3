"""The state of a milestone at a date: when it is due, whether and how it was reached, and
whether it is late or unreported (R6, R17, R19 of docs/semantics.md)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from udvikling.chrono.initiatives import CLOSED_STATUSES, last_report
from udvikling.chrono.meetings import held_on_record
from udvikling.periods import Period

if TYPE_CHECKING:
    from udvikling.model import Initiative, Meeting, Milestone


def milestone_due(milestone: Milestone, meetings: dict[str, Meeting]) -> Period | None:
    """The period a milestone is due in: its own, or its meeting's date."""
    if milestone.due is not None:
        return milestone.due
    if milestone.meeting is not None and milestone.meeting in meetings:
        return meetings[milestone.meeting].date
    return None


def arrival_order(milestones: Sequence[Milestone], meetings: dict[str, Meeting]) -> list[int]:
    """The positions of ``milestones`` in the order they came into the plan: by ``since``
    (none: from the beginning), then by deadline (or the meeting's date; none: last), then
    by place in the file. Of milestones that share a title, the first keeps its name
    whatever is added after it, and moving a deadline changes the order only where it
    passes another's."""

    def key(position: int) -> tuple[date, date, int]:
        milestone = milestones[position]
        since = milestone.since.start if milestone.since is not None else date.min
        due = milestone_due(milestone, meetings)
        return (since, due.start if due is not None else date.max, position)

    return sorted(range(len(milestones)), key=key)


def names_milestone(reference: str, milestone: Milestone) -> bool:
    """Whether ``reference`` (in an entry's ``reached``) names the milestone: its id or title."""
    return reference == getattr(milestone, "id", None) or reference == milestone.title


@dataclass(frozen=True, slots=True)
class Reached:
    """How a milestone is known to be reached: ``done`` (its own field), ``reported`` (a
    journal entry) or ``meeting`` (its meeting was held and treated the initiative)."""

    basis: Literal["done", "reported", "meeting"]
    period: Period

    @property
    def day(self) -> date:
        """The day the milestone was reached by."""
        return self.period.end


def milestone_reached(
    milestone: Milestone,
    meetings: dict[str, Meeting],
    initiative: Initiative | None = None,
    judged: date | None = None,
) -> Reached | None:
    """How the milestone was reached by ``judged`` (any time when None), or None (R6, R17).

    Its ``done`` period when recorded; else a journal entry of ``initiative`` that names it in
    ``reached``; else its meeting, when the meeting is known to have been held and an agenda
    item lists the initiative (a planned meeting is no evidence).
    """
    found: Reached | None = None
    if milestone.done is not None:
        found = Reached("done", milestone.done)
    elif initiative is not None:
        entries = [
            u for u in initiative.updates if any(names_milestone(r, milestone) for r in u.reached)
        ]
        if entries:
            first = min(entries, key=lambda u: (u.date.end, u.date.start))
            found = Reached("reported", first.date)
        elif milestone.meeting is not None:
            meeting = meetings.get(milestone.meeting)
            if (
                meeting is not None
                and meeting.held is not False
                and held_on_record(meeting)
                and any(initiative.id in item.initiatives for item in meeting.items)
            ):
                found = Reached("meeting", meeting.date)
    if found is None or (judged is not None and found.day > judged):
        return None
    return found


def milestone_done_on(
    milestone: Milestone, meetings: dict[str, Meeting], initiative: Initiative | None = None
) -> date | None:
    """The day a milestone was reached by, or ``None`` while it is not."""
    found = milestone_reached(milestone, meetings, initiative)
    return found.day if found is not None else None


def milestone_done(
    milestone: Milestone,
    judged: date,
    meetings: dict[str, Meeting] | None = None,
    initiative: Initiative | None = None,
) -> bool:
    """Whether the milestone was reached on or before ``judged``."""
    return milestone_reached(milestone, meetings or {}, initiative, judged) is not None


MilestoneState = Literal["done", "late", "unreported", "upcoming", "closed", "undated", "separate"]


def _milestone_news_after(
    milestone: Milestone, meetings: dict[str, Meeting], initiative: Initiative, judged: date
) -> bool:
    """Whether anything says, by ``judged``, that a past-due milestone is still not reached: its
    meeting held (or cancelled) without treating the initiative; or, for a record kept as
    today's plan (no ``since``, no journal), the plan itself. A journal entry that does not
    mention the milestone says nothing about it (R6, R19)."""
    if last_report(initiative, judged) is None:
        return True
    if milestone.meeting is not None and milestone.meeting in meetings:
        meeting = meetings[milestone.meeting]
        return meeting.held is False or held_on_record(meeting)
    return False


def milestone_state(
    milestone: Milestone,
    meetings: dict[str, Meeting],
    judged: date,
    initiative: Initiative | None = None,
) -> MilestoneState:
    """Where a milestone stands on ``judged``.

    ``done`` when it was reached on or before ``judged`` (:func:`milestone_reached`); ``closed``
    when its initiative is ``afsluttet`` or ``opgivet`` (nothing of a closed one is late);
    ``undated`` when its due period is unknown; ``upcoming`` before its deadline; after it
    ``late`` when something reported since says it is not reached, else ``unreported``.
    """
    if milestone_reached(milestone, meetings, initiative, judged) is not None:
        return "done"
    if initiative is not None and initiative.status in CLOSED_STATUSES:
        return "closed"
    due = milestone_due(milestone, meetings)
    if due is None:
        return "undated"
    if judged < due.late_from:
        return "upcoming"
    if initiative is None or _milestone_news_after(milestone, meetings, initiative, judged):
        return "late"
    return "unreported"


def milestone_days_late(
    milestone: Milestone,
    meetings: dict[str, Meeting],
    judged: date,
    initiative: Initiative | None = None,
) -> int:
    """How many days late a milestone is on ``judged`` (0 unless its state is ``late``)."""
    if milestone_state(milestone, meetings, judged, initiative) != "late":
        return 0
    due = milestone_due(milestone, meetings)
    assert due is not None  # a late milestone has a due period
    return (judged - due.late_from).days + 1
