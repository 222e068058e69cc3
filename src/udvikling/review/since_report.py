"""The revision of the plan at the last issued status (``udv diff --since-report``).

Which status is the last one is the time package's one rule
(:attr:`udvikling.chrono.Standing.last_status`, docs/semantics.md R23), the same the default
notat and the site use. Git only says which revision of the files that status was made
from:

1. the newest ``status/<YYYY-MM-DD>`` tag reachable from the head, dated after the status
   before it and by the day asked about (set it when a status is sent out);
2. else the last commit on or before the day the status was judged at (a report's cut-off,
   the day before a status meeting);
3. else, in a repository started after that day, the plan as its files show it was known
   then (:func:`udvikling.chrono.knowledge.written_at`): no commit is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from udvikling.chrono import LastStatus, day_before, stand, view_at
from udvikling.errors import UsageError
from udvikling.load import Dataset
from udvikling.review.git import Repo, Revision, commit_on_or_before, resolve

REPORT_TAG_PREFIX = "status/"


@dataclass(frozen=True, slots=True)
class Base:
    """What ``--since-report`` compares with: a revision, or (``revision`` None) the plan as
    known at the last status, computed from the head's files; and a Danish note saying so."""

    status: LastStatus
    revision: Revision | None
    note: str


def report_tags(repo: Repo, ref: str = "HEAD") -> list[tuple[date, str]]:
    """``status/<YYYY-MM-DD>`` tags reachable from ``ref``, sorted oldest first; tags whose
    name is not a date are ignored."""
    done = repo.git(["tag", "--list", f"{REPORT_TAG_PREFIX}*", "--merged", ref], check=False)
    found: list[tuple[date, str]] = []
    for name in done.stdout.decode("utf-8", "replace").splitlines():
        try:
            day = date.fromisoformat(name.removeprefix(REPORT_TAG_PREFIX))
        except ValueError:
            continue
        found.append((day, name))
    return sorted(found)


def status_name(status: LastStatus, dataset: Dataset) -> str:
    """The last status in words: ``statusnotatet »…« (efterår 2024)`` or ``statusmødet i
    Voksen- og Plejeudvalget 24. april 2024 (»…«)``."""
    if status.kind == "report":
        return f"statusnotatet »{status.title}« ({status.when.danish()})"
    body = dataset.config.bodies.get(status.body or "")
    name = body.name if body is not None else status.body
    return f"statusmødet i {name} {status.when.danish()} (»{status.title}«)"


def last_report(repo: Repo, dataset: Dataset, known: date, ref: str = "HEAD") -> Base:
    """The plan at the last status issued by ``known`` in ``dataset`` (the head's plan)."""
    from udvikling.chrono.days import dated_between
    from udvikling.danish import format_date

    standing = stand(dataset, view_at(known))
    status = standing.last_status
    if status is None:
        raise UsageError(
            f"Der er ingen udsendt status at sammenligne med pr. {format_date(known)}: hverken "
            "et statusnotat i data/reports eller et statusmøde, der vides holdt.",
            "Registrér statusnotatet i data/reports (udv new report) eller statusmødet med "
            "en beslutning, eller angiv en revision: 'udv diff REVISION'.",
        )
    before = stand(dataset, view_at(day_before(status.issued))).last_status
    after = before.issued if before is not None else None
    name = status_name(status, dataset)
    tagged = dated_between(report_tags(repo, ref), after, known)
    if tagged:
        tag = tagged[-1][1]
        return Base(
            status,
            resolve(repo, tag),
            f"Sammenlignet med planen ved seneste status, {name}: tag {tag}.",
        )
    cut = status.knew.known
    found = commit_on_or_before(repo, cut, ref)
    if found is not None:
        revision = Revision(found.commit, found.commit)
        return Base(
            status,
            revision,
            f"Sammenlignet med planen ved seneste status, {name}: sidste commit til og med "
            f"{format_date(cut)}, {revision.short}.",
        )
    return Base(
        status,
        None,
        f"Sammenlignet med planen ved seneste status, {name}, som filerne viser, den var kendt "
        f"{format_date(cut)} (arkivet har ingen commit fra før da).",
    )
