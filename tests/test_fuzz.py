"""Fuzzing with hypothesis, bounded for CI: the period parser, the YAML reader, the loader and
lint on arbitrary records, and the comparison of two plans. Nothing may escape but the tool's
own error (``PeriodError`` for a period; findings, never exceptions, for data).

Each test has an example budget relative to the hypothesis profile (``tests/conftest.py``):
the "ci" profile, the default, runs the budgets as written (about ten seconds in all);
``HYPOTHESIS_PROFILE=fuzz`` runs twenty times as many, and ``UDV_FUZZ_EXAMPLES=N``
multiplies once more. atheris runs only where it is installed.
"""

from __future__ import annotations

import importlib.util
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CI_EXAMPLES, MINIMAL_CONFIG, MINIMAL_INITIATIVE, MINIMAL_MEETING
from udvikling.load import Loaded, load
from udvikling.periods import PeriodError, parse_period
from udvikling.yamlsrc import _FALLBACK, SourceMap, _build, _build_fast, read_yaml

SCALE = int(os.environ.get("UDV_FUZZ_EXAMPLES", "1"))
TODAY = date(2024, 6, 1)


def budget(examples: int) -> Any:
    """``examples`` at the "ci" profile, scaled with the loaded profile and UDV_FUZZ_EXAMPLES."""
    factor = settings.default.max_examples / CI_EXAMPLES
    return settings(max_examples=max(1, round(examples * factor * SCALE)))


# -- periods -------------------------------------------------------------------------------

_PERIOD_WORDS = st.sampled_from(
    [
        "1.", "2.", "3.", "4.", "halvår", "kvartal", "kvt.", "Q", "H", "-", "–", " ", "/",
        "januar", "feb", "december", "primo", "medio", "ultimo", "uge", "år", "2023", "2024",
        "0", "9999", "10000", "00", "31", "29", "ca.", "efterår", "forår", "sommer", "vinter",
        ".", ",", "W", "2023-H1", "2024-Q4", "2023-02-30", "2024-W53", "æ", "\u00a0",
    ]
)  # fmt: skip


@budget(400)
@given(st.one_of(st.text(max_size=40), st.lists(_PERIOD_WORDS, max_size=8).map("".join)))
def test_parse_period_only_raises_its_own_error(text: str) -> None:
    try:
        period = parse_period(text)
    except PeriodError as exc:
        assert exc.message.strip()
        return
    assert period.start <= period.end
    assert period.danish().strip()
    # What udv prints it must also read back.
    assert parse_period(period.canonical()) == period


# -- the YAML reader -----------------------------------------------------------------------


@budget(400)
@given(st.binary(max_size=2_000))
def test_read_yaml_never_raises_on_bytes(raw: bytes) -> None:
    result = read_yaml(raw, "data/initiatives/x.yaml")
    for finding in result.findings:
        assert finding.code.startswith("UDV0")
        assert finding.line >= 1 and finding.column >= 1
    if result.data is None:
        assert result.findings


_YAMLISH = st.lists(
    st.sampled_from(
        [
            "a", "b", ":", ": ", "- ", "\n", "  ", "\t", "[", "]", "{", "}", ",", "'", '"', "#",
            "&x ", "*x", "!!str ", "!!python/object ", "<<: ", "---\n", "...\n", "? ", "|\n",
            ">\n", "yes", "null", "~", "12:30", "2024-01-01", "æøå", "\\", "%YAML 1.1\n", "\r\n",
            '"\\e[2J"', '"\\u202e"', "\u202e", "\x1b", "\x85", '"\\x07"',
        ]
    ),
    max_size=40,
).map("".join)  # fmt: skip


@budget(600)
@given(_YAMLISH)
def test_read_yaml_never_raises_on_yaml_like_text(text: str) -> None:
    result = read_yaml(text.encode("utf-8"), "data/initiatives/x.yaml")
    for finding in result.findings:
        assert finding.code.startswith("UDV0")


_KEYS = st.sampled_from(["title", "track", "owner", "due", "a", "b", "æ", "yes", "1", "x y"])
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.text(max_size=20),
    st.sampled_from(["yes", "No", "~", "null", "12:30", "1.10", "2023-02-30", "1. halvår 2023"]),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=4)),
    max_leaves=20,
)


@budget(400)
@given(st.dictionaries(_KEYS, _VALUES, min_size=1, max_size=6), st.sampled_from([None, True]))
def test_fast_reader_agrees_with_event_reader(data: dict[str, Any], flow: bool | None) -> None:
    """The libyaml-composer fast path gives exactly the values and positions of the careful
    event reader, on any document it accepts."""
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow)
    fast_source = SourceMap("x.yaml")
    fast = _build_fast(text, fast_source)
    slow_source = SourceMap("x.yaml")
    findings: list[Any] = []
    slow = _build(text, slow_source, findings)
    if fast is _FALLBACK:
        return
    assert not findings
    assert fast == slow
    assert fast_source.values == slow_source.values
    assert fast_source.keys == slow_source.keys
    assert fast_source.bool_words == slow_source.bool_words


