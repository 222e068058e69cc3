"""One object per view that answers every question of time a view asks.

:func:`stand` takes the plan as written and a :class:`~udvikling.chrono.days.View` and
returns a :class:`Standing`: the plan as it stood (records, fields, entries and structure
known), each initiative's, milestone's and meeting's state, what is past its deadline (late
apart from unreported), what is coming, the last issued status and what is news since it.
Views read from it and format; none of them compares dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from udvikling.chrono import initiatives as _initiatives
from udvikling.chrono import knowledge
from udvikling.chrono import meetings as _meetings
from udvikling.chrono import milestones as _milestones
from udvikling.chrono.days import View
from udvikling.chrono.statuses import LastStatus, last_status, news
from udvikling.periods import Period

if TYPE_CHECKING:
    from udvikling.load import Dataset
    from udvikling.model import Initiative, Meeting, Milestone, Update, Waiver

UNDECIDED_CODE = "UDV501"
UPCOMING_DAYS = 366


def in_force(waiver: Waiver, judged: date) -> bool:
    """Whether a waiver still applies on ``judged`` (no ``until``, or not yet passed)."""
    return waiver.until is None or waiver.until >= judged


@dataclass(frozen=True, slots=True)
class InitiativeState:
    """Where one initiative stands on the day judged.

    ``followed``: not in a track reported separately (such initiatives are neither late nor
    unreported here); ``days_late`` > 0 only when late (R4, R19); ``no_news``: past the
    deadline with nothing reported since; ``last_report``: when its status was last reported.
    """

    id: str
    followed: bool
    start: date | None
    end: date | None
    completion: _initiatives.Completion | None
    days_late: int
    late_from: date | None
    last_report: Period | None
    no_news: _initiatives.NoNews | None

    @property
    def late(self) -> bool:
        """Late on the day judged."""
        return self.days_late > 0


@dataclass(frozen=True, slots=True)
class MilestoneState:
    """Where one milestone stands on the day judged (R6)."""

    initiative: str
    number: int  # 1 for the first milestone of the initiative
    milestone: Milestone
    due: Period | None
    state: _milestones.MilestoneState
    reached: _milestones.Reached | None
    days_late: int
    last_report: Period | None  # when its initiative last reported, for an unreported one


LapseKind = Literal["initiative", "milestone", "meeting", "obligation"]


@dataclass(frozen=True, slots=True)
class Lapse:
    """Something past its deadline on the day judged: late (a status, a held meeting or the
    plan as kept today says it is not done; counted in days) or unreported (nothing said
    since the deadline; never counted in days).

    ``reason`` says what the judgement rests on: ``reported`` (a status reported after the
    deadline), ``plan`` (a record kept without a journal), ``meeting`` (its meeting was held
    without it), ``cancelled`` (its meeting was cancelled), ``decision`` (a held meeting
    without a decision), ``obligation`` (no status meeting in the slot), ``no-news`` and
    ``unconfirmed`` (a meeting not known to have been held) for unreported ones.
    """

    kind: LapseKind
    id: str
    initiative: str | None
    due: Period
    late_from: date
    days: int
    reason: str
    last_report: Period | None = None
    status: str | None = None
    meeting: str | None = None

    @property
    def late(self) -> bool:
        """Late (as opposed to unreported)."""
        return self.days > 0


@dataclass(frozen=True, slots=True)
class Upcoming:
    """What is coming within the horizon: meetings not yet held, milestones not yet due and
    not reached, starts not yet come (each sorted by date)."""

    meetings: tuple[Meeting, ...]
    milestones: tuple[tuple[Period, Initiative, Milestone], ...]
    starts: tuple[tuple[Period, Initiative], ...]


class Standing:
    """The answers for one view; build it with :func:`stand`."""

    def __init__(self, dataset: Dataset, view: View, plan: Dataset | None = None) -> None:
        self.full = dataset
        self.view = view
        self.plan = plan if plan is not None else knowledge.plan_at(dataset, view)
        self._initiatives: dict[str, InitiativeState] = {}
        self._milestones: dict[str, tuple[MilestoneState, ...]] = {}
        self._lapses: tuple[Lapse, ...] | None = None
        self._waived: tuple[str, ...] = ()
        self._last: tuple[LastStatus | None] | None = None

    # -- the day ---------------------------------------------------------------------------

    @property
    def judged(self) -> date:
        """The day judged."""
        return self.view.judged

    @property
    def known(self) -> date:
        """The day whose knowledge counts."""
        return self.view.known

    # -- initiatives -----------------------------------------------------------------------

    def followed(self, initiative: Initiative) -> bool:
        """Not in a track reported separately in the structure as it stood (R19)."""
        track = self.plan.config.tracks.get(initiative.track)
        return track is None or not track.separate

    def initiative(self, initiative: Initiative) -> InitiativeState:
        """Where ``initiative`` (of the plan as it stood) stands on the day judged."""
        found = self._initiatives.get(initiative.id)
        if found is not None:
            return found
        judged = self.view.judged
        followed = self.followed(initiative)
        found = InitiativeState(
            id=initiative.id,
            followed=followed,
            start=_initiatives.span_start(initiative),
            end=_initiatives.span_end(initiative),
            completion=_initiatives.completion(initiative),
            days_late=_initiatives.days_late(initiative, judged) if followed else 0,
            late_from=_initiatives.late_from(initiative),
            last_report=_initiatives.last_report_period(initiative, judged),
            no_news=_initiatives.unreported(initiative, judged) if followed else None,
        )
        self._initiatives[initiative.id] = found
        return found

    def milestones(self, initiative: Initiative) -> tuple[MilestoneState, ...]:
        """Each milestone of ``initiative`` (of the plan as it stood), in file order."""
        found = self._milestones.get(initiative.id)
        if found is not None:
            return found
        meetings = self.plan.meetings
        judged = self.view.judged
        followed = self.followed(initiative)
        states = []
        for number, milestone in enumerate(initiative.milestones, start=1):
            where = _milestones.milestone_state(milestone, meetings, judged, initiative)
            if not followed and where in ("late", "unreported"):
                where = "separate"
            states.append(
                MilestoneState(
                    initiative=initiative.id,
                    number=number,
                    milestone=milestone,
                    due=_milestones.milestone_due(milestone, meetings),
                    state=where,
                    reached=_milestones.milestone_reached(milestone, meetings, initiative, judged),
                    days_late=_milestones.milestone_days_late(
                        milestone, meetings, judged, initiative
                    )
                    if where == "late"
                    else 0,
                    last_report=_initiatives.last_report_period(initiative, judged)
                    if where == "unreported"
                    else None,
                )
            )
        found = tuple(states)
        self._milestones[initiative.id] = found
        return found

    def reached(self, initiative: Initiative, milestone: Milestone) -> _milestones.Reached | None:
        """How ``milestone`` of ``initiative`` was reached by the day judged, or None."""
        return _milestones.milestone_reached(
            milestone, self.plan.meetings, initiative, self.view.judged
        )

    # -- meetings --------------------------------------------------------------------------

    def outcome(self, meeting: Meeting) -> _meetings.Outcome:
        """planned, held, cancelled or unconfirmed (of a meeting as it stood)."""
        return _meetings.outcome(meeting, self.view.judged)

    def undecided(self, meeting: Meeting) -> bool:
        """Its date has passed, it is not cancelled, and an item lacks a decision (R8)."""
        return _meetings.is_undecided(meeting, self.view.judged)

    def past(self, meeting: Meeting) -> bool:
        """Whether the meeting's date has passed (the day after it) by the day judged."""
        return _meetings.is_past(meeting, self.view.judged)

    def taken_place(self, meeting: Meeting) -> bool:
        """Whether the meeting's date has come by the day judged."""
        return _meetings.has_taken_place(meeting, self.view.judged)

    # -- what is past its deadline ----------------------------------------------------------

    @property
    def lapses(self) -> tuple[Lapse, ...]:
        """Everything past its deadline, late ones first (most days first), then the
        unreported ones by deadline; each by kind and id within."""
        if self._lapses is None:
            self._lapses, self._waived = self._find_lapses()
        return self._lapses

    @property
    def late(self) -> tuple[Lapse, ...]:
        """What is late: a status, a held meeting or the plan as kept says it is not done."""
        return tuple(lapse for lapse in self.lapses if lapse.late)

    @property
    def unreported(self) -> tuple[Lapse, ...]:
        """What is past its deadline with nothing said since."""
        return tuple(lapse for lapse in self.lapses if not lapse.late)

    @property
    def waived_meetings(self) -> tuple[str, ...]:
        """Undecided meetings with a waiver for UDV501 in force (left out of the lapses)."""
        self.lapses  # noqa: B018 - computes both
        return self._waived

    def _find_lapses(self) -> tuple[tuple[Lapse, ...], tuple[str, ...]]:
        from udvikling.chrono import obligations

        plan = self.plan
        judged = self.view.judged
        lapses: list[Lapse] = []
        for initiative in plan.initiatives.values():
            if not self.followed(initiative):
                continue
            standing = self.initiative(initiative)
            due = initiative.due_period
            if due is not None and (standing.late or standing.no_news is not None):
                lapses.append(
                    Lapse(
                        kind="initiative",
                        id=initiative.id,
                        initiative=initiative.id,
                        due=due,
                        late_from=due.late_from,
                        days=standing.days_late,
                        reason=("reported" if standing.last_report else "plan")
                        if standing.late
                        else "no-news",
                        last_report=standing.last_report,
                        status=initiative.status,
                    )
                )
            for milestone in self.milestones(initiative):
                if milestone.state not in ("late", "unreported") or milestone.due is None:
                    continue
                reason = "no-news"
                at_meeting = milestone.milestone.meeting
                if milestone.state == "late":
                    record = plan.meetings.get(at_meeting) if at_meeting else None
                    if record is not None and record.held is False:
                        reason = "cancelled"
                    elif record is not None and _meetings.held_on_record(record):
                        reason = "meeting"
                    else:
                        reason = "plan"
                lapses.append(
                    Lapse(
                        kind="milestone",
                        id=f"{initiative.id}#{milestone.number}",
                        initiative=initiative.id,
                        due=milestone.due,
                        late_from=milestone.due.late_from,
                        days=milestone.days_late,
                        reason=reason,
                        last_report=milestone.last_report
                        if milestone.state == "unreported"
                        else standing.last_report,
                        meeting=at_meeting,
                    )
                )
        waived: list[str] = []
        for meeting in plan.meetings.values():
            if not _meetings.is_undecided(meeting, judged):
                continue
            if any(w.code == UNDECIDED_CODE and in_force(w, judged) for w in meeting.waivers):
                waived.append(meeting.id)
                continue
            held = _meetings.held_on_record(meeting)
            lapses.append(
                Lapse(
                    kind="meeting",
                    id=meeting.id,
                    initiative=None,
                    due=meeting.date,
                    late_from=meeting.date.late_from,
                    days=(judged - meeting.date.late_from).days + 1 if held else 0,
                    reason="decision" if held else "unconfirmed",
                    meeting=meeting.id,
                )
            )
        for slot in obligations.obligation_status(plan.config, plan.meetings, judged):
            if slot.state != "missed":
                continue
            lapses.append(
                Lapse(
                    kind="obligation",
                    id=f"{slot.obligation_id}/{slot.body}/{slot.slot.canonical()}",
                    initiative=None,
                    due=slot.slot,
                    late_from=slot.slot.late_from,
                    days=obligations.slot_days_late(slot, judged),
                    reason="obligation",
                )
            )
        order = {"initiative": 0, "milestone": 1, "meeting": 2, "obligation": 3}
        late = sorted((x for x in lapses if x.late), key=lambda x: (-x.days, order[x.kind], x.id))
        quiet = sorted(
            (x for x in lapses if not x.late), key=lambda x: (x.late_from, order[x.kind], x.id)
        )
        return tuple(late + quiet), tuple(sorted(waived))

    # -- what is coming -----------------------------------------------------------------

    def upcoming(self, days: int | None = UPCOMING_DAYS) -> Upcoming:
        """Meetings not yet taken place (the document's own meeting aside), milestones of
        followed, open initiatives not yet due and not reached, and starts not yet come,
        within ``days`` after the day judged (all of them when None)."""
        plan = self.plan
        judged = self.view.judged
        horizon = date.max
        if days is not None:
            horizon = judged + timedelta(days=min(days, (date.max - judged).days))
        milestones: list[tuple[Period, Initiative, Milestone]] = []
        starts: list[tuple[Period, Initiative]] = []
        for initiative in plan.initiatives.values():
            if not self.followed(initiative) or initiative.status in _initiatives.CLOSED_STATUSES:
                continue
            for state in self.milestones(initiative):
                due = state.due
                if due is not None and state.state == "upcoming" and due.start <= horizon:
                    milestones.append((due, initiative, state.milestone))
            start = initiative.start
            if (
                start is not None
                and judged < start.start <= horizon
                and initiative.status not in _initiatives.NEVER_ACTIVE
            ):
                starts.append((start, initiative))
        meetings = [
            m
            for m in plan.meetings.values()
            if not _meetings.has_taken_place(m, judged)
            and m.date.start <= horizon
            and m.id != self.view.hide_outcome
            and m.held is not False
        ]
        meetings.sort(key=lambda m: (m.date.start, m.date.end, m.id))
        milestones.sort(key=lambda t: (t[0].end, t[0].start, t[1].id))
        starts.sort(key=lambda t: (t[0].start, t[0].end, t[1].id))
        return Upcoming(tuple(meetings), tuple(milestones), tuple(starts))

    # -- the last status and news -----------------------------------------------------------

    @property
    def last_status(self) -> LastStatus | None:
        """The last status issued by the day judged (docs/semantics.md R23)."""
        if self._last is None:
            self._last = (last_status(self.plan, self.view, full=self.full),)
        return self._last[0]

    def news(self, initiative: Initiative, *, prose: bool = True) -> list[Update]:
        """The entries of ``initiative`` (with prose, by default) that are news since the
        last status."""
        return news(initiative, self.view, self.last_status, prose=prose)

    def new_initiatives(self) -> list[Initiative]:
        """Initiatives part of the plan now that were not when the last status went out."""
        last = self.last_status
        if last is None:
            return []
        before = knowledge.plan_at(self.full, last.knew)
        return [i for i in self.plan.initiatives.values() if i.id not in before.initiatives]


def stand(dataset: Dataset, view: View, *, plan: Dataset | None = None) -> Standing:
    """The answers for ``view`` of the plan as written (``plan``: the plan as it stood in
    ``view``, when the caller has it already)."""
    return Standing(dataset, view, plan)
