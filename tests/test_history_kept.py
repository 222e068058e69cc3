"""``udv history``'s answers kept between runs (src/udvikling/review/kept.py): asked again
about the same commits and blobs, the command prints the same answer without importing the
models; anything git says differently makes the answer anew."""

from __future__ import annotations

import glob
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gitkit import GitRepo, scenario

ID = "kommunikationsstrategi"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    plan = GitRepo(tmp_path / "plan")
    scenario(plan)
    return plan


def history(repo: GitRepo, cache: Path | None, *args: str) -> tuple[str, str, int, bool]:
    """stdout, stderr, exit code of ``udv history`` and whether pydantic was imported;
    ``cache``: the cache folder (None: no cache)."""
    env = {**os.environ}
    env.pop("UDV_NO_CACHE", None)
    if cache is None:
        env["UDV_NO_CACHE"] = "1"
    else:
        env["UDV_CACHE_DIR"] = str(cache)
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "udvikling", "history", *args],
        cwd=repo.path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    lines = done.stderr.splitlines()
    imported = {
        line.rsplit("|", 1)[-1].strip() for line in lines if line.startswith("import time:")
    }
    stderr = "\n".join(line for line in lines if not line.startswith("import time:"))
    return done.stdout, stderr, done.returncode, "pydantic" in imported


@pytest.mark.parametrize("output_format", ["text", "md", "json"])
def test_the_same_question_is_answered_as_before_without_the_models(
    repo: GitRepo, cache: Path, output_format: str
) -> None:
    args = [ID, "-f", output_format]
    fresh = history(repo, None, *args)
    first = history(repo, cache, *args)
    again = history(repo, cache, *args)
    assert fresh[2] == 0 and "Bo Bertelsen" in fresh[0]
    assert first[3] and not again[3]  # the second answer is the kept one
    assert fresh[:3] == first[:3] == again[:3]
    assert glob.glob(str(cache / "history-*.marshal"))


def test_anything_git_says_differently_makes_the_answer_anew(repo: GitRepo, cache: Path) -> None:
    before = history(repo, cache, ID)
    assert before[3]
    # Another format is another answer.
    assert history(repo, cache, ID, "-f", "md")[3]
    assert not history(repo, cache, ID)[3]
    # A new commit touching the record.
    target = repo.path / "data/initiatives/kommunikationsstrategi.yaml"
    repo.commit(
        "Ny titel",
        "2024-09-01T10:00:00+02:00",
        {
            target.relative_to(repo.path).as_posix(): target.read_text(encoding="utf-8").replace(
                "title: ", "title: Ny ", 1
            )
        },
        author="Carl Carlsen",
    )
    after = history(repo, cache, ID)
    assert after[3] and "Carl Carlsen" in after[0] and "Carl Carlsen" not in before[0]
    assert after[:3] == history(repo, None, ID)[:3]
    # The same commit rewritten (another message): the log differs, so does the answer.
    repo.git("commit", "-q", "--amend", "-m", "Titlen ændret", when="2024-09-01T10:00:00+02:00")
    amended = history(repo, cache, ID)
    assert (
        amended[3] and "Titlen ændret" in amended[0] and amended[:3] == history(repo, None, ID)[:3]
    )
    # A commit that touches another file only: the record's log is the same, so is the answer.
    repo.commit("Andet", "2024-10-01T10:00:00+02:00", {"data/initiatives/andet.yaml": "title: x\n"})
    unchanged = history(repo, cache, ID)
    assert not unchanged[3] and unchanged[:3] == amended[:3]


def test_a_damaged_or_foreign_store_gives_the_answer_anew(repo: GitRepo, cache: Path) -> None:
    right = history(repo, cache, ID)
    (file,) = glob.glob(str(cache / "history-*.marshal"))
    blob = bytearray(Path(file).read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    Path(file).write_bytes(bytes(blob))
    again = history(repo, cache, ID)
    assert again[3] and again[:3] == right[:3]
    # Errors are said as without kept answers (and nothing is kept for them).
    assert history(repo, cache, "findes-ikke")[1:3] == history(repo, None, "findes-ikke")[1:3]
    assert history(repo, cache, "Ikke-et-id")[2] == 2


def test_at_most_so_many_answers_are_kept(
    repo: GitRepo, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from udvikling.review import kept
    from udvikling.review.recordlog import PendingLog

    monkeypatch.setenv("UDV_CACHE_DIR", str(cache))
    monkeypatch.setattr(kept, "MAX_KEPT", 2)
    records = ("kommunikationsstrategi", "teams-paa-tvaers", "2024-04-24-vpu")
    for record in records:
        pending = PendingLog(repo.path, record)
        store, answer = kept.kept_answer(repo.path, pending, record, "text")
        assert store is not None and answer is None
        kept.keep_answer(store, pending, record, "text", f"svar om {record}")
    answered = []
    for record in records:
        store, answer = kept.kept_answer(repo.path, PendingLog(repo.path, record), record, "text")
        answered.append(answer)
    assert answered == [None, "svar om teams-paa-tvaers", "svar om 2024-04-24-vpu"]


def test_git_is_awaited_only_for_a_question_answered_before(
    repo: GitRepo, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first time a record's history is asked for, git runs while the models are
    imported (as without kept answers); only a kept answer makes the command wait for git
    first, to see whether it still holds."""
    from udvikling.review import kept
    from udvikling.review.recordlog import PendingLog

    class NotAwaited:
        def repo(self) -> None:
            raise AssertionError("waited for git")

        log = repo

    monkeypatch.setenv("UDV_CACHE_DIR", str(cache))
    store, answer = kept.kept_answer(repo.path, NotAwaited(), ID, "text")  # type: ignore[arg-type]
    assert store is not None and answer is None
    pending = PendingLog(repo.path, ID)
    kept.keep_answer(store, pending, ID, "text", "svaret")
    assert kept.kept_answer(repo.path, NotAwaited(), ID, "md")[1] is None  # type: ignore[arg-type]
    with pytest.raises(AssertionError, match="waited for git"):
        kept.kept_answer(repo.path, NotAwaited(), ID, "text")  # type: ignore[arg-type]
    assert kept.kept_answer(repo.path, PendingLog(repo.path, ID), ID, "text")[1] == "svaret"
