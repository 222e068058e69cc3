"""iCalendar text (RFC 5545) written directly, for ``udv calendar`` and the site's calendar.

A component is a list of properties, ``(NAME, value)``, written in the order given: a value
is TEXT (escaped: backslash, semicolon, comma and line breaks), a tuple of TEXT (a list,
as CATEGORIES), a DATE (``;VALUE=DATE:20240424``) or a UTC DATE-TIME (``20250630T120000Z``).
Lines end in CRLF and are folded before they pass 75 octets, never inside a UTF-8
character.

The calendar was made with icalendar until issue 29, which built every property as an
object and folded it character by character (most of the calendar's time). The text is
the same as icalendar 7 wrote it, byte for byte (tests/test_calendar_text.py holds
icalendar as the reference), with one exception: the ``X-WR-`` properties are escaped as
TEXT, as RFC 5545 says for a property of no declared type and as icalendar before 7 did
(icalendar 7 wrote them as they were, and failed on a line break).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime

Value = str | date | datetime | tuple[str, ...]
Property = tuple[str, Value]

# Octets of a line before a fold: a continuation line's leading space makes it 75.
LIMIT = 74
# A backslash (or RFC 6868's caret) last before a fold moves to the next line, with the
# character it most likely escapes (as icalendar 7 does, for readers that take a line
# at a time; of ``\\`` only the second moves, so that one is still split, as there).
ESCAPES = frozenset(b"\\^")


def escape(text: str) -> str:
    """``text`` as an iCalendar TEXT value. As icalendar does, ``\\N`` (RFC 5545's other
    spelling of a line break) is taken as a line break, and a lone carriage return too."""
    return (
        text.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def content_line(name: str, value: Value) -> str:
    """One property as its unfolded content line."""
    if isinstance(value, str):
        return f"{name}:{escape(value)}"
    if isinstance(value, datetime):
        utc = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return (
            f"{name}:{utc.year:04d}{utc.month:02d}{utc.day:02d}"
            f"T{utc.hour:02d}{utc.minute:02d}{utc.second:02d}Z"
        )
    if isinstance(value, date):
        return f"{name};VALUE=DATE:{value.year:04d}{value.month:02d}{value.day:02d}"
    return f"{name}:{','.join(escape(part) for part in value)}"


def fold(line: bytes) -> bytes:
    """``line`` (UTF-8) folded into lines of at most 75 octets: each piece as long as it
    can be without splitting a character, a continuation line beginning with a space."""
    if len(line) <= LIMIT:
        return line
    pieces = []
    begin = 0
    size = len(line)
    while size - begin > LIMIT:
        cut = begin + LIMIT
        while line[cut] & 0xC0 == 0x80:  # a UTF-8 continuation octet: back to the start
            cut -= 1
        if line[cut - 1] in ESCAPES and cut - begin > 1:
            cut -= 1
        pieces.append(line[begin:cut])
        begin = cut
    pieces.append(line[begin:])
    return b"\r\n ".join(pieces)


def component(name: str, properties: Iterable[Property], into: list[bytes]) -> None:
    """``BEGIN:name``, the properties folded, ``END:name``, appended to ``into`` (lines
    without their CRLF)."""
    into.append(f"BEGIN:{name}".encode())
    into.extend(fold(content_line(key, value).encode()) for key, value in properties)
    into.append(f"END:{name}".encode())


def calendar(properties: Sequence[Property], events: Iterable[Sequence[Property]]) -> bytes:
    """A VCALENDAR with ``properties`` and one VEVENT for each of ``events``."""
    lines = [b"BEGIN:VCALENDAR"]
    lines.extend(fold(content_line(key, value).encode()) for key, value in properties)
    for event in events:
        component("VEVENT", event, lines)
    lines.append(b"END:VCALENDAR")
    lines.append(b"")
    return b"\r\n".join(lines)
