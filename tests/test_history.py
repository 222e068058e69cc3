"""``udv history`` on the four-commit scenario repository of ``test_diff``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import udvikling.load as load_module
from conftest import MINIMAL_CONFIG, MINIMAL_INITIATIVE, golden, udv
from gitkit import GitRepo, git_during_import, scenario
from udvikling.review.git import open_repo
from udvikling.review.history import record_history

check_golden = golden("diff")


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """The scenario repository."""
    plan = GitRepo(tmp_path / "plan")
    scenario(plan)
    return plan


def test_deadline_moves_counted_and_summed(repo: GitRepo) -> None:
    history = record_history(open_repo(repo.path), "kommunikationsstrategi")
    assert [v.event for v in history.versions] == ["created", "changed", "broken", "repaired"]
    assert [v.author for v in history.versions] == [
        "Anna Andersen",
        "Bo Bertelsen",
        "Bo Bertelsen",
        "Anna Andersen",
    ]
    assert [f.shift.months for _, f in history.moves if f.shift] == [6, 3]
    assert history.first_deadline is not None and history.last_deadline is not None
    assert (history.first_deadline.canonical(), history.last_deadline.canonical()) == (
        "2024-H1",
        "2025-Q1",
    )
    assert history.total_shift is not None and history.total_shift.months == 9
    # The repaired version is compared with the last readable one, not with the broken file.
    repaired = history.versions[3].change
    assert repaired is not None
    assert [f.text for f in repaired.fields] == [
        "frist flyttet fra 2. halvår 2024 til 1. kvartal 2025, 3 måneder senere"
    ]


def test_text_and_goldens(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = udv(capsys, "history", "kommunikationsstrategi", "--root", str(repo.path))
    assert (code, err) == (0, "")
    assert "Fristen er flyttet 2 gange, i alt 9 måneder senere" in out
    assert "2. maj 2024, Bo Bertelsen" in out
    check_golden("history.txt", out)
    code, out, _ = udv(
        capsys, "history", "kommunikationsstrategi", "--root", str(repo.path), "-f", "md"
    )
    check_golden("history.md", out)
    code, out, _ = udv(
        capsys, "history", "kommunikationsstrategi", "--root", str(repo.path), "-f", "json"
    )
    data = json.loads(out)
    assert data["deadline"]["total_months"] == 9
    assert [m["new"] for m in data["deadline"]["moves"]] == ["2024-H2", "2025-Q1"]
    check_golden("history.json", out)


def test_follows_renames_and_removals(repo: GitRepo) -> None:
    git = open_repo(repo.path)
    renamed = record_history(git, "teams-paa-tvaers")
    assert [v.event for v in renamed.versions] == ["created", "renamed"]
    assert renamed.versions[0].path == "data/initiatives/teams.yaml"
    change = renamed.versions[1].change
    assert change is not None and change.old_id == "teams"
    removed = record_history(git, "gammelt-projekt")
    assert [v.event for v in removed.versions] == ["created", "removed"]
    meeting = record_history(git, "2024-04-24-vpu")
    assert meeting.kind == "meeting"
    last = meeting.versions[-1].change
    assert last is not None and [d.text for d in last.decisions] == ["Godkendt."]


def test_unknown_id_and_bad_format(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = udv(capsys, "history", "findes-ikke", "--root", str(repo.path))
    assert code == 2
    assert "intet tiltag, møde eller nøgletal med id'et 'findes-ikke'" in err
    code, _, err = udv(capsys, "history", "../udvikling", "--root", str(repo.path))
    assert code == 2 and "ikke et id" in err
    code, _, err = udv(
        capsys, "history", "kommunikationsstrategi", "-f", "docx", "--root", str(repo.path)
    )
    assert code == 2 and "Ukendt format" in err


def _fast_import(path: Path, commits: list[dict[str, str]]) -> None:
    """A repository of many commits in one ``git fast-import`` (each dict: the files it sets)."""
    stream = bytearray()
    for n, files in enumerate(commits, start=1):
        who = b"Anna Andersen <anna@example.dk> %d +0100\n" % (1704067200 + 3600 * n)
        message = b"Commit %d" % n
        stream += b"commit refs/heads/main\nmark :%d\nauthor %scommitter %s" % (n, who, who)
        stream += b"data %d\n%s\n" % (len(message), message)
        if n > 1:
            stream += b"from :%d\n" % (n - 1)
        for rel, text in files.items():
            data = text.encode()
            stream += b"M 100644 inline %s\ndata %d\n%s\n" % (rel.encode(), len(data), data)
    repo = GitRepo(path)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=path, input=bytes(stream), check=True)
    repo.git("checkout", "-q", "-f", "main")


def test_history_work_is_proportional_to_the_commits_touching_the_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """200 commits, 3 of which touch the record: 3 versions loaded, ``udvikling.yaml`` parsed
    once (it never changes), and the same handful of git processes however long the history."""
    from udvikling.review import git as review_git
    from udvikling.review import versions

    record = "data/initiatives/kommunikationsstrategi.yaml"
    other = "data/initiatives/andet.yaml"
    commits: list[dict[str, str]] = [
        {"udvikling.yaml": MINIMAL_CONFIG, record: MINIMAL_INITIATIVE, other: MINIMAL_INITIATIVE}
    ]
    for n in range(2, 201):
        if n in (60, 140):
            due = "1. kvartal 2025" if n == 60 else "2. kvartal 2025"
            text = MINIMAL_INITIATIVE.replace("4. kvartal 2024", due)
            commits.append({record: text})
        else:
            commits.append({other: MINIMAL_INITIATIVE.replace("Kommunikation", f"Andet {n}")})
    _fast_import(tmp_path / "plan", commits)

    counts = {"load": 0, "config": 0, "git": 0}

    def counting(name: str, function: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            counts[name] += 1
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(versions, "load", counting("load", versions.load))
    monkeypatch.setattr(versions, "load_config", counting("config", versions.load_config))
    monkeypatch.setattr(load_module, "load_config", counting("config", load_module.load_config))
    monkeypatch.setattr(review_git, "run_git", counting("git", review_git.run_git))
    result = record_history(open_repo(tmp_path / "plan"), "kommunikationsstrategi")
    assert [v.event for v in result.versions] == ["created", "changed", "changed"]
    assert [f.shift.months for _, f in result.moves if f.shift] == [3, 3]
    assert counts["load"] == 3
    assert counts["config"] == 1
    # open_repo, ls-tree HEAD (find_record), the shallow file, git log, batch-check, batch.
    assert counts["git"] <= 6, counts


def test_versions_read_in_small_batches_give_the_same_history(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Blobs are read in batches of bounded size; one version per batch changes nothing."""
    from udvikling.review import recordlog

    git = open_repo(repo.path)
    whole = record_history(git, "kommunikationsstrategi")
    monkeypatch.setattr(recordlog, "BATCH_BYTES", 1)
    batched = record_history(git, "kommunikationsstrategi")
    assert batched == whole


