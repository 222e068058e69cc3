"""An owner's status sheet as an Excel workbook (openpyxl), made to be read, filled and printed.

Four sheets: ``Vejledning`` (what to do, in Danish; opens first), ``Tiltag`` (one row per open
initiative: grey read-only columns, yellow answer columns), ``Lister`` (hidden: the choices
behind the drop-downs) and ``udv`` (very hidden: the manifest entry, see
:mod:`udvikling.sheets.manifest`). ``Tiltag`` is protected without a password, so only the
answer cells can be edited, by accident or otherwise (the protection is against mistakes,
not people). The workbook's structure is locked too, so the sheets keep their names.

Printing (:mod:`udvikling.sheets.printing`): the guide on A4 portrait pages, ``Tiltag`` on
A4 landscape with the plan on one page and the answers on the next, the heading row and the
``Id`` and ``Tiltag`` columns repeated on every page; a sheet with a confidential initiative
says so on every printed page. The date of the newest entry is a real date when it is a day.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from udvikling.danish import format_date
from udvikling.periods import PERIOD_FORMS_HINT
from udvikling.sheets.layout import (
    COLUMNS,
    GUIDE_SHEET,
    LISTS_SHEET,
    MANIFEST_SHEET,
    MILESTONE_SEPARATOR,
    SHEET,
    status_choices,
)
from udvikling.sheets.looks import Looks, give_style, style_of
from udvikling.sheets.manifest import SentSheet, embedded_json, sealing_key
from udvikling.sheets.printing import (
    CONFIDENTIAL,
    FONT,
    default_font,
    guide_setup,
    guide_width,
    rows_setup,
)
from udvikling.sheets.rows import OwnerSheet, Round
from udvikling.terminal import visible

GREY = PatternFill("solid", fgColor="F2F2F2")
GREY_HEAD = PatternFill("solid", fgColor="D9D9D9")
YELLOW = PatternFill("solid", fgColor="FFF6D5")
YELLOW_HEAD = PatternFill("solid", fgColor="FFE08A")
LINE = Side(style="thin", color="A6A6A6")
BOX = Border(left=LINE, right=LINE, top=LINE, bottom=LINE)
TOP_WRAP = Alignment(vertical="top", wrap_text=True)
BOTTOM_WRAP = Alignment(vertical="bottom", wrap_text=True)
UNLOCKED = Protection(locked=False)
CHARS_PER_UNIT = 1.1  # characters of 10 pt Arial per unit of column width, to spare
GUIDE_CHARS_PER_UNIT = 0.95  # characters of the guide's 11 pt Arial per unit
LINE_HEIGHT = 13.0  # points per line of 10 pt text
ANSWER_LINES = 3  # the least room to write in, in lines
DATE_FORMAT = "[$-406]d. mmmm yyyy"  # 20. marts 2025, in Danish whatever the reader's locale
CHUNK = 30_000  # characters per cell of the manifest (a cell holds at most 32,767)


def sheet_title(sheet: OwnerSheet) -> str:
    """``Statusark: Socialchef`` (``Statusark: tiltag uden ansvarlig``)."""
    return f"Statusark: {sheet.owner_name if sheet.owner is not None else 'tiltag uden ansvarlig'}"


def guide_lines(sheet: OwnerSheet, round_: Round, fmt: str = "xlsx") -> list[tuple[str, str]]:
    """The instructions as (style, text) lines; style is ``title``, ``head`` or ``text``."""
    told = f"Planen, som den stod {format_date(round_.as_of)}"
    if round_.report:
        told += f", til {round_.report_title or round_.report}"
    save = (
        "Gem filen som Excel-projektmappe (.xlsx) under samme navn, og send den tilbage."
        if fmt == "xlsx"
        else "Gem filen som CSV (semikolonsepareret) under samme navn, og send den tilbage."
    )
    periods = PERIOD_FORMS_HINT.removeprefix("Skriv fx ")
    if sheet.owner is None:
        who = [
            (
                "text",
                f"Tiltagene har ingen ansvarlig i planen ({sheet.owner_name}). Send arket til "
                "den, der kan svare for dem.",
            )
        ]
    else:
        who = []
    warning = [("head", round_.notice)] if round_.notice else []
    if sheet.confidential:
        titles = ", ".join(f"»{t}«" for t in sheet.confidential)
        warning.append(
            (
                "head",
                f"{CONFIDENTIAL}: {titles} er fortroligt i planen. Del ikke arket med andre "
                "end dem, der skal svare.",
            )
        )
    return [
        ("title", sheet_title(sheet)),
        *warning,
        ("text", f"{round_.process}, {round_.organisation}."),
        ("text", f"{told}. Arket er lavet {format_date(round_.exported)}."),
        *who,
        ("text", ""),
        ("head", "Sådan udfylder du arket"),
        (
            "text",
            f"1. Gå til arket »{SHEET}«. Der er én række for hvert af dine tiltag, som ikke er "
            "afsluttet eller opgivet.",
        ),
        (
            "text",
            "2. De grå kolonner viser planen, som den står. De kan ikke ændres.",
        ),
        (
            "text",
            "3. Skriv dine svar i de gule kolonner. Lad en celle stå tom, når intet er ændret, "
            "og lad hele rækken stå tom, når der ikke er noget nyt. Er en tekst højere end "
            "rækken, så dobbeltklik på stregen under rækkens nummer, så bliver den højere.",
        ),
        ("text", f"4. {save}"),
        (
            "text",
            "5. Slet ikke rækker, og ret ikke i kolonnen Id eller i overskrifterne: dine svar "
            "findes ud fra dem.",
        ),
        ("text", ""),
        ("head", "De gule kolonner"),
        (
            "text",
            "Ny opdatering: Hvad er der sket siden sidste status? Skriv i hele sætninger; "
            "teksten kommer med i statusnotatet, som du skriver den. En tom linje begynder "
            "et nyt afsnit, og en linje, der begynder med »- «, bliver et punkt i en "
            "punktopstilling (ny linje i cellen: Alt+Enter i Excel, Ctrl+Enter i LibreOffice).",
        ),
        (
            "text",
            "Perioden den vedrører: Den periode, opdateringen handler om, fx 2. halvår 2025, "
            "efterår 2025 eller marts 2025. Tom: den dag, svaret bliver indlæst.",
        ),
        (
            "text",
            f"Ny status: Vælg på listen, når status er ændret ({', '.join(status_choices())}). "
            "Tom: uændret.",
        ),
        (
            "text",
            "Ny frist: Kun når fristen er flyttet: en periode som 1. kvartal 2026 eller 2026, "
            "eller løbende. Tom: uændret.",
        ),
        (
            "text",
            "Nåede milepæle: Vælg en milepæl på listen, når den er nået. Er flere nået, skrives "
            f"deres navne adskilt af semikolon ({MILESTONE_SEPARATOR}).",
        ),
        ("text", ""),
        ("head", "Sådan kan en periode skrives"),
        ("text", periods),
    ]


def workbook_bytes(
    sheet: OwnerSheet, round_: Round, sent: SentSheet, key: bytes | None = None
) -> bytes:
    """The workbook for one owner, as the bytes of an ``.xlsx`` file; ``key`` seals its
    manifest entry (:func:`~udvikling.sheets.manifest.sealing_key`, read once per round by
    the caller; looked up here when not given)."""
    book = Workbook()
    default_font(book)
    guide = book.active
    assert guide is not None
    guide.title = GUIDE_SHEET
    _write_guide(guide, sheet, round_)
    rows = book.create_sheet(SHEET)
    lists = book.create_sheet(LISTS_SHEET)
    _write_rows(rows, lists, sheet, round_)
    lists.sheet_state = "hidden"
    hidden = book.create_sheet(MANIFEST_SHEET)
    text = embedded_json(sent, key if key is not None else sealing_key())
    for index in range(0, max(len(text), 1), CHUNK):
        _text(hidden.cell(row=index // CHUNK + 1, column=1), text[index : index + CHUNK], raw=True)
    hidden.sheet_state = "veryHidden"
    book.active = 0
    book.security = WorkbookProtection(lockStructure=True)
    book.properties.title = visible(sheet_title(sheet))
    book.properties.creator = "udv"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(cell: Cell | MergedCell, value: str, *, raw: bool = False) -> None:
    """Put text in a cell as text: a value starting with '=' must not become a formula, and a
    control character (which a workbook cannot hold) or a hidden direction mark from the data
    is shown as its escape (``\\x1b``), as on a terminal; ``raw`` for udv's own JSON."""
    cell.value = value if raw else visible(value)
    cell.data_type = "s"


