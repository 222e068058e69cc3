"""The line-tracking YAML reader: positions, text scalars, traps, encodings, hostile input."""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from udvikling.yamlsrc import (
    _FALLBACK,
    MAX_BYTES,
    MAX_DEPTH,
    Loc,
    Pos,
    SourceMap,
    _build_fast,
    _positions,
    read_yaml,
)


def codes(raw: bytes) -> list[str]:
    return [f.code for f in read_yaml(raw, "f.yaml").findings]


def test_positions_of_keys_and_values() -> None:
    r = read_yaml(b"title: A\nmilestones:\n  - title: B\n    due: 2023\n", "f.yaml")
    assert r.findings == []
    assert r.source.values[("title",)] == Pos(1, 8)
    assert r.source.keys[("milestones", 0, "due")] == Pos(4, 5)
    assert r.source.values[("milestones", 0, "due")] == Pos(4, 10)
    assert r.source.locate(("milestones", 0, "missing")) == Pos(3, 5)


_DEEP = (
    "title: Æblegrød på tværs\n"
    "status: i-gang\n"
    "milestones:\n"
    "  - title: Første\n"
    "    due: 2023\n"
    "  - title: Anden\n"
    "    done: yes\n"
    "    notes:\n"
    "      - {a: 1, b: [x, 'y']}\n"
    "      - tekst: |\n"
    "          flere\n"
    "          linjer\n"
    "        sidst: ja\n"
)


def test_a_clean_file_keeps_no_positions_until_asked() -> None:
    """A file without findings keeps only its compressed text (positions for every node of
    every file were a third of lint's memory); the positions read on demand are exact."""
    r = read_yaml(_DEEP.encode("utf-8"), "f.yaml")
    assert r.findings == []
    assert r.source.deferred
    assert r.source.bool_words == {("milestones", 1, "done"): "yes"}
    assert r.source.deferred  # the yes/no words are kept without reading positions
    assert r.source.locate(("milestones", 1, "notes", 1, "sidst")) == Pos(13, 16)
    assert not r.source.deferred
    assert r.source.keys[("milestones", 1, "notes", 1, "sidst")] == Pos(13, 9)
    assert r.source.values[("milestones", 1, "notes", 0, "b", 1)] == Pos(9, 23)
    assert r.source.values[("milestones", 1, "notes", 1, "tekst")] == Pos(10, 16)
    assert r.source.locate(("title",), key=True) == Pos(1, 1)


def test_deferred_positions_survive_packing() -> None:
    """The parse cache and the second core carry a clean file's map as compressed text."""
    r = read_yaml(_DEEP.encode("utf-8"), "f.yaml")
    packed = r.source.pack()
    again = SourceMap.unpack("f.yaml", packed)
    assert again.deferred
    assert again.bool_words == r.source.bool_words
    assert again.values == r.source.values
    assert again.keys == r.source.keys
    assert len(packed) < len(_DEEP.encode("utf-8"))
    filled = SourceMap.unpack("f.yaml", again.pack())
    assert not filled.deferred
    assert filled.values == r.source.values


def test_damaged_packed_map_points_at_line_one() -> None:
    assert SourceMap.unpack("f.yaml", b"\x00garbage").locate(("a", 1)) == Pos(1, 1)


def test_scalars_stay_text_as_typed() -> None:
    r = read_yaml(b"a: 12:30\nb: 1.10\nc: 22/6043\nd: 2023-02-30\ne: 007\n", "f.yaml")
    assert r.data == {"a": "12:30", "b": "1.10", "c": "22/6043", "d": "2023-02-30", "e": "007"}


def test_null_and_yes_no_words() -> None:
    r = read_yaml(b"a:\nb: ~\nc: no\nd: 'no'\ne: On\n", "f.yaml")
    assert r.data == {"a": None, "b": None, "c": False, "d": "no", "e": True}
    assert r.source.bool_words == {("c",): "no", ("e",): "On"}


def test_duplicate_key_is_reported_at_the_second() -> None:
    r = read_yaml(b"title: A\nstatus: x\ntitle: B\n", "f.yaml")
    assert r.data["title"] == "A"
    [f] = r.findings
    assert (f.code, f.line, f.column) == ("UDV003", 3, 1)
    assert "linje 1" in f.message


def test_duplicate_nested_key_value_is_not_recorded_twice() -> None:
    r = read_yaml(b"a:\n  b: 1\na:\n  b: 2\n", "f.yaml")
    assert r.data == {"a": {"b": "1"}}
    assert r.source.values[("a", "b")] == Pos(2, 6)


@pytest.mark.parametrize(
    ("raw", "line", "column"),
    [
        (b"title: a: b\n", 1, 9),
        (b"title: A\n  status: x\n", 2, 3),  # the key indented too far
        (b"items: [a, b\n", 2, 1),
        (b'title: "open\n', 2, 1),
        (b"a:\n\t- b\n", 2, 1),
    ],
)
def test_syntax_errors_are_located_in_danish(raw: bytes, line: int, column: int) -> None:
    [f] = read_yaml(raw, "f.yaml").findings
    assert f.code == "UDV001"
    assert (f.line, f.column) == (line, column)
    assert f.message.startswith("YAML-fejl:")
    assert f.hint


ENGLISH_PARSER_WORDS = re.compile(r"\b(did not find|found|expected|while|allowed|mapping values)\b")


