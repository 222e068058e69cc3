"""``udv history``: one record's history as text, Markdown or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

from udvikling.danish import count_noun, format_date, join_danish
from udvikling.output.diff_text import detail_lines
from udvikling.review.history import EVENT_WORDS, KIND_WORDS, RecordHistory, Version

if TYPE_CHECKING:
    from udvikling.output.json_types import HistoryJson, VersionJson


def heading(history: RecordHistory) -> str:
    """``Historik for tiltaget Kommunikationsstrategi (kommunikationsstrategi)``."""
    return f"Historik for {KIND_WORDS[history.kind]} {history.title} ({history.id})"


def overview(history: RecordHistory) -> str:
    """How many commits, from when to when, by whom."""
    versions = history.versions
    first, last = versions[0].when.date(), versions[-1].when.date()
    span = (
        f"{format_date(first)}"
        if first == last
        else f"{format_date(first)} til {format_date(last)}"
    )

    return (
        f"{history.path}: {count_noun(len(versions), 'commit', 'commits')} "
        f"({span}) af {join_danish(history.authors)}."
    )


def deadline_summary(history: RecordHistory) -> str:
    """``Fristen er flyttet 2 gange, i alt 9 måneder senere: fra … til ….``"""
    noun = "Fristen" if history.kind == "initiative" else "Datoen"
    moves = len(history.moves)
    first, last = history.first_deadline, history.last_deadline
    if first is None or last is None:
        return f"{noun} er ikke sat."
    if not moves:
        return f"{noun} er ikke flyttet ({last.danish()})."
    shift = history.total_shift
    total = shift.danish() if shift is not None else ""
    if shift is not None and shift.days == 0:
        total = "men slutter samme dag som oprindeligt"
    else:
        total = f"i alt {total}"
    return (
        f"{noun} er flyttet {count_noun(moves, 'gang', 'gange')}, {total}: "
        f"fra {first.danish()} til {last.danish()}."
    )


def version_lines(version: Version) -> list[str]:
    """What one commit did to the record, one Danish line each."""
    lines: list[str] = []
    if version.event == "created":
        lines.append(f"oprettet: {version.facts}" if version.facts else "oprettet")
    elif version.event == "earliest":
        word = EVENT_WORDS["earliest"]
        lines.append(f"{word}: {version.facts}" if version.facts else word)
    elif version.event in ("removed", "unchanged", "repaired"):
        lines.append(EVENT_WORDS[version.event])
    elif version.event == "broken":
        lines.append(f"kan ikke læses: {version.problem}")
    if version.change is not None:
        lines.extend(detail_lines(version.change))
    return lines


def version_title(version: Version) -> str:
    """``2. maj 2024, Bo Bertelsen (d20d50f): Spring update``."""
    return (
        f"{format_date(version.when.date())}, {version.author} ({version.short}): {version.subject}"
    )


def to_text(history: RecordHistory) -> str:
    """The history as plain text, oldest commit first."""
    out = [heading(history), overview(history), deadline_summary(history)]
    for version in history.versions:
        out.extend(["", version_title(version)])
        for line in version_lines(version):
            nested = line.startswith("  ")
            out.append(f"    {line.strip()}" if nested else f"  - {line}")
    return "\n".join(out) + "\n"


def to_markdown(history: RecordHistory) -> str:
    """The history as Markdown: the overview, then one folded section per commit."""
    from udvikling.output.diff_md import md  # (not imported for the other formats)

    out = [
        f"### {md(heading(history))}",
        "",
        md(overview(history)),
        "",
        f"**{md(deadline_summary(history))}**",
        "",
    ]
    for version in history.versions:
        out.append(f"- **{md(version_title(version))}**")
        for line in version_lines(version):
            nested = line.startswith("  ")
            out.append(f"    - {md(line.strip())}" if nested else f"  - {md(line)}")
    return "\n".join(out) + "\n"


def _version_json(version: Version) -> VersionJson:
    from udvikling.output.diff_json import record_json  # (not imported for the other formats)

    return {
        "commit": version.commit,
        "author": version.author,
        "email": version.email,
        "date": version.when.isoformat(),
        "subject": version.subject,
        "path": version.path,
        "event": version.event,
        "title": version.title,
        "facts": version.facts,
        "problem": version.problem,
        "change": record_json(version.change) if version.change is not None else None,
    }


def to_json(history: RecordHistory) -> str:
    """The history as JSON, with the deadline moves and their total."""
    shift = history.total_shift
    data: HistoryJson = {
        "id": history.id,
        "kind": history.kind,
        "title": history.title,
        "path": history.path,
        "summary": deadline_summary(history),
        "deadline": {
            "first": history.first_deadline.canonical() if history.first_deadline else None,
            "last": history.last_deadline.canonical() if history.last_deadline else None,
            "moves": [
                {
                    "commit": v.commit,
                    "date": v.when.isoformat(),
                    "old": f.old,
                    "new": f.new,
                    "days": f.shift.days if f.shift else None,
                    "months": f.shift.months if f.shift else None,
                    "text": f.text,
                }
                for v, f in history.moves
            ],
            "total_days": shift.days if shift else None,
            "total_months": shift.months if shift else None,
        },
        "versions": [_version_json(v) for v in history.versions],
    }
    from udvikling.output.report_json import dumps

    return dumps("history", data)