def _write_guide(ws: Worksheet, sheet: OwnerSheet, round_: Round) -> None:
    width = guide_width()
    ws.column_dimensions["A"].width = width
    ws.sheet_view.showGridLines = False
    fonts = {
        "title": Font(name=FONT, size=16, bold=True),
        "head": Font(name=FONT, size=12, bold=True),
        "text": Font(name=FONT, size=11),
    }
    looks = Looks()

    def styler(font: Font) -> Callable[[Any], None]:
        def style(cell: Any) -> None:
            cell.font = font
            cell.alignment = TOP_WRAP

        return style

    for number, (style, line) in enumerate(guide_lines(sheet, round_), start=1):
        cell = ws.cell(row=number, column=1)
        _text(cell, line)
        looks.give(cell, style, styler(fonts[style]))
        # A set height: a row with only wrapped text is not always made tall enough.
        per_line = width * GUIDE_CHARS_PER_UNIT * (11 / (fonts[style].sz or 11))
        lines = max(1, math.ceil(len(line) / per_line))
        ws.row_dimensions[number].height = 15.0 * lines + (8 if style != "text" else 0)
    guide_setup(ws, visible(sheet_title(sheet)), bool(sheet.confidential))


def _write_rows(ws: Worksheet, lists: Worksheet, sheet: OwnerSheet, round_: Round) -> None:
    head_font = Font(name=FONT, size=10, bold=True)
    body_font = Font(name=FONT, size=10)
    looks = Looks()

    def heading(answer: bool) -> Callable[[Any], None]:
        def style(cell: Any) -> None:
            cell.font = head_font
            cell.fill = YELLOW_HEAD if answer else GREY_HEAD
            cell.border = BOX
            cell.alignment = BOTTOM_WRAP

        return style

    for index, column in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
        cell = ws.cell(row=1, column=index)
        _text(cell, column.heading)
        answer = bool(column.answer)
        looks.give(cell, ("heading", answer), heading(answer))
    ws.row_dimensions[1].height = LINE_HEIGHT * 3 + 4

    status_list = DataValidation(
        type="list",
        formula1='"' + ",".join(status_choices()) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Ny status",
        error=f"Vælg en status på listen: {', '.join(status_choices())}.",
        showInputMessage=True,
        promptTitle="Ny status",
        prompt="Kun når status er ændret. Tom: uændret.",
    )
    ws.add_data_validation(status_list)
    prompts = {
        "concerns": (
            "Perioden den vedrører",
            "Fx 2. halvår 2025, efterår 2025 eller marts 2025. Tom: den dag, svaret indlæses.",
        ),
        "due": ("Ny frist", "Kun når fristen er flyttet: fx 1. kvartal 2026, 2026 eller løbende."),
        "text": ("Ny opdatering", "Hvad er der sket siden sidste status? Hele sætninger."),
    }
    for key, (title, prompt) in prompts.items():
        position = next(i for i, c in enumerate(COLUMNS, start=1) if c.answer == key)
        letter = get_column_letter(position)
        hint = DataValidation(showInputMessage=True, promptTitle=title, prompt=prompt)
        hint.add(f"{letter}2:{letter}{max(2, len(sheet.rows) + 1)}")
        ws.add_data_validation(hint)

    _text(lists.cell(row=1, column=1), "Statusser")
    for number, label in enumerate(status_choices(), start=2):
        _text(lists.cell(row=number, column=1), label)
    _text(lists.cell(row=1, column=2), "Milepæle")
    next_list_row = 2

    # Each column's cells look alike: style one cell of each column (in the first row) and
    # give the others a copy of its style, instead of setting six styles on every cell
    # (openpyxl hashes each style object it is given: 70 % of an export of 1,000 initiatives).
    def body(answer: bool) -> Callable[[Any], None]:
        def style(cell: Any) -> None:
            cell.font = body_font
            cell.border = BOX
            cell.alignment = TOP_WRAP
            if not answer:
                cell.fill = GREY
            else:
                cell.fill = YELLOW
                cell.number_format = "@"  # typed text stays text ("marts 2025" not a date)
                cell.protection = UNLOCKED

        return style

    styles: list[StyleArray] = []
    for index, column in enumerate(COLUMNS, start=1):
        model = ws.cell(row=2, column=index)
        answer = column.answer is not None
        looks.give(model, ("body", answer), body(answer))
        styles.append(style_of(model))
    if sheet.rows:
        # Every row's status cell (added one by one, each was compared with all before it).
        status = next(i for i, c in enumerate(COLUMNS, start=1) if c.answer == "status")
        letter = get_column_letter(status)
        status_list.add(f"{letter}2:{letter}{len(sheet.rows) + 1}")

    for offset, row in enumerate(sheet.rows):
        number = offset + 2
        values = row.values()
        for index, column in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=number, column=index)
            give_style(cell, styles[index - 1])
            if column.key == "last_date" and row.last_day is not None:
                cell.value = row.last_day  # a real date, shown in Danish
                cell.number_format = DATE_FORMAT
            elif column.answer is None:
                _text(cell, values.get(column.key, ""))
            else:
                if column.answer == "reached" and row.milestones:
                    first = next_list_row
                    for title in row.milestones:
                        _text(lists.cell(row=next_list_row, column=2), title)
                        next_list_row += 1
                    choice = DataValidation(
                        type="list",
                        formula1=f"{LISTS_SHEET}!$B${first}:$B${next_list_row - 1}",
                        allow_blank=True,
                        showErrorMessage=True,
                        errorStyle="warning",
                        errorTitle="Nåede milepæle",
                        error="Navnet står ikke på listen. Flere milepæle skrives adskilt af "
                        "semikolon. Vil du beholde teksten?",
                        showInputMessage=True,
                        promptTitle="Nåede milepæle",
                        prompt="Vælg en milepæl, der er nået. Flere: adskil med semikolon.",
                    )
                    choice.add(cell.coordinate)
                    ws.add_data_validation(choice)
        ws.row_dimensions[number].height = row_height(values)

    ws.freeze_panes = "C2"
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # owners may widen columns and rows to read
    ws.protection.formatRows = False
    _print_setup(ws, sheet, round_)


def row_height(values: dict[str, str]) -> float:
    """A row tall enough for its longest read-only text, with room to write in.

    The height is set because neither Excel nor LibreOffice reliably makes a row of wrapped
    text tall enough when it opens a file; the guide tells owners how to make a row taller.
    """
    lines = ANSWER_LINES
    for column in COLUMNS:
        text = values.get(column.key, "")
        if not text or column.answer is not None:
            continue
        per_line = max(1, int(column.width * CHARS_PER_UNIT))
        needed = sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
        lines = max(lines, needed)
    return min(409.0, LINE_HEIGHT * lines + 4)


def _print_setup(ws: Worksheet, sheet: OwnerSheet, round_: Round) -> None:
    title = f"{sheet_title(sheet)} – planen pr. {format_date(round_.as_of)}"
    rows_setup(ws, COLUMNS, visible(title), bool(sheet.confidential))
