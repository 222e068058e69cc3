"""The validated records of a plan, kept between runs, so that a command on a plan whose files
have not changed neither validates them again nor builds the models' validators.

Building pydantic's validators for udv's models costs more than reading a whole plan of a
hundred initiatives (issue 29: about 0.13 s at every start of ``udv show``, ``status``,
``overdue``, ``list``); the models are therefore built only when something is validated
(``defer_build``), and every record file's outcome is kept here: what its parse found, its
positions (packed as the parse cache packs them), the record made from it and the findings
its validation gave, or for a file that did not validate its plain data. A file is served
from the store only when its bytes are exactly those the entry was made from (the same hash
as the parse cache's) and its path is the same; ``udvikling.yaml`` is kept the same way.

Like the other caches (:mod:`udvikling.cache`) the store is one sealed file per plan in the
cache folder, tagged with udv's code and the versions of Python, PyYAML and pydantic
(:func:`udvikling.cache.code_stamp`), and read with marshal, never pickle: a record is kept
as plain values and made again as exactly the instance validation made (same class, same
values, same fields given), from udv's own model classes only, without running any code
the file names. A store bigger than :data:`MAX_ENTRIES` files is not kept: a plan that big
uses the parse cache and lint's memo, and writing it whole would cost a cold run more than
it saves.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from udvikling.findings import Finding
from udvikling.periods import Period
from udvikling.vocab import share_fields_given

if TYPE_CHECKING:
    from collections.abc import Collection
    from pathlib import Path

    from pydantic import BaseModel

    from udvikling.cache import SealedFile
    from udvikling.sourcemap import ReadResult

_VERSION = b"udv-records-2"
# The most record files a kept store holds (see the module's text).
MAX_ENTRIES = 5000

# Tags of the encoded values (a tuple is always tagged; any other value is itself).
_MODEL, _TUPLE, _LIST, _DICT, _DATE, _PERIOD, _DECIMAL = range(7)
_PERIOD_FIELDS = tuple(f.name for f in dataclasses.fields(Period))
# Values kept as they are.
_PLAIN = frozenset({str, int, bool, float, type(None)})


class Unstorable(Exception):
    """A value the store does not know how to keep (the record is then validated anew)."""


def _models() -> dict[str, type[BaseModel]]:
    """Every model class of udv's records and configuration, by module and name."""
    from pydantic import BaseModel

    from udvikling import config, model, model_report  # noqa: F401  (they define the classes)

    found: dict[str, type[BaseModel]] = {}
    pending: list[type[BaseModel]] = [BaseModel]
    while pending:
        for sub in pending.pop().__subclasses__():
            if sub.__module__.startswith("udvikling.") and not sub.__module__.startswith(
                ("udvikling.site", "udvikling.sheets")
            ):
                found.setdefault(f"{sub.__module__}:{sub.__qualname__}", sub)
            pending.append(sub)
    return found


