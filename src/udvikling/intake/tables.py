"""Read the tables of a Word document, a workbook or a CSV file as rows of text cells.

Every cell keeps its address as a person finds it (``plan.docx: tabel 2, række 3, kolonne 1``,
``plan.xlsx:Ark1!B3``, ``plan.csv:B3``). Merged cells are resolved as they look on the page:
a cell merged down a column (a track written once beside several rows) gives its text to
every row it spans, and a row that is one cell across the whole table (a section heading
inside the table) is marked as such. For a Word document, the heading above each table is
kept too. Nothing here raises for a bad file: problems are returned with the file's name.
"""

from __future__ import annotations

import csv
import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from udvikling.sheets.layout import Problem

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 60


@dataclass(frozen=True, slots=True)
class SourceCell:
    """A cell: its paragraphs (lines) of text and its address."""

    paragraphs: tuple[str, ...]
    where: str

    @property
    def text(self) -> str:
        """The cell's text, paragraphs joined by line breaks."""
        return "\n".join(self.paragraphs)


@dataclass
class SourceRow:
    """A row of a table: its cells by grid column, its address, and whether it is a single
    cell across the whole table (a section heading row)."""

    number: int
    cells: list[SourceCell]
    where: str
    across: bool = False

    def text(self, column: int) -> str:
        """The text in ``column`` ('' when the row is shorter)."""
        return self.cells[column].text if column < len(self.cells) else ""

    def empty(self) -> bool:
        """True when no cell of the row has text."""
        return not any(c.text.strip() for c in self.cells)


@dataclass
class SourceTable:
    """A table of a file: its rows, what it is called in messages, the heading above it."""

    label: str
    rows: list[SourceRow] = field(default_factory=list)
    heading: str | None = None
    letters: bool = False  # columns are named A, B, C (a spreadsheet)


@dataclass
class ReadFile:
    """The tables of one file and the problems reading it."""

    path: Path
    tables: list[SourceTable] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


# Characters that only steer layout (optional hyphen, zero-width space and joiners, a byte
# order mark inside the text): Word and Excel keep them, a reader never sees them.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def clean_text(text: str) -> str:
    """``text`` without the characters that only steer layout."""
    return text.translate(_INVISIBLE)


