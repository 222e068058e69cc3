"""When the site was built and from which revision of the plan, in words for its footer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Source:
    """What the site shows and where it came from.

    ``as_of``: the day the plan is shown as it stood and was known; ``built``: when the site
    was built; ``revision``: the plan's git revision in words (``main (1a2b3c4)``, or the
    working tree's state); ``commit``: the full commit id when there is one.
    """

    as_of: date
    built: datetime
    revision: str
    commit: str | None = None

    @property
    def built_text(self) -> str:
        """``3. november 2026 kl. 14.05``."""
        from udvikling.danish import format_date

        return f"{format_date(self.built.date())} kl. {self.built.strftime('%H.%M')}"


def describe_revision(root: Path, rev: str | None) -> tuple[str, str | None]:
    """The plan's revision in Danish words, and its commit id when it has one.

    With ``rev``: that revision. Without: the working tree, with the commit it is based on
    and whether the plan's files differ from it; outside git, just the working tree.
    """
    from udvikling.errors import UdvError
    from udvikling.review.git import open_repo, resolve

    try:
        repo = open_repo(root)
        if rev is not None:
            revision = resolve(repo, rev)
            return f"revision {revision.label}", revision.commit
        head = resolve(repo, "HEAD")
    except UdvError:
        if rev is not None:
            raise
        return "arbejdskopien (ikke i git)", None
    paths = [f"{repo.prefix}{p}" for p in ("udvikling.yaml", "data", "templates")]
    done = repo.git(["status", "--porcelain", "--", *paths], check=False)
    changed = done.returncode == 0 and bool(done.stdout.strip())
    state = "med ændringer, der ikke er committet" if changed else "uden ændringer"
    return f"arbejdskopien ved commit {head.short} ({state})", head.commit
