"""An owner's text as they wrote it, in every view (issue 27): paragraphs, "- " lists and
numbered lists typed in a status sheet cell survive into the notat in Markdown and Word
(whatever the report's block style), the site's initiative page and ``udv show``; one reading
of the text (``udvikling.prose``) serves them all."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

from sheetkit import SMALL_PLAN, build, udv
from udvikling import prose

TYPED = (
    "Siden sidst har vi:\n"
    "- ansat to rådgivere\n"
    "- holdt møde med\n"
    "  alle teams\n"
    "\n"
    "Næste skridt:\n"
    "1. høring i MED\n"
    "2. politisk behandling\n"
    "\n"
    "Vi forventer at være færdige til sommer."
)

ENTRY = """\
          - date: 2025-03-20
            reported_in: 2025-foraar
            text: |-
{text}
"""

REPORT = """\
kind: notat
title: Status foråret 2025
date: 2025-04-01
sections:
  - heading: Punkter
    blocks:
      - initiatives: [kommunikationsstrategi, budgetmodel]
        style: list
  - heading: Et afsnit
    blocks:
      - initiatives: [budgetmodel, kommunikationsstrategi]
        style: paragraph
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = dict(SMALL_PLAN)
    text = "\n".join(f"              {line}" if line else "" for line in TYPED.split("\n"))
    key = "data/initiatives/kommunikationsstrategi.yaml"
    files[key] = files[key].replace(
        "              Arbejdet er i gang.\n",
        "              Arbejdet er i gang.\n" + ENTRY.format(text=text),
    )
    files["data/initiatives/budgetmodel.yaml"] = (
        files["data/initiatives/budgetmodel.yaml"].rstrip(" ")
        + """\
        updates:
          - date: 2025-03-21
            reported_in: 2025-foraar
            text: Modellen er sendt til høring.
        """
    )
    files["data/reports/2025-foraar.yaml"] = REPORT
    return build(tmp_path_factory.mktemp("plan"), files)


def test_the_plan_holds_the_text_as_typed(plan: Path) -> None:
    from udvikling.load import load

    dataset = load(plan).dataset
    assert dataset is not None
    assert dataset.initiatives["kommunikationsstrategi"].updates[-1].text == TYPED


def test_one_reading_of_the_text() -> None:
    found = prose.blocks(TYPED)
    assert [type(b).__name__ for b in found] == [
        "Paragraph",
        "ItemList",
        "Paragraph",
        "ItemList",
        "Paragraph",
    ]
    bullets, numbers = found[1], found[3]
    assert isinstance(bullets, prose.ItemList) and isinstance(numbers, prose.ItemList)
    assert [prose.flat(i) for i in bullets.items] == [
        "ansat to rådgivere",
        "holdt møde med alle teams",
    ]
    assert numbers.numbered and [i.number for i in numbers.items] == [1, 2]
    assert prose.laid_out(TYPED)
    assert not prose.laid_out("Modellen er\nsendt til høring.")


def _notat(capsys: pytest.CaptureFixture[str], plan: Path, *extra: str) -> str:
    code, out, err = udv(
        capsys, "render", "notat", "--root", str(plan), "--report", "2025-foraar", *extra
    )
    assert code == 0, err
    return out


