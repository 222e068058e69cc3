"""Finish the Word document pandoc wrote: what pandoc's docx writer cannot be told.

- Danish as the document language (Word spell-checks in Danish) and the title, subject and
  author in the document properties;
- tables: see :mod:`udvikling.render.word_tables`;
- a thematic break (``---`` in a template) becomes a page break;
- a list is set apart from the paragraph after it, stays with the paragraph that leads
  into it (one ending with ``:``), and a short list is not split across pages;
- a picture drawn as SVG gets a PNG beside it for programs that cannot show SVG, and a
  picture taller than the page is scaled down to fit it;
- ``{organisation}`` in the page header is filled in.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from udvikling.render.reference import HEADER_PLACEHOLDER, LANGUAGE
from udvikling.render.word_tables import finish_tables

SVG_BLIP = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"
SHORT_LIST = 8  # a list of up to this many items is kept on one page


def finish_docx(
    data: bytes,
    reference: Path,
    *,
    organisation: str,
    title: str = "",
    subject: str = "",
    pictures: dict[bytes, bytes] | None = None,
) -> bytes:
    """The finished document; ``pictures`` maps an SVG's bytes to its PNG rendering."""
    from docx import Document

    document = Document(io.BytesIO(data))
    set_language(document.styles.element)
    _spell_check(document)
    width, height = _text_area(document)
    finish_tables(document, reference, width, height)
    _page_breaks(document)
    _lists(document)
    _pictures(document, pictures or {})
    _fit_pictures(document, width, height)
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.even_page_header):
            for paragraph in part.paragraphs:
                for run in paragraph.runs:
                    if HEADER_PLACEHOLDER in run.text:
                        run.text = run.text.replace(HEADER_PLACEHOLDER, organisation)
    properties = document.core_properties
    properties.author = organisation
    properties.last_modified_by = organisation
    properties.title = title
    properties.subject = subject
    properties.language = LANGUAGE
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def set_language(styles: Any) -> None:
    """Danish for the whole document: the language of the style defaults."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_default = defaults.find(qn("w:rPrDefault"))
    if run_default is None:
        run_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_default)
    run_pr = run_default.find(qn("w:rPr"))
    if run_pr is None:
        run_pr = OxmlElement("w:rPr")
        run_default.append(run_pr)
    lang = run_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_pr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)


def _spell_check(document: Any) -> None:
    """Drop pandoc's "spelling and grammar already checked", so Word checks the Danish."""
    from docx.oxml.ns import qn

    settings = document.settings.element
    for state in settings.findall(qn("w:proofState")):
        settings.remove(state)


def _text_area(document: Any) -> tuple[int, int]:
    """Width and height of the text area of the first section, in twentieths of a point."""
    section = document.sections[0]
    emu_per_twip = 635
    try:
        width = section.page_width - section.left_margin - section.right_margin
        height = section.page_height - section.top_margin - section.bottom_margin
        return int(width / emu_per_twip), int(height / emu_per_twip)
    except TypeError:  # a reference document without page size: A4 with 2,2 cm margins
        return 9410, 14000


def _page_breaks(document: Any) -> None:
    """A horizontal rule from ``---`` in a template becomes a page break."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    body = document.element.body
    rules = [
        p
        for p in body.findall(qn("w:p"))
        if any(el.get("{urn:schemas-microsoft-com:office:office}hr") == "t" for el in p.iter())
    ]
    for rule in rules:
        following = rule.getnext()
        while following is not None and following.tag not in (qn("w:p"), qn("w:tbl")):
            following = following.getnext()
        if following is not None and following.tag == qn("w:p"):
            p_pr = following.get_or_add_pPr()
            p_pr.insert(0, OxmlElement("w:pageBreakBefore"))
            body.remove(rule)
            continue
        for run in rule.findall(qn("w:r")):
            rule.remove(run)
        run = OxmlElement("w:r")
        brk = OxmlElement("w:br")
        brk.set(qn("w:type"), "page")
        run.append(brk)
        rule.append(run)


def _pictures(document: Any, pictures: dict[bytes, bytes]) -> None:
    """Give each SVG picture its PNG as the main picture (the SVG stays, for Word 2016+).

    Without a PNG, the main picture names the SVG itself: pandoc leaves it empty when it
    has no rsvg-convert, which LibreOffice shows as an empty box.
    """
    from docx.oxml.ns import qn

    embed = qn("r:embed")
    part = document.part
    for blip in document.element.body.iter(qn("a:blip")):
        if blip.get(embed):
            continue
        svg = next(blip.iter(SVG_BLIP), None)
        if svg is None or not svg.get(embed):
            continue
        png = pictures.get(part.related_parts[svg.get(embed)].blob)
        if png is None:
            blip.set(embed, svg.get(embed))
            continue
        rid, _ = part.get_or_add_image(io.BytesIO(png))
        blip.set(embed, rid)


def _fit_pictures(document: Any, width: int, height: int) -> None:
    """Scale a picture down to the text area (pandoc fits only the width), less a heading."""
    from docx.oxml.ns import qn

    emu_per_twip = 635
    room_x, room_y = width * emu_per_twip, int(height * 0.92) * emu_per_twip
    namespace = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    for inline in document.element.body.iter(f"{namespace}inline"):
        extent = inline.find(f"{namespace}extent")
        if extent is None:
            continue
        cx, cy = int(extent.get("cx")), int(extent.get("cy"))
        factor = min(1.0, room_x / cx if cx else 1.0, room_y / cy if cy else 1.0)
        if factor >= 1.0:
            continue
        extent.set("cx", str(int(cx * factor)))
        extent.set("cy", str(int(cy * factor)))
        for ext in inline.iter(qn("a:ext")):
            if ext.get("cx") is not None:
                ext.set("cx", str(int(cx * factor)))
                ext.set("cy", str(int(cy * factor)))


def _lists(document: Any) -> None:
    """Space after the last item; the lead-in kept with the list; short lists kept whole."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    body = document.element.body
    runs: list[list[Any]] = []
    previous: Any = None
    for element in body:
        listed = (
            element.tag == qn("w:p") and element.pPr is not None and element.pPr.numPr is not None
        )
        if listed:
            if runs and runs[-1] and runs[-1][-1] is previous:
                runs[-1].append(element)
            else:
                runs.append([element])
        previous = element
    space = document.styles["Normal"].paragraph_format.space_after
    for items in runs:
        paragraphs = [Paragraph(item, document._body) for item in items]
        lead = items[0].getprevious()
        while (
            lead is not None
            and lead.tag != qn("w:p")
            and lead.tag.endswith(("bookmarkStart", "bookmarkEnd"))
        ):
            lead = lead.getprevious()
        if lead is not None and lead.tag == qn("w:p"):
            before = Paragraph(lead, document._body)
            if before.text.rstrip().endswith(":"):
                before.paragraph_format.keep_with_next = True
        if len(paragraphs) <= SHORT_LIST:
            for paragraph in paragraphs[:-1]:
                paragraph.paragraph_format.keep_with_next = True
        if space is not None:
            paragraphs[-1].paragraph_format.space_after = space
