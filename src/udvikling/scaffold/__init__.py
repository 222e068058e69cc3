"""``udv init``: a new data repository for a plan, that lints clean from the first minute.

:func:`plan_files` says which files a new plan gets (configuration with commented Danish
examples, the data folders, the JSON Schemas the schema lines point to, a README for the
plan keeper, ``.gitignore``, CI for GitHub and GitLab, pre-commit, optionally udv's templates
to customise); :func:`create_plan` writes them. Nothing that exists is ever replaced: when
any of the files is already there, nothing at all is written.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from udvikling.scaffold.ci import PRE_COMMIT, github_lint_text, github_site_text, gitlab_text
from udvikling.scaffold.texts import GITIGNORE, PlanSettings, config_text, readme_text

DATA_FOLDERS = ("data/initiatives", "data/meetings", "data/reports", "data/indicators")
KEEP = ".gitkeep"  # git keeps no empty folder; this empty file keeps each data folder

__all__ = ["Created", "PlanSettings", "Refused", "create_plan", "plan_files"]


@dataclass(frozen=True, slots=True)
class PlannedFile:
    """A file of the new plan: its path below the plan's folder and its content."""

    path: str
    data: bytes


@dataclass
class Created:
    """What ``udv init`` did: the files written, whether git was set up, what was there."""

    folder: Path
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # what was in the folder before, untouched
    git: str = ""  # a Danish sentence about git


class Refused(Exception):
    """The plan cannot be created without touching what is there (Danish message, hint)."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def plan_files(settings: PlanSettings, *, templates: bool = False) -> list[PlannedFile]:
    """Every file a new plan gets, in the order they are written."""
    from udvikling.schema import SCHEMA_FILES, schema_text

    texts: list[tuple[str, str]] = [
        ("udvikling.yaml", config_text(settings)),
        ("README.md", readme_text(settings)),
        (".gitignore", GITIGNORE),
        (".pre-commit-config.yaml", PRE_COMMIT),
        (".github/workflows/udv.yml", github_lint_text(settings)),
        (".github/workflows/udv-site.yml", github_site_text(settings)),
        (".gitlab-ci.yml", gitlab_text(settings)),
    ]
    texts += [(f"{folder}/{KEEP}", "") for folder in DATA_FOLDERS]
    texts += [(f"schema/{name}", schema_text(kind)) for kind, name in SCHEMA_FILES.items()]
    files = [PlannedFile(path, text.encode("utf-8")) for path, text in texts]
    if templates:
        files += _template_files()
    return files


def _template_files() -> list[PlannedFile]:
    """udv's own templates, to customise in the plan's ``templates/`` folder."""
    from udvikling.render.templatefiles import shipped_dir

    shipped = shipped_dir()
    out = []
    for path in sorted(shipped.rglob("*")):
        if path.is_file() and path.suffix in (".j2", ".css", ".js", ".docx"):
            rel = path.relative_to(shipped).as_posix()
            out.append(PlannedFile(f"templates/{rel}", path.read_bytes()))
    return out


def create_plan(
    folder: Path, settings: PlanSettings, *, templates: bool = False, git: bool = True
) -> Created:
    """Write a new plan into ``folder`` (made if missing). Raises :class:`Refused` before
    writing anything when a file of the plan exists, or when the folder is a plan already."""
    from udvikling.fileio import write_atomic, write_error_text

    if folder.exists() and not folder.is_dir():
        raise Refused(f"{folder} er ikke en mappe.", "Angiv en mappe til den nye plan.")
    files = plan_files(settings, templates=templates)
    if (folder / "udvikling.yaml").exists():
        raise Refused(
            f"Der er allerede en plan i {folder} (udvikling.yaml findes).",
            "udv init overskriver aldrig; vælg en anden mappe.",
        )
    clashes = [f.path for f in files if os.path.lexists(folder / f.path)]
    clashes += [
        folder_name
        for folder_name in ("data", "schema", "templates", ".github/workflows")
        if (folder / folder_name).exists() and not (folder / folder_name).is_dir()
    ]
    if clashes:
        shown = ", ".join(clashes[:8]) + (" m.fl." if len(clashes) > 8 else "")
        raise Refused(
            f"Mappen {folder} har allerede {shown}; udv init overskriver aldrig noget.",
            "Flyt eller slet det, der er der, eller vælg en anden mappe.",
        )
    created = Created(folder)
    if folder.is_dir():
        created.kept = sorted(p.name for p in folder.iterdir())
    for planned in files:
        try:
            write_atomic(folder / planned.path, planned.data, overwrite=False)
        except FileExistsError:
            raise Refused(
                f"{planned.path} blev oprettet af en anden imens; udv init stoppede.",
                "Se efter, hvad der er i mappen, og prøv igen.",
            ) from None
        except OSError as exc:
            raise Refused(
                f"Kan ikke skrive {folder / planned.path}: {write_error_text(exc)}.",
                "Tjek mappens rettigheder og den ledige plads.",
            ) from None
        created.written.append(planned.path)
    created.git = _git_init(folder) if git else "git er ikke sat op (--no-git)."
    return created


def _git_init(folder: Path) -> str:
    """Make ``folder`` a git repository unless it is inside one; a Danish sentence on it."""
    try:
        inside = subprocess.run(
            ["git", "rev-parse", "--is-inside-work-tree"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return "git findes ikke på maskinen; installér git og kør git init i mappen."
    if inside.returncode == 0 and inside.stdout.strip() == "true":
        return "Mappen ligger allerede i et git-repository; det er brugt, som det er."
    done = subprocess.run(
        ["git", "init", "-q"], cwd=folder, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        return f"git init lykkedes ikke ({done.stderr.strip()}); kør det selv i mappen."
    return "Mappen er gjort til et git-repository (git init)."