def test_a_list_style_block_keeps_the_list_under_its_bullet(
    plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    markdown = _notat(capsys, plan).split("## Punkter")[1].split("## Et afsnit")[0]
    assert (
        "- Siden sidst har vi:\n"
        "\n"
        "  - ansat to rådgivere\n"
        "  - holdt møde med\n"
        "    alle teams\n"
        "\n"
        "  Næste skridt:\n"
        "\n"
        "  1. høring i MED\n"
        "  2. politisk behandling\n"
        "\n"
        "  Vi forventer at være færdige til sommer.\n"
        "- Modellen er sendt til høring.\n"
    ) in markdown, markdown


def test_a_paragraph_style_block_keeps_the_list(
    plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    markdown = _notat(capsys, plan).split("## Et afsnit")[1]
    assert "Modellen er sendt til høring.\n\nSiden sidst har vi:\n" in (markdown), markdown
    assert "- ansat to rådgivere\n- holdt møde med\n  alle teams\n" in markdown
    assert "1. høring i MED\n2. politisk behandling\n" in markdown
    assert "Siden sidst har vi: - ansat" not in markdown


def test_word_has_real_lists(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "notat.docx"
    _notat(capsys, plan, "-o", str(target))
    document = Document(str(target))
    listed = [
        p.text for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None
    ]
    # Each block shows the entry once; its list items are list paragraphs in Word.
    assert listed.count("ansat to rådgivere") == 2, listed
    assert listed.count("holdt møde med alle teams") == 2, listed
    assert listed.count("høring i MED") == 2, listed
    texts = [p.text for p in document.paragraphs]
    assert not [t for t in texts if "- ansat" in t or "Siden sidst har vi: -" in t], texts
    assert texts.count("Vi forventer at være færdige til sommer.") == 2, texts


def test_the_site_shows_the_same_form(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    code, _, err = udv(
        capsys,
        "site",
        "--root",
        str(plan),
        "-o",
        str(site),
        "--no-documents",
        "--as-of",
        "2025-04-01",
    )
    assert code == 0, err
    page = (site / "tiltag" / "kommunikationsstrategi.html").read_text(encoding="utf-8")
    compact = re.sub(r">\s+<", "><", page)
    assert (
        "<p>Siden sidst har vi:</p>"
        "<ul><li>ansat to rådgivere</li><li>holdt møde med alle teams</li></ul>"
        "<p>Næste skridt:</p>"
        "<ol><li>høring i MED</li><li>politisk behandling</li></ol>"
        "<p>Vi forventer at være færdige til sommer.</p>"
    ) in compact, compact


def test_show_shows_the_same_form(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = udv(capsys, "show", "kommunikationsstrategi", "--root", str(plan))
    assert code == 0, err
    assert (
        "  20. marts 2025, meldt i rapporten »Status foråret 2025« (1. april 2025): "
        "Siden sidst har vi:\n"
        "    - ansat to rådgivere\n"
        "    - holdt møde med alle teams\n"
        "    Næste skridt:\n"
        "    1. høring i MED\n"
        "    2. politisk behandling\n"
        "    Vi forventer at være færdige til sommer.\n"
    ) in out, out


def test_site_text_stays_escaped() -> None:
    from udvikling.site.environment import paragraphs

    html = str(paragraphs("<b>fed</b>:\n- <script>x</script>\n1. a & b\n2. c"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>" not in html and "&amp;" in html
    assert "<ol><li>a &amp; b</li><li>c</li></ol>" in html


def test_the_dry_run_shows_the_answer_as_laid_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sheetkit import fill

    plan = build(tmp_path / "plan", SMALL_PLAN)
    out = tmp_path / "ud"
    code, _, err = udv(
        capsys, "sheet", "export", "--root", str(plan), "-o", str(out), "--as-of", "2025-03-01"
    )
    assert code == 0, err
    returned = fill(
        out / "statusark-socialchef.xlsx", {(2, "Ny opdatering"): TYPED}, tmp_path / "svar.xlsx"
    )
    code, stdout, _ = udv(
        capsys,
        "sheet",
        "import",
        "--root",
        str(plan),
        str(returned),
        "--date",
        "2025-03-20",
        "--dry-run",
    )
    assert code == 0, stdout
    assert (
        "    - ny opdatering 20. marts 2025: Siden sidst har vi:\n"
        "      - ansat to rådgivere\n"
        "      - holdt møde med alle teams\n"
        "      Næste skridt:\n"
        "      1. høring i MED\n"
        "      2. politisk behandling\n"
        "      Vi forventer at være færdige til sommer.\n"
    ) in stdout, stdout


def test_status_shows_the_same_form(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ("status", "--root", str(plan), "--quarter", "2025Q1", "--as-of", "2025-04-01")
    code, out, err = udv(capsys, *args)
    assert code == 0, err
    assert (
        "Siden sidst har vi:\n"
        "      - ansat to rådgivere\n"
        "      - holdt møde med alle teams\n"
        "      Næste skridt:\n"
        "      1. høring i MED\n"
    ) in out, out
    code, out, err = udv(capsys, *args, "-f", "md")
    assert code == 0, err
    assert (
        "Siden sidst har vi:\n\n  - ansat to rådgivere\n  - holdt møde med\n    alle teams\n"
    ) in out, out
