"""The looks of a workbook's cells, each given to openpyxl once (see :class:`Looks`)."""

from __future__ import annotations

from collections.abc import Callable
from copy import copy
from typing import Any

from openpyxl.styles.cell_style import StyleArray


class Looks:
    """Each look a workbook's cells share, given to openpyxl once: the first cell with a look
    is styled attribute by attribute, and every later cell with it gets a copy of that
    cell's style. openpyxl hashes every style object it is given (a font, a border with its
    four sides ...) to find it in the workbook's tables; styling each cell so was most of
    the work of a sheet's fixed rows (the guide, the headings). The tables come out the same,
    in the same order: a later cell with a look already seen would add nothing to them."""

    def __init__(self) -> None:
        self._seen: dict[object, StyleArray] = {}

    def give(self, cell: Any, look: object, style: Callable[[Any], None]) -> None:
        """Give ``cell`` the look named ``look``, made by ``style`` the first time."""
        known = self._seen.get(look)
        if known is None:
            style(cell)
            self._seen[look] = style_of(cell)
        else:
            give_style(cell, known)


def style_of(cell: Any) -> StyleArray:
    """A cell's style, as openpyxl keeps it (indexes into the workbook's style tables)."""
    style: StyleArray = cell._style
    return style


def give_style(cell: Any, style: StyleArray) -> None:
    """Give ``cell`` a copy of ``style`` (as openpyxl copies a worksheet's cells)."""
    cell._style = copy(style)
