"""What a loaded plan keeps, and for how long (issue 14: 100,000 initiatives in 1 GB).

The figures are measured by ``bench/run.py`` (docs/performance.md); these tests pin the
mechanisms: the files are read, parsed and validated one after another, so no moment holds
every file's plain data; what a plan says again and again is held once; and a document is
made from one copy of the plan as it stood, not three.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from udvikling.load import load

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("plan") / "plan"
    root.mkdir()
    shutil.copy(REPO / "udvikling.yaml", root / "udvikling.yaml")
    shutil.copytree(REPO / "data", root / "data")
    return root


def test_files_are_validated_as_they_are_read(
    shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first record is validated before all files are read: the loader never holds the
    whole plan's plain data (at 100,000 initiatives, 1.5 GB with the models)."""
    import udvikling.load
    import udvikling.reading

    monkeypatch.setenv("UDV_NO_CACHE", "1")
    monkeypatch.setattr(udvikling.reading, "CHUNK", 4)
    reads: list[str] = []
    real_reader = udvikling.load.filesystem_reader

    def counting(root: Path) -> Any:
        read = real_reader(root)

        def counted(rel: str) -> bytes:
            reads.append(rel)
            return read(rel)

        return counted

    read_at_first_validation: list[int] = []
    real_validate = udvikling.load._validate_record

    def validate(*args: Any) -> Any:
        if not read_at_first_validation:
            read_at_first_validation.append(len(set(reads)))
        return real_validate(*args)

    monkeypatch.setattr(udvikling.load, "filesystem_reader", counting)
    monkeypatch.setattr(udvikling.load, "_validate_record", validate)
    loaded = load(shipped)
    assert loaded.dataset is not None and len(loaded.dataset.sources) > 60
    # udvikling.yaml and the first record, of 72 files
    assert read_at_first_validation == [2]


def test_what_is_said_again_is_held_once(shipped: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UDV_NO_CACHE", "1")
    dataset = load(shipped).dataset
    assert dataset is not None
    initiatives = list(dataset.initiatives.values())
    # The same text, the same object: owners, tracks, statuses, references, reasons.
    by_owner: dict[str, list[Any]] = {}
    for initiative in initiatives:
        if initiative.owner is not None:
            by_owner.setdefault(initiative.owner, []).append(initiative.owner)
    shared = [owners for owners in by_owner.values() if len(owners) > 1]
    assert shared and all(all(o is owners[0] for o in owners) for owners in shared)
    statuses = [i.status for i in initiatives if i.status == "i-gang"]
    assert len(statuses) > 1 and all(s is statuses[0] for s in statuses)
    # The same period text, the same (immutable) period.
    meetings = [m for m in dataset.meetings.values()]
    dates: dict[str, Any] = {}
    for meeting in meetings:
        dates.setdefault(meeting.date.start.isoformat(), []).append(meeting.date)
    assert any(len(same) > 1 for same in dates.values())
    for same in dates.values():
        if len({(p.start, p.end, p.grain) for p in same}) == 1:
            assert all(p is same[0] for p in same)
    # Records with the same fields given share one set of them, and a copy with changes
    # gets its own (the shared one is never changed).
    given: dict[frozenset[str], list[Any]] = {}
    for initiative in initiatives:
        fields = initiative.__pydantic_fields_set__
        given.setdefault(frozenset(fields), []).append(fields)
    assert any(len(sets) > 1 for sets in given.values())
    assert all(all(s is sets[0] for s in sets) for sets in given.values())
    first = initiatives[0]
    before = set(first.__pydantic_fields_set__)
    copy = first.model_copy(update={"title": "Ny titel", "since": None})
    assert first.__pydantic_fields_set__ == before
    assert copy.__pydantic_fields_set__ == before | {"title", "since"}
    assert copy.__pydantic_fields_set__ is not first.__pydantic_fields_set__


def test_clean_files_keep_no_text(shipped: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A clean file read from the working tree keeps neither its positions nor its text:
    they are read again from the file when a finding needs a line."""
    monkeypatch.setenv("UDV_NO_CACHE", "1")
    dataset = load(shipped).dataset
    assert dataset is not None
    deferred = [s for p, s in dataset.sources.items() if s.deferred and p.startswith("data/")]
    assert len(deferred) > 60
    assert all(s._pending == b"" for s in deferred)
    assert all(s._values is deferred[0]._values and not s._values for s in deferred)


def test_public_view_copies_only_what_it_hides(
    shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from udvikling.render.contexts import public_view

    monkeypatch.setenv("UDV_NO_CACHE", "1")
    dataset = load(shipped).dataset
    assert dataset is not None
    public = public_view(dataset, include_confidential=False)
    same = [k for k, m in dataset.meetings.items() if public.meetings[k] is m]
    changed = [k for k, m in dataset.meetings.items() if public.meetings[k] is not m]
    assert same
    for key in changed:
        items = dataset.meetings[key].items
        hidden = set(dataset.initiatives) - set(public.initiatives)
        assert any(not i.public or not hidden.isdisjoint(i.initiatives) for i in items)


@pytest.mark.parametrize("kind", ["notat", "procesplan"])
def test_a_document_is_made_from_one_copy_of_the_plan(
    shipped: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    import udvikling.chrono.knowledge
    from udvikling.render import documents

    monkeypatch.setenv("UDV_NO_CACHE", "1")
    dataset = load(shipped).dataset
    assert dataset is not None
    calls: list[Any] = []
    real = udvikling.chrono.knowledge.plan_at

    def counted(plan: Any, view: Any) -> Any:
        calls.append(view)
        return real(plan, view)

    monkeypatch.setattr(udvikling.chrono.knowledge, "plan_at", counted)
    rendered = getattr(documents, kind)(dataset, date(2024, 4, 1))
    assert rendered.markdown
    assert len(calls) == 1


def test_what_is_said_again_is_held_once_from_the_cache_too(
    shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import udvikling.load

    monkeypatch.setattr(udvikling.load, "CACHE_MIN", 1)
    monkeypatch.delenv("UDV_NO_CACHE", raising=False)
    monkeypatch.setenv("UDV_CACHE_DIR", str(tmp_path / "cache"))
    for _ in range(2):  # cold, then every file from the cache
        dataset = load(shipped).dataset
        assert dataset is not None
        owners: dict[str, list[str]] = {}
        for initiative in dataset.initiatives.values():
            if initiative.owner is not None:
                owners.setdefault(initiative.owner, []).append(initiative.owner)
        repeated = [same for same in owners.values() if len(same) > 1]
        assert repeated and all(all(o is same[0] for o in same) for same in repeated)
    assert list((tmp_path / "cache").glob("parse-*.marshal"))
