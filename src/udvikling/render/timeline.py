"""The process plan's timeline: a Gantt chart of the initiatives and the meetings.

Laid out as a :class:`~udvikling.render.drawing.Drawing` at print size (the text width of an
A4 page; labels 8 pt or more when printed), then written as SVG (HTML, Word 2016+) or PNG
(Word's fallback for programs without SVG). Labels wrap instead of being cut; the years are
marked at their first day; the cut-off date's label always stays inside the picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from udvikling import chrono
from udvikling.danish import danish_sort_key, format_date
from udvikling.load import Dataset
from udvikling.model import Initiative
from udvikling.render.drawing import Circle, Drawing, Line, Polygon, Rect, Text
from udvikling.render.metrics import text_width, wrap

WIDTH = 620  # CSS pixels: the text width of an A4 page with 2,2 cm margins
LABEL = 280  # the label column
RIGHT = 8
SIZE = 10.7  # 8 pt in print
LEADING = 11  # a wrapped label's next line
ROW = 13.5
TOP = 24
INK = "#222222"
TRACK_INK = "#1f3b57"
TODAY = "#c0392b"
COLOURS = {
    "planlagt": "#9ec5e8",
    "i-gang": "#2f6f9f",
    "afsluttet": "#7a9a5a",
    "udskudt": "#c9a227",
    "opgivet": "#b0b0b0",
}
STATUS_WORDS = {
    "planlagt": "planlagt",
    "i-gang": "i gang",
    "afsluttet": "afsluttet",
    "udskudt": "udskudt",
    "opgivet": "opgivet",
}


@dataclass(frozen=True, slots=True)
class _Bar:
    label: str
    first: date
    last: date | None
    status: str
    marks: tuple[date, ...]


def _bars(dataset: Dataset, initiatives: list[Initiative]) -> list[_Bar]:
    bars = []
    for initiative in initiatives:
        first = chrono.span_start(initiative)
        if first is None:
            continue
        marks = tuple(
            due.end
            for m in initiative.milestones
            if (due := chrono.milestone_due(m, dataset.meetings)) is not None
        )
        last = chrono.span_end(initiative)
        if last is None and initiative.status == "afsluttet":
            # Completed without a date: the bar ends at the last thing we know happened.
            known = [m.done.end for m in initiative.milestones if m.done is not None]
            known += [u.date.end for u in initiative.updates]
            last = max(known, default=None)
        bars.append(_Bar(initiative.title, first, last, initiative.status or "", marks))
    return bars


def _new_year(year: int) -> date:
    """1 January of ``year``; the last day there is for a year after 9999."""
    return date(year, 1, 1) if year <= date.max.year else date.max


@dataclass(frozen=True, slots=True)
class _Scale:
    """Days to x: whole half-years around the dates shown, over the plot's width."""

    begin: date
    end: date

    @classmethod
    def around(cls, days: list[date]) -> _Scale:
        first, last = min(days), max(days)
        begin = date(first.year, 1 if first.month <= 6 else 7, 1)
        end = _new_year(last.year + 1) if last.month > 6 else date(last.year, 7, 1)
        return cls(begin, end)

    def x(self, day: date) -> float:
        span = max((self.end - self.begin).days, 1)
        return LABEL + (WIDTH - RIGHT - LABEL) * (day - self.begin).days / span


def _lanes(dataset: Dataset) -> list[tuple[str, list[_Bar]]]:
    lanes: list[tuple[str, list[_Bar]]] = []
    for track_id, track in dataset.config.tracks.items():
        members = sorted(
            (i for i in dataset.initiatives.values() if i.track == track_id),
            key=lambda i: (chrono.span_start(i) or date.max, danish_sort_key(i.title)),
        )
        bars = _bars(dataset, members)
        if bars:
            lanes.append((track.name, bars))
    return lanes


