"""Build ``templates/reference.docx``, the Word house style pandoc copies its styles from.

Run once (and again after changing this file)::

    python -m udvikling.render.reference templates/reference.docx

Users restyle the result in Word without touching code: heading styles, the ``Table`` style
(pandoc gives every table that style; its first-row shading is the header colour), the
``Table Text`` paragraph style of the text in table cells, ``{organisation}`` in the page
header (replaced by the data's organisation when rendering) and "Side X af Y" in the footer.

One font family throughout: every style names Arial itself (Word's theme fonts, which
would win over it, are taken out and the theme's own fonts set to Arial too), and Danish
is the language of the style defaults, so Word spell-checks in Danish.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HEADER_PLACEHOLDER = "{organisation}"
HEADER_FILL = "1F4E79"
HEADER_TEXT = "FFFFFF"
ACCENT = "1F4E79"
FONT = "Arial"
LANGUAGE = "da-DK"
TABLE_TEXT = "Table Text"
TABLE_SIZE = 9.5
CELL_MARGIN = 80  # left and right padding in table cells, in twentieths of a point


def build_reference(target: Path) -> None:
    """Write the reference document to ``target`` (atomically)."""
    import io

    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    from udvikling.fileio import write_atomic
    from udvikling.render.word import set_language

    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)

    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    sizes = {1: 18, 2: 14, 3: 12, 4: 11}
    for level, size in sizes.items():
        style = styles[f"Heading {level}"]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor.from_string(ACCENT)
        style.paragraph_format.space_before = Pt(14 if level <= 2 else 10)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    for name in ("Title", "Body Text", "First Paragraph", "Compact", TABLE_TEXT):
        if name not in [s.name for s in styles]:
            created = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            created.base_style = normal
    # Pandoc sets tight lists in "Compact"; table cells get "Table Text" after pandoc.
    compact = styles["Compact"]
    compact.paragraph_format.space_after = Pt(2)
    cell_text = styles[TABLE_TEXT]
    cell_text.paragraph_format.space_before = Pt(1)
    cell_text.paragraph_format.space_after = Pt(1)
    cell_text.paragraph_format.line_spacing = 1.1
    cell_text.font.size = Pt(TABLE_SIZE)

    # The table style pandoc assigns to every table: thin borders, coloured header row.
    table = styles.add_style("Table", WD_STYLE_TYPE.TABLE)
    table.font.name = FONT
    table.font.size = Pt(TABLE_SIZE)
    style_pr = table.element.get_or_add_pPr()  # paragraph spacing inside cells
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:before"), "20")
    spacing.set(qn("w:after"), "20")
    style_pr.append(spacing)
    tbl_pr = table.element.find(qn("w:tblPr"))
    if tbl_pr is None:
        tbl_pr = OxmlElement("w:tblPr")
        table.element.append(tbl_pr)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "A6A6A6")
        borders.append(element)
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (("left", str(CELL_MARGIN)), ("right", str(CELL_MARGIN))):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), width)
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.append(margins)
    first_row = OxmlElement("w:tblStylePr")
    first_row.set(qn("w:type"), "firstRow")
    run_pr = OxmlElement("w:rPr")
    bold = OxmlElement("w:b")
    run_pr.append(bold)
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), HEADER_TEXT)
    run_pr.append(colour)
    first_row.append(run_pr)
    cell_pr = OxmlElement("w:tcPr")
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), HEADER_FILL)
    cell_pr.append(shading)
    first_row.append(cell_pr)
    table.element.append(first_row)

    header = section.header.paragraphs[0]
    header.text = HEADER_PLACEHOLDER
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in header.runs:
        run.font.name = FONT
        run.font.size = Pt(9)
        run.font.color.rgb = RGBColor.from_string("595959")

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Side ")
    _field(footer, "PAGE", "1")
    footer.add_run(" af ")
    _field(footer, "NUMPAGES", "1")
    for run in footer.runs:
        run.font.name = FONT
        run.font.size = Pt(9)

    _one_font(document.styles.element)
    set_language(document.styles.element)
    buffer = io.BytesIO()
    document.save(buffer)
    write_atomic(target, _theme_and_settings(buffer.getvalue()))


def _one_font(styles: Any) -> None:
    """Arial in the defaults and every style; no theme font to override it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run_pr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    if run_pr.find(qn("w:rFonts")) is None:
        run_pr.insert(0, OxmlElement("w:rFonts"))
    for fonts in styles.iter(qn("w:rFonts")):
        for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{theme}"), None)
        for script in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(qn(f"w:{script}"), FONT)


def _theme_and_settings(data: bytes) -> bytes:
    """The theme's fonts set to Arial; Danish for theme fonts; no "already spell-checked"."""
    import io
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("word/theme/"):
                text = content.decode("utf-8")
                text = re.sub(r'(<a:latin typeface=")[^"]*(")', rf"\g<1>{FONT}\g<2>", text)
                content = text.encode("utf-8")
            elif item.filename == "word/settings.xml":
                text = content.decode("utf-8")
                text = re.sub(r"<w:proofState[^>]*/>", "", text)
                language = rf"\g<1>{LANGUAGE}\g<2>"
                text = re.sub(r'(<w:themeFontLang[^>]*w:val=")[^"]*(")', language, text)
                content = text.encode("utf-8")
            target.writestr(item, content)
    return buffer.getvalue()


def _field(paragraph: object, instruction: str, placeholder: str) -> None:
    """Append a complex field (``PAGE``, ``NUMPAGES``) to a python-docx paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = paragraph._p  # type: ignore[attr-defined]

    def run_with(child: object) -> None:
        run = OxmlElement("w:r")
        run.append(child)
        element.append(run)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run_with(text)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    shown = OxmlElement("w:t")
    shown.text = placeholder
    run_with(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


if __name__ == "__main__":  # pragma: no cover - a maintenance script
    build_reference(Path(sys.argv[1] if len(sys.argv) > 1 else "templates/reference.docx"))
