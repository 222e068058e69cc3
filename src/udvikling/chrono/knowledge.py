"""What a view knows: the plan as it stood on a day, as it was known then.

A record's fields are the plan as first adopted; its journal (``updates``) posts dated
entries that report progress and may change fields from their date on, like a ledger that
posts new entries instead of rewriting old ones. Records, milestones and meetings, and the
things ``udvikling.yaml`` declares (tracks, beacons, owners, units, bodies), may say since
when they are part of the plan, and a declared thing may change its name (a track also
whether it is reported separately) from a date. From these, :func:`plan_at` computes the
plan as it stood in a view; every view asks it and never filters dates itself.

The rules are R13-R18 and R22 in docs/semantics.md:

* An entry is known from the last day of its ``date`` period (``efterår 2024`` from
  30 November 2024); a record, milestone, meeting or declared thing from the last day of
  its ``since`` period (always, without ``since``).
* An entry (or a change of a declared thing) changes fields from its date: it applies when
  it is known and its date has come by the day judged.
* A document rendered for a meeting or a report also knows what is reported *in* it
  (entries with ``reported_in`` naming it), though its cut-off lies before. A document for a
  meeting never knows that meeting's outcome.
* A meeting's outcome (decisions, remarks, absentees, ``held``) is known once its date
  period has ended.
* Tags and beacons of an initiative are seen only once known (tags changed by an entry from
  its date; a beacon once declared), and its sources are its own plus those of its known
  entries.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from udvikling.chrono.days import View
from udvikling.load import Dataset, Remap
from udvikling.periods import Period
from udvikling.sourcemap import Loc
from udvikling.twins import CHANGEABLE

if TYPE_CHECKING:
    from udvikling.config import Config, NameChange
    from udvikling.model import Initiative, Meeting, Update

# -- entries -------------------------------------------------------------------------------


def known_from(entry: Update) -> date:
    """The first day an entry is known: the last day of its ``date`` period (R13)."""
    return entry.date.end


def is_known(entry: Update, view: View) -> bool:
    """Whether ``view`` knows the entry: known by then, or reported in its document."""
    if view.document is not None and entry.reported_in == view.document:
        return True
    return known_from(entry) <= view.known


def is_effective(entry: Update, view: View) -> bool:
    """Whether the entry's changes apply in ``view``: known, and its date has come (R15)."""
    if view.document is not None and entry.reported_in == view.document:
        return True
    return known_from(entry) <= view.judged and is_known(entry, view)


def concerns(entry: Update) -> Period:
    """The period an entry's text is about (its ``concerns``, else its ``date``)."""
    return entry.concerns if entry.concerns is not None else entry.date


def concerns_period(entry: Update, period: Period) -> bool:
    """Whether the entry's text is about some day of ``period`` (R14)."""
    return concerns(entry).overlaps(period)


def entry_order(indexed: tuple[int, Update]) -> tuple[date, date, int]:
    """Entries in the order they are posted: by date (end, then start), then file order."""
    index, entry = indexed
    return entry.date.end, entry.date.start, index


def newest_entry(updates: tuple[Update, ...] | list[Update]) -> Update | None:
    """The entry posted last (by :func:`entry_order`), or None."""
    if not updates:
        return None
    return max(enumerate(updates), key=entry_order)[1]


def since_known(since: Period | None, view: View) -> bool:
    """Whether something part of the plan ``since`` a period is known in ``view``."""
    return since is None or since.end <= view.known


def _applies(change_date: Period, view: View) -> bool:
    return change_date.end <= view.judged and change_date.end <= view.known


# -- the declared structure ------------------------------------------------------------------


def _named_at(thing: Any, view: View) -> Any:
    """A declared thing with the changes known and in force in ``view`` applied."""
    update: dict[str, Any] = {}
    for change in sorted(thing.changes, key=lambda c: (c.date.end, c.date.start)):
        if not _applies(change.date, view):
            continue
        if change.name is not None:
            update["name"] = change.name
        separate = getattr(change, "separate", None)
        if separate is not None:
            update["separate"] = separate
    return thing.model_copy(update=update) if update else thing


