"""``udv import``: plans udv did not write, from Word, Excel and CSV, into a new plan.

Each test builds its source file here (python-docx, openpyxl, bytes for CSV), imports it into
a fresh ``udv init`` plan and reads the result back: the records, what was declared in
udvikling.yaml, and every message about what could not be placed.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from udvikling.cli import run
from udvikling.lint import lint
from udvikling.load import load

AS_OF = date(2026, 3, 1)


@pytest.fixture(autouse=True)
def not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)


@pytest.fixture
def plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    root = tmp_path / "plan"
    code = run(
        ["init", str(root), "--organisation", "Testby Kommune", "--process", "Plan", "--no-git"]
    )
    assert code == 0
    capsys.readouterr()
    return root


def udv_import(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = run(["import", *args, "--root", str(root)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def records(root: Path) -> dict[str, dict[str, object]]:
    """The initiatives as written (by title), as plain data."""
    out = {}
    for path in sorted((root / "data" / "initiatives").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[data["title"]] = data
    return out


def config(root: Path) -> dict[str, object]:
    data = yaml.safe_load((root / "udvikling.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def lint_errors(root: Path) -> list[str]:
    return [
        f"{f.location}: {f.code} {f.message}"
        for f in lint(root, AS_OF).findings
        if f.severity == "error"
    ]


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# -- Word: merged track cells and an extra column ----------------------------------------


def _word_plan(path: Path) -> None:
    """A table like the 2023 process plan: the track in a cell merged down its rows, a
    fifth column udv has no field for, an owner cell with a second paragraph."""
    import docx

    document = docx.Document()
    document.add_paragraph("Handleplan for Ældreområdet 2025")
    table = document.add_table(rows=1, cols=5)
    for cell, text in zip(
        table.rows[0].cells,
        ["Udviklingsspor", "Tiltag", "Iværksættelse af tiltag", "Ansvarlig", "Budget"],
        strict=True,
    ):
        cell.text = text
    rows = [
        (
            "Rekruttering",
            "Ny introduktion for nye medarbejdere",
            "1. halvår 2025",
            "HR-chef",
            "0,2 mio. kr.",
        ),
        ("", "Fast vikarkorps", "Efter sommerferien", "Områdeleder", ""),
        ("", "Elevpladser", "2025 – 2026", "HR-chef", "0,5 mio. kr."),
        (
            "Velfærdsteknologi",
            "Skærmbesøg i hjemmeplejen",
            "uge 10 – uge 20 2025",
            "Digitaliseringschef",
            "",
        ),
    ]
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    # The owner's cell of the first row has a second paragraph: how the work is anchored.
    table.rows[1].cells[3].add_paragraph("Sker i samarbejde med MED-udvalget.")
    # "Rekruttering" written once, its cell merged down over the three rows it groups.
    table.cell(1, 0).merge(table.cell(3, 0))
    document.save(str(path))


def test_word_table_with_merged_track_cells_and_an_extra_column(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    source = tmp_path / "handleplan.docx"
    _word_plan(source)
    code, out, _ = udv_import(capsys, plan, str(source), "--date", "2025-01-15")
    assert code == 0, out
    found = records(plan)
    assert set(found) == {
        "Ny introduktion for nye medarbejdere",
        "Fast vikarkorps",
        "Elevpladser",
        "Skærmbesøg i hjemmeplejen",
    }
    # The merged cell gives its track to every row it spans.
    tracks = {title: data["track"] for title, data in found.items()}
    assert tracks == {
        "Ny introduktion for nye medarbejdere": "rekruttering",
        "Fast vikarkorps": "rekruttering",
        "Elevpladser": "rekruttering",
        "Skærmbesøg i hjemmeplejen": "velfaerdsteknologi",
    }
    first = found["Ny introduktion for nye medarbejdere"]
    assert first["owner"] == "hr-chef"
    assert first["responsibility"] == "Sker i samarbejde med MED-udvalget."
    assert str(first["since"]) == "2025-01-15"
    assert first["start"] == "1. halvår 2025"
    assert "due" not in first
    assert first["sources"] == ["handleplan.docx"]
    assert found["Elevpladser"]["start"] == 2025
    assert found["Elevpladser"]["due"] == 2026
    assert found["Skærmbesøg i hjemmeplejen"]["start"] == "uge 10 2025"
    assert found["Skærmbesøg i hjemmeplejen"]["due"] == "uge 20 2025"
    # The period udv cannot read is kept as text, left out of start and due, and said.
    vikar = found["Fast vikarkorps"]
    assert vikar["timing"] == "Efter sommerferien"
    assert "start" not in vikar and "due" not in vikar
    assert "række 3: bemærk: »Efter sommerferien« er ikke én periode" in out
    # Every cell of the extra column with text is reported, with its address and text.
    assert "handleplan.docx: tabel 1, række 2, kolonne 5: advarsel: Kolonnen »Budget«" in out
    assert "»0,2 mio. kr.«" in out and "»0,5 mio. kr.«" in out
    assert out.count("Kolonnen »Budget« læses ikke") == 2
    cfg = config(plan)
    assert cfg["tracks"] == {
        "rekruttering": "Rekruttering",
        "velfaerdsteknologi": "Velfærdsteknologi",
    }
    assert cfg["owners"] == {
        "hr-chef": "HR-chef",
        "omraadeleder": "Områdeleder",
        "digitaliseringschef": "Digitaliseringschef",
    }
    # The commented examples of udv init are still there, untouched.
    text = (plan / "udvikling.yaml").read_text(encoding="utf-8")
    assert "#   organisering:\n#     name: Organisering\n" in text
    assert lint_errors(plan) == []


def test_sections_in_a_word_table_and_headings_above_tables(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    """A row merged across the table is a section: its rows get that track. A table with
    no track column and no section rows takes the heading above it."""
    import docx

    document = docx.Document()
    document.add_heading("Tidsplan", level=1)
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Indsats", "Tidsplan", "Ansvar"], strict=True):
        cell.text = text
    section = table.add_row().cells
    section[0].merge(section[2]).text = "Kompetencer"
    cells = table.add_row().cells
    cells[0].text, cells[1].text, cells[2].text = "Kursus i demens", "2. kvartal 2025", "Leder"
    document.add_heading("Økonomi", level=2)
    second = document.add_table(rows=2, cols=2)
    second.cell(0, 0).text, second.cell(0, 1).text = "Aktivitet", "Hvornår"
    second.cell(1, 0).text, second.cell(1, 1).text = "Nyt budgetoverblik", "primo 2026"
    source = tmp_path / "plan.docx"
    document.save(str(source))
    code, out, _ = udv_import(capsys, plan, str(source))
    assert code == 0, out
    found = records(plan)
    assert found["Kursus i demens"]["track"] == "kompetencer"
    assert found["Kursus i demens"]["start"] == "2. kvartal 2025"
    assert found["Nyt budgetoverblik"]["track"] == "oekonomi"
    assert (
        "plan.docx: tabel 2: bemærk: Tabellens rækker har sporet »Økonomi« fra overskriften" in out
    )
    assert found["Nyt budgetoverblik"]["start"] == "primo 2026"
    assert "since" not in found["Nyt budgetoverblik"]
    assert "Uden --date har tiltagene ingen since" in out
    assert lint_errors(plan) == []


# -- Excel: other order, own headings -----------------------------------------------------


def test_spreadsheet_with_columns_in_another_order_and_own_headings(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Handleplan"
    ws.append(["Handleplan 2025 (udkast)"])  # a title above the heading row
    ws.append([])
    ws.append(["Hvem gør det", "Hvornår", "Niveau", "Indsats", "Fokusområde", "Status"])
    ws.append(
        [
            "Sundhedschef",
            "2025-03-01 – 2025-06-30",
            "Centralt",
            "Tværgående triage",
            "Sundhed",
            "I gang",
        ]
    )
    ws.append(
        [
            "Sundhedschef",
            "løbende",
            "Decentralt",
            "Faldforebyggelse. Med fysioterapeuter i alle distrikter.",
            "Sundhed",
            "",
        ]
    )
    ws.append(
        [
            "Leder af træning",
            "Q3 2025",
            "Begge dele",
            "Træning i eget hjem",
            "Rehabilitering",
            "udsat til efteråret",
        ]
    )
    source = tmp_path / "handleplan.xlsx"
    book.save(source)
    code, out, _ = udv_import(
        capsys, plan, str(source), "--columns", "Hvem gør det=ansvarlig", "--date", "2025-02-01"
    )
    assert code == 0, out
    found = records(plan)
    triage = found["Tværgående triage"]
    assert (triage["track"], triage["owner"], triage["level"], triage["status"]) == (
        "sundhed",
        "sundhedschef",
        "central",
        "i-gang",
    )
    # Each end of a range in udv's Danish words (udv period shows the same).
    assert (triage["start"], triage["due"]) == ("1. marts 2025", "30. juni 2025")
    fald = found["Faldforebyggelse"]
    assert fald["description"] == "Med fysioterapeuter i alle distrikter."
    assert fald["level"] == "decentral"
    assert "start" not in fald  # "løbende" in the timing column is no start
    traening = found["Træning i eget hjem"]
    assert traening["start"] == "3. kvartal 2025"
    assert "level" not in traening and "status" not in traening
    assert traening["responsibility"] == "Begge dele"
    assert "Handleplan!" in out  # cells are named as in Excel: handleplan.xlsx:Handleplan!C6
    assert (
        "handleplan.xlsx:Handleplan!1:1: bemærk: Rækken står over overskriftsrækken og er "
        "ikke læst: »Handleplan 2025 (udkast)«." in out
    )
    assert "handleplan.xlsx:Handleplan!6:6: bemærk: Niveauet »Begge dele«" in out
    assert "Status »udsat til efteråret« er ikke en af udv's" in out
    assert config(plan)["owners"] == {
        "sundhedschef": "Sundhedschef",
        "leder-af-traening": "Leder af træning",
    }
    assert lint_errors(plan) == []


def test_spreadsheet_sections_from_merged_rows(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["Tiltag", "Tidsplan", "Ansvarlig"])
    ws.append(["Organisering"])
    ws.merge_cells("A2:C2")
    ws.append(["Ny mødestruktur", "2025", "Direktør"])
    ws.append(["Arbejdsmiljø"])  # a section row typed without merging
    ws.append(["Trivselsmåling", "efterår 2025", "HR"])
    source = tmp_path / "plan.xlsx"
    book.save(source)
    code, out, _ = udv_import(capsys, plan, str(source))
    assert code == 0, out
    found = records(plan)
    assert found["Ny mødestruktur"]["track"] == "organisering"
    assert found["Trivselsmåling"]["track"] == "arbejdsmiljoe"
    assert lint_errors(plan) == []


# -- CSV from a Danish Excel ---------------------------------------------------------------


def test_csv_from_excel_in_windows_1252(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    # As Excel saves a sheet whose track cells were merged: the track in the group's first
    # row only.
    text = (
        "Spor;Aktivitet;Tidsplan;Ansvarlig\r\n"
        "Ældre og pårørende;Pårørendecafé i Ørsted;1. halvår 2025;Områdeleder Øst\r\n"
        ';"Åben dag; plejecentre";"uge 37 2025";Områdeleder Øst\r\n'
        ";;;\r\n"
        "Demens;;;\r\n"
        ";Demensvenlige butikker;2026;Demenskoordinator\r\n"
    )
    source = tmp_path / "plan.csv"
    source.write_bytes(text.encode("cp1252"))
    code, out, _ = udv_import(capsys, plan, str(source), "--date", "2025-01-02")
    assert code == 0, out
    found = records(plan)
    assert set(found) == {
        "Pårørendecafé i Ørsted",
        "Åben dag; plejecentre",
        "Demensvenlige butikker",
    }
    cafe = found["Pårørendecafé i Ørsted"]
    assert (cafe["track"], cafe["owner"]) == ("aeldre-og-paaroerende", "omraadeleder-oest")
    assert found["Åben dag; plejecentre"]["track"] == "aeldre-og-paaroerende"
    assert found["Demensvenlige butikker"]["track"] == "demens"
    assert config(plan)["tracks"] == {
        "aeldre-og-paaroerende": "Ældre og pårørende",
        "demens": "Demens",
    }
    assert "advarsel" not in out
    assert found["Åben dag; plejecentre"]["start"] == "uge 37 2025"
    assert (plan / "data/initiatives/paaroerendecafe-i-oersted.yaml").is_file()
    assert lint_errors(plan) == []


# -- never overwrite, dry run, reuse, refusals ---------------------------------------------


def _csv(path: Path, *rows: str) -> Path:
    path.write_text("Tiltag;Spor;Ansvarlig\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_an_import_that_would_overwrite_a_record_writes_nothing(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    source = _csv(tmp_path / "a.csv", "Fælles introduktion;Organisering;Direktør")
    assert udv_import(capsys, plan, str(source))[0] == 0
    before = snapshot(plan)
    again = _csv(
        tmp_path / "b.csv",
        "Nyt tiltag;Nyt spor;Ny ansvarlig",
        "Fælles introduktion;Organisering;Direktør",
    )
    code, out, _ = udv_import(capsys, plan, str(again))
    assert code == 1
    assert (
        "b.csv:3:3: fejl: Tiltaget »Fælles introduktion« findes allerede "
        "(data/initiatives/faelles-introduktion.yaml); udv import overskriver aldrig et tiltag."
        in out
    )
    assert "intet er skrevet" in out
    assert snapshot(plan) == before  # not even the new row, nor the new track and owner
    # Renamed file, same title: still the same initiative.
    (plan / "data/initiatives/faelles-introduktion.yaml").rename(
        plan / "data/initiatives/introduktion.yaml"
    )
    code, out, _ = udv_import(capsys, plan, str(again))
    assert code == 1
    assert "(data/initiatives/introduktion.yaml); udv import overskriver aldrig" in out
    # With --skip-existing only the new row is read in.
    code, out, _ = udv_import(capsys, plan, str(again), "--skip-existing")
    assert code == 0, out
    assert "b.csv:3:3: bemærk: Tiltaget »Fælles introduktion« findes allerede" in out
    assert set(records(plan)) == {"Fælles introduktion", "Nyt tiltag"}
    assert (plan / "data/initiatives/introduktion.yaml").read_bytes() == before[
        "data/initiatives/faelles-introduktion.yaml"
    ]


def test_dry_run_shows_a_diff_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    before = snapshot(plan)
    source = _csv(tmp_path / "a.csv", "Fælles introduktion;Organisering;Direktør")
    code, out, _ = udv_import(capsys, plan, str(source), "--dry-run")
    assert code == 0
    assert "--- a/udvikling.yaml\n+++ b/udvikling.yaml\n" in out
    assert "-tracks: {}\n+tracks:\n+  organisering: Organisering\n" in out
    assert "+++ b/data/initiatives/faelles-introduktion.yaml\n" in out
    assert "+title: Fælles introduktion\n" in out
    assert "Intet er skrevet (--dry-run)." in out
    assert snapshot(plan) == before


def test_declared_tracks_and_owners_are_reused(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    path = plan / "udvikling.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("tracks: {}", "tracks:\n  org:\n    name: Organisering  # fra 2024")
    text = text.replace("owners: {}", "owners:\n  dir: Direktør")
    path.write_text(text, encoding="utf-8")
    source = _csv(
        tmp_path / "a.csv",
        "Fælles introduktion;organisering;Direktør",
        "Ny strategi;Strategi;direktør",
    )
    code, out, _ = udv_import(capsys, plan, str(source))
    assert code == 0, out
    found = records(plan)
    assert found["Fælles introduktion"]["track"] == "org"
    assert found["Ny strategi"]["owner"] == "dir"
    after = path.read_text(encoding="utf-8")
    assert "  org:\n    name: Organisering  # fra 2024\n  strategi: Strategi\n" in after
    assert config(plan)["owners"] == {"dir": "Direktør"}
    assert lint_errors(plan) == []


def test_rows_it_cannot_place_are_reported_in_danish(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    source = tmp_path / "a.csv"
    source.write_text(
        "Tiltag;Tidsplan;Ansvarlig\nTiltag uden spor;2025;Leder\n;2026;Leder\n",
        encoding="utf-8",
    )
    code, out, _ = udv_import(capsys, plan, str(source))
    assert code == 1  # nothing could be placed
    assert "a.csv:2:2: advarsel: Tiltaget »Tiltag uden spor« har intet spor" in out
    assert "a.csv:3:3: advarsel: Rækken har intet tiltag og er ikke læst: »2026; Leder«." in out
    code, out, _ = udv_import(capsys, plan, str(source), "--track", "Diverse")
    assert code == 0
    assert records(plan)["Tiltag uden spor"]["track"] == "diverse"


def test_a_table_without_an_initiative_column_is_named(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    source = tmp_path / "a.csv"
    source.write_text("Punkt;Hvornår\nKursus;2025\n", encoding="utf-8")
    code, out, _ = udv_import(capsys, plan, str(source))
    assert code == 1
    assert "a.csv: advarsel: Tabellen er ikke læst (2 rækker med tekst)" in out
    code, out, _ = udv_import(capsys, plan, str(source), "--columns", "A=tiltag", "--track", "X")
    assert code == 0, out
    assert records(plan)["Kursus"]["start"] == 2025


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--columns", "Hvad=noget"], "--columns: 'Hvad=noget' er ikke OVERSKRIFT=FELT"),
        (["--date", "sidste tirsdag"], "--date: Kan ikke forstå perioden"),
    ],
)
def test_bad_options_are_usage_errors(
    capsys: pytest.CaptureFixture[str],
    plan: Path,
    tmp_path: Path,
    args: list[str],
    message: str,
) -> None:
    source = _csv(tmp_path / "a.csv", "A;B;C")
    code, _, err = udv_import(capsys, plan, str(source), *args)
    assert code == 2
    assert message in err


def test_files_udv_cannot_read(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "plan.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    code, out, err = udv_import(
        capsys, plan, str(tmp_path / "plan.pdf"), str(tmp_path / "broken.docx")
    )
    assert code == 1
    assert "plan.pdf: fejl: udv kan ikke læse filtypen '.pdf'." in out
    assert "broken.docx: fejl: Filen kan ikke læses som Word-dokument (.docx)." in out
    assert "Traceback" not in err


def test_a_missing_library_is_a_danish_usage_error(
    capsys: pytest.CaptureFixture[str],
    plan: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = tmp_path / "plan.xlsx"
    source.write_bytes(b"PK")
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    code, _, err = udv_import(capsys, plan, str(source))
    assert code == 2
    assert "kræver openpyxl" in err
    assert 'pip install "udvikling[ark]"' in err


def test_the_new_plan_loads_with_every_record(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    source = tmp_path / "handleplan.docx"
    _word_plan(source)
    assert udv_import(capsys, plan, str(source), "--date", "2025-01-15")[0] == 0
    loaded = load(plan)
    assert loaded.dataset is not None
    assert len(loaded.dataset.initiatives) == 4
    assert [f for f in loaded.findings if f.severity == "error"] == []


def test_the_2023_layout_owner_under_the_level_column(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    """The Word table of the Tids- og procesplan of 8 January 2023 (seeds/003) has no
    Ansvarlig column: under "Centralt eller decentralt niveau" it gives the level where there
    is one, then who is responsible. Rows as in the source, each cell's lines a paragraph."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=4)
    headings = ["Udviklingsspor", "Tiltag", "Iværksættelse af tiltag"]
    headings.append("Centralt eller decentralt niveau")
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        cell.text = text
    rows = [
        (
            "Organisering",
            ["Ansættelse af to fagchefer"],
            ["Rekruttering pågår frem til juni 2023"],
            [
                "Velfærdsdirektør",
                "Ansættelsesforløb sker som med inddragelse af OMU og ledergruppen på "
                "socialområdet samt udvikling og administration.",
            ],
        ),
        (
            "",
            ["Flytning af fysisk arbejdssted for medarbejdere ifm. opdeling af Socialområdet"],
            [
                "Sker i tæt dialog med berørte medarbejdere, HR og i overensstemmelse med "
                "MED-aftalen."
            ],
            ["Konstitueret socialchef"],
        ),
        (
            "Understøtte kultur og arbejdsmiljø",
            [
                "Iværksættelse af handleplan i børnemyndighed med fokus på struktur, opfølgning "
                "og tættere inddragelse af barnet, familien og øvrige samarbejdspartnere i "
                "sagsforløbene",
                "Dette også i henhold til krav og forventninger i den nye Barnets Lov.",
            ],
            ["Proces i 2023 og 2024"],
            ["Decentralt", "Myndigheds- og visitationsafdelingen"],
        ),
    ]
    for track, *columns in rows:
        cells = table.add_row().cells
        cells[0].text = track
        for cell, lines in zip(cells[1:], columns, strict=True):
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    table.cell(1, 0).merge(table.cell(2, 0))
    source = tmp_path / "tids-og-procesplan.docx"
    document.save(str(source))
    code, out, _ = udv_import(capsys, plan, str(source), "--date", "2023-01-08")
    assert code == 0, out
    found = records(plan)
    fagchefer = found["Ansættelse af to fagchefer"]
    assert (fagchefer["track"], fagchefer["owner"]) == ("organisering", "velfaerdsdirektoer")
    assert fagchefer["responsibility"].startswith("Ansættelsesforløb sker som med inddragelse")
    assert "level" not in fagchefer
    flytning = found[
        "Flytning af fysisk arbejdssted for medarbejdere ifm. opdeling af Socialområdet"
    ]
    assert (flytning["track"], flytning["owner"]) == ("organisering", "konstitueret-socialchef")
    handleplan = found[
        "Iværksættelse af handleplan i børnemyndighed med fokus på struktur, opfølgning og "
        "tættere inddragelse af barnet, familien og øvrige samarbejdspartnere i sagsforløbene"
    ]
    assert handleplan["level"] == "decentral"
    assert handleplan["owner"] == "myndigheds-og-visitationsafdelingen"
    assert handleplan["description"] == (
        "Dette også i henhold til krav og forventninger i den nye Barnets Lov."
    )
    assert handleplan["track"] == "understoette-kultur-og-arbejdsmiljoe"
    assert "er læst som den ansvarlige (tabellen har ingen kolonne Ansvarlig)" in out
    assert lint_errors(plan) == []


