"""How one record changed through git history: when, by whom, what, and how far its deadline moved.

:func:`record_history` takes from :mod:`udvikling.review.recordlog` the commits that touched
the record's file (``git log --follow``, renames followed) and the record as it stood at each
of them, straight from git's objects (the file and ``udvikling.yaml`` only, nothing checked
out, all versions in two ``git cat-file`` calls), and compares each version with the previous
readable one using :func:`udvikling.review.records.diff_record`. Apart from the one ``git
log``, the work is proportional to the commits that touched the record, not to the size of
the plan or history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal

from udvikling.errors import UsageError
from udvikling.load import Dataset
from udvikling.periods import Period
from udvikling.review.fields import shift_between
from udvikling.review.git import Repo
from udvikling.review.model import FieldChange, RecordChange, RecordKind, Shift
from udvikling.review.recordlog import PendingLog, read_log
from udvikling.review.records import describe, diff_record
from udvikling.review.versions import Versions
from udvikling.vocab import SLUG_RE

Event = Literal[
    "created", "earliest", "changed", "renamed", "broken", "repaired", "removed", "unchanged"
]

KIND_WORDS: dict[RecordKind, str] = {
    "initiative": "tiltaget",
    "meeting": "mødet",
    "indicator": "nøgletallet",
    "config": "konfigurationen",
}
EVENT_WORDS: dict[Event, str] = {
    "created": "oprettet",
    "earliest": "ældste version i denne git-kopi "
    "(en overfladisk kopi: historikken før er ikke hentet)",
    "changed": "ændret",
    "renamed": "omdøbt",
    "broken": "kan ikke læses",
    "repaired": "kan læses igen",
    "removed": "slettet",
    "unchanged": "kun formatering eller kommentarer ændret",
}
# The field that holds a record's deadline (initiatives) or date (meetings, indicators).
DEADLINE_FIELD: dict[RecordKind, str] = {
    "initiative": "due",
    "meeting": "date",
    "indicator": "date",
}


@dataclass
class Version:
    """One commit that touched the record, and what it did."""

    commit: str
    author: str
    email: str
    when: datetime
    subject: str
    path: str
    event: Event
    title: str | None = None  # the record's title at this commit, when readable
    facts: str | None = None  # for "created": status, dates, owner
    problem: str | None = None  # for "broken": the first error
    change: RecordChange | None = None  # field changes against the previous readable version

    @property
    def short(self) -> str:
        """The first seven hex digits of the commit id."""
        return self.commit[:7]


@dataclass
class RecordHistory:
    """Every version of one record, oldest first, and how its deadline moved."""

    id: str
    kind: RecordKind
    title: str
    path: str
    versions: list[Version]
    moves: list[tuple[Version, FieldChange]] = field(default_factory=list)
    first_deadline: Period | None = None
    last_deadline: Period | None = None

    @property
    def total_shift(self) -> Shift | None:
        """From the first deadline ever set to the latest one; None without two deadlines."""
        if self.first_deadline is None or self.last_deadline is None:
            return None
        return shift_between(self.first_deadline, self.last_deadline)

    @property
    def authors(self) -> list[str]:
        """Who changed the record, in order of first change."""
        return list(dict.fromkeys(v.author for v in self.versions))


def check_id(record_id: str) -> None:
    """Refuse what is not a record id (before any path is made of it)."""
    if not SLUG_RE.match(record_id):
        raise UsageError(
            f"'{record_id}' er ikke et id.",
            "Et id er filnavnet uden .yaml: små bogstaver a-z, tal og bindestreg, fx "
            "kommunikationsstrategi.",
        )


def not_found(record_id: str) -> UsageError:
    """The error for an id no commit reachable from HEAD has."""
    return UsageError(
        f"Der er intet tiltag, møde eller nøgletal med id'et '{record_id}' i git-historikken.",
        "Se id'erne med 'ls data/initiatives data/meetings', eller commit filen først.",
    )


def commit_time(iso: str, epoch: str) -> datetime:
    """When a commit was made: its ISO date with the author's time zone; a zone that cannot
    be (git keeps what the commit says, e.g. +9999) falls back to UTC, an unreadable date to
    the start of the Unix epoch."""
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        pass
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError):
        return datetime(1970, 1, 1, tzinfo=UTC)


def _record(dataset: Dataset, kind: RecordKind, record_id: str) -> Any:
    if kind == "initiative":
        return dataset.initiatives.get(record_id)
    if kind == "meeting":
        return dataset.meetings.get(record_id)
    return dataset.indicators.get(record_id)


def record_history(repo: Repo, record_id: str, pending: PendingLog | None = None) -> RecordHistory:
    """The history of ``record_id`` reachable from HEAD, oldest version first.

    ``pending``: the record's git log already being read in the background (the command
    starts it before importing the models); without it, the log is read here.
    """
    check_id(record_id)
    log = pending.log() if pending is not None else read_log(repo, record_id)
    if log.kind is None:
        raise not_found(record_id)
    kind, rel = log.kind, log.rel
    versions: list[Version] = []
    previous: tuple[Any, Dataset] | None = None
    was_broken = False
    moves: list[tuple[Version, FieldChange]] = []
    deadlines: list[Period] = []
    key = DEADLINE_FIELD[kind]
    assert log.blobs is not None
    read = Versions(log.blobs)
    loaded = 0
    for header, status, full_path in log.entries:
        commit, author, email, when, epoch, subject = (header + [""] * 6)[:6]
        path = full_path.removeprefix(repo.prefix)
        stem = path.rpartition("/")[2].removesuffix(".yaml")
        version = Version(commit, author, email, commit_time(when, epoch), subject, path, "changed")
        versions.append(version)
        if status == "D":
            version.event = "removed"
            continue
        dataset, problem = read.load(loaded)
        loaded += 1
        record = _record(dataset, kind, stem) if dataset is not None else None
        if record is None:
            version.event, version.problem = "broken", problem
            was_broken = True
            continue
        version.title = record.title
        deadline = getattr(record, key, None)
        if isinstance(deadline, Period):
            deadlines.append(deadline)
        assert dataset is not None
        if previous is None:
            # In a shallow clone the oldest commit at hand is a cut, not the record's birth.
            version.event = "earliest" if commit in log.boundaries else "created"
            version.facts = describe(kind, record, dataset)
        else:
            change = diff_record(kind, previous[0], record, previous[1], dataset)
            version.change = change
            if status == "R" or previous[0].id != record.id:
                version.event = "renamed"
                change.change = "renamed"
                change.old_id, change.old_path = previous[0].id, previous[0].path
            elif was_broken:
                version.event = "repaired"
            elif not (change.fields or change.updates or change.decisions):
                version.event = "unchanged"
            moves.extend(
                (version, f)
                for f in change.fields
                if f.field == key and f.shift is not None and f.shift.days != 0
            )
        was_broken = False
        previous = (record, dataset)
    latest = next((v for v in reversed(versions) if v.title), None)
    return RecordHistory(
        id=record_id,
        kind=kind,
        title=latest.title if latest and latest.title else record_id,
        path=rel,
        versions=versions,
        moves=moves,
        first_deadline=deadlines[0] if deadlines else None,
        last_deadline=deadlines[-1] if deadlines else None,
    )


def first_and_last(history: RecordHistory) -> tuple[date, date] | None:
    """The dates of the first and the latest commit touching the record."""
    if not history.versions:
        return None
    return history.versions[0].when.date(), history.versions[-1].when.date()
