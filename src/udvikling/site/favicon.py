"""The site's icon: a small SVG that udv writes itself (never a data repository's file).

Three rising bars in the site's accent colour on white, drawn with shapes only (no text, so
no font is needed, and no script or link, so the file is inert when opened on its own).
"""

from __future__ import annotations

ACCENT = "#1f4e79"


def favicon_svg() -> bytes:
    """The icon as SVG, square, readable at 16 px."""
    bars = "".join(
        f'<rect x="{x}" y="{32 - h}" width="7" height="{h - 4}" rx="1" fill="#fff"/>'
        for x, h in ((6, 14), (13.5, 21), (21, 28))
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32">'
        f'<rect width="32" height="32" rx="6" fill="{ACCENT}"/>{bars}</svg>\n'
    ).encode()