class _Codec:
    """Records as nested plain values and back; a model class's field names are kept once."""

    def __init__(self, classes: dict[str, type], fields: dict[str, tuple[str, ...]]) -> None:
        self.classes = classes
        self.names = {cls: name for name, cls in classes.items()}
        self.fields = {cls: fields[name] for name, cls in classes.items()}
        # The field names by class name: what a store keeps beside its entries, so that its
        # records can be made again as twins without the model classes.
        self.table = dict(fields)
        # The periods and dates made so far, by the identity of their encoded form (the
        # encoded form kept beside), and the other way.
        self._periods: dict[int, tuple[Any, Any]] = {}
        # The shared set of fields given, by the sorted names kept.
        self._given_sets: dict[tuple[str, ...], set[str]] = {}
        self._encoded: dict[int, tuple[Any, Any]] = {}
        # Sorted fields given, by the set's identity (the set kept alive beside it).
        self._sorted: dict[int, tuple[set[str], tuple[str, ...]]] = {}

    def encode(self, value: Any) -> Any:
        """``value`` as plain, marshal-able values (see :meth:`decode`); :class:`Unstorable`
        for a value of a kind not listed here."""
        kind = type(value)
        if kind in _PLAIN:
            return value
        encode = self.encode
        if kind is tuple:
            for item in value:
                if type(item) not in _PLAIN:
                    return (_TUPLE, tuple([x if type(x) in _PLAIN else encode(x) for x in value]))
            return (_TUPLE, value)  # only plain values: kept as it is
        name = self.names.get(kind)
        if name is not None:
            held = value.__dict__
            fields = self.fields[kind]
            if len(held) != len(fields) or value.__pydantic_extra__ or value.__pydantic_private__:
                raise Unstorable(name)
            values = [held[f] for f in fields]
            return (
                _MODEL,
                name,
                self._given(value.__pydantic_fields_set__),
                tuple([x if type(x) in _PLAIN else encode(x) for x in values]),
            )
        if kind is Period or kind is date:
            # By identity (a period's own hash is computed in Python, field by field): the
            # reader gives the same object for the same text, so most are found.
            seen = self._encoded.get(id(value))
            if seen is not None and seen[0] is value:
                return seen[1]
            if kind is date:
                done = (_DATE, value.toordinal())
            else:
                done = (_PERIOD, tuple(encode(getattr(value, f)) for f in _PERIOD_FIELDS))
            self._encoded[id(value)] = (value, done)
            return done
        if kind is Decimal:
            return (_DECIMAL, str(value))  # exact: digits, exponent and sign as they were
        if kind is list:
            return (_LIST, tuple(map(encode, value)))
        if kind is dict:
            return (_DICT, tuple(map(encode, value)), tuple(map(encode, value.values())))
        raise Unstorable(kind.__name__)

    def _given(self, given: set[str]) -> tuple[str, ...]:
        """The fields given, sorted (worked out once per set: models share their sets)."""
        kept = self._sorted.get(id(given))
        if kept is None or kept[0] is not given:
            kept = self._sorted[id(given)] = (given, tuple(sorted(given)))
        return kept[1]

    def decode(self, value: Any) -> Any:
        """The value :meth:`encode` encoded (periods and dates equal to one made before in
        this run are the same object: they are frozen)."""
        if type(value) is not tuple:
            return value
        periods = self._periods
        tag = value[0]
        if tag == _MODEL:
            _, name, given, values = value
            cls = self.classes[name]
            fields = self.fields[cls]
            if len(values) != len(fields):
                raise Unstorable(name)
            decode = self.decode
            instance: Any = object.__new__(cls)
            setattr_ = object.__setattr__
            setattr_(
                instance,
                "__dict__",
                dict(
                    zip(
                        fields,
                        [decode(v) if type(v) is tuple else v for v in values],
                        strict=True,
                    )
                ),
            )
            fields_set = self._given_sets.get(given)
            if fields_set is None:
                fields_set = self._given_sets[given] = share_fields_given(set(given))
            setattr_(instance, "__pydantic_fields_set__", fields_set)
            setattr_(instance, "__pydantic_extra__", None)
            setattr_(instance, "__pydantic_private__", None)
            return instance
        if tag == _TUPLE:
            items = value[1]
            for item in items:
                if type(item) is tuple:
                    decode = self.decode
                    return tuple([decode(v) if type(v) is tuple else v for v in items])
            return items  # only plain values: already the tuple it was
        if tag in (_PERIOD, _DATE):
            # By identity: a period or date used again was written once (marshal keeps the
            # one object), so it is read back as one object, made once.
            seen = periods.get(id(value))
            if seen is not None and seen[0] is value:
                return seen[1]
            made: Any
            if tag == _DATE:
                made = date.fromordinal(value[1])
            else:
                made = Period(*map(self.decode, value[1]))
            periods[id(value)] = (value, made)
            return made
        if tag == _DECIMAL:
            return Decimal(value[1])
        if tag == _LIST:
            return list(map(self.decode, value[1]))
        if tag == _DICT:
            return dict(zip(map(self.decode, value[1]), map(self.decode, value[2]), strict=True))
        raise Unstorable(str(tag))


# One kept file: its hash, packed positions, its parse's findings, the record (encoded; None
# when it did not validate), its validation's findings, and its plain data when it did not
# validate (None otherwise).
_Entry = tuple[bytes, bytes, tuple[tuple[Any, ...], ...], Any, tuple[tuple[Any, ...], ...], Any]


_CODEC: _Codec | None = None


def model_codec() -> _Codec:
    """The codec of udv's model classes (one per process: the classes do not change)."""
    global _CODEC
    if _CODEC is None:
        classes = _models()
        _CODEC = _Codec(classes, {n: tuple(c.model_fields) for n, c in classes.items()})
    return _CODEC


def twin_codec(table: dict[str, tuple[str, ...]]) -> _Codec:
    """A codec that makes every record as a twin (:mod:`udvikling.twins`) of the model kept
    under its name, with the fields ``table`` gives."""
    from udvikling.twins import twin_class

    return _Codec({name: twin_class(name, fields) for name, fields in table.items()}, table)


class Kept:
    """What the store gives back for one file."""

    __slots__ = ("data", "problems", "read", "record")

    def __init__(self, read: ReadResult, record: Any, problems: list[Finding], data: Any) -> None:
        self.read = read
        self.record = record
        self.problems = problems
        self.data = data


