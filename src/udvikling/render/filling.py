"""Fill a template, documents' and site pages' alike: one sandbox, one set of limits, one
way every failure becomes a Danish data error.

:func:`fill` renders one template in an environment made by
:func:`udvikling.render.environment.make_environment` (the sandbox with budgets) and turns
every way a template can fail (syntax, a refused file or name, a budget, recursion,
arithmetic, unknown names) into a :class:`~udvikling.errors.DataError` at the template's
line. :func:`fill_many` fills many templates (the site's pages) in forked children under
the time, memory and output limits of :func:`udvikling.render.limits.run_limited`, in
batches (one child per core at a time), with the templates compiled once beforehand.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from udvikling.errors import DataError
from udvikling.render import limits
from udvikling.render.limits import TemplateLimit, limit_error, run_limited_bytes
from udvikling.render.templatefiles import TemplateRefused

CHECK_HINT = "Kør 'udv render --check' for at se alle fejl i skabelonerne."
BATCH = 100  # site pages per child process, at least
# ... and at most; between the two, the pages are shared among CHILDREN children. A fork
# costs in proportion to the memory of this process, which grows with the plan: a fixed
# batch made the forks grow with the square of the plan (at 10,000 initiatives 130 forks,
# 7 s of 17 s filling the pages).
MAX_BATCH = 1000
CHILDREN = 8


def fill(
    env: SandboxedEnvironment, name: str, context: dict[str, Any], hint: str = CHECK_HINT
) -> str:
    """Render the template ``name``; every way a template can fail is a :class:`DataError`."""
    try:
        return env.get_template(name).render(context)
    except BaseException as exc:
        error = template_error(exc, name, hint)
        if error is None:
            raise
        raise error from None


def template_error(exc: BaseException, name: str, hint: str = CHECK_HINT) -> DataError | None:
    """The Danish data error for a template's failure ``exc``; None when it is not one."""
    if isinstance(exc, TemplateSyntaxError):
        return DataError(
            f"Skabelonen {exc.filename or name}, linje {exc.lineno}: "
            f"{jinja_message(exc.message or str(exc))}",
            hint,
        )
    if isinstance(exc, TemplateRefused):
        return DataError(
            f"Skabelonen kan ikke bruges: {exc.message}.",
            "Skabeloner hentes kun fra datamappens templates/ og udv's egne; "
            "kør 'udv render --check'.",
        )
    if isinstance(exc, TemplateLimit):
        return limit_error(exc.message)
    if isinstance(exc, RecursionError):
        return DataError(
            f"Skabelonen {name} inkluderer eller kalder sig selv uden ende.",
            "Fjern den ring af include/import/macro-kald, der kalder sig selv.",
        )
    if isinstance(exc, UndefinedError | SecurityError | TemplateError):
        return _filling_error(
            exc, name, "Kør 'udv render --check' for at finde ukendte variable og filtre."
        )
    if isinstance(exc, ArithmeticError | LookupError | TypeError | ValueError):
        return _filling_error(exc, name, "Ret udtrykket på linjen i skabelonen.")
    return None


def fill_many(
    env: SandboxedEnvironment,
    jobs: Sequence[tuple[str, dict[str, Any]]],
    hint: str = CHECK_HINT,
    *,
    seconds: float | None = None,
    names: Sequence[str] | None = None,
) -> list[str]:
    """The text of each ``(template name, context)`` in ``jobs``, filled under the limits.

    Each template is compiled here first (a syntax error stops before any page), with
    ``names`` (in that order; default: the templates of ``jobs``), and the templates they
    extend, import or include (:func:`compile_parts`); the pages are then
    filled in batches (:func:`batch_size`), each in its own limited child process, as many at
    a time as udv uses processes (:func:`udvikling.cores.jobs`).
    """
    pages = fill_pages(env, jobs, hint, seconds=seconds, names=names, encoding="surrogatepass")
    return [page.decode("utf-8", "surrogatepass") for page in pages]


