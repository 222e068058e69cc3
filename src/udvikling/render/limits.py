"""Resource limits for template evaluation: a template from a pull request cannot hang udv
or eat the machine's memory.

Two layers:

- :class:`DocumentSandbox`, Jinja's sandbox with budgets for what a template can blow up
  in one step: all ``range()`` calls of one document together produce at most
  :data:`RANGE_BUDGET` numbers, and ``*`` and ``**`` refuse results beyond
  :data:`MAX_ITEMS` items or :data:`MAX_INT_BITS` bits. These stop the common cases at
  once with a clear message, on every platform.
- :func:`run_limited` evaluates a template in a forked child process with a memory limit
  (``RLIMIT_AS``), a CPU limit and a wall-clock deadline, and takes back at most
  :data:`MAX_OUTPUT_BYTES` of text. Whatever a template does (nested loops, huge string
  methods), the command ends in seconds with a Danish message. Where ``fork`` is missing
  (Windows) the template runs in-process with the budgets only.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import select
import signal
import time
from collections.abc import Callable, Sequence
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from udvikling.errors import DataError, ExitCode, UdvError

RANGE_BUDGET = 1_000_000
MAX_ITEMS = 10_000_000
MAX_INT_BITS = 100_000
TIME_LIMIT = 30.0  # seconds of wall-clock time for one template
MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of address space beyond what udv already has
MAX_OUTPUT_BYTES = 50 * 1024 * 1024

_HINT = "Tjek skabelonens løkker og beregninger; kør 'udv render --check' for andre fejl."


class TemplateLimit(Exception):
    """A template went over one of the budgets; ``message`` is Danish."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# The widths and precisions of printf-style conversions ("%0999999999d").
_WIDTH_RE = re.compile(r"%[-#0 +]*(\d*)(?:\.(\d*))?")


# A number of eight or more digits inside a str.format replacement field ("{:>99999999}").
_BIG_NUMBER_RE = re.compile(r"\{[^{}]*\d{8,}[^{}]*\}")


def _int_bits(value: Any) -> int:
    return value.bit_length() if isinstance(value, int) else 64


# Every attribute a plain dict has (its class's and object's): any other name is an item.
_DICT_NAMES = frozenset(dir(dict))


class DocumentSandbox(SandboxedEnvironment):
    """The sandbox with budgets for ``range``, ``*`` and ``**`` (see the module)."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.range_left = RANGE_BUDGET
        self.globals["range"] = self._range
        plain_format = self.filters["format"]

        def checked_format(value: Any, *args: Any, **kwargs: Any) -> str:
            problem = _binop_problem("%", value, args)
            if problem is not None:
                raise TemplateLimit(problem)
            return str(plain_format(value, *args, **kwargs))

        self.filters["format"] = checked_format

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Jinja's ``obj.attribute``, without the exception it raises and catches for every
        key of a plain dict (most of what a page reads): a ``dict`` has no attributes but its
        class's, so for any other name Jinja's answer is the item, or undefined."""
        if type(obj) is dict and type(attribute) is str and attribute not in _DICT_NAMES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)

    def _range(self, *args: int) -> range:
        numbers = range(*args)
        if len(numbers) > self.range_left:
            raise TemplateLimit(
                f"range() giver i alt mere end {RANGE_BUDGET:_} tal".replace("_", ".")
            )
        self.range_left -= len(numbers)
        return numbers

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        spec = getattr(value, "__self__", "")

        def checked(*args: Any, **kwargs: Any) -> str:
            # "{:>999999999}".format(1): the width is in the text being formatted.
            if isinstance(spec, str) and _BIG_NUMBER_RE.search(spec):
                raise TemplateLimit(
                    f"en formatering giver mere end {MAX_ITEMS:_} tegn".replace("_", ".")
                )
            return wrapped(*args, **kwargs)

        return checked

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        problem = _binop_problem(operator, left, right)
        if problem is not None:
            raise TemplateLimit(problem)
        return super().call_binop(context, operator, left, right)


