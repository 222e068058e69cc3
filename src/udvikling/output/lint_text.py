"""``udv lint --format text``: ``path:line:col: CODE severity: message`` and a hint line.

Piped or written to a file, the report is plain text written in one piece, every finding
included, however many; at a terminal it is coloured, and a long list stops after
``--max-findings`` findings with a line saying how many more there are.
"""

from __future__ import annotations

from collections import Counter

from udvikling.findings import Finding
from udvikling.lint import LintResult

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def summary(result: LintResult) -> str:
    """A Danish one-line summary: '2 fejl, 1 advarsel og 1 bemærkning i 3 filer'."""
    from udvikling.danish import count_noun, join_danish

    counts = Counter(f.severity for f in result.findings)
    parts = []
    if counts["error"]:
        parts.append(count_noun(counts["error"], "fejl", "fejl"))
    if counts["warning"]:
        parts.append(count_noun(counts["warning"], "advarsel", "advarsler"))
    if counts["info"]:
        parts.append(count_noun(counts["info"], "bemærkning", "bemærkninger"))
    files = count_noun(result.files_checked, "fil", "filer")
    if not parts:
        return f"Ingen problemer i {files}."
    return f"{join_danish(parts)} i {files}."


def _per_code(findings: list[Finding]) -> list[str]:
    """``  UDV201    3  Ukendt udviklingsspor``: how many findings of each code, by code."""
    from udvikling.codes import CODES

    per_code = Counter(f.code for f in findings)
    return [
        f"  {code} {n:>4}  {CODES[code].title if code in CODES else ''}"
        for code, n in sorted(per_code.items())
    ]


def plain_text(result: LintResult) -> str:
    """The report as plain text (for a pipe or a file): every finding and its hint, the count
    per code, the summary; control characters from data made visible, tabs expanded as a
    terminal would show them."""
    from udvikling.terminal import visible

    lines: list[str] = []
    for f in result.findings:
        lines.append(f"{f.location}: {f.code} {f.severity_text}: {f.message}")
        if f.hint:
            lines.append(f"    tip: {f.hint}")
    if result.findings:
        lines.append("")
        lines.extend(_per_code(result.findings))
    lines.append(summary(result))
    return visible("\n".join(lines) + "\n").expandtabs(8)


def write_plain(result: LintResult) -> None:
    """Write :func:`plain_text` to standard output in one piece: thousands of findings cost
    no more than the text itself."""
    import sys

    sys.stdout.write(plain_text(result))
    sys.stdout.flush()


MAX_FINDINGS = 200
"""How many findings a terminal shows unless asked for more (``--max-findings``)."""


def print_text(result: LintResult, max_findings: int = MAX_FINDINGS) -> None:
    """Print findings for a person at a terminal, coloured: the first ``max_findings`` (all
    when 0), a line saying how many more there are, the count per code and the summary."""
    from rich.markup import escape

    from udvikling import terminal
    from udvikling.danish import format_number

    console = terminal.console(highlight=False, soft_wrap=True)
    shown = result.findings[:max_findings] if max_findings > 0 else result.findings
    for f in shown:
        style = _STYLE[f.severity]
        console.print(
            f"[bold]{escape(f.location)}[/]: [{style}]{f.code} {f.severity_text}[/]: "
            f"{escape(f.message)}"
        )
        if f.hint:
            console.print(f"    [dim]tip:[/] {escape(f.hint)}")
    hidden = len(result.findings) - len(shown)
    if hidden:
        console.print(
            f"[bold]… og {format_number(hidden)} fund mere[/] (vis alle med --max-findings 0)."
        )
    if result.findings:
        console.print()
        for line in _per_code(result.findings):
            console.print(escape(line))
    console.print(summary(result))
