"""Properties of ``udv import``'s readers: they never crash on what a file may hold, and
splitting a cell into title and description loses no word."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from udvikling.intake.columns import heading_role, parse_columns
from udvikling.intake.rows import read_rows, split_sentence
from udvikling.intake.tables import column_letter, read_tables

WORDS = st.sampled_from(
    ["Tiltag", "hhv.", "Børne-", "og", "ifm.", "1.", "halvår", "2025.", "A.", "Ny", "plan.", "X"]
)


@given(st.lists(WORDS | st.text(max_size=8), max_size=12).map(" ".join))
def test_a_split_keeps_every_word(text: str) -> None:
    first, rest = split_sentence(text)
    # Only the full stop that ends the first sentence may go.
    assert " ".join(f"{first} {rest}".split()).replace(".", "") == " ".join(text.split()).replace(
        ".", ""
    )
    assert first == first.strip() and rest == rest.strip()


def test_a_split_at_the_first_real_sentence_end() -> None:
    text = "Udarbejde en strategi for hhv. Børne- og familieområdet. Tydeliggøre processer."
    assert split_sentence(text) == (
        "Udarbejde en strategi for hhv. Børne- og familieområdet",
        "Tydeliggøre processer.",
    )
    assert split_sentence("Etablering i 2. Kvartal af noget.") == (
        "Etablering i 2. Kvartal af noget",
        "",
    )
    assert split_sentence("Evt. med støtte") == ("Evt. med støtte", "")


@given(st.text(max_size=60))
def test_any_heading_has_at_most_one_role(text: str) -> None:
    heading_role(text)


def test_headings_by_role() -> None:
    assert heading_role("Iværksættelse af tiltag") == "timing"
    assert heading_role("Centralt eller decentralt niveau") == "level"
    assert heading_role(" Ansvarlig: ") == "owner"
    assert heading_role("Tidsplan") == "timing"
    assert heading_role("Tidspunkt") == "timing"
    assert heading_role("Budget") is None


def test_columns_option() -> None:
    choices = parse_columns(["Hvem=ansvarlig, C=ignorer", "Hvornår=frist"])
    assert [(c.heading, c.role) for c in choices] == [
        ("Hvem", "owner"),
        ("C", "ignore"),
        ("Hvornår", "due"),
    ]
    assert [column_letter(i) for i in (0, 25, 26, 27)] == ["A", "Z", "AA", "AB"]


@given(st.binary(max_size=400))
def test_any_csv_bytes_give_rows_or_problems(raw: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.csv"
        path.write_bytes(b"Tiltag;Spor;Tidsplan;Niveau;Ansvarlig\n" + raw)
        reading = read_rows([read_tables(path)], [], "Spor")
    for row in reading.rows:
        assert row.title and row.track


@given(st.binary(max_size=300))
def test_any_bytes_named_docx_or_xlsx_are_refused_politely(raw: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        for name in ("x.docx", "x.xlsx"):
            path = Path(folder) / name
            path.write_bytes(raw)
            read = read_tables(path)
            assert read.tables or read.problems
