"""Where each value of a record file is written: line and column by the value's path.

Kept apart from the YAML reader (:mod:`udvikling.yamlsrc`, which fills these maps) so that a
plan served from kept records (:mod:`udvikling.recordstore`) imports no YAML library; a
map whose positions were not kept reads them through the reader when first asked.
"""

from __future__ import annotations

import marshal
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from udvikling.fileio import file_digest
from udvikling.findings import Finding

Loc = tuple[str | int, ...]

# How a deferred map's positions are found: given the file's path and its text (or bytes),
# fill the dictionaries of value and key positions. The YAML reader (udvikling.yamlsrc)
# gives it when it is imported, and the loader gives one that imports the reader when
# first used (a map of a kept record is made without the reader).
Filler = Callable[[str, "str | bytes", dict[Any, Any], dict[Any, Any]], None]
_filler: Filler | None = None


def use_filler(filler: Filler, *, replace: bool = True) -> None:
    """Find deferred positions with ``filler`` from now on (with ``replace=False``: unless
    one is given already)."""
    global _filler
    if replace or _filler is None:
        _filler = filler


class Pos(NamedTuple):
    """A 1-based line and column (a named tuple: a file has thousands, made quickly)."""

    line: int
    column: int


# The empty dictionaries every deferred map shares (a plan has 100,000s of maps); never
# written to: a map gets its own before it is filled.
_NOTHING: dict[Any, Any] = {}


