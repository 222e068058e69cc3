"""Hostile surroundings for what udv writes: standard output that is closed, full, a broken
pipe or in a non-UTF-8 locale; ``-o`` pointing at the plan itself or at a special file; and
writes that fail (read-only folder, full disk, too long a name). Every case ends with a
Danish message and the documented exit code, the plan untouched and no traceback.
"""

from __future__ import annotations

import errno
import os
import resource
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import MINIMAL_INITIATIVE
from hostile_support import (
    AS_OF,
    INIT,
    TIMEOUT,
    assert_clean_failure,
    plan,
    shell,
    udv,
)
from udvikling.cli import run

SNAPSHOT_FILES = ("udvikling.yaml", f"{INIT}/kommunikationsstrategi.yaml")


def _many_warnings(root: Path, count: int = 500) -> Path:
    """A plan whose lint output (one warning per initiative) is far bigger than a pipe."""
    files = {
        f"{INIT}/t{i}.yaml": MINIMAL_INITIATIVE.replace("Kommunikation", f"T{i}")
        for i in range(count)
    }
    return plan(root, files)


def _snapshot(root: Path) -> dict[str, bytes]:
    return {rel: (root / rel).read_bytes() for rel in SNAPSHOT_FILES}


# -- standard output -----------------------------------------------------------------------


@pytest.mark.parametrize(("extra", "code"), [("", 0), ("ødelagt: [\n", 1)])
def test_broken_pipe_exits_quietly_with_the_real_result(
    tmp_path: Path, extra: str, code: int
) -> None:
    root = _many_warnings(tmp_path)
    if extra:
        (root / INIT / "zz.yaml").write_text(extra, encoding="utf-8")
    result = shell(f'($UDV lint --root . --as-of {AS_OF}; echo "exit=$?" >&2) | head -1', cwd=root)
    assert result.stdout.count("\n") == 1
    assert f"exit={code}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert "udv:" not in result.stderr  # quiet: the reader stopped on purpose


@pytest.mark.parametrize(
    ("command", "code"), [("list initiatives", 0), ("overdue --fail --as-of 2025-06-01", 1)]
)
def test_broken_pipe_in_reports(tmp_path: Path, command: str, code: int) -> None:
    root = _many_warnings(tmp_path)
    result = shell(f'($UDV {command} --root .; echo "exit=$?" >&2) | head -c 10', cwd=root)
    assert f"exit={code}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


def test_closed_stdout_is_an_environment_error(tmp_path: Path) -> None:
    root = plan(tmp_path)
    result = shell(f'$UDV lint --root . --as-of {AS_OF} >&-; echo "exit=$?" >&2', cwd=root)
    assert "exit=2" in result.stderr, result.stderr
    assert "udv: fejl: Standardoutput er lukket" in result.stderr
    assert "Traceback" not in result.stderr


def test_closed_stdout_never_lands_in_a_written_file(tmp_path: Path) -> None:
    # With descriptor 1 closed, the calendar file udv opens could get it; it must not
    # receive the report line meant for standard output.
    root = plan(tmp_path)
    result = shell("$UDV calendar --root . -o ud.ics >&-", cwd=root)
    assert "Traceback" not in result.stderr
    ics = (root / "ud.ics").read_text(encoding="utf-8")
    assert ics.startswith("BEGIN:VCALENDAR") and "Skrev" not in ics


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", ["lint", "show kommunikationsstrategi"])
def test_full_stdout_is_an_environment_error(tmp_path: Path, command: str) -> None:
    root = plan(tmp_path)
    result = shell(f'$UDV {command} --root . >/dev/full; echo "exit=$?" >&2', cwd=root)
    assert "exit=2" in result.stderr, result.stderr
    assert "der er ikke mere plads på disken" in result.stderr
    assert "Traceback" not in result.stderr and "uventet" not in result.stderr


