"""``udv render`` to Word and HTML: read the files back and check the house style.

Word: python-docx reads headings, tables (shaded header row), the organisation in the page
header and the PAGE / NUMPAGES fields in the footer. HTML: parsed with the standard
library's parser; the stylesheet is inline and data text stays text.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from conftest import MINIMAL_CONFIG, BuildTree
from udvikling.cli import run
from udvikling.render.environment import find_template_file
from udvikling.render.word import SVG_BLIP
from udvikling.render.word_tables import header_fill

REPO = Path(__file__).resolve().parents[1]


def render(capsys: pytest.CaptureFixture[str], *args: str) -> int:
    code = run(list(args))
    capsys.readouterr()
    return code


@pytest.fixture(scope="module")
def notat_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("docx") / "notat.docx"
    args = ["render", "notat", "--root", str(REPO), "--report", "2024-efteraar-status"]
    assert run([*args, "-f", "docx", "-o", str(target)]) == 0
    return target


def test_docx_headings(notat_docx: Path) -> None:
    document = Document(str(notat_docx))
    headings = {
        p.text: p.style.name
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    }
    assert "Heading 1" not in headings.values()  # the issued note has no title line
    assert headings["Indledning"] == "Heading 2"
    assert headings["Faglighed og kompetenceudvikling"] == "Heading 2"
    assert headings["Ny styringsmodel på Socialområdet"] == "Heading 3"
    assert "Bilag 2: Fordeling af medarbejdere i kommunens botilbud pr. sept. 2024." in headings


def test_docx_tables_have_shaded_header_rows(notat_docx: Path) -> None:
    reference = find_template_file(None, "reference.docx")
    assert reference is not None
    fill, _ = header_fill(reference)
    document = Document(str(notat_docx))
    assert document.tables
    for table in document.tables:
        style = table._tbl.tblPr.find(qn("w:tblStyle"))
        assert style is not None and style.get(qn("w:val")) == "Table"
        for cell in table.rows[0].cells:
            shading = cell._tc.tcPr.find(qn("w:shd"))
            assert shading is not None and shading.get(qn("w:fill")) == fill
    bilag = document.tables[-1]
    assert [c.text for c in bilag.rows[0].cells][:2] == [
        "",
        "Socialpsykiatri\nDolmer Have og bofællesskaberne i Glesborg",
    ]
    assert bilag.rows[1].cells[1].text == "2,78 (10,29 %)"


def test_docx_page_header_and_footer(notat_docx: Path) -> None:
    document = Document(str(notat_docx))
    section = document.sections[0]
    assert "Norddjurs Kommune" in [p.text for p in section.header.paragraphs]
    footer = section.footer._element.xml
    assert "Side " in footer and " af " in footer
    assert " PAGE " in footer and " NUMPAGES " in footer


def test_docx_needs_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["render", "notat", "--root", str(REPO), "-f", "docx", "--as-of", "2024-10-01"])
    assert code == 2
    assert "-o" in capsys.readouterr().err


def test_procesplan_docx_embeds_the_timeline(tmp_path: Path) -> None:
    target = tmp_path / "plan.docx"
    args = ["render", "procesplan", "--root", str(REPO), "--as-of", "2024-10-01"]
    assert run([*args, "-f", "docx", "-o", str(target)]) == 0
    document = Document(str(target))
    images = {
        r.rId: r.target_part.blob
        for r in document.part.rels.values()
        if r.reltype.endswith("/image")
    }
    assert len(images) == 2
    # The main picture is a PNG (for every program); the SVG rides along for Word 2016+.
    blip = next(document.element.body.iter(qn("a:blip")))
    assert images[blip.get(qn("r:embed"))].startswith(b"\x89PNG")
    svg = next(blip.iter(SVG_BLIP))
    assert images[svg.get(qn("r:embed"))].startswith(b"<svg")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.style = ""
        self._in_style = False
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_style = tag == "style"
        if tag == "img":
            self.images.append(dict(attrs).get("src") or "")

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data
        else:
            self.text.append(data)


def _page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_html_is_standalone_with_stylesheet(tmp_path: Path) -> None:
    target = tmp_path / "sag.html"
    args = ["render", "sagsfremstilling", "--root", str(REPO), "--meeting", "2024-04-24-vpu"]
    assert run([*args, "-f", "html", "-o", str(target)]) == 0
    page = _page(target)
    css = find_template_file(None, "udv.css")
    assert css is not None
    assert css.read_text(encoding="utf-8").strip() in page.style
    assert page.tags[:1] == ["html"] and "h1" in page.tags and "h2" in page.tags
    text = " ".join(" ".join(page.text).split())
    assert "Beslutning i Voksen- og Plejeudvalget den 24. april 2024" in text
    assert "Tom Bytoft (A)" in text


def test_html_procesplan_carries_the_timeline(tmp_path: Path) -> None:
    target = tmp_path / "plan.html"
    args = ["render", "procesplan", "--root", str(REPO), "--as-of", "2024-10-01"]
    assert run([*args, "-f", "html", "-o", str(target)]) == 0
    page = _page(target)
    assert len(page.images) == 1 and page.images[0].startswith("data:image/svg+xml;base64,")
    assert "table" in page.tags


HOSTILE = "{{ 7*7 }} <script>alert(1)</script> a | b *x* &amp;"


def test_hostile_title_is_literal_in_word_and_html(build_tree: BuildTree, tmp_path: Path) -> None:
    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/farligt.yaml": f"""\
                title: '{HOSTILE}'
                track: kommunikation
                owner: socialchef
                level: central
                status: i-gang
                start: 2. halvår 2023
                due: 4. kvartal 2024
                """,
        }
    )
    args = ["render", "procesplan", "--root", str(root), "--as-of", "2024-10-01"]
    html = tmp_path / "plan.html"
    assert run([*args, "-f", "html", "-o", str(html)]) == 0
    page = _page(html)
    assert "script" not in page.tags
    cells = [t.strip() for t in page.text if t.strip()]
    assert HOSTILE in cells
    assert "<script>" not in html.read_text(encoding="utf-8")

    word = tmp_path / "plan.docx"
    assert run([*args, "-f", "docx", "-o", str(word)]) == 0
    table = Document(str(word)).tables[0]
    assert len(table.columns) == 4
    assert table.rows[1].cells[0].text == HOSTILE
    assert table.rows[1].cells[2].text == "Socialchef"


def test_markdown_file_gets_its_timeline_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "ud" / "plan.md"
    args = ["render", "procesplan", "--root", str(REPO), "--as-of", "2024-10-01"]
    assert run([*args, "-o", str(target)]) == 0
    picture = tmp_path / "ud" / "plan-tidslinje.svg"
    assert picture.read_text(encoding="utf-8").startswith("<svg")
    assert "](plan-tidslinje.svg)" in target.read_text(encoding="utf-8")


def test_docx_with_a_relative_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--root given relative to the current folder: pandoc runs elsewhere and must still
    find the reference document (it got a relative path before)."""
    monkeypatch.chdir(REPO.parent)
    target = tmp_path / "notat.docx"
    args = ["render", "notat", "--root", REPO.name, "--as-of", "2024-10-01", "-f", "docx"]
    assert run([*args, "-o", str(target)]) == 0
    assert Document(str(target)).paragraphs


