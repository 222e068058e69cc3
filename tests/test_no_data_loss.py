"""No data loss: read-only commands never change the plan, every write is atomic, an
interrupted write leaves no half-written file, and ``udv new`` never overwrites."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from udvikling.fileio import write_atomic

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "udvikling"
AS_OF = "2025-06-30"
TIMEOUT = 120


def udv(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "udvikling", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, "UDV_CACHE_DIR": str(cwd.parent / "cache")},
    )


def tree_digest(root: Path) -> dict[str, str]:
    """Every file below ``root`` with its content hash, mode and modification time."""
    out: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        st = path.lstat()
        rel = path.relative_to(root).as_posix()
        if path.is_file() and not path.is_symlink():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            digest = "dir" if path.is_dir() else "other"
        out[rel] = f"{digest} {st.st_mode:o} {st.st_mtime_ns}"
    return out


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped plan (configuration, data and the plan's own templates)."""
    root = tmp_path_factory.mktemp("plan") / "plan"
    root.mkdir()
    shutil.copy(REPO / "udvikling.yaml", root / "udvikling.yaml")
    shutil.copytree(REPO / "data", root / "data")
    return root


READ_ONLY: list[tuple[str, ...]] = [
    ("lint", "--as-of", AS_OF),
    ("lint", "--as-of", AS_OF, "--format", "json"),
    ("lint", "--as-of", AS_OF, "--format", "gitlab"),
    ("status", "--as-of", AS_OF),
    ("overdue", "--as-of", AS_OF),
    ("list", "initiatives"),
    ("list", "meetings", "--format", "json"),
    ("show", "kommunikationsstrategi"),
    ("schema", "initiative"),
    ("calendar", "--output", "{out}/moeder.ics"),
    ("render", "notat", "--as-of", AS_OF),
    ("render", "--check"),
    ("period", "1. halvår 2023"),
]


@pytest.mark.parametrize("args", READ_ONLY, ids=lambda a: " ".join(a))
def test_read_only_commands_never_touch_the_plan(plan: Path, args: tuple[str, ...]) -> None:
    out = plan.parent / "ud"  # where a command that writes a file may write it
    out.mkdir(exist_ok=True)
    before = tree_digest(plan)
    result = udv(*(a.replace("{out}", str(out)) for a in args), cwd=plan)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode in (0, 1), result.stderr
    assert result.stdout or any(out.iterdir())
    assert tree_digest(plan) == before


def test_the_checker_sees_a_change(plan: Path, tmp_path: Path) -> None:
    """The digest notices a one-byte change (so the test above can fail)."""
    copy = tmp_path / "copy"
    shutil.copytree(plan, copy)
    before = tree_digest(copy)
    target = next((copy / "data" / "initiatives").glob("*.yaml"))
    stat = target.stat()
    target.write_bytes(target.read_bytes())  # same bytes, new time
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert tree_digest(copy) == before
    target.write_bytes(target.read_bytes() + b"#")
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert tree_digest(copy) != before


# -- write_atomic --------------------------------------------------------------------------


def test_write_atomic_replaces_whole(tmp_path: Path) -> None:
    target = tmp_path / "ud" / "notat.md"
    write_atomic(target, "første\n")
    write_atomic(target, "anden\n")
    assert target.read_text(encoding="utf-8") == "anden\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["notat.md"]


def test_write_atomic_gives_normal_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        new = tmp_path / "ny.md"
        write_atomic(new, "tekst")
        assert new.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "delt.md"
        kept.write_text("gammel", encoding="utf-8")
        kept.chmod(0o664)
        write_atomic(kept, "ny")
        assert kept.stat().st_mode & 0o777 == 0o664
    finally:
        os.umask(old)


def test_write_atomic_failing_midway_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "notat.md"
    target.write_text("gammel\n", encoding="utf-8")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomic(target, "ny " * 100_000)
    assert target.read_text(encoding="utf-8") == "gammel\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notat.md"]


def test_write_atomic_failing_on_a_new_file_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "ny.md", "tekst")
    assert list(tmp_path.iterdir()) == []


