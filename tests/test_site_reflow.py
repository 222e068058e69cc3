"""Reflow and text spacing without a browser: udv's stylesheet and pages read as text.

tests/test_site_browser.py measures every page at 320 and 1280 CSS px in Chromium; where
Chromium is missing, these checks of the stylesheet and the HTML guard the same properties
(WCAG 1.4.10, 1.4.12) by the rules that make them hold:

- every page lets the reader zoom (viewport without ``maximum-scale`` or ``user-scalable=no``);
- every flex row wraps, so the header's search (label, field, button) breaks into lines
  rather than sticking out at 320 px (the bug of issue 28: "Søg" at 373 px);
- nothing is wider than a 320 px screen less the page's margins outside the phone rules,
  unless the phone rules set it again; the phone's one-column grids let an item shrink
  below its longest word (``minmax(0, 1fr)``);
- no box that holds text has a fixed height or hides what overflows, no text is kept on one
  line except a date, and no line height or spacing is forced with ``!important`` (a
  reader's own spacing must win).

Also: the icon, the page of news and the accessibility statement are linked from every page.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitecheck import AS_OF, REPO, build, html_files

CSS = REPO / "templates" / "site" / "site.css"
PHONE_QUERY = "(max-width: 40rem)"
SCREEN = 320  # CSS px at 400 % zoom of 1280
MARGINS = 2 * 1.25 * 16  # .bredde's padding on each side
# Boxes that hold no text: graphics (the status bar and its colour keys), the hidden label
# technique, the skip link (off screen until focused).
NO_TEXT = {".bjaelke", ".bjaelke .del", ".farve", ".skjult"}
# Short text that may keep to one line: a date ("15. december 2024") and the hidden labels.
ONE_LINE = {".dato", ".skjult"}
SPACING = ("line-height", "letter-spacing", "word-spacing")


def _rules(css: str) -> list[tuple[str, str, dict[str, str]]]:
    """(media query or "", selector, declarations) for each rule of a flat stylesheet
    (one level of @media, no nesting), comments removed."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found: list[tuple[str, str, dict[str, str]]] = []

    def block(text: str, media: str) -> None:
        for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
            declarations = {}
            for part in body.split(";"):
                if ":" in part:
                    name, value = part.split(":", 1)
                    declarations[name.strip().lower()] = " ".join(value.split())
            for selector in selectors.split(","):
                found.append((media, " ".join(selector.split()), declarations))

    rest = css
    while (at := rest.find("@media")) >= 0:
        block(rest[:at], "")
        open_brace = rest.index("{", at)
        depth, end = 1, open_brace + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(rest[end], 0)
            end += 1
        media = " ".join(rest[at + len("@media") : open_brace].split())
        block(rest[open_brace + 1 : end - 1], media)
        rest = rest[end:]
    block(rest, "")
    return found


def _px(value: str) -> float:
    """The largest length in ``value`` in CSS px (rem and em counted as 16 px)."""
    sizes = [
        float(number) * (1 if unit == "px" else 16)
        for number, unit in re.findall(r"(\d*\.?\d+)(px|rem|em)\b", value)
    ]
    return max(sizes, default=0.0)


