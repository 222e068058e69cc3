"""The exception family for "stop and tell the user", and the exit-code table.

Data problems are never raised: they are :class:`~udvikling.findings.Finding` values.
These exceptions are for the cases where a command cannot go on at all (no data
repository found, a bad option value, an unwritable output file). The CLI's single
error handler turns them into a Danish message and an exit code.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of every ``udv`` command."""

    OK = 0  # clean (warnings allowed)
    DATA_ERRORS = 1  # the data has errors (or --fail/--strict found something)
    USAGE = 2  # usage or environment error
    BUG = 3  # unexpected error: a bug in udv
    INTERRUPTED = 130  # Ctrl-C


class UdvError(Exception):
    """Stop and tell the user ``message`` (Danish); ``hint`` says what to do."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(UdvError):
    """A bad option or argument value."""


class EnvironmentProblem(UdvError):
    """Something outside the data: no repository found, unreadable folder, missing tool."""


class DataError(UdvError):
    """The data is too broken for the command to go on (exit 1)."""

    exit_code = ExitCode.DATA_ERRORS
