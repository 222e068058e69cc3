"""A content-hash cache of parsed files, like ruff's: never stale, because every file is
read and hashed on every run and only a file with exactly the same bytes (and the same path,
which findings name) reuses its earlier parse.

The cache holds what :func:`udvikling.yamlsrc.read_yaml` returns (plain data, findings and
packed positions; for a clean file no positions: they are read again from the file when
needed) in one ``marshal`` file per plan, in
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
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from udvikling.fileio import file_digest, resolve_path

# The findings and the YAML reader are imported where they are used: the plan's index (a
# Tab's titles) opens its file in the cache folder without them.
if TYPE_CHECKING:
    from collections.abc import Iterable

    from udvikling.findings import Finding
    from udvikling.sourcemap import ReadResult

# Packed form of one parse: data, findings as tuples, positions as bytes.
Packed = tuple[Any, tuple[tuple[Any, ...], ...], bytes]

# Below this many records, the parse cache is not used (nor written): a small plan parses
# in a few milliseconds.
CACHE_MIN = 300

KEY_FILE = "key"
KEY_BYTES = 32
MAX_CACHE_BYTES = 512 * 1024 * 1024
_SEVERITIES = ("error", "warning", "info")


def finding_rows(findings: Iterable[Finding]) -> tuple[tuple[Any, ...], ...]:
    """Findings as plain tuples (``Finding(*row)`` makes each again), for marshal."""
    return tuple(
        (f.path, f.line, f.column, f.code, f.severity, f.message, f.hint) for f in findings
    )


def well_formed_rows(rows: Any) -> bool:
    """True when ``rows`` has the shape :func:`finding_rows` gives."""
    return isinstance(rows, tuple) and all(
        isinstance(f, tuple)
        and len(f) == 7
        and all(isinstance(v, str) for v in (f[0], f[3], f[5]))
        and all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in (f[1], f[2]))
        and f[4] in _SEVERITIES
        and (f[6] is None or isinstance(f[6], str))
        for f in rows
    )


def pack(result: ReadResult) -> Packed:
    """``result`` in plain, marshal-able values."""
    return result.data, finding_rows(result.findings), result.source.pack()


def unpack(path: str, packed: Packed) -> ReadResult:
    """The :class:`ReadResult` that :func:`pack` packed (its positions, when not kept, read
    again by the YAML reader when first asked for: imported then, not now)."""
    from udvikling import sourcemap
    from udvikling.findings import Finding
    from udvikling.sourcemap import ReadResult, SourceMap

    sourcemap.use_filler(_fill_positions, replace=False)
    data, findings, positions = packed
    return ReadResult(data, SourceMap.unpack(path, positions), [Finding(*f) for f in findings])


def _fill_positions(path: str, content: str | bytes, values: Any, keys: Any) -> None:
    """The YAML reader's :func:`~udvikling.yamlsrc.fill_positions`, imported when used."""
    from udvikling.yamlsrc import fill_positions

    fill_positions(path, content, values, keys)


def well_formed(packed: Any) -> bool:
    """True when ``packed`` has the shape :func:`pack` gives (findings and all)."""
    if not (isinstance(packed, tuple) and len(packed) == 3 and isinstance(packed[2], bytes)):
        return False
    return well_formed_rows(packed[1])


def _code_key() -> bytes:
    """What a parse depends on besides the file: the reader's code (its modules' source, read
    beside this one, not imported), Python's version and PyYAML's (its package's source)."""
    from importlib.util import find_spec

    digest = hashlib.blake2b(digest_size=16)
    here = Path(__file__)
    for name in ("yamlsrc", "findings", "textcheck", "terminal"):
        digest.update(here.with_name(f"{name}.py").read_bytes())
    digest.update(here.read_bytes())
    spec = find_spec("yaml")
    yaml_init = spec.origin if spec is not None else None
    digest.update(Path(yaml_init).read_bytes() if yaml_init else b"no yaml")
    digest.update(f"{sys.version}|{marshal.version}".encode())
    return digest.digest()


def code_stamp() -> bytes:
    """What udv's findings and validated records depend on besides the plan: udv's modules
    (size and modification time of each) and the Python, PyYAML, pydantic and pydantic-core
    in use. Worked out once per process (``udv lint`` at the root of many plans asks for
    every plan): a module changed while udv runs is not the code running anyway."""
    global _stamp
    if _stamp is None:
        _stamp = _code_stamp()
    return _stamp


_stamp: bytes | None = None


def _code_stamp() -> bytes:
    import importlib.util

    digest = hashlib.blake2b(digest_size=16)
    digest.update(sys.version.encode())
    package = Path(__file__).parent
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py"):
                info = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}|{info.st_size}|{info.st_mtime_ns}\n".encode())
    for library in ("yaml", "pydantic", "pydantic_core"):
        spec = importlib.util.find_spec(library)
        origin = spec.origin if spec is not None else None
        if origin is None:
            digest.update(f"{library}: none\n".encode())
            continue
        place = Path(origin).parent
        with os.scandir(place) as entries:
            found = sorted(
                (e.name, e.stat().st_size, e.stat().st_mtime_ns)
                for e in entries
                if e.is_file() and e.name.endswith((".py", ".so", ".pyd"))
            )
        digest.update(f"{place}|{found}\n".encode())
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
        try:
            resolved = resolve_path(folder)
            if resolved.is_relative_to(resolve_path(root)):
                return None
        except OSError:  # a ring of links: no cache rather than a cache in doubt
            return None
    return folder