def fill_pages(
    env: SandboxedEnvironment,
    jobs: Sequence[tuple[str, dict[str, Any]]],
    hint: str = CHECK_HINT,
    *,
    seconds: float | None = None,
    names: Sequence[str] | None = None,
    encoding: str = "strict",
) -> list[bytes]:
    """:func:`fill_many`'s pages as UTF-8 (``encoding``: the error handler, as for
    ``str.encode``), encoded in the children that fill them and passed back length-prefixed
    (:func:`pack_pages`): nothing is quoted, parsed or decoded in this process."""
    names = list(dict.fromkeys([*(names or ()), *(name for name, _ in jobs)]))
    for name in names:
        try:
            env.get_template(name)
        except BaseException as exc:
            error = template_error(exc, name, hint)
            if error is None:
                raise
            raise error from None
    compile_parts(env, names)
    from udvikling.cores import jobs as processes

    limit = limits.TIME_LIMIT if seconds is None else seconds

    def work(batch: Sequence[tuple[str, dict[str, Any]]]) -> Callable[[], bytes]:
        return lambda: pack_pages(
            [fill(env, n, c, hint).encode("utf-8", encoding) for n, c in batch]
        )

    size = batch_size(len(jobs))
    works = [work(jobs[start : start + size]) for start in range(0, len(jobs), size)]
    pages: list[bytes] = []
    for answer in run_limited_bytes(works, seconds=limit, at_once=processes()):
        pages.extend(unpack_pages(answer))
    return pages


def pack_pages(pages: Sequence[bytes]) -> bytes:
    """``pages`` as one blob: their lengths in bytes (ASCII digits, separated by spaces), a
    line break, then the pages one after another."""
    head = " ".join(str(len(page)) for page in pages).encode("ascii")
    return b"".join([head, b"\n", *pages])


def unpack_pages(blob: bytes) -> list[bytes]:
    """The pages of :func:`pack_pages`'s blob; ValueError when it is not one."""
    end = blob.index(b"\n")
    pages: list[bytes] = []
    start = end + 1
    for length in blob[:end].split():
        stop = start + int(length)
        if stop > len(blob):
            raise ValueError("a page is cut off")
        pages.append(blob[start:stop])
        start = stop
    if start != len(blob):
        raise ValueError("bytes after the last page")
    return pages


def batch_size(pages: int) -> int:
    """How many of ``pages`` one child fills: the pages shared among :data:`CHILDREN`,
    within :data:`BATCH` and :data:`MAX_BATCH`."""
    return min(MAX_BATCH, max(BATCH, -(-pages // CHILDREN)))


# A template named by a constant in extends, import, from or include.
_PART_RE = re.compile(r"\{%[-+]?\s*(?:extends|include|import|from)\s+(['\"])([^'\"]+)\1")


def compile_parts(env: SandboxedEnvironment, names: Sequence[str]) -> None:
    """Compile the templates that ``names`` extend, import or include, and theirs, so that
    the children that fill the pages find them compiled (a child's work is thrown away with
    it: each child compiled the site's base and parts again, a third of the pages' time).

    Only a cache is filled: a part that cannot be loaded or compiled is left for the child
    to fail on, as before, with the error of the page that uses it.
    """
    seen = set(names)
    todo = list(names)
    while todo:
        name = todo.pop()
        try:
            source = env.loader.get_source(env, name)[0] if env.loader else ""
        except Exception:  # the page that uses it reports it
            continue
        for _, part in _PART_RE.findall(source):
            if part in seen:
                continue
            seen.add(part)
            try:
                env.get_template(part)
            except Exception:  # the page that uses it reports it
                continue
            todo.append(part)


def _filling_error(exc: BaseException, name: str, hint: str) -> DataError:
    where = _template_line(exc)
    at = f", linje {where[1]}" if where else ""
    return DataError(
        f"Skabelonen {where[0] if where else name}{at} kunne ikke udfyldes: "
        f"{jinja_message(str(exc))}",
        hint,
    )


_JINJA_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"^'([^']+)' is undefined$", r"ukendt variabel '\1'"),
    (r"^'([^']+)' has no attribute '([^']+)'$", r"'\1' har ikke feltet '\2'"),
    (r"^No filter named '([^']+)'\.?$", r"ukendt filter '\1'"),
    (r"^No test named '([^']+)'\.?$", r"ukendt test '\1'"),
    (r"^Encountered unknown tag '([^']+)'.*$", r"ukendt mærke '\1'"),
    (r"^unexpected '([^']+)'$", r"uventet '\1'"),
    (r"^unexpected end of template.*$", "skabelonen slutter for tidligt (en blok er ikke lukket)"),
    (
        r"^access to attribute '([^']+)' of '([^']+)' object is unsafe\.?$",
        r"adgang til '\1' er ikke tilladt i skabeloner",
    ),
    (r"^(.*) is not safely callable$", r"\1 må ikke kaldes i skabeloner"),
)


def jinja_message(message: str) -> str:
    """Jinja's English error message in Danish where its form is known; else as it is."""
    for pattern, danish in _JINJA_MESSAGES:
        if re.match(pattern, message):
            return re.sub(pattern, danish, message)
    return message


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
