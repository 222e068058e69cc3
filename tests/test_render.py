"""``udv render``: golden Markdown of the three documents, literal data, confidentiality.

Golden files live in ``tests/golden/render/``; regenerate them with
``UDV_UPDATE_GOLDEN=1 python -m pytest tests/test_render.py`` and review the diff.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import MINIMAL_CONFIG, BuildTree, golden, udv
from udvikling.render.markdown import escape, tidy

REPO = Path(__file__).resolve().parents[1]


check_golden = golden("render")


# -- golden documents from the shipped data ------------------------------------------------


def test_notat_golden(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = udv(capsys, "render", "notat", "--root", str(REPO), "--as-of", "2024-10-01")
    assert code == 0
    check_golden("notat-2024-10-01.md", out)


def test_procesplan_golden(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = udv(capsys, "render", "procesplan", "--root", str(REPO), "--as-of", "2023-01-08")
    assert code == 0
    check_golden("procesplan-2023-01-08.md", out)


def test_sagsfremstilling_golden(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = udv(
        capsys, "render", "sagsfremstilling", "--root", str(REPO), "--meeting", "2024-04-24-vpu"
    )
    assert code == 0
    check_golden("sagsfremstilling-2024-04-24-vpu.md", out)


def test_notat_at_meeting_uses_its_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = udv(
        capsys, "render", "notat", "--root", str(REPO), "--meeting", "2024-04-24-vpu"
    )
    assert code == 0
    assert "24. april 2024" in out.split("\n")[2]
    intro = out.split("## Indledning", 1)[1].split("\n## ", 1)[0]
    assert "Status er vedlagt som bilag." in intro
    # What is reported at the meeting is in the note; nothing decided at or after it is.
    assert "Opstart på forløb med ledelsessupervision" in out
    assert "Godkendt." not in out and "Karoline" not in out and "Bytoft" not in out
    assert "20. august 2024" not in out and "efterår 2024" not in out
    assert "Ny styringsmodel" not in out  # the name it got on 20 August 2024
    assert "Ny budget- og økonomistyringsmodel" not in out  # a milestone of 20 August 2024


# -- the documents hold what the source documents hold -------------------------------------


def _words(text: str) -> str:
    """Collapse a PDF text dump: join hyphenated line breaks, one space between words."""
    text = re.sub(r"-\s*\n\s*", "-", text)
    return " ".join(text.replace("\\", "").split())


def test_sagsfremstilling_holds_every_part_of_seed_002(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = udv(
        capsys, "render", "sagsfremstilling", "--root", str(REPO), "--meeting", "2024-04-24-vpu"
    )
    rendered = _words(out)
    for heading in (
        "Sagsgang",
        "Sagsfremstilling",
        "Sammenhæng til andre politikker/strategier og fagområder",
        "Økonomiske konsekvenser",
        "Lovgrundlag",
        "Indstilling",
        "Beslutning i Voksen- og Plejeudvalget",
        "Fraværende:",
        "Bilag",
    ):
        assert f"{heading}" in rendered, heading
    for fact in (
        "afsat 4,5 mio. kr. på Voksen- og Plejeudvalgets område",
        "Lov om Social Service.",
        "Godkendt.",
        "Karoline Bergkvist Søgaard (A) og Jytte Schmidt (F) bemærker",
        "Diana Therese Mikkelsen (Æ)",
        "Tom Bytoft (A)",
        "3602570 (35064/24) (H)",
        "- samarbejdet med BDO om udarbejdelsen af ny ressourcefordelings- og takstmodel",
        "tages til efterretning",
    ):
        assert fact in rendered, fact


def test_procesplan_has_a_row_for_every_initiative_of_its_day(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from datetime import date

    from udvikling.chrono import plan_at, view_at
    from udvikling.load import load

    dataset = load(REPO).dataset
    assert dataset is not None
    stood = plan_at(dataset, view_at(date(2023, 1, 8)))
    _, out, _ = udv(capsys, "render", "procesplan", "--root", str(REPO), "--as-of", "2023-01-08")
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    for initiative in stood.initiatives.values():
        assert any(row.startswith(f"| {escape(initiative.title)}") for row in rows), initiative.id
    # Nothing that came later: initiatives, names and tracks of 2024 are not in it.
    later = set(dataset.initiatives) - set(stood.initiatives)
    assert later and all(escape(dataset.initiatives[k].title) not in out for k in later)
    assert "Ny styringsmodel" not in out and "Børne- og Familieområdet (afrapporteres" not in out
    assert "| Tiltag | Iværksættelse af tiltag | Ansvarlig | Centralt/decentralt |" in out
    assert "Primo uge 15. og uge 40 2023" in out


# -- literal data, confidentiality, errors -------------------------------------------------

HOSTILE = "{{ 7*7 }} <script>alert(1)</script> a | b *x* &amp; [l](u)"

HOSTILE_INITIATIVE = f"""\
title: '{HOSTILE}'
track: kommunikation
owner: socialchef
level: central
status: i-gang
start: 2. halvår 2023
due: 4. kvartal 2024
milestones:
  - title: 'Milepæl | med streg'
    due: 1. kvartal 2025