def structure_at(config: Config, view: View) -> Config:
    """``udvikling.yaml`` as it stood in ``view``: only what existed by then, with the names
    (and a track's separate reporting) in force then (R22)."""
    update: dict[str, Any] = {}
    for kind in ("tracks", "bodies", "owners", "units", "beacons"):
        table: dict[str, Any] = getattr(config, kind)
        if not any(t.since is not None or t.changes for t in table.values()):
            continue
        update[kind] = {
            key: _named_at(thing, view)
            for key, thing in table.items()
            if since_known(thing.since, view)
        }
    return config.model_copy(update=update) if update else config


def former_names(thing: Any, view: View) -> list[tuple[str, NameChange]]:
    """The names a declared thing had before the one in force in ``view``, each with the
    change that ended it, oldest first."""
    out: list[tuple[str, NameChange]] = []
    name = thing.name
    for change in sorted(thing.changes, key=lambda c: (c.date.end, c.date.start)):
        if change.name is None or not _applies(change.date, view):
            continue
        if name:
            out.append((name, change))
        name = change.name
    return out


# -- records -------------------------------------------------------------------------------


def initiative_at(
    initiative: Initiative, view: View, hidden_beacons: frozenset[str] = frozenset()
) -> tuple[Initiative | None, Remap | None]:
    """The initiative as it stood in ``view`` (None when not yet part of the plan), and how
    its values map back to its file (None when nothing moved). ``hidden_beacons``: beacons
    declared from a later date, left out."""
    reported_here = view.document is not None and any(
        u.reported_in == view.document for u in initiative.updates
    )
    if not (since_known(initiative.since, view) or reported_here):
        return None, None
    kept_updates = [(i, u) for i, u in enumerate(initiative.updates) if is_known(u, view)]
    kept_milestones = [i for i, m in enumerate(initiative.milestones) if since_known(m.since, view)]
    kept_beacons = [i for i, b in enumerate(initiative.beacons) if b not in hidden_beacons]
    changes: dict[str, Any] = {}
    fields: dict[str, Loc] = {}
    for index, entry in sorted(kept_updates, key=entry_order):
        if not is_effective(entry, view):
            continue
        for name, value in entry.changes().items():
            changes[name] = value
            fields[name] = ("updates", index, name)
    if (
        len(kept_updates) == len(initiative.updates)
        and len(kept_milestones) == len(initiative.milestones)
        and len(kept_beacons) == len(initiative.beacons)
        and not changes
    ):
        return initiative, None
    changes["updates"] = tuple(u for _, u in kept_updates)
    changes["milestones"] = tuple(initiative.milestones[i] for i in kept_milestones)
    changes["beacons"] = tuple(initiative.beacons[i] for i in kept_beacons)
    remap = Remap(
        lists={
            "updates": tuple(i for i, _ in kept_updates),
            "milestones": tuple(kept_milestones),
            "beacons": tuple(kept_beacons),
        },
        fields=fields,
    )
    return initiative.model_copy(update=changes), remap


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field a journal entry set: its value before (None: not given) and after (the
    same when the entry says again what stood)."""

    field: str
    old: object | None
    new: object

    @property
    def same(self) -> bool:
        """Whether the entry set the value the field already had."""
        return self.old == self.new


def field_changes(initiative: Initiative, view: View) -> list[tuple[Update, list[FieldChange]]]:
    """The story of an initiative as written (its file, before any entry applies): each
    journal entry known in ``view``, in the order entries apply (R15), with the fields it
    set, from what to what. An entry not yet in force changes nothing (its list is
    empty)."""
    values: dict[str, object | None] = {name: getattr(initiative, name) for name in CHANGEABLE}
    out: list[tuple[Update, list[FieldChange]]] = []
    entries = [(i, u) for i, u in enumerate(initiative.updates) if is_known(u, view)]
    for _, entry in sorted(entries, key=entry_order):
        changed: list[FieldChange] = []
        if is_effective(entry, view):
            for name, value in entry.changes().items():
                changed.append(FieldChange(name, values[name], value))
                values[name] = value
        out.append((entry, changed))
    return out


def former_titles(initiative: Initiative, view: View) -> list[tuple[str, Update]]:
    """The titles an initiative (as written) had before the one in force in ``view``, each
    with the journal entry that changed it, oldest first."""
    return [
        (str(change.old), entry)
        for entry, changes in field_changes(initiative, view)
        for change in changes
        if change.field == "title" and change.old and not change.same
    ]


def known_sources(initiative: Initiative) -> tuple[str, ...]:
    """The initiative's sources as known (of an initiative as it stood): its own, then those
    of its journal entries, each once, in the order they came."""
    found = list(initiative.sources)
    entries = sorted(enumerate(initiative.updates), key=entry_order)
    found += [entry.source for _, entry in entries if entry.source]
    return tuple(dict.fromkeys(found))


OUTCOME_FIELDS = ("decision", "remarks")


def meeting_at(meeting: Meeting, view: View) -> Meeting | None:
    """The meeting as known in ``view``: None before it was planned; without its outcome
    (decisions, remarks, absentees, whether it was held) until it has taken place (R18)."""
    own = meeting.id in (view.document, view.hide_outcome)
    if not (since_known(meeting.since, view) or own):
        return None
    if meeting.id != view.hide_outcome and meeting.date.end <= view.judged:
        return meeting
    if (
        not meeting.absent
        and meeting.held is None
        and not any(item.decision or item.remarks for item in meeting.items)
    ):
        return meeting
    items = tuple(item.model_copy(update=dict.fromkeys(OUTCOME_FIELDS)) for item in meeting.items)
    return meeting.model_copy(update={"items": items, "absent": (), "held": None})


def report_cut_off(report: Any) -> date:
    """The day a report is judged at and issued by: its ``as_of``, else its date's end."""
    cut: date = report.as_of or report.date.end
    return cut


