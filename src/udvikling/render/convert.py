"""Markdown to Word and HTML through pandoc (the ``pypandoc-binary`` wheel brings it).

Markdown is the single source, read into pandoc's syntax tree, where every picture is checked
and put inside the tree (:mod:`udvikling.render.pictures`); pandoc then writes Word or HTML
in ``--sandbox`` mode, reading no local file but the checked reference document (see
:mod:`udvikling.render.reference_file`). Word gets its house style from ``reference.docx``
and is finished after pandoc by :mod:`udvikling.render.word` (language, properties, tables,
page breaks, pictures). HTML is pandoc's fragment in a standalone page (``page.html.j2``,
autoescaped) with the stylesheet ``udv.css`` inline.
"""

from __future__ import annotations

import json
import logging
import re
import tempfile
from pathlib import Path
from typing import Any

from udvikling.errors import DataError, EnvironmentProblem
from udvikling.render.environment import display_name
from udvikling.render.markdown import LINE_BREAK, MERGED_ABOVE
from udvikling.render.pictures import embed_pictures
from udvikling.render.reference_file import load_reference
from udvikling.render.templatefiles import TemplateRefused, find_template_file, read_template_text

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


# pandoc's heap, in bytes per byte of input, that it may use before its garbage collector
# works harder (GHC's ``+RTS -M``). Without a limit, GHC's copying collector lets the heap
# grow to several times what is live: 340 MB for the Word notat of a 10,000-initiative plan
# whose live data stays near 150 MB. Measured: that notat (3 MB of Markdown) fails below
# 45 bytes of heap per byte and takes 278 MB in all with 52; pandoc's JSON reader keeps
# about 17 bytes live per byte. A document that needs more is converted again unlimited.
_HEAP_PER_BYTE = {READER: 56, "json": 32}
_HEAP_MIN = 128 * 1024 * 1024


def _heap_limit(source: str, fmt: str) -> list[str]:
    """The RTS options that cap pandoc's heap for ``source`` (none for a format not
    measured)."""
    per_byte = _HEAP_PER_BYTE.get(fmt)
    if per_byte is None:
        return []
    limit = max(_HEAP_MIN, per_byte * len(source.encode("utf-8", "surrogatepass")))
    return ["+RTS", f"-M{limit // (1024 * 1024)}m", "-RTS"]


def _pandoc(
    source: str,
    to: str,
    extra: list[str],
    *,
    fmt: str = READER,
    cwd: Path | None = None,
    outputfile: Path | None = None,
) -> str:
    import pypandoc  # type: ignore[import-untyped]

    # pandoc warns on stderr (e.g. no PNG fallback for SVG without rsvg-convert); the
    # SVG is embedded all the same, so keep the user's terminal quiet.
    logging.getLogger("pypandoc").setLevel(logging.ERROR)
    limit = _heap_limit(source, fmt)
    while True:
        try:
            result: str = pypandoc.convert_text(
                source,
                to,
                format=fmt,
                extra_args=[*limit, "--sandbox", *extra],
                cworkdir=str(cwd) if cwd else None,
                outputfile=str(outputfile) if outputfile else None,
            )
        except (OSError, RuntimeError) as exc:
            if limit:
                # A document unlike those measured (or a pandoc that takes no RTS options,
                # "Heap exhausted" or not): let pandoc take what it needs.
                limit = []
                continue
            raise EnvironmentProblem(
                f"pandoc kunne ikke konvertere dokumentet: {exc}",
                "Installér udv igen (pip install udvikling), så pypandoc-binary medfølger.",
            ) from None
        return result


# pandoc's Markdown makes a picture only from ``![``: raw HTML is off and so are implicit
# figures. Markdown without it has no picture to check or embed.
_PICTURE = "!["


def _tree(
    markdown: str, root: Path | None, resources: dict[str, bytes], *, paragraphs: bool = False
) -> tuple[str, str]:
    """What pandoc converts for ``markdown``, and its format: pandoc's syntax tree (JSON)
    with the pictures checked and embedded, or, with no picture in it, the Markdown itself
    (the same document: reading pandoc's JSON takes pandoc three times the memory)."""
    marks = LINE_BREAK in markdown or MERGED_ABOVE in markdown
    if _PICTURE not in markdown and not marks:
        return markdown, READER
    tree = json.loads(_pandoc(markdown, "json", []))
    if marks:
        tree = _line_breaks(tree, paragraphs)
    if _PICTURE in markdown:
        tree = embed_pictures(tree, root, resources)
    return json.dumps(tree), "json"


_MERGED_CELL = [{"t": "Plain", "c": [{"t": "Str", "c": MERGED_ABOVE}]}]