updates:
  - date: 2024-09-30
    text: |
      # ikke en overskrift
      1. ikke en liste | {{{{ x }}}} _y_ `z`
"""

SECRET_INITIATIVE = """\
title: Hemmeligt tiltag
track: organisering
owner: socialchef
level: central
status: i-gang
start: 2. halvår 2023
confidential: true
updates:
  - date: 2024-09-30
    text: Fortrolig status.
"""


@pytest.fixture
def hostile_repo(build_tree: BuildTree) -> Path:
    return build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/farligt.yaml": HOSTILE_INITIATIVE,
            "data/initiatives/hemmeligt.yaml": SECRET_INITIATIVE,
        }
    )


def _table_rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("|")]


def _cells(row: str) -> int:
    return len(re.findall(r"(?<!\\)\|", row)) - 1


def test_hostile_text_is_escaped_in_markdown(
    hostile_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for document in ("notat", "procesplan"):
        code, out, _ = udv(
            capsys, "render", document, "--root", str(hostile_repo), "--as-of", "2024-10-01"
        )
        assert code == 0
        assert "49" not in out
        assert "\\<script>" in out and "<script>" not in out.replace("\\<script>", "")
        assert "a \\| b \\*x\\* \\&amp; \\[l\\](u)" in out
        for table in out.split("\n\n"):
            rows = _table_rows(table)
            if rows:
                assert len({_cells(r) for r in rows}) == 1, rows
    _, out, _ = udv(capsys, "render", "notat", "--root", str(hostile_repo), "--as-of", "2024-10-01")
    assert "\\# ikke en overskrift" in out
    assert "ikke en liste \\| {{ x }} \\_y\\_ \\`z\\`" in out


def test_confidential_only_with_flag(
    hostile_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for document in ("notat", "procesplan"):
        args = ["render", document, "--root", str(hostile_repo), "--as-of", "2024-10-01"]
        _, out, _ = udv(capsys, *args)
        assert "Hemmeligt tiltag" not in out and "Fortrolig status" not in out
        _, out, _ = udv(capsys, *args, "--include-confidential")
        assert "Hemmeligt tiltag" in out


def test_failed_render_leaves_no_file(
    minimal_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (minimal_repo / "templates").mkdir()
    (minimal_repo / "templates" / "notat.md.j2").write_text(
        "# {{ titel }}\n\nlinje\n{{ findes_ikke }}\n", encoding="utf-8"
    )
    target = tmp_path / "ud" / "notat.md"
    code, _, err = udv(
        capsys,
        "render", "notat", "--root", str(minimal_repo), "--as-of", "2024-10-01", "-o", str(target),
    )  # fmt: skip
    assert code == 1
    assert (
        "Skabelonen notat.md.j2, linje 4 kunne ikke udfyldes: ukendt variabel 'findes_ikke'" in err
    )
    assert "is undefined" not in err and "udv render --check" in err
    assert not target.exists()
    assert not target.parent.exists() or not any(target.parent.iterdir())


def test_check_finds_unknown_variable_and_filter_at_their_lines(
    minimal_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (minimal_repo / "templates").mkdir()
    (minimal_repo / "templates" / "notat.md.j2").write_text(
        "# {{ titel }}\n\n{% for s in afsnit %}{{ s.overskrift }}{% endfor %}\n"
        "{{ findes_ikke }}\n{{ dato | ukendt_filter }}\n",
        encoding="utf-8",
    )
    code, out, _ = udv(capsys, "render", "--check", "--root", str(minimal_repo))
    assert code == 1
    assert "templates/notat.md.j2:4: ukendt variabel 'findes_ikke'" in out
    assert "templates/notat.md.j2:5: ukendt filter 'ukendt_filter'" in out
    assert "'s'" not in out  # loop variables are known


def test_check_passes_on_shipped_templates(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = udv(capsys, "render", "--check", "--root", str(REPO))
    assert code == 0, out
    assert "Skabelonerne er i orden." in out


def test_data_repository_template_overrides_shipped(
    minimal_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (minimal_repo / "templates").mkdir()
    (minimal_repo / "templates" / "procesplan.md.j2").write_text(
        "# Egen plan for {{ organisation }} ({{ afsnit | length }} afsnit)\n", encoding="utf-8"
    )
    code, out, _ = udv(
        capsys, "render", "procesplan", "--root", str(minimal_repo), "--as-of", "2024-10-01"
    )
    assert code == 0
    assert out == "# Egen plan for Testkommune (3 afsnit)\n"


def test_usage_errors(minimal_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(minimal_repo)
    code, _, err = udv(capsys, "render", "notat", "--root", root, "-f", "docx")
    assert code == 2 and "-o" in err
    code, _, err = udv(capsys, "render", "notat", "--root", root, "-f", "pdf", "-o", "x.pdf")
    assert code == 2 and "Ukendt format 'pdf'" in err
    code, _, err = udv(capsys, "render", "sagsfremstilling", "--root", root, "--meeting", "nej")
    assert code == 2 and "Mødet 'nej' findes ikke" in err
    code, _, err = udv(
        capsys, "render", "sagsfremstilling", "--root", root, "--meeting", "2024-04-24-vpu",
        "--item", "5",
    )  # fmt: skip
    assert code == 2 and "ikke et punkt 5" in err


# -- Markdown helpers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a | b", "a \\| b"),
        ("*x* _y_ `z`", "\\*x\\* \\_y\\_ \\`z\\`"),
        ("{{ 7*7 }}", "{{ 7\\*7 }}"),
        ("<script>", "\\<script>"),
        ("# top", "\\# top"),
        ("12. maj", "12\\. maj"),
        ("Tom & Jerry &amp;", "Tom & Jerry \\&amp;"),
        ("- punkt", "- punkt"),
        ("---", "\\---"),
        ("tekst\n- punkt\nefter", "tekst\n\n- punkt\n\nefter"),
    ],
)
def test_escape(raw: str, expected: str) -> None:
    assert escape(raw) == expected


def test_tidy_separates_headings_from_lists() -> None:
    assert tidy("- a\n## B\ntekst\n\n\n\nmere") == "- a\n\n## B\n\ntekst\n\nmere\n"


def test_a_report_of_another_kind_is_named_in_good_danish(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = udv(
        capsys, "render", "procesplan", "--root", str(REPO), "--report", "2024-efteraar-status"
    )
    assert code == 2
    assert "Rapporten '2024-efteraar-status' er et notat, ikke en procesplan." in err
    code, _, err = udv(capsys, "render", "notat", "--root", str(REPO), "--report", "findes-ikke")
    assert code == 2 and "Rapporten 'findes-ikke' findes ikke." in err
