"""``udv site`` in a real browser: Debian's Chromium driven by Playwright for Python.

The site is opened from ``file://`` (as a reader who downloaded it would). The front page
and every kind of page load without console errors; filtering the initiatives by a track and
searching for a word show exactly the initiatives the plan says; without JavaScript the list
is complete; every page at 320 and 1280 CSS px has nothing to scroll sideways, also with a
reader's own text spacing, which hides no text (WCAG 1.4.10, 1.4.12); and axe-core (from
npm) finds no violation at all on any page.

Needs: ``apt-get install chromium chromium-driver``, ``pip install ".[browser]"`` and
``npm install axe-core`` (``.ci/run`` installs them). Without them the tests are skipped,
saying what is missing. ``UDV_SITE_SCREENSHOTS=DIR`` saves screenshots of the front page,
an initiative, a meeting, the news and the accessibility page at 1280 and 320 px in DIR.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitecheck import AS_OF, REPO, build
from udvikling.chrono import plan_at, view_at
from udvikling.load import load
from udvikling.periods import parse_period
from udvikling.render.contexts import public_view

CHROMIUM = Path(os.environ.get("UDV_CHROMIUM", "/usr/bin/chromium"))
AXE = Path(os.environ.get("UDV_AXE", REPO / "node_modules" / "axe-core" / "axe.min.js"))
# Headless Chromium on a machine without a network or a desktop session.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = (
    "index.html",
    "tiltag/ny-styringsmodel.html",
    "moeder/2024-04-24-vpu.html",
    "nyt.html",
    "tilgaengelighed.html",
)
PAGES = (
    "index.html",
    "nyt.html",
    "tiltag/index.html",
    "tiltag/ny-styringsmodel.html",
    "spor/oekonomi.html",
    "status/i-gang.html",
    "moeder/index.html",
    "moeder/2024-04-24-vpu.html",
    "tidslinje.html",
    "rapporter/index.html",
    "rapporter/2024-efteraar-status.html",
    "om.html",
)

sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="Playwright for Python mangler: pip install '.[browser]' (se .ci/run)",
)
if not CHROMIUM.is_file():
    pytest.skip(
        f"Chromium findes ikke i {CHROMIUM}: apt-get install chromium chromium-driver (se .ci/run)",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("browser") / "public"
    assert build(REPO, target, "--as-of", AS_OF) == 0
    return target


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium (Playwright gives it a new, empty profile)."""
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh desktop-sized page that records console errors and uncaught exceptions."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.errors = []
    opened.on("console", lambda m: m.type == "error" and opened.errors.append(m.text))
    opened.on("pageerror", lambda e: opened.errors.append(str(e)))
    yield opened
    context.close()


def url(site: Path, page: str, query: str = "") -> str:
    return (site / page).as_uri() + query


def _plan() -> Any:
    loaded = load(REPO)
    assert loaded.dataset is not None
    public = public_view(loaded.dataset, include_confidential=False)
    return plan_at(public, view_at(parse_period(AS_OF).start))


def _shown(page: Any) -> set[str]:
    keys = page.eval_on_selector_all(
        "#tiltag-liste [data-noegle]:not([hidden])", "els => els.map(e => e.dataset.noegle)"
    )
    return {key.removeprefix("tiltag:") for key in keys}


def _mentions(initiative: Any, word: str) -> bool:
    """Whether the word is in the initiative's own text (what a reader searches)."""
    texts = [
        initiative.title,
        initiative.description,
        initiative.timing,
        initiative.responsibility,
        *(m.title for m in initiative.milestones),
        *(u.text for u in initiative.updates),
        *initiative.tags,
    ]
    return any(word.lower() in t.lower() for t in texts if t)


def test_front_page_and_every_kind_of_page_load_without_errors(site: Path, page: Any) -> None:
    for name in PAGES:
        page.goto(url(site, name))
        assert page.locator("h1").count() == 1, name
    assert page.errors == []
    page.goto(url(site, "index.html"))
    assert page.title() == "Forside – Udviklingsproces på Socialområdet"
    assert page.locator("form.topsoeg").is_visible()  # the script ran
    assert page.errors == []


def test_filter_by_track(site: Path, page: Any) -> None:
    plan = _plan()
    expected = {i.id for i in plan.initiatives.values() if i.track == "oekonomi"}
    assert 1 < len(expected) < len(plan.initiatives)
    page.goto(url(site, "tiltag/index.html"))
    assert _shown(page) == set(plan.initiatives)
    page.select_option("#filter-spor", "oekonomi")
    assert _shown(page) == expected
    status = page.locator("#tiltag-antal").inner_text()
    assert status == f"Viser {len(expected)} af {len(plan.initiatives)} tiltag"
    page.select_option("#filter-spor", "")
    assert _shown(page) == set(plan.initiatives)
    assert page.errors == []


def test_search_for_a_word(site: Path, page: Any) -> None:
    plan = _plan()
    for word in ("BDO", "sygefravær"):
        expected = {i.id for i in plan.initiatives.values() if _mentions(i, word)}
        assert 0 < len(expected) < len(plan.initiatives), word
        page.goto(url(site, "tiltag/index.html"))
        page.fill("#filter-q", word.lower())
        assert _shown(page) == expected, word
    # Track and word together: both must hold.
    page.select_option("#filter-spor", "oekonomi")
    both = {
        i.id
        for i in plan.initiatives.values()
        if i.track == "oekonomi" and _mentions(i, "sygefravær")
    }
    assert _shown(page) == both
    assert page.errors == []


