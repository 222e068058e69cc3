"""Helpers for the status sheet tests: run udv, fill a returned workbook, snapshot a plan."""

from __future__ import annotations

import hashlib
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl

from conftest import shipped_plan as shipped_plan  # re-exported for the sheet tests
from conftest import udv as udv  # the shared runner, re-exported for the sheet tests

REPO = Path(__file__).resolve().parents[1]

SMALL_CONFIG = """\
organisation: Testkommune
process: Testproces
tracks:
  organisering: Organisering
  kommunikation: Kommunikation og transparens
  andet-omraade: {name: Et andet område (afrapporteres særskilt), separate: true}
bodies:
  vpu: {name: Voksen- og Plejeudvalget, short: VPU}
owners:
  socialchef: Socialchef
  oekonomichef: Økonomichef
  direktoer: Direktør
"""

SMALL_PLAN: dict[str, str] = {
    "udvikling.yaml": SMALL_CONFIG,
    "data/initiatives/kommunikationsstrategi.yaml": """\
        # yaml-language-server: $schema=../../schema/initiative.schema.json
        #
        # A comment that must survive.

        title: Kommunikationsstrategi
        track: kommunikation
        owner: socialchef
        level: central
        status: i-gang
        start: 2. halvår 2023
        due: 4. kvartal 2025
        milestones:
          - title: Tiltrædelse
            due: 2024
          - title: Strategien vedtaget
            due: 2. halvår 2025
        updates:
          - date: 2024-09-30
            text: >-
              Arbejdet er i gang.
        depends_on: []
        """,
    "data/initiatives/rekruttering.yaml": """\
        title: Rekruttering og fastholdelse
        track: kommunikation
        owner: socialchef
        status: planlagt
        start: 2025
        due: løbende
        """,
    "data/initiatives/budgetmodel.yaml": """\
        title: Ny budgetmodel
        track: organisering
        owner: oekonomichef
        status: i-gang
        start: 2024
        due: 1. kvartal 2026
        """,
    "data/initiatives/uden-ejer.yaml": """\
        title: Tiltag uden ansvarlig
        track: organisering
        start: 2024
        due: 2026
        """,
    "data/initiatives/saerskilt.yaml": """\
        title: Et tiltag, der afrapporteres særskilt
        track: andet-omraade
        owner: socialchef
        status: i-gang
        start: 2024
        due: 2026
        """,
    "data/initiatives/afsluttet.yaml": """\
        title: Et afsluttet tiltag
        track: organisering
        owner: socialchef
        status: afsluttet
        start: 2023
        due: 2024
        completed: 2024-06-30
        """,
}


def build(root: Path, files: dict[str, str]) -> Path:
    """Write ``{relative path: dedented text}`` below ``root``."""
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def snapshot(root: Path) -> dict[str, str]:
    """A digest of every file of the plan, to show that nothing changed."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and (p.name == "udvikling.yaml" or "data" in p.parts)
    }


def headings(path: Path) -> dict[str, int]:
    """The column number of each heading of the Tiltag sheet."""
    book = openpyxl.load_workbook(path)
    return {str(c.value): c.column for c in book["Tiltag"][1] if c.value is not None}


def fill(path: Path, cells: dict[tuple[int, str], Any], target: Path | None = None) -> Path:
    """Write ``{(row, heading): value}`` into the Tiltag sheet, as an owner would."""
    book = openpyxl.load_workbook(path)
    ws = book["Tiltag"]
    columns = {str(c.value): c.column for c in ws[1] if c.value is not None}
    for (row, heading), value in cells.items():
        ws.cell(row=row, column=columns[heading]).value = value
    out = target or path
    book.save(out)
    return out


def inserted_only(old: bytes, new: bytes) -> bytes:
    """The block ``new`` adds to ``old``, asserting that is all that changed: every byte of
    ``old`` is in ``new``, in order, with one run of new bytes between them."""
    assert len(new) > len(old)
    prefix = 0
    while prefix < len(old) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < len(old) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    assert prefix + suffix == len(old), "the file changed outside one inserted block"
    return new[prefix : len(new) - suffix]


def answered_round(
    folder: Path, cells: dict[tuple[int, str], Any], as_of: date = date(2025, 3, 1)
) -> tuple[Path, Path, Path]:
    """The small plan in ``folder``/plan, its round at ``as_of`` written to ``folder``/ud, and
    the social chief's sheet answered with ``cells`` as ``folder``/svar.xlsx: (plan, round
    folder, answered sheet)."""
    from udvikling.chrono import view_at
    from udvikling.load import load
    from udvikling.sheets.export import write_round
    from udvikling.sheets.rows import Round, build_sheets

    plan = build(folder / "plan", SMALL_PLAN)
    dataset = load(plan).dataset
    assert dataset is not None
    out = folder / "ud"
    owners = build_sheets(dataset, view_at(as_of, clock=as_of))
    write_round(owners, Round("K", "S", as_of, as_of), "xlsx", out)
    return plan, out, fill(out / "statusark-socialchef.xlsx", cells, folder / "svar.xlsx")
