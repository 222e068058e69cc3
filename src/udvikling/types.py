"""Pydantic field types shared by the models: periods, dates, slugs, Danish choices.

Every validator here raises ``PydanticCustomError`` with a Danish message and, where a fix
is known, a ``hint`` in the error context; :mod:`udvikling.validation` turns those into
findings at the value's line.
"""

from __future__ import annotations

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
from udvikling.vocab import (
    LEVEL_LABELS as LEVEL_LABELS,
)
from udvikling.vocab import (
    ONGOING as ONGOING,
)
from udvikling.vocab import (
    SLUG_PATTERN as SLUG_PATTERN,
)
from udvikling.vocab import (
    SLUG_RE as SLUG_RE,
)
from udvikling.vocab import (
    STATUS_LABELS as STATUS_LABELS,
)
from udvikling.vocab import (
    UNKNOWN as UNKNOWN,
)
from udvikling.vocab import (
    Level as Level,
)
from udvikling.vocab import (
    MeetingKind as MeetingKind,
)
from udvikling.vocab import (
    Status as Status,
)
from udvikling.vocab import (
    level_label as level_label,
)
from udvikling.vocab import (  # re-exported: the models' field types use them
    share_fields_given as share_fields_given,
)
from udvikling.vocab import (
    status_from_text as status_from_text,
)
from udvikling.vocab import (
    status_label as status_label,
)


class FrozenModel(BaseModel):
    """The base of the record models: unknown fields rejected, frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=False, defer_build=True)

    @model_validator(mode="after")
    def _share_fields_given(self) -> FrozenModel:
        object.__setattr__(
            self, "__pydantic_fields_set__", share_fields_given(self.__pydantic_fields_set__)
        )
        return self


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
