"""The status sheet's columns, file names and the problems the round trip reports.

The headings are an interface: owners' macros and the import find columns by them, so they
never change once released (``Id``, ``Tiltag``, ``Ny opdatering``, ``Perioden den vedrører``,
``Ny status``, ``Ny frist`` ...). The same columns are used in the workbook and in CSV.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SHEET = "Tiltag"
"""The sheet with one row per initiative (problems are reported as ``Tiltag!F7``)."""
GUIDE_SHEET = "Vejledning"
LISTS_SHEET = "Lister"
MANIFEST_SHEET = "udv"

UNOWNED = "uden-ansvarlig"
"""The file name part for initiatives without an owner (``statusark-uden-ansvarlig.xlsx``)."""

FILE_PREFIX = "statusark-"
MANIFEST_FILE = "udsendelse.json"
"""The round's manifest, written next to the exported sheets."""

Format = Literal["xlsx", "csv"]
FORMATS: tuple[Format, ...] = ("xlsx", "csv")

Answer = Literal["text", "concerns", "status", "due", "reached"]


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its heading, the field it feeds (answer columns) and its width."""

    key: str
    heading: str
    width: float
    answer: Answer | None = None
    wrap: bool = True


COLUMNS: tuple[Column, ...] = (
    Column("id", "Id", 18),
    Column("title", "Tiltag", 24),
    Column("track", "Spor", 17),
    Column("status", "Nuværende status", 11),
    Column("due", "Nuværende frist", 11),
    Column("last_text", "Seneste opdatering", 39),
    Column("last_date", "Dato for seneste opdatering", 15),
    Column("milestones", "Milepæle, der ikke er nået", 24),
    Column("text", "Ny opdatering", 44, "text"),
    Column("concerns", "Perioden den vedrører", 13, "concerns"),
    Column("new_status", "Ny status", 10, "status"),
    Column("new_due", "Ny frist", 11, "due"),
    Column("reached", "Nåede milepæle", 24, "reached"),
)
HEADINGS: tuple[str, ...] = tuple(c.heading for c in COLUMNS)
ANSWER_COLUMNS: tuple[Column, ...] = tuple(c for c in COLUMNS if c.answer is not None)
FIRST_ANSWER = COLUMNS.index(ANSWER_COLUMNS[0])
"""Index of the first answer column: the printed page breaks before it."""

ID_HEADING = "Id"
REQUIRED_HEADINGS: tuple[str, ...] = (ID_HEADING, *(c.heading for c in ANSWER_COLUMNS))
"""What an import needs: the id and every answer column (the others are for reading)."""


def status_choices() -> tuple[str, ...]:
    """The statuses as the drop-down offers them: ``Planlagt``, ``I gang`` ... (the plan's
    own labels, imported when asked: reading a returned sheet imports none of the plan's
    types, see :mod:`udvikling.sheets.handover`)."""
    from udvikling.vocab import STATUS_LABELS

    return tuple(STATUS_LABELS.values())


MILESTONE_SEPARATOR = ";"


def sheet_name(owner_slug: str, fmt: Format) -> str:
    """``statusark-socialchef.xlsx``."""
    return f"{FILE_PREFIX}{owner_slug}.{fmt}"


def status_value(text: str) -> str | None:
    """The status id for a cell's text (``I gang``, ``i gang``, ``i-gang``), or None."""
    from udvikling.vocab import status_from_text

    return status_from_text(text)


Severity = Literal["error", "warning", "info"]
SEVERITY_WORDS: dict[Severity, str] = {"error": "fejl", "warning": "advarsel", "info": "bemærk"}


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem in a returned sheet at ``file:Sheet!F7`` (or at a file, or a plan file).

    ``where`` is the address as printed: ``statusark-socialchef.xlsx:Tiltag!F7`` for a cell,
    ``svar.csv:F7`` for a CSV cell, the file alone for the whole file.
    """

    where: str
    severity: Severity
    message: str
    hint: str | None = None
    code: str | None = None

    def line(self) -> str:
        """``where: fejl: message`` (with the lint code when the rule is lint's)."""
        code = f"{self.code} " if self.code else ""
        return f"{self.where}: {code}{SEVERITY_WORDS[self.severity]}: {self.message}"


def has_errors(problems: list[Problem]) -> bool:
    """True when any problem is an error."""
    return any(p.severity == "error" for p in problems)
