"""The state of one initiative at a date: its span, whether it is active, started, due,
completed, late or unreported, and its last report (R1-R5, R14 and R19 of docs/semantics.md)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from udvikling.chrono.days import has_ended
from udvikling.chrono.knowledge import newest_entry
from udvikling.periods import Period

if TYPE_CHECKING:
    from udvikling.model import Initiative, Update

CLOSED_STATUSES = frozenset({"afsluttet", "opgivet"})
NEVER_ACTIVE = frozenset({"udskudt", "opgivet"})


# -- initiatives ---------------------------------------------------------------------------


def span_start(initiative: Initiative) -> date | None:
    """The first day of the initiative, or None when it has no start."""
    return initiative.start.start if initiative.start is not None else None


@dataclass(frozen=True, slots=True)
class Completion:
    """When an initiative was completed, and what the date rests on.

    ``recorded``: the ``completed`` field (a date, or a period when only that is known);
    ``reported``: the journal entry that set status ``afsluttet`` (completed by that day at
    the latest); ``unknown``: status ``afsluttet`` with neither (no date is printed).
    """

    basis: Literal["recorded", "reported", "unknown"]
    period: Period | None

    @property
    def day(self) -> date | None:
        """The day the initiative was completed by (the end of the period)."""
        return self.period.end if self.period is not None else None


def completion(initiative: Initiative) -> Completion | None:
    """How an ``afsluttet`` initiative's completion is known (None when not afsluttet).

    A completion date is never guessed from the deadline (docs/semantics.md R3).
    """
    if initiative.status != "afsluttet":
        return None
    if initiative.completed is not None:
        return Completion("recorded", initiative.completed)
    closing = [u for u in initiative.updates if u.status == "afsluttet"]
    if closing:
        latest = max(closing, key=lambda u: (u.date.end, u.date.start))
        return Completion("reported", latest.date)
    return Completion("unknown", None)


def completed_on(initiative: Initiative) -> date | None:
    """The day an ``afsluttet`` initiative was completed by, when a source gives it."""
    found = completion(initiative)
    return found.day if found is not None else None


def span_end(initiative: Initiative) -> date | None:
    """The last day of the initiative, or None when it is continuous or undated."""
    done = completed_on(initiative)
    if done is not None:
        return done
    due = initiative.due_period
    return due.end if due is not None else None


def is_active(initiative: Initiative, period: Period) -> bool:
    """Whether the initiative is under way at some point of ``period``."""
    if initiative.status in NEVER_ACTIVE:
        return False
    first = span_start(initiative)
    if first is None or first > period.end:
        return False
    last = span_end(initiative)
    return last is None or last >= period.start


def is_started_in(initiative: Initiative, period: Period) -> bool:
    """Whether the initiative started within ``period``: its start period lies in it (a
    coarser start, such as ``2024``, says nothing about which quarter it began in)."""
    start = initiative.start
    return (
        start is not None
        and period.contains(start.start)
        and start.end <= period.end
        and initiative.status != "opgivet"
    )


def has_begun(initiative: Initiative, judged: date) -> bool:
    """Whether the initiative can be said to have begun by ``judged``: a status says so
    (i gang, afsluttet), or its whole start period has passed. A start period still running
    (``1. kvartal 2023`` on 8 January) or to come is a plan, not a start."""
    start = initiative.start
    return start is None or initiative.status in ("i-gang", "afsluttet") or has_ended(start, judged)


def is_due_in(initiative: Initiative, period: Period) -> bool:
    """Whether the initiative's due period ends within ``period``."""
    due = initiative.due_period
    return due is not None and period.contains(due.end) and initiative.status != "opgivet"


def is_completed_in(initiative: Initiative, period: Period, judged: date | None = None) -> bool:
    """Whether the initiative was completed within ``period`` (by a date a source gives),
    and by ``judged`` when given."""
    day = completed_on(initiative)
    return day is not None and period.contains(day) and (judged is None or day <= judged)


def late_from(initiative: Initiative) -> date | None:
    """The first day the initiative is past its deadline, or None when it can never be."""
    if initiative.status in CLOSED_STATUSES:
        return None
    due = initiative.due_period
    return due.late_from if due is not None else None


def last_report_period(initiative: Initiative, judged: date) -> Period | None:
    """When, by ``judged``, the initiative's status was last reported (R19): its newest journal
    entry dated by ``judged`` that reports on it (prose, a status, a completion or milestones
    reached; an entry that only moves a deadline or renames is a change of plan, not news),
    or its ``since``; as the source dates it (a day or a period). None when the record has
    neither: its fields are then the plan as it is kept today."""
    entry = last_report_entry(initiative, judged)
    periods = [entry.date] if entry is not None else []
    if initiative.since is not None and initiative.since.end <= judged:
        periods.append(initiative.since)
    return max(periods, key=lambda p: (p.end, p.start), default=None)


def last_report_entry(initiative: Initiative, judged: date) -> Update | None:
    """The initiative's newest journal entry dated by ``judged`` that reports on the work
    (:func:`reports_on`), or None: the entry behind :func:`last_report_period`, unless the
    plan the initiative came from (``since``) is newer."""
    return newest_entry([u for u in initiative.updates if u.date.end <= judged and reports_on(u)])


