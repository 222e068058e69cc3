"""``udv list`` filters and ``udv show`` with references resolved, on the shipped plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MINIMAL_CONFIG, MINIMAL_INITIATIVE, MINIMAL_MEETING, BuildTree
from conftest import udv_on_shipped_plan as udv
from udvikling.cli import run

REPO = Path(__file__).resolve().parents[1]


def ids(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    code, out, _ = udv(capsys, "list", *args, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["count"] == len(data["records"])
    return [record["id"] for record in data["records"]]


def test_list_all_initiatives_in_danish_order(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = udv(capsys, "list", "initiatives")
    assert code == 0
    lines = out.splitlines()
    assert lines[-1] == f"{len(list((REPO / 'data' / 'initiatives').glob('*.yaml')))} tiltag."
    titles = [line.split(": ", 1)[1] for line in lines[:-1]]
    from udvikling.danish import danish_sort_key

    assert titles == sorted(titles, key=danish_sort_key)


def test_list_filters(capsys: pytest.CaptureFixture[str]) -> None:
    organisering = ids(capsys, "initiatives", "--track", "organisering")
    running = ids(capsys, "initiatives", "--track", "organisering", "--status", "i-gang")
    assert running and set(running) < set(organisering)
    assert "aftaleholder-myndighed-og-visitation-voksen" in running
    owned = ids(capsys, "initiatives", "--owner", "konstitueret-socialchef")
    assert "aftaleholder-myndighed-og-visitation-voksen" in owned
    by_vpu = ids(capsys, "initiatives", "--body", "vpu")
    assert "status-til-fagudvalgene" in by_vpu


def test_list_meetings_by_body_and_window(capsys: pytest.CaptureFixture[str]) -> None:
    assert ids(capsys, "meetings", "--body", "vpu", "--from", "2023", "--to", "2023") == [
        "2023-04-26-vpu",
        "2023-10-25-vpu",
    ]
    spring = ids(capsys, "meetings", "--from", "2023-04-01", "--to", "2. kvartal 2023")
    assert spring == [
        "2023-w15-primo-administrativ-styregruppe",
        "2023-04-20-buu",
        "2023-04-26-vpu",
        "2023-05-16-politisk-styregruppe",
    ]


def test_list_window_keeps_overlapping_initiatives(capsys: pytest.CaptureFixture[str]) -> None:
    window = ids(capsys, "initiatives", "--from", "2025", "--to", "2025")
    assert "ny-styringsmodel" in window  # frist 1. kvartal 2025
    assert "styrkelse-af-afdelingsledelsen" not in window  # frist juni 2023
    assert "flytning-af-fysisk-arbejdssted" not in window  # undated
    code, out, _ = udv(capsys, "list", "initiatives", "--from", "2030", "--to", "2030")
    assert code == 0
    lines = out.splitlines()[:-1]  # only open-ended work reaches 2030
    assert lines and all(line.endswith(("løbende)", "uden frist)")) for line in lines)
    code, out, _ = udv(capsys, "list", "initiatives", "--from", "2000", "--to", "2001")
    assert code == 0 and out == "0 tiltag.\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "tiltagene"], "Ukendt art"),
        (["list", "initiatives", "--track", "ukendt"], "--track: 'ukendt' findes ikke"),
        (["list", "meetings", "--body", "fu"], "--body: 'fu' findes ikke"),
        (["list", "meetings", "--from", "i morgen"], "--from"),
        (["show", "status-fagudvalg"], "Mente du status-til-fagudvalgene?"),
    ],
)
def test_usage_errors(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = udv(capsys, *args)
    assert code == 2 and out == "" and message in err


def test_show_initiative_resolves_references(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = udv(capsys, "show", "status-til-fagudvalgene", "--as-of", "2024-04-24")
    assert code == 0
    assert out.startswith("Tiltag: Børne- og Ungdomsudvalget og Voksen- og Plejeudvalget")
    assert "Spor:             Politisk inddragelse og status til fagudvalg" in out
    assert "Frist:            2024 (for sent fra 1. januar 2025)" in out
    assert "Afhænger af:      Uvildig undersøgelse af Socialområdet" in out
    assert "  - 26. april 2023: VPU, Status på udviklingsprocessen" in out
    assert "frist 24. april 2024, nået på mødet 24. april 2024" in out


def test_show_names_what_depends_on_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = udv(capsys, "show", "uvildig-undersoegelse-2022", "--as-of", "2024-04-24")
    assert code == 0
    needed = next(line for line in out.splitlines() if line.startswith("Forudsætning for:"))
    assert "Børne- og Ungdomsudvalget og Voksen- og Plejeudvalget" in needed


def test_show_meeting(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = udv(
        capsys, "show", "2023-w15-primo-administrativ-styregruppe", "--as-of", "2024-01-01"
    )
    assert code == 0
    assert "Dato:             primo uge 15 2023 (10.-11. april 2023)" in out
    assert "Organ:            Administrativ styregruppe" in out
    assert "Milepæle på mødet (1):" in out


def test_discussed_in_finds_agenda_items_and_milestones(build_tree: BuildTree) -> None:
    """A meeting discusses an initiative when an agenda item names it or the initiative has a
    milestone at the meeting; on the shipped plan it agrees with what each meeting concerns."""
    from udvikling.load import load
    from udvikling.reports.listing import _concerns, discussed_in

    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/kommunikationsstrategi.yaml": MINIMAL_INITIATIVE
            + "milestones:\n  - title: Til KB\n    meeting: 2024-05-01-kb\n",
            "data/meetings/2024-04-24-vpu.yaml": MINIMAL_MEETING,
            "data/meetings/2024-05-01-kb.yaml": "body: kb\ndate: 2024-05-01\ntitle: KB\n"
            "kind: beslutning\n",
            "data/meetings/2024-06-01-kb.yaml": "body: kb\ndate: 2024-06-01\ntitle: Andet\n"
            "kind: beslutning\n",
        }
    )
    loaded = load(root)
    assert loaded.dataset is not None
    found = discussed_in(loaded.dataset, "kommunikationsstrategi")
    assert found == ["2024-04-24-vpu", "2024-05-01-kb"]
    shipped = load(REPO).dataset
    assert shipped is not None
    for initiative in shipped.initiatives:
        expected = [
            m.id
            for m in sorted(
                shipped.meetings.values(), key=lambda m: (m.date.start, m.date.end, m.id)
            )
            if initiative in _concerns(shipped, m)
        ]
        assert discussed_in(shipped, initiative) == expected, initiative


def test_a_status_filter_takes_the_words_every_output_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:

    counts = []
    for written in ("i-gang", "i gang", "I gang"):
        code = run(["list", "initiatives", "--status", written, "--root", str(REPO)])
        out, err = capsys.readouterr()
        assert code == 0, err
        counts.append(out.strip().splitlines()[-1])
    assert len(set(counts)) == 1 and counts[0] != "0 tiltag.", counts
