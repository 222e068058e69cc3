"""``udv lint --format text``: ``path:line:col: CODE severity: message`` and a hint line."""

from __future__ import annotations

from collections import Counter

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


def print_text(result: LintResult) -> None:
    """Print findings for a person: coloured on a terminal, plain when piped."""
    from rich.markup import escape

    from udvikling import terminal

    console = terminal.console(highlight=False, soft_wrap=True)
    for f in result.findings:
        style = _STYLE[f.severity]
        console.print(
            f"[bold]{escape(f.location)}[/]: [{style}]{f.code} {f.severity}[/]: {escape(f.message)}"
        )
        if f.hint:
            console.print(f"    [dim]tip:[/] {escape(f.hint)}")
    if result.findings:
        per_code = Counter(f.code for f in result.findings)
        console.print()
        for code, n in sorted(per_code.items()):
            from udvikling.codes import CODES

            title = CODES[code].title if code in CODES else ""
            console.print(f"  {code} {n:>4}  {escape(title)}")
    console.print(summary(result))