def reports_on(entry: Update) -> bool:
    """Whether a journal entry reports on the work: prose, a status, a completion or
    milestones reached."""
    return bool(
        entry.text or entry.status is not None or entry.completed is not None or entry.reached
    )


def last_report(initiative: Initiative, judged: date) -> date | None:
    """The last day of :func:`last_report_period` (the day the status is known from)."""
    found = last_report_period(initiative, judged)
    return found.end if found is not None else None


def days_late(initiative: Initiative, judged: date) -> int:
    """How many days late the initiative is on ``judged`` (0 when not late, R4 and R19).

    Late needs a status reported since the deadline passed that says it is still not done;
    past the deadline with no news since, it is unreported (:func:`unreported_since`).
    """
    first = late_from(initiative)
    if first is None or judged < first or initiative.status is None:
        return 0
    reported = last_report(initiative, judged)
    if reported is not None and reported < first:
        return 0
    return (judged - first).days + 1


def is_late(initiative: Initiative, judged: date) -> bool:
    """Whether the initiative is late on ``judged``."""
    return days_late(initiative, judged) > 0


@dataclass(frozen=True, slots=True)
class NoNews:
    """Past the deadline, not closed, and nothing reported since the deadline passed."""

    since: Period | None  # when anything was last reported, as the source dates it


def unreported(initiative: Initiative, judged: date) -> NoNews | None:
    """The initiative's deadline has passed on ``judged`` with no status reported since (R19)."""
    first = late_from(initiative)
    if first is None or judged < first:
        return None
    reported = last_report_period(initiative, judged)
    if initiative.status is None or (reported is not None and reported.end < first):
        return NoNews(reported)
    return None


def last_update(initiative: Initiative) -> date | None:
    """The last day of the newest journal entry's date."""
    return max((u.date.end for u in initiative.updates), default=None)


def quarters(first: Period, last: Period) -> Iterable[Period]:
    """Every quarter from the one ``first`` starts in to the one ``last`` ends in."""
    from udvikling.periods import next_quarter, quarter_of

    current = quarter_of(first.start)
    final = quarter_of(last.end)
    while True:
        yield current
        if current.start >= final.start:
            return
        current = next_quarter(current)


def in_window(initiative: Initiative, first: date | None, last: date | None) -> bool:
    """Whether the initiative's span overlaps the window from ``first`` to ``last`` (each
    end open when None); undated work lies in no window (R2)."""
    start = span_start(initiative)
    if start is None:
        return False
    end = span_end(initiative)
    if first is not None and end is not None and end < first:
        return False
    return not (last is not None and start > last)


def starts_after_due(initiative: Initiative) -> bool:
    """Whether the initiative starts after its deadline (UDV401)."""
    due = initiative.due_period
    return initiative.start is not None and due is not None and initiative.start.start > due.end


def outside_span(period: Period, initiative: Initiative) -> bool:
    """Whether ``period`` (a milestone's) lies outside the initiative's span: it ends before
    the initiative starts or begins after its deadline (UDV403)."""
    first = span_start(initiative)
    due = initiative.due_period
    return (first is not None and period.end < first) or (
        due is not None and period.start > due.end
    )


@dataclass(frozen=True, slots=True)
class Staleness:
    """An initiative under way with no news for ``months`` full months since ``since``:
    its newest journal entry (``update``), its coming into the plan (``since``), or its
    start (``start``)."""

    months: int
    since: date
    basis: Literal["update", "since", "start"]


def months_between(first: date, last: date) -> int:
    """Whole months from ``first`` to ``last`` (3 January to 2 April is 2)."""
    months = (last.year - first.year) * 12 + last.month - first.month
    if last.day < first.day:
        months -= 1
    return months


def staleness(initiative: Initiative, judged: date, limit: int) -> Staleness | None:
    """Whether an initiative under way (status ``i-gang`` and started by ``judged``) has had
    no journal entry for more than ``limit`` months (UDV603)."""
    started = span_start(initiative)
    if initiative.status != "i-gang" or (started is not None and started > judged):
        return None
    found: tuple[date, Literal["update", "since", "start"]] | None = None
    last = last_update(initiative)
    if last is not None:
        found = (last, "update")
    elif initiative.since is not None:
        found = (initiative.since.end, "since")
    elif started is not None:
        found = (started, "start")
    if found is None:
        return None
    months = months_between(found[0], judged)
    return Staleness(months, found[0], found[1]) if months > limit else None


def plan_quarters(initiatives: Iterable[Initiative], judged: date) -> list[Period]:
    """Every quarter from the earliest start of ``initiatives`` to the latest of their ends
    and ``judged`` (the quarters a capacity check looks at); none without a start."""
    from udvikling.periods import day_period

    dated = [i for i in initiatives if i.start is not None]
    if not dated:
        return []
    first = min(i.start.start for i in dated if i.start is not None)
    ends = [e for e in (span_end(i) for i in dated) if e is not None]
    last = max([*ends, judged, first])
    return list(quarters(day_period(first), day_period(last)))
