"""Helpers for the website tests: build a site, read its pages, follow its links."""

from __future__ import annotations

import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from udvikling.cli import run

REPO = Path(__file__).resolve().parents[1]
AS_OF = "2024-12-15"


def build(root: Path, target: Path, *extra: str) -> int:
    """``udv site -o target --root root`` with ``extra`` options; the exit code."""
    return run(["site", "-o", str(target), "--root", str(root), *extra])


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action") and value is not None:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


def parse(page: Path) -> _Links:
    """The links (href, src, action) and element ids of an HTML page."""
    found = _Links()
    found.feed(page.read_text(encoding="utf-8"))
    return found


def html_files(site: Path) -> list[Path]:
    """Every HTML file of the site, the documents to download included."""
    return sorted(site.rglob("*.html"))


def broken_links(site: Path) -> list[str]:
    """``page: link`` for every link that does not resolve inside the site (fragments too)."""
    problems: list[str] = []
    ids: dict[Path, set[str]] = {}
    for page in html_files(site):
        parsed = parse(page)
        ids[page.resolve()] = parsed.ids
    for page in html_files(site):
        for link in parse(page).links:
            parts = urlsplit(link)
            if parts.scheme in ("data", "http", "https", "mailto"):
                continue
            if parts.scheme or parts.netloc or link.startswith("/"):
                problems.append(f"{page.relative_to(site)}: {link} (ikke relativ)")
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
            if not target.is_file() or site.resolve() not in target.parents:
                problems.append(f"{page.relative_to(site)}: {link}")
                continue
            if parts.fragment and parts.fragment not in ids.get(target, set()):
                problems.append(f"{page.relative_to(site)}: {link} (intet id)")
    return problems


def every_text(site: Path) -> dict[str, str]:
    """Each file's path and text, Word documents unpacked, names included."""
    texts: dict[str, str] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = str(path.relative_to(site))
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as archive:
                texts[rel] = rel + "\n".join(
                    archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
                )
        else:
            texts[rel] = rel + "\n" + path.read_bytes().decode("utf-8", "replace")
    return texts
