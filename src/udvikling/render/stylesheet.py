"""A stylesheet from a data repository (``udv.css``, the site's ``site.css``) may style the
page, not fetch anything: an ``@import``, a ``url(...)`` that is not a ``data:`` address,
``image-set()`` or ``src()`` would make every reader's browser call a stranger's server
(and tell it who read which note). CSS escapes are undone and comments dropped first, as
a browser reads them, so ``@\\69mport`` or ``u\\72l(`` do not slip through.
"""

from __future__ import annotations

import re

_COMMENT_RE = re.compile(r"/\*.*?(\*/|$)", re.DOTALL)
_ESCAPE_RE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\r\n\f]?|\\(.)", re.DOTALL)
_IMPORT_RE = re.compile(r"@import\b", re.IGNORECASE)
_FETCH_RE = re.compile(r"\b(url|image-set|image|src|cross-fade|element)\s*\(\s*", re.IGNORECASE)


def _unescaped(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            point = int(match.group(1), 16)
            return chr(point) if 0 < point <= 0x10FFFF else "\ufffd"
        return match.group(2)

    return _ESCAPE_RE.sub(one, _COMMENT_RE.sub(" ", text))


def stylesheet_problem(text: str) -> str | None:
    """Why the stylesheet ``text`` would make a browser fetch something, or None."""
    plain = _unescaped(text)
    if _IMPORT_RE.search(plain):
        return "stilarket henter et andet stilark (@import)"
    for found in _FETCH_RE.finditer(plain):
        rest = plain[found.end() : found.end() + 8].lstrip("'\" ").lower()
        if found.group(1).lower() == "url" and rest.startswith("data:"):
            continue
        if found.group(1).lower() == "url" and rest.startswith("#"):
            continue
        return f"stilarket henter noget uden for dokumentet ({found.group(1).lower()}(…))"
    return None