def test_a_version_too_large_to_read_is_never_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Like a file on disk, a version over the size limit is reported, never read."""
    from udvikling.review import recordlog

    record = "data/initiatives/kommunikationsstrategi.yaml"
    huge = MINIMAL_INITIATIVE + "description: " + "x" * 2000 + "\n"
    _fast_import(
        tmp_path / "plan",
        [
            {"udvikling.yaml": MINIMAL_CONFIG, record: MINIMAL_INITIATIVE},
            {record: huge},
            {record: MINIMAL_INITIATIVE.replace("4. kvartal 2024", "1. kvartal 2025")},
        ],
    )
    asked: list[str] = []
    real = recordlog.read_objects

    def reading(repo: Any, ids: Any) -> Any:
        wanted = list(ids)
        asked.extend(wanted)
        return real(repo, wanted)

    monkeypatch.setattr(recordlog, "MAX_BYTES", 1000)
    monkeypatch.setattr(recordlog, "read_objects", reading)
    git = open_repo(tmp_path / "plan")
    result = record_history(git, "kommunikationsstrategi")
    assert [v.event for v in result.versions] == ["created", "broken", "repaired"]
    assert "udv læser højst" in (result.versions[1].problem or "")
    huge_id = git.git(["rev-parse", f"HEAD~1:{record}"]).stdout.decode().strip()
    assert huge_id not in asked


def test_git_reads_the_history_while_the_models_are_imported(repo: GitRepo) -> None:
    """The git processes run during the import of pydantic and the models (on the other
    core), not after it; the output is the same."""
    argv = ["history", "kommunikationsstrategi", "--root", str(repo.path)]
    overlapped, gated, plain = git_during_import(argv)
    assert overlapped, gated.stderr
    assert (gated.returncode, gated.stdout) == (plain.returncode, plain.stdout) == (0, plain.stdout)
    assert "Fristen er flyttet 2 gange" in plain.stdout


def test_errors_in_the_order_they_are_met(
    repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With git read in the background, the errors are still those of the first problem:
    no repository, then no commits, then not an id, then no such record."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "udvikling.yaml").write_text(MINIMAL_CONFIG, encoding="utf-8")
    code, _, err = udv(capsys, "history", "../x", "--root", str(outside))
    assert code == 2 and "ligger ikke i et git-arkiv" in err
    empty = GitRepo(tmp_path / "empty")
    (empty.path / "udvikling.yaml").write_text(MINIMAL_CONFIG, encoding="utf-8")
    code, _, err = udv(capsys, "history", "../x", "--root", str(empty.path))
    assert code == 2 and "ingen commits" in err
    code, _, err = udv(capsys, "history", "Ikke-et-id", "--root", str(repo.path))
    assert code == 2 and "ikke et id" in err
    code, _, err = udv(capsys, "history", "findes-ikke", "--root", str(repo.path))
    assert code == 2 and "intet tiltag" in err


def test_text_history_imports_no_other_format(repo: GitRepo) -> None:
    """The text history does not import the Markdown and JSON writers (nor json, html)."""
    probe = (
        "import sys\n"
        "from udvikling.cli import run\n"
        "code = run(sys.argv[1:])\n"
        "names = ('json', 'html', 'udvikling.output.diff_md', 'udvikling.output.diff_json')\n"
        "sys.stderr.write(f'\\nexit={code} {[n for n in names if n in sys.modules]}\\n')\n"
    )
    for output_format, expected in (("text", "[]"), ("json", "'json'")):
        argv = ["history", "kommunikationsstrategi", "-f", output_format, "--root", str(repo.path)]
        done = subprocess.run(
            [sys.executable, "-c", probe, *argv], capture_output=True, text=True, check=False
        )
        last = done.stderr.strip().splitlines()[-1]
        assert last.startswith("exit=0") and expected in last, (output_format, done.stderr)


@pytest.mark.parametrize("ahead", [True, False])
def test_versions_read_ahead_only_when_small(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch, ahead: bool
) -> None:
    """The versions' blobs are read with the log (in the background) when they are small,
    else as the versions are loaded; the history is the same."""
    from udvikling.review import recordlog

    git = open_repo(repo.path)
    whole = record_history(git, "kommunikationsstrategi")
    if not ahead:
        monkeypatch.setattr(recordlog, "READ_AHEAD_BYTES", 0)
    log = recordlog.read_log(git, "kommunikationsstrategi")
    assert log.blobs is not None
    assert bool(log.blobs.contents) is ahead
    assert record_history(git, "kommunikationsstrategi") == whole


def test_git_output_is_read_in_few_wakeups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git buffers its output for udv (GIT_FLUSH=0, ``cat-file --buffer``): a log of 150
    commits and 300 blobs' ids come in a few reads, not one per commit or object
    (each wakes the reading thread, which then needs the interpreter)."""
    import selectors

    from udvikling.review import recordlog
    from udvikling.review.blobs import blob_ids

    record, config = "data/initiatives/kommunikationsstrategi.yaml", "udvikling.yaml"
    commits: list[dict[str, str]] = [{config: MINIMAL_CONFIG, record: MINIMAL_INITIATIVE}]
    for n in range(2, 151):
        commits.append({record: MINIMAL_INITIATIVE.replace("Kommunikation", f"Kommunikation {n}")})
    _fast_import(tmp_path / "plan", commits)
    git = open_repo(tmp_path / "plan")
    wakeups = [0]

    class Counting(selectors.PollSelector):
        def select(self, timeout: float | None = None) -> Any:
            wakeups[0] += 1
            return super().select(timeout)

    monkeypatch.setattr(subprocess, "_PopenSelector", Counting)
    entries = recordlog.log_entries(git, "data/initiatives/kommunikationsstrategi.yaml")
    assert len(entries) == 150
    assert wakeups[0] <= 12, wakeups
    wakeups[0] = 0
    names = [f"{header[0]}:{name}" for header, _, path in entries for name in (path, config)]
    ids = blob_ids(git, names)
    assert len(ids) == 300 and None not in ids.values()
    assert wakeups[0] <= 12, wakeups