def column_letter(index: int) -> str:
    """``A`` for 0, ``AA`` for 26."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_tables(path: Path) -> ReadFile:
    """The tables of ``path`` (``.docx``, ``.xlsx`` or ``.csv``)."""
    from udvikling.safe_read import NotAFile, TooLarge, read_regular

    result = ReadFile(path)
    name = path.name
    suffix = path.suffix.casefold()
    if suffix not in (".docx", ".xlsx", ".xlsm", ".csv", ".txt"):
        result.problems.append(
            Problem(
                name,
                "error",
                f"udv kan ikke læse filtypen '{path.suffix or '(ingen)'}'.",
                "Gem planen som Word-dokument (.docx), Excel-projektmappe (.xlsx) eller CSV.",
            )
        )
        return result
    try:
        raw = read_regular(path, name, MAX_BYTES)
    except NotAFile as exc:
        result.problems.append(Problem(name, "error", f"{name} er {exc.kind}, ikke en fil."))
        return result
    except TooLarge as exc:
        result.problems.append(
            Problem(name, "error", f"Filen fylder {exc.size // (1024 * 1024)} MB; højst 20 MB.")
        )
        return result
    except OSError as exc:
        result.problems.append(
            Problem(name, "error", f"Filen kan ikke læses: {exc.strerror or exc}.")
        )
        return result
    if suffix == ".docx":
        from udvikling.intake.word import read_docx

        read_docx(raw, result)
    elif suffix in (".xlsx", ".xlsm"):
        _read_xlsx(raw, result)
    else:
        _read_csv(raw, result)
    return result


def _read_xlsx(raw: bytes, result: ReadFile) -> None:
    import openpyxl

    from udvikling.sheets.read import cell_text, unpacked_problem

    name = result.path.name
    too_big = unpacked_problem(raw)  # before a part is unpacked: no zip bomb is
    if too_big is not None:
        result.problems.append(
            Problem(name, "error", f"Filen kan ikke læses som regneark: {too_big}.", None)
        )
        return
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    except Exception:  # any failure of the parser means the file cannot be read
        result.problems.append(
            Problem(
                name,
                "error",
                "Filen kan ikke læses som Excel-projektmappe (.xlsx).",
                "Gem filen som Excel-projektmappe (.xlsx) og prøv igen.",
            )
        )
        return
    for ws in book.worksheets:
        if ws.max_row > MAX_ROWS:
            result.problems.append(
                Problem(
                    f"{name}:{ws.title}", "error", f"Arket har for mange rækker ({ws.max_row})."
                )
            )
            continue
        values = [list(row) for row in ws.iter_rows(values_only=True)]
        width = min(MAX_COLUMNS, max((len(r) for r in values), default=0))
        across_rows: set[int] = set()
        for merged in ws.merged_cells.ranges:
            if merged.min_row > len(values) or merged.min_col > len(values[merged.min_row - 1]):
                continue
            top = values[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row, min(merged.max_row, len(values)) + 1):
                for c in range(merged.min_col, min(merged.max_col, width) + 1):
                    if c - 1 < len(values[r - 1]):
                        values[r - 1][c - 1] = top
            if top is not None and merged.max_col - merged.min_col >= 1:
                across_rows.update(range(merged.min_row, merged.max_row + 1))
        table = SourceTable(f"{name}, ark »{ws.title}«", letters=True)
        for number, row in enumerate(values, start=1):
            texts = [cell_text(row[c]) if c < len(row) else "" for c in range(width)]
            filled = {t for t in texts if t}
            table.rows.append(
                _sheet_row(
                    f"{name}:{ws.title}!",
                    number,
                    texts,
                    across=number in across_rows and len(filled) == 1,
                )
            )
        if any(not r.empty() for r in table.rows):
            result.tables.append(table)


def _sheet_row(prefix: str, number: int, texts: list[str], *, across: bool) -> SourceRow:
    cells = [
        SourceCell(
            tuple(line.strip() for line in clean_text(text).split("\n") if line.strip()),
            f"{prefix}{column_letter(c)}{number}",
        )
        for c, text in enumerate(texts)
    ]
    return SourceRow(number, cells, f"{prefix}{number}:{number}", across)


def _read_csv(raw: bytes, result: ReadFile) -> None:
    from udvikling.intake.columns import heading_role
    from udvikling.sheets.csvread import decode_text

    name = result.path.name
    if b"\x00" in raw:
        result.problems.append(
            Problem(
                name,
                "error",
                "Filen er ikke en CSV-fil (den indeholder binære data).",
                "Gem planen som CSV (semikolonsepareret) og prøv igen.",
            )
        )
        return
    text = decode_text(raw)
    first = [line for line in text.splitlines() if line.strip()][:10]

    def score(delimiter: str) -> tuple[int, int]:
        rows = list(csv.reader(first, delimiter=delimiter))
        known = max((sum(1 for c in r if heading_role(c)) for r in rows), default=0)
        return known, max((len(r) for r in rows), default=0)

    try:
        delimiter = max((";", ",", "\t"), key=score)
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        result.problems.append(
            Problem(
                name,
                "error",
                f"Filen kan ikke læses som CSV ({exc}).",
                "Gem planen som CSV (semikolonsepareret) fra Excel og prøv igen.",
            )
        )
        return
    if len(rows) > MAX_ROWS:
        result.problems.append(Problem(name, "error", f"Filen har for mange rækker ({len(rows)})."))
        return
    width = min(MAX_COLUMNS, max((len(r) for r in rows), default=0))
    table = SourceTable(name, letters=True)
    for number, row in enumerate(rows, start=1):
        texts = [row[c].replace("\r\n", "\n").strip() if c < len(row) else "" for c in range(width)]
        table.rows.append(_sheet_row(f"{name}:", number, texts, across=False))
    if any(not r.empty() for r in table.rows):
        result.tables.append(table)
