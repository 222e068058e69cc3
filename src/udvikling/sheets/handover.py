"""Returned sheets handed over as plain values: read in one process (a child on the other
core, :class:`udvikling.sheets.twocores.Later`), used in another."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from udvikling.sheets.layout import Problem
from udvikling.sheets.manifest import SentSheet
from udvikling.sheets.read import Cell, Returned, SheetRow, read_sheet


def read_sheets(paths: Sequence[Path]) -> list[Returned]:
    """Each of ``paths`` read (:func:`read_sheet`)."""
    return [read_sheet(path) for path in paths]


def pack_sheets(sheets: list[Returned]) -> list[Any]:
    """``sheets`` as plain values (for marshal: from the process that read them)."""
    return [
        (
            str(s.path),
            s.label,
            s.fmt,
            [
                (r.number, {k: (c.text, c.where, c.error) for k, c in r.cells.items()}, r.where)
                for r in s.rows
            ],
            None if s.sent is None else s.sent.model_dump(mode="json"),
            s.sealed,
            [(p.where, p.severity, p.message, p.hint, p.code) for p in s.problems],
        )
        for s in sheets
    ]


def unpack_sheets(packed: Any) -> list[Returned]:
    """The sheets :func:`pack_sheets` packed (ValueError or TypeError when malformed)."""
    sheets: list[Returned] = []
    for path, label, fmt, rows, sent, sealed, problems in packed:
        if fmt not in ("xlsx", "csv"):
            raise ValueError(fmt)
        sheets.append(
            Returned(
                Path(path),
                label,
                fmt,
                [
                    SheetRow(number, {k: Cell(*c) for k, c in cells.items()}, where)
                    for number, cells, where in rows
                ],
                None if sent is None else SentSheet.model_validate(sent),
                bool(sealed),
                [Problem(*p) for p in problems],
            )
        )
    return sheets