def test_an_initiative_is_found_by_a_former_title(site: Path, page: Any) -> None:
    """The April 2024 agenda item's name of what is now "Velfærdsplanen og
    råderumsarbejdet" finds it (and only it: no other initiative had that title)."""
    page.goto(url(site, "tiltag/index.html"))
    page.fill("#filter-q", "omstruktureringskataloget på Socialområdet")
    assert "velfaerdsplan-og-raaderumsarbejde" in _shown(page)
    page.fill("#filter-q", "Råderumskataloget samt udviklings- og omstruktureringskataloget")
    assert _shown(page) == {"velfaerdsplan-og-raaderumsarbejde"}
    assert page.errors == []


def test_search_from_the_header_of_any_page(site: Path, page: Any) -> None:
    plan = _plan()
    expected = {i.id for i in plan.initiatives.values() if _mentions(i, "BDO")}
    page.goto(url(site, "moeder/2024-04-24-vpu.html"))
    page.fill("#topsoeg-felt", "BDO")
    page.press("#topsoeg-felt", "Enter")
    page.wait_for_url("**/tiltag/index.html?q=BDO")
    assert page.input_value("#filter-q") == "BDO"
    assert _shown(page) == expected
    assert page.errors == []


def test_without_javascript_the_lists_are_whole(site: Path, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url(site, "tiltag/index.html", "?spor=oekonomi"))
    assert _shown(page) == set(_plan().initiatives)
    assert not page.locator("form.filtre").is_visible()
    assert not page.locator("form.topsoeg").is_visible()
    page.click("text=Økonomi og styring >> nth=-1")
    assert page.url.endswith("spor/oekonomi.html")
    context.close()


# WCAG 1.4.12: what a reader's own stylesheet may set, and the page must still show all of it.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: .12em !important;
    word-spacing: .16em !important; }
p { margin-bottom: 2em !important; }
"""
# Boxes that hide what does not fit (overflow hidden or clip) and hide some of their text.
CLIPPED = """() => [...document.querySelectorAll('body *')].filter(e => {
  if (e.closest('.skjult')) return false;
  const s = getComputedStyle(e);
  const hides = v => v === 'hidden' || v === 'clip';
  if (!hides(s.overflowX) && !hides(s.overflowY)) return false;
  if (!e.innerText || !e.innerText.trim()) return false;
  return e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1;
}).map(e => e.tagName.toLowerCase() + '.' + e.className)"""
WIDTHS = (320, 1280)


def every_page(site: Path) -> list[str]:
    """Every page of the site (the documents to download apart)."""
    return sorted(
        str(p.relative_to(site)).replace(os.sep, "/")
        for p in site.rglob("*.html")
        if p.relative_to(site).parts[0] != "filer"
    )


def _axe(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert result["passes"]  # axe really ran
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in result["violations"]]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_reflows_and_passes_axe(site: Path, browser: Any, width: int) -> None:
    """Every page at 320 CSS px (400 % zoom of 1280) and at 1280: nothing to scroll
    sideways (WCAG 1.4.10), also with a reader's text spacing, which hides no text
    (1.4.12); and axe-core finds no violation at all (every impact, its default rules)."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    pages = every_page(site)
    assert len(pages) > 100
    wide: dict[str, int] = {}
    clipped: dict[str, list[str]] = {}
    violations: dict[str, list[str]] = {}
    for name in pages:
        page.goto(url(site, name))
        if AXE.is_file():
            found = _axe(page)
            if found:
                violations[name] = found
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wide[name] = scroll
        page.add_style_tag(content=TEXT_SPACING)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wide[f"{name} (tekstafstand)"] = scroll
        hidden = page.evaluate(CLIPPED)
        if hidden:
            clipped[name] = hidden
    context.close()
    assert wide == {}
    assert clipped == {}
    if not AXE.is_file():
        pytest.skip(f"axe-core findes ikke i {AXE}: npm install axe-core (se .ci/run)")
    # (axe's own attempts to read the stylesheets from file:// show as console errors here,
    # so the page's console is checked by the other tests.)
    assert violations == {}


def test_the_reflow_check_finds_a_page_too_wide(tmp_path: Path, browser: Any) -> None:
    """The checks above can fail: a line that may not wrap is wider than 320 px, and a
    fixed-height box hides text once the spacing grows."""
    (tmp_path / "a.html").write_text(
        '<!DOCTYPE html><html lang="da"><head><meta name="viewport" '
        'content="width=device-width, initial-scale=1"><title>a</title></head><body>'
        '<p style="white-space:nowrap">Søg i tiltag, i møder, i rapporter og i alt andet '
        "om udviklingsplanen</p>"
        '<div style="height:1.6em;overflow:hidden"><p>To linjer tekst, der fylder mere, når '
        "afstanden øges</p></div></body></html>",
        encoding="utf-8",
    )
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(url(tmp_path, "a.html"))
    assert page.evaluate("document.documentElement.scrollWidth") > 320
    page.add_style_tag(content=TEXT_SPACING)
    assert page.evaluate(CLIPPED) == ["div."]
    context.close()


def test_screenshots(site: Path, browser: Any) -> None:
    """Screenshots for people to look at, when ``UDV_SITE_SCREENSHOTS`` names a folder."""
    folder = os.environ.get("UDV_SITE_SCREENSHOTS")
    if not folder:
        pytest.skip("UDV_SITE_SCREENSHOTS er ikke sat")
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    for width, label in ((1280, "desktop"), (320, "320px")):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for name in SCREENSHOTS:
            page.goto(url(site, name))
            stem = name.replace("/", "-").removesuffix(".html")
            page.screenshot(path=str(target / f"{stem}-{label}.png"), full_page=True)
        context.close()
    assert shutil.disk_usage(target).free > 0