def _problems(css: str) -> list[str]:
    rules = _rules(css)
    screen = [(s, d) for m, s, d in rules if m == ""]
    phone = {s: d for m, s, d in rules if m == PHONE_QUERY}
    room = SCREEN - MARGINS
    problems: list[str] = []
    for selector, decl in screen:
        wraps = decl.get("flex-wrap") == "wrap"
        if decl.get("display") == "flex" and selector not in NO_TEXT and not wraps:
            problems.append(f"{selector}: en flex-række uden flex-wrap: wrap")
        for name in ("width", "min-width", "flex-basis"):
            if name in decl and _px(decl[name]) > room and name not in phone.get(selector, {}):
                problems.append(f"{selector}: {name} {decl[name]} er bredere end {room:g} px")
        columns = decl.get("grid-template-columns", "")
        wide = any(_px(m) > room for m in re.findall(r"minmax\(([^,]+),", columns))
        if wide and "grid-template-columns" not in phone.get(selector, {}):
            problems.append(f"{selector}: kolonner bredere end {room:g} px på en telefon")
    for selector, decl in phone.items():
        columns = decl.get("grid-template-columns")
        if columns is not None and re.search(r"(?<!, )\b1fr\b", columns):
            problems.append(f"{selector}: telefonens kolonne skal være minmax(0, 1fr)")
    for media, selector, decl in rules:
        if media.startswith("print"):
            continue
        if selector not in NO_TEXT:
            for name in ("height", "max-height"):
                if name in decl and _px(decl[name]) > 0:
                    problems.append(f"{selector}: fast {name} {decl[name]} på tekst")
            for name in ("overflow", "overflow-y", "overflow-x"):
                if decl.get(name) in ("hidden", "clip"):
                    problems.append(f"{selector}: {name}: {decl[name]} skjuler tekst")
        if decl.get("white-space") == "nowrap" and selector not in ONE_LINE:
            problems.append(f"{selector}: white-space: nowrap")
        for name in SPACING:
            if "!important" in decl.get(name, ""):
                problems.append(f"{selector}: {name} med !important")
    return problems


def test_udvs_stylesheet_reflows_and_allows_text_spacing() -> None:
    assert _problems(CSS.read_text(encoding="utf-8")) == []


def test_the_stylesheet_rules_find_the_old_header() -> None:
    """The rules can fail: the header of before issue 28 (a search row that did not wrap),
    a fixed height on text, a forced line height, a wide box, a phone grid of ``1fr``."""
    old = """
    .topsoeg { margin-left: auto; display: flex; align-items: center; gap: .4rem; }
    .topsoeg label { font-size: .9rem; white-space: nowrap; }
    .kort { height: 6rem; overflow: hidden; }
    p { line-height: 1.4 !important; }
    .boks { min-width: 22rem; }
    .kortliste { display: grid; grid-template-columns: repeat(auto-fill, minmax(21rem, 1fr)); }
    @media (max-width: 40rem) { .kortliste { grid-template-columns: 1fr; } }
    """
    assert _problems(old) == [
        ".topsoeg: en flex-række uden flex-wrap: wrap",
        ".boks: min-width 22rem er bredere end 280 px",
        ".kortliste: telefonens kolonne skal være minmax(0, 1fr)",
        ".topsoeg label: white-space: nowrap",
        ".kort: fast height 6rem på tekst",
        ".kort: overflow: hidden skjuler tekst",
        "p: line-height med !important",
    ]


