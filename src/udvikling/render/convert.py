"""Markdown to Word and HTML through pandoc (the ``pypandoc-binary`` wheel brings it).

Markdown is the single source. Word gets its house style from ``reference.docx``; after
pandoc, the table header rows are shaded with the colour of the reference document's
``Table`` style (so the header stands out in every Word version and in LibreOffice) and the
``{organisation}`` placeholder in the page header is filled in. HTML is pandoc's fragment in
a standalone page (``page.html.j2``, autoescaped) with the stylesheet ``udv.css`` inline.
"""

from __future__ import annotations

import base64
import logging
import re
import tempfile
from pathlib import Path
from typing import Any

from udvikling.errors import EnvironmentProblem
from udvikling.render.environment import find_template_file, make_environment
from udvikling.render.reference import HEADER_FILL, HEADER_PLACEHOLDER, HEADER_TEXT

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
    markdown: str, root: Path | None, organisation: str, resources: dict[str, bytes]
) -> bytes:
    """The Word document for ``markdown`` in the house style of ``reference.docx``."""
    reference = find_template_file(root, REFERENCE)
    if reference is None:
        raise EnvironmentProblem(
            f"Skabelonen {REFERENCE} findes ikke.",
            "Byg den med 'python -m udvikling.render.reference templates/reference.docx'.",
        )
    with tempfile.TemporaryDirectory(prefix="udv-render-") as folder:
        work = Path(folder)
        for name, data in resources.items():
            (work / name).write_bytes(data)
        target = work / "out.docx"
        _pandoc(
            markdown,
            "docx",
            [f"--reference-doc={reference}", f"--resource-path={work}"],
            cwd=work,
            outputfile=target,
        )
        return finish_docx(target.read_bytes(), organisation, reference)


def _header_fill(reference: Path) -> tuple[str, str]:
    """The header row colours of the reference document's ``Table`` style."""
    import zipfile

    try:
        with zipfile.ZipFile(reference) as archive:
            styles = archive.read("word/styles.xml").decode("utf-8")
    except (OSError, KeyError, zipfile.BadZipFile):
        return HEADER_FILL, HEADER_TEXT
    match = re.search(r'w:styleId="Table".*?</w:style>', styles, re.S)
    if match is None:
        return HEADER_FILL, HEADER_TEXT
    block = match.group(0)
    first = re.search(r'w:type="firstRow".*?</w:tblStylePr>', block, re.S)
    if first is None:
        return HEADER_FILL, HEADER_TEXT
    fill = re.search(r'w:fill="([0-9A-Fa-f]{6})"', first.group(0))
    text = re.search(r'<w:color w:val="([0-9A-Fa-f]{6})"', first.group(0))
    return (fill.group(1) if fill else HEADER_FILL, text.group(1) if text else HEADER_TEXT)


def finish_docx(data: bytes, organisation: str, reference: Path) -> bytes:
    """Shade table header rows, fill in the page header; return the new document."""
    import io

    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fill, text_colour = _header_fill(reference)
    document = Document(io.BytesIO(data))
    for table in document.tables:
        if not table.rows:
            continue
        for row in table.rows:
            # A row is read as one: never split across a page break.
            row_pr = row._tr.get_or_add_trPr()
            if row_pr.find(qn("w:cantSplit")) is None:
                row_pr.insert(0, OxmlElement("w:cantSplit"))
        first = table.rows[0]
        tr_pr = first._tr.trPr
        if tr_pr is None or tr_pr.find(qn("w:tblHeader")) is None:
            continue
        for cell in first.cells:
            tc_pr = cell._tc.get_or_add_tcPr()
            for old in tc_pr.findall(qn("w:shd")):
                tc_pr.remove(old)
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:color"), "auto")
            shading.set(qn("w:fill"), fill)
            tc_pr.append(shading)
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.bold = True
                    from docx.shared import RGBColor

                    run.font.color.rgb = RGBColor.from_string(text_colour.upper())
    _svg_main_blip(document)
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.even_page_header):
            for paragraph in part.paragraphs:
                for run in paragraph.runs:
                    if HEADER_PLACEHOLDER in run.text:
                        run.text = run.text.replace(HEADER_PLACEHOLDER, organisation)
    document.core_properties.author = organisation
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


SVG_BLIP = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"


def _svg_main_blip(document: Any) -> None:
    """Point SVG pictures' main blip at the SVG itself.

    Without rsvg-convert pandoc writes an SVG picture with only the Office 2016 ``svgBlip``
    extension and an empty main blip, which LibreOffice shows as an empty box; naming the
    SVG part in the main blip too lets it (and Word) draw the picture.
    """
    from docx.oxml.ns import qn

    embed = qn("r:embed")
    for blip in document.element.body.iter(qn("a:blip")):
        if blip.get(embed):
            continue
        svg = next(blip.iter(SVG_BLIP), None)
        if svg is not None and svg.get(embed):
            blip.set(embed, svg.get(embed))


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
