"""Print polish, read back from the files: what a reader of the Word and HTML documents gets.

Word (python-docx and the raw parts): Danish as the language and no "already spell-checked"
mark, title/subject/author in the properties, one font family, table columns wide enough for
their longest word, Bilag 2 kept on one page with its notes, the process plan's tables
lined up, a page break from ``---`` in a template, the timeline as PNG beside the SVG.
Timeline: labels at print size, never cut, years at 1 January, the cut-off date's label
inside the picture. HTML: ``lang="da"`` and a title.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from conftest import MINIMAL_CONFIG, MINIMAL_INITIATIVE, BuildTree
from udvikling.cli import run
from udvikling.load import Dataset, load
from udvikling.render import drawing as drawing_module
from udvikling.render.drawing import Line, Text, to_png, to_svg
from udvikling.render.metrics import longest_word, text_width
from udvikling.render.reference import CELL_MARGIN, TABLE_SIZE
from udvikling.render.timeline import LABEL, WIDTH, timeline_drawing

REPO = Path(__file__).resolve().parents[1]
DOCUMENTS = {
    "notat": ["notat", "--report", "2024-efteraar-status"],
    "procesplan": ["procesplan", "--as-of", "2024-10-01"],
    "kommissorium": ["sagsfremstilling", "--meeting", "2022-06-14-oek"],
}


@pytest.fixture(scope="module")
def word(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("print")
    out = {}
    for name, args in DOCUMENTS.items():
        target = folder / f"{name}.docx"
        assert run(["render", *args, "--root", str(REPO), "-f", "docx", "-o", str(target)]) == 0
        out[name] = target
    return out


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


# -- language, properties, font ------------------------------------------------------------


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_danish_language_and_properties(word: dict[str, Path], name: str) -> None:
    document = Document(str(word[name]))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "da-DK"
    assert "proofState" not in part(word[name], "word/settings.xml")
    properties = document.core_properties
    assert properties.language == "da-DK"
    assert properties.author == "Norddjurs Kommune"
    title = next((p.text for p in document.paragraphs if p.style.name == "Heading 1"), None)
    if name == "notat":  # the issued note has no title line; Word still names it
        expected = "Udviklingsprocessen på Socialområdet – status efteråret 2024"
        assert title is None and properties.title == expected
    else:
        assert title is not None and title.endswith(properties.title) and properties.title
    assert properties.subject.startswith(
        {"notat": "Statusnotat: ", "procesplan": "Tids- og procesplan: "}.get(
            name, "Dagsordenspunkt: Økonomiudvalget, 14. juni 2022"
        )
    )


def test_one_font_family(word: dict[str, Path]) -> None:
    styles = part(word["notat"], "word/styles.xml")
    fonts = re.findall(r"<w:rFonts [^>]*>", styles)
    assert fonts
    for element in fonts:
        assert "Theme" not in element and "theme" not in element, element
        assert set(re.findall(r'w:\w+="([^"]+)"', element)) == {"Arial"}, element
    theme = part(word["notat"], "word/theme/theme1.xml")
    assert set(re.findall(r'<a:latin typeface="([^"]*)"', theme)) == {"Arial"}


# -- tables --------------------------------------------------------------------------------


def _tables(path: Path) -> list[tuple[list[int], list[list[str]]]]:
    document = Document(str(path))
    out = []
    for table in document.tables:
        widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        out.append((widths, [[cell.text for cell in row.cells] for row in table.rows]))
    return out


@pytest.mark.parametrize("name", ["notat", "procesplan"])
def test_no_word_breaks_mid_word(word: dict[str, Path], name: str) -> None:
    document = Document(str(word[name]))
    section = document.sections[0]
    text_width_twips = (section.page_width - section.left_margin - section.right_margin) / 635
    size = TABLE_SIZE * 20
    for widths, rows in _tables(word[name]):
        assert abs(sum(widths) - text_width_twips) <= 2
        for number, row in enumerate(rows):
            for text, width in zip(row, widths, strict=True):
                room = width - 2 * CELL_MARGIN
                assert longest_word(text, size, bold=number == 0) <= room, (text, width)
                if re.fullmatch(r"[\d\s.,%()-]+", text):  # a number is never wrapped
                    assert text_width(text, size, bold=True) <= room, (text, width)


def test_process_plan_tables_line_up(word: dict[str, Path]) -> None:
    tables = [w for w, rows in _tables(word["procesplan"]) if rows[0][0] == "Tiltag"]
    assert len(tables) >= 5
    assert all(w == tables[0] for w in tables)


def test_bilag_2_stays_on_one_page_with_its_notes(word: dict[str, Path]) -> None:
    document = Document(str(word["notat"]))
    table = next(t for t in document.tables if t.rows[0].cells[1].text.startswith("Socialps"))
    for row in table.rows:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
        for cell in row.cells:
            assert all(p.paragraph_format.keep_with_next for p in cell.paragraphs)
    notes = []
    following = table._tbl.getnext()
    while following is not None and following.tag == qn("w:p"):
        notes.append(following)
        following = following.getnext()
    texts = ["".join(t.text or "" for t in n.iter(qn("w:t"))) for n in notes]
    assert texts[0].startswith("* Omfatter") and texts[-1] == "*** procentandel angivet i parentes"
    for note in notes[:-1]:
        assert note.pPr.find(qn("w:keepNext")) is not None


def test_long_tables_split_only_between_middle_rows(word: dict[str, Path]) -> None:
    document = Document(str(word["procesplan"]))

    def kept(row: object) -> bool:
        return all(
            p.paragraph_format.keep_with_next
            for cell in row.cells  # type: ignore[attr-defined]
            for p in cell.paragraphs
        )

    split = [t for t in document.tables if not all(kept(r) for r in list(t.rows)[:-1])]
    assert split, "the process plan has tables longer than half a page"
    for table in split:
        rows = list(table.rows)
        assert kept(rows[0]) and kept(rows[1]) and kept(rows[-2])
        assert not all(kept(r) for r in rows[2:-2])


def test_dash_line_in_a_template_is_a_page_break(build_tree: BuildTree, tmp_path: Path) -> None:
    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/kommunikationsstrategi.yaml": MINIMAL_INITIATIVE,
            "templates/procesplan.md.j2": (
                "# Plan\n\nFør\n---\n## Bilag\n\n"
                "{{ afsnit[1].blokke[0].grupper[0].raekker[0].tiltag }}\n\n"
                "{{ '---' }}\n\nEfter\n"
            ),
        }
    )
    target = tmp_path / "plan.docx"
    args = ["render", "procesplan", "--root", str(root), "--as-of", "2024-10-01"]
    assert run([*args, "-f", "docx", "-o", str(target)]) == 0
    document = Document(str(target))
    breaks = [p.text for p in document.paragraphs if p.paragraph_format.page_break_before]
    assert breaks == ["Bilag"]  # the template's line; data text "---" stays text
    assert "---" in [p.text for p in document.paragraphs]
    assert 'o:hr="t"' not in part(target, "word/document.xml")
    html = tmp_path / "plan.html"
    assert run([*args, "-f", "html", "-o", str(html)]) == 0
    assert html.read_text(encoding="utf-8").count("<hr />") == 1


# -- the timeline --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plan() -> Dataset:
    loaded = load(REPO)
    assert loaded.dataset is not None
    return loaded.dataset


@pytest.mark.parametrize("at", [date(2024, 10, 1), date(2026, 12, 31), date(2022, 1, 1)])
def test_timeline_is_readable_at_print_size(plan: Dataset, at: date) -> None:
    drawing = timeline_drawing(plan, at)
    texts = [s for s in drawing.shapes if isinstance(s, Text)]
    svg = to_svg(drawing)
    assert "…" not in svg
    # At the text width of A4 (16,6 cm), 1 unit is 0,75 pt or more: no label under 8 pt.
    assert drawing.width <= 16.6 / 2.54 * 96
    assert min(t.size for t in texts) * 0.75 >= 8
    for text in texts:
        left = {"start": text.x, "middle": text.x - text.width / 2, "end": text.x - text.width}
        x0 = left[text.anchor]
        assert x0 >= 0 and x0 + text.width <= drawing.width, text
        if x0 < LABEL:  # a label in the label column stays in it
            assert x0 + text.width <= LABEL, text
    assert format_date_in(texts, at)
    # Each year's label stands just right of its line at 1 January.
    years = [t for t in texts if re.fullmatch(r"20\d\d", t.text)]
    boundaries = {round(s.x1, 1) for s in drawing.shapes if isinstance(s, Line) and s.y1 < 10}
    assert len(years) >= 3
    for year in years[1:]:
        assert round(year.x - 3, 1) in boundaries, year


def format_date_in(texts: list[Text], at: date) -> bool:
    from udvikling.danish import format_date

    return any(t.text == format_date(at) for t in texts)


def test_long_titles_wrap_instead_of_being_cut(build_tree: BuildTree) -> None:
    long_title = "Et meget langt tiltag " + "med mange ord " * 8 + "til sidst"
    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/langt.yaml": MINIMAL_INITIATIVE.replace(
                "title: Kommunikationsstrategi", f"title: {long_title}"
            ),
        }
    )
    loaded = load(root)
    assert loaded.dataset is not None
    drawing = timeline_drawing(loaded.dataset, date(2024, 10, 1))
    lines = [s.text for s in drawing.shapes if isinstance(s, Text) and s.x < LABEL]
    assert long_title in " ".join(lines)


def test_png_of_the_timeline(plan: object) -> None:
    from PIL import Image

    drawing = timeline_drawing(plan, date(2024, 10, 1))
    image = Image.open(io.BytesIO(to_png(drawing)))
    assert image.size == (round(WIDTH * 3), round(drawing.height * 3))
    assert image.getextrema() != ((255, 255), (255, 255), (255, 255))


def test_png_of_a_drawing_taller_than_pages() -> None:
    from PIL import Image

    from udvikling.render.drawing import Drawing

    # Ten thousand rows: the PNG stays 3000 pixels high, its text a pixel or less.
    tall = Drawing(620, 150000, [Text(10, 20 + 15 * n, f"Tiltag {n}", 10.7) for n in range(9990)])
    image = Image.open(io.BytesIO(to_png(tall)))
    assert image.height == 3000 and image.width == round(620 * 3000 / 150000)


def test_png_without_any_system_font(plan: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(drawing_module, "_REGULAR_FONTS", ("findes-ikke.ttf",))
    monkeypatch.setattr(drawing_module, "_BOLD_FONTS", ("findes-heller-ikke.ttf",))
    monkeypatch.setattr(drawing_module, "_FONTS", {})
    drawing = timeline_drawing(plan, date(2024, 10, 1))
    assert to_png(drawing).startswith(b"\x89PNG")


# -- HTML ----------------------------------------------------------------------------------


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def test_html_is_danish_with_a_title(tmp_path: Path) -> None:
    target = tmp_path / "notat.html"
    args = ["render", *DOCUMENTS["notat"], "--root", str(REPO), "-f", "html", "-o", str(target)]
    assert run(args) == 0
    head = _Head()
    head.feed(target.read_text(encoding="utf-8"))
    assert head.lang == "da"
    assert head.title == (
        "Udviklingsprocessen på Socialområdet – status efteråret 2024 – Norddjurs Kommune"
    )


def test_a_slash_before_a_capital_is_no_place_to_break() -> None:
    """LibreOffice set Bilag 2's heading "Kærvang/Skovvan|g" when the column was measured
    as if it could break after every slash; it breaks only before a small letter."""
    size = TABLE_SIZE * 20
    whole = "Stadionparken/Broagervej"
    assert longest_word(whole, size, bold=True) == text_width(whole, size, bold=True)
    assert longest_word("Centralt/decentralt", size) == text_width("decentralt", size)
