"""Find and read the files documents are made from, only where they may come from.

A template name (``notat.md.j2``, also in ``include``, ``import`` and ``extends``) is looked
up in the data repository's ``templates/`` folder, then among udv's own templates, and
nowhere else: a name that is absolute, has ``..`` or a backslash in it is refused, the file
it names must lie inside its folder after following links (and the data repository's
``templates/`` inside the repository), and it must be an ordinary file of a sensible size.
So a template from a stranger's pull request cannot read ``/proc/self/environ`` or a key
file, nor hang on a FIFO.

Every refusal is a :class:`TemplateRefused` with a Danish message; ``udv render`` and
``udv render --check`` report it alike.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from udvikling.fileio import resolve_path
from udvikling.safe_read import NotAFile, TooLarge, read_error_text, read_regular

TEMPLATE_FOLDER = "templates"
SHIPPED_PACKAGE = "udvikling._templates"
MAX_TEMPLATE_BYTES = 1024 * 1024

# One or more path segments of letters, digits, dot, dash and underscore.
_NAME_RE = re.compile(r"^\w[\w.-]*(?:/\w[\w.-]*)*$")


class TemplateRefused(Exception):
    """A template or template file that udv will not use; ``message`` says why in Danish."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def shipped_dir() -> Path:
    """The folder of the templates shipped with udv (installed or in a source checkout).

    ``udvikling._templates`` is a package without ``__init__.py`` whose folder is the
    project's top-level ``templates/`` (see pyproject.toml); a plain source checkout
    that was never installed falls back to that folder directly.
    """
    try:
        spec = importlib.util.find_spec(SHIPPED_PACKAGE)
    except ImportError:  # pragma: no cover - broken install
        spec = None
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            path = Path(location)
            if (path / "notat.md.j2").is_file():
                return path
    return Path(__file__).resolve().parents[3] / TEMPLATE_FOLDER  # pragma: no cover


def check_name(name: str) -> None:
    """Refuse a template name that could lead out of the template folders."""
    segments = name.split("/")
    if (
        len(name) > 200
        or not _NAME_RE.match(name)
        or any(part in (".", "..") or part.startswith("..") for part in segments)
    ):
        from udvikling.terminal import one_line

        raise TemplateRefused(
            f"skabelonnavnet '{one_line(name[:80])}' er ikke tilladt: skabeloner hentes kun "
            "fra templates/ ved et navn som notat.md.j2 (ingen absolutte stier, .. eller \\)"
        )


def data_folder(root: Path) -> Path | None:
    """The data repository's own ``templates/`` folder, if it has one it may use."""
    folder = root / TEMPLATE_FOLDER
    if not folder.is_symlink() and not folder.exists():
        return None
    try:
        inside = resolve_path(folder).is_relative_to(resolve_path(root))
    except OSError as exc:
        reason = read_error_text(exc)
        raise TemplateRefused(f"{TEMPLATE_FOLDER}/ kan ikke bruges: {reason}") from None
    if not inside:
        raise TemplateRefused(f"{TEMPLATE_FOLDER}/ peger uden for datamappen")
    return folder


def _inside(folder: Path, name: str, shown: str) -> Path | None:
    candidate = folder / name
    if not candidate.is_symlink() and not candidate.exists():
        return None
    try:
        resolved = resolve_path(candidate)
        base = resolve_path(folder)
    except OSError as exc:
        raise TemplateRefused(f"{shown} kan ikke bruges: {read_error_text(exc)}") from None
    if not resolved.is_relative_to(base):
        raise TemplateRefused(f"{shown} peger uden for skabelonmappen (et link ud af mappen)")
    return resolved


def find_template_file(root: Path | None, name: str) -> Path | None:
    """The file a template name resolves to: the data repository's, else udv's own; None
    when neither has it. Raises :class:`TemplateRefused` for a name or file udv refuses."""
    check_name(name)
    if root is not None:
        folder = data_folder(root)
        if folder is not None:
            found = _inside(folder, name, f"{TEMPLATE_FOLDER}/{name}")
            if found is not None:
                return found
    return _inside(shipped_dir(), name, name)


def read_template_bytes(path: Path, shown: str, limit: int = MAX_TEMPLATE_BYTES) -> bytes:
    """The bytes of a template file: an ordinary file of at most ``limit`` bytes."""
    try:
        return read_regular(path, shown, limit)
    except NotAFile as exc:
        raise TemplateRefused(f"{shown} er {exc.kind}, ikke en almindelig fil") from None
    except TooLarge as exc:
        raise TemplateRefused(
            f"{shown} fylder {exc.size // 1024} KB; udv læser højst {limit // 1024} KB"
        ) from None
    except OSError as exc:
        raise TemplateRefused(f"{shown} kan ikke læses: {read_error_text(exc)}") from None


def read_template_text(path: Path, shown: str) -> str:
    """A template file's text (UTF-8)."""
    raw = read_template_bytes(path, shown)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise TemplateRefused(f"{shown}, linje {line}: filen er ikke gemt som UTF-8") from None
