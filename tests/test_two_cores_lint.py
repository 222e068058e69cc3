"""Lint of a plan where every file names an id that does not exist (a bulk rename gone wrong,
issue 29): the "did you mean …?" hints and the findings' positions are worked out on both
cores (:meth:`udvikling.hints.Suggester.answer_ahead`, :meth:`udvikling.load.Dataset.place_all`),
with the same findings, hints, lines and columns as on one, also when the second process
fails in any way.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import udvikling.hints
import udvikling.load
from conftest import MINIMAL_CONFIG, MINIMAL_INITIATIVE, BuildTree
from udvikling.findings import Finding
from udvikling.hints import Suggester
from udvikling.lint import lint
from udvikling.load import load

AS_OF = date(2024, 5, 1)
N = 60


def _plan(build_tree: BuildTree) -> Path:
    """``N`` initiatives, each depending on a renamed one that is gone, with a comment
    above so each finding's line differs from file to file."""
    files = {"udvikling.yaml": MINIMAL_CONFIG}
    for i in range(N):
        body = MINIMAL_INITIATIVE.replace("title: Kommunikationsstrategi", f"title: Tiltag {i}")
        files[f"data/initiatives/tiltag-{i:03}.yaml"] = (
            "# linje\n" * (i % 7) + body + f"depends_on: [tiltag-{(i + 1) % N:03}-gl, ukendt]\n"
        )
    return build_tree(files)


def _lint(root: Path) -> list[Finding]:
    return lint(root, AS_OF).findings


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both halves taken even for this small plan."""
    monkeypatch.setenv("UDV_JOBS", "2")
    monkeypatch.setenv("UDV_NO_CACHE", "1")
    monkeypatch.setattr(udvikling.hints, "PARALLEL_MIN", 2)
    monkeypatch.setattr(udvikling.load, "PLACE_PARALLEL_MIN", 2)


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts the processes forked through udvikling.cores.fork."""
    import udvikling.cores

    made: list[int] = []
    real = udvikling.cores.fork

    def counted(work: object) -> object:
        made.append(1)
        return real(work)  # type: ignore[arg-type]

    monkeypatch.setattr(udvikling.cores, "fork", counted)
    yield made


def test_two_cores_give_what_one_gives(
    build_tree: BuildTree,
    monkeypatch: pytest.MonkeyPatch,
    two_cores: None,
    forks: list[int],
) -> None:
    root = _plan(build_tree)
    monkeypatch.setenv("UDV_JOBS", "1")
    alone = _lint(root)
    assert forks == []
    unknown = [f for f in alone if f.code == "UDV206"]
    assert len(unknown) == 2 * N
    assert sum("Mente du 'tiltag-" in (f.hint or "") for f in unknown) == N
    assert len({f.line for f in unknown}) == 7
    monkeypatch.setenv("UDV_JOBS", "2")
    assert _lint(root) == alone
    assert len(forks) >= 2  # the hints and the positions (and the parse, for a big plan)


@pytest.fixture
def alone(
    build_tree: BuildTree, monkeypatch: pytest.MonkeyPatch, two_cores: None
) -> tuple[Path, list[Finding]]:
    """The plan and its findings on one core; two cores from here on."""
    root = _plan(build_tree)
    monkeypatch.setenv("UDV_JOBS", "1")
    found = _lint(root)
    monkeypatch.setenv("UDV_JOBS", "2")
    return root, found


def test_a_second_process_that_fails_changes_nothing(
    alone: tuple[Path, list[Finding]], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, found = alone
    monkeypatch.setattr(marshal, "dumps", lambda value: b"\x00kaput")
    assert _lint(root) == found


def test_a_second_process_that_sends_wrong_values_changes_nothing(
    alone: tuple[Path, list[Finding]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import udvikling.cores

    root, found = alone
    for wrong in ([], ["ukendt-id"] * 1000, [(0, 0)] * 1000, [(1, 2, 3)] * 1000, "x"):
        monkeypatch.setattr(udvikling.cores, "receive", lambda child, w=wrong: (True, w))
        assert _lint(root) == found


def test_answers_ahead_are_the_answers_one_at_a_time(
    monkeypatch: pytest.MonkeyPatch, two_cores: None, forks: list[int]
) -> None:
    ids = [f"tiltag-{i:04}-{word}" for i in range(300) for word in ("a", "bb")]
    values = [f"tiltag-{i:04}-{w}" for i in range(0, 300, 3) for w in ("ax", "cc", "b")]
    one = Suggester(ids)
    expected = [one.suggest(v) for v in values]
    ahead = Suggester(ids)
    ahead.answer_ahead(values)
    assert forks == [1]
    closest = Suggester._closest
    monkeypatch.setattr(Suggester, "_closest", lambda self, key: pytest.fail(key))
    assert [ahead.suggest(v) for v in values] == expected
    monkeypatch.setattr(Suggester, "_closest", closest)
    few = Suggester(ids)
    few.answer_ahead(values[:1])  # below PARALLEL_MIN (2): answered when asked
    assert forks == [1] and few.suggest(values[0]) == expected[0]


def test_place_all_places_as_place_does(
    build_tree: BuildTree, two_cores: None, forks: list[int]
) -> None:
    from udvikling.lint import lint_found

    loaded = load(_plan(build_tree))
    dataset = loaded.dataset
    assert dataset is not None
    found = lint_found(loaded, AS_OF)
    fresh = load(loaded.root).dataset  # positions not read yet here either
    assert fresh is not None
    one_by_one = [fresh.place(f) for f in found]
    forks.clear()  # the hints were answered on two cores too
    assert dataset.place_all(found) == one_by_one
    assert forks == [1]
    assert all(type(f) is Finding and f.line >= 1 for f in one_by_one)
