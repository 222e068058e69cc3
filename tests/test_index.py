"""The plan index: ``udv show`` from the files that concern the record gives exactly what the
whole plan gives, and the index is never stale (checked by content, like the parse cache)."""

from __future__ import annotations

import marshal
import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import udvikling.index
from udvikling.chrono import stand, view_at
from udvikling.index import PlanIndex, related_files
from udvikling.load import load
from udvikling.output import report_show, show_json
from udvikling.output.report_json import dumps
from udvikling.reports.listing import initiative_view, meeting_detail

REPO = Path(__file__).resolve().parents[1]
DAYS = (date(2023, 6, 1), date(2024, 4, 24), date(2026, 11, 23))


def shown(root: Path, record_id: str, day: date, files: list[str] | None) -> str:
    dataset = load(root, files=files).dataset
    assert dataset is not None
    standing = stand(dataset, view_at(day))
    plan = standing.plan
    if record_id in plan.initiatives:
        view = initiative_view(standing, record_id)
        text = report_show.show_initiative_text(view)
        return text + dumps("show", show_json.show_initiative_json(plan, view))
    if record_id in plan.meetings:
        meeting = meeting_detail(standing, record_id)
        text = report_show.show_meeting_text(meeting)
        return text + dumps("show", show_json.show_meeting_json(standing, meeting))
    return "ikke i planen"


def test_every_record_is_shown_as_from_the_whole_plan(cache: Path) -> None:
    index = PlanIndex.current(REPO)
    ids = [*index.ids("initiative"), *index.ids("meeting")]
    assert len(ids) > 60
    for record_id in ids:
        files = related_files(index, record_id)
        assert len(files) < len(index.entries)
        for day in DAYS:
            assert shown(REPO, record_id, day, files) == shown(REPO, record_id, day, None), (
                record_id,
                day,
            )


def copy_plan(tmp_path: Path) -> Path:
    root = tmp_path / "plan"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "udvikling.yaml", root / "udvikling.yaml")
    return root


def test_a_new_file_naming_the_record_is_found(tmp_path: Path, cache: Path) -> None:
    root = copy_plan(tmp_path)
    before = related_files(PlanIndex.current(root), "kommunikationsstrategi")
    meeting = root / "data/meetings/2030-01-01-vpu.yaml"
    meeting.write_text(
        "body: vpu\ndate: 2030-01-01\ntitle: Nyt møde\nkind: status\n"
        "items:\n  - title: Punkt\n    initiatives: [kommunikationsstrategi]\n",
        encoding="utf-8",
    )
    after = related_files(PlanIndex.current(root), "kommunikationsstrategi")
    assert set(after) - set(before) == {"data/meetings/2030-01-01-vpu.yaml"}
    day = date(2030, 2, 1)
    text = shown(root, "kommunikationsstrategi", day, after)
    assert "Nyt møde" in text
    assert text == shown(root, "kommunikationsstrategi", day, None)


def test_a_changed_file_with_the_same_size_and_time_is_read_again(
    tmp_path: Path, cache: Path
) -> None:
    root = copy_plan(tmp_path)
    path = root / "data/initiatives/ny-styringsmodel.yaml"
    PlanIndex.current(root)
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    # The same number of bytes, and the same modification time: only the content differs.
    changed = text.replace("[uvildig-undersoegelse-2022]", "[kommunikationsstrategi, x1]", 1)
    assert changed != text and len(changed) == len(text)
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size
    index = PlanIndex.current(root)
    assert "data/initiatives/ny-styringsmodel.yaml" in index.naming("kommunikationsstrategi")


