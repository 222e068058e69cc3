"""Markdown to Word and HTML through pandoc (the ``pypandoc-binary`` wheel brings it).

Markdown is the single source. Word gets its house style from ``reference.docx`` and is
finished after pandoc by :mod:`udvikling.render.word` (language, properties, tables, page
breaks, pictures). HTML is pandoc's fragment in a standalone page (``page.html.j2``,
autoescaped) with the stylesheet ``udv.css`` inline.
"""

from __future__ import annotations

import base64
import logging
import tempfile
from pathlib import Path
from typing import Any

from udvikling.errors import EnvironmentProblem
from udvikling.render.environment import find_template_file, make_environment

# Pandoc's Markdown without the extensions that would give data text a meaning it was
# not typed with (TeX math, sub/superscript, attributes, raw HTML/TeX, citations), nor the
# block syntaxes the escaper does not guard: lists numbered ``a)``, ``(1)`` or ``i.``
# (fancy_lists), ``(@)`` (example_lists), a line starting ``:`` under a term
# (definition_lists), ``%`` title lines, ``Table:`` captions, ``- [ ]`` task lists.
READER = (
    "markdown-tex_math_dollars-subscript-superscript-header_attributes-link_attributes"
    "-bracketed_spans-native_spans-native_divs-raw_html-raw_tex-raw_attribute-citations"
    "-implicit_figures-fenced_divs-yaml_metadata_block-smart"
    "-fancy_lists-example_lists-definition_lists-pandoc_title_block-table_captions"
    "-task_lists-line_blocks-latex_macros"
)
STYLESHEET = "udv.css"
PAGE = "page.html.j2"
REFERENCE = "reference.docx"


def _pandoc(
    source: str, to: str, extra: list[str], cwd: Path | None = None, outputfile: Path | None = None
) -> str:
    import pypandoc  # type: ignore[import-untyped]

    # pandoc warns on stderr (e.g. no PNG fallback for SVG without rsvg-convert); the
    # SVG is embedded all the same, so keep the user's terminal quiet.
    logging.getLogger("pypandoc").setLevel(logging.ERROR)
    try:
        result: str = pypandoc.convert_text(
            source,
            to,
            format=READER,
            extra_args=extra,
            cworkdir=str(cwd) if cwd else None,
            outputfile=str(outputfile) if outputfile else None,
        )
    except (OSError, RuntimeError) as exc:
        raise EnvironmentProblem(
            f"pandoc kunne ikke konvertere dokumentet: {exc}",
            "Installér udv igen (pip install udvikling), så pypandoc-binary medfølger.",
        ) from None
    return result


def to_docx(
    markdown: str,
    root: Path | None,
    organisation: str,
    resources: dict[str, bytes],
    *,
    title: str = "",
    subject: str = "",
    fallbacks: dict[str, bytes] | None = None,
) -> bytes:
    """The Word document for ``markdown`` in the house style of ``reference.docx``.

    ``fallbacks`` maps the name of an SVG resource to a PNG of it, for programs without SVG.
    """
    from udvikling.render.word import finish_docx

    reference = find_template_file(root, REFERENCE)
    if reference is None:
        raise EnvironmentProblem(
            f"Skabelonen {REFERENCE} findes ikke.",
            "Byg den med 'python -m udvikling.render.reference templates/reference.docx'.",
        )
    pictures = {
        resources[name]: png for name, png in (fallbacks or {}).items() if name in resources
    }
    with tempfile.TemporaryDirectory(prefix="udv-render-") as folder:
        work = Path(folder)
        for name, data in resources.items():
            (work / name).write_bytes(data)
        target = work / "out.docx"
        _pandoc(
            markdown,
            "docx",
            [f"--reference-doc={reference.resolve()}", f"--resource-path={work}"],
            cwd=work,
            outputfile=target,
        )
        return finish_docx(
            target.read_bytes(),
            reference,
            organisation=organisation,
            title=title,
            subject=subject,
            pictures=pictures,
        )


def _inline_resources(html: str, resources: dict[str, bytes]) -> str:
    for name, data in resources.items():
        kind = "image/svg+xml" if name.endswith(".svg") else "application/octet-stream"
        uri = f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
        html = html.replace(f'src="{name}"', f'src="{uri}"')
    return html


def to_html(
    markdown: str, root: Path | None, title: str, organisation: str, resources: dict[str, bytes]
) -> str:
    """A standalone HTML page for ``markdown`` with the stylesheet inline."""
    body = _inline_resources(_pandoc(markdown, "html5", ["--wrap=none"]), resources)
    stylesheet = find_template_file(root, STYLESHEET)
    css = stylesheet.read_text(encoding="utf-8") if stylesheet else ""
    from markupsafe import Markup

    context: dict[str, Any] = {
        "titel": title,
        "organisation": organisation,
        "stylesheet": Markup(css),
        "body": Markup(body),
        "sprog": "da",
    }
    return make_environment(root, html=True).get_template(PAGE).render(context)
