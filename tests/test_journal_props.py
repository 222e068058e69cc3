"""Property tests of the journal (hypothesis): the plan as it stood never crashes, never knows
the future, and knows more as time goes on; applying entries is a fold in date order."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from udvikling.chrono import View, view_at
from udvikling.chrono import initiatives as rules
from udvikling.chrono.knowledge import initiative_at, is_known, known_from
from udvikling.model import Initiative

DAYS = st.integers(min_value=0, max_value=3 * 365).map(
    lambda n: date(2022, 1, 1) + timedelta(days=n)
)
STATUSES = st.sampled_from(["planlagt", "i-gang", "afsluttet", "udskudt", "opgivet"])
PERIODS = st.one_of(
    DAYS.map(lambda d: d.isoformat()),
    DAYS.map(lambda d: f"{d.year}-{d.month:02d}"),
    DAYS.map(lambda d: f"{(d.month - 1) // 3 + 1}. kvartal {d.year}"),
    st.integers(2022, 2024).map(lambda y: f"efterår {y}"),
)


@st.composite
def entries(draw: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"date": draw(PERIODS)}
    if draw(st.booleans()):
        entry["status"] = draw(STATUSES)
    if draw(st.booleans()):
        entry["due"] = draw(PERIODS)
    if draw(st.booleans()):
        entry["title"] = draw(st.text(min_size=1, max_size=8).filter(str.strip))
    if draw(st.booleans()) or len(entry) == 1:
        entry["text"] = "x"
    if draw(st.booleans()):
        entry["concerns"] = draw(PERIODS)
    return entry


@st.composite
def initiatives(draw: Any) -> Initiative:
    data: dict[str, Any] = {
        "title": "Tiltag",
        "track": "spor",
        "status": draw(STATUSES),
        "updates": draw(st.lists(entries(), max_size=6)),
    }
    if draw(st.booleans()):
        data["since"] = draw(PERIODS)
    if draw(st.booleans()):
        data["due"] = draw(PERIODS)
    if draw(st.booleans()):
        data["start"] = draw(PERIODS)
    return Initiative.model_validate(data).model_copy(update={"id": "t"})


@settings(max_examples=150, deadline=None)
@given(initiatives(), DAYS, DAYS)
def test_knowledge_grows_and_never_reaches_the_future(
    initiative: Initiative, first: date, second: date
) -> None:
    early, late = sorted((first, second))
    then, _ = initiative_at(initiative, view_at(early))
    now, _ = initiative_at(initiative, view_at(late))
    if then is not None:
        assert now is not None  # once part of the plan, always part of it
        assert set(map(id, then.updates)) <= set(map(id, now.updates)) or all(
            u in now.updates for u in then.updates
        )
        assert all(known_from(u) <= early for u in then.updates)
    # Late, unreported and closed never overlap, and nothing crashes.
    for seen, day in ((then, early), (now, late)):
        if seen is None:
            continue
        late_days = rules.days_late(seen, day)
        no_news = rules.unreported(seen, day)
        assert not (late_days and no_news)
        if seen.status in rules.CLOSED_STATUSES:
            assert late_days == 0 and no_news is None


@settings(max_examples=150, deadline=None)
@given(initiatives(), DAYS)
def test_fields_are_the_last_change_known_and_dated_by_then(
    initiative: Initiative, day: date
) -> None:
    seen, _ = initiative_at(initiative, view_at(day))
    if seen is None:
        assert initiative.since is not None and initiative.since.end > day
        return
    applied = sorted(
        ((i, u) for i, u in enumerate(initiative.updates) if known_from(u) <= day),
        key=lambda pair: (pair[1].date.end, pair[1].date.start, pair[0]),
    )
    expected_status = initiative.status
    for _, entry in applied:
        if entry.status is not None:
            expected_status = entry.status
    assert seen.status == expected_status
    assert all(is_known(u, View(known=day, judged=day)) for u in seen.updates)