class _Page(HTMLParser):
    """The page's viewport, links in the head, links and text of the classes NO_TEXT and
    ONE_LINE name."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.viewport: str | None = None
        self.head_links: list[dict[str, str]] = []
        self.links: dict[str, str] = {}
        self.open: list[tuple[str, str]] = []  # (tag, class) of the elements around the text
        self.texts: dict[str, list[str]] = {}
        self._href: str | None = None
        self._words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta" and values.get("name") == "viewport":
            self.viewport = values.get("content", "")
        if tag == "link":
            self.head_links.append(values)
        if tag == "a":
            self._href, self._words = values.get("href", ""), []
        if tag not in ("meta", "link", "br", "img", "input"):
            self.open.append((tag, values.get("class", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links[" ".join("".join(self._words).split())] = self._href
            self._href = None
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._words.append(data)
        for _, classes in self.open:
            for name in classes.split():
                if f".{name}" in NO_TEXT | ONE_LINE and data.strip():
                    self.texts.setdefault(f".{name}", []).append(data.strip())


def _read(page: Path) -> _Page:
    parsed = _Page()
    parsed.feed(page.read_text(encoding="utf-8"))
    return parsed


@pytest.fixture
def site(public_site: Path) -> Path:
    return public_site


def test_every_page_zooms_and_links_icon_news_and_statement(site: Path) -> None:
    pages = html_files(site)
    assert len(pages) > 100
    for path in pages:
        page = _read(path)
        prefix = "../" * (len(path.relative_to(site).parts) - 1)
        name = str(path.relative_to(site))
        assert page.viewport == "width=device-width, initial-scale=1", name
        icons = [link for link in page.head_links if link.get("rel") == "icon"]
        assert icons == [
            {"rel": "icon", "href": f"{prefix}favicon.svg", "type": "image/svg+xml"}
        ], name
        assert page.links.get("Nyt") == f"{prefix}nyt.html", name
        assert page.links.get("Tilgængelighedserklæring") == f"{prefix}tilgaengelighed.html", name
        # Text in a box for graphics only would be hidden; a date kept on one line is short.
        assert not {k: v for k, v in page.texts.items() if k in NO_TEXT - {".skjult"}}
        assert all(len(t) <= 30 for t in page.texts.get(".dato", [])), name


def test_the_icon_is_inert_svg(site: Path) -> None:
    import xml.etree.ElementTree as ET

    svg = ET.fromstring((site / "favicon.svg").read_bytes())
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.get("viewBox") == "0 0 32 32"
    names = {element.tag.split("}")[1] for element in svg.iter()}
    assert names == {"svg", "rect"}  # shapes only: no script, no link, no text


def test_the_statement_page_is_honest_when_none_is_configured(site: Path) -> None:
    text = (site / "tilgaengelighed.html").read_text(encoding="utf-8")
    assert "har endnu ikke offentliggjort en tilgængelighedserklæring" in text
    assert "Automatiske test finder ikke alle problemer" in text
    # The shipped plan's templates are udv's own: no word of templates of its own.
    assert "egne skabeloner" not in text


def test_a_configured_statement_is_linked_and_no_page_of_its_own(tmp_path: Path) -> None:
    import shutil

    plan = tmp_path / "plan"
    shutil.copytree(REPO / "data", plan / "data")
    config = (REPO / "udvikling.yaml").read_text(encoding="utf-8")
    address = "https://was.digst.dk/norddjurs-dk-udvikling"
    statement = f"\nsite:\n  accessibility_statement: {address}\n"
    (plan / "udvikling.yaml").write_text(config + statement, encoding="utf-8")
    (plan / "templates" / "site").mkdir(parents=True)
    (plan / "templates" / "site" / "site.css").write_text("body { color: #000; }\n")
    target = tmp_path / "public"
    assert build(plan, target, "--as-of", AS_OF, "--no-documents") == 0
    assert not (target / "tilgaengelighed.html").exists()
    for path in html_files(target):
        assert _read(path).links["Tilgængelighedserklæring"] == address, path


def test_own_templates_are_named_on_the_statement_page(tmp_path: Path) -> None:
    import shutil

    plan = tmp_path / "plan"
    shutil.copytree(REPO / "data", plan / "data")
    shutil.copy(REPO / "udvikling.yaml", plan / "udvikling.yaml")
    (plan / "templates" / "site").mkdir(parents=True)
    (plan / "templates" / "site" / "site.css").write_text("body { color: #000; }\n")
    target = tmp_path / "public"
    assert build(plan, target, "--as-of", AS_OF, "--no-documents") == 0
    text = (target / "tilgaengelighed.html").read_text(encoding="utf-8")
    assert "egne skabeloner eller eget stylesheet fra planens mappe (site.css i" in text


def test_a_statement_address_must_be_a_web_address(tmp_path: Path) -> None:
    from udvikling.cli import run

    plan = tmp_path / "plan"
    plan.mkdir()
    config = (REPO / "udvikling.yaml").read_text(encoding="utf-8")
    bad = "\nsite:\n  accessibility_statement: javascript:alert(1)\n"
    (plan / "udvikling.yaml").write_text(config + bad, encoding="utf-8")
    assert run(["lint", "--root", str(plan)]) == 1


def test_every_page_is_reached_from_the_front_page(site: Path) -> None:
    """Following links from index.html reaches every page and file of the site (the
    accessibility page says so)."""
    from urllib.parse import unquote, urlsplit

    from sitecheck import parse

    seen = {site / "index.html"}
    todo = [site / "index.html"]
    while todo:
        page = todo.pop()
        for link in parse(page).links:
            parts = urlsplit(link)
            if parts.scheme or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.suffix == ".html" and target.is_file() and target not in seen:
                seen.add(target)
                todo.append(target)
    assert {p.resolve() for p in html_files(site)} - {p.resolve() for p in seen} == set()