class RecordStore:
    """The kept records of one plan (see the module's text)."""

    def __init__(
        self,
        sealed: SealedFile,
        entries: dict[str, _Entry],
        table: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        self._sealed = sealed
        self._entries = entries
        # Each model's field names, by its name, as the entries were made with them.
        self._table = table or {}
        self._codec: _Codec | None = None
        self._changed = False
        self.hits = 0

    @classmethod
    def open(cls, root: Path) -> RecordStore | None:
        """The store of the plan at ``root`` (empty when missing, damaged or made by another
        udv); None when there is no safe cache folder."""
        from udvikling.cache import SealedFile, code_stamp

        sealed = SealedFile.open(root, "records", _VERSION + code_stamp())
        if sealed is None:
            return None
        kept = sealed.read()
        if (
            isinstance(kept, tuple)
            and len(kept) == 2
            and _well_formed_table(kept[0])
            and isinstance(kept[1], dict)
            and len(kept[1]) <= MAX_ENTRIES
        ):
            return cls(sealed, kept[1], kept[0])
        return cls(sealed, {})

    @property
    def codec(self) -> _Codec:
        """The codec the records are made with: udv's model classes unless
        :meth:`use_twins` chose twins."""
        if self._codec is None:
            self._codec = model_codec()
        return self._codec

    def serves(self, digests: dict[str, bytes]) -> bool:
        """True when every file of ``digests`` (path → hash of its bytes) is kept for exactly
        those bytes, so that a load needs no validation."""
        entries = self._entries
        for rel, digest in digests.items():
            entry = entries.get(rel)
            if entry is None or not _well_formed(entry) or entry[0] != digest:
                return False
        return True

    def use_twins(self) -> bool:
        """Make the records from now on as twins (:mod:`udvikling.twins`), without the model
        classes; False (and models still) when the store does not know the models' fields
        (or the codec is already in use)."""
        if self._codec is not None or not self._table:
            return False
        self._codec = twin_codec(self._table)
        return True

    def kind(self, record: object) -> str | None:
        """The name (module:name) of the model ``record`` is made as, or None."""
        return self.codec.names.get(type(record))

    def __contains__(self, rel: str) -> bool:
        """True when something is kept for ``rel`` (for some bytes)."""
        return rel in self._entries

    def get(self, rel: str, digest: bytes) -> Kept | None:
        """The kept outcome of ``rel`` if its bytes are the ones it was made from."""
        entry = self._entries.get(rel)
        if entry is None or not _well_formed(entry) or entry[0] != digest:
            return None
        from udvikling.cache import unpack

        try:
            record = self.codec.decode(entry[3]) if entry[3] is not None else None
        except (Unstorable, KeyError, TypeError, ValueError, IndexError):
            return None
        if record is not None and type(record) not in self.codec.names:
            return None
        read = unpack(rel, (None, entry[2], entry[1]))
        self.hits += 1
        return Kept(read, record, [Finding(*f) for f in entry[4]], entry[5])

    def put(
        self,
        rel: str,
        digest: bytes,
        read: ReadResult,
        record: BaseModel | None,
        problems: list[Finding],
    ) -> None:
        """Keep the outcome of ``rel`` (read, validated) for its bytes ``digest`` (never a
        twin: a store of twins keeps only what it already had)."""
        from udvikling.cache import finding_rows

        if read.data is None or not all(type(f) is Finding for f in (*read.findings, *problems)):
            self.forget(rel)
            return
        if self._codec is not None and self._codec is not _CODEC:
            self.forget(rel)
            return
        try:
            encoded = self.codec.encode(record) if record is not None else None
        except Unstorable:
            self.forget(rel)
            return
        data = None if record is not None else read.data
        self._entries[rel] = (
            digest,
            read.source.pack(),
            finding_rows(read.findings),
            encoded,
            finding_rows(problems),
            data,
        )
        self._changed = True

    def forget(self, rel: str) -> None:
        """Keep nothing for ``rel``."""
        if self._entries.pop(rel, None) is not None:
            self._changed = True

    def save(self, listed: Collection[str] | None = None) -> None:
        """Write the store if anything changed; ``listed``: every file of the plan (entries
        of other files are then dropped), or None when only some files were read."""
        if listed is not None:
            gone = self._entries.keys() - set(listed)
            for rel in gone:
                del self._entries[rel]
            self._changed = self._changed or bool(gone)
        if not self._changed or len(self._entries) > MAX_ENTRIES:
            return
        # The models' own field names when they were used in this run (the code stamp makes
        # them those the kept ones were made with), else the ones read.
        table = _CODEC.table if _CODEC is not None else self._table
        self._sealed.write((table, self._entries))
        self._changed = False


def _well_formed_table(table: Any) -> bool:
    return isinstance(table, dict) and all(
        type(name) is str
        and type(fields) is tuple
        and all(type(f) is str and f.isidentifier() for f in fields)
        for name, fields in table.items()
    )


def _well_formed(entry: Any) -> bool:
    from udvikling.cache import well_formed_rows

    return (
        isinstance(entry, tuple)
        and len(entry) == 6
        and type(entry[0]) is bytes
        and type(entry[1]) is bytes
        and well_formed_rows(entry[2])
        and well_formed_rows(entry[4])
    )
