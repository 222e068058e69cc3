"""What the record models do beyond holding values, and plain stand-ins ("twins") for them.

The models (:mod:`udvikling.model`, :mod:`udvikling.config`, :mod:`udvikling.model_report`)
are pydantic classes; importing pydantic and building the classes costs more than showing
one record (issue 29). A plan whose every file is kept validated (:mod:`udvikling.recordstore`)
is therefore served to the commands that only read it (``udv show``, ``status``, ``overdue``,
``list``) as twins: plain frozen objects of a class with the model's name, the same fields
in the same order, the same properties and methods (the behaviour classes below, which the
models inherit, so each rule is written once) and the part of pydantic's instance API the
views use: attribute access, ``model_copy(update=...)``, ``model_fields_set``, equality
within a class and hashing. Nothing here imports pydantic.

A twin is made only from what validation made (the kept record, see the store); it is never
validated itself, and a command that writes, lints or compares records loads models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from udvikling.periods import Period


CHANGEABLE: tuple[str, ...] = (
    "title",
    "track",
    "owner",
    "level",
    "status",
    "units",
    "start",
    "due",
    "completed",
    "description",
    "timing",
    "responsibility",
    "tags",
)
"""The initiative fields a journal entry may change (docs/semantics.md R15)."""

BLOCK_KINDS: tuple[str, ...] = (
    "text",
    "subheading",
    "initiative",
    "initiatives",
    "tracks",
    "plan",
    "upcoming",
    "late",
    "standing",
    "meetings",
    "timeline",
    "beacons",
    "indicators",
)
"""The keys that say what a report block is; a block has exactly one of them."""


# The behaviour classes carry no annotations at run time: pydantic would take an annotation
# in a base class for a field.


class UpdateBehaviour:
    """A journal entry (:class:`udvikling.model.Update`)."""

    __slots__ = ()

    def changes(self) -> dict[str, object]:
        """The initiative fields this entry sets (field name → new value)."""
        return {name: getattr(self, name) for name in CHANGEABLE if getattr(self, name) is not None}


class InitiativeBehaviour:
    """An initiative (:class:`udvikling.model.Initiative`)."""

    __slots__ = ()
    if TYPE_CHECKING:
        due: Period | str | None

    @property
    def ongoing(self) -> bool:
        """True for continuous work (``due: løbende``): never overdue."""
        return self.due == "løbende"

    @property
    def due_period(self) -> Period | None:
        """The due period, or None when undated or continuous."""
        from udvikling.periods import Period

        return self.due if isinstance(self.due, Period) else None


class MeetingBehaviour:
    """A meeting (:class:`udvikling.model.Meeting`)."""

    __slots__ = ()
    if TYPE_CHECKING:
        items: tuple[Any, ...]

    @property
    def decided(self) -> bool:
        """True when every agenda item has a decision (and there is at least one)."""
        return bool(self.items) and all(i.decision for i in self.items)


class BodyBehaviour:
    """A body of the configuration (:class:`udvikling.config.Body`)."""

    __slots__ = ()
    if TYPE_CHECKING:
        short: str | None
        name: str

    @property
    def label(self) -> str:
        """The short name where there is one (VPU), else the name."""
        return self.short or self.name


class BlockBehaviour:
    """A block of a report (:class:`udvikling.model_report.Block`)."""

    __slots__ = ()

    @property
    def kind(self) -> str:
        """Which kind of block this is (its one kind key)."""
        return next(k for k in BLOCK_KINDS if getattr(self, k) is not None)


# Each model's behaviour, by the name the record store keys the model by (module:qualname).
BEHAVIOURS: dict[str, type] = {
    "udvikling.model:Update": UpdateBehaviour,
    "udvikling.model:Initiative": InitiativeBehaviour,
    "udvikling.model:Meeting": MeetingBehaviour,
    "udvikling.config:Body": BodyBehaviour,
    "udvikling.model_report:Block": BlockBehaviour,
}


class Twin:
    """The plain stand-in of one validated record (see the module's text)."""

    __slots__ = (
        "__dict__",
        "__pydantic_extra__",
        "__pydantic_fields_set__",
        "__pydantic_private__",
    )
    # The model's field names, in its order.
    twin_fields: tuple[str, ...] = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise TypeError(f"{type(self).__name__} er frossen: '{name}' kan ikke ændres.")

    def __delattr__(self, name: str) -> None:
        raise TypeError(f"{type(self).__name__} er frossen: '{name}' kan ikke slettes.")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({shown})"

    @property
    def model_fields_set(self) -> set[str]:
        """The fields the file gave (as pydantic's ``model_fields_set``)."""
        given: set[str] = object.__getattribute__(self, "__pydantic_fields_set__")
        return given

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Any:
        """A copy with the values ``update`` (not validated, as pydantic's ``model_copy``)."""
        if deep:
            raise NotImplementedError("udv's twins are never copied deeply")
        cls = type(self)
        copied = cls.__new__(cls)
        values = dict(self.__dict__)
        given = set(self.model_fields_set)
        if update:
            values.update(update)
            given.update(k for k in update if k in values)
        object.__setattr__(copied, "__dict__", values)
        object.__setattr__(copied, "__pydantic_fields_set__", given)
        object.__setattr__(copied, "__pydantic_extra__", None)
        object.__setattr__(copied, "__pydantic_private__", None)
        return copied


# The twin classes made so far, by model name and fields: one class per model in a process,
# so that twins from two loads compare as the models do.
_MADE: dict[tuple[str, tuple[str, ...]], type[Twin]] = {}


def twin_class(name: str, fields: tuple[str, ...]) -> type[Twin]:
    """The twin class of the model kept as ``name`` (``module:qualname``) with ``fields``."""
    made = _MADE.get((name, fields))
    if made is None:
        made = _MADE[name, fields] = _make(name, fields)
    return made


def _make(name: str, fields: tuple[str, ...]) -> type[Twin]:
    qualname = name.rpartition(":")[2]
    behaviour = BEHAVIOURS.get(name)
    bases: tuple[type, ...] = (behaviour, Twin) if behaviour is not None else (Twin,)
    namespace = {
        "__slots__": (),
        "__module__": __name__,
        "__qualname__": qualname,
        "twin_fields": fields,
    }
    return type(qualname, bases, namespace)
