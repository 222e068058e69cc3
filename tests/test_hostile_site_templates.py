"""Site templates go through the documents' guarded path (issue 24, item 2).

``templates/site/*.html.j2`` comes from a pull request like every other template: it is
filled in the same sandbox, under the same time, memory and output limits, and every way it
can fail is a Danish data error (exit 1), never a bug (exit 3); ``udv render --check``
checks it and the site's files before a site is built.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from hostile_support import AS_OF, plan

BASE = '{% extends "site/base.html.j2" %}{% block indhold %}'
END = "{% endblock %}"


def _site(quick: Any, root: Path) -> tuple[int, str]:
    return quick(root, "site", "--root", ".", "-o", "../ud", "--as-of", AS_OF, "--no-documents")


def _with_page(tmp_path: Path, body: str, name: str = "om.html.j2") -> Path:
    return plan(tmp_path / "plan", {f"templates/site/{name}": BASE + body + END})


def test_a_site_template_that_loops_is_stopped(
    tmp_path: Path, quick: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from udvikling.render import limits

    monkeypatch.setattr(limits, "TIME_LIMIT", 2.0)
    loops = "{% set s = 'x' * 30000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}"
    root = _with_page(tmp_path, loops)
    started = time.monotonic()
    code, output = _site(quick, root)
    assert time.monotonic() - started < 15
    assert code == 1 and "Skabelonen blev stoppet: den brugte mere end 2 sekunder" in output
    assert not (tmp_path / "ud").exists()


def test_a_site_template_that_doubles_a_string_is_stopped(tmp_path: Path, quick: Any) -> None:
    doubling = (
        "{% set n = namespace(v='x') %}{% for i in range(40) %}{% set n.v = n.v ~ n.v %}"
        "{% endfor %}{{ n.v | length }}"
    )
    code, output = _site(quick, _with_page(tmp_path, doubling))
    assert code == 1 and "Skabelonen blev stoppet" in output and "hukommelse" in output


def test_a_site_template_output_limit(
    tmp_path: Path, quick: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from udvikling.render import limits

    monkeypatch.setattr(limits, "MAX_OUTPUT_BYTES", 1024 * 1024)
    flood = "{% for i in range(30000) %}{{ 'x' * 70 }}{% endfor %}"
    code, output = _site(quick, _with_page(tmp_path, flood))
    assert code == 1 and "mere end 1 MB tekst" in output


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("{{ 1 / 0 }}", "om.html.j2, linje 1 kunne ikke udfyldes"),
        ('{% include "site/om.html.j2" %}', "kalder sig selv uden ende"),
        ('{% include "../udvikling.yaml" %}', "ikke tilladt"),
        ("{{ range(10**7) | list | length }}", "range() giver i alt mere end"),
        ("{{ 'x' * 10**9 }}", "en gentagelse (*)"),
        ("{{ [].__class__ }}", "kunne ikke udfyldes"),
    ],
)
def test_site_template_errors_are_data_errors(
    tmp_path: Path, quick: Any, body: str, needle: str
) -> None:
    code, output = _site(quick, _with_page(tmp_path, body))
    assert code == 1, output
    assert needle in output
    assert not (tmp_path / "ud").exists()


@pytest.mark.parametrize("name", ["site.css", "site.js"])
def test_a_site_file_that_links_out_is_a_data_error(tmp_path: Path, quick: Any, name: str) -> None:
    secret = tmp_path / "hemmelig.txt"
    secret.write_text("hemmeligt", encoding="utf-8")
    root = plan(tmp_path / "plan")
    (root / "templates" / "site").mkdir(parents=True)
    (root / "templates" / "site" / name).symlink_to(secret)
    code, output = _site(quick, root)
    assert code == 1 and "peger uden for skabelonmappen" in output
    assert str(tmp_path) not in output
    code, output = quick(root, "render", "--check", "--root", ".")
    assert code == 1 and f"templates/site/{name}" in output


def test_check_looks_at_site_templates(tmp_path: Path, quick: Any) -> None:
    root = _with_page(tmp_path, "{{ titel | findes_ikke }}{{ ukendt }}")
    (root / "templates" / "site" / "nyt.html.j2").write_text(
        BASE + '{% include "../../udvikling.yaml" %}' + END, encoding="utf-8"
    )
    code, output = quick(root, "render", "--check", "--root", ".")
    assert code == 1
    assert "ukendt filter 'findes_ikke'" in output and "ukendt variabel 'ukendt'" in output
    assert "templates/site/nyt.html.j2:1" in output and "ikke tilladt" in output


def test_check_passes_the_shipped_site_templates(tmp_path: Path, quick: Any) -> None:
    root = plan(tmp_path / "plan")
    code, output = quick(root, "render", "--check", "--root", ".")
    assert code == 0 and "Skabelonerne er i orden." in output