@pytest.mark.parametrize(
    "env",
    [
        {"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "ascii"},
        {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
    ],
)
def test_non_utf8_locale_prints_danish_findings(tmp_path: Path, env: dict[str, str]) -> None:
    text = MINIMAL_INITIATIVE.replace("track: kommunikation", "track: æbleskiver")
    root = plan(tmp_path, {f"{INIT}/kommunikationsstrategi.yaml": text})
    result = udv("lint", "--root", str(root), "--as-of", AS_OF, cwd=root, env=env)
    output = assert_clean_failure(result, 1)
    assert "æbleskiver" in output and "UDV103" in output
    bad = udv("show", "findes-ikke-æ", "--root", str(root), cwd=root, env=env)
    assert "findes-ikke-æ" in assert_clean_failure(bad, 2)


# -- where -o may point --------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["render", "notat", "-o", "udvikling.yaml"],
        ["render", "notat", "-o", f"{INIT}/kommunikationsstrategi.yaml"],
        ["render", "notat", "-o", "data/notat.md"],
        ["render", "notat", "-o", "./data/../data/ny/notat.md"],
        ["render", "procesplan", "-o", "templates/procesplan.md.j2"],
        ["render", "notat", "-f", "docx", "-o", "data/notat.docx"],
        ["calendar", "-o", f"{INIT}/kommunikationsstrategi.yaml"],
        ["calendar", "-o", "udvikling.yaml"],
        ["schema", "-o", "data"],
        ["schema", "-o", INIT],
    ],
)
def test_output_never_replaces_the_plan(tmp_path: Path, quick: Any, args: list[str]) -> None:
    root = plan(tmp_path, {"templates/procesplan.md.j2": "# {{ titel }}\n"})
    before = _snapshot(root)
    template = (root / "templates/procesplan.md.j2").read_bytes()
    code, output = quick(root, *args, "--root", ".")
    assert code == 2
    assert "udv skriver ikke" in output and "tip:" in output
    assert _snapshot(root) == before
    assert (root / "templates/procesplan.md.j2").read_bytes() == template
    assert not (root / "data/notat.md").exists() and not (root / "data/ny").exists()


def test_output_through_a_link_into_the_plan_is_refused(tmp_path: Path, quick: Any) -> None:
    root = plan(tmp_path / "plan")
    before = _snapshot(root)
    (tmp_path / "ud.ics").symlink_to(root / INIT / "kommunikationsstrategi.yaml")
    (tmp_path / "ud").symlink_to(root / INIT)
    for target in ("ud.ics", "ud/kalender.ics"):
        code, output = quick(tmp_path, "calendar", "--root", str(root), "-o", target)
        assert code == 2 and "data/-mappe" in output
    assert _snapshot(root) == before


def test_procesplan_timeline_never_lands_in_the_plan(tmp_path: Path, quick: Any) -> None:
    # The Markdown's picture is written beside it: that place is checked too.
    root = plan(tmp_path)
    (root / "data" / "ud").symlink_to(tmp_path / "andet")
    assert quick(root, "render", "procesplan", "--root", ".", "-o", "data/plan.md")[0] == 2
    assert not list(root.rglob("*tidslinje.svg"))


@pytest.mark.parametrize(("name", "minor"), [("null", 3), ("zero", 5)])
def test_output_onto_a_device_is_refused(tmp_path: Path, quick: Any, name: str, minor: int) -> None:
    # A device node of our own, never the machine's /dev/null: a regression must not be
    # able to replace a device other programs (git among them) depend on.
    root = plan(tmp_path)
    device = tmp_path / name
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("Kan ikke oprette en enhedsfil uden at være root.")
    code, output = quick(root, "calendar", "--root", ".", "-o", str(device))
    assert code == 2 and "det er en enhed" in output
    assert device.is_char_device()


def test_output_onto_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    root = plan(tmp_path)
    os.mkfifo(tmp_path / "ud.md")
    for args in (["calendar"], ["render", "notat", "--as-of", AS_OF]):
        result = udv(*args, "--root", ".", "-o", "ud.md", cwd=root, timeout=20)
        assert "FIFO" in assert_clean_failure(result, 2)
    assert (tmp_path / "ud.md").is_fifo()


def test_output_onto_a_folder_is_refused(tmp_path: Path, quick: Any) -> None:
    root = plan(tmp_path)
    (tmp_path / "mappe.ics").mkdir()
    code, output = quick(root, "calendar", "--root", ".", "-o", "mappe.ics")
    assert code == 2 and "det er en mappe" in output


# -- writes that fail ----------------------------------------------------------------------


def test_too_long_file_name(tmp_path: Path, quick: Any) -> None:
    root = plan(tmp_path)
    name = "a" * 300 + ".ics"
    for args in (["calendar"], ["render", "notat", "--as-of", AS_OF]):
        code, output = quick(root, *args, "--root", ".", "-o", name)
        assert code == 2 and "filnavnet er for langt" in output