def plan_at(dataset: Dataset, view: View) -> Dataset:
    """The whole plan as it stood in ``view`` (see the module's rules).

    The result shares the source positions with ``dataset``; locations of findings on it
    point at the lines that wrote the values (``Dataset.remap``). Its configuration is the
    declared structure as it stood (:func:`structure_at`).
    """
    config = structure_at(dataset.config, view)
    hidden = frozenset(dataset.config.beacons) - frozenset(config.beacons)
    initiatives: dict[str, Initiative] = {}
    remap: dict[str, Remap] = {}
    for key, initiative in dataset.initiatives.items():
        found, moved = initiative_at(initiative, view, hidden)
        if found is None:
            continue
        initiatives[key] = found
        if moved is not None:
            remap[initiative.path] = moved
    # A record known in the view brings the track it stands in, as the track was then: the
    # notat for a meeting knows what is first reported at that meeting, and its track (R22).
    brought = {
        initiative.track
        for initiative in initiatives.values()
        if initiative.track not in config.tracks and initiative.track in dataset.config.tracks
    }
    if brought:
        tracks = {
            key: track if key in config.tracks else _named_at(track, view)
            for key, track in dataset.config.tracks.items()
            if key in config.tracks or key in brought
        }
        config = config.model_copy(update={"tracks": tracks})
    meetings: dict[str, Meeting] = {}
    for key, meeting in dataset.meetings.items():
        seen = meeting_at(meeting, view)
        if seen is not None:
            meetings[key] = seen
    indicators = {
        key: indicator
        for key, indicator in dataset.indicators.items()
        if indicator.date.end <= view.known
    }
    reports = {
        key: report
        for key, report in dataset.reports.items()
        if key == view.document or report_cut_off(report) <= view.known
    }
    return replace(
        dataset,
        config=config,
        initiatives=initiatives,
        meetings=meetings,
        indicators=indicators,
        reports=reports,
        remap=remap,
    )


def written_at(dataset: Dataset, view: View) -> Dataset:
    """The plan as it was *written* by the view's day, as far as its files show: records,
    milestones, meetings and journal entries not yet known left out, meeting outcomes not
    yet known hidden, but no entry applied (fields as written). What a review compares with
    when no git commit of that day exists."""
    initiatives: dict[str, Initiative] = {}
    for key, initiative in dataset.initiatives.items():
        if not since_known(initiative.since, view):
            continue
        updates = tuple(u for u in initiative.updates if is_known(u, view))
        milestones = tuple(m for m in initiative.milestones if since_known(m.since, view))
        if len(updates) == len(initiative.updates) and len(milestones) == len(
            initiative.milestones
        ):
            initiatives[key] = initiative
        else:
            initiatives[key] = initiative.model_copy(
                update={"updates": updates, "milestones": milestones}
            )
    meetings = {
        key: seen
        for key, m in dataset.meetings.items()
        if (seen := meeting_at(m, view)) is not None
    }
    return replace(
        dataset,
        initiatives=initiatives,
        meetings=meetings,
        indicators={k: i for k, i in dataset.indicators.items() if i.date.end <= view.known},
        reports={k: r for k, r in dataset.reports.items() if report_cut_off(r) <= view.known},
        remap={},
    )
