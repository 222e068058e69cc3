"""Which column of a plan's table holds what: found by its heading, or as the user says.

Plans name their columns in many ways: Tiltag, Indsats or Aktivitet for the initiative;
Iværksættelse, Tidsplan or Hvornår for its timing; Ansvarlig or Ansvar; Niveau or
"Centralt eller decentralt niveau". A heading matches a role when it is one of the role's
words or begins with one ("Iværksættelse af tiltag"); ``--columns`` names the rest
("Hvad=tiltag", or a column letter: "C=ansvarlig").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from udvikling.intake.tables import SourceRow, SourceTable, column_letter

Role = Literal[
    "title",
    "track",
    "owner",
    "level",
    "timing",
    "start",
    "due",
    "description",
    "responsibility",
    "status",
    "ignore",
]

# Danish word for each role, as messages name it.
ROLE_WORDS: dict[Role, str] = {
    "title": "tiltag",
    "track": "spor",
    "owner": "ansvarlig",
    "level": "niveau",
    "timing": "iværksættelse",
    "start": "start",
    "due": "frist",
    "description": "beskrivelse",
    "responsibility": "forankring",
    "status": "status",
    "ignore": "ignorer",
}

# Headings by role (compared without case and punctuation at the ends).
SYNONYMS: dict[Role, tuple[str, ...]] = {
    "title": (
        "tiltag",
        "tiltaget",
        "indsats",
        "indsatser",
        "indsatsen",
        "aktivitet",
        "aktiviteter",
        "initiativ",
        "initiativer",
        "handling",
        "handlinger",
        "projekt",
        "projekter",
        "opgave",
        "opgaver",
        "titel",
        "hvad",
    ),
    "track": (
        "udviklingsspor",
        "spor",
        "indsatsområde",
        "indsatsområder",
        "fokusområde",
        "fokusområder",
        "tema",
        "temaer",
        "strategisk spor",
        "pejlemærke",
    ),
    "timing": (
        "iværksættelse",
        "iværksat",
        "tidsplan",
        "hvornår",
        "tidspunkt",
        "tid",
        "periode",
        "tidshorisont",
        "tidsramme",
        "tidsperiode",
    ),
    "start": ("start", "startdato", "opstart", "påbegyndes", "begynder"),
    "due": ("frist", "slut", "slutdato", "deadline", "afsluttes", "færdig", "afslutning"),
    "owner": (
        "ansvarlig",
        "ansvarlige",
        "ansvar",
        "ejer",
        "tovholder",
        "ansvarshavende",
        "hvem",
    ),
    "level": (
        "niveau",
        "centralt eller decentralt niveau",
        "centralt eller decentralt",
        "centralt/decentralt",
        "central/decentral",
        "centralt/decentralt niveau",
    ),
    "description": ("beskrivelse", "indhold", "formål", "uddybning"),
    "responsibility": ("forankring", "inddragelse"),
    "status": ("status",),
}

# What --columns accepts after '=' (Danish and the English field names).
FIELD_WORDS: dict[str, Role] = {
    **{word: role for role, word in ROLE_WORDS.items()},
    **{role: role for role in ROLE_WORDS},
    "titel": "title",
    "ivaerksaettelse": "timing",
    "tidsplan": "timing",
    "hvornår": "timing",
    "ansvar": "owner",
    "udviklingsspor": "track",
    "ignorér": "ignore",
    "-": "ignore",
}

HEADER_SEARCH = 10  # the heading row is looked for in this many first rows


def normal(text: str) -> str:
    """A heading compared: lower case, single spaces, no punctuation at the ends."""
    return " ".join(text.split()).casefold().strip(" .:*()[]-–")


def heading_role(text: str) -> Role | None:
    """The role a heading names by itself, if any (the longest matching word wins)."""
    heading = normal(text)
    if not heading:
        return None
    found: tuple[int, Role] | None = None
    for role, words in SYNONYMS.items():
        for word in words:
            matches = heading == word or re.match(re.escape(word) + r"\b", heading)
            if matches and (found is None or len(word) > found[0]):
                found = (len(word), role)
    return found[1] if found else None


@dataclass(frozen=True, slots=True)
class ColumnChoice:
    """One ``--columns`` entry: a heading (or column letter/number) and its role."""

    heading: str
    role: Role


class ColumnsError(ValueError):
    """A ``--columns`` value udv cannot read (Danish message)."""


def parse_columns(values: list[str]) -> list[ColumnChoice]:
    """``["Hvad=tiltag", "C=ansvarlig,D=ignorer"]`` as choices; raises ColumnsError."""
    choices = []
    for value in values:
        for part in value.split(","):
            if not part.strip():
                continue
            heading, sep, word = part.rpartition("=")
            role = FIELD_WORDS.get(word.strip().casefold())
            if not sep or not heading.strip() or role is None:
                known = ", ".join(w for w in ROLE_WORDS.values())
                raise ColumnsError(
                    f"--columns: '{part.strip()}' er ikke OVERSKRIFT=FELT med et felt, udv "
                    f"kender ({known})."
                )
            choices.append(ColumnChoice(heading.strip(), role))
    return choices


@dataclass
class Layout:
    """Where a table's heading row is and which column has which role."""

    header: int  # index of the heading row in the table's rows
    roles: dict[int, Role]
    headings: dict[int, str]

    def column(self, role: Role) -> int | None:
        """The (first) column with ``role``."""
        return next((c for c, r in self.roles.items() if r == role), None)


def _named(choice: ColumnChoice, table: SourceTable, row: SourceRow) -> int | None:
    """The column ``choice`` names in ``row``: by heading, letter (A) or number (1)."""
    wanted = normal(choice.heading)
    for index, cell in enumerate(row.cells):
        if normal(cell.text) == wanted:
            return index
    if table.letters and re.fullmatch(r"[A-Za-z]{1,2}", choice.heading):
        letter = choice.heading.upper()
        return next((i for i in range(len(row.cells)) if column_letter(i) == letter), None)
    if choice.heading.isdigit() and 0 < int(choice.heading) <= len(row.cells):
        return int(choice.heading) - 1
    return None


def find_layout(table: SourceTable, choices: list[ColumnChoice]) -> Layout | None:
    """The heading row (the first of the first rows with a column for the initiative) and
    the role of each column; None when no row names the initiative's column."""
    for index, row in enumerate(table.rows[:HEADER_SEARCH]):
        if row.empty() or row.across:
            continue
        roles: dict[int, Role] = {}
        for column, cell in enumerate(row.cells):
            role = heading_role(cell.text)
            # The first column with a role's heading has it (a heading merged across
            # columns repeats in each).
            if role and role not in roles.values():
                roles[column] = role
        named = {id(c): _named(c, table, row) for c in choices}
        for choice in choices:
            chosen = named[id(choice)]
            if chosen is not None:
                for other in [c for c, r in roles.items() if r == choice.role]:
                    del roles[other]
                roles[chosen] = choice.role
        if "title" in roles.values():
            headings = {c: " ".join(row.cells[c].text.split()) for c in range(len(row.cells))}
            return Layout(index, roles, headings)
    return None