def _binop_problem(operator: str, left: Any, right: Any) -> str | None:
    """Why ``left operator right`` would be too big to compute, or None."""
    both_ints = isinstance(left, int) and isinstance(right, int)
    if operator == "%":
        if not isinstance(left, str):
            return None
        widths = [n for pair in _WIDTH_RE.findall(left) for n in pair if n]
        if "*" in left and isinstance(right, tuple):
            widths += [str(abs(v)) for v in right if isinstance(v, int)]
        if any(len(w) > 7 or int(w) > MAX_ITEMS for w in widths):
            return f"en formatering (%) giver mere end {MAX_ITEMS:_} tegn".replace("_", ".")
        return None
    if operator == "**":
        if both_ints and abs(left) > 1 and right > 0 and _int_bits(left) * right > MAX_INT_BITS:
            return "et tal i skabelonen bliver for stort (**)"
        return None
    for seq, count in ((left, right), (right, left)):
        repeated = isinstance(seq, str | list | tuple) and isinstance(count, int)
        if repeated and len(seq) * max(count, 0) > MAX_ITEMS:
            return f"en gentagelse (*) giver mere end {MAX_ITEMS:_} elementer".replace("_", ".")
    if both_ints and _int_bits(left) + _int_bits(right) > MAX_INT_BITS:
        return "et tal i skabelonen bliver for stort"
    return None


def limit_error(message: str) -> DataError:
    """The error a command stops with when a template went over a limit."""
    return DataError(f"Skabelonen blev stoppet: {message}.", _HINT)


def run_limited(work: Callable[[], str], *, seconds: float = TIME_LIMIT) -> str:
    """``work()`` (which renders a template) under the limits of the module; its text."""
    return run_limited_many([work], seconds=seconds, at_once=1)[0]


def run_limited_many(
    works: Sequence[Callable[[], str]], *, seconds: float = TIME_LIMIT, at_once: int = 1
) -> list[str]:
    """Each ``work()``'s text, each in its own child under the limits of the module (as
    :func:`run_limited`), up to ``at_once`` children at a time (one per core).

    The answer is the one the children would give one after another: the texts in order,
    or the failure of the first work (in order) that fails; after a failure no further
    child is started, and children after the failing one are stopped.
    """
    if not hasattr(os, "fork"):  # pragma: no cover - Windows: the budgets only
        return [work() for work in works]
    answers = _run_many(works, seconds, at_once)
    return [answer.decode("utf-8", "surrogatepass") for answer in answers]


def run_limited_bytes(
    works: Sequence[Callable[[], bytes]], *, seconds: float = TIME_LIMIT, at_once: int = 1
) -> list[bytes]:
    """:func:`run_limited_many` for works that answer in bytes: each answer as the child
    sent it (nothing decoded here, nothing encoded in the child)."""
    if not hasattr(os, "fork"):  # pragma: no cover - Windows: the budgets only
        return [work() for work in works]
    return _run_many(works, seconds, at_once)


def _run_many(
    works: Sequence[Callable[[], str | bytes]], seconds: float, at_once: int
) -> list[bytes]:
    done: dict[int, tuple[bytes, str | None, int]] = {}
    running: dict[int, _Child] = {}
    failed: int | None = None
    index = 0
    try:
        while running or (index < len(works) and failed is None):
            while failed is None and index < len(works) and len(running) < max(1, at_once):
                child = _start(works[index], seconds)
                running[child.fd] = child
                child.index = index
                index += 1
            for child in _step(list(running.values())):
                del running[child.fd]
                done[child.index] = child.finish()
                blob, overrun, status = done[child.index]
                if overrun is not None or not (blob[:1] == b"T" and status == 0):
                    failed = child.index if failed is None else min(failed, child.index)
            if failed is not None:
                # Only the failure of the first work in order is told: stop the later ones.
                for child in [c for c in running.values() if c.index > failed]:
                    del running[child.fd]
                    child.stop()
    finally:
        for child in running.values():
            child.stop()
    answers: list[bytes] = []
    for number in range(len(works)):
        blob, overrun, status = done[number]
        if overrun is not None:
            raise limit_error(overrun)
        answers.append(_unpack(blob, status, seconds))
    return answers


