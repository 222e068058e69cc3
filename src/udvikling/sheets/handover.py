"""Returned sheets handed over as plain values: read in one process (a child on the other
core, :class:`udvikling.sheets.twocores.Later`), used in another.

The child is started before this process imports the plan's models (:func:`start`): it
reads the sheets with :func:`udvikling.sheets.read.read_cells`, which needs neither the
models nor pydantic, so the child imports only openpyxl. Each workbook's own manifest entry
comes over as the text read and is checked here (:func:`udvikling.sheets.read.settle`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from udvikling.sheets.layout import Problem
from udvikling.sheets.read import Cell, Returned, SheetRow, read_cells

if TYPE_CHECKING:
    from udvikling.sheets.manifest import SentSheet
    from udvikling.sheets.twocores import Later


def start(paths: Sequence[Path]) -> Later[list[Returned]]:
    """The sheets at ``paths`` being read (:func:`read_sheets`), on the other core when there
    is one; ``result()`` gives them, their manifest entries not yet checked."""
    from udvikling.sheets.twocores import Later

    return Later.start(lambda: read_sheets(paths), pack_sheets, unpack_sheets)


def read_sheets(paths: Sequence[Path]) -> list[Returned]:
    """Each of ``paths`` read (:func:`read_cells`: the manifest entries not yet checked)."""
    return [read_cells(path) for path in paths]


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
            s.embedded,
        )
        for s in sheets
    ]


def unpack_sheets(packed: Any) -> list[Returned]:
    """The sheets :func:`pack_sheets` packed (ValueError or TypeError when malformed)."""
    sheets: list[Returned] = []
    for path, label, fmt, rows, sent, sealed, problems, embedded in packed:
        if fmt not in ("xlsx", "csv"):
            raise ValueError(fmt)
        if embedded is not None:
            text, at = embedded
            embedded = (str(text), int(at))
        sheets.append(
            Returned(
                Path(path),
                label,
                fmt,
                [
                    SheetRow(number, {k: Cell(*c) for k, c in cells.items()}, where)
                    for number, cells, where in rows
                ],
                None if sent is None else _sent(sent),
                bool(sealed),
                [Problem(*p) for p in problems],
                embedded,
            )
        )
    return sheets


def _sent(data: Any) -> SentSheet:
    from udvikling.sheets.manifest import SentSheet

    return SentSheet.model_validate(data)