@pytest.mark.parametrize(
    "text",
    [
        "a: [1, 2\nb: 3\n",
        "a: {x: 1\nb: 2\n",
        "a:\n\t- x\n",
        "a: 1\n- b\n",
        'a: "x" y\n',
        "a: 1\n...\nc: 2\n",
        "a: &\n",
        "a: *\n",
        "a: 'x\n",
        "key: value: other\n",
        "- a\nb: 1\n",
        "a: @x\n",
        'a: "\\q"\n',
        "a: b\n  c: d\n",
    ],
)
def test_syntax_error_messages_are_danish(text: str) -> None:
    [f] = read_yaml(text.encode(), "f.yaml").findings
    assert f.code == "UDV001"
    assert not ENGLISH_PARSER_WORDS.search(f.message), f.message


def test_bom_and_crlf_are_accepted() -> None:
    r = read_yaml(codecs.BOM_UTF8 + "a: æøå\r\nb: c\r\n".encode(), "f.yaml")
    assert r.findings == []
    assert r.data == {"a": "æøå", "b": "c"}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_utf16_and_utf32_are_refused(encoding: str) -> None:
    [f] = read_yaml("a: æ\n".encode(encoding), "f.yaml").findings
    assert f.code == "UDV002"
    assert "UTF-8" in f.hint  # type: ignore[operator]


def test_windows_1252_is_refused_at_its_line() -> None:
    [f] = read_yaml("a: b\nc: Grenå\n".encode("cp1252"), "f.yaml").findings
    assert (f.code, f.line, f.column) == ("UDV002", 2, 8)


def test_binary_junk_is_refused() -> None:
    assert codes(b"\x89PNG\r\n\x1a\n\x00\x00\x00") == ["UDV002"]


def test_aliases_and_tags_are_refused() -> None:
    laughs = b"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    assert set(codes(laughs)) == {"UDV006"}
    assert codes(b"a: !!python/object:os.system x\n") == ["UDV006"]
    assert codes(b"a: !!set {x}\n") == ["UDV006"]
    assert codes(b"a: !!str 5\n") == []


def test_deep_nesting_is_refused() -> None:
    assert codes(b"[" * 10000 + b"]" * 10000) == ["UDV007"]


def _parser_nest_limit() -> int:
    """libyaml's own nesting limit (PyYAML 6.0.4 and later), or -1 when it has none."""
    get = getattr(getattr(yaml, "_yaml", None), "_get_max_nest_level", None)
    return int(get()) if get is not None else -1


@pytest.mark.skipif(_parser_nest_limit() == -1, reason="this libyaml has no nesting limit")
@pytest.mark.parametrize(
    "raw",
    [
        b"title: " + b"[" * 12 + b"x" + b"]" * 12 + b"\n",
        b"".join(b" " * i + b"k%d:\n" % i for i in range(12)) + b" " * 12 + b"x: 1\n",
    ],
)
def test_parsers_own_nesting_limit_is_reported_in_danish(raw: bytes) -> None:
    # Lower libyaml's limit below udv's so the parser, not udv, refuses first: the user
    # must still get udv's Danish finding, never the parser's English words.
    default = _parser_nest_limit()
    yaml._yaml._set_max_nest_level(8)  # type: ignore[attr-defined]
    try:
        findings = read_yaml(raw, "f.yaml").findings
    finally:
        yaml._yaml._set_max_nest_level(default)  # type: ignore[attr-defined]
    [f] = findings
    assert f.code == "UDV007"
    assert f.message == f"Filen er indlejret mere end {MAX_DEPTH} niveauer dybt."
    assert "exceeded" not in f"{f.message} {f.hint}"


def test_huge_file_is_refused_before_parsing() -> None:
    assert codes(b"a: " + b"x" * (MAX_BYTES + 1)) == ["UDV007"]


@pytest.mark.parametrize("raw", [b"", b"# kun en kommentar\n", b"---\n", b"~\n"])
def test_empty_files(raw: bytes) -> None:
    assert codes(raw) == ["UDV005"]


def test_several_documents_are_refused() -> None:
    assert codes(b"a: 1\n---\nb: 2\n") == ["UDV005"]


def test_complex_keys_are_refused() -> None:
    assert codes(b"? [a, b]\n: c\n") == ["UDV005"]


_PLAIN = st.text(alphabet="abæ -:#'\"1", min_size=0, max_size=6)
_TREES = st.recursive(
    _PLAIN,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(alphabet="abkæ_", min_size=1, max_size=4), inner, max_size=3)
    ),
    max_leaves=12,
)


def _positions_both_ways(text: str) -> tuple[Any, Any] | None:
    """The positions from the events (what a deferred map reads) and from the nodes (what
    the fast reader gave before issue 29), or None when the fast reader refuses ``text``."""
    nodes = SourceMap("x.yaml")
    if _build_fast(text, nodes) is _FALLBACK:
        return None
    values: dict[Loc, Pos] = {}
    keys: dict[Loc, Pos] = {}
    assert _positions(text, values, keys)
    return (values, keys), (nodes.values, nodes.keys)


@given(tree=_TREES, flow=st.booleans())
def test_positions_from_events_are_the_nodes_positions(tree: Any, flow: bool) -> None:
    text = yaml.safe_dump({"root": tree}, default_flow_style=flow, allow_unicode=True)
    both = _positions_both_ways(text)
    if both is not None:
        assert both[0] == both[1]


def test_positions_from_events_in_the_shipped_plan_and_fixtures() -> None:
    repo = Path(__file__).resolve().parents[1]
    checked = 0
    for path in sorted([*repo.glob("*.yaml"), *(repo / "data").rglob("*.yaml")]):
        both = _positions_both_ways(path.read_text(encoding="utf-8"))
        if both is not None:
            assert both[0] == both[1], path
            checked += 1
    assert checked > 50
