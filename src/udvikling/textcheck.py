"""Hidden characters in a file's text: control characters (UDV009) and bidirectional
controls (UDV010), in values and in keys, at the value's line and column.

Both can make what a reviewer sees differ from what the file says: an escape sequence can
recolour or erase a terminal's text, and a right-to-left override shows letters in another
order than they are stored ("Trojan Source"). YAML lets both in through escapes in double
quotes (``"\\e[31m"``, ``"\\u202e"``), and the override even as it is. They are reported
here, by the reader, so every file that is read (also from git) is checked once; the views
show them as escapes either way (:mod:`udvikling.terminal`).
"""

from __future__ import annotations

import re
from typing import Any

from udvikling.findings import Finding
from udvikling.terminal import BIDI, CONTROL, describe_char, find_bidi, find_control

# Raw characters, or a backslash that may begin an escape in a double-quoted scalar: only
# then is a file's data walked (most files have neither).
_SUSPECT_RE = re.compile(f"[{CONTROL}{BIDI}\\\\]")


def text_findings(text: str, data: Any, source: Any) -> list[Finding]:
    """UDV009 and UDV010 findings for the strings of ``data`` (read from ``text``)."""
    if not _SUSPECT_RE.search(text):
        return []
    findings: list[Finding] = []
    _walk(data, (), source, findings)
    return findings


def _walk(value: Any, loc: tuple[str | int, ...], source: Any, out: list[Finding]) -> None:
    if isinstance(value, str):
        _check(value, loc, source, out, key=False)
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                _check(key, (*loc, key), source, out, key=True)
            _walk(item, (*loc, key), source, out)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk(item, (*loc, index), source, out)


def _check(
    text: str, loc: tuple[str | int, ...], source: Any, out: list[Finding], *, key: bool
) -> None:
    where = "Nøglen" if key else "Teksten"
    control = find_control(text)
    if control is not None:
        pos = source.locate(loc, key=key)
        out.append(
            Finding(
                source.path,
                pos.line,
                pos.column,
                "UDV009",
                "error",
                f"{where} indeholder styretegnet {describe_char(control)}, som ikke kan ses, men "
                "kan ændre, hvad en terminal viser.",
                "Slet tegnet; skriv linjeskift som almindelige linjer (fx med | i YAML).",
            )
        )
    bidi = find_bidi(text)
    if bidi is not None:
        pos = source.locate(loc, key=key)
        out.append(
            Finding(
                source.path,
                pos.line,
                pos.column,
                "UDV010",
                "error",
                f"{where} indeholder retningstegnet {describe_char(bidi)}, som viser teksten i "
                "en anden rækkefølge, end den står i filen.",
                "Slet tegnet (det er usynligt i de fleste editorer; søg efter \\u202e og "
                "lignende).",
            )
        )
