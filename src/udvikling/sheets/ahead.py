"""What an import can work out from the plan alone, done while the returned sheets are read.

The other core reads the sheets (:mod:`udvikling.sheets.handover`) while this one loads and
lints the plan; with a round of many sheets it is still reading when that is done. Two things
every answered row needs later come from the plan alone, so they are worked out in that
wait, initiative by initiative, until the sheets are there:

- the fingerprint of each initiative's record
  (:func:`udvikling.sheets.manifest.record_state`), which the check compares with the one
  the sheet was sent with;
- where a new journal entry goes in each initiative's file
  (:func:`udvikling.sheets.yamltext.place_of`, the costly part of writing an answer in),
  with the bytes it was found for.

Nothing here changes an outcome: a fingerprint is used only for the very record object it was
made for, a place only for exactly the bytes it was found in; everything not worked out in
time is worked out when needed, as without this.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from udvikling.safe_read import read_regular
from udvikling.sheets.manifest import record_state
from udvikling.sheets.yamltext import Place, place_of

if TYPE_CHECKING:
    from udvikling.load import Dataset
    from udvikling.model import Initiative


class Ahead:
    """Fingerprints and entry places of a plan's initiatives, worked out ahead."""

    def __init__(self, dataset: Dataset) -> None:
        self._dataset = dataset
        self._states: dict[str, tuple[Initiative, str]] = {}
        self._places: dict[str, tuple[bytes, Place | str]] = {}

    def fill(self, waiting: Callable[[], bool]) -> None:
        """Work ahead, one initiative at a time, for as long as ``waiting()`` is true."""
        root = self._dataset.root
        for record in self._dataset.initiatives.values():
            if not waiting():
                return
            self._states[record.id] = (record, record_state(record))
            try:
                raw = read_regular(root / record.path, record.path)
                text = raw.decode("utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # worked out (and reported) when an answer is written
            self._places[record.path] = (raw, place_of(text))

    def state(self, record: Initiative) -> str:
        """:func:`record_state` of ``record``."""
        kept = self._states.get(record.id)
        if kept is not None and kept[0] is record:
            return kept[1]
        return record_state(record)

    def place(self, rel: str, raw: bytes) -> Place | str | None:
        """:func:`place_of` the file ``rel`` holding ``raw``, if worked out for these bytes."""
        kept = self._places.get(rel)
        return kept[1] if kept is not None and kept[0] == raw else None
