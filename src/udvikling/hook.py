"""When the pre-commit hook checks the plan: whenever a commit touches it at all.

A plan is one web of references, so a change to one file can break another (a track renamed
in ``udvikling.yaml``, a meeting deleted that milestones refer to); the hook therefore lints
the whole plan, not the staged files. pre-commit passes only files that still exist, so a
commit that only deletes plan files would pass unchecked: the deletions are asked of git.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from udvikling.load import FOLDERS
from udvikling.plan_root import CONFIG_FILE


def is_plan_file(rel: str) -> bool:
    """True for ``udvikling.yaml`` and the data files (``rel`` relative to the data root)."""
    folder, _, name = rel.rpartition("/")
    if rel == CONFIG_FILE:
        return True
    return folder in FOLDERS and not name.startswith(".") and name.endswith((".yaml", ".yml"))


def plan_touched(root: Path, files: Sequence[Path], environ: Mapping[str, str]) -> bool:
    """Does the commit pre-commit is checking change the plan in ``root``?

    ``files`` are the files pre-commit passed (it has already matched them against the
    hook's ``files`` pattern); any one means yes. Without files, git is asked for deleted
    plan files: staged ones, or those between ``PRE_COMMIT_FROM_REF`` and
    ``PRE_COMMIT_TO_REF`` when pre-commit runs for a push. Outside a git repository the
    answer is yes (check rather than let something through).
    """
    if files:
        return True
    from udvikling.errors import EnvironmentProblem, UsageError
    from udvikling.review.git import check_revision, open_repo, resolve

    try:
        repo = open_repo(root)
    except EnvironmentProblem:
        return True
    diff = ["diff", "--name-only", "--no-renames", "--diff-filter=D", "-z"]
    start, end = environ.get("PRE_COMMIT_FROM_REF"), environ.get("PRE_COMMIT_TO_REF")
    if start and end:
        # Checked before git sees them: '--output=FILE' would make git write a file (and
        # print nothing, so the hook would let the push through unchecked).
        check_revision(start, "PRE_COMMIT_FROM_REF")
        check_revision(end, "PRE_COMMIT_TO_REF")
        try:
            first, last = resolve(repo, start), resolve(repo, end)
        except UsageError:
            return True  # a revision this copy does not have: check rather than skip
        diff += [f"{first.commit}...{last.commit}"]
    else:
        diff += ["--cached"]
    done = repo.git(diff, check=False)
    if done.returncode != 0:
        return True
    for path in done.stdout.decode("utf-8", "replace").split("\0"):
        if path.startswith(repo.prefix) and is_plan_file(path[len(repo.prefix) :]):
            return True
    return False
