"""Build a git repository with a long history over the shipped plan, for ``udv history`` and
``udv diff``.

The first commit holds the shipped plan (``udvikling.yaml`` and ``data/``). Every further
commit changes one file: every ``commits // touching``-th commit changes the chosen initiative
(a new ``tags`` value: a real change of the record), the others change the other initiatives
and meetings in turn (a real change too: a new ``tags`` value for an initiative, a new
``attachments`` entry for a meeting, which has no tags; a trailing comment where the record
already has such a field of its own). Every version is valid, so ``udv diff`` and ``udv
history`` time the work on valid records. The commits are written with ``git fast-import``
in one stream, so 5,000 commits take seconds, not the minutes of one ``git commit`` each.

The repository is kept below the work folder and reused while its key (the sizes and the
shipped files' contents) is unchanged.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

CHOSEN = "kommunikationsstrategi"  # the initiative whose history is timed
START_EPOCH = 1_640_995_200  # 2022-01-01 00:00 UTC: the first commit
STEP = 6 * 3600  # six hours between commits
AUTHORS = ("Anne Bench", "Bo Bench", "Clara Bench")
KEY_FILE = ".bench-key"


@dataclass(frozen=True)
class HistoryRepo:
    """A built repository: where, the initiative timed, and how its commits fall."""

    root: Path
    record: str
    commits: int
    touching: int


def _plan_files(source: Path) -> list[str]:
    files = ["udvikling.yaml"]
    files += sorted(p.relative_to(source).as_posix() for p in (source / "data").rglob("*.yaml"))
    return files


def _key(source: Path, files: list[str], commits: int, touching: int) -> str:
    # The version of the history's recipe: a repository built by an earlier recipe is rebuilt.
    digest = hashlib.blake2b(f"2:{commits}:{touching}:{CHOSEN}".encode())
    for rel in files:
        digest.update(rel.encode() + b"\0" + (source / rel).read_bytes())
    return digest.hexdigest()


def _data(payload: bytes) -> bytes:
    return b"data %d\n" % len(payload) + payload + b"\n"


def _field(rel: str) -> str:
    """The list field a revision sets in the file ``rel``: ``tags`` for an initiative,
    ``attachments`` for a meeting (meetings have no tags)."""
    return "attachments" if rel.startswith("data/meetings/") else "tags"


def _edit(text: str, rel: str, n: int, has_field: bool) -> str:
    """``text`` with revision ``n``'s change on its last line."""
    line = f"# benchmark-revision {n}" if has_field else f"{_field(rel)}: [revision-{n}]"
    return text.rstrip("\n") + "\n" + line + "\n"


def _stream(source: Path, files: list[str], record: str, commits: int, touching: int) -> bytes:
    """The fast-import stream of the whole history."""
    texts = {rel: (source / rel).read_text(encoding="utf-8") for rel in files}
    tagged = {rel for rel, text in texts.items() if f"\n{_field(rel)}:" in text}
    chosen = f"data/initiatives/{record}.yaml"
    others = [
        rel
        for rel in files
        if rel != chosen and rel.startswith(("data/initiatives/", "data/meetings/"))
    ]
    every = max(1, commits // touching)
    out: list[bytes] = []

    def commit(n: int, message: str, changes: list[tuple[str, str]]) -> None:
        author = AUTHORS[n % len(AUTHORS)]
        email = author.split()[0].lower() + "@bench.invalid"
        stamp = f"{START_EPOCH + n * STEP} +0000"
        out.append(b"commit refs/heads/main\n")
        out.append(f"author {author} <{email}> {stamp}\n".encode())
        out.append(f"committer {author} <{email}> {stamp}\n".encode())
        out.append(_data(message.encode()))
        for rel, text in changes:
            out.append(f"M 100644 inline {rel}\n".encode())
            out.append(_data(text.encode("utf-8")))
        out.append(b"\n")

    commit(0, "Planen, som den er leveret", [(rel, texts[rel]) for rel in files])
    for n in range(1, commits):
        rel = chosen if n % every == 0 else others[n % len(others)]
        commit(n, f"Revision {n}: {rel}", [(rel, _edit(texts[rel], rel, n, rel in tagged))])
    return b"".join(out)


def _git(root: Path, *args: str, stdin: bytes | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=root, input=stdin, capture_output=True, check=True)
    return done.stdout.decode()


def build_history(source: Path, target: Path, commits: int, touching: int) -> HistoryRepo:
    """A repository at ``target`` with ``commits`` commits over the plan at ``source``, of
    which ``touching`` (or as near as the spacing allows) change the chosen initiative."""
    files = _plan_files(source)
    stems = [Path(rel).stem for rel in files if rel.startswith("data/initiatives/")]
    record = CHOSEN if CHOSEN in stems else stems[0]
    key = _key(source, files, commits, touching)
    marker = target / KEY_FILE
    if not (marker.exists() and marker.read_text() == key):
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        _git(target, "init", "-q")
        _git(target, "symbolic-ref", "HEAD", "refs/heads/main")
        _git(
            target,
            "fast-import",
            "--quiet",
            stdin=_stream(source, files, record, commits, touching),
        )
        _git(target, "checkout", "-q", "-f", "main")
        (target / ".git" / "info" / "exclude").write_text(KEY_FILE + "\n")
        marker.write_text(key)
    chosen = f"data/initiatives/{record}.yaml"
    return HistoryRepo(
        root=target,
        record=record,
        commits=int(_git(target, "rev-list", "--count", "HEAD").strip()),
        touching=int(_git(target, "rev-list", "--count", "HEAD", "--", chosen).strip()),
    )


def main() -> None:
    """``python bench/gitrepo.py TARGET [COMMITS [TOUCHING]]``: build one repository."""
    import sys

    source = Path(__file__).resolve().parents[1]
    commits = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    touching = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    print(build_history(source, Path(sys.argv[1]), commits, touching))


if __name__ == "__main__":
    main()
