"""``udv render --check``: find unknown variables and filters in the templates, by line.

A template is parsed (never rendered) and its syntax tree walked: every variable read must
be one the document provides, one the template sets itself (``set``, ``for``, macro
arguments) or a Jinja global; every filter and test must exist in the environment.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateSyntaxError, nodes

from udvikling.render import contexts
from udvikling.render.environment import find_template_file, make_environment, shipped_dir

DOCUMENTS: dict[str, frozenset[str]] = {
    "_blokke.md.j2": contexts.BLOCKS_KEYS,
    "notat.md.j2": contexts.NOTAT_KEYS,
    "procesplan.md.j2": contexts.PROCESPLAN_KEYS,
    "sagsfremstilling.md.j2": contexts.SAGSFREMSTILLING_KEYS,
    "page.html.j2": contexts.PAGE_KEYS,
}


@dataclass(frozen=True, slots=True)
class TemplateProblem:
    """A problem in a template file at a line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def _assigned(tree: nodes.Template) -> set[str]:
    names: set[str] = {"loop", "super", "varargs", "kwargs", "caller"}
    for node in tree.find_all(nodes.Name):
        if node.ctx in ("store", "param"):
            names.add(node.name)
    for imported in tree.find_all(nodes.Import):
        if isinstance(imported, nodes.Import):
            names.add(imported.target)
    for taken in tree.find_all(nodes.FromImport):
        if isinstance(taken, nodes.FromImport):
            names.update(n if isinstance(n, str) else n[1] for n in taken.names)
    for macro in tree.find_all((nodes.Macro, nodes.CallBlock)):
        if isinstance(macro, nodes.Macro | nodes.CallBlock):
            names.update(arg.name for arg in macro.args)
        if isinstance(macro, nodes.Macro):
            names.add(macro.name)
    return names


def _display(root: Path | None, path: Path) -> str:
    for base in (root, shipped_dir().parent):
        if base is not None:
            try:
                return str(path.resolve().relative_to(base.resolve()))
            except ValueError:
                continue
    return str(path)


def check_template(root: Path | None, name: str, known: frozenset[str]) -> list[TemplateProblem]:
    """The problems of one template (the data repository's own, else udv's)."""
    path = find_template_file(root, name)
    if path is None:
        return [TemplateProblem(name, 1, "skabelonen findes ikke")]
    shown = _display(root, path)
    env = make_environment(root, html=name.endswith(".html.j2"))
    source = path.read_text(encoding="utf-8")
    try:
        tree = env.parse(source, name, str(path))
    except TemplateSyntaxError as exc:
        return [TemplateProblem(shown, exc.lineno, f"syntaksfejl: {exc.message}")]
    problems: list[TemplateProblem] = []
    allowed = set(known) | _assigned(tree) | set(env.globals)
    for node in tree.find_all(nodes.Name):
        if node.ctx == "load" and node.name not in allowed:
            problems.append(TemplateProblem(shown, node.lineno, f"ukendt variabel '{node.name}'"))
    for found in tree.find_all(nodes.Filter):
        if found.name not in env.filters:
            problems.append(TemplateProblem(shown, found.lineno, f"ukendt filter '{found.name}'"))
    for test in tree.find_all(nodes.Test):
        if test.name not in env.tests:
            problems.append(TemplateProblem(shown, test.lineno, f"ukendt test '{test.name}'"))
    for include in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
        target = getattr(include, "template", None)
        if isinstance(target, nodes.Const) and find_template_file(root, str(target.value)) is None:
            problems.append(
                TemplateProblem(shown, include.lineno, f"skabelonen '{target.value}' findes ikke")
            )
    return sorted(problems, key=lambda p: (p.line, p.message))


def check_templates(root: Path | None) -> Iterator[TemplateProblem]:
    """The problems of every document template, in document order."""
    for name, known in DOCUMENTS.items():
        yield from check_template(root, name, known)