def user_key() -> bytes | None:
    """This user's private random key (the cache folder's, readable by this user only), or
    None when there is no private cache folder to keep it in."""
    folder = cache_dir()
    if folder is None or not _private_folder(folder):
        return None
    return _secret(folder)


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


class SealedFile:
    """One whole value (marshal-able) kept in a file of the cache folder, sealed with the
    folder's key and tagged with ``key`` (what the value depends on: udv's code, versions).
    Read back only when the tag and the seal match: a file that is missing, damaged, forged
    or written by another udv reads as None. Written atomically, silently not when it
    cannot be (a cache is never a reason to fail)."""

    def __init__(self, file: Path, key: bytes, secret: bytes) -> None:
        self.file = file
        self.key = key
        self.secret = secret

    @classmethod
    def open(cls, root: Path, kind: str, key: bytes) -> SealedFile | None:
        """The ``kind`` file of the plan at ``root``; None when there is no safe cache folder."""
        folder = cache_dir(root)
        if folder is None or not _private_folder(folder):
            return None
        secret = _secret(folder)
        if secret is None:
            return None
        name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
        return cls(folder / f"{kind}-{name}.marshal", key, secret)

    def _seal(self, blob: bytes) -> bytes:
        return hmac.new(self.secret, self.key + blob, hashlib.blake2b).digest()

    def read(self) -> Any:
        """The value written last; None when there is none to trust."""
        try:
            with open(self.file, "rb") as handle:
                outer = marshal.load(handle)
        except (OSError, ValueError, EOFError, TypeError, MemoryError):
            return None
        if not (isinstance(outer, tuple) and len(outer) == 3 and outer[0] == self.key):
            return None
        _, blob, seal = outer
        if not (isinstance(blob, bytes) and isinstance(seal, bytes)):
            return None
        if not hmac.compare_digest(seal, self._seal(blob)):
            return None
        try:
            return marshal.loads(blob)
        except (ValueError, EOFError, TypeError):
            return None

    def write(self, value: Any) -> None:
        """Replace the file with ``value`` (nothing is written for a value marshal cannot
        hold: a cache is never a reason to fail)."""
        try:
            blob = marshal.dumps(value)
        except ValueError:
            return
        tmp = ""
        try:
            import tempfile

            fd, tmp = tempfile.mkstemp(
                prefix=f".{self.file.name}.", suffix=".tmp", dir=self.file.parent
            )
            with os.fdopen(fd, "wb") as out:
                marshal.dump((self.key, blob, self._seal(blob)), out)
            os.replace(tmp, self.file)
            tmp = ""
        except OSError:
            pass
        finally:
            if tmp:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


