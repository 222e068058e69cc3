"""A journal entry is added to an initiative file as text: every other byte stays."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sheetkit import REPO, inserted_only
from udvikling.model import Initiative, Update
from udvikling.sheets.read import cell_text
from udvikling.sheets.yamltext import FieldValue, Inserted, insert_entry
from udvikling.terminal import find_bidi, find_control
from udvikling.yamlsrc import read_yaml

ENTRY: tuple[tuple[str, FieldValue], ...] = (
    ("date", "2025-03-20"),
    ("concerns", "1. kvartal 2025"),
    ("text", "Arbejdet skrider frem: to møder holdt, og # ingen kommentar her."),
    ("status", "i-gang"),
)


def parsed(text: str) -> Initiative:
    result = read_yaml(text.encode("utf-8"), "x.yaml")
    assert result.findings == []
    return Initiative.model_validate(result.data)


def added(old: str, fields: tuple[tuple[str, FieldValue], ...] = ENTRY) -> Inserted:
    result = insert_entry(old, fields)
    assert isinstance(result, Inserted), result
    inserted_only(old.encode("utf-8"), result.text.encode("utf-8"))
    before, after = parsed(old), parsed(result.text)
    expected = Update.model_validate(dict(fields))
    assert after == before.model_copy(update={"updates": (*before.updates, expected)})
    return result


@pytest.mark.parametrize(
    "path", sorted((REPO / "data" / "initiatives").glob("*.yaml")), ids=lambda p: p.stem
)
def test_every_shipped_initiative_takes_an_entry_without_other_change(path: Path) -> None:
    added(path.read_bytes().decode("utf-8"))


BASE = """\
# yaml-language-server: $schema=../../schema/initiative.schema.json
title: Kommunikationsstrategi   # a comment after a value
track: kommunikation
due: løbende
"""


@pytest.mark.parametrize(
    ("text", "first_line"),
    [
        (BASE, 6),  # no journal yet: after the last field before updates
        (BASE.rstrip("\n"), 6),  # no line break at the end of the file
        (BASE.replace("\n", "\r\n"), 6),  # Windows line endings are kept
        ("\ufeff" + BASE, 6),  # a byte order mark stays
        (
            BASE
            + "milestones:\n  - title: M\n    due: 2025\n\n# about what follows\nwaivers: []\n",
            9,
        ),
        (
            BASE + "updates:\n  - date: 2024-01-01\n    text: >-\n      Et\n      to\n\n"
            "# a comment about the next field\ndepends_on: []\n",
            10,
        ),
        (
            BASE + "updates:\n- date: 2024-01-01\n  text: Uden indrykning\n  # om opdateringen\n"
            "sources: [a]\n",
            9,
        ),
        (BASE + "updates:\n  - date: 2024-01-01\n    text: |\n      Linje\n\n\n", 9),
        (BASE + "updates:\n  - {date: 2024-01-01, text: Kort form}\n", 7),
    ],
)
def test_layouts(text: str, first_line: int) -> None:
    result = added(text)
    assert result.first_line == first_line
    newline = "\r\n" if "\r\n" in text else "\n"
    assert result.text.count("\r\n") == (result.text.count("\n") if newline == "\r\n" else 0)


def test_the_entry_lands_at_the_indentation_of_the_list() -> None:
    result = added(BASE + "updates:\n- date: 2024-01-01\n  text: A\n")
    assert "\n- date: 2025-03-20\n  concerns: 1. kvartal 2025\n" in result.text
    result = added(BASE + "updates:\n    - date: 2024-01-01\n      text: A\n")
    assert "\n    - date: 2025-03-20\n      concerns: 1. kvartal 2025\n" in result.text


def test_field_lines_point_at_the_written_fields() -> None:
    result = added(BASE)
    lines = result.text.split("\n")
    for name, line in result.field_lines.items():
        assert lines[line - 1].lstrip(" -").startswith(f"{name}:")
    assert result.field_at(result.first_line - 1) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (BASE + "updates: [{date: 2024-01-01, text: A}]\n", "kort form"),
        (BASE + "updates: []\n", "kort form"),
        (BASE + "updates: hej\n", "ikke en liste"),
        ("{title: A, track: b}\n", "én pr. linje"),
        ("title: [\n", "kan ikke læses som YAML"),
    ],
)
def test_layouts_that_are_refused(text: str, reason: str) -> None:
    result = insert_entry(text, ENTRY)
    assert isinstance(result, str)
    assert reason in result


def test_a_list_of_milestones_and_odd_titles() -> None:
    fields: tuple[tuple[str, FieldValue], ...] = (
        ("date", "efterår 2025"),
        ("text", "2025"),
        ("reached", ("Tiltrædelse: første dag", "- en liste?", "yes", "#1")),
    )
    old = BASE + (
        "milestones:\n"
        "  - {title: 'Tiltrædelse: første dag', due: 2025}\n"
        "  - {title: '- en liste?', due: 2025}\n"
        "  - {title: 'yes', due: 2025}\n"
        "  - {title: '#1', due: 2025}\n"
    )
    added(old, fields)


# Text as it comes out of a cell: trimmed, no trailing blanks on a line, \n line breaks;
# without control and bidirectional characters, which the import refuses (UDV009, UDV010).
cell_texts = (
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=300
    )
    .map(cell_text)
    .filter(lambda t: bool(t) and find_control(t) is None and find_bidi(t) is None)
)


@settings(max_examples=300, deadline=None)
@given(cell_texts)
def test_any_answer_text_reads_back_exactly(text: str) -> None:
    added(BASE, (("date", "2025-03-20"), ("text", text)))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", " ", "  ", "\n", "æ", ":", "#", "-", '"', "'", "x" * 30]),
        min_size=1,
        max_size=40,
    )
)
def test_prose_with_awkward_spacing_reads_back_exactly(parts: list[str]) -> None:
    text = cell_text("".join(parts))
    if text:
        added(BASE, (("date", "2025-03-20"), ("text", text)))


def test_long_prose_is_folded_at_word_boundaries() -> None:
    text = " ".join(["ordet"] * 60)
    result = added(BASE, (("date", "2025-03-20"), ("text", text)))
    block = result.text[len(BASE) :]
    assert "text: >-\n" in block
    assert max(len(line) for line in block.split("\n")) <= 100


def test_dedented_yaml_example() -> None:
    old = textwrap.dedent(
        """\
        title: A
        track: b
        updates:
          - date: 2024-01-01
            text: Første
            reached:
              - M
        milestones:
          - title: M
            due: 2024
        """
    )
    result = added(old)
    assert result.text.index("- date: 2025-03-20") < result.text.index("milestones:")


def test_libyaml_and_pyyaml_place_every_entry_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    import udvikling.sheets.yamltext as yamltext

    texts = [p.read_text(encoding="utf-8") for p in (REPO / "data" / "initiatives").glob("*.yaml")]
    texts += [
        BASE,
        BASE.replace("\n", "\r\n"),
        "\ufeff" + BASE,
        BASE + "updates:\n- date: 2024-01-01\n  text: Uden indrykning\n  # om den\nsources: [a]\n",
        BASE + "updates:\n  - date: 2024-01-01\n    text: |\n      Linje\n\n\n",
        BASE + "updates: [ikke, lukket\n",
        BASE + "updates: 3\n",
        "- en liste\n",
        "title: 'Øæå 😀 «ø»'\nupdates:\n  - text: 中文 og æøå\n    date: 2024\n# slut\n",
    ]
    assert len(yamltext.LOADERS) == 2  # libyaml first (PyYAML here is built with it)
    fast = [insert_entry(text, ENTRY) for text in texts]
    monkeypatch.setattr(yamltext, "LOADERS", (yaml.SafeLoader,))
    assert [insert_entry(text, ENTRY) for text in texts] == fast


def test_placing_an_entry_works_out_no_tags(monkeypatch: pytest.MonkeyPatch) -> None:
    """The entry is placed by the nodes' kinds, keys and marks; working out each scalar's
    tag (in Python, by regular expressions) was a third of composing a file (issue 29)."""
    import yaml.resolver

    calls = [0]
    resolve = yaml.resolver.BaseResolver.resolve

    def counted(self: Any, kind: Any, value: Any, implicit: Any) -> Any:
        calls[0] += 1
        return resolve(self, kind, value, implicit)

    monkeypatch.setattr(yaml.resolver.BaseResolver, "resolve", counted)
    text = (REPO / "data" / "initiatives" / "kommunikationsstrategi.yaml").read_text(
        encoding="utf-8"
    )
    assert not isinstance(insert_entry(text, ENTRY), str)
    assert calls[0] == 0
