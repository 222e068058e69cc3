"""Where udv may write what a user asks for (``-o``), and a Danish message when it cannot.

An output never lands on the plan itself (``udvikling.yaml``, anything in ``data/`` or
``templates/``, git's own folder), nor on anything that is not an ordinary file (a device,
a FIFO, a folder); a missing folder on the way is made. The check follows symbolic links
and compares files by identity, so neither a link nor a differently cased name gets
around it. Every write is atomic (:func:`udvikling.fileio.write_atomic`), and every
failure is an :class:`~udvikling.errors.EnvironmentProblem` saying why in Danish.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from udvikling.config import CONFIG_FILE
from udvikling.errors import EnvironmentProblem, UsageError
from udvikling.fileio import write_atomic, write_error_text

# The parts of a data repository no output may replace or land in.
PROTECTED_FOLDERS = ("data", "templates", ".git")

_KINDS = (
    (stat.S_ISDIR, "en mappe"),
    (stat.S_ISFIFO, "en FIFO (navngivet pipe)"),
    (stat.S_ISCHR, "en enhed"),
    (stat.S_ISBLK, "en enhed"),
    (stat.S_ISSOCK, "en socket"),
)


def _same(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def _inside(path: Path, folder: Path) -> bool:
    """True when ``path`` is ``folder`` or lies below it (links and case followed)."""
    if not folder.exists():
        return False
    resolved, base = path.resolve(), folder.resolve()
    if resolved == base or resolved.is_relative_to(base):
        return True
    return any(_same(parent, folder) for parent in (path, *path.absolute().parents))


def protected_reason(path: Path, root: Path | None) -> str | None:
    """Why ``path`` is part of the plan at ``root`` (and must not be written), or None."""
    if root is None:
        return None
    config = root / CONFIG_FILE
    if path.resolve() == config.resolve() or _same(path, config):
        return f"det er planens {CONFIG_FILE}"
    for name in PROTECTED_FOLDERS:
        if _inside(path, root / name):
            return f"den ligger i planens {name}/-mappe"
    return None


def check_output(path: Path, root: Path | None, option: str = "-o") -> None:
    """Stop with a Danish message unless ``path`` is a place udv may write a file."""
    reason = protected_reason(path, root)
    if reason is not None:
        raise UsageError(
            f"udv skriver ikke til {path}: {reason}.",
            f"Vælg med {option} en fil uden for data/, templates/ og udvikling.yaml.",
        )
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise EnvironmentProblem(
            f"Kan ikke skrive {path}: {write_error_text(exc)}.", f"Vælg en anden fil med {option}."
        ) from None
    if mode is not None and not stat.S_ISREG(mode):
        kind = next((word for test, word in _KINDS if test(mode)), "ikke en almindelig fil")
        raise UsageError(
            f"udv skriver ikke til {path}: det er {kind}, ikke en almindelig fil.",
            f"Vælg med {option} et filnavn, fx notat.docx.",
        )
    parent = path.parent
    if parent.exists() and not parent.is_dir():
        raise EnvironmentProblem(
            f"Kan ikke skrive {path}: {parent} er ikke en mappe.",
            f"Vælg en anden fil med {option}.",
        )


def write_file(
    path: Path, data: bytes | str, root: Path | None, option: str = "-o", *, check: bool = True
) -> None:
    """Check ``path`` (see :func:`check_output`), then write ``data`` to it atomically."""
    if check:
        check_output(path, root, option)
    make_folder(path.parent)  # as the user named it: a missing folder is made
    try:
        write_atomic(path, data, make_parents=False)
    except OSError as exc:
        reason = write_error_text(exc)
        if exc.errno == errno.ENOENT and path.parent.is_dir():
            reason = "mappen tager ikke imod nye filer"
        raise EnvironmentProblem(
            f"Kan ikke skrive {path}: {reason}.",
            f"Vælg en anden fil eller mappe med {option}, eller frigør plads.",
        ) from None


def make_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) or stop with a Danish message."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EnvironmentProblem(
            f"Kan ikke oprette mappen {folder}: {write_error_text(exc)}.",
            "Tjek mappens rettigheder og den ledige plads.",
        ) from None
