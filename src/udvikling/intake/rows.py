"""The initiatives in a plan's tables: one per row, with its track, owner, level and timing.

A row's track comes from the table's grouping column (a cell merged down the rows it
groups gives each of them its text), else from the last section row above it (one cell
across the table), else from the heading above the table, else from ``--track``. The text
of a cell is kept as written; what udv makes of it is said in a problem when it is not
certain: a period that cannot be read without guessing, a level that is neither central
nor decentral, a cell in a column udv does not read, a row without an initiative.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from udvikling.intake.columns import ColumnChoice, Layout, Role, find_layout
from udvikling.intake.tables import ReadFile, SourceRow, SourceTable
from udvikling.sheets.layout import Problem

# Words that end with a full stop inside a sentence: "hhv. Børne- og familieområdet".
ABBREVIATIONS = frozenset(
    [
        "hhv",
        "jf",
        "jfr",
        "bl.a",
        "fx",
        "f.eks",
        "evt",
        "ca",
        "pr",
        "nr",
        "inkl",
        "ekskl",
        "mht",
        "vedr",
        "dvs",
        "mv",
        "m.fl",
        "m.m",
        "kl",
        "stk",
        "tlf",
        "ift",
        "ifm",
        "iht",
        "el",
        "o.l",
        "osv",
        "etc",
        "ang",
        "afd",
        "adm",
        "dir",
        "kap",
        "st",
        "gl",
        "ff",
        "vs",
        "bla",
        "ndr",
        "div",
        "max",
        "min",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "okt",
        "nov",
        "dec",
    ]
)
OWNER_WORDS = 8  # an owner is a role's name; a longer first sentence is prose about the work


@dataclass
class ImportedRow:
    """One initiative as a row gives it (text as written; ``level``, ``start``, ``due`` and
    ``status`` only where udv is certain)."""

    where: str
    title: str
    track: str
    owner: str | None = None
    level: str | None = None
    status: str | None = None
    start: str | None = None
    due: str | None = None
    timing: str | None = None
    description: str | None = None
    responsibility: str | None = None


@dataclass
class Reading:
    """The rows found in all files, and the problems of reading them."""

    rows: list[ImportedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def split_sentence(text: str) -> tuple[str, str]:
    """The first sentence of ``text`` (without its full stop) and the rest.

    A full stop ends a sentence when a capital letter follows and the word before it is
    not an abbreviation (``hhv.``, ``ifm.``), a number (``1. Halvår``) or a single letter.
    """
    for match in re.finditer(r"[.!?]\s+(?=[\"'«»(]?[A-ZÆØÅ])", text):
        before = text[: match.start()].split()
        word = before[-1].casefold().strip("(\"'«»") if before else ""
        if not word or word in ABBREVIATIONS or word.isdigit() or len(word) == 1:
            continue
        end = match.start() + (0 if text[match.start()] == "." else 1)
        return text[:end].strip(), text[match.end() :].strip()
    return _no_stop(text.strip()), ""


def _no_stop(text: str) -> str:
    """A title or name without a final full stop (an abbreviation keeps its own)."""
    if text.endswith(".") and not text.endswith(".."):
        last = text.split()[-1][:-1].casefold()
        if last not in ABBREVIATIONS and not last.isdigit():
            return text[:-1].rstrip()
    return text


def _joined(*parts: str | None) -> str | None:
    texts = [p.strip() for p in parts if p and p.strip()]
    return "\n".join(texts) if texts else None


def read_rows(
    files: list[ReadFile], choices: list[ColumnChoice], fallback_track: str | None
) -> Reading:
    """Every initiative row of the files' tables, with the problems found on the way."""
    reading = Reading()
    for read in files:
        reading.problems.extend(read.problems)
        for table in read.tables:
            layout = find_layout(table, choices)
            if layout is None:
                filled = sum(1 for r in table.rows if not r.empty())
                reading.problems.append(
                    Problem(
                        table.label,
                        "warning",
                        f"Tabellen er ikke læst ({filled} rækker med tekst): ingen af de "
                        "første rækker har en overskrift for tiltaget.",
                        "Giv kolonnen en overskrift som Tiltag, Indsats eller Aktivitet, "
                        "eller sig med --columns, hvilken kolonne det er (fx "
                        '--columns "Hvad=tiltag").',
                    )
                )
                continue
            _table_rows(table, layout, fallback_track, reading)
    return reading