def _merge_down(bodies: list[Any]) -> None:
    """In pandoc's table bodies (``[attr, row head columns, head rows, rows]``, a row
    ``[attr, cells]``, a cell ``[attr, alignment, rowspan, colspan, blocks]``): a cell that
    is only the mark leaves its row, and the cell above it spans one more row."""
    for body in bodies:
        above: dict[int, list[Any]] = {}
        for row in body[3]:
            kept = []
            for column, cell in enumerate(row[1]):
                if cell[4] == _MERGED_CELL and column in above:
                    above[column][2] += 1
                    continue
                above[column] = cell
                kept.append(cell)
            row[1] = kept


def _line_breaks(node: Any, paragraphs: bool = False) -> Any:
    """pandoc's tree with every :data:`LINE_BREAK` inside a word a line break (with
    ``paragraphs``: a new paragraph, as Word keeps a cell's lines), and every table cell
    marked :data:`MERGED_ABOVE` merged into the cell above it."""
    if isinstance(node, dict):
        if node.get("t") == "Table":
            _merge_down(node["c"][4])
        return {key: _line_breaks(value, paragraphs) for key, value in node.items()}
    if not isinstance(node, list):
        return node
    out: list[Any] = []
    for item in node:
        if paragraphs and isinstance(item, dict) and item.get("t") == "Plain":
            out.extend({"t": "Plain", "c": line} for line in _split_lines(item["c"]))
        elif isinstance(item, dict) and item.get("t") == "Str" and LINE_BREAK in item["c"]:
            for index, part in enumerate(item["c"].split(LINE_BREAK)):
                if index:
                    out.append({"t": "LineBreak"})
                if part:
                    out.append({"t": "Str", "c": part})
        else:
            out.append(_line_breaks(item, paragraphs))
    return out


def _split_lines(inlines: list[Any]) -> list[list[Any]]:
    """Inlines split into lines at every :data:`LINE_BREAK` (spaces at a line's ends
    dropped)."""
    lines: list[list[Any]] = [[]]
    for item in _line_breaks(inlines):
        if item.get("t") == "LineBreak":
            lines.append([])
        else:
            lines[-1].append(item)
    for line in lines:
        while line and line[0].get("t") == "Space":
            line.pop(0)
        while line and line[-1].get("t") == "Space":
            line.pop()
    return [line for line in lines if line] or [[]]


def _template_file(root: Path | None, name: str) -> Path | None:
    try:
        return find_template_file(root, name)
    except TemplateRefused as exc:
        raise DataError(
            f"Skabelonen kan ikke bruges: {exc.message}.", "Kør 'udv render --check'."
        ) from None


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` with the characters XML cannot hold shown as escapes (``\\x1b``); lint
    reports them (UDV009), but a document is still made."""
    from udvikling.terminal import escape_char

    return _NOT_XML.sub(lambda m: escape_char(m.group(0)), text)


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

    reference = _template_file(root, REFERENCE)
    if reference is None:
        raise EnvironmentProblem(
            f"Skabelonen {REFERENCE} findes ikke.",
            "Byg den med 'python -m udvikling.render.reference templates/reference.docx'.",
        )
    style = load_reference(reference, display_name(root, reference))
    pictures = {
        resources[name]: png for name, png in (fallbacks or {}).items() if name in resources
    }
    tree, fmt = _tree(markdown, root, resources, paragraphs=True)
    with tempfile.TemporaryDirectory(prefix="udv-render-") as folder:
        work = Path(folder)
        checked = work / REFERENCE
        checked.write_bytes(style)
        target = work / "out.docx"
        _pandoc(tree, "docx", [f"--reference-doc={checked}"], fmt=fmt, cwd=work, outputfile=target)
        return finish_docx(
            target.read_bytes(),
            checked,
            organisation=xml_text(organisation),
            title=xml_text(title),
            subject=xml_text(subject),
            pictures=pictures,
        )


def to_html(
    markdown: str, root: Path | None, title: str, organisation: str, resources: dict[str, bytes]
) -> str:
    """A standalone HTML page for ``markdown`` with the stylesheet inline."""
    tree, fmt = _tree(markdown, root, resources)
    body = _pandoc(tree, "html5", ["--wrap=none"], fmt=fmt)
    stylesheet = _template_file(root, STYLESHEET)
    css = ""
    if stylesheet is not None:
        shown = display_name(root, stylesheet)
        try:
            css = read_template_text(stylesheet, shown)
        except TemplateRefused as exc:
            raise DataError(f"Stilarket kan ikke bruges: {exc.message}.", None) from None
        from udvikling.render.stylesheet import stylesheet_problem

        problem = stylesheet_problem(css)
        if problem is not None:
            raise DataError(
                f"Stilarket {shown} kan ikke bruges: {problem}.",
                "Læg billeder og skrifter ind som data:-adresser, eller slet @import og url().",
            )
    from markupsafe import Markup

    context: dict[str, Any] = {
        "titel": title,
        "organisation": organisation,
        "stylesheet": Markup(css),
        "body": Markup(body),
        "sprog": "da",
    }
    from udvikling.render.documents import render_template
    from udvikling.render.limits import run_limited

    return run_limited(lambda: render_template(root, PAGE, context, html=True))