def test_markdown_without_pictures_goes_to_pandoc_as_markdown() -> None:
    """Reading pandoc's JSON takes pandoc about three times the memory of reading the
    Markdown; with no picture to check or embed, the Markdown is the same document."""
    from udvikling.render import convert

    markdown = "# Titel\n\nTekst med *vægt* og [et link](https://example.org).\n"
    assert convert._tree(markdown, None, {}) == (markdown, convert.READER)
    with_picture = "# Titel\n\n![Tidslinje](tidslinje.svg)\n"
    tree, fmt = convert._tree(with_picture, None, {"tidslinje.svg": b"<svg/>"})
    assert fmt == "json"
    assert "data:image/svg+xml;base64," in tree
    direct = convert._pandoc(markdown, "html5", [])
    via_tree = convert._pandoc(convert._pandoc(markdown, "json", []), "html5", [], fmt="json")
    assert direct == via_tree


def test_pandoc_out_of_heap_converts_again_without_a_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """pandoc's heap is capped by the input's size (GHC otherwise lets it grow to several
    times what is live); a document that needs more is converted again, unlimited."""
    from udvikling.render import convert

    markdown = "".join(f"- punkt {i} med *tekst*\n" for i in range(2000))
    expected = convert._pandoc(markdown, "html5", [])
    assert convert._heap_limit(markdown, convert.READER)[:1] == ["+RTS"]
    monkeypatch.setattr(convert, "_HEAP_MIN", 1024 * 1024)
    monkeypatch.setattr(convert, "_HEAP_PER_BYTE", {convert.READER: 1})
    assert convert._heap_limit(markdown, convert.READER) == ["+RTS", "-M1m", "-RTS"]
    assert convert._pandoc(markdown, "html5", []) == expected
