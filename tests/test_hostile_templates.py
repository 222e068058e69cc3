"""Hostile templates from a data repository: they may read no file outside the template
folders, put no local file into a document, hang or exhaust nothing, and ``udv render
--check`` refuses what ``udv render`` refuses.

A "secret" file beside the plan stands for ``/proc/self/environ`` or a key file: its text
must never appear in any output.
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from conftest import run_in_process
from hostile_support import AS_OF, assert_clean_failure, plan, udv
from udvikling.errors import DataError

SECRET = "HEMMELIGT-TOKEN-4711"
NOTAT = "templates/notat.md.j2"
# A 1x1 PNG picture.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8cfc0f01f0005000201e2d5b7e10000000049454e44ae426082"
)


def _planted(tmp_path: Path, template: str, extra: dict[str, str | bytes] | None = None) -> Path:
    (tmp_path / "hemmelig.txt").write_text(SECRET + "\n", encoding="utf-8")
    return plan(tmp_path / "plan", {NOTAT: template, **(extra or {})})


@pytest.fixture
def render(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """``udv render notat`` (in this process) on a plan with a hostile template: it must
    fail as data (exit 1) and never show the secret; returns all output."""

    def run_render(root: Path, *args: str) -> str:
        code, output = run_in_process(
            capsys, "render", "notat", "--root", str(root), "--as-of", AS_OF, *args
        )
        assert code == 1, output
        assert SECRET not in output
        return output

    return run_render


@pytest.fixture
def check(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """``udv render --check``: it must refuse (exit 1) and never show the secret."""

    def run_check(root: Path) -> str:
        code, output = run_in_process(capsys, "render", "--check", "--root", str(root))
        assert code == 1, output
        assert SECRET not in output
        return output

    return run_check


@pytest.mark.parametrize("tag", ["include", "import", "extends", "from"])
@pytest.mark.parametrize("name", ["{secret}", "../hemmelig.txt", "../../plan/../hemmelig.txt"])
def test_templates_never_read_files_outside_the_template_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tag: str, name: str
) -> None:
    target = name.format(secret=tmp_path / "hemmelig.txt")
    statement = {
        "include": f'{{% include "{target}" %}}',
        "import": f'{{% import "{target}" as x %}}{{{{ x }}}}',
        "extends": f'{{% extends "{target}" %}}',
        "from": f'{{% from "{target}" import y %}}',
    }[tag]
    root = _planted(tmp_path, statement + "\n")
    out = tmp_path / "notat.md"
    args = ("render", "notat", "--root", str(root), "--as-of", AS_OF, "-o", str(out))
    code, output = run_in_process(capsys, *args)
    assert code == 1 and "udv: fejl: Skabelonen kan ikke bruges" in output
    code, output = run_in_process(capsys, "render", "--check", "--root", str(root))
    assert code == 1 and f"{NOTAT}:1:" in output
    assert SECRET not in output and not out.exists()


def test_template_that_is_a_link_out_of_the_folder(tmp_path: Path, render: Any, check: Any) -> None:
    root = _planted(tmp_path, "")
    (root / NOTAT).unlink()
    (root / NOTAT).symlink_to(tmp_path / "hemmelig.txt")
    assert "peger uden for skabelonmappen" in render(root)
    assert "peger uden for skabelonmappen" in check(root)


def test_template_folder_that_is_a_link_out_of_the_plan(
    tmp_path: Path, render: Any, check: Any
) -> None:
    root = _planted(tmp_path, "")
    (root / NOTAT).unlink()
    (root / "templates").rmdir()
    elsewhere = tmp_path / "andre"
    elsewhere.mkdir()
    (elsewhere / "notat.md.j2").write_text("{% include 'x' %}" + SECRET, encoding="utf-8")
    (root / "templates").symlink_to(elsewhere)
    assert "templates/ peger uden for datamappen" in render(root)
    check(root)


def test_link_inside_the_template_folder_is_followed(tmp_path: Path) -> None:
    root = _planted(tmp_path, "", {"templates/eget.md.j2": "# Egen {{ titel }}\n"})
    (root / NOTAT).unlink()
    (root / NOTAT).symlink_to(root / "templates/eget.md.j2")
    result = udv("render", "notat", "--root", str(root), "--as-of", AS_OF, cwd=root)
    assert "# Egen Status" in assert_clean_failure(result, 0)


def test_template_that_is_a_fifo_never_hangs(tmp_path: Path) -> None:
    # In a subprocess with a time limit: a regression here would hang, not fail.
    root = _planted(tmp_path, "")
    (root / NOTAT).unlink()
    os.mkfifo(root / NOTAT)
    for args in (["render", "notat", "--as-of", AS_OF], ["render", "--check"]):
        result = udv(*args, "--root", str(root), cwd=root, timeout=30)
        assert "FIFO" in assert_clean_failure(result, 1)


def test_template_that_is_not_utf8(tmp_path: Path, render: Any, check: Any) -> None:
    root = _planted(tmp_path, "")
    (root / NOTAT).write_bytes("# Ældre\n".encode("cp1252"))
    assert "ikke gemt som UTF-8" in render(root)
    assert "ikke gemt som UTF-8" in check(root)


@pytest.mark.parametrize(
    ("fmt", "picture"),
    [
        ("docx", "{secret}"),
        ("docx", "../hemmelig.txt"),
        ("docx", "http://127.0.0.1:9/x.png"),
        ("html", "{secret}"),
        ("html", "file:///etc/passwd"),
    ],
)
def test_no_local_file_or_address_reaches_a_document(
    tmp_path: Path, fmt: str, picture: str, render: Any, check: Any
) -> None:
    target = picture.format(secret=tmp_path / "hemmelig.txt")
    root = _planted(tmp_path, f"# Notat\n\n![Billede]({target})\n")
    out = tmp_path / f"notat.{fmt}"
    output = render(root, "-f", fmt, "-o", str(out))
    assert "Dokumentet kan ikke laves" in output
    assert not out.exists()
    assert "hverken udv's eget" in check(root)


def test_reference_style_picture_is_refused_too(tmp_path: Path, render: Any) -> None:
    template = f"# Notat\n\n![Billede][b]\n\n[b]: {tmp_path / 'hemmelig.txt'}\n"
    root = _planted(tmp_path, template)
    assert "Dokumentet kan ikke laves" in render(root, "-f", "docx", "-o", str(tmp_path / "n.docx"))


def test_pictures_in_the_template_folder_are_embedded(tmp_path: Path) -> None:
    root = _planted(tmp_path, "# Notat\n\n![Logo](logo.png)\n", {"templates/logo.png": PNG})
    out = tmp_path / "notat.docx"
    args = ["render", "notat", "--root", str(root), "--as-of", AS_OF, "-f", "docx", "-o", str(out)]
    assert_clean_failure(udv(*args, cwd=root), 0)
    with zipfile.ZipFile(out) as archive:
        media = [archive.read(n) for n in archive.namelist() if n.startswith("word/media/")]
    assert PNG in media
    html = udv(*args[:-4], "-f", "html", "-o", str(tmp_path / "n.html"), cwd=root)
    assert_clean_failure(html, 0)
    assert "data:image/png;base64," in (tmp_path / "n.html").read_text(encoding="utf-8")
    check = udv("render", "--check", "--root", str(root), cwd=root)
    assert_clean_failure(check, 0)


# -- resource limits -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "needle"),
    [
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "range",
        ),
        ("{{ 'x' * 2000000000 }}", "gentagelse"),
        ("{{ [1, 2] * 999999999 }}", "gentagelse"),
        ("{{ 7 ** 99999999 }}", "for stort"),
        ("{{ 'x'.center(4000000000) }}", "hukommelse"),
        ("{{ '%0999999999d' % 1 }}", "formatering"),
        ("{{ '{:>999999999}'.format(1) }}", "formatering"),
        ("{{ '%0999999999d' | format(1) }}", "formatering"),
    ],
)
def test_template_evaluation_is_bounded(
    tmp_path: Path, template: str, needle: str, render: Any
) -> None:
    root = _planted(tmp_path, template + "\n")
    started = time.monotonic()
    output = render(root)
    assert time.monotonic() - started < 30
    assert "udv: fejl: Skabelonen blev stoppet" in output and needle in output


def test_template_that_includes_itself(tmp_path: Path, render: Any) -> None:
    root = _planted(tmp_path, '{% include "notat.md.j2" %}\n')
    assert "kalder sig selv uden ende" in render(root)


def test_template_arithmetic_errors_are_data_errors(tmp_path: Path, render: Any) -> None:
    root = _planted(tmp_path, "# {{ 1 / 0 }}\n")
    assert "notat.md.j2, linje 1 kunne ikke udfyldes" in render(root)


def test_template_time_limit(tmp_path: Path) -> None:
    # Nested loops over a string: no single step is large, the whole would take hours.
    from udvikling.render.documents import render_markdown

    loops = "{% set s = 'x' * 100000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}"
    root = _planted(tmp_path, loops)
    started = time.monotonic()
    with pytest.raises(DataError, match="mere end 2 sekunder"):
        render_markdown(root, "notat.md.j2", {}, seconds=2)
    assert time.monotonic() - started < 10


def test_template_output_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from udvikling.render import limits
    from udvikling.render.documents import render_markdown

    monkeypatch.setattr(limits, "MAX_OUTPUT_BYTES", 1024 * 1024)  # 50 MB in real use
    flood = "{% for i in range(30000) %}{{ 'x' * 70 }}{% endfor %}"
    root = _planted(tmp_path, flood)
    with pytest.raises(DataError, match="mere end 1 MB tekst"):
        render_markdown(root, "notat.md.j2", {})


def _bomb(size: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/styles.xml", b"<w:styles/>" + b" " * size)
    return buffer.getvalue()


def test_reference_docx_zip_bomb(tmp_path: Path, render: Any, check: Any) -> None:
    bomb = _bomb(200 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024  # small on disk, 200 MB inflated
    root = _planted(tmp_path, "# Notat\n", {"templates/reference.docx": bomb})
    output = render(root, "-f", "docx", "-o", str(tmp_path / "n.docx"))
    assert "udpakket mere end 64 MB" in output
    assert not (tmp_path / "n.docx").exists()
    assert "udpakket mere end 64 MB" in check(root)


@pytest.mark.parametrize(
    ("content", "needle"),
    [(b"ikke en zip", "ikke et Word-dokument"), (_bomb(10)[:200], "ikke et Word-dokument")],
)
def test_reference_docx_that_is_not_a_document(
    tmp_path: Path, content: bytes, needle: str, render: Any, check: Any
) -> None:
    root = _planted(tmp_path, "# Notat\n", {"templates/reference.docx": content})
    assert needle in render(root, "-f", "docx", "-o", str(tmp_path / "n.docx"))
    assert needle in check(root)


def test_reference_docx_link_out_of_the_folder(tmp_path: Path, render: Any) -> None:
    root = _planted(tmp_path, "# Notat\n")
    (root / "templates/reference.docx").symlink_to(tmp_path / "hemmelig.txt")
    assert "peger uden for skabelonmappen" in render(
        root, "-f", "docx", "-o", str(tmp_path / "n.docx")
    )


def test_stylesheet_link_out_of_the_folder(tmp_path: Path, render: Any) -> None:
    root = _planted(tmp_path, "# Notat\n")
    (root / "templates/udv.css").symlink_to(tmp_path / "hemmelig.txt")
    output = render(root, "-f", "html", "-o", str(tmp_path / "n.html"))
    assert "peger uden for skabelonmappen" in output
    assert not (tmp_path / "n.html").exists()


# -- render --check refuses what render refuses ---------------------------------------------


@pytest.mark.parametrize(
    ("files", "needle"),
    [
        ({NOTAT: "{% include navn %}\n"}, "fast tekst"),
        ({NOTAT: '{% include "del.md.j2" %}\n'}, "del.md.j2: skabelonen findes ikke"),
        (
            {NOTAT: '{% include "del.md.j2" %}\n', "templates/del.md.j2": "{% if %}\n"},
            "templates/del.md.j2:1: syntaksfejl",
        ),
        (
            {NOTAT: '{% include "del.md.j2" %}\n', "templates/del.md.j2": "{{ hemmelig }}\n"},
            "templates/del.md.j2:1: ukendt variabel 'hemmelig'",
        ),
    ],
)
def test_check_follows_includes(
    tmp_path: Path, files: dict[str, str], needle: str, check: Any
) -> None:
    root = plan(tmp_path, files)
    assert needle in check(root)
    result = udv("render", "notat", "--root", str(root), "--as-of", AS_OF, cwd=root)
    assert_clean_failure(result, 1)
