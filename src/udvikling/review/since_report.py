"""The revision of the plan at the last status report (``udv diff --since-report``).

A ``status/<YYYY-MM-DD>`` tag when there is one; otherwise the last commit on or before the
newest issued report's cut-off, or before the latest status meeting held.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from udvikling.errors import UsageError
from udvikling.model import Meeting
from udvikling.model_report import Report
from udvikling.review.git import Repo, Revision, commit_on_or_before, resolve

REPORT_TAG_PREFIX = "status/"


def report_tags(repo: Repo, today: date, ref: str = "HEAD") -> list[tuple[date, str]]:
    """``status/<YYYY-MM-DD>`` tags reachable from ``ref`` dated on or before ``today``.

    Sorted oldest first; tags whose name is not a date are ignored.
    """
    done = repo.git(["tag", "--list", f"{REPORT_TAG_PREFIX}*", "--merged", ref], check=False)
    found: list[tuple[date, str]] = []
    for name in done.stdout.decode("utf-8", "replace").splitlines():
        try:
            day = date.fromisoformat(name.removeprefix(REPORT_TAG_PREFIX))
        except ValueError:
            continue
        if day <= today:
            found.append((day, name))
    return sorted(found)


def last_report(
    repo: Repo,
    meetings: Iterable[Meeting],
    today: date,
    ref: str = "HEAD",
    *,
    reports: Iterable[Report] = (),
) -> tuple[Revision, str]:
    """The revision of the plan at the last status report, and a Danish note on how it was found.

    First choice is the newest ``status/<YYYY-MM-DD>`` tag reachable from ``ref`` (dated on or
    before ``today``). Without one, the newest issued report in ``data/reports`` whose
    cut-off has come by ``today`` (the last commit on or before its cut-off), or the last
    commit before the day of the latest status meeting (``kind: status``) held by ``today``,
    whichever is newer: the plan as it stood when the report went out.
    """
    from udvikling.danish import format_date
    from udvikling.state import is_past

    tagged = report_tags(repo, today, ref)
    if tagged:
        day, name = tagged[-1]
        revision = resolve(repo, name)
        return (
            revision,
            f"Sammenlignet med planen ved statusrapporten {format_date(day)} (tag {name}).",
        )
    issued = [r for r in reports if (r.as_of or r.date.end) <= today]
    held = [m for m in meetings if m.kind == "status" and is_past(m, today)]
    newest_report = max(issued, key=lambda r: (r.as_of or r.date.end, r.id), default=None)
    newest_meeting = max(held, key=lambda m: (m.date.start, m.id), default=None)
    if newest_report is not None and (
        newest_meeting is None
        or (newest_report.as_of or newest_report.date.end) >= newest_meeting.date.start
    ):
        cut = newest_report.as_of or newest_report.date.end
        found_report = commit_on_or_before(repo, cut, ref)
        if found_report is not None:
            revision = Revision(found_report.commit, found_report.commit)
            return revision, (
                f"Sammenlignet med planen ved rapporten »{newest_report.title}« "
                f"({newest_report.date.danish()}): sidste commit til og med "
                f"{format_date(cut)}, {revision.short}."
            )
    if not held:
        raise UsageError(
            "Der er ingen statusrapport at sammenligne med: hverken et status/-tag eller et "
            "afholdt statusmøde.",
            "Sæt et tag, når en status er sendt ud, fx 'git tag status/2024-04-24', eller "
            "angiv en revision: 'udv diff REVISION'.",
        )
    meeting = max(held, key=lambda m: (m.date.start, m.id))
    day = meeting.date.start
    found = commit_on_or_before(repo, day - timedelta(days=1), ref)
    if found is None:
        raise UsageError(
            f"Der er ingen commit før statusmødet {format_date(day)}.",
            "Sæt et tag på den commit, statusrapporten bygger på, fx "
            f"'git tag {REPORT_TAG_PREFIX}{day.isoformat()} <commit>'.",
        )
    revision = Revision(found.commit, found.commit)
    note = (
        f"Sammenlignet med planen før statusmødet {format_date(day)} "
        f"(»{meeting.title}«): sidste commit før mødet, {revision.short}."
    )
    return revision, note
