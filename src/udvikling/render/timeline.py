"""The process plan's timeline: a Gantt-style SVG of the initiatives and the meetings.

Plain SVG (rectangles, lines and text) written here, so no plotting library is needed; pandoc
embeds it in Word and the HTML page carries it inline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from udvikling import state
from udvikling.danish import danish_sort_key, format_date
from udvikling.load import Dataset
from udvikling.model import Initiative

WIDTH = 900
LABEL = 290
ROW = 17
TOP = 40
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


def _clip(text: str, limit: int = 44) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _bars(dataset: Dataset, initiatives: list[Initiative]) -> list[_Bar]:
    bars = []
    for initiative in initiatives:
        first = state.span_start(initiative)
        if first is None:
            continue
        marks = tuple(
            due.end
            for m in initiative.milestones
            if (due := state.milestone_due(m, dataset.meetings)) is not None
        )
        last = state.span_end(initiative)
        if last is None and initiative.status == "afsluttet":
            # Completed without a date: the bar ends at the last thing we know happened.
            known = [m.done.end for m in initiative.milestones if m.done is not None]
            known += [u.date.end for u in initiative.updates]
            last = max(known, default=None)
        bars.append(_Bar(initiative.title, first, last, initiative.status or "", marks))
    return bars


def timeline_svg(dataset: Dataset, at: date) -> str:
    """The timeline as an SVG document: a lane per track, then a lane per meeting body."""
    lanes: list[tuple[str, list[_Bar]]] = []
    for track_id, track in dataset.config.tracks.items():
        members = sorted(
            (i for i in dataset.initiatives.values() if i.track == track_id),
            key=lambda i: (state.span_start(i) or date.max, danish_sort_key(i.title)),
        )
        bars = _bars(dataset, members)
        if bars:
            lanes.append((track.name, bars))
    bodies: dict[str, list[date]] = {}
    for meeting in dataset.meetings.values():
        bodies.setdefault(meeting.body, []).append(meeting.date.end)

    days = [b.first for _, bars in lanes for b in bars]
    days += [b.last for _, bars in lanes for b in bars if b.last is not None]
    days += [d for dates in bodies.values() for d in dates]
    days.append(at)
    begin = date(min(days).year, 1 if min(days).month <= 6 else 7, 1)
    last_day = max(days)
    end = date(last_day.year + 1, 1, 1) if last_day.month > 6 else date(last_day.year, 7, 1)
    span = (end - begin).days
    plot = WIDTH - LABEL - 20

    def x(day: date) -> float:
        return round(LABEL + plot * (day - begin).days / span, 1)

    rows = sum(1 + len(bars) for _, bars in lanes) + 1 + len(bodies)
    height = TOP + rows * ROW + 40
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="Arial, Helvetica, sans-serif" '
        'font-size="10.5">',
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    # Half-year bands (shaded first halves) with the year centred above each year.
    year, half = begin.year, 1 if begin.month == 1 else 2
    while True:
        first = date(year, 1 if half == 1 else 7, 1)
        if first >= end:
            break
        following = date(year, 7, 1) if half == 1 else date(year + 1, 1, 1)
        left, right = x(first), x(min(following, end))
        shade = "#eef2f6" if half == 1 else "#ffffff"
        out.append(
            f'<rect x="{left}" y="{TOP - 14}" width="{round(right - left, 1)}" '
            f'height="{height - TOP - 16}" fill="{shade}" stroke="#d0d7de" stroke-width="0.5"/>'
        )
        if half == 1 or first == begin:
            year_left = x(max(date(year, 1, 1), begin))
            year_right = x(min(date(year + 1, 1, 1), end))
            out.append(
                f'<text x="{round((year_left + year_right) / 2, 1)}" y="{TOP - 18}" '
                f'text-anchor="middle" font-weight="bold" fill="#333">{year}</text>'
            )
        year, half = (year, 2) if half == 1 else (year + 1, 1)
    y = TOP
    for name, bars in lanes:
        out.append(
            f'<text x="4" y="{y + 11}" font-weight="bold" fill="#1f3b57">'
            f"{escape(_clip(name, 52))}</text>"
        )
        y += ROW
        for bar in bars:
            left = x(bar.first)
            right = x(bar.last) if bar.last is not None else x(end) - 2
            width = max(round(right - left, 1), 3.0)
            colour = COLOURS.get(bar.status, "#2f6f9f")
            out.append(f'<text x="12" y="{y + 11}" fill="#222">{escape(_clip(bar.label))}</text>')
            title = f"{bar.label} ({STATUS_WORDS.get(bar.status, bar.status)})"
            dash = ' stroke-dasharray="3,2" stroke="#1f3b57"' if bar.last is None else ""
            out.append(
                f'<rect x="{left}" y="{y + 3}" width="{width}" height="{ROW - 6}" rx="2" '
                f'fill="{colour}"{dash}><title>{escape(title)}</title></rect>'
            )
            for mark in bar.marks:
                if begin <= mark <= end:
                    mx, my = x(mark), y + ROW / 2
                    out.append(
                        f'<path d="M {mx} {my - 5} L {mx + 4} {my} L {mx} {my + 5} '
                        f'L {mx - 4} {my} Z" fill="#d9822b" stroke="#ffffff" stroke-width="0.5"/>'
                    )
            y += ROW
    out.append(f'<text x="4" y="{y + 11}" font-weight="bold" fill="#1f3b57">Møder</text>')
    y += ROW
    for body_id in sorted(bodies, key=lambda b: min(bodies[b])):
        body = dataset.config.bodies.get(body_id)
        label = body.name if body else body_id
        out.append(f'<text x="12" y="{y + 11}" fill="#222">{escape(_clip(label))}</text>')
        for day in sorted(bodies[body_id]):
            out.append(
                f'<circle cx="{x(day)}" cy="{y + ROW / 2}" r="3.5" fill="#8b1e3f">'
                f"<title>{escape(label)} {day.isoformat()}</title></circle>"
            )
        y += ROW
    now = x(at)
    out.append(
        f'<line x1="{now}" y1="{TOP - 14}" x2="{now}" y2="{y}" stroke="#c0392b" '
        'stroke-width="1.2"/>'
    )
    out.append(
        f'<text x="{now}" y="{y + 12}" text-anchor="middle" fill="#c0392b">'
        f"{escape(format_date(at))}</text>"
    )
    legend = [
        ("i-gang", "I gang"),
        ("planlagt", "Planlagt"),
        ("afsluttet", "Afsluttet"),
        ("udskudt", "Udskudt"),
    ]
    lx = LABEL
    ly = height - 12
    for status, word in legend:
        out.append(f'<rect x="{lx}" y="{ly - 8}" width="14" height="8" fill="{COLOURS[status]}"/>')
        out.append(f'<text x="{lx + 18}" y="{ly}">{word}</text>')
        lx += 80
    out.append(
        f'<path d="M {lx + 4} {ly - 9} L {lx + 8} {ly - 4} L {lx + 4} {ly + 1} L {lx} {ly - 4} Z" '
        f'fill="#d9822b"/><text x="{lx + 14}" y="{ly}">Milepæl</text>'
    )
    lx += 80
    out.append(
        f'<circle cx="{lx + 4}" cy="{ly - 4}" r="3.5" fill="#8b1e3f"/>'
        f'<text x="{lx + 14}" y="{ly}">Møde</text>'
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"
