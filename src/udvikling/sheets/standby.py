"""Workers made ready before there is work for them, on the other core.

:meth:`Standby.start` forks a child that prepares at once (for the status round's workbooks:
imports openpyxl, a fifth of a second) while this process goes on (loads the plan and
builds the rows). :meth:`Standby.run` then sends it the work as plain values (marshal); the
child forks a second worker, which has the imports already, to do about half of it (by
weight) when there is enough, and each sends its results back on its own pipe. This process
only waits: it never imports what the work needs, unless a child fails.

The results are the same and in the same order as done one by one here: whatever does not
come back whole (no fork, a child dies or sends something malformed) is done here.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
from collections.abc import Callable, Sequence
from typing import Any, BinaryIO

from udvikling.sheets.twocores import MIN_ROWS, halves, jobs

_MAX_MESSAGE = 1 << 31

Work = Callable[[Any, Any], Any]
"""``work(context, item)``: one result from the shared ``context`` and one ``item``, all
plain values marshal can send."""


class Standby:
    """A forked child, prepared, waiting for work (see the module)."""

    def __init__(
        self, pid: int, jobs_pipe: BinaryIO, results: Sequence[BinaryIO], work: Work
    ) -> None:
        self._pid: int | None = pid
        self._jobs = jobs_pipe
        self._results = results
        self._work = work

    @classmethod
    def start(cls, prepare: Callable[[], object], work: Work) -> Standby | None:
        """A child that runs ``prepare`` now and ``work`` when given it; None when there is
        one core (``UDV_JOBS=1``) or no fork."""
        if jobs() < 2 or not hasattr(os, "fork"):
            return None
        fds: list[int] = []
        try:
            for _ in range(3):
                fds.extend(os.pipe())
            pid = os.fork()
        except OSError:
            for fd in fds:
                with contextlib.suppress(OSError):
                    os.close(fd)
            return None
        job_read, job_write, first_read, first_write, second_read, second_write = fds
        if pid == 0:  # the child: prepare, wait, work; leave without running exit handlers
            code = 1
            try:
                for fd in (job_write, first_read, second_read):
                    os.close(fd)
                _serve(prepare, work, job_read, first_write, second_write)
                code = 0
            finally:
                os._exit(code)
        for fd in (job_read, first_write, second_write):
            os.close(fd)
        results = [os.fdopen(first_read, "rb"), os.fdopen(second_read, "rb")]
        return cls(pid, os.fdopen(job_write, "wb"), results, work)

    def run(
        self,
        context: Any,
        items: Sequence[Any],
        weights: Sequence[int],
        valid: Callable[[Any], bool] = lambda _: True,
    ) -> list[Any]:
        """``[work(context, item) for item in items]``, made by the children (in two when the
        weights add up to :data:`udvikling.sheets.twocores.MIN_ROWS`); a result that does
        not come back, or is not ``valid``, is made here."""
        indexed = list(enumerate(items))
        first, second = indexed, []
        if len(items) >= 2 and sum(weights) >= MIN_ROWS:
            mine, theirs = halves(weights)
            first, second = [indexed[i] for i in mine], [indexed[i] for i in theirs]
        results: dict[int, Any] = {}
        whole = False
        try:
            # A job that cannot be sent is all done here.
            with contextlib.suppress(OSError, ValueError):
                _send(self._jobs, (context, first, second))
            with contextlib.suppress(OSError):
                self._jobs.close()
            for pipe, share in zip(self._results, (first, second), strict=True):
                if share:
                    results.update(_received(pipe, [index for index, _ in share], valid))
            whole = len(results) == len(items)
        finally:
            # Done: the child is only reaping its helper and leaving (waited for, so their
            # time is counted as this command's); else it is stopped.
            self.stop(kill=not whole)
        return [
            results[index] if index in results else self._work(context, item)
            for index, item in indexed
        ]

    def stop(self, kill: bool = True) -> None:
        """Close the pipes and reap the child (stopping it first, unless it has sent all)."""
        for pipe in (self._jobs, *self._results):
            with contextlib.suppress(OSError):
                pipe.close()
        pid, self._pid = self._pid, None
        if pid is None:  # reaped already: the number may be another process's by now
            return
        if kill:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.waitpid(pid, 0)


def _serve(
    prepare: Callable[[], object], work: Work, job_read: int, first: int, second: int
) -> None:
    """The child's part: prepare, take the job, do the first share (and fork a worker for
    the second), send the results."""
    with contextlib.suppress(Exception):  # unprepared, the work prepares itself
        prepare()
    with os.fdopen(job_read, "rb") as pipe:
        job = _message(pipe)
    if not isinstance(job, tuple) or len(job) != 3:
        return  # stopped, or nothing to do
    context, mine, theirs = job
    helper = None
    if theirs:
        try:
            helper = os.fork()
        except OSError:
            helper = None  # its share comes back missing: done by the parent
        if helper == 0:
            code = 1
            try:
                os.close(first)
                with os.fdopen(second, "wb") as out:
                    _send(out, [(index, work(context, item)) for index, item in theirs])
                code = 0
            finally:
                os._exit(code)
    os.close(second)
    with os.fdopen(first, "wb") as out:
        _send(out, [(index, work(context, item)) for index, item in mine])
    if helper:
        with contextlib.suppress(OSError):
            os.waitpid(helper, 0)


def _send(pipe: BinaryIO, value: Any) -> None:
    blob = marshal.dumps(value)
    pipe.write(len(blob).to_bytes(8, "big"))
    pipe.write(blob)
    pipe.flush()


def _message(pipe: BinaryIO) -> Any:
    """One message from ``pipe``; None when it does not come whole."""
    try:
        head = pipe.read(8)
        if len(head) != 8 or int.from_bytes(head, "big") > _MAX_MESSAGE:
            return None
        size = int.from_bytes(head, "big")
        blob = pipe.read(size)
        return marshal.loads(blob) if len(blob) == size else None
    except (OSError, ValueError, EOFError, TypeError):
        return None


def _received(pipe: BinaryIO, expected: list[int], valid: Callable[[Any], bool]) -> dict[int, Any]:
    """The results a child sent for the items at ``expected`` (none when they do not come
    whole and in order)."""
    values = _message(pipe)
    if not isinstance(values, list) or len(values) != len(expected):
        return {}
    found: dict[int, Any] = {}
    for pair, index in zip(values, expected, strict=True):
        if not isinstance(pair, tuple) or len(pair) != 2 or pair[0] != index or not valid(pair[1]):
            return {}
        found[index] = pair[1]
    return found