def test_write_atomic_without_overwrite_refuses(tmp_path: Path) -> None:
    target = tmp_path / "tiltag.yaml"
    target.write_text("title: Mit\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_atomic(target, "title: Andet\n", overwrite=False)
    assert target.read_text(encoding="utf-8") == "title: Mit\n"
    assert [p.name for p in tmp_path.iterdir()] == ["tiltag.yaml"]
    write_atomic(tmp_path / "nyt.yaml", "title: Nyt\n", overwrite=False)
    assert (tmp_path / "nyt.yaml").read_text(encoding="utf-8") == "title: Nyt\n"


_SLOW_WRITER = textwrap.dedent(
    """
    import os, signal, sys, time
    from pathlib import Path
    from udvikling.fileio import write_atomic

    # A shell's background job starts with SIGINT ignored, and Python then keeps it ignored:
    # restore Ctrl-C as a user's terminal has it.
    signal.signal(signal.SIGINT, signal.default_int_handler)

    real_fsync = os.fsync

    def slow_fsync(fd):
        real_fsync(fd)
        sys.stdout.write("midt i\\n")
        sys.stdout.flush()
        time.sleep(60)

    os.fsync = slow_fsync
    write_atomic(Path(sys.argv[1]), "ny\\n" * 1_000_000)
    """
)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM])
def test_killed_writer_leaves_old_file_whole(tmp_path: Path, sig: signal.Signals) -> None:
    root = tmp_path / "plan"
    folder = root / "data" / "initiatives"
    folder.mkdir(parents=True)
    shutil.copy(REPO / "udvikling.yaml", root / "udvikling.yaml")
    source = next((REPO / "data" / "initiatives").glob("*.yaml"))
    target = folder / source.name
    shutil.copy(source, target)
    old = target.read_bytes()
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITER, str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline() == "midt i\n"  # the payload is written, not yet renamed
    proc.send_signal(sig)
    proc.wait(timeout=TIMEOUT)
    assert target.read_bytes() == old
    leftovers = [p.name for p in folder.iterdir() if p.name != target.name]
    if sig == signal.SIGINT:
        assert leftovers == []  # KeyboardInterrupt: the temporary file is cleaned up
    # After SIGKILL nothing can clean up, but the leftover is a hidden temporary file that
    # the loader never reads as a record.
    assert all(name.startswith(".") and name.endswith(".tmp") for name in leftovers)
    from udvikling.load import list_files

    files, problems = list_files(root)
    assert files == [f"data/initiatives/{target.name}"]
    assert problems == []


def test_every_write_in_udv_goes_through_write_atomic() -> None:
    """No module writes a file directly, except into its own temporary folder."""
    direct = re.compile(r"\.write_(text|bytes)\(|(?<!fd)open\([^)]*['\"][wax]b?\+?['\"]")
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "fileio.py":
            continue
        text = path.read_text(encoding="utf-8")
        if direct.search(text) and "tempfile." not in text:
            offenders.append(path.relative_to(SRC).as_posix())
    assert offenders == []


# -- udv new -------------------------------------------------------------------------------


def test_new_never_overwrites(tmp_path: Path) -> None:
    from conftest import MINIMAL_CONFIG, MINIMAL_INITIATIVE

    root = tmp_path / "plan"
    (root / "data" / "initiatives").mkdir(parents=True)
    (root / "udvikling.yaml").write_text(MINIMAL_CONFIG, encoding="utf-8")
    existing = root / "data" / "initiatives" / "kommunikationsstrategi.yaml"
    existing.write_text(MINIMAL_INITIATIVE + "# mine noter\n", encoding="utf-8")
    args = ("--track", "kommunikation", "--owner", "socialchef", "--root", str(root))
    before = tree_digest(root)
    # The title gives the id of the existing file.
    result = udv("new", "initiative", "--title", "Kommunikationsstrategi", *args, cwd=root)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.returncode == 2, output
    assert "findes allerede" in output
    assert tree_digest(root) == before
    # A new title makes a new file and leaves the existing one alone.
    result = udv("new", "initiative", "--title", "Nyt tiltag", *args, cwd=root)
    assert result.returncode == 0, result.stderr
    assert (root / "data" / "initiatives" / "nyt-tiltag.yaml").is_file()
    assert existing.read_text(encoding="utf-8").endswith("# mine noter\n")
    assert not [p for p in existing.parent.iterdir() if p.name.startswith(".")]


# -- the parse cache and the second core never change what udv sees -----------------------


