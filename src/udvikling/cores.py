"""How many processes udv may use at once (``UDV_JOBS``, else at most two: one per core), and
the plainest way to use the second: :func:`fork` some work, :func:`receive` its result.

Kept apart from the modules that fork, so that asking costs no import of what they need.
"""

from __future__ import annotations

import os

# Not `from typing import ...`: this module is imported on the way to a Tab's answer.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any, BinaryIO, TypeVar

    T = TypeVar("T")

    # A forked child: its process id and the pipe it sends its result down.
    Child = tuple[int, BinaryIO]


def jobs() -> int:
    """How many processes may work at once (``UDV_JOBS``, else at most two)."""
    value = os.environ.get("UDV_JOBS", "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    return min(2, os.cpu_count() or 1)


def fork(work: Callable[[], Any]) -> Child | None:
    """A child process that sends ``marshal.dumps(work())`` down a pipe and exits (None when
    it cannot be forked). Its work must give plain values marshal can send."""
    import marshal

    try:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the child: work, send, leave without running any exit handlers
        code = 1
        try:
            os.close(read_fd)
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(marshal.dumps(work()))
            code = 0
        finally:
            os._exit(code)
    os.close(write_fd)
    return pid, os.fdopen(read_fd, "rb")


def receive(child: Child) -> tuple[bool, Any]:
    """``(True, result)`` of a child from :func:`fork` once it has sent it whole, ``(False,
    None)`` when it did not (it died, or sent something marshal cannot read); the child is
    reaped either way. The caller checks the result's shape before using it."""
    import contextlib
    import marshal

    pid, pipe = child
    try:
        return True, marshal.loads(pipe.read())
    except (OSError, ValueError, EOFError, TypeError):
        return False, None
    finally:
        with contextlib.suppress(OSError):
            pipe.close()
        with contextlib.suppress(OSError):
            os.waitpid(pid, 0)


def each_on_two(
    items: Sequence[T], work: Callable[[T], Any], sound: Callable[[T, Any], bool]
) -> list[Any]:
    """``[work(item) for item in items]``, every other item done by a forked child when there
    is a second core. The child's results are used only when all of them came whole and
    each is ``sound(item, result)`` (a plain value of the shape its item calls for);
    otherwise its items are done here too. The caller decides whether the items are worth a
    second process."""
    theirs = items[1::2]
    child = fork(lambda: [work(item) for item in theirs]) if jobs() >= 2 else None
    mine = [work(item) for item in items[::2]]
    whole, sent = receive(child) if child is not None else (False, None)
    if not (
        whole
        and isinstance(sent, list)
        and len(sent) == len(theirs)
        and all(map(sound, theirs, sent))
    ):
        sent = [work(item) for item in theirs]
    out: list[Any] = [None] * len(items)
    out[::2] = mine
    out[1::2] = sent
    return out
