"""The site's templates: the documents' sandboxed environment, autoescaped, with HTML filters.

The site's pages are ``templates/site/*.html.j2``, found in the data repository's
``templates/site/`` first and then among udv's own (like the documents' templates). The
environment is the documents' HTML one (sandboxed, ``StrictUndefined``, autoescape on), so
text from the data is always escaped; the filters that join or format text are replaced by
versions that escape for HTML rather than for Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jinja2 import TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from udvikling.danish import join_danish
from udvikling.errors import DataError
from udvikling.render.environment import make_environment

FOLDER = "site"
_BULLET = re.compile(r"^\s*[-•]\s+")


def paragraphs(value: object) -> Markup:
    """Prose as HTML: blank lines part paragraphs, lines starting ``- `` are a bullet list.

    Everything else is text, escaped; a line indented under a bullet continues it.
    """
    if value is None:
        return Markup("")
    blocks: list[str] = []
    words: list[str] = []
    items: list[str] = []

    def close_paragraph() -> None:
        if words:
            blocks.append(f"<p>{escape(' '.join(words))}</p>")
            words.clear()

    def close_list() -> None:
        if items:
            blocks.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")
            items.clear()

    for raw in str(value).replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            close_paragraph()
            close_list()
        elif _BULLET.match(raw):
            close_paragraph()
            items.append(_BULLET.sub("", raw).strip())
        elif items and raw[:1] in (" ", "\t"):
            items[-1] = f"{items[-1]} {line}"
        else:
            close_list()
            words.append(line)
    close_paragraph()
    close_list()
    return Markup("\n".join(blocks))


def html_list(values: Iterable[Any], conjunction: str = "og") -> Markup:
    """``A, B og C``, each item escaped (Markup items are kept as they are)."""
    return Markup(join_danish((str(escape(v)) for v in values), conjunction))


def words(text: object, limit: int = 40) -> str:
    """The first ``limit`` words of ``text`` on one line, with ``…`` when cut."""
    found = str(text or "").split()
    if len(found) <= limit:
        return " ".join(found)
    return " ".join(found[:limit]) + " …"


SITE_FILTERS = {
    "afsnit": paragraphs,
    "liste": html_list,
    "tekst": escape,
    "celle": escape,
    "ord": words,
}


def site_environment(root: Path | None) -> SandboxedEnvironment:
    """The environment for the site's pages (data repository's templates first)."""
    env = make_environment(root, html=True)
    env.filters.update(SITE_FILTERS)
    return env


def render_page(env: SandboxedEnvironment, name: str, context: dict[str, Any]) -> str:
    """Render the site template ``name``; a template error stops with a Danish message."""
    from udvikling.render.documents import jinja_message

    path = f"{FOLDER}/{name}"
    try:
        return env.get_template(path).render(context)
    except TemplateSyntaxError as exc:
        raise DataError(
            f"Skabelonen {exc.filename or path}, linje {exc.lineno}: "
            f"{jinja_message(exc.message or str(exc))}",
            "Ret skabelonen i templates/site/ (eller slet den for at bruge udv's egen).",
        ) from None
    except TemplateError as exc:
        where = _template_line(exc)
        at = f" ({where[0]}, linje {where[1]})" if where else ""
        raise DataError(
            f"Skabelonen {path}{at} kunne ikke udfyldes: {jinja_message(str(exc))}",
            "Ret skabelonen i templates/site/ (eller slet den for at bruge udv's egen).",
        ) from None


def _template_line(exc: BaseException) -> tuple[str, int] | None:
    """The template file and line a render error happened at (Jinja maps its frames)."""
    tb = exc.__traceback__
    found: tuple[str, int] | None = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (Path(filename).name, tb.tb_lineno)
        tb = tb.tb_next
    return found
