"""Run git and name revisions: the repository a data root lives in, and resolving revisions.

Every git call here only reads (no locks, no index refresh, no file-system monitor). The data
root may be a folder inside a larger git repository; :class:`Repo` keeps the root's place in
it as a prefix, which callers put before data-root-relative paths.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from udvikling.errors import EnvironmentProblem, UsageError

# Never take locks or refresh the index: every git call here only reads. Paths are literal
# (a '*' in a name is a '*'), and no file-system monitor hook is started. Output is buffered
# (GIT_FLUSH=0; git flushes each commit of ``git log`` to a pipe otherwise): every call
# reads all of it at the end, and each flush wakes the reader (a thread waking needs the
# interpreter while the models are imported).
_GIT_ENV = {
    "GIT_OPTIONAL_LOCKS": "0",
    "LC_ALL": "C",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_LITERAL_PATHSPECS": "1",
    "GIT_FLUSH": "0",
}
# Given as "git -c", which adds to (and wins over) configuration the environment gives
# through GIT_CONFIG_COUNT, instead of replacing it.
_GIT_OPTIONS = ("-c", "core.fsmonitor=false")


def _git_executable() -> str:
    found = shutil.which("git")
    if found is None:
        raise EnvironmentProblem(
            "Programmet git findes ikke på denne maskine.",
            "Installér git (fx 'apt install git' eller fra git-scm.com) og prøv igen.",
        )
    return found


def run_git(
    cwd: Path, args: Sequence[str], *, stdin: bytes | None = None, check: bool = True
) -> subprocess.CompletedProcess[bytes]:
    """Run ``git args`` in ``cwd`` and return the finished process (stdout as bytes).

    With ``check`` a failure becomes an :class:`EnvironmentProblem` quoting git's message.
    """
    env = {**os.environ, **_GIT_ENV}
    try:
        done = subprocess.run(
            [_git_executable(), *_GIT_OPTIONS, *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            env=env,
            check=False,
        )
    except OSError as exc:
        raise EnvironmentProblem(
            f"git kunne ikke startes: {exc.strerror or exc}.",
            "Tjek at git er installeret og kan køres.",
        ) from None
    if check and done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise EnvironmentProblem(
            f"git {args[0]} fejlede: {message[-1] if message else 'ukendt fejl'}",
            "Tjek git-arkivet med 'git status'.",
        )
    return done


@dataclass(frozen=True, slots=True)
class Repo:
    """A data root inside a git repository: the repository's top folder and the root's prefix."""

    root: Path
    toplevel: Path
    prefix: str  # "" or "sub/folder/" (posix, with a trailing slash)
    # Where git keeps the commits a shallow clone was cut at (asked with the rest, to save
    # a git process); None when not known.
    shallow_file: Path | None = None

    def git(
        self, args: Sequence[str], *, stdin: bytes | None = None, check: bool = True
    ) -> subprocess.CompletedProcess[bytes]:
        """Run git at the repository's top folder."""
        return run_git(self.toplevel, args, stdin=stdin, check=check)


def open_repo(root: Path) -> Repo:
    """The git repository holding the data root ``root``.

    Raises :class:`EnvironmentProblem` when ``root`` is not inside a git repository.
    """
    done = run_git(
        root,
        ["rev-parse", "--show-toplevel", "--show-prefix", "--git-path", "shallow"],
        check=False,
    )
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace")
        if "dubious ownership" in detail:
            raise EnvironmentProblem(
                f"git nægter at læse {root}, fordi mappen ejes af en anden bruger.",
                f"Kør 'git config --global --add safe.directory {root.resolve()}'.",
            )
        raise EnvironmentProblem(
            f"Datamappen {root} ligger ikke i et git-arkiv.",
            "udv diff og udv history læser planens historik fra git. Kør 'git init' og "
            "commit dine filer, eller angiv med --root en mappe i et git-arkiv.",
        )
    lines = done.stdout.decode("utf-8", "surrogateescape").splitlines()
    toplevel = Path(lines[0])
    prefix = lines[1] if len(lines) > 2 else ""
    shallow = Path(lines[-1]) if len(lines) > 1 else None
    if shallow is not None and not shallow.is_absolute():
        shallow = root / shallow  # relative to where git ran
    return Repo(root=root, toplevel=toplevel, prefix=prefix, shallow_file=shallow)


