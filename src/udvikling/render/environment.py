"""The Jinja environment for documents: sandboxed, strict, Danish filters, literal data.

Templates are looked up in ``<data repository>/templates/<name>`` first, then among the
templates shipped with udv (the top-level ``templates/`` folder of the project, installed as
the package ``udvikling._templates``). Data is never executed as a template: values are
inserted as text, escaped for Markdown by ``finalize`` (and for HTML by autoescape in the
HTML page template).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, FileSystemLoader, StrictUndefined, TemplateNotFound
from jinja2.sandbox import SandboxedEnvironment

from udvikling.danish import (
    SortKey,
    danish_sort_key,
    format_amount,
    format_date,
    format_number,
    format_percent,
    join_danish,
)
from udvikling.periods import Period, parse_period
from udvikling.render.markdown import Md, cell, escape, inline, paragraphs

TEMPLATE_FOLDER = "templates"
SHIPPED_PACKAGE = "udvikling._templates"


def shipped_dir() -> Path:
    """The folder of the templates shipped with udv (installed or in a source checkout).

    ``udvikling._templates`` is a package without ``__init__.py`` whose folder is the
    project's top-level ``templates/`` (see pyproject.toml); a plain source checkout
    that was never installed falls back to that folder directly.
    """
    try:
        spec = importlib.util.find_spec(SHIPPED_PACKAGE)
    except ImportError:  # pragma: no cover - broken install
        spec = None
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            path = Path(location)
            if (path / "notat.md.j2").is_file():
                return path
    return Path(__file__).resolve().parents[3] / TEMPLATE_FOLDER  # pragma: no cover


class ShippedLoader(BaseLoader):
    """Loads the templates shipped with udv."""

    def get_source(
        self, environment: Any, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        path = shipped_dir() / template
        if not path.is_file():
            raise TemplateNotFound(template)
        return path.read_text(encoding="utf-8"), str(path), lambda: True

    def list_templates(self) -> list[str]:
        return sorted(p.name for p in shipped_dir().iterdir() if p.is_file())


def find_template_file(root: Path | None, name: str) -> Path | None:
    """The file a template name resolves to: the data repository's, else udv's own."""
    if root is not None:
        own = root / TEMPLATE_FOLDER / name
        if own.is_file():
            return own
    shipped = shipped_dir() / name
    return shipped if shipped.is_file() else None


# -- filters -------------------------------------------------------------------------------


def _as_date(value: date | str) -> date:
    if isinstance(value, date):
        return value
    return parse_period(str(value)).start


def dato(value: date | str | None) -> Md:
    """``26. april 2023``."""
    if value is None:
        return Md("")
    return Md(format_date(_as_date(value)))


def periode(value: Period | str | None) -> Md:
    """``1. halvår 2023``; ``løbende`` passes through."""
    if value is None:
        return Md("")
    if isinstance(value, Period):
        return Md(value.danish())
    if str(value) == "løbende":
        return Md("løbende")
    return Md(parse_period(str(value)).danish())


def liste(values: Iterable[Any], conjunction: str = "og") -> Md:
    """``A, B og C``, each item escaped on one line."""
    return Md(join_danish((inline(v) for v in values), conjunction))


def beloeb(value: int | float | Decimal | str) -> Md:
    """``4,5 mio. kr.`` from an amount in kroner."""
    return Md(format_amount(Decimal(str(value))))


def tal(value: int | float | Decimal | str, decimals: int = 0) -> Md:
    """``1.234``, ``27,03``."""
    return Md(format_number(Decimal(str(value)), decimals))


def procent(share: float | Decimal, decimals: int = 1) -> Md:
    """``45,3 %`` from a share between 0 and 1."""
    return Md(format_percent(float(share), decimals))


def dansk_sortering(values: Iterable[Any], attribute: str | None = None) -> list[Any]:
    """Sort in Danish alphabetical order (æ, ø, å last), optionally by an attribute."""

    def key(item: Any) -> SortKey:
        value = item
        if attribute is not None:
            value = item[attribute] if isinstance(item, dict) else getattr(item, attribute)
        return danish_sort_key(str(value))

    return sorted(values, key=key)


def lille(value: str) -> str:
    """First letter in lower case (``Udviklingsproces på X`` mid-sentence)."""
    text = str(value)
    return text[:1].lower() + text[1:]


FILTERS: dict[str, Callable[..., Any]] = {
    "lille": lille,
    "dato": dato,
    "periode": periode,
    "liste": liste,
    "beloeb": beloeb,
    "tal": tal,
    "procent": procent,
    "dansk_sortering": dansk_sortering,
    "celle": cell,
    "tekst": escape,
    "afsnit": paragraphs,
}


def _finalize(value: Any) -> Any:
    return escape(value)


def make_environment(root: Path | None, *, html: bool = False) -> SandboxedEnvironment:
    """The environment for Markdown templates (``html=False``) or the HTML page template."""
    loaders: list[BaseLoader] = []
    if root is not None:
        loaders.append(FileSystemLoader(str(root / TEMPLATE_FOLDER)))
    loaders.append(ShippedLoader())
    env = SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=html,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=None if html else _finalize,
    )
    env.filters.update(FILTERS)
    return env