def _table_rows(table: SourceTable, layout: Layout, fallback: str | None, reading: Reading) -> None:
    title_column = layout.column("title")
    assert title_column is not None
    track_column = layout.column("track")
    section: str | None = None
    carried: str | None = None  # the grouping column's last text: it groups the rows below
    told = False  # that the track is the heading above the table
    header = table.rows[layout.header]
    for row in table.rows[: layout.header]:
        if not row.empty():
            texts = "; ".join(dict.fromkeys(c.text for c in row.cells if c.text.strip()))
            reading.problems.append(
                Problem(
                    row.where,
                    "info",
                    f"Rækken står over overskriftsrækken og er ikke læst: »{_short(texts)}«.",
                )
            )
    for row in table.rows[layout.header + 1 :]:
        if row.empty() or _same(row, header):
            continue
        if row.across or _section_row(row, layout, track_column):
            section = " ".join(row.cells[_first_filled(row)].text.split())
            if track_column is not None:
                reading.problems.append(
                    Problem(row.where, "info", f"Rækken »{section}« er læst som en mellemrubrik.")
                )
            continue
        title_text = row.text(title_column).strip()
        if track_column is not None and row.text(track_column).strip():
            carried = " ".join(row.text(track_column).split())
            if not title_text and _only(row, track_column):
                continue  # the group's name in a row of its own, above its rows
        if not title_text:
            texts = "; ".join(c.text for c in row.cells if c.text.strip())
            reading.problems.append(
                Problem(
                    row.where,
                    "warning",
                    f"Rækken har intet tiltag og er ikke læst: »{_short(texts)}«.",
                    "Skriv tiltaget i rækken, eller flet rækken med den, den hører til.",
                )
            )
            continue
        track = carried or section or table.heading or fallback
        if track == table.heading and not carried and not section and not told:
            told = True
            reading.problems.append(
                Problem(
                    table.label,
                    "info",
                    f"Tabellens rækker har sporet »{track}« fra overskriften over tabellen.",
                )
            )
        if track is None:
            reading.problems.append(
                Problem(
                    row.where,
                    "warning",
                    f"Tiltaget »{_short(title_text)}« har intet spor og er ikke læst.",
                    'Giv tabellen en kolonne Udviklingsspor, eller angiv --track "Navn".',
                )
            )
            continue
        reading.rows.append(_initiative(row, layout, track, reading.problems))


def _same(row: SourceRow, header: SourceRow) -> bool:
    """A heading row repeated further down (on each page of a long table)."""
    return [c.text for c in row.cells] == [c.text for c in header.cells]


def _only(row: SourceRow, column: int) -> bool:
    """True when ``column`` is the only one with text (merged copies of it aside)."""
    text = row.text(column)
    return all(not c.text.strip() or c.text == text for c in row.cells)


def _first_filled(row: SourceRow) -> int:
    return next(i for i, c in enumerate(row.cells) if c.text.strip())


