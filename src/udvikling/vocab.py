"""The words and small facts of udv's records that need no validation library: the statuses
and levels with their Danish names, what an unknown value is called, the id pattern, and the
one shared set of fields given per combination.

:mod:`udvikling.types` builds the models' field types on these; the views import them from
here, so that a plan served from the kept records (:mod:`udvikling.recordstore`) is shown
without importing pydantic.
"""

from __future__ import annotations

import re
from typing import Literal

# One set per distinct combination of fields given: pydantic gives every instance its own set
# of the fields given (a fifth of a plan's memory at 100,000 initiatives), though the models
# are frozen and udv never asks which fields were given.
_FIELDS_GIVEN: dict[frozenset[str], set[str]] = {}
_FIELDS_GIVEN_MAX = 4096


def share_fields_given(given: set[str]) -> set[str]:
    """The one set kept for the fields ``given`` (``given`` itself when it is the first, or
    when too many are kept). Never changed in place: a frozen model refuses assignment
    before it would add to the set, and model_copy copies the set first."""
    key = frozenset(given)
    shared = _FIELDS_GIVEN.get(key)
    if shared is None:
        if len(_FIELDS_GIVEN) >= _FIELDS_GIVEN_MAX:
            return given
        shared = _FIELDS_GIVEN[key] = given
    return shared


SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_PATTERN = SLUG_RE.pattern

ONGOING = "løbende"

Status = Literal["planlagt", "i-gang", "afsluttet", "udskudt", "opgivet"]
Level = Literal["central", "decentral"]
MeetingKind = Literal[
    "status", "beslutning", "orientering", "drøftelse", "temadag", "workshop", "møde"
]

STATUS_LABELS: dict[str, str] = {
    "planlagt": "Planlagt",
    "i-gang": "I gang",
    "afsluttet": "Afsluttet",
    "udskudt": "Udskudt",
    "opgivet": "Opgivet",
}
LEVEL_LABELS: dict[str, str] = {"central": "Centralt", "decentral": "Decentralt"}
UNKNOWN = "Ikke oplyst"
"""How a value no source gives is shown: said to be unknown, never guessed."""


def status_label(status: str | None) -> str:
    """A status in Danish (``I gang``), or ``Ikke oplyst`` when no source gives it."""
    return STATUS_LABELS.get(status, status) if status is not None else UNKNOWN


def status_from_text(text: str) -> str | None:
    """The status id for a status as a person writes it (``I gang``, ``i gang``, ``i-gang``,
    ``Planlagt``), or None when it is none of them."""
    wanted = " ".join(text.replace("-", " ").split()).casefold()
    for key, label in STATUS_LABELS.items():
        if wanted in (label.casefold(), key.replace("-", " ")):
            return key
    return None


def level_label(level: str | None) -> str:
    """A level in Danish (``Centralt``), or ``Ikke oplyst`` when no source gives it."""
    return LEVEL_LABELS.get(level, level) if level is not None else UNKNOWN
