"""The state of a meeting at a date: whether its date has come, whether it is known to
have been held (R18 of docs/semantics.md), and whether a decision is missing (R8).

Every view words a meeting by :func:`outcome`: *planlagt* before its date, then *holdt*
when the data says so (``held: true`` or a decision), *aflyst* at ``held: false``, and
otherwise *ikke bekræftet* (its date has passed and nothing records that it was held).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal

from udvikling.periods import Period

if TYPE_CHECKING:
    from udvikling.model import Meeting


def meeting_in(meeting: Meeting, period: Period) -> bool:
    """Whether the meeting lies in ``period`` (its date period ends there)."""
    return period.contains(meeting.date.end)


def has_taken_place(meeting: Meeting, judged: date) -> bool:
    """Whether the meeting's date (its last day, for a coarse date) has come by ``judged``."""
    return judged >= meeting.date.end


def held_on_record(meeting: Meeting) -> bool:
    """Whether the record says the meeting was held (``held: true`` or a decision)."""
    return meeting.held is True or any(item.decision for item in meeting.items)


def is_held(meeting: Meeting, judged: date) -> bool | None:
    """Whether the meeting had been held by ``judged`` (R18): False before its date or when
    cancelled; True when recorded held or a decision is recorded; None (not known) for a
    planned meeting whose date has passed with no record of it."""
    if not has_taken_place(meeting, judged) or meeting.held is False:
        return False
    return True if held_on_record(meeting) else None


def is_past(meeting: Meeting, judged: date) -> bool:
    """Whether the meeting's date has passed by ``judged`` (the day after its date period)."""
    return judged >= meeting.date.late_from


def is_undecided(meeting: Meeting, judged: date) -> bool:
    """A meeting whose date has passed, not cancelled, with agenda items lacking a decision."""
    return (
        is_past(meeting, judged)
        and meeting.held is not False
        and any(item.decision is None for item in meeting.items)
    )


Outcome = Literal["planned", "held", "cancelled", "unconfirmed"]

OUTCOME_LABELS: dict[str, str] = {
    "planned": "planlagt",
    "held": "holdt",
    "cancelled": "aflyst",
    "unconfirmed": "ikke bekræftet",
}
"""Each outcome in the words every view uses."""


def outcome(meeting: Meeting, judged: date) -> Outcome:
    """What the data says of the meeting on ``judged`` (of a meeting as known then, see
    :func:`udvikling.chrono.knowledge.meeting_at`)."""
    if meeting.held is False:
        return "cancelled"
    if not has_taken_place(meeting, judged):
        return "planned"
    return "held" if held_on_record(meeting) else "unconfirmed"


def decision_missing(meeting: Meeting, judged: date) -> bool:
    """A meeting known to have been held, its date passed, with an item lacking a decision:
    late (R11). An undecided meeting not known to have been held is only unconfirmed."""
    return is_undecided(meeting, judged) and held_on_record(meeting)
