"""Write a built site into its folder in one step, never into someone else's folder.

The files are written to a new folder beside the target and swapped in with renames, so a
reader never sees half a site and a page that is no longer public (an initiative made
confidential since the last build) does not linger from an old build.

An existing folder is replaced only when it is empty, or when every file in it is one udv
wrote there, unchanged: the marker file ``.udv-site`` lists each file udv wrote with its
SHA-256, and a file not listed, changed since, or not an ordinary file (a link, a FIFO)
stops the build. A marker alone proves nothing (a pull request can commit one), so the
folder is also never the plan's folder, its ``data/``, ``templates/`` or ``.git/``, its git
repository or a folder holding one of them (:func:`udvikling.outputs.check_output_folder`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
import tempfile
from pathlib import Path

from udvikling.errors import EnvironmentProblem, UsageError
from udvikling.outputs import check_output_folder
from udvikling.site import links
from udvikling.site.build import Site

MAX_MARKER_BYTES = 16 * 1024 * 1024
_FILE_PREFIX = "fil "

# The files of an old site found unchanged in this run (folder, file, its SHA-256 in the
# marker) with what ``lstat`` said of them then: the check before the build and the one
# before the swap read and hash each file once, not twice. Any write to a file changes its
# ctime (which no program can set back), so a file changed since is hashed again.
_unchanged: dict[tuple[str, str, str], tuple[int, ...]] = {}


def _digest_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _listed(marker: Path) -> dict[str, str] | None:
    """The files (path: SHA-256) the marker says udv wrote; None when it lists none."""
    from udvikling.safe_read import read_regular

    try:
        text = read_regular(marker, links.MARKER, MAX_MARKER_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    listed: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith(_FILE_PREFIX):
            digest, _, name = line[len(_FILE_PREFIX) :].partition(" ")
            listed[name] = digest
    return listed or None


def foreign_file(folder: Path) -> str | None:
    """Why ``folder`` is not (only) a site udv wrote: the first file it did not write or
    that was changed since, in Danish; None when udv may replace the folder."""
    if not any(folder.iterdir()):
        return None
    listed = _listed(folder / links.MARKER)
    if listed is None:
        return f"den har ingen gyldig {links.MARKER}-fil fra udv"
    where = str(folder.resolve())
    for current, folders, files in os.walk(folder):
        base = Path(current)
        for name in [*folders, *files]:
            path = base / name
            rel = path.relative_to(folder).as_posix()
            found = path.lstat()
            mode = found.st_mode
            if stat.S_ISDIR(mode):
                continue
            if rel == links.MARKER:
                continue
            if not stat.S_ISREG(mode):
                return f"{rel} er ikke en almindelig fil, udv har skrevet"
            expected = listed.get(rel)
            if expected is None:
                return f"{rel} er ikke skrevet af udv"
            seen = (where, rel, expected)
            if _unchanged.get(seen) == _signature(found):
                continue
            if _digest_file(path) != expected:
                return f"{rel} er ændret, siden udv skrev den"
            _unchanged[seen] = _signature(found)  # as it was before it was read
    return None


def _signature(found: os.stat_result) -> tuple[int, ...]:
    return (
        found.st_dev,
        found.st_ino,
        found.st_mode,
        found.st_size,
        found.st_mtime_ns,
        found.st_ctime_ns,
    )


def check_folder(folder: Path, root: Path | None = None) -> None:
    """Stop with a usage error unless ``folder`` is new, empty or a site udv built, and
    lies outside the plan and its repository."""
    check_output_folder(folder, root)
    if not folder.exists() and not folder.is_symlink():
        return
    if folder.is_symlink() or not folder.is_dir():
        what = "et symbolsk link" if folder.is_symlink() else "en fil"
        raise UsageError(
            f"{folder} er {what}, ikke et websted, udv har bygget.",
            "Angiv en ny eller tom mappe med -o; udv erstatter kun sine egne websteder.",
        )
    try:
        reason = foreign_file(folder)
    except OSError as exc:
        raise EnvironmentProblem(
            f"Kan ikke læse mappen {folder}: {exc.strerror or exc}.",
            "Vælg en anden mappe med -o.",
        ) from None
    if reason is not None:
        raise UsageError(
            f"{folder} er en mappe med andre filer, ikke et websted, udv har bygget: {reason}.",
            "Angiv en ny eller tom mappe med -o; udv erstatter kun sine egne websteder, "
            "og kun når ingen fil i dem er ændret eller lagt til.",
        )


def marker_text(site: Site) -> bytes:
    """The marker: what the build says about itself, then every file udv writes."""
    head = site.files.get(links.MARKER, b"udv-websted\n")
    lines = [
        f"{_FILE_PREFIX}{hashlib.sha256(data).hexdigest()} {name}\n"
        for name, data in sorted(site.files.items())
        if name != links.MARKER
    ]
    return head + "".join(lines).encode("utf-8")


def _write_files(staging: str, files: dict[str, bytes]) -> None:
    """Each file (``{path below staging: bytes}``) written as a new file, its folders made
    once each: what ``Path.mkdir(parents=True, exist_ok=True)`` and ``Path.write_bytes``
    for every file did (the same modes, under the umask), without a mkdir and two Path
    objects per file (a fifth of the site's writing, issue 29)."""
    made: set[str] = set()
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    for name, data in files.items():
        folder, _, _ = name.rpartition("/")
        if folder and folder not in made:
            os.makedirs(os.path.join(staging, folder), exist_ok=True)
            made.add(folder)
        handle = os.open(os.path.join(staging, name), flags, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
        finally:
            os.close(handle)


def write_site(site: Site, folder: Path, root: Path | None = None) -> None:
    """Put ``site`` in ``folder`` (created, or replaced when it is empty or an old site)."""
    check_folder(folder, root)
    parent = folder.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=parent))
    except OSError as exc:
        raise EnvironmentProblem(
            f"Kan ikke skrive i {parent}: {exc.strerror or exc}.",
            "Vælg en anden mappe med -o.",
        ) from None
    old: Path | None = None
    files = {**site.files, links.MARKER: marker_text(site)}
    try:
        staging.chmod(0o755)
        _write_files(str(staging), files)
        if folder.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old.", dir=parent))
            folder.replace(old / folder.name)
        staging.replace(folder)
    except OSError as exc:
        if old is not None and not folder.exists():
            with contextlib.suppress(OSError):
                (old / folder.name).replace(folder)
        raise EnvironmentProblem(
            f"Kan ikke skrive webstedet til {folder}: {exc.strerror or exc}.",
            "Vælg en anden mappe med -o.",
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
