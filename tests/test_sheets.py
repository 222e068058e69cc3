"""The status round trip on the shipped plan: export, fill, import, and the journal shows it."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from sheetkit import inserted_only, shipped_plan, snapshot, udv
from udvikling.chrono import CLOSED_STATUSES, plan_at, view_at
from udvikling.load import load
from udvikling.periods import parse_period

AS_OF = "2025-03-01"
DAY = "2025-03-20"
QUARTER = "1. kvartal 2025"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return shipped_plan(tmp_path / "plan")


def export(capsys: pytest.CaptureFixture[str], plan: Path, out: Path, *extra: str) -> dict:
    code, _, err = udv(
        capsys, "sheet", "export", "--root", str(plan), "-o", str(out), "--as-of", AS_OF, *extra
    )
    assert code == 0, err
    manifest = json.loads((out / "udsendelse.json").read_text(encoding="utf-8"))
    assert isinstance(manifest, dict)
    return manifest


def fill_all(out: Path, manifest: dict, filled: Path) -> dict[str, dict[str, object]]:
    """Answer every row of every workbook as its owner would; the answers by initiative."""
    filled.mkdir()
    answers: dict[str, dict[str, object]] = {}
    for sheet in manifest["sheets"]:
        book = openpyxl.load_workbook(out / sheet["file"])
        ws = book["Tiltag"]
        col = {str(c.value): c.column for c in ws[1]}
        for number, row in enumerate(sheet["rows"]):
            at = row["row"]
            assert ws.cell(row=at, column=col["Id"]).value == row["id"]
            answer: dict[str, object] = {
                "text": f"Status fra {sheet['owner_name']} om {row['id']}."
            }
            ws.cell(row=at, column=col["Ny opdatering"]).value = answer["text"]
            ws.cell(row=at, column=col["Perioden den vedrører"]).value = QUARTER
            if number == 0:
                ws.cell(row=at, column=col["Ny status"]).value = "I gang"
                answer["status"] = "i-gang"
            open_milestones = ws.cell(row=at, column=col["Milepæle, der ikke er nået"]).value
            if open_milestones:
                first = str(open_milestones).split("\n")[0].removeprefix("• ")
                title = first.rsplit(" (frist", 1)[0]
                ws.cell(row=at, column=col["Nåede milepæle"]).value = title
                answer["reached"] = (title,)
            answers[row["id"]] = answer
        book.save(filled / sheet["file"])
    return answers


def test_round_trip_on_the_shipped_plan(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ud"
    manifest = export(capsys, plan, out)

    # Every open initiative of the plan as it stood goes to exactly its owner.
    loaded = load(plan).dataset
    assert loaded is not None
    stood = plan_at(loaded, view_at(date.fromisoformat(AS_OF)))
    expected = {
        i.id: i.owner
        for i in stood.initiatives.values()
        if i.status not in CLOSED_STATUSES and not loaded.config.tracks[i.track].separate
    }
    sent = {row["id"]: sheet["owner"] for sheet in manifest["sheets"] for row in sheet["rows"]}
    assert sent == expected
    assert all(s["as_of"] == AS_OF and s["format"] == "xlsx" for s in manifest["sheets"])

    answers = fill_all(out, manifest, tmp_path / "svar")
    files = sorted((tmp_path / "svar").glob("*.xlsx"))
    before = {p: p.read_bytes() for p in (plan / "data").rglob("*.yaml")}
    code, stdout, _ = udv(
        capsys, "sheet", "import", "--root", str(plan), *map(str, files), "--date", DAY
    )
    assert code == 0, stdout
    assert f"Indlæste {len(answers)} svar fra {len(files)} ark." in stdout
    assert " fejl:" not in stdout

    after = load(plan).dataset
    assert after is not None
    for initiative, answer in answers.items():
        entry = after.initiatives[initiative].updates[-1]
        assert entry.date == parse_period(DAY)
        assert entry.concerns == parse_period(QUARTER)
        assert entry.text == answer["text"]
        assert entry.status == answer.get("status")
        assert entry.reached == answer.get("reached", ())
        assert entry.reported_in is None
    for path, old in before.items():
        new = path.read_bytes()
        if path.stem in answers:
            block = inserted_only(old, new).decode("utf-8")
            assert block.lstrip().startswith(("- date: 2025-03-20", "updates:\n"))
        else:
            assert new == old, path

    code, lint_out, _ = udv(capsys, "lint", "--root", str(plan))
    assert code == 0, lint_out
    assert " fejl" not in lint_out.split("\n\n")[0]
    code, status, _ = udv(
        capsys, "status", "--root", str(plan), "-q", "2025Q1", "--as-of", "2025-03-31"
    )
    assert code == 0
    code, note, _ = udv(capsys, "render", "notat", "--root", str(plan), "--as-of", "2025-03-31")
    assert code == 0
    for initiative, answer in answers.items():
        assert str(answer["text"]) in status, initiative
        if not after.initiatives[initiative].confidential:
            assert str(answer["text"]) in note, initiative

    # Importing the same workbooks again adds nothing, on the same day or a later one.
    posted = {p: p.read_bytes() for p in before}
    for again in ([], ["--date", "2025-03-21"]):
        code, stdout, _ = udv(
            capsys,
            "sheet",
            "import",
            "--root",
            str(plan),
            *map(str, files),
            *(again or ["--date", DAY]),
        )
        assert code == 0, stdout
        assert (
            f"Indlæste 0 svar fra {len(files)} ark. {len(answers)} svar var allerede indlæst."
            in stdout
        )
        assert {p: p.read_bytes() for p in before} == posted


def test_csv_round_trip(plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import csv
    import io

    out = tmp_path / "ud"
    manifest = export(capsys, plan, out, "--format", "csv")
    sheet = max(manifest["sheets"], key=lambda s: len(s["rows"]))
    raw = (out / sheet["file"]).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads æ, ø, å
    assert b"\r\n" in raw and raw.count(b";") > raw.count(b",")
    text = raw.decode("utf-8-sig")
    assert text.split("\r\n")[0].split(";")[:2] == ["Id", "Tiltag"]
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert [r[0] for r in rows[1:]] == [r["id"] for r in sheet["rows"]]
    heading = rows[0]
    rows[1][heading.index("Ny opdatering")] = 'Svar fra et CSV-ark: æøå og "citat"; med semikolon.'
    rows[1][heading.index("Perioden den vedrører")] = "efterår 2024"
    # Saved by Excel as plain "CSV" on a Danish Windows: Windows-1252, no BOM.
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    returned = tmp_path / sheet["file"]
    returned.write_bytes(buffer.getvalue().encode("cp1252"))

    code, stdout, _ = udv(
        capsys,
        "sheet",
        "import",
        "--root",
        str(plan),
        str(returned),
        "--date",
        DAY,
        "--manifest",
        str(out / "udsendelse.json"),
    )
    assert code == 0, stdout
    dataset = load(plan).dataset
    assert dataset is not None
    entry = dataset.initiatives[rows[1][0]].updates[-1]
    assert entry.text == 'Svar fra et CSV-ark: æøå og "citat"; med semikolon.'
    assert entry.concerns == parse_period("efterår 2024")


def test_a_csv_next_to_its_manifest_needs_no_option(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv
    import io

    out = tmp_path / "ud"
    manifest = export(capsys, plan, out, "--format", "csv")
    path = out / manifest["sheets"][0]["file"]
    rows = list(
        csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""), delimiter=";")
    )
    rows[1][rows[0].index("Ny opdatering")] = "Fint."
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")
    code, stdout, _ = udv(capsys, "sheet", "import", "--root", str(plan), str(path), "--date", DAY)
    assert code == 0, stdout
    assert stdout.startswith("Indlæste 1 svar fra 1 ark.")


def test_dry_run_shows_the_change_and_writes_nothing(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ud"
    owner = export(capsys, plan, tmp_path / "alle")["sheets"][0]["owner"]
    manifest = export(capsys, plan, out, "--owner", owner)
    [sheet] = manifest["sheets"]
    book = openpyxl.load_workbook(out / sheet["file"])
    book["Tiltag"]["I2"] = "Et svar, der kun vises."
    book.save(out / sheet["file"])
    before = snapshot(plan)
    code, stdout, _ = udv(
        capsys,
        "sheet",
        "import",
        "--root",
        str(plan),
        str(out / sheet["file"]),
        "--dry-run",
        "--date",
        DAY,
    )
    assert code == 0, stdout
    assert stdout.startswith("Ændringer fra planen nu til planen med svarene")
    assert "1 tiltag ændret" in stdout
    assert "ny opdatering 20. marts 2025: Et svar, der kun vises." in stdout
    assert "Ville indlæse 1 svar fra 1 ark." in stdout
    assert "Intet er skrevet (--dry-run)." in stdout
    assert snapshot(plan) == before


def test_a_failed_write_leaves_every_file_as_it_was(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ud"
    manifest = export(capsys, plan, out)
    answers = fill_all(out, manifest, tmp_path / "svar")
    assert len(answers) >= 2
    files = sorted((tmp_path / "svar").glob("*.xlsx"))
    before = snapshot(plan)
    real = os.replace
    calls = {"n": 0}

    def flaky(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    code, _stdout, err = udv(
        capsys, "sheet", "import", "--root", str(plan), *map(str, files), "--date", DAY
    )
    assert code == 2
    assert "Svarene kunne ikke skrives (No space left on device); planen er uændret." in err
    assert snapshot(plan) == before
    leftovers = [p for p in (plan / "data").rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
