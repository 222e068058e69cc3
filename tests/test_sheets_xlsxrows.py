"""A returned sheet's rows read by udvikling.sheets.xlsxrows are the rows openpyxl's read-only
sheet gives (issue 29: reading a returned round went mostly into openpyxl's cell objects and
its rich-text reader for each inline string).

Workbooks are made with openpyxl and their ``Tiltag`` sheet replaced by hand-written XML:
every kind of cell a spreadsheet program writes (inline and shared strings, rich text,
numbers, dates, durations, truth values, errors, formulas with their results), rows and cells
left out or out of order, with and without the sheet's recorded size, and XML openpyxl
refuses. Each is read both ways and must give the same values of the same types, or the same
error.
"""

from __future__ import annotations

import io
import random
import warnings
import zipfile
from datetime import datetime
from typing import Any

import openpyxl
import pytest
from openpyxl.cell.text import Text

from udvikling.sheets import xlsxrows
from udvikling.sheets.xlsxrows import ExcelError, sheet_values

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHARED = ["første", "  mellemrum  ", "", "a&b <c>", "linje\r\nto_x000D_", "x005F_x0041_"]
SHARED_XML = (
    f'<sst xmlns="{MAIN}" count="{len(SHARED) + 2}" uniqueCount="{len(SHARED) + 2}">'
    + "".join(
        f'<si><t xml:space="preserve">{s.replace("&", "&amp;").replace("<", "&lt;")}</t></si>'
        for s in SHARED
    )
    + '<si><r><rPr><b/></rPr><t>fed</t></r><r><t xml:space="preserve"> tekst</t></r></si>'
    + '<si><t>ruby</t><rPh sb="0" eb="1"><t>r</t></rPh></si>'
    + "</sst>"
)


def _base() -> bytes:
    """A workbook with a ``Tiltag`` sheet, a date style (1) and a duration style (2)."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Tiltag"
    ws["A1"] = datetime(2025, 3, 1)
    ws["A1"].number_format = "yyyy-mm-dd"
    ws["B1"] = 1.5
    ws["B1"].number_format = "[h]:mm:ss"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


BASE = _base()


def workbook(sheet_data: str, dimension: str | None = None, after: str = "") -> bytes:
    """:data:`BASE` with its sheet's cells replaced by ``sheet_data`` (the rows' XML), and a
    shared string table."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = f'<worksheet xmlns="{MAIN}">{dim}<sheetData>{sheet_data}</sheetData>{after}</worksheet>'
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(BASE)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = sheet.encode("utf-8")
            elif info.filename == "[Content_Types].xml":
                override = (
                    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                )
                data = data.replace(b"</Types>", override.encode() + b"</Types>")
            dst.writestr(info, data)
        dst.writestr("xl/sharedStrings.xml", SHARED_XML)
    return out.getvalue()


def _both(raw: bytes) -> tuple[Any, Any]:
    """The rows read by openpyxl and by xlsxrows, as (type, value) pairs, or the error."""

    def typed(rows: Any) -> list[list[tuple[type, Any]]]:
        return [[(type(v), v) for v in row] for row in rows]

    def old() -> Any:
        book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True, read_only=True)
        rows = book["Tiltag"].iter_rows()
        return typed(
            [ExcelError(c.value) if c.data_type == "e" else c.value for c in r] for r in rows
        )

    def new() -> Any:
        book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True, read_only=True)
        return typed(sheet_values(book, "Tiltag"))

    results = []
    for read in (old, new):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # as udv reads a sheet (sheets/read.py)
                results.append(read())
        except Exception as exc:
            results.append(("raised", type(exc)))
    return results[0], results[1]


def _cell(ref: str | None, kind: str, body: str, style: str | None = None) -> str:
    r = f' r="{ref}"' if ref else ""
    t = f' t="{kind}"' if kind else ""
    s = f' s="{style}"' if style is not None else ""
    return f"<c{r}{t}{s}>{body}</c>"


