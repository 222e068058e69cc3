"""The shipped templates reach a non-editable install, and every package is listed.

pyproject.toml lists its packages (instead of finding them) so that the top-level
``templates/`` folder ships as ``udvikling._templates``; a package added under ``src/``
without being listed there would be missing from a wheel, so this test names it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _pyproject() -> dict[str, object]:
    with (REPO / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_every_package_under_src_is_listed() -> None:
    setuptools = _pyproject()["tool"]["setuptools"]  # type: ignore[index]
    listed = set(setuptools["packages"])
    found = {
        ".".join(init.parent.relative_to(REPO / "src").parts)
        for init in (REPO / "src").rglob("__init__.py")
    }
    missing = found - listed
    assert not missing, f"tilføj {sorted(missing)} til [tool.setuptools] packages i pyproject.toml"
    assert setuptools["package-dir"]["udvikling._templates"] == "templates"


def test_shipped_templates_are_the_top_level_folder() -> None:
    """Editable install: the folder itself; a normal install (as CI does): the same files."""
    from udvikling.render.environment import shipped_dir

    shipped = shipped_dir()
    if shipped.resolve() == (REPO / "templates").resolve():
        return
    source = {
        p.relative_to(REPO / "templates").as_posix(): p.read_bytes()
        for p in (REPO / "templates").rglob("*")
        if p.suffix in {".j2", ".css", ".docx", ".js"}
    }
    assert source, "templates/ er tom"
    assert "site/base.html.j2" in source
    assert {name: (shipped / name).read_bytes() for name in source} == source


def test_package_data_covers_every_template_file() -> None:
    """The globs that decide the wheel's content (tests/test_build_backend.py builds it)."""
    import fnmatch

    data = _pyproject()["tool"]["setuptools"]["package-data"]  # type: ignore[index]
    # A folder below templates/ is a package of its own (udvikling._templates.site), so
    # setuptools neither warns nor, in time, leaves it out.
    globs = [
        *data["udvikling._templates"],
        *(f"site/{g}" for g in data["udvikling._templates.site"]),
    ]
    folder = REPO / "templates"
    files = [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()]
    assert "notat.md.j2" in files and "reference.docx" in files and "site/site.js" in files

    def matches(name: str, glob: str) -> bool:
        # setuptools' globs, unlike fnmatch, do not let "*" cross a folder.
        parts, pattern = name.split("/"), glob.split("/")
        return len(parts) == len(pattern) and all(
            fnmatch.fnmatch(part, want) for part, want in zip(parts, pattern, strict=True)
        )

    for name in files:
        assert any(matches(name, g) for g in globs), f"{name} kommer ikke med i hjulet"
