"""A status round's sheets made and read on both cores, in a forked process beside this one.

- :func:`each`: the workbooks of a round are made each on its own, from data already in
  memory; openpyxl spends the time in Python, one core at a time. So when there are two
  cores and enough rows to be worth a process, a child is forked that makes about half of
  them (by rows) and sends each back as plain values (marshal), while this process makes
  the rest.
- :class:`Later`: the returned sheets need nothing from the plan, so a child reads them
  (importing openpyxl itself) while this process loads the plan.

The results are the same and in the same order as done one by one here: if the child fails
in any way (it cannot be forked, dies, sends something malformed), this process does its
share too. ``UDV_JOBS=1`` keeps it to one process, as for reading the plan.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import select
import signal
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many rows' worth of work in all, a second process costs more than it saves (a
# fork and one message against a few milliseconds a sheet).
MIN_ROWS = 150
_MAX_MESSAGE = 1 << 31


def jobs() -> int:
    """How many processes may work (``UDV_JOBS``, else at most two), as for the plan."""
    from udvikling.cores import jobs as plan_jobs

    return plan_jobs()


def halves(weights: Sequence[int]) -> tuple[list[int], list[int]]:
    """The indexes of ``weights`` in two groups of about the same weight (heaviest first,
    each to the lighter group); each group in index order."""
    mine: list[int] = []
    theirs: list[int] = []
    load = [0, 0]
    for index in sorted(range(len(weights)), key=lambda i: (-weights[i], i)):
        side = 0 if load[0] <= load[1] else 1
        (mine if side == 0 else theirs).append(index)
        load[side] += weights[index]
    return sorted(mine), sorted(theirs)


def each(
    items: Sequence[T],
    work: Callable[[T], R],
    weights: Sequence[int],
    pack: Callable[[R], Any] = lambda r: r,
    unpack: Callable[[Any], R] = lambda v: v,
) -> list[R]:
    """``[work(item) for item in items]``, half of it (by ``weights``) in a forked child
    when that is worth it. ``pack`` turns a result into plain values marshal can send
    (bytes, str, numbers, tuples, lists, dicts, None) and ``unpack`` back."""
    if len(items) < 2 or sum(weights) < MIN_ROWS or jobs() < 2 or not hasattr(os, "fork"):
        return [work(item) for item in items]
    mine, theirs = halves(weights)
    child = _Child.start([items[i] for i in theirs], work, pack)
    try:
        results: dict[int, R] = {index: work(items[index]) for index in mine}
    except BaseException:
        if child is not None:
            child.stop()
        raise
    received = child.receive(len(theirs)) if child is not None else None
    try:
        if received is not None:
            pairs = zip(theirs, received, strict=True)
            results.update((index, unpack(value)) for index, value in pairs)
    except (ValueError, TypeError, KeyError, IndexError):
        received = None
    if received is None:  # the child's share, done here after all
        results.update((index, work(items[index])) for index in theirs)
    return [results[index] for index in range(len(items))]


class _Child:
    """A forked process doing its share and sending it as one message."""

    def __init__(self, pid: int, pipe: Any) -> None:
        self.pid = pid
        self.pipe = pipe

    @classmethod
    def start(
        cls, items: list[Any], work: Callable[[Any], Any], pack: Callable[[Any], Any]
    ) -> _Child | None:
        try:
            read_fd, write_fd = os.pipe()
            pid = os.fork()
        except OSError:
            return None
        if pid == 0:  # the child: work, send, and leave without running any exit handlers
            code = 1
            try:
                os.close(read_fd)
                blob = marshal.dumps([pack(work(item)) for item in items])
                with os.fdopen(write_fd, "wb") as pipe:
                    pipe.write(len(blob).to_bytes(8, "big"))
                    pipe.write(blob)
                code = 0
            finally:
                os._exit(code)
        os.close(write_fd)
        return cls(pid, os.fdopen(read_fd, "rb"))

    def receive(self, count: int) -> list[Any] | None:
        """The child's ``count`` results; None when they do not come whole."""
        values: Any = None
        try:
            head = self.pipe.read(8)
            if len(head) == 8 and int.from_bytes(head, "big") <= _MAX_MESSAGE:
                size = int.from_bytes(head, "big")
                blob = self.pipe.read(size)
                if len(blob) == size:
                    values = marshal.loads(blob)
        except (OSError, ValueError, EOFError, TypeError):
            values = None
        finally:
            self.stop()
        if not isinstance(values, list) or len(values) != count:
            return None
        return values

    def stop(self) -> None:
        """Close the pipe and reap the child (stopping it if it is still at work)."""
        with contextlib.suppress(OSError):
            self.pipe.close()
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.waitpid(self.pid, 0)


class Later(Generic[R]):
    """Work that needs nothing this process is about to do, started now in a forked child
    (returned sheets read while the plan is loaded); :meth:`result` takes it back, or does
    the work here when there is no child or it fails."""

    def __init__(
        self, work: Callable[[], R], unpack: Callable[[Any], R], child: _Child | None
    ) -> None:
        self._work = work
        self._unpack = unpack
        self._child = child

    @classmethod
    def start(
        cls,
        work: Callable[[], R],
        pack: Callable[[R], Any],
        unpack: Callable[[Any], R],
    ) -> Later[R]:
        """Start ``work`` in a child (when there are two cores); ``pack`` turns its result
        into plain values marshal can send, ``unpack`` back."""
        child = None
        if jobs() >= 2 and hasattr(os, "fork"):
            child = _Child.start([None], lambda _: work(), pack)
        return cls(work, unpack, child)

    def pending(self) -> bool:
        """True while a child is still at work (its result not ready to be read)."""
        child = self._child
        if child is None:
            return False
        try:
            ready, _, _ = select.select([child.pipe], [], [], 0)
        except (OSError, ValueError):
            return False
        return not ready

    def result(self) -> R:
        """The work's result: the child's, or done here."""
        child, self._child = self._child, None
        received = child.receive(1) if child is not None else None
        if received is not None:
            try:
                return self._unpack(received[0])
            except (ValueError, TypeError, KeyError, IndexError):
                pass
        return self._work()

    def stop(self) -> None:
        """Stop the child when its result is not wanted after all."""
        child, self._child = self._child, None
        if child is not None:
            child.stop()