# Every kind of cell: (t attribute, content).
CELLS: list[tuple[str, str]] = [
    ("inlineStr", "<is><t>Arbejdet fortsætter som planlagt.</t></is>"),
    ("inlineStr", '<is><t xml:space="preserve">  med mellemrum  </t></is>'),
    ("inlineStr", "<is><t>a &amp; b &lt; c &#230;</t></is>"),
    ("inlineStr", "<is><t>linje\r\nto_x000D_</t></is>"),
    ("inlineStr", "<is><t/></is>"),
    ("inlineStr", "<is></is>"),
    ("inlineStr", "<is><t>første</t><t>anden</t></is>"),
    ("inlineStr", "<is><t>anden</t><t/></is>"),
    ("inlineStr", "<is><r><t>fed</t></r><r><rPr><b/></rPr><t> tekst</t></r></is>"),
    ("inlineStr", "<is><t>a</t><r><t>b</t></r></is>"),
    ("inlineStr", '<is><t>ruby</t><rPh sb="0" eb="1"><t>r</t></rPh></is>'),
    ("inlineStr", '<is><t xmlns="urn:other">fremmed</t></is>'),
    ("inlineStr", "<is><t>ydre<b>indre</b>hale</t></is>"),
    ("inlineStr", "<v>7</v>"),
    ("inlineStr", ""),
    ("s", "<v>0</v>"),
    ("s", "<v>1</v>"),
    ("s", "<v>2</v>"),
    ("s", "<v>3</v>"),
    ("s", "<v>4</v>"),
    ("s", "<v>5</v>"),
    ("s", "<v>6</v>"),
    ("s", "<v>7</v>"),
    ("", "<v>2025</v>"),
    ("n", "<v>1.5</v>"),
    ("n", "<v>1E3</v>"),
    ("n", "<v>-0</v>"),
    ("n", "<v></v>"),
    ("n", ""),
    ("b", "<v>1</v>"),
    ("b", "<v>0</v>"),
    ("e", "<v>#N/A</v>"),
    ("e", "<v>#NAME?</v>"),
    ("str", "<f>A1&amp;B1</f><v>formlens tekst</v>"),
    ("str", "<f>A1</f>"),
    ("d", "<v>2025-03-01T00:00:00</v>"),
    ("inlineStr", "<f>A1</f><is><t>med formel</t></is>"),
]


@pytest.mark.parametrize("kind,body", CELLS)
@pytest.mark.parametrize("style", [None, "0", "1", "2"])
def test_every_kind_of_cell_is_read_as_openpyxl_reads_it(kind: str, body: str, style: str) -> None:
    rows = _row(1, [_cell("A1", "inlineStr", "<is><t>Id</t></is>"), _cell("B1", kind, body, style)])
    rows += _row(2, [_cell("A2", kind, body, style), _cell(None, kind, body, style)])
    for dimension in ("A1:C2", None):
        old, new = _both(workbook(rows, dimension))
        assert new == old


def _row(number: int | None, cells: list[str], attrs: str = "") -> str:
    r = f' r="{number}"' if number is not None else ""
    return f"<row{r}{attrs}>{''.join(cells)}</row>"


TEXT = "<is><t>x</t></is>"

LAYOUTS: dict[str, tuple[str, str | None]] = {
    "rows and cells in order": (
        _row(1, [_cell("A1", "inlineStr", TEXT), _cell("B1", "inlineStr", TEXT)])
        + _row(2, [_cell("A2", "inlineStr", TEXT)]),
        "A1:B2",
    ),
    "rows left out": (_row(2, [_cell("A2", "inlineStr", TEXT)]) + _row(5, []), "A1:C6"),
    "cells left out": (_row(1, [_cell("C1", "inlineStr", TEXT)]), "A1:E1"),
    "no size recorded": (
        _row(1, [_cell("C1", "inlineStr", TEXT)]) + _row(3, [_cell("A3", "inlineStr", TEXT)]),
        None,
    ),
    "no size, empty row": (_row(1, []) + _row(2, [_cell("B2", "inlineStr", TEXT)]), None),
    "cells past the recorded size": (
        _row(1, [_cell("A1", "inlineStr", TEXT), _cell("F1", "inlineStr", TEXT)]),
        "A1:B1",
    ),
    "rows past the recorded size": (
        "".join(_row(n, [_cell(f"A{n}", "inlineStr", TEXT)]) for n in range(1, 6)),
        "A1:A2",
    ),
    "a size larger than the rows": (_row(1, [_cell("A1", "inlineStr", TEXT)]), "A1:B4"),
    "a size not starting at A1": (_row(3, [_cell("C3", "inlineStr", TEXT)]), "B2:D4"),
    "rows out of order": (
        _row(3, [_cell("A3", "inlineStr", TEXT)]) + _row(1, [_cell("A1", "inlineStr", TEXT)]),
        "A1:A3",
    ),
    "the same row twice": (
        _row(1, [_cell("A1", "inlineStr", TEXT)]) + _row(1, [_cell("B1", "inlineStr", TEXT)]),
        "A1:B1",
    ),
    "cells out of order": (
        _row(1, [_cell("C1", "inlineStr", TEXT), _cell("A1", "inlineStr", TEXT)]),
        None,
    ),
    "no addresses": (
        _row(None, [_cell(None, "inlineStr", TEXT), _cell(None, "inlineStr", TEXT)])
        + _row(None, [_cell(None, "s", "<v>0</v>")]),
        None,
    ),
    "addresses on some cells": (
        _row(4, [_cell(None, "inlineStr", TEXT), _cell("D4", "inlineStr", TEXT)])
        + _row(None, [_cell(None, "inlineStr", TEXT)]),
        "A1:E5",
    ),
    "lower-case and absolute addresses": (
        _row(1, [_cell("b1", "inlineStr", TEXT), _cell("$C$1", "inlineStr", TEXT)]),
        None,
    ),
    "a row number written as a decimal": (_row(None, [], ' r="2.0"') + _row(3, []), None),
    "row attributes": (
        _row(1, [_cell("A1", "inlineStr", TEXT)], ' ht="43" customHeight="1"'),
        None,
    ),
    "an empty sheet": ("", None),
    "an empty sheet with a size": ("", "A1:C3"),
    # What openpyxl refuses: the same error both ways.
    "a style that is not a number": (_row(1, [_cell("A1", "inlineStr", TEXT, "x")]), None),
    "an address that is not one": (_row(1, [_cell("1A", "inlineStr", TEXT)]), None),
    "a row number that is not whole": (_row(None, [], ' r="1.5"'), None),
    "an inline string with attributes": (
        _row(1, [_cell("A1", "inlineStr", '<is foo="1"><t>x</t></is>')]),
        None,
    ),
    "a shared string that does not exist": (_row(1, [_cell("A1", "s", "<v>99</v>")]), None),
    "a truth value that is not one": (_row(1, [_cell("A1", "b", "<v>SAND</v>")]), None),
    "a number that is not one": (_row(1, [_cell("A1", "n", "<v>12,5</v>")]), None),
    "a date out of range": (_row(1, [_cell("A1", "n", "<v>99999999</v>", "1")]), None),
}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_rows_are_filled_out_and_cut_as_openpyxl_does(name: str) -> None:
    rows, dimension = LAYOUTS[name]
    old, new = _both(workbook(rows, dimension))
    assert new == old


