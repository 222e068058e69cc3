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
from collections.abc import Callable
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
    if not hasattr(os, "fork"):  # pragma: no cover - Windows: the budgets only
        return work()
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
    try:
        blob, overrun = _collect(read_fd, seconds)
    finally:
        os.close(read_fd)
    if overrun is not None:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    if overrun is not None:
        raise limit_error(overrun)
    return _unpack(blob, status, seconds)


def _attempt(work: Callable[[], str]) -> bytes:
    """What the child sends back: b"T" + text, or b"E" + a marshalled error."""
    try:
        return b"T" + work().encode("utf-8", "surrogatepass")
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


def _collect(fd: int, seconds: float) -> tuple[bytes, str | None]:
    """Read the child's answer until it ends, ``seconds`` pass or it is too long."""
    deadline = time.monotonic() + seconds
    chunks: list[bytes] = []
    size = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return b"", f"den brugte mere end {seconds:g} sekunder"
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks), None
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_OUTPUT_BYTES + 1:
            return b"", f"den gav mere end {MAX_OUTPUT_BYTES // (1024 * 1024)} MB tekst"


def _unpack(blob: bytes, status: int, seconds: float) -> str:
    if blob[:1] == b"T" and status == 0:
        return blob[1:].decode("utf-8", "surrogatepass")
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
