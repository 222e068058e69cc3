"""House-style files from a data repository point nowhere outside the document (issue 24,
item 3): a ``reference.docx`` with an attached template on a network share, an external
picture or an ``INCLUDEPICTURE``/``INCLUDETEXT`` field, and a ``udv.css`` or ``site.css`` that
imports or loads from an address, are refused by ``udv render``, ``udv site`` and
``udv render --check`` (exit 1, a Danish message).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from hostile_support import AS_OF, plan
from udvikling.render.templatefiles import shipped_dir

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _docx(change: dict[str, Any]) -> bytes:
    """udv's own reference.docx with parts replaced (a function of the old bytes) or added."""
    source = zipfile.ZipFile(shipped_dir() / "reference.docx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        for name in names:
            data = source.read(name)
            if name in change:
                data = change[name](data) if callable(change[name]) else change[name]
            target.writestr(name, data)
        for name, data in change.items():
            if name not in names:
                target.writestr(name, data)
    return out.getvalue()


def _rels(kind: str, target: str, mode: str = "External") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG}">'
        f'<Relationship Id="rIdX" Type="{REL}/{kind}" Target="{target}" TargetMode="{mode}"/>'
        "</Relationships>"
    ).encode()


def _in_body(xml: bytes) -> Any:
    return lambda data: data.replace(b"</w:body>", xml + b"</w:body>")


ATTACHED = {
    "word/_rels/settings.xml.rels": _rels("attachedTemplate", "file:///\\\\host\\share\\t.dotm")
}
PICTURE = {
    "word/_rels/document.xml.rels": lambda data: data.replace(
        b"</Relationships>",
        f'<Relationship Id="rIdP" Type="{REL}/image" Target="https://x.example/p.png" '
        'TargetMode="External"/></Relationships>'.encode(),
    )
}
INCLUDEPICTURE = {
    "word/header1.xml": lambda data: data.replace(
        b"</w:hdr>",
        b'<w:p><w:fldSimple w:instr=" INCLUDEPICTURE &quot;https://x.example/p.png&quot; \\d">'
        b"<w:r><w:t>x</w:t></w:r></w:fldSimple></w:p></w:hdr>",
    )
}
INCLUDETEXT_SPLIT = {
    "word/document.xml": _in_body(
        b'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        b'<w:r><w:instrText xml:space="preserve"> INCLUDE</w:instrText></w:r>'
        b'<w:r><w:instrText xml:space="preserve">TEXT "\\\\\\\\host\\\\x.docx" </w:instrText></w:r>'
        b'<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
}


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (ATTACHED, "(attachedTemplate)"),
        (PICTURE, "(image)"),
        (INCLUDEPICTURE, "feltet INCLUDEPICTURE"),
        (INCLUDETEXT_SPLIT, "feltet INCLUDE"),
    ],
)
def test_reference_docx_that_points_outside_is_refused(
    tmp_path: Path, quick: Any, change: dict[str, Any], needle: str
) -> None:
    root = plan(tmp_path / "plan", {"templates/reference.docx": _docx(change)})
    code, output = quick(
        root, "render", "notat", "-f", "docx", "-o", "../n.docx", "--as-of", AS_OF, "--root", "."
    )
    assert code == 1 and needle in output and "henter" in output, output
    assert not (tmp_path / "n.docx").exists()
    code, output = quick(root, "render", "--check", "--root", ".")
    assert code == 1 and needle in output, output


def test_reference_docx_with_a_hyperlink_is_used(tmp_path: Path, quick: Any) -> None:
    # A hyperlink waits for a click; only what Word fetches by itself is refused.
    link = {
        "word/_rels/document.xml.rels": lambda data: data.replace(
            b"</Relationships>",
            f'<Relationship Id="rIdH" Type="{REL}/hyperlink" Target="https://x.example/" '
            'TargetMode="External"/></Relationships>'.encode(),
        )
    }
    root = plan(tmp_path / "plan", {"templates/reference.docx": _docx(link)})
    code, output = quick(root, "render", "--check", "--root", ".")
    assert code == 0, output


@pytest.mark.parametrize(
    "css",
    [
        '@import url("https://x.example/a.css");\n',
        "@\\69mport 'https://x.example/a.css';\n",
        "body { background: url(https://x.example/spor.png) }\n",
        "body { background: u\\72l(//x.example/spor.png) }\n",
        "body { /* en kommentar */ background: URL( '//x.example/spor.png' ) }\n",
        'h1 { background-image: image-set("https://x.example/a.png" 1x) }\n',
    ],
)
def test_stylesheets_that_fetch_are_refused(tmp_path: Path, quick: Any, css: str) -> None:
    root = plan(tmp_path / "plan", {"templates/udv.css": css, "templates/site/site.css": css})
    code, output = quick(
        root, "render", "notat", "-f", "html", "-o", "../n.html", "--as-of", AS_OF, "--root", "."
    )
    assert code == 1 and "stilarket henter" in output, output
    code, output = quick(
        root, "site", "-o", "../websted", "--as-of", AS_OF, "--no-documents", "--root", "."
    )
    assert code == 1 and "stilarket henter" in output, output
    code, output = quick(root, "render", "--check", "--root", ".")
    assert code == 1 and "templates/udv.css" in output and "templates/site/site.css" in output


def test_a_stylesheet_with_data_addresses_is_used(tmp_path: Path, quick: Any) -> None:
    css = (
        'body { background: url("data:image/png;base64,iVBORw0KGgo=") }\n'
        'p::before { content: "\\201C" }\n'
    )
    root = plan(tmp_path / "plan", {"templates/udv.css": css})
    code, output = quick(
        root, "render", "notat", "-f", "html", "-o", "../n.html", "--as-of", AS_OF, "--root", "."
    )
    assert code == 0, output
    assert "data:image/png" in (tmp_path / "n.html").read_text("utf-8")
