"""``udv lint``'s text report with many findings: plain and complete when piped, capped with a
count per code at a terminal (``--max-findings``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import MINIMAL_CONFIG, MINIMAL_INITIATIVE, MINIMAL_MEETING, BuildTree
from udvikling.cli import run
from udvikling.findings import Finding
from udvikling.lint import LintResult
from udvikling.output.lint_text import plain_text

MANY = 300
FINDING_LINE = re.compile(r"^data/\S+:\d+:\d+: UDV\d{3} (fejl|advarsel|bemærkning): ", re.M)


@pytest.fixture
def broken_plan(build_tree: BuildTree) -> Path:
    """A plan whose one meeting names a missing initiative in ``MANY`` agenda items."""
    items = "".join(
        f"  - title: Punkt {i}\n    initiatives: [kommunikations-strategi]\n" for i in range(MANY)
    )
    return build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/kommunikationsstrategi.yaml": MINIMAL_INITIATIVE,
            "data/meetings/2024-04-24-vpu.yaml": MINIMAL_MEETING.split("items:")[0]
            + "items:\n"
            + items,
        }
    )


def lint(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = run(["lint", "--root", str(root), "--as-of", "2024-05-01", "--select", "UDV2", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_piped_output_is_plain_and_complete(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, broken_plan: Path
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # would colour rich's output even in a pipe
    code, out, _ = lint(capsys, broken_plan)
    assert code == 1
    assert "\x1b" not in out
    assert len(FINDING_LINE.findall(out)) == MANY
    assert out.count("    tip: Mente du 'kommunikationsstrategi'? ") == MANY
    assert "mere" not in out
    assert out.endswith(
        f"\n\n  UDV208  {MANY}  Ukendt tiltag i et dagsordenspunkt\n{MANY} fejl i 3 filer.\n"
    )


@pytest.mark.usefixtures("terminal")
def test_terminal_output_is_capped_with_a_count_per_code(
    capsys: pytest.CaptureFixture[str], broken_plan: Path
) -> None:
    code, out, _ = lint(capsys, broken_plan)
    assert code == 1
    assert len(FINDING_LINE.findall(out)) == 200
    assert f"… og {MANY - 200} fund mere (vis alle med --max-findings 0).\n" in out
    assert f"\n  UDV208  {MANY}  Ukendt tiltag i et dagsordenspunkt\n" in out
    assert out.endswith(f"{MANY} fejl i 3 filer.\n")


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize(("option", "shown"), [("0", MANY), ("5", 5), (str(MANY), MANY)])
def test_max_findings_at_a_terminal(
    capsys: pytest.CaptureFixture[str], broken_plan: Path, option: str, shown: int
) -> None:
    code, out, _ = lint(capsys, broken_plan, "--max-findings", option)
    assert code == 1
    assert len(FINDING_LINE.findall(out)) == shown
    assert ("fund mere" in out) == (shown < MANY)
    assert f"  UDV208  {MANY}  " in out


@pytest.mark.usefixtures("terminal")
def test_other_formats_are_never_capped(
    capsys: pytest.CaptureFixture[str], broken_plan: Path
) -> None:
    code, out, _ = lint(capsys, broken_plan, "--format", "json", "--max-findings", "3")
    assert code == 1
    assert len(json.loads(out)["findings"]) == MANY


def test_negative_max_findings_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], broken_plan: Path
) -> None:
    code, _, err = lint(capsys, broken_plan, "--max-findings", "-1")
    assert code == 2
    assert "--max-findings" in err


def test_plain_text_is_what_the_terminal_shows_without_colour(
    capsys: pytest.CaptureFixture[str], terminal: None
) -> None:
    # Control characters from data made visible, tabs expanded, brackets kept: the same
    # text as rich prints, character for character.
    from udvikling.output.lint_text import print_text

    findings = [
        Finding(
            "data/a.yaml", 1, 2, "UDV201", "error", "Ukendt 'x\x1b[31m'\tved\u202e.", "[b]Ret."
        ),
        Finding("data/b.yaml", 3, 1, "UDV603", "warning", "Ingen status :smile: [/].", None),
    ]
    result = LintResult(findings, 2)
    print_text(result, 0)
    shown = capsys.readouterr().out
    assert plain_text(result) == shown
    assert "\\x1b[31m'        ved\\u202e." in shown  # the tab up to the next stop of 8


def test_plain_text_without_findings() -> None:
    assert plain_text(LintResult([], 7)) == "Ingen problemer i 7 filer.\n"
