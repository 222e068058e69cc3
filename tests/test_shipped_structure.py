"""The shipped plan's dated structure and claims, read beside the seeds at their dates.

Issue "One answer everywhere": views of 2023 use the structure of the 8 January 2023 plan
(003), the strategy's pejlemærker exist from its approval on 16 January 2024, Børne- og
Familieområdet is reported separately from the decision on the autumn-2023 status (002),
and the data says no more than the sources do.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import udv_on_shipped_plan as udv
from udvikling.cli import run
from udvikling.load import Dataset, load

REPO = Path(__file__).resolve().parents[1]

TRACKS_2023 = (
    "Understøtte kultur og arbejdsmiljø",
    "Administrativ understøttelse og styring",
    "Organisering",
    "Politisk inddragelse og status til fagudvalg",
    "Økonomi og styring",
)
TRACKS_2024_ONLY = (
    "Arbejdskultur og arbejdsmiljø",
    "Administrativ understøttelse\n",
    "Faglighed og kompetenceudvikling",
    "Børne- og Familieområdet",
)


def _loaded() -> Dataset:
    dataset = load(REPO).dataset
    assert dataset is not None
    return dataset


def test_the_quarter_of_the_2023_plan_wears_its_own_track_names(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = udv(capsys, "status", "--quarter", "2023Q1", "--as-of", "2023-01-08")
    assert code == 0, err
    for name in TRACKS_2023:
        assert name in out, name
    for name in TRACKS_2024_ONLY:
        assert name not in out, name
    assert "ejlemærke" not in out


def test_the_process_plan_of_8_january_2023_has_no_pejlemaerker_and_003s_tracks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for extra in (("--as-of", "2023-01-08"), ("--report", "2023-01-08-procesplan")):
        code, out, err = udv(capsys, "render", "procesplan", *extra)
        assert code == 0, err
        # The tracks head sections (a new plan) or fill the first column (the issued table).
        tracks = {line[4:] for line in out.splitlines() if line.startswith("### ")} | {
            line.split("|")[1].strip() for line in out.splitlines() if line.startswith("| ")
        }
        for name in TRACKS_2023:
            assert name in tracks, (extra, name)
        assert "Arbejdskultur og arbejdsmiljø" not in tracks
        assert "ejlemærke" not in out, extra


def test_an_initiative_at_8_january_2023_shows_nothing_learnt_later(
    capsys: pytest.CaptureFixture[str],
) -> None:
    name = "arbejdskultur-og-arbejdsmiljoe-tre-afdelinger"
    code, out, err = udv(capsys, "show", name, "--as-of", "2023-01-08", "-f", "json")
    assert code == 0, err
    shown = json.dumps(json.loads(out), ensure_ascii=False)
    assert "ETIKOS" not in shown and "Statusnotat" not in shown and "pejlemaerke" not in shown
    assert "Understøtte kultur og arbejdsmiljø" in shown
    code, out, _ = udv(capsys, "show", name, "-f", "json")
    shown = json.dumps(json.loads(out), ensure_ascii=False)
    for later in ("ETIKOS", "Statusnotat efteråret 2024", "pejlemaerke-2"):
        assert later in shown, later
    assert "Arbejdskultur og arbejdsmiljø" in shown


def test_the_pejlemaerker_exist_from_the_strategys_approval(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = udv(capsys, "show", "faelles-langsigtet-strategi", "--as-of", "2024-01-15")
    assert code == 0 and "ejlemærke" not in out
    code, out, _ = udv(capsys, "show", "faelles-langsigtet-strategi", "--as-of", "2024-01-16")
    assert code == 0 and "Pejlemærke" in out


def test_boerne_og_familieomraadet_is_separate_only_from_the_decision(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for when, separate in (("2023-06-30", False), ("2024-04-24", True)):
        code, out, _ = udv(capsys, "status", "--quarter", "2023Q2", "--as-of", when)
        assert code == 0
        assert ("Børne- og Familieområdet" in out) is separate, when


def test_a_quarter_seen_in_advance_does_not_call_planned_starts_started(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = udv(capsys, "status", "--quarter", "2023Q1", "--as-of", "2023-01-08")
    assert code == 0
    assert "0 startet" in out.splitlines()[3], out.splitlines()[3]
    strategy = next(line for line in out.splitlines() if "Udarbejde en strategi" in line)
    assert strategy.rstrip().endswith("starter februar – marts 2023"), strategy
    code, out, _ = udv(capsys, "status", "--quarter", "2023Q1", "--as-of", "2023-03-31")
    strategy = next(line for line in out.splitlines() if "Udarbejde en strategi" in line)
    assert strategy.rstrip().endswith(": startet"), strategy


def test_the_data_claims_no_more_than_the_sources() -> None:
    dataset = _loaded()
    config = dataset.config
    # Only pejlemærke 2 is named in 004; 1 and 3 are goals ("borgeren først", "mest muligt i
    # eget liv"), 4 is not named at all.
    assert config.beacons["pejlemaerke-2"].name == "Fundamentet på plads"
    for beacon in ("pejlemaerke-1", "pejlemaerke-3", "pejlemaerke-4"):
        assert config.beacons[beacon].name is None, beacon
    initiatives = dataset.initiatives
    strategy = initiatives["faelles-langsigtet-strategi"]
    assert all(u.status != "afsluttet" for u in strategy.updates)
    konstituering = initiatives["aftaleholder-myndighed-og-visitation-voksen"].milestones[0]
    assert konstituering.title.startswith("Konstituering") and konstituering.done is None
    for analysis in (
        "handle-og-omstillingsmuligheder",
        "nedbringelse-af-anbringelser",
        "fremtidig-tilrettelaeggelse-af-stu",
    ):
        assert initiatives[analysis].status is None, analysis
    course = initiatives["faelles-ledelsesforloeb"]
    assert course.start is None and course.due_period is None
    assert course.timing and "planlægges" in course.timing


def test_the_structure_of_each_date_reads_as_the_sources_name_it() -> None:
    from udvikling import chrono

    dataset = _loaded()
    for day, expected in (
        (date(2023, 1, 8), ("Understøtte kultur og arbejdsmiljø", None)),
        (date(2024, 4, 24), ("Understøtte kultur og arbejdsmiljø", True)),
        (date(2024, 12, 1), ("Arbejdskultur og arbejdsmiljø", True)),
    ):
        config = chrono.structure_at(dataset.config, chrono.view_at(day))
        bfo = config.tracks.get("boerne-og-familieomraadet")
        assert (config.tracks["arbejdskultur"].name, bfo and bfo.separate) == expected, day
        assert ("pejlemaerke-2" in config.beacons) is (day >= date(2024, 1, 16)), day


def test_outputs_the_docs_write_into_the_plan_stay_out_of_commits(tmp_path: Path) -> None:
    import shutil
    import subprocess

    shutil.copy(REPO / ".gitignore", tmp_path / ".gitignore")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for written in (
        "public/index.html",
        "statusrunde-2025-foraar/svar/statusark-aftaleholdere.xlsx",
        "statusrunde-2025-foraar/ud/udsendelse.json",
        "statusark-aftaleholdere.xlsx",
    ):
        done = subprocess.run(
            ["git", "-C", str(tmp_path), "check-ignore", "-q", written], check=False
        )
        assert done.returncode == 0, written
    done = subprocess.run(
        ["git", "-C", str(tmp_path), "check-ignore", "-q", "data/initiatives/x.yaml"],
        check=False,
    )
    assert done.returncode == 1


def test_root_may_come_before_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["--root", str(REPO), "lint"], [f"--root={REPO}", "status", "-q", "2024Q1"]):
        code = run(args)
        out, err = capsys.readouterr()
        assert code == 0 and out, (args, err)
