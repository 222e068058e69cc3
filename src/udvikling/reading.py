"""Read and parse a plan's record files one after another, so that each can be validated
and let go before the next: through the parse cache, and with two cores on a second one.

The files are parsed in chunks, in order. When the first chunk shows that most files must
be parsed (no cache, or a cache that misses), a child process is forked that parses every
other chunk and sends each back, packed as plain values (marshal), while this process
parses the chunks between and validates both. So at no time is more than a few chunks'
plain data alive, however large the plan (parsed whole first, 100,000 initiatives held
their plain data and their models at once: about 1.5 GB). If the child fails in any way,
this process parses its chunks itself: the outcome never depends on it.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
from collections.abc import Generator
from typing import Any, BinaryIO

from udvikling.cache import ParseCache, pack, unpack, well_formed
from udvikling.cores import jobs
from udvikling.fileio import file_digest
from udvikling.safe_read import Reader, unreadable_finding
from udvikling.sourcemap import ReadResult, SourceMap
from udvikling.yamlsrc import Strings, read_yaml, share_strings

# Files per chunk: the child's unit of work and message.
CHUNK = 256
# Below this many files left after the first chunk, a second process costs more than it saves.
PARALLEL_MIN = 2000
# The largest message from the child that is believed (a chunk of files of at most 5 MB).
_MAX_MESSAGE = 1 << 31


def parse_files(
    rels: list[str], reader: Reader, cache: ParseCache | None, *, reread: bool
) -> Generator[tuple[str, ReadResult], None, None]:
    """Each of ``rels`` (sorted, when there is a ``cache``) read and parsed, in order.

    ``reread``: a clean file's positions are found later by reading it again through
    ``reader`` (checked against its hash) rather than from a copy of its text.
    """
    chunks = [rels[i : i + CHUNK] for i in range(0, len(rels), CHUNK)]
    strings: Strings = {}
    child: _Child | None = None
    try:
        for index, chunk in enumerate(chunks):
            if index == 1 and _worth_a_child(rels, cache, chunks[0]):
                child = _Child.start(reader, chunks[1::2], reread, strings)
            packed = child.receive(chunk) if child is not None and index % 2 else None
            if packed is None:
                for rel in chunk:
                    yield rel, _parse(rel, reader, cache, reread, strings)
                continue
            for rel, item in zip(chunk, packed, strict=True):
                if item is None:  # the child could not read it: read it here, for the finding
                    yield rel, _parse(rel, reader, cache, reread, strings)
                    continue
                digest, parts = item
                result = unpack(rel, parts)
                if cache is not None:
                    cache.put(rel, digest, parts)
                if reread:
                    result.source.attach(reader, digest)
                yield rel, result
    finally:
        if child is not None:
            child.stop()


def _worth_a_child(rels: list[str], cache: ParseCache | None, first: list[str]) -> bool:
    """True when the rest is big, mostly to be parsed, and there is a core and fork."""
    if len(rels) - len(first) < PARALLEL_MIN or jobs() < 2 or not hasattr(os, "fork"):
        return False
    return cache is None or cache.hits * 2 < len(first)


def _parse(
    rel: str, reader: Reader, cache: ParseCache | None, reread: bool, strings: Strings
) -> ReadResult:
    """``rel`` from the cache, else read and parsed (and added to the cache)."""
    try:
        raw = reader(rel)
    except (OSError, KeyError) as exc:
        return ReadResult(None, SourceMap(rel), [unreadable_finding(rel, exc)])
    digest = file_digest(raw)
    result = cache.get(rel, digest) if cache is not None else None
    if result is not None:
        result.data = share_strings(result.data, strings)
    else:
        result = read_yaml(raw, rel, keep_text=not reread, strings=strings)
        if cache is not None:
            cache.put(rel, digest, pack(result))
    if reread:
        result.source.attach(reader, digest)
    return result


def _child_chunk(reader: Reader, chunk: list[str], reread: bool, strings: Strings) -> list[Any]:
    """A chunk parsed in the child: ``(digest, packed)`` per file, None where unreadable."""
    out: list[Any] = []
    for rel in chunk:
        try:
            raw = reader(rel)
        except (OSError, KeyError):
            out.append(None)
            continue
        parsed = read_yaml(raw, rel, keep_text=not reread, strings=strings)
        out.append((file_digest(raw), pack(parsed)))
    return out


class _Child:
    """A forked process parsing every other chunk, sending each as one message."""

    def __init__(self, pid: int, pipe: BinaryIO) -> None:
        self.pid = pid
        self.pipe: BinaryIO | None = pipe

    @classmethod
    def start(
        cls, reader: Reader, chunks: list[list[str]], reread: bool, strings: Strings
    ) -> _Child | None:
        try:
            read_fd, write_fd = os.pipe()
            pid = os.fork()
        except OSError:
            return None
        if pid == 0:  # the child: parse, send, and leave without running any exit handlers
            code = 1
            try:
                os.close(read_fd)
                with os.fdopen(write_fd, "wb") as pipe:
                    for chunk in chunks:
                        blob = marshal.dumps(_child_chunk(reader, chunk, reread, strings))
                        pipe.write(len(blob).to_bytes(8, "big"))
                        pipe.write(blob)
                        pipe.flush()
                code = 0
            finally:
                os._exit(code)
        os.close(write_fd)
        return cls(pid, os.fdopen(read_fd, "rb"))

    def receive(self, chunk: list[str]) -> list[Any] | None:
        """The child's message for ``chunk``; None (and no more from the child) when it
        does not come whole and well-formed."""
        if self.pipe is None:
            return None
        items: Any = None
        try:
            head = self.pipe.read(8)
            if len(head) == 8 and int.from_bytes(head, "big") <= _MAX_MESSAGE:
                size = int.from_bytes(head, "big")
                blob = self.pipe.read(size)
                if len(blob) == size:
                    items = marshal.loads(blob)
        except (OSError, ValueError, EOFError, TypeError):
            items = None
        if not (
            isinstance(items, list)
            and len(items) == len(chunk)
            and all(_well_formed_item(item) for item in items)
        ):
            self.stop()
            return None
        return items

    def stop(self) -> None:
        """Close the pipe and reap the child (stopping it if it is still at work)."""
        if self.pipe is not None:
            with contextlib.suppress(OSError):
                self.pipe.close()
            self.pipe = None
        if self.pid:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(self.pid, 0)
            self.pid = 0


def _well_formed_item(item: Any) -> bool:
    if item is None:
        return True
    return (
        isinstance(item, tuple)
        and len(item) == 2
        and isinstance(item[0], bytes)
        and well_formed(item[1])
    )
