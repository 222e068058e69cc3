"""Helpers for the hostile-input tests: run the real ``udv`` in a subprocess, bounded in time
and memory, on a small valid plan with hostile files added, and check that it failed cleanly.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

from conftest import MINIMAL_CONFIG, MINIMAL_INITIATIVE, MINIMAL_MEETING

AS_OF = "2024-06-01"
TIMEOUT = 60  # seconds, per command (the slowest case, a 50 MB file, takes about one)
MEMORY = 1024 * 1024 * 1024  # address space cap of the udv process (bytes)
INIT = "data/initiatives"


def cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def udv(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = TIMEOUT
) -> subprocess.CompletedProcess[str]:
    """Run ``udv`` as a user would, bounded in time and memory; ``env`` adds variables."""
    environ = {**os.environ, "UDV_CACHE_DIR": str(Path(cwd or ".") / ".no-cache"), **(env or {})}
    environ.pop("UDV_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "udvikling", *args],
        cwd=cwd,
        env=environ,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        preexec_fn=cap_memory,
    )


def shell(
    command: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a shell command line that calls ``udv`` (pipes, closed or redirected streams)."""
    environ = {**os.environ, "UDV_CACHE_DIR": str(cwd / ".no-cache"), **(env or {})}
    environ.pop("UDV_DEBUG", None)
    environ["UDV"] = f"{sys.executable} -m udvikling"
    return subprocess.run(
        ["/bin/sh", "-c", command],
        cwd=cwd,
        env=environ,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=TIMEOUT,
        preexec_fn=cap_memory,
    )


def plan(root: Path, files: dict[str, bytes | str] | None = None) -> Path:
    """A small valid plan below ``root`` with ``files`` added or replaced."""
    base: dict[str, bytes | str] = {
        "udvikling.yaml": MINIMAL_CONFIG,
        f"{INIT}/kommunikationsstrategi.yaml": MINIMAL_INITIATIVE,
        "data/meetings/2024-04-24-vpu.yaml": MINIMAL_MEETING,
    }
    for rel, content in {**base, **(files or {})}.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root


def lint(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return udv("lint", "--root", str(root), "--as-of", AS_OF, *extra, cwd=root)


def assert_clean_failure(result: subprocess.CompletedProcess[str], code: int) -> str:
    """The exit code is ``code`` and nothing looks like a crash; return all output."""
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "uventet fejl" not in output
    assert result.returncode == code, output
    return output


def lint_bad(
    tmp_path: Path, content: bytes | str, needle: str, name: str = "ny.yaml"
) -> tuple[str, str]:
    """Lint a plan with one bad initiative; it must fail as data (exit 1) saying ``needle``."""
    root = plan(tmp_path, {f"{INIT}/{name}": content})
    output = assert_clean_failure(lint(root), 1)
    assert needle in output, output
    return output, f"{INIT}/{name}"


def git(root: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_AUTHOR_DATE": "2024-01-01T12:00:00",
        "GIT_COMMITTER_DATE": "2024-01-01T12:00:00",
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
