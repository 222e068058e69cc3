"""Danish periods: a date range with a grain, parsed from what people write.

People who plan in Danish municipalities write "1. halvår 2023", "primo uge 15",
"dec. – feb." and "efteråret 2024". A :class:`Period` is the exact range of days such a text
means, and it prints back in Danish (:meth:`Period.danish`), in a canonical machine form
(:meth:`Period.canonical`) and as a slug for file names (:meth:`Period.slug`).

The grammar (see the README for the table):

* canonical: ``2023-04-26``, ``2023-04``, ``2023-Q2`` / ``2023Q2`` / ``Q2 2023``,
  ``2023-H1``, ``2023-W15``, ``2023``;
* Danish: ``26. april 2023``, ``26-04-2023``, ``april 2023``, ``apr. 2023``,
  ``2. kvartal 2023``, ``1. halvår 2023``, ``uge 15 2023``, ``forår 2024`` (``foråret``),
  ``sommer``, ``efterår`` (``efteråret``), ``vinter 2023/24``;
* ``primo``, ``medio``, ``ultimo`` before any of them: for a month days 1-10, 11-20 and 21 to
  the end; for any other period the first, middle and last third of its days;
* ranges ``A – B`` (en or em dash, a spaced hyphen, or ``til``); an end without a year takes
  the first year that puts it after the start, a start without a year the last year that
  puts it before the end.

The parser raises nothing but :class:`PeriodError`, whose message and hint are Danish.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

from udvikling.danish import MONTH_ABBREVIATIONS, MONTHS

Grain = Literal["day", "week", "month", "quarter", "half", "season", "year", "part", "range"]
Qualifier = Literal["primo", "medio", "ultimo"]
Season = Literal["forår", "sommer", "efterår", "vinter"]

MAX_LENGTH = 200

PERIOD_FORMS_HINT = (
    "Skriv fx 2023-04-26, 26. april 2023, april 2023, 2. kvartal 2023, 1. halvår 2023, "
    "uge 15 2023, efterår 2024, vinter 2023/24, 2023, primo uge 15 2023 "
    "eller dec. 2022 – feb. 2023."
)

QUALIFIERS: tuple[Qualifier, ...] = ("primo", "medio", "ultimo")

_SEASON_SLUGS: dict[str, str] = {
    "forår": "foraar",
    "sommer": "sommer",
    "efterår": "efteraar",
    "vinter": "vinter",
}
# First month of each season; winter runs December to February.
_SEASON_START: dict[str, int] = {"forår": 3, "sommer": 6, "efterår": 9, "vinter": 12}


class PeriodError(ValueError):
    """Text that is not a period udv can read, with a Danish message and hint."""

    def __init__(self, message: str, hint: str = PERIOD_FORMS_HINT) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Period:
    """A closed range of days ``start``..``end`` with the grain it was written in.

    ``index`` is the number within the year for weeks (ISO week), quarters and halves, the
    season's name position for seasons. ``parts`` holds the base period of a qualified
    period (``primo uge 15``) or the two ends of a range.
    """

    start: date
    end: date
    grain: Grain
    year: int = 0
    index: int = 0
    qualifier: Qualifier | None = None
    season: Season | None = None
    parts: tuple[Period, ...] = field(default=())

    # -- arithmetic -------------------------------------------------------------------

    @property
    def days(self) -> int:
        """Number of days in the period, both ends included."""
        return (self.end - self.start).days + 1

    @property
    def late_from(self) -> date:
        """The first day after the period: anything due in it is late from this day
        (``date.max`` for a period ending on the last representable day: never late)."""
        return date.max if self.end == date.max else self.end + timedelta(days=1)

    def contains(self, other: date | Period) -> bool:
        """True when the day or the whole period lies inside this period."""
        if isinstance(other, Period):
            return self.start <= other.start and other.end <= self.end
        return self.start <= other <= self.end

    def overlaps(self, other: Period) -> bool:
        """True when the two periods share at least one day."""
        return self.start <= other.end and other.start <= self.end

    def __lt__(self, other: Period) -> bool:
        return (self.start, self.end) < (other.start, other.end)

    def __le__(self, other: Period) -> bool:
        return (self.start, self.end) <= (other.start, other.end)

    # -- printing -----------------------------------------------------------------------

    def danish(self) -> str:
        """The period in Danish words: ``1. halvår 2023``, ``primo uge 15 2023``."""
        if self.grain == "range":
            first, last = self.parts
            if first.grain == last.grain == "day" and (first.start.year, first.start.month) == (
                last.start.year,
                last.start.month,
            ):
                return span_danish(first.start, last.end)
            first_text, last_text = first.danish(), last.danish()
            suffix = f" {last.year:04d}"
            if (
                first.year == last.year
                and (first.parts[0] if first.grain == "part" else first).grain
                not in ("year", "season")
                and first_text.endswith(suffix)
                and last_text.endswith(suffix)
            ):
                first_text = first_text[: -len(suffix)]
            return f"{first_text} – {last_text}"
        if self.grain == "part":
            return f"{self.qualifier} {self.parts[0].danish()}"
        return self._words()

    def _words(self) -> str:
        if self.grain == "day":
            return f"{self.start.day}. {MONTHS[self.start.month - 1]} {self.start.year:04d}"
        if self.grain == "week":
            return f"uge {self.index} {self.year:04d}"
        if self.grain == "month":
            return f"{MONTHS[self.start.month - 1]} {self.year:04d}"
        if self.grain == "quarter":
            return f"{self.index}. kvartal {self.year:04d}"
        if self.grain == "half":
            return f"{self.index}. halvår {self.year:04d}"
        if self.grain == "season":
            if self.season == "vinter":
                return f"vinter {self.year:04d}/{(self.year + 1) % 100:02d}"
            return f"{self.season} {self.year:04d}"
        return f"{self.year:04d}"

    def canonical(self) -> str:
        """A compact machine form that parses back to the same period."""
        if self.grain == "range":
            first, last = self.parts
            return f"{first.canonical()} – {last.canonical()}"
        if self.grain == "part":
            return f"{self.qualifier} {self.parts[0].canonical()}"
        if self.grain == "day":
            return self.start.isoformat()
        if self.grain == "week":
            return f"{self.year:04d}-W{self.index:02d}"
        if self.grain == "month":
            return f"{self.year:04d}-{self.start.month:02d}"
        if self.grain == "quarter":
            return f"{self.year:04d}-Q{self.index}"
        if self.grain == "half":
            return f"{self.year:04d}-H{self.index}"
        if self.grain == "season":
            return self._words()
        return f"{self.year:04d}"

    def slug(self) -> str:
        """Lowercase ASCII for ids: ``2023-04-26``, ``2023-w15-primo``, ``2024-efteraar``."""
        if self.grain == "range":
            first, last = self.parts
            return f"{first.slug()}-til-{last.slug()}"
        if self.grain == "part":
            return f"{self.parts[0].slug()}-{self.qualifier}"
        if self.grain == "season" and self.season is not None:
            return f"{self.year:04d}-{_SEASON_SLUGS[self.season]}"
        return self.canonical().lower()

    def iso(self) -> str:
        """ISO 8601: one date, or ``start/end``."""
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    def span_danish(self) -> str:
        """The exact days in Danish: ``10.-11. april 2023``, ``1. januar – 30. juni 2023``."""
        return span_danish(self.start, self.end)

    def __str__(self) -> str:
        return self.danish()


def span_danish(start: date, end: date) -> str:
    """Two dates as a compact Danish range."""
    if start == end:
        return f"{start.day}. {MONTHS[start.month - 1]} {start.year:04d}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}.-{end.day}. {MONTHS[end.month - 1]} {end.year:04d}"
    if start.year == end.year:
        return (
            f"{start.day}. {MONTHS[start.month - 1]} – "
            f"{end.day}. {MONTHS[end.month - 1]} {end.year:04d}"
        )
    return (
        f"{start.day}. {MONTHS[start.month - 1]} {start.year:04d} – "
        f"{end.day}. {MONTHS[end.month - 1]} {end.year:04d}"
    )


# -- constructors ----------------------------------------------------------------------


def _guard(build: Callable[[], Period], text: str) -> Period:
    try:
        return build()
    except (ValueError, OverflowError) as exc:
        if isinstance(exc, PeriodError):
            raise
        raise PeriodError(f'"{text}" findes ikke i kalenderen.') from None


def _check_year(year: int) -> None:
    if not 1 <= year <= 9999:
        raise PeriodError(f"Året {year} ligger uden for 1-9999.")


def day_period(day: date) -> Period:
    """The period of one day."""
    return Period(day, day, "day", year=day.year)


def month_period(year: int, month: int) -> Period:
    """A calendar month."""
    _check_year(year)
    if not 1 <= month <= 12:
        raise PeriodError(f"Måned {month} findes ikke; brug 1-12.")
    start = date(year, month, 1)
    end_day = date(year, 12, 31) if month == 12 else date(year, month + 1, 1) - timedelta(days=1)
    return Period(start, end_day, "month", year=year, index=month)


def quarter_period(year: int, quarter: int) -> Period:
    """A quarter (kvartal) 1-4."""
    _check_year(year)
    if not 1 <= quarter <= 4:
        raise PeriodError(f"Kvartal {quarter} findes ikke; et år har 4 kvartaler.")
    first = month_period(year, 3 * quarter - 2)
    last = month_period(year, 3 * quarter)
    return Period(first.start, last.end, "quarter", year=year, index=quarter)


def half_period(year: int, half: int) -> Period:
    """A half-year (halvår) 1-2."""
    _check_year(year)
    if half not in (1, 2):
        raise PeriodError(f"Halvår {half} findes ikke; et år har 2 halvår.")
    first = month_period(year, 6 * half - 5)
    last = month_period(year, 6 * half)
    return Period(first.start, last.end, "half", year=year, index=half)


def year_period(year: int) -> Period:
    """A calendar year."""
    _check_year(year)
    return Period(date(year, 1, 1), date(year, 12, 31), "year", year=year)


def week_period(year: int, week: int) -> Period:
    """An ISO week (Monday to Sunday), as Danish calendars number them."""
    _check_year(year)
    try:
        start = date.fromisocalendar(year, week, 1)
        end = date.fromisocalendar(year, week, 7)
    except (ValueError, OverflowError):
        raise PeriodError(
            f"Uge {week} findes ikke i {year}.",
            f"Et år har uge 1-52, nogle år også uge 53. {PERIOD_FORMS_HINT}",
        ) from None
    return Period(start, end, "week", year=year, index=week)


def season_period(season: Season, year: int) -> Period:
    """A season: forår March-May, sommer June-August, efterår September-November,
    vinter December of ``year`` to February of the next year."""
    _check_year(year)
    first_month = _SEASON_START[season]
    first = month_period(year, first_month)
    if season == "vinter":
        _check_year(year + 1)
        last = month_period(year + 1, 2)
    else:
        last = month_period(year, first_month + 2)
    return Period(
        first.start,
        last.end,
        "season",
        year=year,
        index=list(_SEASON_START).index(season) + 1,
        season=season,
    )


def qualified(base: Period, qualifier: Qualifier) -> Period:
    """``primo``/``medio``/``ultimo`` of a period: the first, middle or last part of it."""
    if base.grain in ("part", "range"):
        raise PeriodError(
            f'"{qualifier}" kan kun stå foran en enkelt periode, ikke foran "{base.danish()}".'
        )
    if base.grain == "day":
        raise PeriodError(
            f'"{qualifier}" giver ikke mening foran en enkelt dag ({base.danish()}).',
            "Skriv dagen alene, eller primo/medio/ultimo foran en uge, måned eller et år.",
        )
    if base.grain == "month":
        bounds = (10, 20)
    else:
        n = base.days
        bounds = (int(n / 3 + 0.5), int(2 * n / 3 + 0.5))
    first_day = {"primo": 1, "medio": bounds[0] + 1, "ultimo": bounds[1] + 1}[qualifier]
    last_day = {"primo": bounds[0], "medio": bounds[1], "ultimo": base.days}[qualifier]
    start = base.start + timedelta(days=first_day - 1)
    end = base.start + timedelta(days=last_day - 1)
    return Period(start, end, "part", year=base.year, qualifier=qualifier, parts=(base,))


def span(first: Period, last: Period) -> Period:
    """The range from the start of ``first`` to the end of ``last``."""
    if last.end < first.start:
        raise PeriodError(
            f"Perioden slutter ({last.danish()}) før den begynder ({first.danish()}).",
            "Skriv den tidligste periode først, fx dec. 2022 – feb. 2023.",
        )
    if first.grain == "range" or last.grain == "range":
        raise PeriodError("En periode kan kun have én tankestreg (fra – til).")
    if first == last:
        return first
    return Period(first.start, last.end, "range", year=first.year, parts=(first, last))


def quarter_of(day: date) -> Period:
    """The quarter a day falls in."""
    return quarter_period(day.year, (day.month - 1) // 3 + 1)


# -- parsing ---------------------------------------------------------------------------

_MONTH_WORDS: dict[str, int] = {}
for _number, (_name, _abbreviation) in enumerate(zip(MONTHS, MONTH_ABBREVIATIONS, strict=True), 1):
    _MONTH_WORDS[_name] = _number
    _MONTH_WORDS[_abbreviation.rstrip(".")] = _number
_MONTH_WORDS.update({"mrt": 3, "sept": 9, "febr": 2, "aug": 8, "okt": 10, "oct": 10})
_MONTH_ALT = "|".join(sorted(_MONTH_WORDS, key=len, reverse=True))

_SEASON_WORDS: dict[str, Season] = {
    "forår": "forår",
    "foråret": "forår",
    "foraar": "forår",
    "sommer": "sommer",
    "sommeren": "sommer",
    "efterår": "efterår",
    "efteråret": "efterår",
    "efteraar": "efterår",
    "vinter": "vinter",
    "vinteren": "vinter",
}
_SEASON_ALT = "|".join(sorted(_SEASON_WORDS, key=len, reverse=True))

_QUALIFIER_WORDS: dict[str, Qualifier] = {
    "primo": "primo",
    "medio": "medio",
    "ultimo": "ultimo",
    "start": "primo",
    "starten af": "primo",
    "begyndelsen af": "primo",
    "midten af": "medio",
    "midt i": "medio",
    "slutningen af": "ultimo",
    "udgangen af": "ultimo",
    "slut": "ultimo",
}
_QUALIFIER_RE = re.compile(
    r"^(" + "|".join(sorted(_QUALIFIER_WORDS, key=len, reverse=True)) + r")\s+(.+)$"
)

_YEAR = r"(?:\s*,?\s*(?:i\s+)?(\d{4}))"

# A term is one period without a range. Each pattern yields a builder that takes the year
# (and, for a bare day number, the month), so ranges can fill in what was left out.
_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_ISO_QUARTER = re.compile(r"^(\d{4})\s*-?\s*q([0-9])$|^q([0-9])\s*[- ]?\s*(\d{4})$")
_ISO_HALF = re.compile(r"^(\d{4})\s*-?\s*h([0-9])$|^h([0-9])\s*[- ]?\s*(\d{4})$")
_ISO_WEEK = re.compile(r"^(\d{4})\s*-?\s*w(\d{1,2})$")
_YEAR_ONLY = re.compile(r"^(\d{4})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})\.?\s*(" + _MONTH_ALT + r")\.?" + _YEAR + r"?$")
_MONTH = re.compile(r"^(" + _MONTH_ALT + r")\.?" + _YEAR + r"?$")
_QUARTER = re.compile(r"^(\d)\s*\.?\s*kvartal" + _YEAR + r"?$")
_HALF = re.compile(r"^(\d)\s*\.?\s*(?:halvår|halvaar|halvåret)" + _YEAR + r"?$")
_WEEK = re.compile(r"^uge\s*(\d{1,2})" + _YEAR + r"?$")
_SEASON = re.compile(
    r"^(" + _SEASON_ALT + r")(?:\s*,?\s*(?:i\s+)?(\d{4})(?:\s*/\s*(\d{2}|\d{4}))?)?$"
)
_BARE_DAY = re.compile(r"^(\d{1,2})\.?$")

_RANGE_SPLIT = re.compile(r"\s+[-–—]+\s+|\s*[–—]+\s*|\s+til\s+|(?<=[a-zæøå.])-(?=[\sa-zæøå0-9])")


@dataclass(frozen=True, slots=True)
class _Term:
    """One parsed term, not yet placed in a year."""

    text: str
    build: Callable[[int, int | None], Period]
    year: int | None
    month: int | None = None  # for a bare day number: the month, if known
    needs_month: bool = False
    qualifier: Qualifier | None = None

    def make(self, year: int | None = None, month: int | None = None) -> Period:
        chosen_year = self.year if self.year is not None else year
        if chosen_year is None:
            raise PeriodError(
                f'Der mangler et år i "{self.text}".',
                f"Skriv året med, fx {self.text} 2024.",
            )
        chosen_month = self.month if self.month is not None else month
        if self.needs_month and chosen_month is None:
            raise PeriodError(f'Der mangler en måned i "{self.text}".')
        base = _guard(lambda: self.build(chosen_year, chosen_month), self.text)
        return qualified(base, self.qualifier) if self.qualifier else base


def _day(text: str, day: int) -> Callable[[int, int | None], Period]:
    def build(year: int, month: int | None) -> Period:
        _check_year(year)
        assert month is not None
        if not 1 <= month <= 12:
            raise PeriodError(f'Måned {month} i "{text}" findes ikke; brug 1-12.')
        try:
            return day_period(date(year, month, day))
        except ValueError:
            last = month_period(year, month).end.day
            raise PeriodError(
                f'"{text}" findes ikke: {MONTHS[month - 1]} {year} har {last} dage.',
                "Ret dagen, fx 2023-02-28.",
            ) from None

    return build


def _year(group: str | None) -> int | None:
    return int(group) if group else None


def _term(text: str) -> _Term:
    qualifier: Qualifier | None = None
    match = _QUALIFIER_RE.match(text)
    if match:
        qualifier = _QUALIFIER_WORDS[match.group(1)]
        text = match.group(2).strip()
        if _QUALIFIER_RE.match(text):
            raise PeriodError(f'To af primo, medio og ultimo efter hinanden i "{text}".')
    term = _plain_term(text)
    if qualifier is None:
        return term
    return _Term(term.text, term.build, term.year, term.month, term.needs_month, qualifier)


def _plain_term(text: str) -> _Term:
    if m := _ISO_DAY.match(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
        return _Term(text, _day(text, day), year, month, needs_month=True)
    if m := _DMY.match(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        return _Term(text, _day(text, day), year, month, needs_month=True)
    if m := _ISO_MONTH.match(text):
        month = int(m[2])
        return _Term(text, lambda y, _m: month_period(y, month), int(m[1]))
    if m := _ISO_QUARTER.match(text):
        quarter = int(m[2] or m[3])
        return _Term(text, lambda y, _m: quarter_period(y, quarter), int(m[1] or m[4]))
    if m := _ISO_HALF.match(text):
        half = int(m[2] or m[3])
        return _Term(text, lambda y, _m: half_period(y, half), int(m[1] or m[4]))
    if m := _ISO_WEEK.match(text):
        week = int(m[2])
        return _Term(text, lambda y, _m: week_period(y, week), int(m[1]))
    if m := _YEAR_ONLY.match(text):
        return _Term(text, lambda y, _m: year_period(y), int(m[1]))
    if m := _DAY_MONTH.match(text):
        day, month = int(m[1]), _MONTH_WORDS[m[2]]
        return _Term(text, _day(text, day), _year(m[3]), month, needs_month=True)
    if m := _MONTH.match(text):
        month = _MONTH_WORDS[m[1]]
        return _Term(text, lambda y, _m: month_period(y, month), _year(m[2]))
    if m := _QUARTER.match(text):
        quarter = int(m[1])
        return _Term(text, lambda y, _m: quarter_period(y, quarter), _year(m[2]))
    if m := _HALF.match(text):
        half = int(m[1])
        return _Term(text, lambda y, _m: half_period(y, half), _year(m[2]))
    if m := _WEEK.match(text):
        week = int(m[1])
        return _Term(text, lambda y, _m: week_period(y, week), _year(m[2]))
    if m := _SEASON.match(text):
        return _season_term(text, _SEASON_WORDS[m[1]], m[2], m[3])
    if m := _BARE_DAY.match(text):
        day = int(m[1])
        return _Term(text, _day(text, day), None, None, needs_month=True)
    raise PeriodError(f'Kan ikke forstå perioden "{text}".')


def _season_term(text: str, season: Season, first: str | None, second: str | None) -> _Term:
    if season != "vinter":
        if second:
            raise PeriodError(
                f'"{text}": kun vinteren strækker sig over to år.',
                f"Skriv fx {season} 2024.",
            )
        return _Term(text, lambda y, _m: season_period(season, y), _year(first))
    if first is None:
        return _Term(text, lambda y, _m: season_period("vinter", y), None)
    year = int(first)
    if second is None:
        raise PeriodError(
            f'"{text}" er tvetydig: vinteren går over nytår.',
            f"Skriv vinter {year - 1}/{year % 100:02d} eller vinter {year}/{(year + 1) % 100:02d}.",
        )
    following = int(second)
    expected = year + 1
    if following not in (expected, expected % 100):
        raise PeriodError(
            f'"{text}": vinteren går fra et år til det næste.',
            f"Skriv vinter {year}/{expected % 100:02d}.",
        )
    return _Term(text, lambda y, _m: season_period("vinter", y), year)


def _normalise(text: str) -> str:
    cleaned = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u2011", "-")
    cleaned = cleaned.replace("\u2012", "–").replace("\u2212", "-")
    cleaned = " ".join(cleaned.split()).lower()
    if cleaned.startswith("fra "):
        cleaned = cleaned[4:]
    return cleaned


def _range(first: _Term, last: _Term) -> Period:
    if first.year is not None and last.year is not None:
        start = first.make()
        end = last.make(month=start.start.month if last.needs_month else None)
        return span(start, end)
    if first.year is not None:
        start = first.make()
        month = start.start.month if last.needs_month and last.month is None else None
        for year in (start.year, start.year + 1):
            if year > 9999:
                break
            candidate = last.make(year, month)
            if candidate.end >= start.start:
                return span(start, candidate)
        raise PeriodError(f'"{last.text}" kommer ikke efter "{first.text}".')
    if last.year is not None:
        end = last.make()
        month = end.start.month if first.needs_month and first.month is None else None
        for year in (end.year, end.year - 1):
            if year < 1:
                break
            candidate = first.make(year, month)
            if candidate.start <= end.end:
                return span(candidate, end)
        raise PeriodError(f'"{first.text}" kommer ikke før "{last.text}".')
    raise PeriodError(
        "Der mangler et år i perioden.",
        f"Skriv året ved mindst den ene ende, fx dec. 2022 – feb. {PERIOD_FORMS_HINT}",
    )


def parse_period(value: str | date) -> Period:
    """Parse a period written in any of the forms in the module docstring."""
    if isinstance(value, datetime):
        return day_period(value.date())
    if isinstance(value, date):
        return day_period(value)
    if not isinstance(value, str):
        raise PeriodError(f"Forventede en periode som tekst, ikke {type(value).__name__}.")
    return _parse_text(value)


# A plan writes the same periods again and again ("1. halvår 2023", the dates of meetings):
# each text is parsed once, and its records share one (immutable) period.
@functools.lru_cache(maxsize=16384)
def _parse_text(value: str) -> Period:
    if len(value) > MAX_LENGTH:
        raise PeriodError(f"Perioden er for lang ({len(value)} tegn; højst {MAX_LENGTH}).")
    text = _normalise(value)
    if not text:
        raise PeriodError("Perioden er tom.")
    pieces = [piece.strip() for piece in _RANGE_SPLIT.split(text)]
    if len(pieces) == 1:
        return _term(text).make()
    if len(pieces) != 2 or not all(pieces):
        raise PeriodError(f'Kan ikke forstå perioden "{value.strip()}".')
    try:
        return _range(_term(pieces[0]), _term(pieces[1]))
    except PeriodError as exc:
        if exc.message.startswith("Kan ikke forstå"):
            raise PeriodError(f'Kan ikke forstå perioden "{value.strip()}".') from None
        raise


def parse_quarter(value: str) -> Period:
    """A quarter as ``2024Q1``, ``2024-Q1``, ``Q1 2024`` or ``1. kvartal 2024``."""
    period = parse_period(value)
    if period.grain != "quarter":
        written = " ".join(value.split())
        kind = {
            "day": "en dag",
            "week": "en uge",
            "month": "en måned",
            "half": "et halvår",
            "season": "en årstid",
            "year": "et år",
        }.get(period.grain, "et andet tidsrum")
        if period.danish() != written and period.grain != "year":
            kind = f"{kind} ({period.danish()})"
        raise PeriodError(
            f'"{written}" er {kind}, ikke et kvartal.',
            "Skriv fx 2024Q1, 2024-Q1, Q1 2024 eller 1. kvartal 2024.",
        )
    return period


def next_quarter(period: Period) -> Period:
    """The quarter after a quarter."""
    if period.index == 4:
        return quarter_period(period.year + 1, 1)
    return quarter_period(period.year, period.index + 1)


def format_date(day: date) -> str:
    """``26. april 2023``."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year:04d}"