# -- the loader and lint on arbitrary records ----------------------------------------------

_FIELD_VALUES = st.one_of(
    _VALUES,
    st.sampled_from(
        [
            "socialchef", "kommunikation", "i-gang", "central", "0001-01-01", "9999-12-31",
            "2. halvår 2023", "4. kvartal 2024", "2024-04-24-vpu", "kommunikationsstrategi",
        ]
    ),
)  # fmt: skip
_INITIATIVE_FIELDS = st.sampled_from(
    [
        "title", "track", "owner", "level", "status", "start", "due", "milestones",
        "updates", "depends_on", "waivers", "units", "beacons", "notes", "confidential",
    ]
)  # fmt: skip


def _plan(files: dict[str, bytes]) -> Loaded:
    """Load an in-memory plan (no disk): the minimal plan with ``files`` added or replaced."""
    contents = {
        "udvikling.yaml": MINIMAL_CONFIG.encode(),
        "data/initiatives/kommunikationsstrategi.yaml": MINIMAL_INITIATIVE.encode(),
        "data/meetings/2024-04-24-vpu.yaml": MINIMAL_MEETING.encode(),
        **files,
    }

    def reader(rel: str) -> bytes:
        if rel not in contents:
            raise FileNotFoundError(2, "Filen findes ikke", rel)
        return contents[rel]

    return load(Path("/fuzz"), reader=reader, files=[f for f in contents if f.startswith("data/")])


def _lint(loaded: Loaded) -> list[Any]:
    from udvikling.lint import lint_loaded

    return lint_loaded(loaded, TODAY)


@budget(150)
@given(st.binary(max_size=1_000))
def test_loader_on_arbitrary_bytes_gives_findings_only(raw: bytes) -> None:
    loaded = _plan({"data/initiatives/x.yaml": raw})
    assert loaded.dataset is not None
    for finding in _lint(loaded):
        assert finding.path
        assert finding.message.strip()


@budget(200)
@given(st.dictionaries(_INITIATIVE_FIELDS, _FIELD_VALUES, max_size=10))
def test_lint_on_arbitrary_initiatives_gives_findings_only(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True) if data else ""
    base = MINIMAL_INITIATIVE + text.replace("{}\n", "") if data else MINIMAL_INITIATIVE
    for content in (text, base):
        loaded = _plan({"data/initiatives/x.yaml": content.encode("utf-8")})
        assert loaded.dataset is not None
        for finding in _lint(loaded):
            assert finding.message.strip()


@budget(100)
@given(st.dictionaries(st.sampled_from(["body", "date", "title", "kind", "items"]), _FIELD_VALUES))
def test_lint_on_arbitrary_meetings_gives_findings_only(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    loaded = _plan({"data/meetings/2024-05-01-kb.yaml": text.encode("utf-8")})
    assert loaded.dataset is not None
    for finding in _lint(loaded):
        assert finding.message.strip()


# -- comparing two plans -------------------------------------------------------------------


@budget(100)
@given(
    st.dictionaries(_INITIATIVE_FIELDS, _FIELD_VALUES, max_size=8),
    st.dictionaries(_INITIATIVE_FIELDS, _FIELD_VALUES, max_size=8),
)
def test_compare_on_arbitrary_changes(before: dict[str, Any], after: dict[str, Any]) -> None:
    from udvikling.review.compare import compare
    from udvikling.review.model import SideInfo

    def side(data: dict[str, Any]) -> Loaded:
        merged = yaml.safe_load(MINIMAL_INITIATIVE) | data
        return _plan(
            {"data/initiatives/kommunikationsstrategi.yaml": yaml.safe_dump(merged).encode()}
        )

    result = compare(side(before), side(after), TODAY, SideInfo("før"), SideInfo("efter"))
    if before == after:
        assert not result.records


# -- atheris, where it installs ------------------------------------------------------------


@pytest.mark.skipif(
    importlib.util.find_spec("atheris") is None, reason="atheris er ikke installeret"
)
def test_atheris_read_yaml(tmp_path: Path) -> None:
    """A short coverage-guided run of the reader in a subprocess (atheris owns the process)."""
    import subprocess
    import sys

    script = tmp_path / "fuzz_read.py"
    script.write_text(
        "import sys, atheris\n"
        "with atheris.instrument_imports():\n"
        "    from udvikling.yamlsrc import read_yaml\n"
        "def one(data):\n"
        "    read_yaml(data, 'x.yaml')\n"
        "atheris.Setup(sys.argv, one)\n"
        "atheris.Fuzz()\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, str(script), f"-runs={2000 * SCALE}", "-max_len=2048"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