# -- revisions --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Revision:
    """A resolved commit: what the user wrote and the full commit id."""

    name: str
    commit: str

    @property
    def short(self) -> str:
        """The first seven hex digits of the commit id."""
        return self.commit[:7]

    @property
    def label(self) -> str:
        """``HEAD~1 (1a2b3c4)`` or just ``1a2b3c4`` when the user wrote the id."""
        if self.commit.startswith(self.name.lower()):
            return self.short
        return f"{self.name} ({self.short})"


def check_revision(name: str, what: str = "") -> None:
    """Refuse a revision that git could read as an option (``--output=FILE``) or that is
    not one line of printable text; ``what`` names where it came from (an environment
    variable, say)."""
    if not name or name.startswith("-") or len(name) > 256 or not name.isprintable():
        from udvikling.terminal import one_line

        source = f" ({what})" if what else ""
        raise UsageError(
            f"'{one_line(name[:80])}'{source} er ikke en git-revision.",
            "Angiv en gren, et tag eller en commit, fx main, HEAD~1 eller status/2024-04-24.",
        )


def resolve(repo: Repo, name: str) -> Revision:
    """The commit ``name`` points to (a branch, tag, commit id or expression like HEAD~2)."""
    check_revision(name)
    done = repo.git(
        ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}"], check=False
    )
    if done.returncode != 0:
        if name == "HEAD":
            raise UsageError(
                "Git-arkivet har endnu ingen commits.",
                "Commit planens filer først ('git add udvikling.yaml data && git commit').",
            )
        raise UsageError(
            f"Revisionen '{name}' findes ikke i git-arkivet.",
            "Angiv en gren, et tag eller en commit, fx main, HEAD~1 eller status/2024-04-24 "
            "(se 'git log --oneline').",
        )
    return Revision(name, done.stdout.decode("ascii").strip())


def merge_base(repo: Repo, first: Revision, second: Revision) -> Revision:
    """The newest common ancestor of two commits (what ``A...B`` compares from)."""
    done = repo.git(["merge-base", first.commit, second.commit], check=False)
    if done.returncode != 0:
        raise UsageError(
            f"{first.name} og {second.name} har ingen fælles historik.",
            f"Skriv {first.name}..{second.name} for at sammenligne dem direkte.",
        )
    commit = done.stdout.decode("ascii").strip()
    return Revision(f"{first.name}...{second.name}", commit)


def resolve_range(
    repo: Repo, base: str | None, head: str | None
) -> tuple[Revision, Revision | None]:
    """Base and head revisions from ``udv diff``'s arguments; a None head is the working tree.

    * nothing: ``HEAD`` against the working tree;
    * ``A``: ``A`` against the working tree;
    * ``A B`` or ``A..B``: ``A`` against ``B`` (an empty side of ``..`` is ``HEAD``);
    * ``A...B``: where ``B`` branched off ``A`` against ``B``, as a pull request shows it.
    """
    if base is None:
        return resolve(repo, "HEAD"), None
    for separator in ("...", ".."):
        if separator in base:
            if head is not None:
                raise UsageError(
                    f"Angiv enten et interval ({base}) eller to revisioner, ikke begge.",
                    "Skriv fx 'udv diff main..feature' eller 'udv diff main feature'.",
                )
            left, _, right = base.partition(separator)
            first = resolve(repo, left or "HEAD")
            second = resolve(repo, right or "HEAD")
            if separator == "...":
                return merge_base(repo, first, second), second
            return first, second
    first = resolve(repo, base)
    return first, (resolve(repo, head) if head is not None else None)


def commit_date(repo: Repo, revision: Revision) -> datetime:
    """The committer date of a revision."""
    done = repo.git(["show", "-s", "--format=%cI", revision.commit])
    return datetime.fromisoformat(done.stdout.decode("ascii").strip())


def commit_on_or_before(repo: Repo, day: date, ref: str = "HEAD") -> Revision | None:
    """The newest commit reachable from ``ref`` committed on or before ``day``, or None."""
    done = repo.git(
        ["rev-list", "-1", f"--before={day.isoformat()} 23:59:59", ref, "--"], check=False
    )
    commit = done.stdout.decode("ascii").strip()
    if done.returncode != 0 or not commit:
        return None
    return Revision(commit, commit)


def tags(repo: Repo, pattern: str) -> list[str]:
    """Tag names matching the glob ``pattern``."""
    done = repo.git(["tag", "--list", pattern])
    return [line for line in done.stdout.decode("utf-8", "replace").splitlines() if line]
