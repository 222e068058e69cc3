"""Where udv may write what a user asks for (``-o``), and a Danish message when it cannot.

An output never lands on the plan itself (``udvikling.yaml``, anything in ``data/`` or
``templates/``, git's own folder), whether or not that folder exists yet, nor on anything
that is not an ordinary file (a device, a FIFO, a folder); a missing folder on the way is
made. A folder an output replaces (the site) is never the plan's folder, its repository or
a folder holding either (:func:`check_output_folder`). The check follows symbolic links
and compares files by identity, so neither a link nor a differently cased name gets
around it. Every write is atomic (:func:`udvikling.fileio.write_atomic`), and every
failure is an :class:`~udvikling.errors.EnvironmentProblem` saying why in Danish.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from udvikling.errors import EnvironmentProblem, UsageError
from udvikling.fileio import resolve_path, write_atomic, write_error_text
from udvikling.plan_root import CONFIG_FILE

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
    """True when ``path`` is ``folder`` or lies below it (links and case followed); for a
    folder that does not exist yet, by name (any case), so it cannot be made by an output."""
    if not folder.exists() and not folder.is_symlink():
        try:
            rel = resolve_path(path).relative_to(resolve_path(folder.parent))
        except ValueError:
            return False
        return bool(rel.parts) and rel.parts[0].casefold() == folder.name.casefold()
    resolved, base = resolve_path(path), resolve_path(folder)
    if resolved == base or resolved.is_relative_to(base):
        return True
    return any(_same(parent, folder) for parent in (path, *path.absolute().parents))


def protected_reason(path: Path, root: Path | None) -> str | None:
    """Why ``path`` is part of the plan at ``root`` (and must not be written), or None."""
    if root is None:
        return None
    config = root / CONFIG_FILE
    if resolve_path(path) == resolve_path(config) or _same(path, config):
        return f"det er planens {CONFIG_FILE}"
    for name in PROTECTED_FOLDERS:
        if _inside(path, root / name):
            return f"den ligger i planens {name}/-mappe"
    top = repository_top(root)
    if top is not None and _inside(path, top / ".git"):
        return "den ligger i git-arkivets .git/-mappe"
    return None


def repository_top(root: Path) -> Path | None:
    """The folder of the git repository that holds the plan at ``root`` (the nearest
    folder from ``root`` upwards with a ``.git``), or None outside git."""
    top = resolve_path(root)
    for folder in (top, *top.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return None


def _holds(folder: Path, target: Path) -> bool:
    """True when ``folder`` is ``target`` or one of the folders above it."""
    resolved = resolve_path(target)
    return resolved == resolve_path(folder) or resolved.is_relative_to(resolve_path(folder))


def folder_reason(folder: Path, root: Path | None) -> str | None:
    """Why udv must not write into or replace the folder ``folder`` (or None): it is part
    of the plan (:func:`protected_reason`), or it is, or holds, the plan's folder or its
    git repository."""
    if root is None:
        return None
    reason = protected_reason(folder, root)
    if reason is not None:
        return reason
    if _holds(folder, root) or _same(folder, root):
        return "det er planens mappe, eller planen ligger i den"
    top = repository_top(root)
    if top is not None and (_holds(folder, top) or _same(folder, top)):
        return "det er planens git-arkiv, eller arkivet ligger i den"
    return None


def new_plan_reason(folder: Path) -> str | None:
    """Why a new plan (``udv init``) must not be made in ``folder``, or None: it would lie
    in another plan's ``data/``, ``templates/`` or ``.git/`` (a plan above it), or in a
    git repository's ``.git/``."""
    try:
        resolved = resolve_path(folder)
        for above in resolved.parents:
            if (above / CONFIG_FILE).is_file():
                reason = protected_reason(folder, above)
                if reason is not None:
                    return reason.replace("planens", "den anden plans")
                break
        top = repository_top(resolved.parent)
    except OSError as exc:
        return write_error_text(exc)
    if top is not None and _inside(folder, top / ".git"):
        return "den ligger i git-arkivets .git/-mappe"
    return None


def check_output_folder(folder: Path, root: Path | None, option: str = "-o") -> None:
    """Stop with a Danish message unless udv may replace ``folder`` or write files in it
    (:func:`folder_reason`)."""
    try:
        reason = folder_reason(folder, root)
    except OSError as exc:  # a ring of links on the way
        reason = write_error_text(exc)
    if reason is not None:
        raise UsageError(
            f"udv skriver ikke i {folder}: {reason}.",
            f"Vælg med {option} en mappe uden for planens mappe, data/, templates/ og .git/.",
        )


def check_output(path: Path, root: Path | None, option: str = "-o") -> None:
    """Stop with a Danish message unless ``path`` is a place udv may write a file."""
    try:
        reason = protected_reason(path, root)
    except OSError as exc:  # a ring of links on the way
        reason = write_error_text(exc)
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