def timeline_drawing(dataset: Dataset, at: date) -> Drawing:
    """The timeline laid out: a lane per track, then a row per meeting body; ``at`` in red."""
    lanes = _lanes(dataset)
    bodies: dict[str, list[date]] = {}
    for meeting in dataset.meetings.values():
        bodies.setdefault(meeting.body, []).append(meeting.date.end)
    days = [b.first for _, bars in lanes for b in bars]
    days += [b.last for _, bars in lanes for b in bars if b.last is not None]
    days += [d for dates in bodies.values() for d in dates]
    days.append(at)
    scale = _Scale.around(days)
    rows: list[tuple[list[str], bool, object]] = []  # label lines, bold, what to draw
    for name, bars in lanes:
        rows.append((wrap(name, LABEL - 8, SIZE, bold=True), True, None))
        rows.extend((wrap(bar.label, LABEL - 16, SIZE), False, bar) for bar in bars)
    rows.append((["Møder"], True, None))
    for body_id in sorted(bodies, key=lambda b: min(bodies[b])):
        body = dataset.config.bodies.get(body_id)
        label = body.name if body else body_id
        rows.append((wrap(label, LABEL - 16, SIZE), False, (label, sorted(bodies[body_id]))))
    plot_bottom = TOP + sum(ROW + LEADING * (len(lines) - 1) for lines, _, _ in rows)
    legend, legend_height = _legend(plot_bottom + 34)
    drawing = Drawing(WIDTH, plot_bottom + 34 + legend_height + 4)
    _years(drawing, scale, plot_bottom)
    y = float(TOP)
    for lines, bold, item in rows:
        height = ROW + LEADING * (len(lines) - 1)
        indent = 2 if bold else 10
        for number, line in enumerate(lines):
            drawing.add(
                Text(indent, y + 10 + LEADING * number, line, SIZE,
                     TRACK_INK if bold else INK, bold)
            )  # fmt: skip
        middle = y + ROW / 2
        if isinstance(item, _Bar):
            _bar(drawing, item, scale, middle)
        elif isinstance(item, tuple):
            label, dates = item
            for day in dates:
                title = f"{label} {day.isoformat()}"
                drawing.add(Circle(scale.x(day), middle, 3.5, "#8b1e3f", title))
        y += height
    now = scale.x(at)
    drawing.add(Line(now, TOP - 4, now, plot_bottom + 2, TODAY, 1.2))
    label = format_date(at)
    width = text_width(label, SIZE)
    left = min(max(now - width / 2, LABEL), WIDTH - RIGHT - width)
    drawing.add(Text(left, plot_bottom + 13, label, SIZE, TODAY))
    drawing.shapes.extend(legend)
    return drawing


def _years(drawing: Drawing, scale: _Scale, bottom: float) -> None:
    """Alternate years shaded, a line at each 1 January with the year beside it, a dotted
    line at each 1 July."""
    begin, end, x = scale.begin, scale.end, scale.x
    year = begin.year
    while year <= date.max.year and date(year, 1, 1) < end:
        left = x(max(date(year, 1, 1), begin))
        right = x(min(_new_year(year + 1), end))
        shade = "#eef2f6" if year % 2 == 0 else "#f8fafc"
        drawing.add(Rect(left, TOP - 4, right - left, bottom - TOP + 6, shade))
        label = str(year)
        if date(year, 1, 1) >= begin or right - left >= text_width(label, SIZE, bold=True) + 6:
            drawing.add(Text(left + 3, TOP - 8, label, SIZE, "#333333", bold=True))
        if date(year, 1, 1) >= begin:
            drawing.add(Line(left, TOP - 18, left, bottom + 2, "#8c9aa8", 0.8))
        july = date(year, 7, 1)
        if begin < july < end:
            drawing.add(Line(x(july), TOP - 4, x(july), bottom + 2, "#c3ccd5", 0.6, True))
        year += 1


def _bar(drawing: Drawing, bar: _Bar, scale: _Scale, middle: float) -> None:
    x, end = scale.x, scale.end
    left = x(bar.first)
    right = x(bar.last) if bar.last is not None else x(end) - 2
    open_ended = bar.last is None
    title = f"{bar.label} ({STATUS_WORDS.get(bar.status, bar.status)})"
    drawing.add(
        Rect(left, middle - 4.5, max(right - left, 3.0), 9, COLOURS.get(bar.status, "#2f6f9f"),
             TRACK_INK if open_ended else None, open_ended, title)
    )  # fmt: skip
    for mark in bar.marks:
        if scale.begin <= mark <= end:
            mx = x(mark)
            drawing.add(
                Polygon(((mx, middle - 5), (mx + 4, middle), (mx, middle + 5), (mx - 4, middle)),
                        "#d9822b", "#ffffff")
            )  # fmt: skip


def _legend(top: float) -> tuple[list[Text | Rect | Polygon | Circle], float]:
    """The legend under the plot, wrapped onto more lines if it does not fit on one."""
    entries: list[tuple[str, str]] = [
        ("i-gang", "I gang"),
        ("planlagt", "Planlagt"),
        ("afsluttet", "Afsluttet"),
        ("udskudt", "Udskudt"),
        ("milepael", "Milepæl"),
        ("moede", "Møde"),
        ("idag", "Skæringsdato"),
    ]
    shapes: list[Text | Rect | Polygon | Circle] = []
    lx, ly = float(LABEL), top
    for kind, word in entries:
        needed = 18 + text_width(word, SIZE) + 14
        if lx + needed > WIDTH - RIGHT and lx > LABEL:
            lx, ly = float(LABEL), ly + ROW
        if kind in COLOURS:
            shapes.append(Rect(lx, ly - 8, 14, 8, COLOURS[kind]))
        elif kind == "milepael":
            shapes.append(
                Polygon(((lx + 7, ly - 9), (lx + 11, ly - 4), (lx + 7, ly + 1), (lx + 3, ly - 4)),
                        "#d9822b")
            )  # fmt: skip
        elif kind == "moede":
            shapes.append(Circle(lx + 7, ly - 4, 3.5, "#8b1e3f"))
        else:
            shapes.append(Rect(lx + 6.4, ly - 10, 1.2, 12, TODAY))
        shapes.append(Text(lx + 18, ly, word, SIZE, INK))
        lx += needed
    return shapes, ly - top + ROW
