"""``udv lint`` end to end: the shipped plan, six planted problems in every format, goldens.

The planted problems are written into a copy of the shipped data, one per file, and every
output format must name all six at their exact lines. Golden files live in
``tests/golden/lint/``; regenerate them with ``UDV_UPDATE_GOLDEN=1 python -m pytest``.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import MINIMAL_CONFIG, MINIMAL_INITIATIVE, golden
from gitkit import GitRepo
from udvikling.cli import run
from udvikling.codes import CODES

REPO = Path(__file__).resolve().parents[1]
AS_OF = "2025-06-30"


check_golden = golden("lint")


def copy_plan(tmp_path: Path) -> Path:
    """A copy of the shipped data repository (configuration and data, nothing else)."""
    root = tmp_path / "plan"
    root.mkdir()
    shutil.copy(REPO / "udvikling.yaml", root / "udvikling.yaml")
    shutil.copytree(REPO / "data", root / "data")
    return root


def lint(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = run(["lint", "--root", str(root), "--as-of", AS_OF, *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- the shipped plan --------------------------------------------------------------------


@pytest.mark.parametrize("as_of", ["2025-06-30", "2026-11-23"])
def test_shipped_plan_lints_clean(capsys: pytest.CaptureFixture[str], as_of: str) -> None:
    code = run(["lint", "--root", str(REPO), "--as-of", as_of, "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert code == 0
    assert [f for f in findings if f["severity"] != "info"] == []
    # The only remarks are the source table's own: two rounding differences and the share
    # it prints for Øvrigt personale in Område Ørum (11,53 %, computed 11,63 %).
    assert {f["code"] for f in findings} == {"UDV503", "UDV505"}


def test_shipped_plan_text_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = lint(capsys, REPO)
    assert code == 0
    assert out.rstrip().endswith("3 bemærkninger i 72 filer.")


# -- six problems planted in six files ----------------------------------------------------


@dataclass(frozen=True)
class Plant:
    path: str
    pattern: str  # a regex matching the first line to change
    replacement: str  # the line's new text
    code: str


PLANTS = (
    Plant(
        "data/initiatives/kommunikationsstrategi.yaml",
        r"^track: kommunikation$",
        "track: kommunikaton",
        "UDV201",
    ),
    Plant(
        "data/initiatives/arbejdstidsplanlaegning.yaml",
        r"^status: .*$",
        "status: igang",
        "UDV106",
    ),
    Plant(
        "data/initiatives/dokumentationspraksis.yaml",
        r"^track: .*$",
        "track: sideloebende-analyser\ntrack: administration",
        "UDV003",
    ),
    Plant(
        "data/initiatives/faelles-ledelsesforloeb.yaml",
        r"^timing: .*$",
        "start: 3. halvår 2023",
        "UDV104",
    ),
    Plant(
        "data/meetings/2024-04-24-vpu.yaml",
        r"^      - status-til-fagudvalgene$",
        "      - status-til-fagudvalgne",
        "UDV208",
    ),
    Plant(
        "data/indicators/medarbejdere-botilbud-2024-09.yaml",
        r"^totals: \{socialpsykiatri: 27\.03,",
        "totals: {socialpsykiatri: 37.03,",
        "UDV502",
    ),
)


def plant(root: Path) -> set[tuple[str, int, str]]:
    """Write the six problems; return (path, line, code) for each as it should be reported."""
    expected: set[tuple[str, int, str]] = set()
    for p in PLANTS:
        target = root / p.path
        lines = target.read_text(encoding="utf-8").split("\n")
        index = next(i for i, line in enumerate(lines) if re.match(p.pattern, line))
        new = re.sub(p.pattern, p.replacement, lines[index], count=1)
        lines[index : index + 1] = new.split("\n")
        target.write_text("\n".join(lines), encoding="utf-8")
        # The problem sits on the last line of the replacement (duplicate key, added start).
        expected.add((p.path, index + 1 + new.count("\n"), p.code))
    return expected


def test_plants_use_documented_codes() -> None:
    assert {p.code for p in PLANTS} <= set(CODES)
    assert len({p.path for p in PLANTS}) == 6


def _located(found: set[tuple[str, int, str]], expected: set[tuple[str, int, str]]) -> None:
    # Every planted problem is named at its line with its code; nothing else is an error.
    assert expected <= found, sorted(expected - found)


def test_six_planted_problems_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = copy_plan(tmp_path)
    expected = plant(root)
    code, out, err = lint(capsys, root, "--ignore", "UDV503")
    assert code == 1
    found = {
        (m[1], int(m[2]), m[4])
        for m in re.finditer(r"^(\S+):(\d+):(\d+): (UDV\d{3}) ", out, flags=re.M)
    }
    _located(found, expected)
    assert "Traceback" not in out + err
    check_golden("planted.txt", out)


def test_six_planted_problems_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = copy_plan(tmp_path)
    expected = plant(root)
    code, out, _ = lint(capsys, root, "--ignore", "UDV503", "--format", "json")
    assert code == 1
    findings = json.loads(out)["findings"]
    keys = {"path", "line", "column", "code", "severity", "message", "hint"}
    assert all(set(f) == keys for f in findings)
    _located({(f["path"], f["line"], f["code"]) for f in findings}, expected)
    assert {f["code"] for f in findings if f["severity"] == "error"} == {p.code for p in PLANTS}
    assert findings == sorted(findings, key=lambda f: (f["path"], f["line"], f["column"]))
    check_golden("planted.json", out)


def test_six_planted_problems_github(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = copy_plan(tmp_path)
    expected = plant(root)
    code, out, _ = lint(capsys, root, "--ignore", "UDV503", "--format", "github")
    assert code == 1
    pattern = r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),title=(UDV\d{3})::"
    found = {(m[2], int(m[3]), m[5]) for m in re.finditer(pattern, out, flags=re.M)}
    _located(found, expected)
    assert all(re.match(pattern, line) for line in out.splitlines() if line), out
    check_golden("planted.github.txt", out)


def test_six_planted_problems_gitlab(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = copy_plan(tmp_path)
    expected = plant(root)
    code, out, _ = lint(capsys, root, "--ignore", "UDV503", "--format", "gitlab")
    assert code == 1
    report = json.loads(out)
    for issue in report:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
    found = {
        (i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"]) for i in report
    }
    _located(found, expected)
    assert len({i["fingerprint"] for i in report}) == len(report)
    check_golden("planted.gitlab.json", out)


def _plan_in_subfolder(tmp_path: Path) -> tuple[Path, Path]:
    """A git repository (a monorepo) whose plan lies in ``forvaltning/plan/``; one UDV201."""
    top = GitRepo(tmp_path / "mono").path
    root = top / "forvaltning" / "plan"
    (root / "data" / "initiatives").mkdir(parents=True)
    (root / "udvikling.yaml").write_text(MINIMAL_CONFIG, encoding="utf-8")
    bad = MINIMAL_INITIATIVE.replace("track: kommunikation", "track: ukendt")
    (root / "data" / "initiatives" / "x.yaml").write_text(bad, encoding="utf-8")
    return top, root


@pytest.mark.parametrize("cwd", ["top", "plan", "elsewhere"])
def test_ci_paths_are_relative_to_the_git_top_level(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cwd: str
) -> None:
    top, root = _plan_in_subfolder(tmp_path)
    monkeypatch.chdir({"top": top, "plan": root, "elsewhere": tmp_path}[cwd])
    code, out, _ = lint(capsys, root, "--format", "github")
    assert code == 1
    assert (
        "::error file=forvaltning/plan/data/initiatives/x.yaml,line=2,col=8,title=UDV201::" in out
    )
    code, out, _ = lint(capsys, root, "--format", "gitlab")
    [issue] = [i for i in json.loads(out) if i["check_name"] == "UDV201"]
    assert issue["location"] == {
        "path": "forvaltning/plan/data/initiatives/x.yaml",
        "lines": {"begin": 2},
    }
    # The other formats stay relative to the plan, as udv's own text does.
    code, out, _ = lint(capsys, root, "--format", "json")
    assert "data/initiatives/x.yaml" in {f["path"] for f in json.loads(out)["findings"]}


def test_ci_paths_outside_git_are_relative_to_the_plan(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _, root = _plan_in_subfolder(tmp_path)
    shutil.rmtree(tmp_path / "mono" / ".git")
    code, out, _ = lint(capsys, root, "--format", "github")
    assert code == 1
    assert "::error file=data/initiatives/x.yaml,line=2," in out


def test_only_named_files_are_reported(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = copy_plan(tmp_path)
    plant(root)
    one = root / "data/initiatives/kommunikationsstrategi.yaml"
    code, out, _ = lint(capsys, root, "--format", "json", str(one))
    findings = json.loads(out)["findings"]
    assert code == 1
    # The typo is still checked against the whole plan's declarations...
    assert [(f["path"], f["code"]) for f in findings] == [
        ("data/initiatives/kommunikationsstrategi.yaml", "UDV201")
    ]
    assert "kommunikation" in (findings[0]["hint"] or "")
    # ...and a clean file named alone is clean, even though other files are broken.
    clean = root / "data/initiatives/ansaettelse-af-to-fagchefer.yaml"
    code, out, _ = lint(capsys, root, "--format", "json", str(clean))
    assert (code, json.loads(out)["findings"]) == (0, [])


def test_file_outside_the_plan_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    stray = tmp_path / "andet.yaml"
    stray.write_text("a: 1\n", encoding="utf-8")
    code, out, err = lint(capsys, REPO, str(stray))
    assert code == 2
    assert "Traceback" not in out + err


def test_warnings_pass_unless_strict(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = copy_plan(tmp_path)
    meeting = root / "data/meetings/2024-04-24-vpu.yaml"
    text = meeting.read_text(encoding="utf-8")
    # Removing the decisions of a past meeting is a warning (beslutning mangler).
    text = re.sub(r"(?m)^    decision: .*(\n      .*)*\n", "", text)
    text = re.sub(r"(?m)^    decision: .*\n", "", text)
    meeting.write_text(text, encoding="utf-8")
    code, out, _ = lint(capsys, root, "--format", "json", "--ignore", "UDV503", str(meeting))
    findings = json.loads(out)["findings"]
    assert code == 0
    assert {f["severity"] for f in findings} == {"warning"}
    code, _, _ = lint(capsys, root, "--strict", "--ignore", "UDV503", str(meeting))
    assert code == 1
    code, out, _ = lint(capsys, root, "--format", "json", "--select", "UDV2", str(meeting))
    assert (code, json.loads(out)["findings"]) == (0, [])


def test_text_is_plain_when_piped_and_counts_per_code(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = copy_plan(tmp_path)
    plant(root)
    code, out, _ = lint(capsys, root)
    assert code == 1
    assert "\x1b[" not in out
    assert re.search(r"(?m)^  UDV201 +1 ", out)
    assert re.search(r"(?m)^  UDV503 +1 ", out)


def test_bad_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = lint(capsys, REPO, "--format", "xml")
    assert code == 2
    assert "Ukendt format 'xml'" in err


# -- docs/rules.md and the code table ----------------------------------------------------


def documented_codes() -> dict[str, str]:
    text = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    return dict(re.findall(r"(?m)^## (UDV\d{3}) — (.+)$", text))


def test_every_code_is_documented_and_every_documented_code_exists() -> None:
    documented = documented_codes()
    assert sorted(set(CODES) - set(documented)) == [], "koder uden afsnit i docs/rules.md"
    assert sorted(set(documented) - set(CODES)) == [], "afsnit i docs/rules.md uden kode"
    for code, title in documented.items():
        assert CODES[code].title == title.strip(), code


def test_every_code_is_emitted_somewhere_in_the_source() -> None:
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in (REPO / "src" / "udvikling").rglob("*.py")
    )
    for code in CODES:
        uses = source.count(f'"{code}"')
        assert uses >= 2, f"{code} står i kodetabellen, men bruges ingen steder"