def test_new_with_a_300_character_title_gets_a_short_file_name(tmp_path: Path, quick: Any) -> None:
    root = plan(tmp_path)
    title = " ".join(["Udvikling"] * 30)
    code, _ = quick(
        root, "new", "initiative", "--title", title, "--track", "organisering", "--owner",
        "socialchef", "--root", ".",
    )  # fmt: skip
    assert code == 0
    (created,) = [p for p in (root / INIT).iterdir() if p.name.startswith("udvikling-")]
    assert len(created.stem) <= 80 and created.stem.endswith("udvikling")
    assert yaml.safe_load(created.read_text(encoding="utf-8"))["title"] == title


def test_missing_folder_that_cannot_be_made(tmp_path: Path, quick: Any) -> None:
    root = plan(tmp_path)
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    for args in (["calendar", "-o", "fil/ud/kalender.ics"], ["schema", "-o", "fil/skemaer"]):
        code, output = quick(root, *args, "--root", ".")
        assert code == 2
        assert "ikke en mappe" in output or "Kan ikke oprette mappen" in output


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))


@pytest.mark.parametrize(
    "args",
    [
        ["calendar", "-o", "ud.ics", "--milestones"],
        ["schema", "-o", "skema"],
    ],
)
def test_file_size_limit_is_a_danish_error_and_leaves_nothing(
    tmp_path: Path, args: list[str]
) -> None:
    # A file system that refuses to grow a file (quota, limit) as a full disk does.
    root = plan(tmp_path)
    (root / "ud.ics").write_text("gammel kalender\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "udvikling", *args, "--root", "."],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_limit_file_size,
        env={**os.environ, "UDV_NO_CACHE": "1"},
    )
    output = assert_clean_failure(done, 2)
    assert "filen bliver større, end den må være" in output
    assert (root / "ud.ics").read_text(encoding="utf-8") == "gammel kalender\n"
    assert not [p for p in root.rglob(".*.tmp")]


def _failing(code: int):  # type: ignore[no-untyped-def]
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(
    ("code", "danish"),
    [
        (errno.ENOSPC, "der er ikke mere plads på disken"),
        (errno.EROFS, "filsystemet er skrivebeskyttet"),
        (errno.EACCES, "der er ikke skriveadgang"),
    ],
)
@pytest.mark.parametrize(
    "args",
    [
        ["calendar", "-o", "{out}/ud.ics"],
        ["schema", "-o", "{out}"],
        ["render", "notat", "--as-of", AS_OF, "-o", "{out}/notat.md"],
        ["new", "initiative", "--title", "Ny", "--track", "organisering", "--owner", "socialchef"],
    ],
)
def test_write_failures_in_every_writing_command(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    code: int,
    danish: str,
    args: list[str],
) -> None:
    # The operating system's answer for a full disk, a read-only file system and a folder
    # without write access, given where udv writes (the temporary file of an atomic write).
    root = plan(tmp_path / "plan")
    out = tmp_path / "ud"
    out.mkdir()
    before = _snapshot(root)
    monkeypatch.setattr("tempfile.mkstemp", _failing(code))
    exit_code = run([a.format(out=out) for a in args] + ["--root", str(root)])
    err = capsys.readouterr().err
    assert exit_code == 2, err
    assert danish in err and "Traceback" not in err and "uventet" not in err
    assert _snapshot(root) == before
    assert not list(out.iterdir())


def test_disk_full_when_flushing_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = plan(tmp_path / "plan")
    target = tmp_path / "ud.ics"
    target.write_text("gammel\n", encoding="utf-8")
    monkeypatch.setattr("udvikling.fileio.os.fsync", _failing(errno.ENOSPC))
    assert run(["calendar", "-o", str(target), "--root", str(root)]) == 2
    assert "der er ikke mere plads på disken" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "gammel\n"
    assert {p.name for p in tmp_path.iterdir()} == {"plan", "ud.ics"}  # no temporary file


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root skriver alt")
def test_read_only_folder(tmp_path: Path) -> None:
    root = plan(tmp_path / "plan")
    out = tmp_path / "ud"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = udv("calendar", "--root", str(root), "-o", str(out / "ud.ics"), cwd=tmp_path)
        assert "der er ikke skriveadgang" in assert_clean_failure(result, 2)
        (root / INIT).chmod(0o555)
        result = udv(
            "new", "initiative", "--title", "Ny", "--track", "organisering", "--owner",
            "socialchef", "--root", str(root), cwd=tmp_path,
        )  # fmt: skip
        assert "der er ikke skriveadgang" in assert_clean_failure(result, 2)
    finally:
        out.chmod(0o755)
        (root / INIT).chmod(0o755)
