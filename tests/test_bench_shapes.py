"""The benchmark's plans are what docs/performance.md says they are: the clean synthetic plan
has no errors, each unhappy shape has exactly the problems it describes (and is the same
every time), and the history repository has the commits it claims."""

from __future__ import annotations

import shutil
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from udvikling.findings import Finding
from udvikling.lint import lint

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import gitrepo  # noqa: E402
import synth  # noqa: E402

TODAY = date(2026, 11, 23)
SIZE = 90  # two full copies and a partial one; under 300 records, so no cache is involved


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bench") / "clean"
    synth.build(REPO, root, SIZE)
    return root


def _shape(clean: Path, tmp_path: Path, shape: str) -> tuple[Path, str]:
    root = tmp_path / shape
    shutil.copytree(clean, root)
    return root, synth.SHAPES[shape](root, 14)


def _codes(findings: list[Finding], severity: str = "error") -> Counter[str]:
    return Counter(f.code for f in findings if f.severity == severity)


def test_clean_plan_has_no_errors(clean: Path) -> None:
    assert _codes(lint(clean, TODAY).findings) == Counter()


def test_renamed_leaves_every_reference_dangling(clean: Path, tmp_path: Path) -> None:
    root, text = _shape(clean, tmp_path, "renamed")
    errors = _codes(lint(root, TODAY).findings)
    assert set(errors) <= {"UDV206", "UDV208"}
    assert f"{sum(errors.values())} poster henviser" in text


def test_broken_breaks_as_many_references_as_it_says(clean: Path, tmp_path: Path) -> None:
    root, text = _shape(clean, tmp_path, "broken")
    errors = _codes(lint(root, TODAY).findings)
    broken = int(text.split(" af ")[0].replace(".", ""))
    assert broken > 0
    assert sum(n for code, n in errors.items() if code.startswith("UDV2")) == broken


def test_errors10_gives_one_data_error_per_chosen_file(clean: Path, tmp_path: Path) -> None:
    root, text = _shape(clean, tmp_path, "errors10")
    findings = lint(root, TODAY).findings
    files = {f.path for f in findings if f.code in ("UDV101", "UDV103", "UDV104", "UDV105")}
    assert len(files) == int(text.split(" af ")[0].replace(".", ""))


def test_every_waiver_is_used(clean: Path, tmp_path: Path) -> None:
    root, text = _shape(clean, tmp_path, "waivers")
    findings = lint(root, TODAY).findings
    assert not [f for f in findings if f.code in ("UDV402", "UDV901", "UDV902", "UDV903")]
    assert Counter(f.code for f in findings) == Counter(f.code for f in lint(clean, TODAY).findings)
    waivers = sum(p.read_text().count("code: UDV402") for p in root.glob("data/initiatives/*"))
    assert waivers == min(synth.WAIVERS, SIZE)
    assert text.startswith(str(waivers))


def test_shapes_are_deterministic(clean: Path, tmp_path: Path) -> None:
    for shape in ("broken", "errors10"):
        a, _ = _shape(clean, tmp_path / "a", shape)
        b, _ = _shape(clean, tmp_path / "b", shape)
        for path in sorted(a.rglob("*.yaml")):
            assert path.read_bytes() == (b / path.relative_to(a)).read_bytes(), path


def test_history_repository(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = gitrepo.build_history(REPO, tmp_path / "history", 40, 5)
    assert (repo.commits, repo.touching) == (40, 5)
    again = gitrepo.build_history(REPO, tmp_path / "history", 40, 5)  # reused, not rebuilt
    assert again == repo


def test_history_repository_holds_valid_records_only(tmp_path: Path) -> None:
    # Every other initiative and meeting is changed in turn: a meeting gets a new
    # attachment (meetings have no tags), so the plan at the newest commit lints without
    # errors, as the shipped plan does.
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = gitrepo.build_history(REPO, tmp_path / "history", 80, 5)
    errors = [f for f in lint(repo.root, date(2026, 11, 23)).findings if f.severity == "error"]
    assert errors == []


def test_the_target_table_holds_every_timed_target_of_issue_29() -> None:
    """Each latency the benchmark times against one of issue 29's limits is in its table of
    targets (the sheet import was timed but left out of it)."""
    import latency
    import run as bench_run

    records = {
        1000: [
            latency.Timing(label, [seconds], [seconds])
            for label, seconds in (
                ("udv show uvildig-undersoegelse-2022", 0.2),
                ("udv status", 0.4),
                ("udv overdue", 0.4),
                ("udv sheet export (alle ansvarlige)", 1.2),
                ("udv sheet import --dry-run (11 ark)", 2.5),
                ("udv site --no-documents", 2.0),
            )
        ]
    }
    found = {
        t.text: (t.value, t.limit)
        for t in bench_run.targets_29(bench_run.Run([], [], [], records=records))
    }
    assert found["1.000: `udv sheet import --dry-run (en fuld runde besvaret)`"] == (2.5, 2.0)
    assert len(found) == 6
