"""Read the plan as it stood at a git revision, straight from git's objects.

Nothing is ever checked out and nothing is written: ``git ls-tree`` lists the data files of a
revision and one ``git cat-file --batch`` reads their contents, which
:func:`udvikling.load.load` then parses through a :data:`~udvikling.load.Reader`. The working
tree side of a comparison uses the ordinary filesystem loader.

The data root may be a folder inside a larger git repository; paths given to the loader stay
relative to the data root, and are prefixed here with the root's place in the repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from udvikling.config import CONFIG_FILE
from udvikling.errors import EnvironmentProblem, UsageError
from udvikling.findings import Finding, sort_findings
from udvikling.gitblobs import read_blobs
from udvikling.load import FOLDERS, Loaded, Reader, load
from udvikling.model import Meeting
from udvikling.model_report import Report
from udvikling.safe_read import TooLarge

# Never take locks or refresh the index: every git call here only reads. Paths are literal
# (a '*' in a name is a '*'), and no file-system monitor hook is started.
_GIT_ENV = {
    "GIT_OPTIONAL_LOCKS": "0",
    "LC_ALL": "C",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_LITERAL_PATHSPECS": "1",
    "GIT_CONFIG_COUNT": "1",
    "GIT_CONFIG_KEY_0": "core.fsmonitor",
    "GIT_CONFIG_VALUE_0": "false",
}

WORKTREE_LABEL = "arbejdskopien"


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
            [_git_executable(), *args],
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

    def git(
        self, args: Sequence[str], *, stdin: bytes | None = None, check: bool = True
    ) -> subprocess.CompletedProcess[bytes]:
        """Run git at the repository's top folder."""
        return run_git(self.toplevel, args, stdin=stdin, check=check)


def open_repo(root: Path) -> Repo:
    """The git repository holding the data root ``root``.

    Raises :class:`EnvironmentProblem` when ``root`` is not inside a git repository.
    """
    done = run_git(root, ["rev-parse", "--show-toplevel", "--show-prefix"], check=False)
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
    lines = done.stdout.decode("utf-8").splitlines()
    toplevel = Path(lines[0])
    prefix = lines[1] if len(lines) > 1 else ""
    return Repo(root=root, toplevel=toplevel, prefix=prefix)


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


def resolve(repo: Repo, name: str) -> Revision:
    """The commit ``name`` points to (a branch, tag, commit id or expression like HEAD~2)."""
    if not name or name.startswith("-") or len(name) > 256 or not name.isprintable():
        from udvikling.terminal import one_line

        raise UsageError(
            f"'{one_line(name[:80])}' er ikke en git-revision.",
            "Angiv en gren, et tag eller en commit, fx main, HEAD~1 eller status/2024-04-24.",
        )
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


# -- reading a revision -----------------------------------------------------------------


