"""Write a built site into its folder in one step, never into someone else's folder.

The files are written to a new folder beside the target and swapped in with renames, so a
reader never sees half a site and a page that is no longer public (an initiative made
confidential since the last build) does not linger from an old build. An existing folder is
replaced only when it is empty or a site udv built (it has the marker file ``.udv-site``).
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

from udvikling.errors import EnvironmentProblem, UsageError
from udvikling.site import links
from udvikling.site.build import Site


def _replaceable(folder: Path) -> bool:
    if not folder.exists():
        return True
    if not folder.is_dir():
        return False
    return (folder / links.MARKER).is_file() or not any(folder.iterdir())


def check_folder(folder: Path) -> None:
    """Stop with a usage error unless ``folder`` is new, empty or a site udv built."""
    if not _replaceable(folder):
        what = "en fil" if not folder.is_dir() else "en mappe med andre filer"
        raise UsageError(
            f"{folder} er {what}, ikke et websted, udv har bygget.",
            "Angiv en ny eller tom mappe med -o; udv erstatter kun sine egne websteder.",
        )


def write_site(site: Site, folder: Path) -> None:
    """Put ``site`` in ``folder`` (created, or replaced when it is empty or an old site)."""
    check_folder(folder)
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
    try:
        staging.chmod(0o755)
        for name, data in site.files.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
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
