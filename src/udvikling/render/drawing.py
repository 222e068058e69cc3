"""A small vector drawing (rectangles, lines, circles, polygons, text) written as SVG or PNG.

The timeline is laid out once as a :class:`Drawing` and written twice: as SVG for HTML and
Word 2016+, and as PNG (with Pillow) for programs that cannot show SVG. Coordinates are CSS
pixels (1/96 inch), so a drawing 620 wide fills the text width of an A4 page at print size.
Text is laid out with Arial's widths (:mod:`udvikling.render.metrics`); the PNG uses Arial or
a font with the same widths when the system has one, and shrinks text set in another font
to the width it was laid out for.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from udvikling.render.metrics import text_width

FONT_FAMILY = "Arial, Helvetica, 'Liberation Sans', sans-serif"
# Fonts with Arial's widths first; any sans-serif after that.
LEGIBLE = 4  # pixels: smaller text is left out of the PNG
_REGULAR_FONTS = ("LiberationSans-Regular.ttf", "Arial.ttf", "arial.ttf", "DejaVuSans.ttf")
_BOLD_FONTS = ("LiberationSans-Bold.ttf", "Arial Bold.ttf", "arialbd.ttf", "DejaVuSans-Bold.ttf")


def escape(text: str) -> str:
    """``text`` as XML character data: ``&``, ``<`` and ``>`` escaped, as
    ``xml.sax.saxutils.escape`` does (whose import brings urllib, http and email along:
    40 ms of every site build). Also an attribute's value in double quotes when it holds
    no double quote nor line break, as :data:`FONT_FAMILY`."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str
    stroke: str | None = None
    dashed: bool = False
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str
    width: float = 1.0
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Polygon:
    points: tuple[tuple[float, float], ...]
    fill: str
    stroke: str | None = None


@dataclass(frozen=True, slots=True)
class Text:
    """Text whose baseline starts (or centres, or ends: ``anchor``) at ``x``, ``y``."""

    x: float
    y: float
    text: str
    size: float
    fill: str = "#222222"
    bold: bool = False
    anchor: str = "start"

    @property
    def width(self) -> float:
        return text_width(self.text, self.size, bold=self.bold)


Shape = Rect | Line | Circle | Polygon | Text


@dataclass
class Drawing:
    width: float
    height: float
    shapes: list[Shape] = field(default_factory=list)

    def add(self, shape: Shape) -> None:
        self.shapes.append(shape)


def _n(value: float) -> str:
    return f"{round(value, 1):g}"


def to_svg(drawing: Drawing) -> str:
    """The drawing as an SVG document."""
    w, h = _n(drawing.width), _n(drawing.height)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" font-family="{escape(FONT_FAMILY)}">',
        f'<rect x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/>',
    ]
    for shape in drawing.shapes:
        out.append(_svg_shape(shape))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _svg_title(title: str | None) -> str:
    return f"<title>{escape(title)}</title>" if title else ""


def _svg_shape(shape: Shape) -> str:
    if isinstance(shape, Rect):
        stroke = f' stroke="{shape.stroke}" stroke-width="0.8"' if shape.stroke else ""
        dash = ' stroke-dasharray="3,2"' if shape.dashed else ""
        body = _svg_title(shape.title)
        return (
            f'<rect x="{_n(shape.x)}" y="{_n(shape.y)}" width="{_n(shape.width)}" '
            f'height="{_n(shape.height)}" fill="{shape.fill}"{stroke}{dash}'
            + (f">{body}</rect>" if body else "/>")
        )
    if isinstance(shape, Line):
        dash = ' stroke-dasharray="2,2"' if shape.dashed else ""
        return (
            f'<line x1="{_n(shape.x1)}" y1="{_n(shape.y1)}" x2="{_n(shape.x2)}" '
            f'y2="{_n(shape.y2)}" stroke="{shape.stroke}" stroke-width="{_n(shape.width)}"{dash}/>'
        )
    if isinstance(shape, Circle):
        body = _svg_title(shape.title)
        return (
            f'<circle cx="{_n(shape.cx)}" cy="{_n(shape.cy)}" r="{_n(shape.r)}" '
            f'fill="{shape.fill}"' + (f">{body}</circle>" if body else "/>")
        )
    if isinstance(shape, Polygon):
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in shape.points)
        stroke = f' stroke="{shape.stroke}" stroke-width="0.6"' if shape.stroke else ""
        return f'<polygon points="{points}" fill="{shape.fill}"{stroke}/>'
    weight = ' font-weight="bold"' if shape.bold else ""
    anchor = f' text-anchor="{shape.anchor}"' if shape.anchor != "start" else ""
    return (
        f'<text x="{_n(shape.x)}" y="{_n(shape.y)}" font-size="{_n(shape.size)}"'
        f'{weight}{anchor} fill="{shape.fill}">{escape(shape.text)}</text>'
    )


