"""A content-hash cache of parsed files, like ruff's: never stale, because every file is
read and hashed on every run and only a file with exactly the same bytes (and the same path,
which findings name) reuses its earlier parse.

The cache holds what :func:`udvikling.yamlsrc.read_yaml` returns (plain data, findings and
packed positions) in one ``marshal`` file per plan, in ``$UDV_CACHE_DIR``, else
``$XDG_CACHE_HOME/udv``, else ``~/.cache/udv``. It is keyed by the reader's own source code,
Python's and PyYAML's versions, so a new udv never reuses an old parse. ``UDV_NO_CACHE=1``
turns it off. marshal (not pickle) is used so a tampered cache file cannot run code; a
damaged one is ignored. Nothing is ever written into the plan itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

from udvikling.findings import Finding
from udvikling.yamlsrc import ReadResult, SourceMap

# Packed form of one parse: data, findings as tuples, positions as bytes.
Packed = tuple[Any, tuple[tuple[Any, ...], ...], bytes]


def pack(result: ReadResult) -> Packed:
    """``result`` in plain, marshal-able values."""
    findings = tuple(
        (f.path, f.line, f.column, f.code, f.severity, f.message, f.hint) for f in result.findings
    )
    return result.data, findings, result.source.pack()


def unpack(path: str, packed: Packed) -> ReadResult:
    """The :class:`ReadResult` that :func:`pack` packed."""
    data, findings, positions = packed
    return ReadResult(data, SourceMap.unpack(path, positions), [Finding(*f) for f in findings])


def _code_key() -> bytes:
    from udvikling import findings, yamlsrc

    digest = hashlib.blake2b(digest_size=16)
    for module in (yamlsrc, findings):
        digest.update(Path(module.__file__ or "").read_bytes())
    import yaml

    digest.update(f"{sys.version}|{yaml.__version__}|{marshal.version}".encode())
    return digest.digest()


def cache_dir() -> Path | None:
    """Where caches live, or None when turned off."""
    if os.environ.get("UDV_NO_CACHE"):
        return None
    explicit = os.environ.get("UDV_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "udv"


class ParseCache:
    """The parses of one plan's files, by path and content hash."""

    def __init__(self, file: Path | None, key: bytes, entries: dict[str, Any]) -> None:
        self.file = file
        self.key = key
        self.old = entries
        self.new: dict[str, Any] = {}
        self.changed = False

    @classmethod
    def open(cls, root: Path) -> ParseCache:
        """The cache for the plan at ``root`` (empty when missing, damaged or outdated)."""
        key = _code_key()
        folder = cache_dir()
        if folder is None:
            return cls(None, key, {})
        name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
        file = folder / f"parse-{name}.marshal"
        entries: dict[str, Any] = {}
        try:
            stored_key, stored = marshal.loads(file.read_bytes())
            if stored_key == key and isinstance(stored, dict):
                entries = stored
        except (OSError, ValueError, EOFError, TypeError):
            pass
        return cls(file, key, entries)

    @staticmethod
    def digest(raw: bytes) -> bytes:
        return hashlib.blake2b(raw, digest_size=16).digest()

    def get(self, rel: str, digest: bytes) -> ReadResult | None:
        """The earlier parse of ``rel`` if its bytes are exactly the same."""
        entry = self.old.get(rel)
        if entry is None or entry[0] != digest:
            return None
        self.new[rel] = entry
        return unpack(rel, entry[1])

    def put(self, rel: str, digest: bytes, packed: Packed) -> None:
        self.new[rel] = (digest, packed)
        self.changed = True

    def save(self) -> None:
        """Write the cache if anything changed (files dropped since count as a change)."""
        if self.file is None or not (self.changed or len(self.new) != len(self.old)):
            return
        from udvikling.fileio import write_atomic

        with contextlib.suppress(OSError, ValueError):
            write_atomic(self.file, marshal.dumps((self.key, self.new)), durable=False)
