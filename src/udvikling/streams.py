"""Standard output and error that never crash udv, whatever they are connected to.

:func:`guard_standard_streams` runs once at start-up (in :func:`udvikling.cli.main`):

- a closed standard stream gets ``/dev/null`` on its file descriptor, so no file udv opens
  later can take descriptor 1 and receive the report by mistake; writing the report to a
  closed standard output is then an error (exit 2), as for any other failed write;
- a broken pipe (``udv lint | head -1``) silences the rest of the output and the command
  goes on to exit with its real result;
- any other failed write (a full disk, an I/O error) stops the command with a Danish message
  and exit code 2, never a traceback;
- text is written as UTF-8 whatever the locale (``LANG=C``, ``PYTHONIOENCODING=ascii``), as
  the reports have always been, so a finding with æ, ø or å never fails to print.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import sys

from udvikling.errors import EnvironmentProblem, ExitCode

# Not `from typing import TYPE_CHECKING`: importing typing costs more than a Tab's work.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import NoReturn

    from _typeshed import ReadableBuffer

STDOUT = 1
STDERR = 2


class OutputProblem(EnvironmentProblem):
    """Standard output cannot take what udv writes (closed, full, failing)."""


class _GuardedFd(io.RawIOBase):
    """Writes to a file descriptor; a broken pipe silences it, other failures stop udv once."""

    def __init__(self, fd: int, name: str, *, closed_at_start: bool, report: bool) -> None:
        super().__init__()
        self._fd = fd
        self._name = name
        self._closed_at_start = closed_at_start
        self._report = report  # False for stderr: nowhere left to report to
        self.silenced = False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return not self._closed_at_start and os.isatty(self._fd)

    def write(self, data: ReadableBuffer, /) -> int:
        size = memoryview(data).nbytes
        if self.silenced:
            return size
        if self._closed_at_start:
            self.silenced = True
            if self._report:
                raise OutputProblem(
                    f"{self._name.capitalize()} er lukket, så udv kan ikke skrive sit resultat.",
                    "Kør kommandoen med standardoutput til en terminal, en fil eller en pipe.",
                )
            return size
        try:
            return os.write(self._fd, data)
        except BrokenPipeError:
            # The reader has all it wanted (``| head``): stay quiet, keep the real result.
            self.silenced = True
            return size
        except OSError as exc:
            self.silenced = True
            if self._report:
                raise OutputProblem(
                    f"Kan ikke skrive til {self._name}: {_error_text(exc)}.",
                    "Send resultatet et andet sted hen, fx til en fil på en anden disk.",
                ) from None
            return size


def _reopen_if_closed(fd: int) -> bool:
    """Put /dev/null on ``fd`` if it is closed; True when it was."""
    try:
        os.fstat(fd)
        return False
    except OSError:
        pass
    null = os.open(os.devnull, os.O_RDWR)
    if null != fd:
        os.dup2(null, fd)
        os.close(null)
    return True


ERRORS = "udv-output"


def _pass_bytes_through(exc: UnicodeError) -> tuple[str | bytes, int]:
    """Encoding error handler: an argument's undecodable bytes (``surrogateescape``) go out
    as the bytes they were; any other unencodable character as a visible escape."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = bytearray()
    for char in exc.object[exc.start : exc.end]:
        point = ord(char)
        if 0xDC80 <= point <= 0xDCFF:
            out.append(point - 0xDC00)
        else:
            out += f"\\u{point:04x}".encode("ascii")
    return bytes(out), exc.end


codecs.register_error(ERRORS, _pass_bytes_through)


def _wrap(fd: int, name: str, closed: bool, *, report: bool) -> io.TextIOWrapper:
    raw = _GuardedFd(fd, name, closed_at_start=closed, report=report)
    interactive = raw.isatty()
    buffered = io.BufferedWriter(raw)
    return io.TextIOWrapper(
        buffered,
        encoding="utf-8",
        errors=ERRORS,
        line_buffering=interactive or fd == STDERR,
        write_through=fd == STDERR,
    )


def _error_text(exc: OSError) -> str:
    from udvikling.fileio import write_error_text

    return write_error_text(exc)


def guard_standard_streams() -> None:
    """Replace ``sys.stdout`` and ``sys.stderr`` with guarded UTF-8 streams (see the module)."""
    closed = {fd: _reopen_if_closed(fd) for fd in (0, STDOUT, STDERR)}
    sys.stdout = _wrap(STDOUT, "standardoutput", closed[STDOUT], report=True)
    sys.stderr = _wrap(STDERR, "standardfejl", closed[STDERR], report=False)


def flush_stdout() -> OutputProblem | None:
    """Flush standard output; the problem if it could not take the rest."""
    try:
        sys.stdout.flush()
    except OutputProblem as exc:
        return exc
    except (OSError, ValueError):
        pass
    return None


def silence() -> None:
    """Drop whatever standard output still holds (after a failure was reported)."""
    with contextlib.suppress(Exception):
        raw = getattr(getattr(sys.stdout, "buffer", None), "raw", None)
        if isinstance(raw, _GuardedFd):
            raw.silenced = True


def finish(code: int, report: Callable[[str, str | None, int], None]) -> NoReturn:
    """End udv with ``code`` once its output is written: if standard output could not take
    all of it, ``report`` says so (message, hint, exit code), and that is the result."""
    problem = flush_stdout()
    if problem is not None:
        report(problem.message, problem.hint, int(problem.exit_code))
        code = max(code, int(problem.exit_code)) if code != ExitCode.BUG else code
    silence()
    with contextlib.suppress(Exception):
        sys.stderr.flush()
    sys.exit(code)
