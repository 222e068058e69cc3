"""Reporting obligations: each split into slots, each slot met, missed or coming due.

The rules are R10 in docs/semantics.md; meetings count as held by :func:`state.is_held`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from udvikling.chrono.meetings import is_held, meeting_in
from udvikling.periods import Period, half_period, quarter_period, year_period

if TYPE_CHECKING:
    from udvikling.config import Config, Obligation
    from udvikling.model import Meeting


def slots(obligation: Obligation) -> list[Period]:
    """The quarters, half-years or years an obligation's period is split into."""
    found: list[Period] = []
    year = obligation.period.start.year
    while year <= obligation.period.end.year:
        if obligation.every == "år":
            candidates = [year_period(year)]
        elif obligation.every == "halvår":
            candidates = [half_period(year, 1), half_period(year, 2)]
        else:
            candidates = [quarter_period(year, q) for q in range(1, 5)]
        found.extend(c for c in candidates if obligation.period.contains(c))
        year += 1
    return found


SlotState = Literal["met", "unconfirmed", "waived", "missed", "due-soon", "open"]


@dataclass(frozen=True, slots=True)
class SlotStatus:
    """One body's status meeting in one slot of an obligation."""

    obligation_id: str
    obligation: Obligation
    body: str
    slot: Period
    state: SlotState
    meetings: tuple[str, ...]
    reason: str | None = None


def obligation_status(
    config: Config,
    meetings: dict[str, Meeting],
    judged: date,
    notice_weeks: int | None = None,
) -> Iterator[SlotStatus]:
    """Every (obligation, body, slot) with whether it was met by ``judged`` (R10).

    ``met``: a status meeting of the body in the slot was held; ``unconfirmed``: one was
    planned there and its date has passed, but nothing records that it was held.
    """
    weeks = config.lint.obligation_notice_weeks if notice_weeks is None else notice_weeks
    for obligation_id, obligation in config.obligations.items():
        for slot in slots(obligation):
            for body in obligation.bodies:
                held = tuple(
                    sorted(
                        meeting_id
                        for meeting_id, meeting in meetings.items()
                        if meeting.body == body
                        and meeting.kind == obligation.kind
                        and meeting_in(meeting, slot)
                        and is_held(meeting, judged) is True
                    )
                )
                unconfirmed = tuple(
                    sorted(
                        meeting_id
                        for meeting_id, meeting in meetings.items()
                        if meeting.body == body
                        and meeting.kind == obligation.kind
                        and meeting_in(meeting, slot)
                        and is_held(meeting, judged) is None
                    )
                )
                waiver = next(
                    (w for w in obligation.waivers if w.body == body and w.period.overlaps(slot)),
                    None,
                )
                state: SlotState
                if held:
                    state = "met"
                elif unconfirmed:
                    state = "unconfirmed"
                elif waiver is not None:
                    state = "waived"
                elif judged >= slot.late_from:
                    state = "missed"
                elif slot.end - judged <= timedelta(weeks=weeks):
                    state = "due-soon"
                else:
                    state = "open"
                yield SlotStatus(
                    obligation_id,
                    obligation,
                    body,
                    slot,
                    state,
                    held or unconfirmed,
                    waiver.reason if waiver else None,
                )


def slot_days_late(status: SlotStatus, judged: date) -> int:
    """Days a missed slot is late on ``judged``."""
    if status.state != "missed":
        return 0
    return (judged - status.slot.late_from).days + 1
