"""Git helpers the review tests share: :class:`GitRepo`, a repository in a temporary folder
with a fixed author and fixed commit dates, and :func:`scenario`, the four-commit history the
diff, history and integration tests read."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import MINIMAL_CONFIG, MINIMAL_MEETING

STRATEGY = """\
title: Kommunikationsstrategi
track: kommunikation
owner: socialchef
level: central
status: planlagt
start: 2. halvår 2023
due: 1. halvår 2024
updates:
  - date: 2024-01-05
    text: Arbejdsgruppen er nedsat.
"""

OLD_PROJECT = """\
title: Gammelt projekt
track: organisering
owner: socialchef
level: central
status: planlagt
due: 2. halvår 2025
"""

TEAMS = """\
title: Teams på tværs
track: organisering
owner: socialchef
level: central
status: planlagt
due: 2025
"""

FIXED_LATER = """\
title: Fælles værdigrundlag
track: ukendt-spor
owner: socialchef
level: central
status: planlagt
due: 2025
"""


class GitRepo:
    """A git repository in a temporary folder; every commit has a fixed author and date."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def env(
        self, when: str = "2024-01-01T12:00:00+01:00", author: str = "Anna Andersen"
    ) -> dict[str, str]:
        """Environment pinning git's author, committer and dates; no user config read."""
        email = author.lower().replace(" ", ".") + "@example.dk"
        return {
            **os.environ,
            "GIT_AUTHOR_NAME": author,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": author,
            "GIT_COMMITTER_EMAIL": email,
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_DATE": when,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
        }

    def git(
        self, *args: str, when: str = "2024-01-01T12:00:00+01:00", author: str = "Anna Andersen"
    ) -> str:
        """Run git in the repository and return its output."""
        done = subprocess.run(
            ["git", *args],
            cwd=self.path,
            env=self.env(when, author),
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    def write(self, files: dict[str, str | None]) -> None:
        """Write (dedented) files; None deletes a file."""
        for rel, text in files.items():
            target = self.path / rel
            if text is None:
                target.unlink()
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(text), encoding="utf-8")

    def commit(
        self,
        message: str,
        when: str,
        files: dict[str, str | None] | None = None,
        author: str = "Anna Andersen",
    ) -> str:
        """Write ``files``, stage everything and commit at ``when``; return the commit id."""
        self.write(files or {})
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, when=when, author=author)
        return self.git("rev-parse", "HEAD").strip()


def scenario(repo: GitRepo) -> list[str]:
    """Build the four-commit history; return the commit ids, oldest first."""
    first = repo.commit(
        "Start the plan",
        "2024-01-10T09:00:00+01:00",
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/kommunikationsstrategi.yaml": STRATEGY,
            "data/initiatives/gammelt-projekt.yaml": OLD_PROJECT,
            "data/initiatives/teams.yaml": TEAMS,
            "data/initiatives/vaerdigrundlag.yaml": FIXED_LATER,
            "data/meetings/2024-04-24-vpu.yaml": MINIMAL_MEETING.replace(
                "    decision: Godkendt.\n", ""
            ),
        },
        author="Anna Andersen",
    )
    (repo.path / "data/initiatives/teams.yaml").rename(
        repo.path / "data/initiatives/teams-paa-tvaers.yaml"
    )
    second = repo.commit(
        "Spring update",
        "2024-05-02T10:30:00+02:00",
        {
            "data/initiatives/kommunikationsstrategi.yaml": STRATEGY.replace(
                "status: planlagt", "status: i-gang"
            ).replace("due: 1. halvår 2024", "due: 2. halvår 2024")
            + "  - date: 2024-04-30\n    text: Udkast sendt i høring.\n",
            "data/initiatives/gammelt-projekt.yaml": None,
            "data/initiatives/vaerdigrundlag.yaml": FIXED_LATER.replace(
                "ukendt-spor", "organisering"
            ),
            "data/initiatives/ny-indsats.yaml": TEAMS.replace(
                "Teams på tværs", "Ny indsats"
            ).replace("owner: socialchef", "owner: borgmester"),
            "data/meetings/2024-04-24-vpu.yaml": MINIMAL_MEETING,
        },
        author="Bo Bertelsen",
    )
    third = repo.commit(
        "Half-finished edit",
        "2024-05-10T08:00:00+02:00",
        {"data/initiatives/kommunikationsstrategi.yaml": "title: [Kommunikationsstrategi\n"},
        author="Bo Bertelsen",
    )
    fourth = repo.commit(
        "Repair and move the deadline again",
        "2024-05-20T14:00:00+02:00",
        {
            "data/initiatives/kommunikationsstrategi.yaml": STRATEGY.replace(
                "status: planlagt", "status: i-gang"
            ).replace("due: 1. halvår 2024", "due: 1. kvartal 2025")
            + "  - date: 2024-04-30\n    text: Udkast sendt i høring.\n",
        },
        author="Anna Andersen",
    )
    return [first, second, third, fourth]


# Runs udv in a fresh interpreter whose first import of pydantic waits (up to 20 s) until a
# git process has been started, then says whether one was. When git runs only after the
# imports, no git process can start while the import waits.
_GATED = """
import sys, threading
started = threading.Event()

def hook(event, args):
    if event == "subprocess.Popen":
        started.set()

sys.addaudithook(hook)

class Gate:
    def find_spec(self, name, path=None, target=None):
        if name == "pydantic":
            sys.meta_path.remove(self)
            sys.stderr.write("git during import: %s\\n" % started.wait(20))
        return None

sys.meta_path.insert(0, Gate())
from udvikling.cli import run
sys.exit(run(sys.argv[1:]))
"""


def git_during_import(
    argv: list[str],
) -> tuple[bool, subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
    """Whether ``udv argv`` starts a git process while pydantic is being imported, and the
    runs with and without the wait (to compare their output)."""
    # Without kept answers: both runs do the whole work (udvikling.review.kept).
    env = {**os.environ, "UDV_NO_QUICK": "1", "UDV_NO_CACHE": "1"}
    gated = subprocess.run(
        [sys.executable, "-c", _GATED, *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    plain = subprocess.run(
        [sys.executable, "-m", "udvikling", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    return "git during import: True" in gated.stderr, gated, plain
