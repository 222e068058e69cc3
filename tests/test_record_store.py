"""The validated records kept between runs (src/udvikling/recordstore.py): a plan whose files
have not changed is neither validated again nor are the models' validators built, and what
comes back is exactly what validation made."""

from __future__ import annotations

import dataclasses
import glob
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import udvikling.load
from conftest import shipped_plan
from udvikling.findings import Finding
from udvikling.load import Dataset, load
from udvikling.recordstore import RecordStore

REPO = Path(__file__).resolve().parents[1]
BROKEN = "data/initiatives/broken.yaml"
BLANK = "data/initiatives/blank-title.yaml"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    root = shipped_plan(tmp_path / "plan")
    # A file that does not validate (a wrong status, a yes/no word in a text field), and one
    # that validates with an error (a blank title): their findings must come back too.
    (root / BROKEN).write_text(
        "title: Brudt\ntrack: ny-styringsmodel\nstatus: måske\ntags: [ja, no]\n",
        encoding="utf-8",
    )
    (root / BLANK).write_text(
        'title: "  "\ntrack: ny-styringsmodel\nstatus: planlagt\n', encoding="utf-8"
    )
    return root


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The record files validated, in order."""
    seen: list[str] = []
    real = udvikling.load._validate_record

    def counted(model: Any, data: Any, source: Any, stem: str) -> Any:
        seen.append(source.path)
        return real(model, data, source, stem)

    monkeypatch.setattr(udvikling.load, "_validate_record", counted)
    return seen


def same(a: Any, b: Any, where: str = "") -> None:
    """``a`` and ``b`` are equal all the way down, with the same types (a tuple is not a
    list, a Decimal keeps its digits) and the same fields given."""
    assert type(a) is type(b), where
    if isinstance(a, BaseModel):
        assert a.__pydantic_fields_set__ == b.__pydantic_fields_set__, where
        assert list(a.__dict__) == list(b.__dict__), where
        for name in a.__dict__:
            same(a.__dict__[name], b.__dict__[name], f"{where}.{name}")
    elif isinstance(a, tuple | list):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{i}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for key in a:
            same(a[key], b[key], f"{where}[{key}]")
    elif dataclasses.is_dataclass(a):
        same(dataclasses.astuple(a), dataclasses.astuple(b), where)  # type: ignore[arg-type]
    elif isinstance(a, Decimal):
        assert str(a) == str(b), where
    else:
        assert a == b, where


def rows(findings: list[Finding]) -> list[tuple[Any, ...]]:
    return [(f.path, f.line, f.column, f.code, f.severity, f.message, f.hint) for f in findings]


def same_dataset(a: Dataset, b: Dataset) -> None:
    same(a.config, b.config, "config")
    for kind in ("initiatives", "meetings", "indicators", "reports"):
        assert list(getattr(a, kind)) == list(getattr(b, kind)), kind
        for key, record in getattr(a, kind).items():
            same(record, getattr(b, kind)[key], key)
    assert a.broken == b.broken
    assert a.unvalidated == b.unvalidated
    assert list(a.sources) == list(b.sources)


def test_kept_records_are_what_validation_made(
    cache: Path, plan: Path, validations: list[str]
) -> None:
    os.environ["UDV_NO_CACHE"] = "1"
    try:
        fresh = load(plan)
    finally:
        del os.environ["UDV_NO_CACHE"]
    first = load(plan)
    assert glob.glob(str(cache / "records-*.marshal"))
    validations.clear()
    again = load(plan)
    assert validations == []  # nothing validated: every file came from the store
    assert fresh.dataset is not None and again.dataset is not None and first.dataset is not None
    same_dataset(fresh.dataset, again.dataset)
    same_dataset(fresh.dataset, first.dataset)
    assert rows(again.findings) == rows(first.findings) == rows(fresh.findings)
    codes = {f.code for f in again.findings if f.path in (BROKEN, BLANK)}
    assert {"UDV107"} <= codes and len(codes) >= 2
    assert BROKEN in again.dataset.unvalidated
    assert "broken" in again.dataset.broken["initiative"]
    # Positions of a kept file are read again from the file when asked for.
    title = again.dataset.locate(BLANK, ("title",))
    assert (title.line, title.column) == (1, 8)


def test_a_warm_run_builds_no_validator_and_reads_no_yaml(cache: Path, plan: Path) -> None:
    script = (
        "import sys; from pathlib import Path; from udvikling.load import load; "
        "from udvikling.model import Initiative, Meeting; from udvikling.config import Config; "
        "loaded = load(Path(sys.argv[1])); "
        "assert loaded.dataset.initiatives and loaded.dataset.meetings; "
        "print(Initiative.__pydantic_complete__, Meeting.__pydantic_complete__, "
        "Config.__pydantic_complete__, 'yaml' in sys.modules, "
        "'udvikling.validation' in sys.modules); "
        # A kept record's positions are read from its file when first asked for.
        f"print(*loaded.dataset.locate({BLANK!r}, ('status',)))"
    )
    env = {**os.environ, "UDV_CACHE_DIR": str(cache)}
    env.pop("UDV_NO_CACHE", None)

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-c", script, str(plan)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.split()

    assert run() == ["True"] * 5 + ["3", "9"]  # the first run reads and validates
    # The second builds no validator, and imports neither the YAML reader nor validation.
    assert run() == ["False"] * 5 + ["3", "9"]


def test_a_changed_file_is_validated_again(cache: Path, plan: Path, validations: list[str]) -> None:
    load(plan)
    target = plan / BLANK
    text = target.read_text(encoding="utf-8")
    stat = target.stat()
    # Same size and modification time: only the bytes tell.
    target.write_text(text.replace('"  "', '"Ny"'), encoding="utf-8")
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    validations.clear()
    again = load(plan)
    assert validations == [BLANK]
    assert again.dataset is not None
    assert again.dataset.initiatives["blank-title"].title == "Ny"
    assert not [f for f in again.findings if f.path == BLANK]


def test_some_files_keep_the_rest_and_a_whole_load_drops_files_gone(
    cache: Path, plan: Path, validations: list[str]
) -> None:
    load(plan)
    load(plan, files=[BLANK])
    (plan / BROKEN).unlink()
    validations.clear()
    again = load(plan)
    assert validations == []  # the load of one file did not drop the others
    store = RecordStore.open(plan)
    assert store is not None
    assert BROKEN not in store and BLANK in store
    assert again.dataset is not None and "broken" not in again.dataset.broken["initiative"]


def test_a_damaged_or_foreign_store_is_not_used(
    cache: Path, plan: Path, validations: list[str]
) -> None:
    right = load(plan)
    (file,) = glob.glob(str(cache / "records-*.marshal"))
    blob = bytearray(Path(file).read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    Path(file).write_bytes(bytes(blob))
    validations.clear()
    again = load(plan)
    assert len(validations) == len(right.dataset.sources) - 1 if right.dataset else False
    assert rows(again.findings) == rows(right.findings)
    # A store sealed with another key (another user's folder, say) is not read either.
    (cache / "key").write_bytes(b"x" * 32)
    validations.clear()
    load(plan)
    assert validations


def test_a_git_revision_and_a_big_plan_do_not_use_the_store(
    cache: Path, plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from udvikling.safe_read import filesystem_reader

    load(plan, reader=filesystem_reader(plan))
    assert not glob.glob(str(cache / "records-*.marshal"))
    monkeypatch.setattr(udvikling.load, "STORE_MAX_ENTRIES", 10)
    load(plan)
    assert not glob.glob(str(cache / "records-*.marshal"))


def test_every_shipped_record_comes_back_the_same(cache: Path) -> None:
    loaded = load(REPO)
    assert loaded.dataset is not None
    store = RecordStore.open(REPO)
    assert store is not None
    records: list[BaseModel] = [loaded.dataset.config]
    for kind in ("initiatives", "meetings", "indicators", "reports"):
        records.extend(getattr(loaded.dataset, kind).values())
    assert len(records) > 70
    figures = 0
    for record in records:
        back = store.codec.decode(store.codec.encode(record))
        same(record, back, getattr(record, "id", "config"))
        assert back == record
        figures += sum(isinstance(v, Decimal) for v in _leaves(back))
    assert figures > 10  # the indicator's figures kept as exact decimals
    assert store.codec.decode(store.codec.encode(Decimal("1.50"))).as_tuple().exponent == -2


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, BaseModel):
        return [x for v in value.__dict__.values() for x in _leaves(v)]
    if isinstance(value, tuple | list):
        return [x for v in value for x in _leaves(v)]
    if isinstance(value, dict):
        return [x for v in value.values() for x in _leaves(v)]
    return [value]


def test_a_value_marshal_cannot_hold_is_not_kept_and_not_an_error(cache: Path, plan: Path) -> None:
    from udvikling.cache import SealedFile

    sealed = SealedFile.open(plan, "records", b"test")
    assert sealed is not None
    sealed.write({"a": object()})
    assert sealed.read() is None and not sealed.file.exists()
    sealed.write({"a": 1})
    assert sealed.read() == {"a": 1}
