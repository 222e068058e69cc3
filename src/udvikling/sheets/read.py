"""Read a returned status sheet (a workbook or CSV file) into text cells with addresses.

Columns are found by their headings, not their position, so a sheet whose columns were moved
still reads. Every cell becomes text: numbers and dates that a spreadsheet made of what was
typed are turned back into text (``2025`` stays ``2025``, a date becomes ``2025-03-15``).
Nothing here raises for a bad file: problems are returned with the file's name.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from udvikling.sheets.layout import (
    COLUMNS,
    ID_HEADING,
    MANIFEST_SHEET,
    REQUIRED_HEADINGS,
    SHEET,
    Format,
    Problem,
)
from udvikling.sheets.xlsxrows import ExcelError, sheet_values

if TYPE_CHECKING:
    from udvikling.sheets.manifest import SentSheet

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 5000
MAX_CELL = 32_767  # characters: what an Excel cell holds at most
MAX_PARTS = 1000  # parts of a workbook's zip
MAX_UNPACKED = 32 * 1024 * 1024  # bytes a workbook's parts may unpack to, together
MAX_MANIFEST_ROWS = 2000  # rows of the hidden sheet 'udv' read at most
HEADER_SEARCH = 10  # the heading row is looked for in this many first rows
EXCEL_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell's text and its address as printed (``statusark-x.xlsx:Tiltag!F7``)."""

    text: str
    where: str
    error: str | None = None  # an Excel error value (#NAME? ...) instead of text


@dataclass
class SheetRow:
    """A data row: its number in the sheet and its cells by column key."""

    number: int
    cells: dict[str, Cell]
    where: str  # the row's id cell, for problems about the whole row

    def text(self, key: str) -> str:
        """The text of the cell in column ``key`` ('' when empty or absent)."""
        cell = self.cells.get(key)
        return cell.text if cell is not None else ""


@dataclass
class Returned:
    """A returned sheet: where it came from, its rows, its embedded manifest entry."""

    path: Path
    label: str
    fmt: Format
    rows: list[SheetRow] = field(default_factory=list)
    sent: SentSheet | None = None
    sealed: bool = False  # ``sent`` carries the plan keeper's seal: it is as exported
    problems: list[Problem] = field(default_factory=list)
    # The manifest entry as read from the workbook and where its problem goes among the
    # problems, until :func:`settle` checks it.
    embedded: tuple[str, int] | None = None


def read_sheet(path: Path, label: str | None = None) -> Returned:
    """Read ``path`` (``.xlsx`` or ``.csv``); problems are in the result, never raised."""
    return settle([read_cells(path, label)])[0]


def read_cells(path: Path, label: str | None = None) -> Returned:
    """:func:`read_sheet` but for checking the workbook's own manifest entry, which is left
    as the text read (``embedded``) for :func:`settle`. This imports none of the plan's
    models (nor pydantic), so a process can read the sheets before it has imported them
    (:mod:`udvikling.sheets.handover`)."""
    name = label or str(path)
    fmt: Format = "csv" if path.suffix.lower() == ".csv" else "xlsx"
    result = Returned(path, name, fmt)
    raw = _read_file(path, result)
    if raw is None:
        return result
    if fmt == "csv":
        from udvikling.sheets.csvread import read_csv

        table = read_csv(raw, result)
        prefix = f"{name}:"
    else:
        table, sheet_title = _read_xlsx(raw, result)
        prefix = f"{name}:{sheet_title}!"
    if table is not None:
        _rows(table, prefix, result)
    return result