def test_what_follows_the_cells_is_read_by_openpyxl_as_before() -> None:
    """A broken part after the cells (a data validation openpyxl cannot read) stops the
    reading both ways; a sheet whose rows are cut at its recorded size is not read that far,
    both ways."""
    broken = (
        '<dataValidations count="1"><dataValidation type="nonsense" sqref="A1"/></dataValidations>'
    )
    cells = _row(1, [_cell("A1", "inlineStr", TEXT)]) + _row(2, [_cell("A2", "inlineStr", TEXT)])
    for dimension in (None, "A1:A2", "A1:A1"):
        old, new = _both(workbook(cells, dimension, after=broken))
        assert new == old
    assert _both(workbook(cells, None, after=broken))[0][0] == "raised"


def test_random_sheets_read_alike() -> None:
    """Sheets put together at random from the cells and layouts above."""
    rng = random.Random(29)
    kinds = [c for c in CELLS if "urn:other" not in c[1]]
    for _ in range(60):
        rows = []
        number = 0
        for _ in range(rng.randint(0, 8)):
            number += rng.choice([1, 1, 1, 2, 0])
            cells = []
            column = 0
            for _ in range(rng.randint(0, 6)):
                column += rng.choice([1, 1, 2])
                ref = f"{'ABCDEFGHIJKLMNOP'[column - 1]}{number}" if rng.random() < 0.8 else None
                kind, body = rng.choice(kinds)
                cells.append(_cell(ref, kind, body, rng.choice([None, "0", "1", "2"])))
            rows.append(_row(number if rng.random() < 0.9 else None, cells))
        dimension = rng.choice([None, "A1:F8", "A1:C3", "B2:P20"])
        old, new = _both(workbook("".join(rows), dimension))
        assert new == old


def test_plain_inline_strings_skip_openpyxl_rich_text_reader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """udv's own sheets (and whatever openpyxl saves) hold their text as inline strings:
    openpyxl read each through its general rich-text reader (Text.from_tree); plain ones are
    now taken as their text, the others still go through it."""
    plain = "".join(
        _row(n, [_cell(f"{c}{n}", "inlineStr", f"<is><t>{c}{n}</t></is>") for c in "ABCDE"])
        for n in range(1, 21)
    )
    rich = _row(21, [_cell("A21", "inlineStr", "<is><r><rPr><b/></rPr><t>fed</t></r></is>")])
    raw = workbook(plain + rich, "A1:E21")
    book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    calls = [0]
    original = Text.from_tree.__func__  # type: ignore[attr-defined]

    def counted(cls: Any, node: Any) -> Any:
        calls[0] += 1
        return original(cls, node)

    monkeypatch.setattr(Text, "from_tree", classmethod(counted))
    rows = list(sheet_values(book, "Tiltag"))
    assert rows[0] == ["A1", "B1", "C1", "D1", "E1"]
    assert rows[20][0] == "fed"
    assert calls[0] == 1


def test_another_openpyxl_release_reads_with_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    cells = _row(1, [_cell("A1", "inlineStr", TEXT), _cell("B1", "e", "<v>#N/A</v>")])
    monkeypatch.setattr(xlsxrows, "FOLLOWS", "9.9.")
    old, new = _both(workbook(cells, "A1:B1"))
    assert new == old == [[(str, "x"), (ExcelError, "#N/A")]]