def test_the_index_is_kept_and_only_changed_files_are_parsed(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_plan(tmp_path)
    first = PlanIndex.current(root)
    parsed: list[list[str]] = []
    original = udvikling.index._parse

    def counting(root: Path, rels: dict[str, bytes]) -> dict[str, udvikling.index.Entry]:
        parsed.append(sorted(rels))
        return original(root, rels)

    monkeypatch.setattr(udvikling.index, "_parse", counting)
    assert PlanIndex.current(root).entries == first.entries
    assert parsed == []
    target = root / "data/initiatives/kommunikationsstrategi.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "\n# ændret\n", encoding="utf-8")
    (root / "data/initiatives/ny-styringsmodel.yaml").unlink()
    index = PlanIndex.current(root)
    assert parsed == [["data/initiatives/kommunikationsstrategi.yaml"]]
    assert "data/initiatives/ny-styringsmodel.yaml" not in index.entries


def test_a_damaged_or_forged_index_is_not_used(tmp_path: Path, cache: Path) -> None:
    root = copy_plan(tmp_path)
    good = PlanIndex.current(root).entries
    (file,) = cache.glob("index-*.marshal")
    key, blob, seal = marshal.loads(file.read_bytes())
    rows = marshal.loads(blob)
    forged = {rel: (digest, "Forfalsket", refs) for rel, (digest, _, refs) in rows.items()}
    file.write_bytes(marshal.dumps((key, marshal.dumps(forged), seal)))
    assert PlanIndex.current(root).entries == good
    file.write_bytes(b"\x00garbage")
    assert PlanIndex.current(root).entries == good


def test_without_a_cache_the_index_is_made_each_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UDV_NO_CACHE", "1")
    root = copy_plan(tmp_path)
    index = PlanIndex.current(root)
    assert index.ids("initiative")["kommunikationsstrategi"].startswith("Udarbejde")
    assert not list(tmp_path.rglob("index-*.marshal"))


@pytest.fixture
def hashed(tmp_path: Path) -> tuple[Path, list[str], list[bytes | None]]:
    """A plan with a record file that cannot be read, its record files and their hashes
    worked out in this process alone."""
    root = copy_plan(tmp_path)
    (root / "data/meetings/ulaeselig.yaml").mkdir()  # a folder named like a record
    rels = udvikling.index.list_records(root)
    alone = udvikling.index.digests(root, rels)
    assert alone.count(None) == 1 and len(alone) == len(rels)
    return root, rels, alone


def test_a_second_process_hashes_half_the_files_and_a_failing_one_changes_nothing(
    hashed: tuple[Path, list[str], list[bytes | None]], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, rels, alone = hashed
    monkeypatch.setattr(udvikling.index, "PARALLEL_MIN", 1)
    monkeypatch.setattr("udvikling.cores.jobs", lambda: 2)
    assert udvikling.index.digests(root, rels) == alone
    # A child that sends something else (or dies): this process hashes its files itself.
    monkeypatch.setattr(marshal, "dumps", lambda value: b"\x00kaput")
    assert udvikling.index.digests(root, rels) == alone


def test_hashing_started_early_gives_what_hashing_now_gives(
    hashed: tuple[Path, list[str], list[bytes | None]], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, rels, alone = hashed
    monkeypatch.setattr(udvikling.index, "EARLY_MIN", 1)
    monkeypatch.setattr("udvikling.cores.jobs", lambda: 2)
    forks: list[int] = []
    real = udvikling.index._fork

    def counted(work: Any) -> Any:
        forks.append(1)
        return real(work)

    monkeypatch.setattr(udvikling.index, "_fork", counted)
    early = udvikling.index.start_hashing(root, rels)
    assert forks == [1]
    assert early.result() == alone and early.result() is early.result()
    # The index takes them (for the same files), and is what it is without them.
    hashing = udvikling.index.start_hashing(root, rels)
    made = udvikling.index.PlanIndex.current(root, hashing=hashing)
    assert made.entries == udvikling.index.PlanIndex.current(root).entries
    # Many files: the child hashes two of every three, this process the rest.
    monkeypatch.setattr(udvikling.index, "PARALLEL_MIN", 2)
    shared = udvikling.index.start_hashing(root, rels)
    assert 0 < len(shared._theirs) < len(rels) and shared.result() == alone
    monkeypatch.setattr(udvikling.index, "PARALLEL_MIN", 10_000)
    # One core: nothing forked, the files hashed when asked.
    monkeypatch.setattr("udvikling.cores.jobs", lambda: 1)
    forks.clear()
    assert udvikling.index.start_hashing(root, rels).result() == alone and forks == []
    # A child that sends something else (or dies): this process hashes the files itself.
    monkeypatch.setattr("udvikling.cores.jobs", lambda: 2)
    monkeypatch.setattr(marshal, "dumps", lambda value: b"\x00kaput")
    assert udvikling.index.start_hashing(root, rels).result() == alone and forks == [1]
    monkeypatch.setattr(udvikling.index, "PARALLEL_MIN", 2)
    assert udvikling.index.start_hashing(root, rels).result() == alone and forks == [1, 1]