def _read_file(path: Path, result: Returned) -> bytes | None:
    """The returned file's bytes, read as udv reads every file it is given
    (:func:`udvikling.safe_read.read_regular`: never blocking on a FIFO, never more than
    :data:`MAX_BYTES`); None with a problem when it cannot be read."""
    from udvikling.safe_read import NotAFile, TooLarge, read_error_text, read_regular

    name = result.label
    try:
        return read_regular(path, name, MAX_BYTES)
    except FileNotFoundError:
        result.problems.append(Problem(name, "error", "Filen findes ikke."))
    except NotAFile as exc:
        hint = "Skriv fx mappe/*.xlsx." if exc.kind == "en mappe" else None
        problem = Problem(name, "error", f"Det er {exc.kind}, ikke et statusark.", hint)
        result.problems.append(problem)
    except TooLarge as exc:
        size = exc.size // 1_000_000
        result.problems.append(
            Problem(name, "error", f"Filen er for stor ({size} MB) til et statusark.")
        )
    except OSError as exc:
        result.problems.append(
            Problem(name, "error", f"Filen kan ikke læses: {read_error_text(exc)}.")
        )
    return None


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def unpacked_problem(raw: bytes) -> str | None:
    """Why the workbook's zip is too big to unpack (by what its parts say they hold, which
    is all Python's zip reader will ever give of each), or None. Checked before a part is
    parsed, so a small file that unpacks to gigabytes is never unpacked."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None  # not a zip: the parser says it cannot read it
    if len(parts) > MAX_PARTS:
        return f"den har {len(parts)} dele; et statusark har højst {MAX_PARTS}"
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED:
        mb = MAX_UNPACKED // (1024 * 1024)
        return f"den fylder {unpacked // 1_000_000} MB pakket ud; udv læser højst {mb} MB"
    return None


def _read_xlsx(raw: bytes, result: Returned) -> tuple[list[list[Any]] | None, str]:
    """The rows of the ``Tiltag`` sheet as values (errors as ``ExcelError``).

    The limits hold while reading, not after: the zip's unpacked size is checked first, the
    sheet is read row by row (openpyxl's read-only mode streams it; the rows' values as
    :mod:`udvikling.sheets.xlsxrows` takes them from it) and reading stops at
    :data:`MAX_ROWS` rows or a cell over :data:`MAX_CELL` characters.
    """
    import openpyxl

    too_big = unpacked_problem(raw)
    if too_big is not None:
        result.problems.append(
            Problem(
                result.label,
                "error",
                f"Filen kan ikke læses som statusark: {too_big}.",
                "Brug det statusark, der blev sendt ud.",
            )
        )
        return None, SHEET
    try:
        with warnings.catch_warnings():
            # LibreOffice and Excel write extensions openpyxl does not read; it says so.
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True, read_only=True)
            try:
                return _read_book(book, result)
            finally:
                book.close()
    except _Stop:
        return None, SHEET
    except Exception as exc:  # any failure of the parser means the file cannot be read
        detail = f" ({_reason(exc)})" if isinstance(exc, OSError) else ""
        result.problems.append(
            Problem(
                result.label,
                "error",
                f"Filen kan ikke læses som Excel-projektmappe (.xlsx){detail}.",
                "Gem filen som Excel-projektmappe (.xlsx) og prøv igen.",
            )
        )
        return None, SHEET


class _Stop(Exception):
    """Reading stopped at a limit (the problem is recorded)."""


def _read_book(book: Any, result: Returned) -> tuple[list[list[Any]] | None, str]:
    if MANIFEST_SHEET in book.sheetnames:
        hidden = book[MANIFEST_SHEET]
        chunks: list[str] = []
        size = 0
        # udv writes its entry in a few cells of 30,000 characters: a hidden sheet of a
        # million rows is read no further than that could need.
        for row in hidden.iter_rows(values_only=True, max_row=MAX_MANIFEST_ROWS):
            if row and row[0]:
                chunks.append(str(row[0]))
                size += len(chunks[-1])
                if size > MAX_UNPACKED:
                    break
        result.embedded = ("".join(chunks), len(result.problems))
    title = SHEET if SHEET in book.sheetnames else _sheet_with_headings(book)
    if title is None:
        result.problems.append(
            Problem(
                result.label,
                "error",
                f"Filen har intet ark »{SHEET}« med kolonnen {ID_HEADING}.",
                "Brug det statusark, der blev sendt ud, og behold arkets navn og overskrifter.",
            )
        )
        return None, SHEET
    table: list[list[Any]] = []
    for number, values in enumerate(sheet_values(book, title), start=1):
        if number > MAX_ROWS:
            result.problems.append(
                Problem(result.label, "error", f"Arket har mere end {MAX_ROWS} rækker.")
            )
            return None, title
        for index, value in enumerate(values):
            if isinstance(value, str) and len(value) > MAX_CELL:
                where = f"{result.label}:{title}!{column_letter(index)}{number}"
                result.problems.append(cell_too_large(where))
                return None, title
        table.append(values)
    return table, title


def settle(sheets: list[Returned]) -> list[Returned]:
    """``sheets`` with the manifest entry each workbook holds (read by :func:`read_cells`)
    checked: the sheet it says was sent and whether the plan keeper's seal holds, or a
    warning that it is damaged, where it was read among the sheet's problems. The key is
    read once, and only when a sheet has an entry."""
    from udvikling.sheets.manifest import ManifestError, parse_embedded, sealing_key

    key: list[bytes | None] = []
    for sheet in sheets:
        if sheet.embedded is None:
            continue
        (text, at), sheet.embedded = sheet.embedded, None
        if not key:
            key.append(sealing_key())
        try:
            sheet.sent, sheet.sealed = parse_embedded(text, key[0])
        except ManifestError as exc:
            sheet.problems.insert(at, Problem(sheet.label, "warning", str(exc)))
    return sheets


def cell_too_large(where: str) -> Problem:
    """The problem of a cell over :data:`MAX_CELL` characters at ``where``."""
    return Problem(
        where,
        "error",
        f"Cellen har mere end {MAX_CELL:_} tegn; en celle i et statusark har højst det.".replace(
            "_", "."
        ),
        "Skriv svaret kortere, eller send det separat.",
    )


def _sheet_with_headings(book: Any) -> str | None:
    for ws in book.worksheets:
        if ws.title == MANIFEST_SHEET:
            continue
        for row in ws.iter_rows(max_row=HEADER_SEARCH, values_only=True):
            if any(heading_key(v) == heading_key(ID_HEADING) for v in row):
                return str(ws.title)
    return None


def heading_key(value: Any) -> str:
    """A heading as compared: spaces collapsed, case folded."""
    return " ".join(str(value).split()).casefold() if value is not None else ""


def column_letter(index: int) -> str:
    """The letter of the column at ``index`` (0: ``A``)."""
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


def _rows(table: list[list[Any]], prefix: str, result: Returned) -> None:
    """Find the heading row, map headings to columns and collect the rows below it."""
    wanted = {heading_key(c.heading): c.key for c in COLUMNS}
    header_at = None
    for number, row in enumerate(table[:HEADER_SEARCH]):
        if any(heading_key(v) == heading_key(ID_HEADING) for v in row):
            header_at = number
            break
    if header_at is None:
        result.problems.append(
            Problem(
                result.label,
                "error",
                f"Fandt ingen overskriftsrække med kolonnen {ID_HEADING}.",
                "Behold overskrifterne fra det udsendte statusark i første række.",
            )
        )
        return
    columns: dict[str, int] = {}
    for index, value in enumerate(table[header_at]):
        key = wanted.get(heading_key(value))
        if key is None:
            continue
        if key in columns:
            where = f"{prefix}{column_letter(index)}{header_at + 1}"
            result.problems.append(
                Problem(where, "error", f"Kolonnen »{value}« står to gange.", "Slet den ene.")
            )
            continue
        columns[key] = index
    keys = {c.heading: c.key for c in COLUMNS}
    missing = [h for h in REQUIRED_HEADINGS if keys[h] not in columns]
    if missing:
        names = ", ".join(f"»{h}«" for h in missing)
        result.problems.append(
            Problem(
                f"{prefix}{header_at + 1}:{header_at + 1}",
                "error",
                f"Overskriftsrækken mangler {names}.",
                "Behold overskrifterne fra det udsendte statusark; de bruges til at finde svarene.",
            )
        )
        return
    for number, row in enumerate(table[header_at + 1 :], start=header_at + 2):
        cells: dict[str, Cell] = {}
        for key, index in columns.items():
            value = row[index] if index < len(row) else None
            where = f"{prefix}{column_letter(index)}{number}"
            if isinstance(value, ExcelError):
                cells[key] = Cell("", where, str(value))
            else:
                cells[key] = Cell(cell_text(value), where)
        id_where = cells["id"].where
        result.rows.append(SheetRow(number, cells, id_where))


def cell_text(value: Any) -> str:
    """A cell's value as the text that was typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "SAND" if value else "FALSK"
    if isinstance(value, datetime):  # a time of day in a date cell: the date is meant
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).replace("_x000D_", "").replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip()
