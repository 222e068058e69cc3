"""Danish periods: every form, every qualifier, ranges, errors, and round-trip properties."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from udvikling.periods import (
    QUALIFIERS,
    Period,
    PeriodError,
    day_period,
    half_period,
    month_period,
    parse_period,
    parse_quarter,
    qualified,
    quarter_of,
    quarter_period,
    season_period,
    span,
    week_period,
    year_period,
)

D = date


@pytest.mark.parametrize(
    ("text", "start", "end", "grain", "danish"),
    [
        # canonical forms
        ("2023-04-26", D(2023, 4, 26), D(2023, 4, 26), "day", "26. april 2023"),
        ("2023-04", D(2023, 4, 1), D(2023, 4, 30), "month", "april 2023"),
        ("2023-Q2", D(2023, 4, 1), D(2023, 6, 30), "quarter", "2. kvartal 2023"),
        ("2023Q2", D(2023, 4, 1), D(2023, 6, 30), "quarter", "2. kvartal 2023"),
        ("Q1 2024", D(2024, 1, 1), D(2024, 3, 31), "quarter", "1. kvartal 2024"),
        ("2023-H1", D(2023, 1, 1), D(2023, 6, 30), "half", "1. halvår 2023"),
        ("2023-h2", D(2023, 7, 1), D(2023, 12, 31), "half", "2. halvår 2023"),
        ("2023-W15", D(2023, 4, 10), D(2023, 4, 16), "week", "uge 15 2023"),
        ("2023", D(2023, 1, 1), D(2023, 12, 31), "year", "2023"),
        # Danish forms
        ("26. april 2023", D(2023, 4, 26), D(2023, 4, 26), "day", "26. april 2023"),
        ("26-04-2023", D(2023, 4, 26), D(2023, 4, 26), "day", "26. april 2023"),
        ("26.04.2023", D(2023, 4, 26), D(2023, 4, 26), "day", "26. april 2023"),
        ("april 2023", D(2023, 4, 1), D(2023, 4, 30), "month", "april 2023"),
        ("apr. 2023", D(2023, 4, 1), D(2023, 4, 30), "month", "april 2023"),
        ("Februar 2024", D(2024, 2, 1), D(2024, 2, 29), "month", "februar 2024"),
        ("2. kvartal 2023", D(2023, 4, 1), D(2023, 6, 30), "quarter", "2. kvartal 2023"),
        ("2 kvartal 2023", D(2023, 4, 1), D(2023, 6, 30), "quarter", "2. kvartal 2023"),
        ("1. halvår 2023", D(2023, 1, 1), D(2023, 6, 30), "half", "1. halvår 2023"),
        ("uge 15 2023", D(2023, 4, 10), D(2023, 4, 16), "week", "uge 15 2023"),
        ("Uge 15, 2023", D(2023, 4, 10), D(2023, 4, 16), "week", "uge 15 2023"),
        ("forår 2024", D(2024, 3, 1), D(2024, 5, 31), "season", "forår 2024"),
        ("foråret 2024", D(2024, 3, 1), D(2024, 5, 31), "season", "forår 2024"),
        ("sommer 2024", D(2024, 6, 1), D(2024, 8, 31), "season", "sommer 2024"),
        ("efterår 2024", D(2024, 9, 1), D(2024, 11, 30), "season", "efterår 2024"),
        ("efteråret 2024", D(2024, 9, 1), D(2024, 11, 30), "season", "efterår 2024"),
        ("vinter 2023/24", D(2023, 12, 1), D(2024, 2, 29), "season", "vinter 2023/24"),
        ("vinter 2023/2024", D(2023, 12, 1), D(2024, 2, 29), "season", "vinter 2023/24"),
        # whitespace and odd spaces are forgiven
        ("  1.\u00a0halvår   2023 ", D(2023, 1, 1), D(2023, 6, 30), "half", "1. halvår 2023"),
        # extremes of the calendar
        ("0001-01-01", D(1, 1, 1), D(1, 1, 1), "day", "1. januar 0001"),
        ("9999-12-31", D(9999, 12, 31), D(9999, 12, 31), "day", "31. december 9999"),
    ],
)
def test_forms(text: str, start: date, end: date, grain: str, danish: str) -> None:
    period = parse_period(text)
    assert (period.start, period.end, period.grain) == (start, end, grain)
    assert period.danish() == danish
    assert str(period) == danish


def test_yaml_dates_are_days() -> None:
    assert parse_period(date(2024, 4, 24)) == day_period(date(2024, 4, 24))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # a month: days 1-10, 11-20, 21 to the end
        ("primo marts 2023", D(2023, 3, 1), D(2023, 3, 10)),
        ("medio marts 2023", D(2023, 3, 11), D(2023, 3, 20)),
        ("ultimo marts 2023", D(2023, 3, 21), D(2023, 3, 31)),
        ("ultimo februar 2023", D(2023, 2, 21), D(2023, 2, 28)),
        # a week of 7 days: thirds of 2, 3 and 2 days
        ("primo uge 15 2023", D(2023, 4, 10), D(2023, 4, 11)),
        ("medio uge 15 2023", D(2023, 4, 12), D(2023, 4, 14)),
        ("ultimo uge 15 2023", D(2023, 4, 15), D(2023, 4, 16)),
        # a year of 365 days: 122, 121 and 122 days
        ("primo 2023", D(2023, 1, 1), D(2023, 5, 2)),
        ("medio 2023", D(2023, 5, 3), D(2023, 8, 31)),
        ("ultimo 2023", D(2023, 9, 1), D(2023, 12, 31)),
        # a quarter of 91 days
        ("primo 2. kvartal 2023", D(2023, 4, 1), D(2023, 4, 30)),
        ("ultimo 2. kvartal 2023", D(2023, 6, 1), D(2023, 6, 30)),
        # a half-year and a season
        ("ultimo 1. halvår 2023", D(2023, 5, 2), D(2023, 6, 30)),
        ("primo efteråret 2024", D(2024, 9, 1), D(2024, 9, 30)),
        # written-out synonyms
        ("starten af 2024", D(2024, 1, 1), D(2024, 5, 1)),
        ("udgangen af 2023", D(2023, 9, 1), D(2023, 12, 31)),
    ],
)
def test_qualifiers(text: str, start: date, end: date) -> None:
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)
    assert period.grain == "part"


def test_primo_week_15_is_10_and_11_april() -> None:
    period = parse_period("primo uge 15 2023")
    assert period.danish() == "primo uge 15 2023"
    assert period.span_danish() == "10.-11. april 2023"
    assert period.iso() == "2023-04-10/2023-04-11"
    assert period.slug() == "2023-w15-primo"


@pytest.mark.parametrize(
    ("text", "start", "end", "danish"),
    [
        ("dec. 2022 – feb.", D(2022, 12, 1), D(2023, 2, 28), "december 2022 – februar 2023"),
        ("dec. – feb. 2023", D(2022, 12, 1), D(2023, 2, 28), "december 2022 – februar 2023"),
        ("dec.–feb. 2023", D(2022, 12, 1), D(2023, 2, 28), "december 2022 – februar 2023"),
        ("januar til marts 2023", D(2023, 1, 1), D(2023, 3, 31), "januar – marts 2023"),
        ("fra januar til marts 2023", D(2023, 1, 1), D(2023, 3, 31), "januar – marts 2023"),
        ("2023-04 - 2023-06", D(2023, 4, 1), D(2023, 6, 30), "april – juni 2023"),
        ("2023 — 2024", D(2023, 1, 1), D(2024, 12, 31), "2023 – 2024"),
        ("10.-11. april 2023", D(2023, 4, 10), D(2023, 4, 11), "10.-11. april 2023"),
        ("uge 52 2022 – uge 2", D(2022, 12, 26), D(2023, 1, 15), "uge 52 2022 – uge 2 2023"),
        (
            "primo 2023 – ultimo 2024",
            D(2023, 1, 1),
            D(2024, 12, 31),
            "primo 2023 – ultimo 2024",
        ),
        (
            "1. halvår 2023 til 2. halvår",
            D(2023, 1, 1),
            D(2023, 12, 31),
            "1. halvår – 2. halvår 2023",
        ),
        (
            "vinter – forår 2024",
            D(2023, 12, 1),
            D(2024, 5, 31),
            "vinter 2023/24 – forår 2024",
        ),
    ],
)
def test_ranges(text: str, start: date, end: date, danish: str) -> None:
    period = parse_period(text)
    assert (period.start, period.end, period.grain) == (start, end, "range")
    assert period.danish() == danish
    assert parse_period(danish) == period


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        ("vinter 2023", "tvetydig", "vinter 2022/23 eller vinter 2023/24"),
        ("vinter 2023/25", "et år til det næste", "vinter 2023/24"),
        ("sommer 2023/24", "kun vinteren", "sommer 2024"),
        ("2023-02-30", "februar 2023 har 28 dage", "2023-02-28"),
        ("30. februar 2023", "februar 2023 har 28 dage", "2023-02-28"),
        ("2023-13", "Måned 13", "2023-04-26"),
        ("Q5 2023", "Kvartal 5", "2023-04-26"),
        ("3. halvår 2023", "Halvår 3", "2023-04-26"),
        ("uge 53 2023", "Uge 53 findes ikke i 2023", "uge 53"),
        ("uge 15", 'mangler et år i "uge 15"', "uge 15 2024"),
        ("primo uge 15", 'mangler et år i "uge 15"', "uge 15 2024"),
        ("26. april", "mangler et år", "26. april 2024"),
        ("snart", 'Kan ikke forstå perioden "snart"', "1. halvår 2023"),
        ("løbende", "Kan ikke forstå", "1. halvår 2023"),
        ("", "tom", "2023-04-26"),
        ("primo 26. april 2023", "enkelt dag", "primo/medio/ultimo"),
        ("primo ultimo 2023", "To af primo", "2023-04-26"),
        ("juli 2023 – marts 2023", "slutter", "tidligste periode først"),
        ("dec. – feb.", "mangler et år", "dec. 2022 – feb."),
        ("2023 – 2024 – 2025", "Kan ikke forstå", "2023-04-26"),
        ("0000", "uden for 1-9999", "2023-04-26"),
        ("x" * 201, "for lang", "2023-04-26"),
    ],
)
def test_errors_are_period_errors_with_hints(text: str, message: str, hint: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period(text)
    assert message in caught.value.message
    assert hint in caught.value.hint


def test_non_text_is_refused() -> None:
    with pytest.raises(PeriodError):
        parse_period(12)  # type: ignore[arg-type]


def test_parse_quarter_accepts_every_spelling_and_refuses_other_grains() -> None:
    for text in ("2024Q1", "2024-Q1", "Q1 2024", "1. kvartal 2024", "q1-2024"):
        assert parse_quarter(text) == quarter_period(2024, 1)
    with pytest.raises(PeriodError, match="ikke et kvartal"):
        parse_quarter("1. halvår 2024")


def test_helpers() -> None:
    q = quarter_of(D(2023, 5, 16))
    assert q == quarter_period(2023, 2)
    assert q.contains(D(2023, 4, 1)) and not q.contains(D(2023, 7, 1))
    assert q.contains(parse_period("primo uge 15 2023"))
    assert q.overlaps(parse_period("2023-H1")) and not q.overlaps(parse_period("2023-H2"))
    assert parse_period("1. halvår 2023").late_from == D(2023, 7, 1)
    assert parse_period("2023").days == 365
    assert parse_period("efterår 2024").slug() == "2024-efteraar"
    assert parse_period("dec. 2022 – feb.").slug() == "2022-12-til-2023-02"
    assert parse_period("2024-04-24").slug() == "2024-04-24"
    assert parse_period("2023-05-16") < parse_period("2023-06")
    assert span(month_period(2023, 1), month_period(2023, 3)).danish() == "januar – marts 2023"


def test_span_danish() -> None:
    assert parse_period("2023-04-26").span_danish() == "26. april 2023"
    assert parse_period("1. halvår 2023").span_danish() == "1. januar – 30. juni 2023"
    assert parse_period("vinter 2023/24").span_danish() == "1. december 2023 – 29. februar 2024"


# -- properties -------------------------------------------------------------------------

years = st.integers(min_value=1, max_value=9998)


@st.composite
def simple_periods(draw: st.DrawFn) -> Period:
    kind = draw(st.sampled_from(["day", "week", "month", "quarter", "half", "season", "year"]))
    year = draw(years)
    if kind == "day":
        return day_period(draw(st.dates(min_value=D(1, 1, 1), max_value=D(9998, 12, 31))))
    if kind == "week":
        weeks = date(year, 12, 28).isocalendar()[1]
        return week_period(year, draw(st.integers(1, weeks)))
    if kind == "month":
        return month_period(year, draw(st.integers(1, 12)))
    if kind == "quarter":
        return quarter_period(year, draw(st.integers(1, 4)))
    if kind == "half":
        return half_period(year, draw(st.integers(1, 2)))
    if kind == "season":
        return season_period(draw(st.sampled_from(["forår", "sommer", "efterår", "vinter"])), year)
    return year_period(year)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    base = draw(simple_periods())
    if base.grain != "day" and draw(st.booleans()):
        base = qualified(base, draw(st.sampled_from(QUALIFIERS)))
    if draw(st.booleans()):
        other = draw(simple_periods())
        first, last = sorted([base, other], key=lambda p: (p.start, p.end))
        if last.end >= first.start:
            return span(first, last)
    return base


@settings(max_examples=400)
@given(periods())
def test_printing_and_parsing_gives_the_same_period(period: Period) -> None:
    assert parse_period(period.danish()) == period
    assert parse_period(period.canonical()) == period


@settings(max_examples=200)
@given(periods())
def test_a_period_lies_within_its_parts(period: Period) -> None:
    assert period.start <= period.end
    for part in period.parts:
        assert period.start <= part.end and part.start <= period.end


_ALPHABET = st.sampled_from(
    [
        *"0123456789 .-–—/,qhwQHW",
        *("uge", "kvartal", "halvår", "primo", "medio", "ultimo", "til", "vinter", "forår"),
        *("jan", "feb.", "marts", "december", "\u00a0", "\x00", "ø", "ﬁ", "\U0001f600", "\n"),
    ]
)


@settings(max_examples=1500)
@given(st.one_of(st.text(max_size=60), st.lists(_ALPHABET, max_size=12).map("".join)))
def test_no_input_raises_anything_but_period_error(text: str) -> None:
    try:
        period = parse_period(text)
    except PeriodError as exc:
        assert exc.message and exc.hint
    else:
        assert period.start <= period.end
        assert parse_period(period.danish()) == period


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2024", '"2024" er et år, ikke et kvartal.'),
        ("2024H1", '"2024H1" er et halvår (1. halvår 2024), ikke et kvartal.'),
        ("april 2024", '"april 2024" er en måned, ikke et kvartal.'),
        ("2024-04-01", '"2024-04-01" er en dag (1. april 2024), ikke et kvartal.'),
    ],
)
def test_a_period_that_is_no_quarter_is_named_for_what_it_is(written: str, message: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_quarter(written)
    assert str(caught.value.args[0]) == message