class SourceMap:
    """Where each value (and each mapping key) of one file starts.

    Most files never have a finding, so for a clean file read by the fast path the map
    keeps no positions: it reads the file again, with positions, on first use of
    ``values``, ``keys`` or :meth:`locate` (a plan of 10,000 initiatives has about 600,000
    positions; kept as dictionaries they were a third of ``udv lint``'s memory). It reads
    the text it keeps (compressed), or, for a plan read from the working tree, the file
    itself through the reader :meth:`attach` gave it, checked against the hash of the bytes
    first read: a file changed since then has unknown positions (1:1), never wrong ones.
    The yes/no words read as booleans are always kept: validation asks for them on every
    file, and they are few.
    """

    __slots__ = ("_bools", "_digest", "_keys", "_pending", "_reader", "_values", "path")

    def __init__(
        self,
        path: str,
        values: dict[Loc, Pos] | None = None,
        keys: dict[Loc, Pos] | None = None,
        bool_words: dict[Loc, str] | None = None,
        *,
        text: str | None = None,
    ) -> None:
        self.path = path
        self._values: dict[Loc, Pos] = values if values is not None else {}
        self._keys: dict[Loc, Pos] = keys if keys is not None else {}
        self._bools: dict[Loc, str] = bool_words if bool_words is not None else {}
        # The positions not yet read: from this text (str), this compressed text (bytes),
        # or, b"", from the file again (through ``_reader``, checked against ``_digest``).
        self._pending: str | bytes | None = None
        self._reader: Callable[[str], bytes] | None = None
        self._digest = b""
        if text is not None:
            self.defer(text)

    def defer(self, text: str) -> None:
        """Forget the positions; find them again in ``text`` when first asked for.

        ``text`` must be a document the fast reader accepts (it gave this map its values).
        """
        self._values, self._keys = _NOTHING, _NOTHING
        if not self._bools:
            self._bools = _NOTHING
        self._pending = text

    def compress(self) -> None:
        """Keep the deferred text compressed (a fifth of its size)."""
        if isinstance(self._pending, str):
            self._pending = zlib.compress(self._pending.encode("utf-8", "surrogatepass"), 1)

    def forget(self) -> None:
        """Keep no text: read the file again through the reader :meth:`attach` gives."""
        if self._pending is not None:
            self._pending = b""

    def attach(self, reader: Callable[[str], bytes], digest: bytes) -> None:
        """Where to read the file again: ``reader(path)``, whose BLAKE2b digest (16 bytes)
        must be ``digest`` (see :func:`file_digest`)."""
        self._reader = reader
        self._digest = digest

    @property
    def digest(self) -> bytes:
        """The digest :meth:`attach` was given: of the bytes these positions are of (b"" when
        not attached)."""
        return self._digest

    @property
    def deferred(self) -> bool:
        """True while the positions are not yet read."""
        return self._pending is not None

    @classmethod
    def unpack(cls, path: str, packed: bytes) -> SourceMap:
        """The map that :meth:`pack` packed into ``packed`` (1:1 everywhere when damaged)."""
        source = cls(path)
        try:
            parts = marshal.loads(packed)
            if len(parts) == 2:
                zipped, bools = parts
                if isinstance(zipped, bytes):
                    source._values, source._keys = _NOTHING, _NOTHING
                    source._pending = zipped
                source._bools = dict(bools) if bools else _NOTHING
            else:
                values, keys, bools = parts
                source._values = {loc: Pos(line, column) for loc, line, column in values}
                source._keys = {loc: Pos(line, column) for loc, line, column in keys}
                source._bools = dict(bools)
        except (ValueError, TypeError, EOFError):
            # Only udv writes these (verified in the cache); if they are damaged anyway,
            # findings point at line 1 rather than udv stopping.
            source._values, source._keys, source._bools = {}, {}, {}
        return source

    def pack(self) -> bytes:
        """The map as compact bytes (for the parse cache and the second core)."""
        bools = tuple(self._bools.items())
        if self._pending is not None:
            self.compress()
            return marshal.dumps((self._pending, bools))
        return marshal.dumps(
            (
                tuple((loc, p.line, p.column) for loc, p in self._values.items()),
                tuple((loc, p.line, p.column) for loc, p in self._keys.items()),
                bools,
            )
        )

    def _content(self) -> str | bytes | None:
        """The text (or the file's bytes, unchanged since they were read) that the deferred
        positions are read from; None when it cannot be had."""
        pending = self._pending
        if isinstance(pending, str):
            return pending
        if pending:
            try:
                return zlib.decompress(pending).decode("utf-8", "surrogatepass")
            except (zlib.error, UnicodeDecodeError):
                return None
        if self._reader is None:
            return None
        try:
            raw = self._reader(self.path)
        except (OSError, KeyError):
            return None
        return raw if file_digest(raw) == self._digest else None

    def _fill(self) -> None:
        if self._pending is None:
            return
        content = self._content()
        self._pending, self._reader = None, None
        # Own dictionaries again (a deferred map shares the empty ones), filled by the reader.
        self._values, self._keys, self._bools = {}, {}, dict(self._bools)
        if content is not None and _filler is not None:
            _filler(self.path, content, self._values, self._keys)

    @property
    def values(self) -> dict[Loc, Pos]:
        """Where each value starts, by its path."""
        if self._pending is not None:
            self._fill()
        return self._values

    @property
    def keys(self) -> dict[Loc, Pos]:
        """Where the key naming each mapping value starts, by the value's path."""
        if self._pending is not None:
            self._fill()
        return self._keys

    @property
    def bool_words(self) -> dict[Loc, str]:
        """The yes/no words read as booleans, as written."""
        return self._bools

    def locate(self, loc: Loc, *, key: bool = False) -> Pos:
        """The position of ``loc``, or of its nearest recorded ancestor.

        With ``key=True`` the position of the key that names the value is preferred
        (an unknown field is best shown at its name).
        """
        values, keys = self.values, self.keys
        while True:
            if key and loc in keys:
                return keys[loc]
            if loc in values:
                return values[loc]
            if loc in keys:
                return keys[loc]
            if not loc:
                return Pos(1, 1)
            loc = loc[:-1]

    def has(self, loc: Loc) -> bool:
        """True when ``loc`` names a value that is in the file."""
        return loc in self.values

    def __repr__(self) -> str:
        return f"SourceMap({self.path!r})"


@dataclass(slots=True)
class ReadResult:
    """The plain data of a file (``None`` when unreadable), its positions and its problems."""

    data: Any
    source: SourceMap
    findings: list[Finding]
