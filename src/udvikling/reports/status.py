"""``udv status``: the state of the plan in one quarter, per track, as data.

The quarter is judged at a cut-off: its last day, or ``as_of`` when that comes first (a
quarter still under way is shown as it stands that day). The plan is taken as it stood at
the cut-off, as known on ``as_of`` (:func:`udvikling.chrono.quarter_view`): statuses,
titles and deadlines as they were then; the journal's entries about the quarter that had
been reported by ``as_of``, also those reported after the quarter ended (docs/semantics.md
R9, R14).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from udvikling import chrono
from udvikling.chrono import Standing
from udvikling.load import Dataset
from udvikling.periods import Period
from udvikling.reports.common import (
    MeetingLine,
    MilestoneLine,
    UpdateLine,
    meeting_line,
    meeting_order,
    milestone_lines,
    owner_name,
    track_name,
)

if TYPE_CHECKING:
    from udvikling.model import Initiative


@dataclass(frozen=True, slots=True)
class InitiativeLine:
    """An initiative and what it did in the quarter."""

    id: str
    title: str
    track: str
    owner: str | None
    owner_name: str
    level: str | None
    status: str | None
    start: Period | None
    due: Period | None
    ongoing: bool
    completed: date | None
    started: bool
    active: bool
    due_in_quarter: bool
    completed_in_quarter: bool
    days_late: int
    unreported: bool = False
    unreported_since: Period | None = None
    completion: chrono.Completion | None = None
    # False while the planned start still lies after the cut-off (a quarter seen in advance).
    begun: bool = True

    @property
    def late(self) -> bool:
        """Late at the report's cut-off."""
        return self.days_late > 0


@dataclass(frozen=True, slots=True)
class TrackStatus:
    """One track's initiatives, milestones and updates in the quarter."""

    id: str
    name: str
    initiatives: tuple[InitiativeLine, ...]
    milestones: tuple[MilestoneLine, ...]
    updates: tuple[UpdateLine, ...]

    @property
    def started(self) -> tuple[InitiativeLine, ...]:
        """Initiatives whose start period begins in the quarter."""
        return tuple(i for i in self.initiatives if i.started)

    @property
    def active(self) -> tuple[InitiativeLine, ...]:
        """Initiatives under way at some point of the quarter."""
        return tuple(i for i in self.initiatives if i.active)

    @property
    def due(self) -> tuple[InitiativeLine, ...]:
        """Initiatives whose due period ends in the quarter."""
        return tuple(i for i in self.initiatives if i.due_in_quarter)

    @property
    def completed(self) -> tuple[InitiativeLine, ...]:
        """Initiatives completed in the quarter."""
        return tuple(i for i in self.initiatives if i.completed_in_quarter)

    @property
    def late(self) -> tuple[InitiativeLine, ...]:
        """Initiatives late at the cut-off, most late first."""
        return tuple(
            sorted((i for i in self.initiatives if i.late), key=lambda i: (-i.days_late, i.id))
        )

    @property
    def unreported(self) -> tuple[InitiativeLine, ...]:
        """Initiatives past their deadline with no status reported since it passed."""
        return tuple(i for i in self.initiatives if i.unreported)

    @property
    def empty(self) -> bool:
        """Nothing happened in the track this quarter."""
        return not (self.initiatives or self.milestones or self.updates)


@dataclass(frozen=True, slots=True)
class StatusReport:
    """The plan in one quarter: per track in the configured order, and the meetings."""

    organisation: str
    process: str
    quarter: Period
    as_of: date
    cutoff: date
    tracks: tuple[TrackStatus, ...]
    meetings: tuple[MeetingLine, ...]
    undated: tuple[str, ...]
    # The titles of the undated initiatives, in Danish order, for people to read.
    undated_titles: tuple[str, ...] = ()

    def _all(self, name: str) -> list[InitiativeLine]:
        return [line for track in self.tracks for line in getattr(track, name)]

    @property
    def started(self) -> list[InitiativeLine]:
        """Every initiative started in the quarter."""
        return self._all("started")

    @property
    def active(self) -> list[InitiativeLine]:
        """Every initiative active in the quarter."""
        return self._all("active")

    @property
    def due(self) -> list[InitiativeLine]:
        """Every initiative due in the quarter."""
        return self._all("due")

    @property
    def completed(self) -> list[InitiativeLine]:
        """Every initiative completed in the quarter."""
        return self._all("completed")

    @property
    def late(self) -> list[InitiativeLine]:
        """Every initiative late at the cut-off."""
        return self._all("late")

    @property
    def unreported(self) -> list[InitiativeLine]:
        """Every initiative past its deadline with no status reported since."""
        return self._all("unreported")

    @property
    def milestones(self) -> list[MilestoneLine]:
        """Every milestone due in the quarter."""
        return [m for track in self.tracks for m in track.milestones]

    @property
    def updates(self) -> list[UpdateLine]:
        """Every journal entry about the quarter, known on ``as_of``."""
        return [u for track in self.tracks for u in track.updates]

    def summary(self) -> str:
        """One Danish line: counts of initiatives, milestones, meetings and updates."""
        from udvikling.chrono import has_ended
        from udvikling.danish import count_noun, format_date

        milestones = self.milestones
        reached = sum(1 for m in milestones if m.state == "done")
        when = (
            f"pr. {format_date(self.cutoff)}"
            if not has_ended(self.quarter, self.cutoff)
            else f"ved udgangen af kvartalet, {format_date(self.cutoff)}"
        )
        coming = sum(1 for line in self.started if not line.begun)
        parts = [
            count_noun(len(self.active), "aktivt tiltag", "aktive tiltag"),
            f"{len(self.started) - coming} startet",
            *([f"{coming} starter senere i kvartalet"] if coming else []),
            f"{len(self.due)} med frist",
            f"{len(self.completed)} afsluttet",
            f"{len(self.late)} for sent",
        ]
        if self.unreported:
            parts.append(f"{len(self.unreported)} uden status siden fristen")
        milestone_text = (
            f"{reached} af {count_noun(len(milestones), 'milepæl', 'milepæle')} nået"
            if milestones
            else "ingen milepæle"
        )
        return (
            f"{self.quarter.danish()} ({when}): {', '.join(parts)}; {milestone_text}; "
            f"{count_noun(len(self.meetings), 'møde', 'møder')}; "
            f"{count_noun(len(self.updates), 'opdatering', 'opdateringer')}."
        )


