"""What ``udv site``'s own process does, whose time is the site's (issue 29): the templates
are compiled in a child while the plan loads, so this process compiles none of them, the
pages are the same, and a template changed since, or one that cannot be compiled, is
handled as before; the timeline's SVG is escaped without importing urllib and http. The
tests count compilations and imports; none measures time."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from udvikling.render import drawing
from udvikling.render.limits import DocumentSandbox
from udvikling.sheets import twocores
from udvikling.site import environment

REPO = Path(__file__).resolve().parents[1]
BUILT = datetime(2026, 12, 7, 12, 5).astimezone()


def _site(root: Path, compiled: Any) -> dict[str, bytes]:
    from sitecheck import AS_OF
    from udvikling.load import load
    from udvikling.periods import parse_period
    from udvikling.site.build import build_site
    from udvikling.site.source import Source

    loaded = load(root)
    assert loaded.dataset is not None
    source = Source(parse_period(AS_OF).start, BUILT, "arbejdskopien (test)", None)
    return build_site(loaded.dataset, source, root, documents=False, compiled=compiled).files


@pytest.fixture
def compiled_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates compiled in this process (not in its children)."""
    parent = os.getpid()
    names: list[str] = []
    compile = DocumentSandbox.compile

    def counted(self: DocumentSandbox, source: Any, name: str | None = None, *a: Any) -> Any:
        if os.getpid() == parent:
            names.append(str(name))
        return compile(self, source, name, *a)

    monkeypatch.setattr(DocumentSandbox, "compile", counted)
    monkeypatch.setattr(twocores, "jobs", lambda: 2)
    return names


def test_no_template_is_compiled_here_and_the_pages_are_the_same(
    compiled_here: list[str],
) -> None:
    before = _site(REPO, None)
    assert "site/tiltag.html.j2" in compiled_here and "site/base.html.j2" in compiled_here
    compiled_here.clear()
    compiled = environment.start_compiling(REPO)
    assert compiled is not None
    assert _site(REPO, compiled) == before
    assert compiled_here == []


def test_one_core_compiles_here_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(twocores, "jobs", lambda: 1)
    assert environment.start_compiling(REPO) is None


def test_a_template_changed_after_compiling_is_compiled_again(
    tmp_path: Path, compiled_here: list[str]
) -> None:
    from hostile_support import plan

    root = plan(tmp_path / "plan")
    store = environment.compile_templates(root)  # as the child does, but here and first
    compiled_here.clear()
    own = root / "templates" / "site" / "om.html.j2"
    own.parent.mkdir(parents=True, exist_ok=True)
    base = '{% extends "site/base.html.j2" %}{% block indhold %}'
    own.write_text(base + "<p>Vores egen side</p>{% endblock %}", encoding="utf-8")
    files = _site(root, twocores.Later(lambda: store, dict, None))
    assert b"<p>Vores egen side</p>" in files["om.html"]
    assert compiled_here == ["site/om.html.j2"]


def test_when_the_child_fails_the_templates_are_compiled_here(
    compiled_here: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()
    make = environment.compile_templates

    def dies_in_the_child(root: Path | None) -> dict[str, bytes]:
        if os.getpid() != parent:
            os._exit(1)
        return make(root)

    monkeypatch.setattr(environment, "compile_templates", dies_in_the_child)
    expected = _site(REPO, None)
    compiled_here.clear()
    assert _site(REPO, environment.start_compiling(REPO)) == expected
    assert "site/tiltag.html.j2" in compiled_here


def test_a_template_that_cannot_be_compiled_is_left_out(tmp_path: Path) -> None:
    from hostile_support import plan

    root = plan(tmp_path / "plan", {"templates/site/om.html.j2": "{% if %}"})
    store = environment.compile_templates(root)
    assert store
    env = environment.site_environment(root)
    env.bytecode_cache = environment.CompiledTemplates(store)
    env.get_template("site/tiltag.html.j2")  # from the store
    with pytest.raises(Exception, match="Expected an expression"):
        env.get_template("site/om.html.j2")


@given(text=st.text())
def test_the_drawing_escapes_text_as_xml_sax_does(text: str) -> None:
    from xml.sax.saxutils import escape

    assert drawing.escape(text) == escape(text)


def test_the_font_family_is_quoted_as_xml_sax_does() -> None:
    from xml.sax.saxutils import quoteattr

    svg = drawing.to_svg(drawing.Drawing(10, 10))
    assert f"font-family={quoteattr(drawing.FONT_FAMILY)}>" in svg


def test_the_timeline_imports_no_network_library() -> None:
    """``xml.sax.saxutils`` imports urllib.request, http.client, email and ssl."""
    code = (
        "import sys, udvikling.render.timeline, udvikling.render.drawing\n"
        "print([m for m in ('xml.sax.saxutils', 'urllib.request', 'http.client', 'ssl')"
        " if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr
