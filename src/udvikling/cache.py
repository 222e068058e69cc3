"""A content-hash cache of parsed files, like ruff's: never stale, because every file is
read and hashed on every run and only a file with exactly the same bytes (and the same path,
which findings name) reuses its earlier parse.

The cache holds what :func:`udvikling.yamlsrc.read_yaml` returns (plain data, findings and
packed positions, or a clean file's compressed text) in one ``marshal`` file per plan, in
``$UDV_CACHE_DIR``, else ``$XDG_CACHE_HOME/udv``, else ``~/.cache/udv``. It is keyed by the
reader's own source code, Python's and PyYAML's versions, so a new udv never reuses an old
parse. ``UDV_NO_CACHE=1`` turns it off.

A cache entry is a shortcut past lint, so it is never trusted on its word:

- the folder must be an absolute path outside the plan (a relative ``XDG_CACHE_HOME`` is
  ignored, as the XDG specification says), a real folder owned by the user, writable by
  no one else; otherwise there is no cache;
- every entry carries a keyed hash (BLAKE2b with a random key kept in the folder, readable
  by the user only) over its path, the hash of the file's bytes and the parse; an entry
  that does not verify against the file it claims to be, or does not have the shape udv
  writes, is ignored and the file parsed again;
- marshal (not pickle) is used, so even a forged file cannot run code.

Nothing is ever written into the plan itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import marshal
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from udvikling.findings import Finding
from udvikling.yamlsrc import ReadResult, SourceMap

# Packed form of one parse: data, findings as tuples, positions as bytes.
Packed = tuple[Any, tuple[tuple[Any, ...], ...], bytes]

KEY_FILE = "key"
KEY_BYTES = 32
MAX_CACHE_BYTES = 512 * 1024 * 1024
_SEVERITIES = ("error", "warning", "info")


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


def _well_formed(packed: Any) -> bool:
    """True when ``packed`` has the shape :func:`pack` gives (findings and all)."""
    if not (isinstance(packed, tuple) and len(packed) == 3 and isinstance(packed[2], bytes)):
        return False
    findings = packed[1]
    return isinstance(findings, tuple) and all(
        isinstance(f, tuple)
        and len(f) == 7
        and all(isinstance(v, str) for v in (f[0], f[3], f[5]))
        and all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in (f[1], f[2]))
        and f[4] in _SEVERITIES
        and (f[6] is None or isinstance(f[6], str))
        for f in findings
    )


def _code_key() -> bytes:
    from udvikling import findings, terminal, textcheck, yamlsrc

    digest = hashlib.blake2b(digest_size=16)
    for module in (yamlsrc, findings, textcheck, terminal, sys.modules[__name__]):
        digest.update(Path(module.__file__ or "").read_bytes())
    import yaml

    digest.update(f"{sys.version}|{yaml.__version__}|{marshal.version}".encode())
    return digest.digest()


def _absolute(value: str | None) -> Path | None:
    """``value`` as a path if it is an absolute one (relative ones are ignored)."""
    if not value:
        return None
    path = Path(value)
    return path if path.is_absolute() else None


def cache_dir(root: Path | None = None) -> Path | None:
    """Where caches live, or None when turned off (or the place would be inside ``root``)."""
    if os.environ.get("UDV_NO_CACHE"):
        return None
    folder = _absolute(os.environ.get("UDV_CACHE_DIR"))
    if folder is None:
        xdg = _absolute(os.environ.get("XDG_CACHE_HOME"))
        try:
            home = xdg or Path.home() / ".cache"
        except RuntimeError:  # no home folder to be found
            return None
        if not home.is_absolute():
            return None
        folder = home / "udv"
    if root is not None:
        resolved = folder.resolve()
        if resolved.is_relative_to(root.resolve()):
            return None
    return folder


def _private_folder(folder: Path) -> bool:
    """Make ``folder`` if missing; True when it is a real folder only this user can write."""
    with contextlib.suppress(OSError):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o022:
        return False
    return not hasattr(os, "geteuid") or info.st_uid == os.geteuid()


def _secret(folder: Path) -> bytes | None:
    """The folder's random key (made on first use, readable by this user only)."""
    file = folder / KEY_FILE
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    for _ in range(2):
        try:
            fd = os.open(file, flags)
        except FileNotFoundError:
            with contextlib.suppress(OSError):
                _make_secret(file)
            continue
        except OSError:
            return None
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            private = stat.S_ISREG(info.st_mode) and not info.st_mode & 0o077
            if hasattr(os, "geteuid"):
                private = private and info.st_uid == os.geteuid()
            key = handle.read(KEY_BYTES + 1)
        return key if private and len(key) == KEY_BYTES else None
    return None


def _make_secret(file: Path) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(file, flags, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(os.urandom(KEY_BYTES))


class ParseCache:
    """The parses of one plan's files, by path and content hash, each entry verified."""

    def __init__(
        self, file: Path | None, key: bytes, entries: dict[str, Any], secret: bytes = b""
    ) -> None:
        self.file = file
        self.key = key
        self.old = entries
        self.new: dict[str, Any] = {}
        self.changed = False
        self.secret = secret

    @classmethod
    def open(cls, root: Path) -> ParseCache:
        """The cache for the plan at ``root`` (empty when missing, damaged or outdated; without
        a file when the cache folder is not a safe place)."""
        key = _code_key()
        folder = cache_dir(root)
        if folder is None or not _private_folder(folder):
            return cls(None, key, {})
        secret = _secret(folder)
        if secret is None:
            return cls(None, key, {})
        name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
        file = folder / f"parse-{name}.marshal"
        entries: dict[str, Any] = {}
        # MemoryError: a damaged length in the file (the folder is the user's own).
        with contextlib.suppress(OSError, ValueError, EOFError, TypeError, MemoryError):
            entries = _read_entries(file, key)
        return cls(file, key, entries, secret)

    @staticmethod
    def digest(raw: bytes) -> bytes:
        return hashlib.blake2b(raw, digest_size=16).digest()

    def _seal(self, rel: str, digest: bytes, blob: bytes) -> bytes:
        mac = hashlib.blake2b(key=self.secret, digest_size=16)
        for part in (rel.encode("utf-8", "surrogatepass"), digest, blob):
            mac.update(len(part).to_bytes(8, "big"))
            mac.update(part)
        return mac.digest()

    def get(self, rel: str, digest: bytes) -> ReadResult | None:
        """The earlier parse of ``rel`` if its bytes are exactly the same and the entry is
        one udv wrote for them; else None (the file is parsed again)."""
        entry = self.old.get(rel)
        if not (isinstance(entry, tuple) and len(entry) == 3 and entry[0] == digest):
            return None
        _, blob, seal = entry
        if not (isinstance(blob, bytes) and isinstance(seal, bytes)):
            return None
        if not hmac.compare_digest(seal, self._seal(rel, digest, blob)):
            return None
        try:
            packed = marshal.loads(blob)
        except (ValueError, EOFError, TypeError):
            return None
        if not _well_formed(packed):
            return None
        self.new[rel] = entry
        return unpack(rel, packed)

    def put(self, rel: str, digest: bytes, packed: Packed) -> None:
        if self.file is None:
            return
        # Packed and sealed only while saving, one entry at a time: kept as bytes until
        # then, every parse would be held twice (its values and its bytes).
        self.new[rel] = _Unsealed(digest, packed)
        self.changed = True

    def save(self) -> None:
        """Write the cache if anything changed (files dropped since count as a change)."""
        if self.file is None or not (self.changed or len(self.new) != len(self.old)):
            return
        from udvikling.fileio import write_atomic

        with contextlib.suppress(OSError, ValueError):
            write_atomic(self.file, self._chunks(), durable=False, make_parents=False)

    def _chunks(self) -> Iterator[bytes]:
        """The cache file: the key, then one sealed entry after another (written as made,
        so the file never exists whole in memory)."""
        yield marshal.dumps(self.key)
        for rel, entry in self.new.items():
            if isinstance(entry, _Unsealed):
                blob = marshal.dumps(entry.packed)
                entry = (entry.digest, blob, self._seal(rel, entry.digest, blob))
            yield marshal.dumps((rel, *entry))


class _Unsealed(NamedTuple):
    """A new parse, to be packed and sealed when the cache is saved."""

    digest: bytes
    packed: Packed


def _read_entries(file: Path, key: bytes) -> dict[str, Any]:
    """The entries of the cache ``file`` written for ``key``, ``(path, digest, blob, seal)``
    each (verified when used; anything but a tuple naming a path ends the reading).

    Read straight from the file, one entry at a time: read whole first, a 270 MB cache
    (100,000 initiatives) was held twice more while being taken apart.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    entries: dict[str, Any] = {}
    with os.fdopen(os.open(file, flags), "rb") as handle:
        info = os.fstat(handle.fileno())
        size = info.st_size
        if not stat.S_ISREG(info.st_mode) or size > MAX_CACHE_BYTES:
            return entries
        if marshal.load(handle) != key:
            return entries
        while handle.tell() < size:
            item = marshal.load(handle)
            if not (isinstance(item, tuple) and item and isinstance(item[0], str)):
                break
            entries[item[0]] = item[1:]
    return entries