def _initiative_line(standing: Standing, initiative: Initiative, quarter: Period) -> InitiativeLine:
    where = standing.initiative(initiative)
    finished = where.completion
    completed_day = finished.day if finished is not None else None
    return InitiativeLine(
        id=initiative.id,
        title=initiative.title,
        track=initiative.track,
        owner=initiative.owner,
        owner_name=owner_name(standing.plan, initiative.owner),
        level=initiative.level,
        status=initiative.status,
        start=initiative.start,
        due=initiative.due_period,
        ongoing=initiative.ongoing,
        completed=completed_day,
        started=chrono.is_started_in(initiative, quarter),
        active=chrono.is_active(initiative, quarter),
        due_in_quarter=chrono.is_due_in(initiative, quarter),
        completed_in_quarter=chrono.is_completed_in(initiative, quarter, standing.judged),
        days_late=where.days_late,
        unreported=where.no_news is not None,
        unreported_since=where.no_news.since if where.no_news is not None else None,
        completion=finished,
        begun=chrono.has_begun(initiative, standing.judged),
    )


def _relevant(line: InitiativeLine) -> bool:
    return (
        line.started
        or line.active
        or line.due_in_quarter
        or line.completed_in_quarter
        or line.late
        or line.unreported
    )


def build_status(
    dataset: Dataset, quarter: Period, known: date, clock: date | None = None
) -> StatusReport:
    """The plan in ``quarter`` as it stood at its end (or ``known``), known on ``known``."""
    from udvikling.danish import danish_sort_key

    standing = chrono.stand(dataset, chrono.quarter_view(quarter, known, clock))
    cutoff = standing.judged
    plan = standing.plan
    by_track: dict[str, list[Initiative]] = {track: [] for track in plan.config.tracks}
    for initiative in plan.initiatives.values():
        by_track.setdefault(initiative.track, []).append(initiative)

    tracks: list[TrackStatus] = []
    for track_id, members in by_track.items():
        members.sort(key=lambda i: danish_sort_key(i.title))
        lines = tuple(
            line
            for line in (_initiative_line(standing, i, quarter) for i in members)
            if _relevant(line)
        )
        milestones = sorted(
            (
                line
                for initiative in members
                for line in milestone_lines(standing, initiative)
                if line.due is not None and chrono.ends_in(line.due, quarter)
            ),
            key=lambda m: (m.due.end if m.due else quarter.end, danish_sort_key(m.title)),
        )
        updates = sorted(
            (
                UpdateLine(initiative.id, initiative.title, u.date, u.text, u.concerns)
                for initiative in members
                for u in initiative.updates
                if u.text is not None and chrono.concerns_period(u, quarter)
            ),
            key=lambda u: (u.date.end, u.date.start, danish_sort_key(u.initiative_title)),
        )
        tracks.append(
            TrackStatus(
                track_id,
                track_name(plan, track_id),
                lines,
                tuple(milestones),
                tuple(updates),
            )
        )

    meetings = tuple(
        meeting_line(standing, meeting)
        for meeting in sorted(plan.meetings.values(), key=meeting_order)
        if chrono.meeting_in(meeting, quarter)
    )
    undated = tuple(
        sorted(
            (
                i.id
                for i in plan.initiatives.values()
                if i.start is None and i.status not in chrono.CLOSED_STATUSES
            ),
        )
    )
    return StatusReport(
        organisation=plan.config.organisation,
        process=plan.config.process,
        quarter=quarter,
        as_of=known,
        cutoff=cutoff,
        tracks=tuple(tracks),
        meetings=meetings,
        undated=undated,
        undated_titles=tuple(
            sorted((plan.initiatives[i].title for i in undated), key=danish_sort_key)
        ),
    )