def _snapshot(root: Path) -> tuple[list[Any], dict[str, Any]]:
    from udvikling.load import load

    loaded = load(root)
    assert loaded.dataset is not None
    records = {
        **{k: v.model_dump() for k, v in loaded.dataset.initiatives.items()},
        **{k: v.model_dump() for k, v in loaded.dataset.meetings.items()},
    }
    positions = {
        path: (dict(source.values), dict(source.keys), dict(source.bool_words))
        for path, source in loaded.dataset.sources.items()
    }
    return [*loaded.findings, positions], records


@pytest.fixture
def cached(plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the plan, with the parse cache on (even for a plan this small) and the
    kept records off (they would answer before the parse cache is asked)."""
    import udvikling.load

    copy = tmp_path / "plan"
    shutil.copytree(plan, copy)
    monkeypatch.setattr(udvikling.load, "CACHE_MIN", 1)
    monkeypatch.setattr(udvikling.load, "STORE_MAX_ENTRIES", 0)
    monkeypatch.setenv("UDV_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("UDV_NO_CACHE", raising=False)
    return copy


def test_cache_is_written_outside_the_plan_and_gives_the_same_result(
    cached: Path, tmp_path: Path
) -> None:
    before = tree_digest(cached)
    cold = _snapshot(cached)
    assert list((tmp_path / "cache").glob("parse-*.marshal"))
    warm = _snapshot(cached)
    assert warm == cold
    assert tree_digest(cached) == before


def test_cache_is_never_stale(cached: Path) -> None:
    target = cached / "data" / "initiatives" / "ledelsessupervision.yaml"
    title = _snapshot(cached)[1]["ledelsessupervision"]["title"]
    original = target.read_bytes()
    stat = target.stat()
    # Same size, same modification time: only the content differs.
    old_line = f"title: {title}".encode()
    new_line = f"title: Q{title[1:]}".encode()
    assert old_line in original and len(new_line) == len(old_line)
    target.write_bytes(original.replace(old_line, new_line, 1))
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert _snapshot(cached)[1]["ledelsessupervision"]["title"] == f"Q{title[1:]}"
    target.write_bytes(original)
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert _snapshot(cached)[1]["ledelsessupervision"]["title"] == title


def test_damaged_cache_is_ignored(cached: Path, tmp_path: Path) -> None:
    cold = _snapshot(cached)
    for file in (tmp_path / "cache").glob("parse-*.marshal"):
        file.write_bytes(file.read_bytes()[: len(file.read_bytes()) // 2])
    assert _snapshot(cached) == cold
    for file in (tmp_path / "cache").glob("parse-*.marshal"):
        file.write_bytes(b"\x00garbage")
    assert _snapshot(cached) == cold


def test_second_core_gives_the_same_result(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import udvikling.reading

    monkeypatch.setenv("UDV_NO_CACHE", "1")
    monkeypatch.setenv("UDV_JOBS", "1")
    alone = _snapshot(plan)
    monkeypatch.setattr(udvikling.reading, "PARALLEL_MIN", 1)
    monkeypatch.setattr(udvikling.reading, "CHUNK", 8)
    monkeypatch.setenv("UDV_JOBS", "2")
    sent: list[str] = []
    real_unpack = udvikling.reading.unpack

    def counted(rel: str, packed: Any) -> Any:
        sent.append(rel)
        return real_unpack(rel, packed)

    monkeypatch.setattr(udvikling.reading, "unpack", counted)
    assert _snapshot(plan) == alone
    # The child parsed every other chunk of eight after the first.
    rels = sorted(rel for rel in alone[0][-1] if rel.startswith("data/"))
    chunks = [rels[i : i + 8] for i in range(0, len(rels), 8)]
    assert sent == [rel for chunk in chunks[1::2] for rel in chunk]

    # A child that fails, at once or half-way, is replaced by this process doing its part.
    real_pack = udvikling.reading.pack
    for fail_at in (chunks[1][0], chunks[5][3]):
        sent.clear()

        def broken(result: Any, fail_at: str = fail_at) -> Any:
            if result.source.path == fail_at:
                raise RuntimeError("the child breaks")
            return real_pack(result)

        monkeypatch.setattr(udvikling.reading, "pack", broken)
        assert _snapshot(plan) == alone
        assert fail_at not in sent
        assert len(sent) == (0 if fail_at == chunks[1][0] else 16)


def test_child_is_reaped_when_the_reading_stops_early(
    plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import udvikling.reading
    from udvikling.safe_read import filesystem_reader

    monkeypatch.setattr(udvikling.reading, "PARALLEL_MIN", 1)
    monkeypatch.setattr(udvikling.reading, "CHUNK", 4)
    monkeypatch.setenv("UDV_JOBS", "2")
    rels = sorted(
        f"data/initiatives/{p.name}" for p in (plan / "data" / "initiatives").glob("*.yaml")
    )
    files = udvikling.reading.parse_files(rels, filesystem_reader(plan), None, reread=True)
    for _ in range(6):  # into the child's first chunk
        next(files)
    files.close()
    # No child is left behind, running or unreaped.
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_positions_are_read_again_from_the_file_and_never_wrong(
    plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clean file's positions are found by reading it again, checked by its hash: a file
    changed while udv ran gives unknown positions (1:1), not the lines of what it became."""
    from udvikling.load import load

    copy = tmp_path / "plan"
    shutil.copytree(plan, copy)
    monkeypatch.setenv("UDV_NO_CACHE", "1")
    rel = "data/initiatives/ledelsessupervision.yaml"
    original = load(plan).dataset
    assert original is not None
    expected = original.sources[rel].locate(("owner",))
    assert expected.line > 1
    loaded = load(copy).dataset
    assert loaded is not None and loaded.sources[rel].deferred
    assert loaded.sources[rel].locate(("owner",)) == expected
    loaded = load(copy).dataset
    assert loaded is not None
    target = copy / rel
    target.write_bytes(b"# ny linje\n" + target.read_bytes())
    assert loaded.sources[rel].locate(("owner",)) == (1, 1)


def test_warm_cache_is_not_written_again_and_changes_are(cached: Path, tmp_path: Path) -> None:
    """A run where nothing changed leaves the cache file alone; a changed, new or deleted
    file gives a new cache that the next run reads (and it sees the change)."""
    _snapshot(cached)
    (file,) = (tmp_path / "cache").glob("parse-*.marshal")
    first = file.stat()
    cold = _snapshot(cached)
    assert file.stat().st_ino == first.st_ino and file.stat().st_mtime_ns == first.st_mtime_ns
    initiatives = cached / "data" / "initiatives"
    names = sorted(p.name for p in initiatives.glob("*.yaml"))
    last = initiatives / names[-1]
    kept = last.read_bytes()
    last.unlink()  # the last entry of the file is gone
    gone = _snapshot(cached)
    assert file.stat().st_ino != first.st_ino
    assert names[-1].removesuffix(".yaml") not in gone[1]
    assert _snapshot(cached) == gone
    last.write_bytes(kept)
    assert _snapshot(cached) == cold
    middle = initiatives / names[len(names) // 2]
    middle.write_bytes(middle.read_bytes().replace(b"title: ", b"title: X", 1))
    changed = _snapshot(cached)
    assert changed[1][middle.stem]["title"].startswith("X")
    assert _snapshot(cached) == changed


def test_a_load_that_fails_leaves_no_child_and_the_old_cache(
    cached: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import udvikling.load
    import udvikling.reading

    _snapshot(cached)
    (file,) = (tmp_path / "cache").glob("parse-*.marshal")
    before = file.read_bytes()
    for target in (cached / "data").rglob("*.yaml"):  # every file changed: none in the cache
        target.write_bytes(target.read_bytes() + b"# rettet\n")
    monkeypatch.setattr(udvikling.reading, "PARALLEL_MIN", 1)
    monkeypatch.setattr(udvikling.reading, "CHUNK", 4)
    monkeypatch.setenv("UDV_JOBS", "2")
    real = udvikling.load._validate_record
    calls: list[int] = []

    def failing(*args: Any) -> Any:
        calls.append(1)
        if len(calls) == 10:  # in this process's second chunk, the child still at work
            raise RuntimeError("a bug")
        return real(*args)

    monkeypatch.setattr(udvikling.load, "_validate_record", failing)
    held: list[BaseException] = []
    try:
        udvikling.load.load(cached)
    except RuntimeError as exc:
        held.append(exc)  # with its traceback and the frames in it, as a handler has it
    assert held
    # While the error is still held: no child left, running or unreaped, no half-written
    # cache, and the old cache as it was.
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)
    assert file.read_bytes() == before
    assert [p.name for p in file.parent.iterdir() if p.name.endswith(".tmp")] == []
