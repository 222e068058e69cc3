"""Pydantic field types shared by the models: periods, dates, slugs, Danish choices.

Every validator here raises ``PydanticCustomError`` with a Danish message and, where a fix
is known, a ``hint`` in the error context; :mod:`udvikling.validation` turns those into
findings at the value's line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from udvikling.periods import PERIOD_FORMS_HINT, Period, PeriodError, parse_period

# One set per distinct combination of fields given: pydantic gives every instance its own set
# of the fields given (a fifth of a plan's memory at 100,000 initiatives), though the models
# are frozen and udv never asks which fields were given.
_FIELDS_GIVEN: dict[frozenset[str], set[str]] = {}
_FIELDS_GIVEN_MAX = 4096


class FrozenModel(BaseModel):
    """The base of the record models: unknown fields rejected, frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=False, defer_build=True)

    @model_validator(mode="after")
    def _share_fields_given(self) -> FrozenModel:
        object.__setattr__(
            self, "__pydantic_fields_set__", share_fields_given(self.__pydantic_fields_set__)
        )
        return self


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


def _period(value: Any) -> Period:
    if isinstance(value, Period):
        return value
    if isinstance(value, bool) or not isinstance(value, str | date):
        raise PydanticCustomError(
            "period_type",
            "Forventede en periode som tekst, fx 1. halvår 2023.",
            {"hint": PERIOD_FORMS_HINT},
        )
    try:
        return parse_period(value)
    except PeriodError as exc:
        raise PydanticCustomError("period", exc.message, {"hint": exc.hint}) from None


def _due(value: Any) -> Period | Literal["løbende"]:
    if isinstance(value, str) and value.strip().lower() == ONGOING:
        return "løbende"
    return _period(value)


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, bool) or not isinstance(value, str):
        raise PydanticCustomError(
            "date_type", "Forventede en dato, fx 2024-04-24.", {"hint": "Skriv fx 2024-04-24."}
        )
    try:
        period = parse_period(value)
    except PeriodError as exc:
        raise PydanticCustomError("date", exc.message, {"hint": "Skriv fx 2024-04-24."}) from None
    if period.grain != "day":
        raise PydanticCustomError(
            "date",
            f'"{value}" er en periode, ikke en dato.',
            {"hint": "Skriv en bestemt dag, fx 2024-04-24 eller 24. april 2024."},
        )
    return period.start


def _slug(value: Any) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError(
            "slug_type", "Forventede et id (små bogstaver, tal og bindestreg).", {}
        )
    if not SLUG_RE.match(value):
        raise PydanticCustomError(
            "slug",
            f'"{value}" er ikke et gyldigt id.',
            {
                "hint": "Brug små bogstaver a-z, tal og bindestreg, "
                "fx omraade-grenaa (æ→ae, ø→oe, å→aa)."
            },
        )
    return value


_PERIOD_SCHEMA = {
    # A bare year (due: 2025) reaches editors and other YAML readers as a number.
    "type": ["string", "integer"],
    "minimum": 1,
    "maximum": 9999,
    "description": "En periode, fx 26. april 2023, april 2023, 2. kvartal 2023, 1. halvår 2023, "
    "uge 15 2023, efterår 2024, primo uge 15 2023 eller dec. 2022 – feb. 2023.",
    "examples": ["1. halvår 2023", "2023-04-26", "primo uge 15 2023", "dec. 2022 – feb. 2023"],
}


class _ReadAndWritten:
    """A field that one function reads (validates) and another writes as text, with a fixed
    JSON Schema: what ``PlainValidator``, ``PlainSerializer(return_type=str)`` and
    ``WithJsonSchema`` give, made without pydantic first building a schema for the value's own
    type (``Period`` is a dataclass: that cost a millisecond for every field using it, at
    every start of udv)."""

    def __init__(
        self,
        read: Callable[[Any], Any],
        write: Callable[[Any], str],
        json_schema: dict[str, Any],
    ) -> None:
        self.read = read
        self.write = write
        self.json_schema = json_schema

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(
            self.read,
            serialization=core_schema.plain_serializer_function_ser_schema(
                self.write, return_schema=core_schema.str_schema(), when_used="always"
            ),
        )

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        import copy

        return copy.deepcopy(self.json_schema)


PeriodField = Annotated[Period, _ReadAndWritten(_period, lambda p: p.canonical(), _PERIOD_SCHEMA)]

DueField = Annotated[
    Period | Literal["løbende"],
    _ReadAndWritten(
        _due,
        lambda p: p if isinstance(p, str) else p.canonical(),
        {
            **_PERIOD_SCHEMA,
            "description": _PERIOD_SCHEMA["description"]
            + " Skriv 'løbende' for løbende arbejde uden slutdato.",
        },
    ),
]

DateField = Annotated[
    date,
    _ReadAndWritten(
        _date,
        lambda d: d.isoformat(),
        {"type": "string", "description": "En dato, fx 2024-04-24 eller 24. april 2024."},
    ),
]

Slug = Annotated[
    str,
    PlainValidator(_slug),
    WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN}),
]