class _Child:
    """A limited child at work: its pipe, its deadline and what it has sent so far."""

    def __init__(self, pid: int, fd: int, seconds: float) -> None:
        self.pid = pid
        self.fd = fd
        self.index = 0
        self.deadline = time.monotonic() + seconds
        self.seconds = seconds
        self.chunks: list[bytes] = []
        self.size = 0
        self.overrun: str | None = None
        self.ended = False

    def read(self) -> None:
        """Take what the child has sent; note its end or an answer that is too long."""
        chunk = os.read(self.fd, 1 << 20)
        if not chunk:
            self.ended = True
            return
        self.chunks.append(chunk)
        self.size += len(chunk)
        if self.size > MAX_OUTPUT_BYTES + 1:
            self.overrun = f"den gav mere end {MAX_OUTPUT_BYTES // (1024 * 1024)} MB tekst"

    def finish(self) -> tuple[bytes, str | None, int]:
        """The child's answer, the limit it went over (or None) and its exit status."""
        os.close(self.fd)
        if self.overrun is not None:
            os.kill(self.pid, signal.SIGKILL)
        _, status = os.waitpid(self.pid, 0)
        blob = b"" if self.overrun is not None else b"".join(self.chunks)
        return blob, self.overrun, status

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.fd)
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.waitpid(self.pid, 0)


def _start(work: Callable[[], str | bytes], seconds: float) -> _Child:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: limit itself, render, send, leave without cleanup
        code = 1
        try:
            os.close(read_fd)
            _limit_child(seconds)
            payload = _attempt(work)
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(payload)
            code = 0
        finally:
            os._exit(code)
    os.close(write_fd)
    return _Child(pid, read_fd, seconds)


def _step(children: list[_Child]) -> list[_Child]:
    """Wait for the next thing any of ``children`` does; those that have ended (sent all,
    or gone over their time or output) are returned."""
    tick = time.monotonic()
    left = {c.fd: c.deadline - tick for c in children}  # seconds each child has left
    ended = [c for c in children if left[c.fd] <= 0]
    for child in ended:
        child.overrun = f"den brugte mere end {child.seconds:g} sekunder"
    if ended:
        return ended
    ready, _, _ = select.select([c.fd for c in children], [], [], min(left.values()))
    for child in children:
        if child.fd in ready:
            child.read()
    return [c for c in children if c.ended or c.overrun is not None]


def _attempt(work: Callable[[], str | bytes]) -> bytes:
    """What the child sends back: b"T" + the answer (text as UTF-8), or b"E" + a
    marshalled error."""
    try:
        answer = work()
        if isinstance(answer, str):
            return b"T" + answer.encode("utf-8", "surrogatepass")
        return b"T" + answer
    except UdvError as exc:
        return b"E" + marshal.dumps((exc.message, exc.hint, int(exc.exit_code)))
    except MemoryError:
        return b"M"
    except Exception as exc:  # a bug: the parent reports it as one
        return b"B" + marshal.dumps((type(exc).__name__, str(exc)))


def _limit_child(seconds: float) -> None:
    import resource

    with contextlib.suppress(OSError, ValueError):
        used = _address_space()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = used + MEMORY_LIMIT
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        if soft == resource.RLIM_INFINITY or wanted < soft:
            resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    with contextlib.suppress(OSError, ValueError):
        cpu = int(seconds) + 1
        _, hard_cpu = resource.getrlimit(resource.RLIMIT_CPU)
        if hard_cpu == resource.RLIM_INFINITY or cpu < hard_cpu:
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, hard_cpu))


def _address_space() -> int:
    """The process's current address-space size in bytes (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            pages = int(handle.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _unpack(blob: bytes, status: int, seconds: float) -> bytes:
    if blob[:1] == b"T" and status == 0:
        return blob[1:]
    kind, rest = blob[:1], blob[1:]
    if kind == b"E" and status == 0:
        message, hint, code = marshal.loads(rest)
        error = UdvError(message, hint)
        error.exit_code = ExitCode(code)
        raise error
    if kind == b"B" and status == 0:
        name, text = marshal.loads(rest)
        raise RuntimeError(f"{name} under udfyldning af skabelonen: {text}")
    if kind == b"M":
        raise limit_error("den brugte for meget hukommelse")
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL):
        raise limit_error(f"den brugte mere end {seconds:g} sekunder")
    raise limit_error("den brugte for meget hukommelse eller tid")
