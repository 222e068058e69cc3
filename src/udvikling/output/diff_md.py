"""``udv diff --format md``: a pull-request comment, summary first and details folded.

GitHub and GitLab render Markdown inside ``<details>`` when blank lines surround it. Every
text that comes from the data is escaped, so a title cannot open a tag or a table cell.
"""

from __future__ import annotations

import html
import re

from udvikling.danish import count_noun, format_date
from udvikling.findings import Finding
from udvikling.output.diff_text import (
    SECTION_TITLES,
    detail_lines,
    record_name,
    shorten,
    side_problems,
)
from udvikling.review.model import CHANGE_WORDS, KINDS, Comparison, RecordChange

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~])")


SHORT_LIST = 25  # records listed before the folded details


def md(text: str) -> str:
    """Data text made inert in Markdown: one line, punctuation escaped, HTML entities."""
    flat = " ".join(text.split())
    return _SPECIAL.sub(r"\\\1", flat).replace("&", "&amp;")


def _summary_tag(text: str) -> str:
    return f"<summary>{html.escape(text, quote=False)}</summary>"


def _record_details(record: RecordChange) -> list[str]:
    out = [f"**{md(record_name(record))}**: {CHANGE_WORDS[record.change]}", ""]
    for line in detail_lines(record, limit=None):
        if line.startswith("  - "):  # an item of a list an entry's writer typed
            out.append(f"  - {md(line[4:])}")
        elif line.startswith("  "):
            out.append(f"  - {md(line.strip())}")
        else:
            out.append(f"- {md(line)}")
    out.append("")
    return out


def _finding_rows(findings: list[Finding]) -> list[str]:
    rows = ["| Sted | Kode | Alvor | Besked |", "| --- | --- | --- | --- |"]
    for f in findings:
        rows.append(f"| {md(f.location)} | {f.code} | {f.severity_text} | {md(f.message)} |")
    return rows


def to_markdown(comparison: Comparison) -> str:
    """The comparison as Markdown for a pull-request comment or a job summary."""
    base, head = comparison.base, comparison.head
    out = [
        f"### Ændringer i udviklingsplanen: {md(base.label)} → {md(head.label)}",
        "",
        f"**{md(comparison.summary())}.** Vurderet pr. {format_date(comparison.today)}.",
        "",
    ]
    if comparison.note:
        out.extend([f"_{md(comparison.note)}_", ""])
    for line in side_problems(comparison):
        out.extend([f"> **Bemærk:** {md(line)}", ""])
    errors = [f for f in comparison.introduced if f.severity == "error"]
    if errors:
        out.extend(
            [
                f"> **Bemærk:** ændringen giver {count_noun(len(errors), 'ny fejl', 'nye fejl')}"
                " i data (se lint-fund nedenfor).",
                "",
            ]
        )
    # The short list: one line per record, the most telling change first.
    for record in comparison.records[:SHORT_LIST]:
        headline = shorten(record.headline, 140)
        if record.change not in ("changed", "renamed"):
            headline = f"{CHANGE_WORDS[record.change]}; {headline}"
        out.append(
            f"- {SECTION_TITLES[record.kind]}: **{md(record_name(record))}**: {md(headline)}"
        )
    rest = len(comparison.records) - SHORT_LIST
    if rest > 0:
        out.append(f"- … og {count_noun(rest, 'ændring mere', 'ændringer mere')} (se detaljer)")
    if comparison.records:
        out.append("")
    for kind in KINDS:
        records = [r for r in comparison.records if r.kind == kind]
        if not records:
            continue
        label = f"Detaljer: {SECTION_TITLES[kind].lower()} ({len(records)})"
        out.extend(["<details>", _summary_tag(label), ""])
        for record in records:
            out.extend(_record_details(record))
        out.extend(["</details>", ""])
    for heading, findings in (
        ("Nye lint-fund", comparison.introduced),
        ("Rettede lint-fund", comparison.fixed),
    ):
        if findings:
            out.extend(["<details>", _summary_tag(f"{heading} ({len(findings)})"), ""])
            out.extend(_finding_rows(findings))
            out.extend(["", "</details>", ""])
    return "\n".join(out).rstrip("\n") + "\n"
