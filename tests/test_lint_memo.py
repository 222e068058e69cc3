"""Lint's memo (src/udvikling/lintcache.py): a plan whose files have not changed gets its last
lint back without being loaded, and every change that can change a finding is seen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import udvikling.load
from conftest import shipped_plan
from udvikling import cache as udv_cache
from udvikling import lintcache
from udvikling.findings import Finding
from udvikling.lint import lint

REPO = Path(__file__).resolve().parents[1]
DAY = date(2024, 6, 1)
CLOCK = date(2026, 12, 7)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    root = shipped_plan(tmp_path / "plan")
    return root


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every load of a plan from the working tree, counted."""
    seen: list[Path] = []
    real = udvikling.load.load

    def counted(root: Path, *args: object, **kwargs: object) -> udvikling.load.Loaded:
        seen.append(root)
        return real(root, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(udvikling.load, "load", counted)
    return seen


def fresh(root: Path, day: date = DAY, clock: date = CLOCK) -> list[tuple[object, ...]]:
    """The findings of a lint without any memo (as tuples, to compare)."""
    os.environ["UDV_NO_CACHE"] = "1"
    try:
        return as_rows(lint(root, day, clock=clock).findings)
    finally:
        del os.environ["UDV_NO_CACHE"]


def as_rows(findings: list[Finding]) -> list[tuple[object, ...]]:
    return [(f.path, f.line, f.column, f.code, f.severity, f.message, f.hint) for f in findings]


def test_an_unchanged_plan_is_not_loaded_again(cache: Path, plan: Path, loads: list[Path]) -> None:
    first = lint(plan, DAY, clock=CLOCK)
    assert loads == [plan]
    again = lint(plan, DAY, clock=CLOCK)
    assert loads == [plan]  # answered from the memo
    assert as_rows(again.findings) == as_rows(first.findings) == fresh(plan)
    assert again.files_checked == first.files_checked
    assert again.findings and all(type(f) is type(first.findings[0]) for f in again.findings)


def test_only_some_files_are_reported_from_the_memo_too(cache: Path, plan: Path) -> None:
    lint(plan, DAY, clock=CLOCK)
    some = ["data/indicators/medarbejdere-botilbud-2024-09.yaml"]
    from_memo = lint(plan, DAY, only=some, clock=CLOCK)
    assert from_memo.findings and {f.path for f in from_memo.findings} == set(some)
    assert from_memo.files_checked == 1


def _same_size_edit(file: Path) -> None:
    """Change one letter, keeping the size and the modification time."""
    info = file.stat()
    text = file.read_bytes()
    at = text.index(b"title: ") + len(b"title: ")
    swapped = b"X" if text[at : at + 1] != b"X" else b"Y"
    file.write_bytes(text[:at] + swapped + text[at + 1 :])
    os.utime(file, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert file.stat().st_size == info.st_size


def _changes(root: Path) -> dict[str, object]:
    initiatives = root / "data" / "initiatives"

    def first() -> Path:
        return sorted(initiatives.glob("*.yaml"))[0]

    return {
        "same size and time": lambda: _same_size_edit(first()),
        "a broken record": lambda: first().write_text("title: [\n", encoding="utf-8"),
        "a removed record": lambda: first().unlink(),
        "a new record": lambda: (initiatives / "nyt-tiltag.yaml").write_text(
            "title: Nyt\n", encoding="utf-8"
        ),
        "a .yml file": lambda: (initiatives / "andet.yml").write_text("x: 1\n", encoding="utf-8"),
        "a renamed record": lambda: first().rename(initiatives / "omdoebt-tiltag.yaml"),
        "the configuration": lambda: (root / "udvikling.yaml").write_text(
            (root / "udvikling.yaml").read_text(encoding="utf-8") + "\nukendt_felt: 1\n",
            encoding="utf-8",
        ),
        "a removed folder": lambda: shutil.rmtree(root / "data" / "indicators"),
    }


@pytest.mark.parametrize("change", list(_changes(Path("x"))))
def test_every_change_is_seen(cache: Path, plan: Path, loads: list[Path], change: str) -> None:
    before = as_rows(lint(plan, DAY, clock=CLOCK).findings)
    _changes(plan)[change]()  # type: ignore[operator]
    after = lint(plan, DAY, clock=CLOCK)
    assert loads == [plan, plan]
    assert as_rows(after.findings) == fresh(plan)
    if change != "same size and time":
        assert as_rows(after.findings) != before or change == "a renamed record"


def test_the_dates_are_part_of_the_key(cache: Path, plan: Path, loads: list[Path]) -> None:
    pairs = [(DAY, CLOCK), (date(2023, 1, 8), CLOCK), (DAY, date(2024, 7, 1))]
    expected = [fresh(plan, day, clock) for day, clock in pairs]
    assert expected[0] != expected[1] or expected[0] != expected[2]
    loads.clear()
    for _ in range(2):
        got = [as_rows(lint(plan, day, clock=clock).findings) for day, clock in pairs]
        assert got == expected
    assert len(loads) == 3  # each pair of dates kept


def test_a_new_udv_does_not_reuse_the_memo(
    cache: Path, plan: Path, loads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    lint(plan, DAY, clock=CLOCK)
    monkeypatch.setattr(udv_cache, "code_stamp", lambda: b"another udv")
    lint(plan, DAY, clock=CLOCK)
    assert len(loads) == 2


def test_a_damaged_or_forged_memo_is_ignored(cache: Path, plan: Path, loads: list[Path]) -> None:
    right = as_rows(lint(plan, DAY, clock=CLOCK).findings)
    (memo,) = cache.glob("lint-*.marshal")
    for damage in (b"", b"\x00garbage", memo.read_bytes()[:-3] + b"abc"):
        memo.write_bytes(damage)
        assert as_rows(lint(plan, DAY, clock=CLOCK).findings) == right
    assert len(loads) == 4


def test_a_file_changed_during_the_lint_leaves_no_memo(
    cache: Path, plan: Path, monkeypatch: pytest.MonkeyPatch, loads: list[Path]
) -> None:
    real = udvikling.load.load
    file = sorted((plan / "data" / "meetings").glob("*.yaml"))[0]

    def saved_meanwhile(root: Path, *args: object, **kwargs: object) -> udvikling.load.Loaded:
        loaded = real(root, *args, **kwargs)  # type: ignore[arg-type]
        file.write_text(file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        return loaded

    monkeypatch.setattr(udvikling.load, "load", saved_meanwhile)
    lint(plan, DAY, clock=CLOCK)
    assert not list(cache.glob("lint-*.marshal"))


def test_no_cache_folder_means_no_memo(
    plan: Path, loads: list[Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("UDV_NO_CACHE", "1")
    lint(plan, DAY, clock=CLOCK)
    lint(plan, DAY, clock=CLOCK)
    assert len(loads) == 2


def test_the_loaders_folders_and_configuration_file_are_the_memos() -> None:
    from udvikling.plan_root import CONFIG_FILE

    assert tuple(udvikling.load.FOLDERS) == lintcache.FOLDERS
    assert lintcache.CONFIG_FILE == CONFIG_FILE


def test_udv_lint_on_an_unchanged_plan_imports_no_models(cache: Path, plan: Path) -> None:
    """The point of the memo: the second `udv lint` imports neither the loader nor pydantic."""
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write('LOADED %s\\n' % sorted(m for m in "
        "('pydantic', 'udvikling.load', 'udvikling.model') if m in sys.modules)))\n"
        "from udvikling.cli import main\n"
        f"sys.argv = ['udv', 'lint', '--root', {str(plan)!r}, '--as-of', '2024-06-01']\n"
        "main()\n"
    )
    env = {**os.environ, "UDV_CACHE_DIR": str(cache)}
    env.pop("UDV_NO_CACHE", None)
    runs = [
        subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
        for _ in range(2)
    ]
    assert [r.returncode for r in runs] == [0, 0]
    assert runs[0].stdout == runs[1].stdout and "bemærkning" in runs[0].stdout
    assert "LOADED ['pydantic', 'udvikling.load', 'udvikling.model']" in runs[0].stderr
    assert "LOADED []" in runs[1].stderr