def test_a_windows_configuration_keeps_its_line_endings(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    path = plan / "udvikling.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    before = path.read_bytes()
    source = _csv(tmp_path / "a.csv", "Fælles introduktion;Organisering;Direktør")
    code, out, _ = udv_import(capsys, plan, str(source))
    assert code == 0, out
    after = path.read_bytes().decode("utf-8")
    assert "\n" not in after.replace("\r\n", "")  # every line ends as before
    undone = after.replace("tracks:\r\n  organisering: Organisering\r\n", "tracks: {}\r\n")
    undone = undone.replace("owners:\r\n  direktoer: Direktør\r\n", "owners: {}\r\n")
    assert undone == before.decode("utf-8")  # and nothing else changed
    assert lint_errors(plan) == []


def test_hostile_files_give_messages_not_tracebacks(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    # A CSV cell larger than the csv module reads.
    big = tmp_path / "stor.csv"
    big.write_text('Tiltag;Spor\n"' + "a" * 200_000 + '";X\n', encoding="utf-8")
    code, out, err = udv_import(capsys, plan, str(big))
    assert code == 1
    assert "stor.csv: fejl: Filen kan ikke læses som CSV" in out
    assert "uventet fejl" not in err
    # Word cells that claim to span a billion columns, or a span that is not a number.
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Tiltag", "Spor"
    table.cell(1, 0).text, table.cell(1, 1).text = "Kursus", "Kompetencer"
    table.cell(2, 0).text, table.cell(2, 1).text = "Møde", "Kompetencer"
    cells = [table.cell(1, 1)._tc, table.cell(2, 1)._tc]  # before python-docx sees a span
    for tc, value in zip(cells, ("999999999", "to"), strict=True):
        props = tc.get_or_add_tcPr()
        span = OxmlElement("w:gridSpan")
        span.set(qn("w:val"), value)
        props.append(span)
    source = tmp_path / "skaev.docx"
    document.save(str(source))
    code, out, err = udv_import(capsys, plan, str(source))
    assert code == 0, out + err
    assert set(records(plan)) == {"Kursus", "Møde"}, out


def test_invisible_and_hidden_characters(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    """Layout characters (optional hyphen, zero-width space, Word's hard hyphen) are read as
    a reader sees them; a character that hides what a text says stops the import at its row."""
    import docx
    from docx.oxml import OxmlElement

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Tiltag", "Spor"
    run = table.cell(1, 0).paragraphs[0].add_run("Status til Børne")
    run._r.append(OxmlElement("w:noBreakHyphen"))
    table.cell(1, 0).paragraphs[0].add_run(" og Ungdomsudvalget")
    table.cell(1, 1).text = "Politisk\u00ad inddragelse\u200b"
    source = tmp_path / "plan.docx"
    document.save(str(source))
    code, out, _ = udv_import(capsys, plan, str(source))
    assert code == 0, out
    assert set(records(plan)) == {"Status til Børne- og Ungdomsudvalget"}
    assert config(plan)["tracks"] == {"politisk-inddragelse": "Politisk inddragelse"}
    hidden = tmp_path / "skjult.csv"
    hidden.write_text("Tiltag;Spor\nKursus\u202e i noget;Spor\n", encoding="utf-8")
    before = snapshot(plan)
    code, out, _ = udv_import(capsys, plan, str(hidden))
    assert code == 1
    assert (
        "skjult.csv:2:2: fejl: Rækken kan ikke læses ind: Teksten indeholder retningstegnet" in out
    )
    assert snapshot(plan) == before
