"""``udv render --check``: find what ``udv render`` would refuse in the templates, by line.

A template is parsed (never rendered) and its syntax tree walked: every variable read must
be one the document provides, one the template sets itself (``set``, ``for``, macro
arguments) or a Jinja global; every filter and test must exist in the environment. Every
template it includes, imports or extends is checked too; its name must be fixed text that
udv may use (:mod:`udvikling.render.templatefiles`), and a picture written in it must be
one a document may show (:mod:`udvikling.render.pictures`). The data repository's own
``reference.docx`` and ``udv.css`` are checked as ``udv render`` checks them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment

from udvikling.render import contexts
from udvikling.render.convert import REFERENCE, STYLESHEET
from udvikling.render.environment import display_name, make_environment
from udvikling.render.pictures import picture_problem
from udvikling.render.reference_file import MAX_FILE_BYTES, reference_problem
from udvikling.render.templatefiles import (
    MAX_TEMPLATE_BYTES,
    TemplateRefused,
    find_template_file,
    read_template_bytes,
    read_template_text,
)

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


def check_template(
    root: Path | None,
    name: str,
    known: frozenset[str],
    seen: set[str] | None = None,
    env: SandboxedEnvironment | None = None,
) -> list[TemplateProblem]:
    """The problems of one template (the data repository's own, else udv's) and of the
    templates it includes, imports or extends: everything ``udv render`` would refuse
    before it reads data (a name or file udv will not use, syntax, unknown names, a
    picture no document may show). ``env``: the environment the template is filled in (the
    site's has its own filters); by default the documents'."""
    seen = set() if seen is None else seen
    if name in seen:
        return []
    seen.add(name)
    try:
        path = find_template_file(root, name)
        if path is None:
            return [TemplateProblem(name, 1, "skabelonen findes ikke")]
        shown = display_name(root, path)
        source = read_template_text(path, shown)
    except TemplateRefused as exc:
        return [TemplateProblem(name, 1, exc.message)]
    if env is None:
        env = make_environment(root, html=name.endswith(".html.j2"))
    try:
        tree = env.parse(source, name, str(path))
    except TemplateSyntaxError as exc:
        return [TemplateProblem(shown, exc.lineno, f"syntaksfejl: {exc.message}")]
    problems: list[TemplateProblem] = []
    assigned = _assigned(tree)
    allowed = set(known) | assigned | set(env.globals)
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
        if not isinstance(target, nodes.Const) or not isinstance(target.value, str):
            problems.append(
                TemplateProblem(
                    shown,
                    include.lineno,
                    'skabelonens navn skal stå som fast tekst, fx {% include "del.md.j2" %}',
                )
            )
            continue
        for problem in check_template(root, target.value, known | assigned, seen, env):
            if problem.path == target.value:  # refused or missing: say where it is named
                problem = TemplateProblem(
                    shown, include.lineno, f"{target.value}: {problem.message}"
                )
            problems.append(problem)
    problems.extend(_picture_problems(root, shown, source))
    return sorted(problems, key=lambda p: (p.path != shown, p.path, p.line, p.message))


# A Markdown picture whose address is written in the template (not inserted by {{ }}).
_PICTURE_RE = re.compile(r"!\[[^\]\n]*\]\(\s*<?([^)\s>{]+)>?[^)]*\)")


def _picture_problems(root: Path | None, shown: str, source: str) -> list[TemplateProblem]:
    problems = []
    for match in _PICTURE_RE.finditer(source):
        problem = picture_problem(match.group(1), root, {})
        if problem is not None:
            line = source.count("\n", 0, match.start()) + 1
            problems.append(TemplateProblem(shown, line, problem))
    return problems


def check_style_files(root: Path | None) -> list[TemplateProblem]:
    """Problems of the data repository's own reference.docx and udv.css."""
    if root is None:
        return []
    problems: list[TemplateProblem] = []
    for name, limit in ((REFERENCE, MAX_FILE_BYTES), (STYLESHEET, MAX_TEMPLATE_BYTES)):
        try:
            path = find_template_file(root, name)
            if path is None:
                continue
            shown = display_name(root, path)
            data = read_template_bytes(path, shown, limit)
        except TemplateRefused as exc:
            problems.append(TemplateProblem(name, 1, exc.message))
            continue
        problem = reference_problem(data) if name == REFERENCE else None
        if name == STYLESHEET:
            from udvikling.render.stylesheet import stylesheet_problem

            try:
                problem = stylesheet_problem(data.decode("utf-8"))
            except UnicodeDecodeError:
                problem = "filen er ikke gemt som UTF-8"
        if problem is not None:
            problems.append(TemplateProblem(shown, 1, problem))
    return problems


def check_templates(root: Path | None) -> Iterator[TemplateProblem]:
    """The problems of every document template, in document order, the mail template, then
    of the house style."""
    seen: set[str] = set()
    for name, known in DOCUMENTS.items():
        yield from check_template(root, name, known, seen)
    # The status round's mail: plain text, with its own filters (udv sheet export --mail).
    from udvikling.render.mailtext import MAIL_KEYS, MAIL_TEMPLATE, mail_environment

    yield from check_template(root, MAIL_TEMPLATE, MAIL_KEYS, seen, mail_environment(root))
    yield from check_style_files(root)
