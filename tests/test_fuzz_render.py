"""Fuzzing the template context builder (``udvikling.render.contexts``) and the documents made
from it, bounded by the hypothesis profile (``tests/conftest.py``).

Plans are generated from valid records with hostile values where the model allows them:
dates at the ends of the calendar (0001-01-01, 9999-12-31), indicator columns of zeros and
the largest figures the model accepts, control characters and right-to-left overrides in
every text, and a cut-off date anywhere. Building each document's context, the timeline
and the Markdown must end in a result or udv's own error, never another exception.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CI_EXAMPLES, MINIMAL_CONFIG
from udvikling.errors import UdvError
from udvikling.load import Dataset, load
from udvikling.render import contexts
from udvikling.render.documents import notat, procesplan, sagsfremstilling
from udvikling.render.drawing import to_svg
from udvikling.render.timeline import timeline_drawing


def budget(examples: int) -> Any:
    factor = settings.default.max_examples / CI_EXAMPLES
    return settings(max_examples=max(1, round(examples * factor)))


_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["Titel", "æøå ÆØÅ", "a\x1b[2Jb", "\u202etxet", "[/bold]", "{{ x }}", "|"]),
).filter(lambda t: t.strip())
_DAYS = st.one_of(
    st.sampled_from([date(1, 1, 1), date(9999, 12, 31), date(2024, 2, 29), date(2023, 12, 31)]),
    st.dates(),
)
_PERIODS = st.one_of(
    _DAYS.map(date.isoformat),
    st.sampled_from(["1. halvår 2023", "9999", "0001", "uge 52 9999", "vinter 2023/24", "løbende"]),
)
_FIGURES = st.one_of(
    st.just("0"),
    st.sampled_from(["99999999999.9999", "-99999999999.9999", "0.0001"]),
    st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False).map(str),
)
_STATUS = st.sampled_from(["planlagt", "i-gang", "afsluttet", "udskudt", "opgivet"])
_KIND = st.sampled_from(["status", "beslutning", "orientering", "møde"])


@st.composite
def _initiative(draw: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "title": draw(_TEXT),
        "track": draw(st.sampled_from(["organisering", "kommunikation"])),
        "owner": "socialchef",
        "level": "central",
        "status": draw(_STATUS),
        "confidential": draw(st.booleans()),
    }
    if draw(st.booleans()):
        record["start"] = draw(_PERIODS.filter(lambda p: p != "løbende"))
    if draw(st.booleans()):
        record["due"] = draw(_PERIODS)
    record["milestones"] = [
        {"title": draw(_TEXT), "due": draw(_PERIODS.filter(lambda p: p != "løbende"))}
        for _ in range(draw(st.integers(0, 2)))
    ]
    record["updates"] = [
        {"date": draw(_DAYS).isoformat(), "text": draw(_TEXT)}
        for _ in range(draw(st.integers(0, 2)))
    ]
    return record


@st.composite
def _meeting(draw: Any) -> tuple[str, dict[str, Any]]:
    day = draw(_DAYS)
    body = draw(st.sampled_from(["vpu", "kb"]))
    record = {
        "body": body,
        "date": day.isoformat(),
        "title": draw(_TEXT),
        "kind": draw(_KIND),
        "items": [
            {
                "title": draw(_TEXT),
                "public": draw(st.booleans()),
                "summary": draw(_TEXT),
                "decision": draw(_TEXT),
            }
            for _ in range(draw(st.integers(1, 2)))
        ],
    }
    return f"{day.isoformat()}-{body}", record


@st.composite
def _indicator(draw: Any) -> dict[str, Any]:
    units = ["omraade-grenaa"]
    rows = [
        {"category": draw(_TEXT), "values": {u: draw(_FIGURES) for u in units}}
        for _ in range(draw(st.integers(1, 3)))
    ]
    return {
        "title": draw(_TEXT),
        "date": "september 2024",
        "measure": draw(_TEXT),
        "columns": [{"unit": u, "label": draw(_TEXT)} for u in units],
        "rows": rows,
        "totals": {u: draw(_FIGURES) for u in units},
    }


@st.composite
def _plan(draw: Any) -> dict[str, bytes]:
    config = yaml.safe_load(MINIMAL_CONFIG)
    config["organisation"] = draw(_TEXT)
    files = {"udvikling.yaml": yaml.safe_dump(config, allow_unicode=True).encode()}
    for number in range(draw(st.integers(0, 3))):
        files[f"data/initiatives/t{number}.yaml"] = yaml.safe_dump(
            draw(_initiative()), allow_unicode=True
        ).encode()
    for meeting_id, record in draw(st.lists(_meeting(), max_size=3)):
        files[f"data/meetings/{meeting_id}.yaml"] = yaml.safe_dump(
            record, allow_unicode=True
        ).encode()
    if draw(st.booleans()):
        files["data/indicators/tal.yaml"] = yaml.safe_dump(
            draw(_indicator()), allow_unicode=True
        ).encode()
    return files


def _dataset(files: dict[str, bytes]) -> Dataset:
    def reader(rel: str) -> bytes:
        if rel not in files:
            raise FileNotFoundError(2, "Filen findes ikke", rel)
        return files[rel]

    loaded = load(Path("/fuzz"), reader=reader, files=[f for f in files if f.startswith("data/")])
    assert loaded.dataset is not None
    return loaded.dataset


@budget(40)
@given(_plan(), _DAYS, st.booleans())
def test_contexts_and_timeline_never_raise(
    files: dict[str, bytes], at: date, confidential: bool
) -> None:
    from udvikling.chrono import meeting_view, stand, view_at
    from udvikling.render.defaults import default_notat, default_procesplan

    dataset = _dataset(files)
    public = contexts.public_view(dataset, confidential)
    # The status note, as of ``at`` and for each meeting (as ``udv render notat`` builds it).
    for meeting in [None, *public.meetings.values()]:
        view = view_at(at) if meeting is None else meeting_view(meeting)
        standing = stand(public, view)
        report = default_notat(standing, meeting)
        context = contexts.document_context(standing, report)
        assert set(context) <= contexts.NOTAT_KEYS
    # The process plan with its timeline.
    standing = stand(public, view_at(at))
    stood = standing.plan
    report = default_procesplan(stood, at, True)
    context = contexts.document_context(standing, report, timeline="tidslinje.svg")
    assert set(context) <= contexts.PROCESPLAN_KEYS
    assert to_svg(timeline_drawing(stood, standing.judged)).startswith("<svg")
    for meeting in public.meetings.values():
        try:
            context = contexts.sagsfremstilling_context(public, meeting, None)
        except UdvError:
            continue  # a meeting with several items asks for --item
        assert set(context) <= contexts.SAGSFREMSTILLING_KEYS


@budget(10)
@given(_plan(), _DAYS)
def test_documents_are_made_or_refused_in_danish(files: dict[str, bytes], at: date) -> None:
    dataset = _dataset(files)
    made = [
        lambda: notat(dataset, at, include_confidential=True),
        lambda: procesplan(dataset, at),
        *(
            (lambda m=m: sagsfremstilling(dataset, m, 1, include_confidential=True))
            for m in dataset.meetings
        ),
    ]
    for make in made:
        try:
            rendered = make()
        except UdvError as exc:
            assert exc.message.strip()
            continue
        assert rendered.markdown.strip()
