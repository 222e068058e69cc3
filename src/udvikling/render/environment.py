"""The Jinja environment for documents: sandboxed, strict, Danish filters, literal data.

Templates are looked up in ``<data repository>/templates/<name>`` first, then among the
templates shipped with udv (the top-level ``templates/`` folder of the project, installed as
the package ``udvikling._templates``). Data is never executed as a template: values are
inserted as text, escaped for Markdown by ``finalize`` (and for HTML by autoescape in the
HTML page template).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound

from udvikling.danish import (
    SortKey,
    danish_sort_key,
    format_amount,
    format_date,
    format_number,
    format_percent,
    join_danish,
)
from udvikling.fileio import resolve_path
from udvikling.periods import Period, parse_period
from udvikling.render.limits import DocumentSandbox
from udvikling.render.markdown import (
    Md,
    cell,
    cell_lines,
    escape,
    inline,
    list_item,
    paragraphs,
)
from udvikling.render.templatefiles import (
    TEMPLATE_FOLDER,
    find_template_file,
    read_template_text,
    shipped_dir,
)

__all__ = ["find_template_file", "make_environment", "shipped_dir"]


class PlanLoader(BaseLoader):
    """Templates from the data repository's ``templates/``, then udv's own; nothing else
    (see :mod:`udvikling.render.templatefiles`)."""

    def __init__(self, root: Path | None) -> None:
        self.root = root

    def get_source(
        self, environment: Any, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        path = find_template_file(self.root, template)
        if path is None:
            raise TemplateNotFound(template)
        shown = display_name(self.root, path)
        return read_template_text(path, shown), str(path), lambda: True

    def list_templates(self) -> list[str]:
        names = {p.name for p in shipped_dir().iterdir() if p.is_file()}
        if self.root is not None and (self.root / TEMPLATE_FOLDER).is_dir():
            names |= {p.name for p in (self.root / TEMPLATE_FOLDER).iterdir() if p.is_file()}
        return sorted(names)


def display_name(root: Path | None, path: Path) -> str:
    """``templates/notat.md.j2`` for a data repository's template, ``notat.md.j2`` for udv's."""
    for base in (root, shipped_dir().parent):
        if base is not None:
            try:
                return resolve_path(path).relative_to(resolve_path(base)).as_posix()
            except (ValueError, OSError):
                continue
    return path.name


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


def procent(share: float | Decimal | None, decimals: int = 1) -> Md:
    """``45,3 %`` from a share between 0 and 1; ``-`` when there is none (a total of 0)."""
    if share is None:
        return Md("-")
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
    "celle_linjer": cell_lines,
    "punkt": list_item,
    "tekst": escape,
    "afsnit": paragraphs,
}


def _finalize(value: Any) -> Any:
    return escape(value)


def make_environment(root: Path | None, *, html: bool = False) -> DocumentSandbox:
    """The environment for Markdown templates (``html=False``) or the HTML page template."""
    env = DocumentSandbox(
        loader=PlanLoader(root),
        undefined=StrictUndefined,
        autoescape=html,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=None if html else _finalize,
    )
    env.filters.update(FILTERS)
    return env
