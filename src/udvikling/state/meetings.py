"""The state of a meeting at a date: whether its date has come, whether it is known to
have been held (R18 of docs/semantics.md), and whether a decision is missing (R8)."""

from __future__ import annotations

from datetime import date

from udvikling.model import Meeting
from udvikling.periods import Period


def meeting_in(meeting: Meeting, period: Period) -> bool:
    """Whether the meeting lies in ``period`` (its date period ends there)."""
    return period.contains(meeting.date.end)


def has_taken_place(meeting: Meeting, at: date) -> bool:
    """Whether the meeting's date (its last day, for a coarse date) has come by ``at``."""
    return at >= meeting.date.end


def held_on_record(meeting: Meeting) -> bool:
    return meeting.held is True or any(item.decision for item in meeting.items)


def is_held(meeting: Meeting, at: date) -> bool | None:
    """Whether the meeting had been held by ``at`` (R18): False before its date or when
    cancelled; True when recorded held or a decision is recorded; None (not known) for a
    planned meeting whose date has passed with no record of it."""
    if not has_taken_place(meeting, at) or meeting.held is False:
        return False
    return True if held_on_record(meeting) else None


def is_past(meeting: Meeting, at: date) -> bool:
    """Whether the meeting's date has passed by ``at`` (the day after its date period)."""
    return at >= meeting.date.late_from


def is_undecided(meeting: Meeting, at: date) -> bool:
    """A meeting whose date has passed, not cancelled, with agenda items lacking a decision."""
    return (
        is_past(meeting, at)
        and meeting.held is not False
        and any(item.decision is None for item in meeting.items)
    )