def to_png(drawing: Drawing, scale: float = 3.0, most: int = 3000) -> bytes:
    """The drawing as a PNG, ``scale`` pixels per CSS pixel (3 gives 288 dpi in print), but
    at most ``most`` pixels high: a drawing taller than a page is printed smaller anyway."""
    from PIL import Image, ImageDraw

    scale = min(scale, most / drawing.height)

    image = Image.new("RGB", (round(drawing.width * scale), round(drawing.height * scale)), "white")
    draw = ImageDraw.Draw(image)

    def s(value: float) -> float:
        return value * scale

    for shape in drawing.shapes:
        if isinstance(shape, Rect):
            box = (s(shape.x), s(shape.y), s(shape.x + shape.width), s(shape.y + shape.height))
            draw.rectangle(box, fill=shape.fill)
            if shape.stroke:
                _outline(draw, box, shape.stroke, max(1, round(s(0.8))), shape.dashed, scale)
        elif isinstance(shape, Line):
            ends = (s(shape.x1), s(shape.y1), s(shape.x2), s(shape.y2))
            width = max(1, round(s(shape.width)))
            if shape.dashed:
                _dashed(draw, ends, shape.stroke, width, s(2), s(2))
            else:
                draw.line(ends, fill=shape.stroke, width=width)
        elif isinstance(shape, Circle):
            r = s(shape.r)
            draw.ellipse((s(shape.cx) - r, s(shape.cy) - r, s(shape.cx) + r, s(shape.cy) + r),
                         fill=shape.fill)  # fmt: skip
        elif isinstance(shape, Polygon):
            draw.polygon([(s(x), s(y)) for x, y in shape.points], fill=shape.fill,
                         outline=shape.stroke)  # fmt: skip
        else:
            _text(draw, shape, scale)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(96 * scale, 96 * scale))
    return buffer.getvalue()


def _outline(
    draw: object, box: tuple[float, float, float, float], colour: str, width: int, dashed: bool,
    scale: float,
) -> None:  # fmt: skip
    x0, y0, x1, y1 = box
    for ends in ((x0, y0, x1, y0), (x1, y0, x1, y1), (x1, y1, x0, y1), (x0, y1, x0, y0)):
        if dashed:
            _dashed(draw, ends, colour, width, 3 * scale, 2 * scale)
        else:
            draw.line(ends, fill=colour, width=width)  # type: ignore[attr-defined]


def _dashed(
    draw: object, ends: tuple[float, float, float, float], colour: str, width: int, on: float,
    off: float,
) -> None:  # fmt: skip
    x0, y0, x1, y1 = ends
    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
    if length == 0:
        return
    dx, dy = (x1 - x0) / length, (y1 - y0) / length
    position = 0.0
    while position < length:
        stop = min(position + on, length)
        segment = (x0 + dx * position, y0 + dy * position, x0 + dx * stop, y0 + dy * stop)
        draw.line(segment, fill=colour, width=width)  # type: ignore[attr-defined]
        position = stop + off


_FONTS: dict[tuple[bool, int], object] = {}


def _font(bold: bool, size: int) -> object:
    """A TrueType font at ``size`` pixels: Arial's widths if the system has such a font."""
    from PIL import ImageFont

    key = (bold, size)
    if key not in _FONTS:
        font: object | None = None
        for name in _BOLD_FONTS if bold else _REGULAR_FONTS:
            try:
                font = ImageFont.truetype(name, size)
                break
            except OSError:
                continue
        _FONTS[key] = font if font is not None else ImageFont.load_default(size)
    return _FONTS[key]


def _text(draw: object, shape: Text, scale: float) -> None:
    size = shape.size * scale
    if size < LEGIBLE:
        return  # a drawing of thousands of rows, shrunk to a page: no text can be read
    font = _font(shape.bold, max(1, round(size)))
    wanted = shape.width * scale
    actual = float(font.getlength(shape.text))  # type: ignore[attr-defined]
    if actual > wanted * 1.02 and actual > 0:
        # Another font than Arial: set it smaller, so it takes the room it was given.
        font = _font(shape.bold, max(1, int(size * wanted / actual)))
        actual = float(font.getlength(shape.text))  # type: ignore[attr-defined]
    x = shape.x * scale
    if shape.anchor == "middle":
        x -= actual / 2
    elif shape.anchor == "end":
        x -= actual
    draw.text((x, shape.y * scale), shape.text, fill=shape.fill, font=font, anchor="ls")  # type: ignore[attr-defined]