def _wanted(rel: str) -> bool:
    folder, _, name = rel.rpartition("/")
    return folder in FOLDERS and not name.startswith(".") and name.endswith((".yaml", ".yml"))


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The data files of one revision: relative paths and their contents."""

    revision: Revision
    files: dict[str, bytes]
    links: frozenset[str]  # symbolic links: never followed
    too_large: dict[str, int] = field(default_factory=dict)  # never read: their sizes

    def reader(self) -> Reader:
        """A :data:`Reader` over the snapshot (missing files raise ``FileNotFoundError``)."""

        def read(rel: str) -> bytes:
            if rel in self.links:
                raise PermissionError(f"{rel} er et symbolsk link i git; udv følger ikke links")
            if rel in self.too_large:
                raise TooLarge(rel, self.too_large[rel])
            try:
                return self.files[rel]
            except KeyError:
                raise FileNotFoundError(2, "filen findes ikke i denne revision", rel) from None

        return read

    def record_files(self) -> list[str]:
        """The ``.yaml`` record files, as :func:`udvikling.load.list_files` would list them."""
        return sorted(
            rel
            for rel in (*self.files, *self.links, *self.too_large)
            if rel != CONFIG_FILE and rel.endswith(".yaml")
        )


def snapshot(repo: Repo, revision: Revision) -> Snapshot:
    """Every data file of ``revision`` (``udvikling.yaml`` and the data folders)."""
    done = repo.git(
        [
            "ls-tree",
            "-r",
            "-z",
            "--full-tree",
            revision.commit,
            "--",
            f"{repo.prefix}{CONFIG_FILE}",
            f"{repo.prefix}data/",
        ]
    )
    blobs: dict[str, str] = {}
    links: set[str] = set()
    for entry in done.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if not entry:
            continue
        meta, _, path = entry.partition("\t")
        mode, kind, obj = meta.split(" ")
        rel = path.removeprefix(repo.prefix)
        if rel != CONFIG_FILE and not _wanted(rel):
            continue
        if mode == "120000":
            links.add(rel)
        elif kind == "blob":
            blobs[rel] = obj
    contents = read_blobs(repo, blobs.values())
    files = {
        rel: data for rel, obj in blobs.items() if isinstance(data := contents.get(obj), bytes)
    }
    sizes = {rel: size for rel, obj in blobs.items() if isinstance(size := contents.get(obj), int)}
    return Snapshot(revision, files, frozenset(links), sizes)


def _yml_findings(paths: Iterable[str]) -> list[Finding]:
    # The filesystem loader reports files ending in .yml; do the same for a revision so the
    # two sides of a comparison agree.
    return [
        Finding(
            rel,
            1,
            1,
            "UDV005",
            "error",
            "Filen ender på .yml; udv læser kun filer, der ender på .yaml.",
            f"Omdøb filen til {rel.rpartition('/')[2].removesuffix('.yml')}.yaml.",
        )
        for rel in paths
        if rel.endswith(".yml")
    ]


def load_revision(repo: Repo, revision: Revision) -> Loaded:
    """Load the plan as it stood at ``revision`` (findings and all)."""
    snap = snapshot(repo, revision)
    loaded = load(repo.root, reader=snap.reader(), files=snap.record_files())
    extra = _yml_findings([*snap.files, *snap.links, *snap.too_large])
    if extra:
        loaded = Loaded(loaded.dataset, sort_findings([*loaded.findings, *extra]), loaded.root)
    return loaded


def load_worktree(root: Path) -> Loaded:
    """Load the plan from the working tree (the normal loader)."""
    return load(root)


# -- the last status report -----------------------------------------------------------------

REPORT_TAG_PREFIX = "status/"


def report_tags(repo: Repo, today: date, ref: str = "HEAD") -> list[tuple[date, str]]:
    """``status/<YYYY-MM-DD>`` tags reachable from ``ref`` dated on or before ``today``.

    Sorted oldest first; tags whose name is not a date are ignored.
    """
    done = repo.git(["tag", "--list", f"{REPORT_TAG_PREFIX}*", "--merged", ref], check=False)
    found: list[tuple[date, str]] = []
    for name in done.stdout.decode("utf-8", "replace").splitlines():
        try:
            day = date.fromisoformat(name.removeprefix(REPORT_TAG_PREFIX))
        except ValueError:
            continue
        if day <= today:
            found.append((day, name))
    return sorted(found)


def last_report(
    repo: Repo,
    meetings: Iterable[Meeting],
    today: date,
    ref: str = "HEAD",
    *,
    reports: Iterable[Report] = (),
) -> tuple[Revision, str]:
    """The revision of the plan at the last status report, and a Danish note on how it was found.

    First choice is the newest ``status/<YYYY-MM-DD>`` tag reachable from ``ref`` (dated on or
    before ``today``). Without one, the newest issued report in ``data/reports`` whose
    cut-off has come by ``today`` (the last commit on or before its cut-off), or the last
    commit before the day of the latest status meeting (``kind: status``) held by ``today``,
    whichever is newer: the plan as it stood when the report went out.
    """
    from udvikling.danish import format_date
    from udvikling.state import is_past

    tagged = report_tags(repo, today, ref)
    if tagged:
        day, name = tagged[-1]
        revision = resolve(repo, name)
        return (
            revision,
            f"Sammenlignet med planen ved statusrapporten {format_date(day)} (tag {name}).",
        )
    issued = [r for r in reports if (r.as_of or r.date.end) <= today]
    held = [m for m in meetings if m.kind == "status" and is_past(m, today)]
    newest_report = max(issued, key=lambda r: (r.as_of or r.date.end, r.id), default=None)
    newest_meeting = max(held, key=lambda m: (m.date.start, m.id), default=None)
    if newest_report is not None and (
        newest_meeting is None
        or (newest_report.as_of or newest_report.date.end) >= newest_meeting.date.start
    ):
        cut = newest_report.as_of or newest_report.date.end
        found_report = commit_on_or_before(repo, cut, ref)
        if found_report is not None:
            revision = Revision(found_report.commit, found_report.commit)
            return revision, (
                f"Sammenlignet med planen ved rapporten »{newest_report.title}« "
                f"({newest_report.date.danish()}): sidste commit til og med "
                f"{format_date(cut)}, {revision.short}."
            )
    if not held:
        raise UsageError(
            "Der er ingen statusrapport at sammenligne med: hverken et status/-tag eller et "
            "afholdt statusmøde.",
            "Sæt et tag, når en status er sendt ud, fx 'git tag status/2024-04-24', eller "
            "angiv en revision: 'udv diff REVISION'.",
        )
    meeting = max(held, key=lambda m: (m.date.start, m.id))
    day = meeting.date.start
    found = commit_on_or_before(repo, day - timedelta(days=1), ref)
    if found is None:
        raise UsageError(
            f"Der er ingen commit før statusmødet {format_date(day)}.",
            "Sæt et tag på den commit, statusrapporten bygger på, fx "
            f"'git tag {REPORT_TAG_PREFIX}{day.isoformat()} <commit>'.",
        )
    revision = Revision(found.commit, found.commit)
    note = (
        f"Sammenlignet med planen før statusmødet {format_date(day)} "
        f"(»{meeting.title}«): sidste commit før mødet, {revision.short}."
    )
    return revision, note