class ParseCache:
    """The parses of one plan's files, by path and content hash, each entry verified.

    The previous cache file is read as the plan is: one entry at a time, in the order of
    the paths (:meth:`get` must be asked in sorted path order; a path asked out of order is
    only a miss). The new file is written as the plan is read, and only once something
    differs from the previous one: a warm run where nothing changed writes nothing, and
    neither file is ever whole in memory (at 100,000 initiatives it is about 270 MB).
    """

    def __init__(self, file: Path | None, key: bytes, old: _Entries | None, secret: bytes = b""):
        self.file = file
        self.key = key
        self.secret = secret
        self._old = old
        # The end of the run of previous entries kept, in order, before anything changed:
        # copied as it is once something changes.
        self._kept_until = old.start if old is not None else 0
        self._out: BinaryIO | None = None
        self._tmp = ""
        self.hits = 0

    @classmethod
    def open(cls, root: Path) -> ParseCache:
        """The cache for the plan at ``root`` (empty when missing, damaged or outdated; without
        a file when the cache folder is not a safe place)."""
        key = _code_key()
        folder = cache_dir(root)
        if folder is None or not _private_folder(folder):
            return cls(None, key, None)
        secret = _secret(folder)
        if secret is None:
            return cls(None, key, None)
        name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
        file = folder / f"parse-{name}.marshal"
        return cls(file, key, _Entries.open(file, key), secret)

    digest = staticmethod(file_digest)

    def _seal(self, rel: str, digest: bytes, blob: bytes) -> bytes:
        mac = hashlib.blake2b(key=self.secret, digest_size=16)
        for part in (rel.encode("utf-8", "surrogatepass"), digest, blob):
            mac.update(len(part).to_bytes(8, "big"))
            mac.update(part)
        return mac.digest()

    def get(self, rel: str, digest: bytes) -> ReadResult | None:
        """The earlier parse of ``rel`` if its bytes are exactly the same and the entry is
        one udv wrote for them; else None (the file is parsed again)."""
        if self._old is None:
            return None
        entry, skipped = self._old.take(rel)
        if skipped:  # files gone since: the new cache differs
            self._change()
        if entry is None:
            return None
        result = self._verified(rel, digest, entry)
        if result is None:
            self._change()
            return None
        self.hits += 1
        if self._out is None:
            self._kept_until = self._old.position
        else:
            self._write(marshal.dumps((rel, *entry)))
        return result

    def _verified(self, rel: str, digest: bytes, entry: tuple[Any, ...]) -> ReadResult | None:
        if not (len(entry) == 3 and entry[0] == digest):
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
        if not well_formed(packed):
            return None
        return unpack(rel, packed)

    def put(self, rel: str, digest: bytes, packed: Packed) -> None:
        """Add a new parse (written at once: the parse itself is not kept)."""
        if self.file is None:
            return
        self._change()
        blob = marshal.dumps(packed)
        self._write(marshal.dumps((rel, digest, blob, self._seal(rel, digest, blob))))

    def _change(self) -> None:
        """Something differs from the previous cache: start the new file (once), with the
        previous entries kept so far copied as they are."""
        if self._out is not None or self.file is None:
            return
        try:
            import tempfile

            fd, self._tmp = tempfile.mkstemp(
                prefix=f".{self.file.name}.", suffix=".tmp", dir=self.file.parent
            )
            self._out = os.fdopen(fd, "wb")
            self._out.write(marshal.dumps(self.key))
            if self._old is not None:
                self._old.copy(self._kept_until, self._out)
        except OSError:
            self._give_up()

    def _write(self, blob: bytes) -> None:
        if self._out is None:
            return
        try:
            self._out.write(blob)
        except OSError:
            self._give_up()

    def _give_up(self) -> None:
        """No new cache this time (a full disk, say): the old one stays as it was."""
        self.file = None
        if self._out is not None:
            with contextlib.suppress(OSError):
                self._out.close()
            self._out = None
        if self._tmp:
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)
            self._tmp = ""

    def save(self) -> None:
        """Put the new cache in place of the old, if anything changed (files dropped since
        count as a change)."""
        if self._old is not None:
            if self._old.remaining():
                self._change()
            self._old.close()
            self._old = None
        if self._out is None or self.file is None:
            return
        out, self._out = self._out, None
        try:
            out.close()
            os.replace(self._tmp, self.file)
            self._tmp = ""
        except OSError:
            self._give_up()

    def discard(self) -> None:
        """Stop without saving (the load failed): the old cache stays as it was."""
        if self._old is not None:
            self._old.close()
            self._old = None
        self._give_up()


class _Entries:
    """A cursor over a cache file's entries ``(path, digest, blob, seal)``, in path order.

    Anything but a tuple naming a path, or a path out of order, ends the reading (the rest
    of the file is then not used).
    """

    def __init__(self, handle: BinaryIO, size: int) -> None:
        self._handle = handle
        self._size = size
        self.start = handle.tell()
        self.position = self.start  # where the entry after the current one begins
        self._current: tuple[Any, ...] | None = None
        self._advance()

    @classmethod
    def open(cls, file: Path, key: bytes) -> _Entries | None:
        """The entries of ``file`` if it is a cache written for ``key``."""
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
        try:
            handle = os.fdopen(os.open(file, flags), "rb")
        except OSError:
            return None
        try:
            info = os.fstat(handle.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size <= MAX_CACHE_BYTES:
                # MemoryError: a damaged length in the file (the folder is the user's own).
                with contextlib.suppress(OSError, ValueError, EOFError, TypeError, MemoryError):
                    if marshal.load(handle) == key:
                        return cls(handle, info.st_size)
        except OSError:
            pass
        handle.close()
        return None

    def _advance(self) -> None:
        previous = self._current[0] if self._current is not None else None
        self._current = None
        try:
            if self._handle.tell() >= self._size:
                return
            item = marshal.load(self._handle)
        except (OSError, ValueError, EOFError, TypeError, MemoryError):
            return
        if not (isinstance(item, tuple) and item and isinstance(item[0], str)):
            return
        if previous is not None and item[0] <= previous:
            return
        self._current = item

    def take(self, rel: str) -> tuple[tuple[Any, ...] | None, int]:
        """The entry for ``rel`` (None when there is none), and how many entries for paths
        before it were passed over."""
        skipped = 0
        while self._current is not None and self._current[0] < rel:
            self._advance()
            skipped += 1
        if self._current is None or self._current[0] != rel:
            return None, skipped
        entry = self._current[1:]
        self.position = self._handle.tell()
        self._advance()
        return entry, skipped

    def remaining(self) -> bool:
        """True when entries are left that no file asked for."""
        return self._current is not None

    def copy(self, end: int, out: BinaryIO) -> None:
        """Copy the file's entries up to byte ``end`` to ``out``."""
        here = self._handle.tell()
        try:
            self._handle.seek(self.start)
            left = end - self.start
            while left > 0:
                block = self._handle.read(min(left, 1 << 20))
                if not block:
                    break
                out.write(block)
                left -= len(block)
        finally:
            self._handle.seek(here)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._handle.close()
