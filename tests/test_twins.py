"""Plain twins of the records (src/udvikling/twins.py): a plan whose every file is kept
validated is shown by ``udv show``, ``status``, ``overdue`` and ``list`` without importing
pydantic, and what they print is exactly what the models give."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from conftest import shipped_plan
from udvikling.load import load
from udvikling.recordstore import model_codec, twin_codec
from udvikling.twins import Twin

REPO = Path(__file__).resolve().parents[1]
ID = "ny-styringsmodel"
MEETING = "2024-08-20-kb"
OTHER = "administrativ-understoettelse-af-decentrale-ledere"


def alike(model: Any, twin: Any, where: str = "") -> None:
    """``twin`` holds what ``model`` holds, all the way down: a model's twin has its class
    name, its fields in its order, the same fields given and the same values."""
    if isinstance(model, BaseModel):
        assert isinstance(twin, Twin), where
        assert type(twin).__name__ == type(model).__name__, where
        assert type(twin).twin_fields == tuple(type(model).model_fields), where
        assert twin.model_fields_set == model.model_fields_set, where
        assert list(twin.__dict__) == list(model.__dict__), where
        for name, value in model.__dict__.items():
            alike(value, twin.__dict__[name], f"{where}.{name}")
    elif isinstance(model, tuple | list):
        assert type(twin) is type(model) and len(twin) == len(model), where
        for i, (x, y) in enumerate(zip(model, twin, strict=True)):
            alike(x, y, f"{where}[{i}]")
    elif isinstance(model, dict):
        assert type(twin) is dict and list(twin) == list(model), where
        for key in model:
            alike(model[key], twin[key], f"{where}[{key}]")
    else:
        assert type(twin) is type(model), where
        assert twin == model, where
        if isinstance(model, Decimal):
            assert str(twin) == str(model), where
        if dataclasses.is_dataclass(model):
            assert twin is model or dataclasses.astuple(twin) == dataclasses.astuple(model)  # type: ignore[arg-type]


def _records(dataset: Any) -> list[BaseModel]:
    found: list[BaseModel] = [dataset.config]
    for kind in ("initiatives", "meetings", "indicators", "reports"):
        found.extend(getattr(dataset, kind).values())
    return found


def _nested(value: Any) -> list[Any]:
    if isinstance(value, BaseModel | Twin):
        return [value, *(x for v in value.__dict__.values() for x in _nested(v))]
    if isinstance(value, tuple | list):
        return [x for v in value for x in _nested(v)]
    if isinstance(value, dict):
        return [x for v in value.values() for x in _nested(v)]
    return []


def test_every_shipped_record_has_a_twin_that_holds_and_does_the_same(cache: Path) -> None:
    loaded = load(REPO)
    assert loaded.dataset is not None
    models = model_codec()
    twins = twin_codec(models.table)
    records = _records(loaded.dataset)
    assert len(records) > 70
    kinds: set[str] = set()
    for record in records:
        twin = twins.decode(models.encode(record))
        alike(record, twin, getattr(record, "id", "config"))
        # What the models do beyond holding values, the twins do the same.
        for m, t in zip(_nested(record), _nested(twin), strict=True):
            name = type(m).__name__
            kinds.add(name)
            if name == "Initiative":
                assert (t.ongoing, t.due_period) == (m.ongoing, m.due_period)
            elif name == "Meeting":
                assert t.decided == m.decided
            elif name == "Update":
                assert t.changes() == m.changes()
            elif name == "Body":
                assert t.label == m.label
            elif name == "Block":
                assert t.kind == m.kind
    assert {"Initiative", "Meeting", "Update", "Body", "Block", "Milestone", "Track"} <= kinds


def test_a_twin_is_frozen_copies_as_a_model_copies_and_compares_by_value(cache: Path) -> None:
    loaded = load(REPO)
    assert loaded.dataset is not None
    models = model_codec()
    twins = twin_codec(models.table)
    model = loaded.dataset.initiatives[ID]
    twin = twins.decode(models.encode(model))
    with pytest.raises(TypeError, match="frossen"):
        twin.title = "Andet"
    with pytest.raises(TypeError, match="frossen"):
        del twin.title
    assert twin.title == model.title
    # model_copy(update=...) as pydantic's: values replaced, not validated, the fields given
    # grow by the names updated, the original untouched.
    alike(
        model.model_copy(update={"title": "Ny", "updates": model.updates[:1], "units": ("x",)}),
        twin.model_copy(update={"title": "Ny", "updates": twin.updates[:1], "units": ("x",)}),
    )
    assert twin.title == model.title
    assert twin.model_copy() == twin and twin.model_copy() is not twin
    again = twins.decode(models.encode(model))
    assert again == twin and again is not twin
    entry, entry_twin = model.updates[0], twin.updates[0]
    assert hash(entry_twin) == hash(twins.decode(models.encode(entry)))
    assert len({entry_twin, twins.decode(models.encode(entry)), twin.updates[-1]}) == 2
    hashable = []
    for made in (model, twin):  # a record with a mapping in it hashes neither way
        try:
            hashable.append(bool(hash(made)) or True)
        except TypeError:
            hashable.append(False)
    assert hashable[0] == hashable[1]
    assert twin.model_copy(update={"title": "Ny"}) != twin
    other = twins.decode(models.encode(loaded.dataset.meetings[MEETING]))
    assert twin != other and type(twin).__name__ == "Initiative"
    assert repr(twin).startswith(f"Initiative(id='{ID}', ")


COMMANDS = [
    ["show", ID],
    ["show", ID, "-f", "json"],
    ["show", OTHER],
    ["show", MEETING],
    ["show", MEETING, "-f", "json"],
    ["status"],
    ["status", "-q", "2024Q1", "-f", "md"],
    ["status", "-f", "json"],
    ["overdue"],
    ["overdue", "--by", "owner", "-f", "md"],
    ["overdue", "-f", "json"],
    ["list", "tiltag"],
    ["list", "møder", "-f", "json"],
    ["list", "tiltag", "--status", "i-gang", "--track", "oekonomi"],
    ["list", "rapporter"],
]


def _udv(plan: Path, cache: Path, args: list[str], *, kept: bool) -> tuple[str, str, int, bool]:
    """Run ``udv args`` in ``plan``: stdout, stderr, exit code and whether pydantic was
    imported (``kept``: with the cache folder; else with none, so every file is validated)."""
    env = {**os.environ, "UDV_CACHE_DIR": str(cache), "COLUMNS": "100"}
    env.pop("UDV_NO_CACHE", None)
    if not kept:
        env["UDV_NO_CACHE"] = "1"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "udvikling", *args],
        cwd=plan,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    imported = [line for line in done.stderr.splitlines() if line.startswith("import time:")]
    stderr = "\n".join(
        line for line in done.stderr.splitlines() if not line.startswith("import time:")
    )
    pydantic = any(line.rsplit("|", 1)[-1].strip() == "pydantic" for line in imported)
    return done.stdout, stderr, done.returncode, pydantic


@pytest.mark.parametrize("day", ["2024-10-01", "2026-12-07"])
def test_reading_commands_on_a_kept_plan_print_the_same_without_pydantic(
    tmp_path: Path, cache: Path, day: str
) -> None:
    plan = shipped_plan(tmp_path / "plan")
    # Validated once (models), kept; every run after it is served as twins.
    assert _udv(plan, cache, ["status", "--as-of", day], kept=True)[2] == 0
    for args in COMMANDS:
        line = [*args, "--as-of", day]
        fresh = _udv(plan, cache, line, kept=False)
        served = _udv(plan, cache, line, kept=True)
        assert fresh[3], line  # validated: the models
        assert not served[3], line  # kept: no pydantic
        assert served[:3] == fresh[:3], line
        assert fresh[2] == 0 and fresh[0], line


def test_a_changed_file_is_validated_and_then_kept_again(tmp_path: Path, cache: Path) -> None:
    plan = shipped_plan(tmp_path / "plan")
    line = ["show", ID, "--as-of", "2026-12-07"]
    first = _udv(plan, cache, line, kept=True)
    assert first[3] and first[2] == 0
    assert not _udv(plan, cache, line, kept=True)[3]
    target = plan / "data" / "initiatives" / f"{ID}.yaml"
    text = target.read_text(encoding="utf-8")
    stat = target.stat()
    target.write_text(text.replace("tags: [BDO]", "tags: [Ændret emneord]", 1), encoding="utf-8")
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # only the bytes tell
    changed = _udv(plan, cache, line, kept=True)
    assert changed[3]  # one file changed: validated with the models
    assert "Ændret emneord" in changed[0] and "Ændret emneord" not in first[0]
    again = _udv(plan, cache, line, kept=True)
    assert not again[3] and again[:3] == changed[:3]
    # A file that does not validate: the models again, and the same notice either way.
    (plan / "data" / "initiatives" / "brudt.yaml").write_text(
        "title: Brudt\ntrack: ny-styringsmodel\nstatus: måske\n", encoding="utf-8"
    )
    status = ["status", "--as-of", "2026-12-07"]
    broken = _udv(plan, cache, status, kept=True)
    served = _udv(plan, cache, status, kept=True)
    fresh = _udv(plan, cache, status, kept=False)
    assert broken[3] and broken[2] == 0 and "fejl" in broken[1]
    assert not served[3] and served[:3] == fresh[:3] == broken[:3]


def test_a_kept_record_that_cannot_be_made_again_gives_models_everywhere(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from udvikling.recordstore import RecordStore

    plan = shipped_plan(tmp_path / "plan")
    load(plan)
    served = load(plan, twins=True)
    assert served.dataset is not None
    assert all(isinstance(r, Twin) for r in _records(served.dataset))
    real = RecordStore.get

    def failing(self: RecordStore, rel: str, digest: bytes) -> Any:
        if rel.endswith(f"/{ID}.yaml") and self.codec is not model_codec():
            return None  # as when a kept record cannot be decoded as a twin
        return real(self, rel, digest)

    monkeypatch.setattr(RecordStore, "get", failing)
    loaded = load(plan, twins=True)
    assert loaded.dataset is not None
    assert all(isinstance(r, BaseModel) for r in _records(loaded.dataset))
    assert [f.code for f in loaded.findings] == [f.code for f in served.findings]
    # A configuration (or plan) given or read from git is never served as twins.
    config = load(plan).dataset
    assert config is not None
    given = load(plan, config=(config.config, config.sources["udvikling.yaml"]), twins=True)
    assert given.dataset is not None
    assert all(isinstance(r, BaseModel) for r in _records(given.dataset))


def test_a_load_takes_the_hashes_started_early_when_they_are_of_its_files(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import udvikling.index
    from udvikling.load import start_hashing

    plan = shipped_plan(tmp_path / "plan")
    load(plan)
    monkeypatch.setattr(udvikling.index, "EARLY_MIN", 1)
    monkeypatch.setattr("udvikling.cores.jobs", lambda: 2)
    asked: list[int] = []
    real = udvikling.index.Hashing.result

    def counted(self: udvikling.index.Hashing) -> list[bytes | None]:
        asked.append(len(self.rels))
        return real(self)

    monkeypatch.setattr(udvikling.index.Hashing, "result", counted)
    hashing = start_hashing(plan)
    assert hashing is not None and hashing.rels[0] == "udvikling.yaml"
    early = load(plan, twins=True, hashing=hashing)
    assert asked == [len(hashing.rels)]
    assert early.dataset is not None
    assert all(isinstance(r, Twin) for r in _records(early.dataset))
    again = load(plan, twins=True)
    assert again.dataset is not None
    for a, b in zip(_records(early.dataset), _records(again.dataset), strict=True):
        assert a == b
    # Hashes of other files (the plan changed since, say) are not used.
    target = plan / "data" / "initiatives" / f"{ID}.yaml"
    stale = start_hashing(plan)
    target.write_text(target.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    (plan / "data" / "initiatives" / "ny.yaml").write_text(
        "title: Ny\ntrack: oekonomi\nstatus: planlagt\n", encoding="utf-8"
    )
    asked.clear()
    changed = load(plan, twins=True, hashing=stale)
    assert asked == [] and changed.dataset is not None
    assert "ny" in changed.dataset.initiatives
