"""``udv render --check`` for the site: its page templates and files, as ``udv site`` uses them.

Every page template (udv's own and the data repository's ``templates/site/*.html.j2``) is
checked in the site's environment (its filters) against what a page may read
(:data:`udvikling.site.build.PAGE_KEYS`), with the templates it includes, imports or
extends; ``site.css`` and ``site.js`` are read as ``udv site`` reads them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from udvikling.errors import DataError
from udvikling.render.check import TemplateProblem, check_template
from udvikling.render.templatefiles import TEMPLATE_FOLDER, shipped_dir
from udvikling.site.build import ASSETS, PAGE_KEYS
from udvikling.site.environment import FOLDER, read_asset, site_environment

_SUFFIX = ".html.j2"


def _names(root: Path | None) -> list[str]:
    """The page templates' names: udv's own and the data repository's."""
    names = {p.name for p in (shipped_dir() / FOLDER).iterdir() if p.name.endswith(_SUFFIX)}
    if root is not None:
        own = root / TEMPLATE_FOLDER / FOLDER
        # No such folder, or not one: nothing of the repository's own to check.
        with contextlib.suppress(OSError):
            names |= {p.name for p in own.iterdir() if p.name.endswith(_SUFFIX)}
    return sorted(names)


def check_site_templates(root: Path | None) -> Iterator[TemplateProblem]:
    """The problems ``udv site`` would stop at in the site's templates and files."""
    env = site_environment(root)
    seen: set[str] = set()
    for name in _names(root):
        yield from check_template(root, f"{FOLDER}/{name}", PAGE_KEYS, seen, env)
    for asset in ASSETS:
        try:
            read_asset(root, asset)
        except DataError as exc:
            yield TemplateProblem(f"{TEMPLATE_FOLDER}/{FOLDER}/{asset}", 1, exc.message)
