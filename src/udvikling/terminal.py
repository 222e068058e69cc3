"""Characters that must never reach a reader's terminal (or a review page) as they are.

Data comes from whoever wrote it, in a pull request too. A control character (an escape
sequence can recolour, hide or rewrite what a terminal shows) or a bidirectional override
(it reorders what is shown, so text reads differently from what it is) is therefore shown
as a visible escape such as ``\\x1b`` or ``\\u202e`` wherever udv prints text for people.
Lint reports them as findings (UDV009, UDV010); documents get the data as it is.
"""

from __future__ import annotations

import re
from typing import Any

# C0 controls except tab and newline, DEL, C1 controls.
CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# Embeddings, overrides and isolates: what "Trojan Source" (CVE-2021-42574) uses.
BIDI = "\u202a-\u202e\u2066-\u2069"

_CONTROL_RE = re.compile(f"[{CONTROL}]")
_BIDI_RE = re.compile(f"[{BIDI}]")
_UNSAFE_RE = re.compile(f"[{CONTROL}{BIDI}]")
# What json.dumps(ensure_ascii=False) leaves raw: DEL, C1 controls, bidirectional controls.
_JSON_RAW_RE = re.compile(f"[\x7f-\x9f{BIDI}]")

_NAMES = {
    "\x1b": "ESC",
    "\x07": "BEL",
    "\x08": "tilbage-tegn",
    "\r": "vognretur",
    "\x00": "NUL",
    "\x7f": "DEL",
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
}


def escape_char(char: str) -> str:
    """``\\x1b`` for a control character, ``\\u202e`` for a wider one."""
    point = ord(char)
    return f"\\x{point:02x}" if point < 0x100 else f"\\u{point:04x}"


def describe_char(char: str) -> str:
    """``\\x1b (ESC)``: the escape and, when it has one, the character's short name."""
    name = _NAMES.get(char)
    return f"{escape_char(char)} ({name})" if name else escape_char(char)


def visible(text: str) -> str:
    """``text`` with every control character and bidirectional control made visible."""
    if not _UNSAFE_RE.search(text):
        return text
    return _UNSAFE_RE.sub(lambda m: escape_char(m.group(0)), text)


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def shown(text: str) -> str:
    """:func:`visible`, and a byte that was not UTF-8 (a file name's, kept by Python as a
    lone surrogate) as ``\\udcff``: text any terminal, file or document can take."""
    return visible(_SURROGATE_RE.sub(lambda m: escape_char(m.group(0)), text))


def file_name(text: str) -> str:
    """A file name from the data as :func:`shown` text on one line."""
    return one_line(shown(text))


def one_line(text: str) -> str:
    """:func:`visible`, with line breaks and tabs shown as ``\\n`` and ``\\t`` too."""
    return visible(text).replace("\n", "\\n").replace("\t", "\\t")


def find_control(text: str) -> str | None:
    """The first control character in ``text`` (tab and newline allowed), or None."""
    found = _CONTROL_RE.search(text)
    return found.group(0) if found else None


def find_bidi(text: str) -> str | None:
    """The first bidirectional embedding, override or isolate in ``text``, or None."""
    found = _BIDI_RE.search(text)
    return found.group(0) if found else None


def json_safe(text: str) -> str:
    """JSON text (from ``json.dumps``) with the controls it leaves raw written as ``\\u``
    escapes: the same JSON, safe on a terminal."""
    if not _JSON_RAW_RE.search(text):
        return text
    return _JSON_RAW_RE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def safe_output(text: str) -> str:
    """Report text (plain, Markdown or JSON from ``json.dumps``) made safe for a terminal:
    JSON stays valid JSON with the same values, other text shows the characters as escapes."""
    return visible(json_safe(text))


def console(**options: Any) -> Any:
    """A rich ``Console`` that makes control characters visible in everything it is given
    (strings, markup, table cells) before adding its own colours. Emoji codes are off: data
    is text, and ``:smile:`` in a title is shown as written."""
    from rich.console import Console

    options.setdefault("emoji", False)

    class _SafeConsole(Console):
        def render_str(self, text: str, **kwargs: Any) -> Any:
            return super().render_str(visible(text), **kwargs)

    return _SafeConsole(**options)
