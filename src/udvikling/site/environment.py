"""The site's templates: the documents' sandboxed environment, autoescaped, with HTML filters.

The site's pages are ``templates/site/*.html.j2``, found in the data repository's
``templates/site/`` first and then among udv's own (like the documents' templates). The
environment is the documents' HTML one (sandboxed, ``StrictUndefined``, autoescape on), so
text from the data is always escaped; the filters that join or format text are replaced by
versions that escape for HTML rather than for Markdown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2.bccache import Bucket, BytecodeCache
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from udvikling import prose
from udvikling.danish import join_danish
from udvikling.render.environment import make_environment

if TYPE_CHECKING:
    from udvikling.sheets.twocores import Later

FOLDER = "site"


def _rows(rows: tuple[prose.Row, ...]) -> str:
    return "<br>".join(str(escape(line)) for line in prose.shown(rows))


def paragraphs(value: object) -> Markup:
    """Prose as HTML, laid out as its writer typed it (:mod:`udvikling.prose`, as in the
    documents): paragraphs, bullet and numbered lists, kept line breaks; all text escaped."""
    if value is None:
        return Markup("")
    out: list[str] = []
    for block in prose.blocks(str(value)):
        if isinstance(block, prose.Paragraph):
            out.append(f"<p>{_rows(block.rows)}</p>")
            continue
        tag = "ol" if block.numbered else "ul"
        out.append(f"<{tag}>" + "".join(f"<li>{_rows(i.rows)}</li>" for i in block.items))
        out[-1] += f"</{tag}>"
    return Markup("\n".join(out))


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


SITE_HINT = "Ret skabelonen i templates/site/ (eller slet den for at bruge udv's egen)."


class CompiledTemplates(BytecodeCache):
    """Jinja's templates compiled, kept in memory for this run only (never written
    anywhere): ``{key: Jinja's bytecode}``. Jinja uses a template's code only when the
    source it was compiled from is the same (its checksum) and the Python and Jinja are."""

    def __init__(self, store: dict[str, bytes]) -> None:
        self.store = store

    def load_bytecode(self, bucket: Bucket) -> None:
        found = self.store.get(bucket.key)
        if found is not None:
            bucket.bytecode_from_string(found)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


def compile_templates(root: Path | None) -> dict[str, bytes]:
    """Every site template of udv's names (the data repository's where it has its own) and
    the templates they extend, import or include, compiled: what :class:`CompiledTemplates`
    keeps. A template that cannot be compiled is left out, for the page that uses it to
    report as before."""
    from udvikling.render.filling import compile_parts
    from udvikling.render.templatefiles import shipped_dir

    env = site_environment(root)
    store: dict[str, bytes] = {}
    env.bytecode_cache = CompiledTemplates(store)
    names = [f"{FOLDER}/{p.name}" for p in sorted((shipped_dir() / FOLDER).glob("*.j2"))]
    for name in names:
        try:
            env.get_template(name)
        except Exception:  # the page that uses it reports it
            continue
    compile_parts(env, names)
    return store


def start_compiling(root: Path | None) -> Later[dict[str, bytes]] | None:
    """:func:`compile_templates` begun in a forked child while this process loads the plan
    (compiling the 16 templates was a tenth of the site's time, all on this process's
    path); None with one core, where the templates are compiled when first used."""
    from udvikling.sheets.twocores import Later, jobs

    if jobs() < 2:
        return None
    return Later.start(lambda: compile_templates(root), _pack, _unpack)


def _pack(store: dict[str, bytes]) -> Any:
    return store


def _unpack(value: Any) -> dict[str, bytes]:
    if not isinstance(value, dict):
        raise TypeError("not compiled templates")
    if not all(isinstance(k, str) and isinstance(v, bytes) for k, v in value.items()):
        raise TypeError("not compiled templates")
    return value


def render_pages(
    env: SandboxedEnvironment,
    jobs: list[tuple[str, dict[str, Any]]],
    names: Sequence[str] | None = None,
) -> list[bytes]:
    """Render the site templates ``jobs`` (``(name in templates/site/, context)``) under the
    documents' limits (:func:`udvikling.render.filling.fill_pages`): each page as UTF-8, a
    template error or a template over a limit stops with a Danish data error. ``names``:
    the templates to compile first, in order (default: those of ``jobs``)."""
    from udvikling.render.filling import fill_pages

    return fill_pages(
        env,
        [(f"{FOLDER}/{name}", context) for name, context in jobs],
        SITE_HINT,
        names=None if names is None else [f"{FOLDER}/{name}" for name in names],
    )


def read_asset(root: Path | None, name: str) -> bytes | None:
    """The bytes of the site's file ``name`` (``site.css``, ``site.js``): the data
    repository's own, else udv's; read as every template file is (no link out, no FIFO,
    at most 1 MB), a refusal a Danish data error."""
    from udvikling.render.filling import template_error
    from udvikling.render.templatefiles import (
        TemplateRefused,
        find_template_file,
        read_template_bytes,
    )

    try:
        found = find_template_file(root, f"{FOLDER}/{name}")
        if found is None:
            return None
        data = read_template_bytes(found, f"templates/{FOLDER}/{name}")
        if name.endswith(".css"):
            from udvikling.render.stylesheet import stylesheet_problem

            problem = stylesheet_problem(data.decode("utf-8", "replace"))
            if problem is not None:
                raise TemplateRefused(f"templates/{FOLDER}/{name}: {problem}")
        return data
    except TemplateRefused as exc:
        error = template_error(exc, name, SITE_HINT)
        assert error is not None
        raise error from None


def own_site_templates(root: Path | None) -> list[str]:
    """The files of the data repository's ``templates/site/`` that are not udv's own (new or
    changed): udv's checks of its own pages say nothing about them."""
    from udvikling.render.filling import template_error
    from udvikling.render.templatefiles import (
        TemplateRefused,
        data_folder,
        read_template_bytes,
        shipped_dir,
    )
    from udvikling.terminal import file_name

    try:
        folder = data_folder(root) if root is not None else None
    except TemplateRefused as exc:  # templates/ a link out of the plan: as every template
        error = template_error(exc, FOLDER, SITE_HINT)
        assert error is not None
        raise error from None
    if folder is None or not (folder / FOLDER).is_dir():
        return []
    own: list[str] = []
    for path in sorted((folder / FOLDER).iterdir()):
        shipped = shipped_dir() / FOLDER / path.name
        try:
            mine = read_template_bytes(path, path.name)
            same = shipped.is_file() and read_template_bytes(shipped, path.name) == mine
        except TemplateRefused:
            same = False
        if not same:
            own.append(file_name(path.name))  # a name from the data, shown on a page
    return own
