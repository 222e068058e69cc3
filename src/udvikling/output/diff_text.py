"""``udv diff`` as plain Danish text for the terminal (and the lines the Markdown reuses)."""

from __future__ import annotations

from udvikling import prose
from udvikling.danish import format_date
from udvikling.findings import Finding
from udvikling.review.model import CHANGE_WORDS, KINDS, Comparison, RecordChange, RecordKind

SECTION_TITLES: dict[RecordKind, str] = {
    "initiative": "Tiltag",
    "meeting": "Møder",
    "indicator": "Nøgletal",
    "config": "Konfiguration",
}


def shorten(text: str, limit: int = 160) -> str:
    """One line of at most ``limit`` characters, cut at a word with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + " …"


def changed_parts(old: str, new: str, context: int = 6) -> tuple[str, str]:
    """The part of two texts that differs, word by word, with ``context`` words either side
    (``…`` where text is left out): an edit at the end of a long entry is seen, not cut off
    in two identical beginnings."""
    a, b = old.split(), new.split()
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1

    def excerpt(words: list[str]) -> str:
        first = max(head - context, 0)
        last = len(words) - max(tail - context, 0)
        text = " ".join(words[first:last])
        return f"{'… ' if first else ''}{text}{' …' if last < len(words) else ''}"

    return excerpt(a), excerpt(b)


def title_line(comparison: Comparison) -> str:
    """``Ændringer fra HEAD (1a2b3c4) til arbejdskopien, vurderet pr. 24. april 2024``."""
    return (
        f"Ændringer fra {comparison.base.label} til {comparison.head.label}, "
        f"vurderet pr. {format_date(comparison.today)}"
    )


def side_problems(comparison: Comparison) -> list[str]:
    """A line for each side that cannot be read at all."""
    lines = []
    for word, side in (("Før", comparison.base), ("Efter", comparison.head)):
        if side.problem:
            lines.append(f"{word} ({side.label}): {side.problem}. Planen kan ikke sammenlignes.")
    return lines


def record_name(record: RecordChange) -> str:
    """``Titel (id)``, or just the file name for the configuration."""
    if record.kind == "config":
        return record.title
    return f"{record.title} ({record.id})"


def detail_lines(record: RecordChange, limit: int | None = 160) -> list[str]:
    """The changes to one record, one Danish line each (prose shortened to ``limit``)."""

    def cut(text: str) -> str:
        return shorten(text, limit) if limit else " ".join(text.split())

    lines: list[str] = []
    if record.change == "renamed":
        lines.append(f"omdøbt fra {record.old_id} ({record.old_path} → {record.path})")
    elif record.facts:
        lines.append(record.facts)
    if record.problem:
        lines.append(f"kan ikke læses: {record.problem}")
    for change in record.fields:
        lines.append(change.text)
        if change.long:
            old, new = change.old, change.new
            if isinstance(old, str) and isinstance(new, str) and limit:
                old, new = changed_parts(old, new)
            if isinstance(old, str):
                lines.append(f"  før: {cut(old)}")
            if isinstance(new, str):
                lines.append(f"  nu: {cut(new)}")
    for entry in record.updates:
        if not entry.changed:
            when = entry.date.danish() if entry.date else "uden dato"
            # The whole entry: what it says and changes is what a reviewer must see.
            lines.extend(entry_lines(f"ny opdatering {when}", entry.text))
    for entry in record.decisions:
        if not entry.changed:
            lines.append(f"ny beslutning under »{entry.item}«: {cut(entry.text)}")
        else:
            lines.append(f"beslutning under »{entry.item}« ændret til: {cut(entry.text)}")
    return lines


def entry_lines(head: str, text: str) -> list[str]:
    """``head: text`` on one line; a text its writer laid out (paragraphs, a list) with its
    first line there and the rest on nested lines (``  - item``, ``  1. item``, ``  text``)."""
    if not prose.laid_out(text):
        return [f"{head}: {' '.join(text.split())}"]
    lead, rest = prose.as_lines(text)
    return [f"{head}: {lead}" if lead else f"{head}:", *(f"  {line}" for line in rest)]


def finding_line(finding: Finding) -> str:
    """``path:line:col: CODE besked``."""
    return f"{finding.location}: {finding.code} {finding.message}"


def to_text(comparison: Comparison) -> str:
    """The comparison as indented plain text."""
    out = [title_line(comparison)]
    if comparison.note:
        out.append(comparison.note)
    out.append("")
    out.extend(side_problems(comparison))
    out.append(comparison.summary() + ".")
    for kind in KINDS:
        records = [r for r in comparison.records if r.kind == kind]
        if not records:
            continue
        out.extend(["", SECTION_TITLES[kind]])
        for record in records:
            out.append(f"  {record_name(record)}: {CHANGE_WORDS[record.change]}")
            for line in detail_lines(record):
                nested = line.startswith("  ")
                out.append(f"      {line.strip()}" if nested else f"    - {line}")
    for heading, findings in (
        ("Nye lint-fund", comparison.introduced),
        ("Rettede lint-fund", comparison.fixed),
    ):
        if findings:
            out.extend(["", heading])
            out.extend(f"  {finding_line(f)}" for f in findings)
    return "\n".join(out) + "\n"