def _section_row(row: SourceRow, layout: Layout, track_column: int | None) -> bool:
    """A row with text in its first column only, in a table without a track column: a
    section heading typed in the table (a spreadsheet's way of grouping rows)."""
    if track_column is not None:
        return False
    filled = [i for i, c in enumerate(row.cells) if c.text.strip()]
    return filled == [0] and len(row.cells) > 1 and len(layout.roles) > 1


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _initiative(row: SourceRow, layout: Layout, track: str, problems: list[Problem]) -> ImportedRow:
    cells: dict[Role, list[str]] = {}
    for column, role in layout.roles.items():
        if role in ("ignore", "track") or column >= len(row.cells):
            continue
        cell = row.cells[column]
        if cell.paragraphs:
            cells.setdefault(role, []).extend(cell.paragraphs)
    title_paragraphs = cells.get("title", [])
    title, rest = split_sentence(title_paragraphs[0])
    imported = ImportedRow(row.where, title, track)
    imported.description = _joined(rest, *title_paragraphs[1:], *cells.get("description", []))
    extra_responsibility: list[str] = []
    owner_paragraphs = cells.get("owner", [])
    level_paragraphs = cells.get("level", [])
    if level_paragraphs:
        level, rest = _level(level_paragraphs[0])
        leftover = [rest, *level_paragraphs[1:]] if level else level_paragraphs
        leftover = [text for text in leftover if text.strip()]
        imported.level = level
        if layout.column("owner") is None and leftover:
            # As in the 2023 process plan: "Centralt eller decentralt niveau" is where the
            # plan says who is responsible (after the level, when it gives one).
            owner_paragraphs = leftover
            heading = layout.headings.get(layout.column("level") or 0, "")
            problems.append(
                Problem(
                    row.where,
                    "info",
                    f"»{_short(leftover[0])}« i kolonnen »{heading}« er læst som den "
                    "ansvarlige (tabellen har ingen kolonne Ansvarlig).",
                )
            )
        else:
            if level is None:
                problems.append(
                    Problem(
                        row.where,
                        "info",
                        f"Niveauet »{_short(level_paragraphs[0])}« er hverken centralt eller "
                        "decentralt; level er udeladt (teksten står under responsibility).",
                    )
                )
            extra_responsibility.extend(leftover)
    if owner_paragraphs:
        owner, rest = split_sentence(owner_paragraphs[0])
        if len(owner.split()) > OWNER_WORDS:
            problems.append(
                Problem(
                    row.where,
                    "info",
                    f"»{_short(owner)}« er for lang til at være en ansvarlig (en rolle); "
                    "teksten står under responsibility.",
                )
            )
            extra_responsibility.append(owner_paragraphs[0])
        else:
            imported.owner = owner
            extra_responsibility.append(rest)
        extra_responsibility.extend(owner_paragraphs[1:])
    imported.responsibility = _joined(*extra_responsibility, *cells.get("responsibility", []))
    _timing(row, cells, imported, problems)
    status_text = " ".join(cells.get("status", []))
    if status_text:
        from udvikling.sheets.layout import status_value

        imported.status = status_value(status_text)
        if imported.status is None:
            problems.append(
                Problem(
                    row.where,
                    "info",
                    f"Status »{_short(status_text)}« er ikke en af udv's; status er udeladt.",
                    "udv kender Planlagt, I gang, Afsluttet, Udskudt og Opgivet.",
                )
            )
    for column, cell in enumerate(row.cells):
        if column not in layout.roles and cell.text.strip() and not _merged_title(row, column):
            heading = layout.headings.get(column) or f"kolonne {column + 1}"
            problems.append(
                Problem(
                    cell.where,
                    "warning",
                    f"Kolonnen »{heading}« læses ikke; teksten er ikke med i planen: "
                    f"»{_short(cell.text)}«.",
                    f'Sig med --columns, hvad kolonnen er (fx --columns "{heading}=beskrivelse"), '
                    "eller skriv teksten ind i tiltaget bagefter.",
                )
            )
    return imported


def _merged_title(row: SourceRow, column: int) -> bool:
    """A cell that is the previous column's cell merged across (same text, same place)."""
    return column > 0 and row.cells[column].text == row.cells[column - 1].text


_LEVELS = {"centralt": "central", "central": "central", "decentralt": "decentral"}
_LEVELS["decentral"] = "decentral"


def _level(text: str) -> tuple[str | None, str]:
    words = text.split(maxsplit=1)
    first = words[0].casefold().strip(".,;:–-") if words else ""
    level = _LEVELS.get(first)
    if level is None:
        return None, text
    rest = words[1].lstrip(" ,;:–-") if len(words) > 1 else ""
    return level, rest


def _timing(
    row: SourceRow, cells: dict[Role, list[str]], imported: ImportedRow, problems: list[Problem]
) -> None:
    """Timing text as written; start and due where the whole text is one period or range."""
    from udvikling.periods import PeriodError, parse_period

    timing = cells.get("timing", [])
    if timing:
        imported.timing = "\n".join(timing)
    for role in ("timing", "start", "due"):
        texts = cells.get(role, [])
        if not texts:
            continue
        text = " ".join(" ".join(texts).split()).rstrip(".").strip()
        if role == "due" and text.casefold() == "løbende":
            imported.due = "løbende"
            continue
        try:
            period = parse_period(text)
        except PeriodError:
            what = {"timing": "start og frist er", "start": "start er", "due": "frist er"}[role]
            keep = "teksten står i timing" if role == "timing" else "teksten er ikke med"
            problems.append(
                Problem(
                    row.where,
                    "info",
                    f"»{_short(text)}« er ikke én periode, udv kan læse uden at gætte; "
                    f"{what} udeladt ({keep}).",
                )
            )
            continue
        if period.grain == "range":
            first, last = period.parts
            if role in ("timing", "start"):
                imported.start = first.danish()
            imported.due = last.danish()
        elif role == "due":
            imported.due = period.danish()
        else:
            imported.start = period.danish()
