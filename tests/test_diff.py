"""``udv diff`` on real temporary git repositories: what a change does to the plan.

The scenario repository has four commits: the start; a pull request that moves a deadline,
changes a status, adds a journal entry and a decision, adds, removes and renames files,
introduces one lint error and fixes another; a commit that breaks a file; and one that
repairs it. Goldens under ``tests/golden/diff/`` (``UDV_UPDATE_GOLDEN=1`` rewrites them).
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from conftest import MINIMAL_CONFIG, MINIMAL_INITIATIVE, MINIMAL_MEETING, golden, udv
from gitkit import FIXED_LATER, GitRepo, scenario
from udvikling.load import Dataset, load
from udvikling.review.compare import compare, compare_datasets
from udvikling.review.git import open_repo, resolve
from udvikling.review.model import SideInfo
from udvikling.review.snapshot import WORKTREE_LABEL, load_revision, load_worktree

AS_OF = "2024-06-01"


@pytest.fixture
def history(tmp_path: Path) -> tuple[GitRepo, list[str]]:
    """The scenario repository and its commits."""
    repo = GitRepo(tmp_path / "plan")
    return repo, scenario(repo)


check_golden = golden("diff")


def _compare(repo: GitRepo, base: str, head: str | None, today: date) -> object:
    git = open_repo(repo.path)
    before = resolve(git, base)
    after = resolve(git, head) if head else None
    return compare(
        load_revision(git, before),
        load_revision(git, after) if after else load_worktree(repo.path),
        today,
        SideInfo(before.label, before.commit),
        SideInfo(after.label, after.commit) if after else SideInfo(WORKTREE_LABEL),
    )


def test_pull_request_changes(
    history: tuple[GitRepo, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, commits = history
    code, out, err = udv(
        capsys, "diff", "HEAD~3", "HEAD~2", "--root", str(repo.path), "--as-of", AS_OF, "-f", "json"
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["base"]["commit"] == commits[0] and data["head"]["commit"] == commits[1]
    by_id = {r["id"]: r for r in data["records"]}
    strategy = by_id["kommunikationsstrategi"]
    assert strategy["change"] == "changed"
    texts = [f["text"] for f in strategy["fields"]]
    assert "status: planlagt → i gang" in texts
    due = next(f for f in strategy["fields"] if f["field"] == "due")
    assert due["text"] == "frist flyttet fra 1. halvår 2024 til 2. halvår 2024, 6 måneder senere"
    assert (due["old"], due["new"], due["shift"]["months"]) == ("2024-H1", "2024-H2", 6)
    assert [u["text"] for u in strategy["updates"]] == ["Udkast sendt i høring."]
    assert by_id["gammelt-projekt"]["change"] == "removed"
    assert by_id["ny-indsats"]["change"] == "added"
    renamed = by_id["teams-paa-tvaers"]
    assert (renamed["change"], renamed["old_id"]) == ("renamed", "teams")
    meeting = by_id["2024-04-24-vpu"]
    assert [d["text"] for d in meeting["decisions"]] == ["Godkendt."]
    introduced = [(f["path"], f["code"]) for f in data["lint"]["introduced"]]
    fixed = [(f["path"], f["code"]) for f in data["lint"]["fixed"]]
    assert ("data/initiatives/ny-indsats.yaml", "UDV202") in introduced
    assert ("data/initiatives/vaerdigrundlag.yaml", "UDV201") in fixed
    assert not any(path.endswith("teams-paa-tvaers.yaml") for path, _ in introduced)
    check_golden("pull-request.json", out)


def test_pull_request_markdown(
    history: tuple[GitRepo, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, commits = history
    code, out, _ = udv(
        capsys,
        "diff",
        f"{commits[0]}..{commits[1]}",
        "--root",
        str(repo.path),
        "--as-of",
        AS_OF,
        "--format",
        "md",
    )
    assert code == 0
    summary, _, details = out.partition("<details>")
    # The summary comes first; the details are folded.
    assert summary.index("**2 tiltag ændret, 1 tilføjet, 1 fjernet og 1 omdøbt;") > 0
    assert "Teams på tværs (teams-paa-tvaers)**: omdøbt fra teams" in summary
    assert "frist flyttet fra 1. halvår 2024 til 2. halvår 2024, 6 måneder senere" in summary
    assert "Udkast sendt i høring." in details
    assert out.count("<details>") == out.count("</details>")
    check_golden("pull-request.md", out)


def test_text_format(
    history: tuple[GitRepo, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, _ = history
    code, out, _ = udv(capsys, "diff", "HEAD~3..HEAD~2", "--root", str(repo.path), "--as-of", AS_OF)
    assert code == 0
    check_golden("pull-request.txt", out)


def test_broken_file_is_reported_not_fatal(
    history: tuple[GitRepo, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, _ = history
    code, out, _ = udv(
        capsys, "diff", "HEAD~2", "HEAD~1", "--root", str(repo.path), "--as-of", AS_OF, "-f", "json"
    )
    assert code == 0
    data = json.loads(out)
    [record] = data["records"]
    assert (record["id"], record["change"]) == ("kommunikationsstrategi", "broken")
    assert "kommunikationsstrategi.yaml:2:1: YAML-fejl" in record["problem"]
    code, out, _ = udv(
        capsys, "diff", "HEAD~1", "HEAD", "--root", str(repo.path), "--as-of", AS_OF, "-f", "json"
    )
    [record] = json.loads(out)["records"]
    assert record["change"] == "repaired"
    check_golden("broken.json", out)


def test_unreadable_configuration_side(
    history: tuple[GitRepo, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, _ = history
    repo.write({"udvikling.yaml": "organisation: [\n"})
    code, out, _ = udv(capsys, "diff", "--root", str(repo.path), "--as-of", AS_OF)
    assert code == 0
    assert "Efter (arbejdskopien): udvikling.yaml kan ikke læses" in out
    assert "Planen kan ikke sammenlignes." in out


def test_working_tree_against_head(
    history: tuple[GitRepo, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, _ = history
    code, out, _ = udv(capsys, "diff", "--root", str(repo.path), "--as-of", AS_OF)
    assert code == 0
    assert "Ingen ændringer i planen; ingen nye lint-fund." in out
    repo.write(
        {
            "data/initiatives/vaerdigrundlag.yaml": FIXED_LATER.replace(
                "ukendt-spor", "organisering"
            ).replace("due: 2025", "due: 2026")
        }
    )
    code, out, _ = udv(capsys, "diff", "--root", str(repo.path), "--as-of", AS_OF)
    assert "til arbejdskopien" in out.splitlines()[0]
    assert "frist flyttet fra 2025 til 2026, 12 måneder senere" in out


def test_as_of_changes_lint_not_records(history: tuple[GitRepo, list[str]]) -> None:
    repo, _ = history
    early = _compare(repo, "HEAD~3", "HEAD~2", date(2024, 1, 1))
    late = _compare(repo, "HEAD~3", "HEAD~2", date(2024, 6, 1))
    assert early.records == late.records  # type: ignore[attr-defined]


def test_since_report(
    history: tuple[GitRepo, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, commits = history
    # Without a tag: the last commit before the status meeting 24 April 2024.
    code, out, _ = udv(
        capsys, "diff", "--since-report", "--root", str(repo.path), "--as-of", AS_OF, "-f", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["base"]["commit"] == commits[0]
    assert "statusmødet i Voksen- og Plejeudvalget 24. april 2024" in data["note"]
    repo.git("tag", "status/2024-05-15", commits[2])
    code, out, _ = udv(
        capsys, "diff", "--since-report", "--root", str(repo.path), "--as-of", AS_OF, "-f", "json"
    )
    data = json.loads(out)
    assert data["base"]["commit"] == commits[2]
    assert data["note"].endswith(": tag status/2024-05-15.")


def test_usage_and_environment_errors(
    history: tuple[GitRepo, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo, _ = history
    code, _, err = udv(capsys, "diff", "nej-ikke", "--root", str(repo.path))
    assert code == 2
    assert err.startswith("udv: fejl: Revisionen 'nej-ikke' findes ikke i git-arkivet.")
    assert "Traceback" not in err
    code, _, err = udv(capsys, "diff", "-f", "pdf", "--root", str(repo.path))
    assert code == 2 and "Ukendt format 'pdf'" in err
    code, _, err = udv(capsys, "diff", "HEAD~1..HEAD", "HEAD", "--root", str(repo.path))
    assert code == 2 and "ikke begge" in err
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "udvikling.yaml").write_text(MINIMAL_CONFIG, encoding="utf-8")
    os.environ["GIT_CEILING_DIRECTORIES"] = str(tmp_path)
    try:
        code, _, err = udv(capsys, "diff", "--root", str(plain))
    finally:
        del os.environ["GIT_CEILING_DIRECTORIES"]
    assert code == 2 and "ligger ikke i et git-arkiv" in err


def test_shipped_plan_against_itself(capsys: pytest.CaptureFixture[str]) -> None:
    root = Path(__file__).resolve().parents[1]
    git = open_repo(root)
    head = resolve(git, "HEAD")
    loaded = load_revision(git, head)
    result = compare(loaded, loaded, date(2024, 4, 24), SideInfo("a"), SideInfo("b"))
    assert result.empty


def test_diff_and_history_touch_nothing(
    history: tuple[GitRepo, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, _ = history
    repo.write({"data/initiatives/arbejde.yaml": "title: [ikke færdig\n"})

    def state() -> dict[str, bytes]:
        files = [p for p in repo.path.rglob("*") if p.is_file() and ".git/objects" not in str(p)]
        return {str(p): p.read_bytes() for p in files}

    before = state()
    mtimes = {p: p.stat().st_mtime_ns for p in map(Path, before)}
    for args in (
        ("diff", "--as-of", AS_OF),
        ("diff", "HEAD~3..HEAD", "-f", "md", "--as-of", AS_OF),
        ("diff", "--since-report", "-f", "json", "--as-of", AS_OF),
        ("history", "kommunikationsstrategi"),
    ):
        code, _, err = udv(capsys, *args, "--root", str(repo.path))
        assert code == 0, err
    assert state() == before
    assert {p: p.stat().st_mtime_ns for p in mtimes} == mtimes
    assert repo.git("status", "--porcelain") == "?? data/initiatives/arbejde.yaml\n"


def test_field_wording_without_git(tmp_path: Path) -> None:
    def plan(name: str, files: dict[str, str]) -> Dataset:
        root = tmp_path / name
        for rel, text in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, encoding="utf-8")
        loaded = load(root)
        assert loaded.dataset is not None
        return loaded.dataset

    milestone = "milestones:\n  - title: Udkast\n    due: {due}\n"
    old = plan(
        "old",
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/kommunikationsstrategi.yaml": MINIMAL_INITIATIVE
            + "description: Første tekst.\n"
            + milestone.format(due="2024-03"),
            "data/meetings/2024-04-24-vpu.yaml": MINIMAL_MEETING,
        },
    )
    new = plan(
        "new",
        {
            "udvikling.yaml": MINIMAL_CONFIG.replace(
                "owners:\n", "owners:\n  stab: Administration/stab\n"
            ),
            "data/initiatives/kommunikationsstrategi.yaml": MINIMAL_INITIATIVE.replace(
                "owner: socialchef", "owner: stab"
            )
            + "since: 2023\n"
            + "description: Anden tekst.\n"
            + milestone.format(due="2024-05"),
            "data/meetings/2024-04-24-vpu.yaml": MINIMAL_MEETING.replace(
                "date: 2024-04-24", "date: 2024-05-08"
            ),
        },
    )
    changes = compare_datasets(old, new)
    texts = {c.id: [f.text for f in c.fields] for c in changes}
    assert texts["kommunikationsstrategi"] == [
        "optagelse i planen sat til 2023",
        "ansvarlig: Socialchef → Administration/stab",
        "beskrivelse ændret",
        "milepæl »Udkast«: frist flyttet fra marts 2024 til maj 2024, 2 måneder senere",
    ]
    assert texts["2024-04-24-vpu"] == [
        "mødedato flyttet fra 24. april 2024 til 8. maj 2024, 14 dage senere"
    ]
    assert texts["udvikling.yaml"] == ["ansvarlig tilføjet: stab (Administration/stab)"]


def test_an_added_initiative_without_owner_or_status_says_so(tmp_path: Path) -> None:
    """An initiative whose owner and status no source gives is 'ikke oplyst', never 'None'."""
    from udvikling.review.records import describe

    root = tmp_path / "plan"
    (root / "data/initiatives").mkdir(parents=True)
    (root / "udvikling.yaml").write_text(MINIMAL_CONFIG, encoding="utf-8")
    unknown = "\n".join(
        line
        for line in MINIMAL_INITIATIVE.splitlines()
        if not line.startswith(("owner:", "status:"))
    )
    (root / "data/initiatives/ukendt.yaml").write_text(unknown + "\n", encoding="utf-8")
    loaded = load(root)
    assert loaded.dataset is not None
    record = loaded.dataset.initiatives["ukendt"]
    assert record.owner is None and record.status is None
    line = describe("initiative", record, loaded.dataset)
    assert "None" not in line
    assert "ansvarlig ikke oplyst" in line
    assert "status ikke oplyst" in line


def test_a_new_entry_says_what_it_changes_in_words(tmp_path: Path) -> None:
    # After a status round the change that matters is in the journal: the status and the
    # deadline an entry sets, and the milestone it reports reached (issue 25).
    def plan(name: str, initiative: str) -> Dataset:
        root = tmp_path / name
        (root / "data/initiatives").mkdir(parents=True)
        (root / "udvikling.yaml").write_text(MINIMAL_CONFIG, encoding="utf-8")
        (root / "data/initiatives/kommunikationsstrategi.yaml").write_text(
            initiative, encoding="utf-8"
        )
        loaded = load(root)
        assert loaded.dataset is not None
        return loaded.dataset

    base = MINIMAL_INITIATIVE + "milestones:\n  - title: Udkast\n    due: 2024-06\n"
    text = (
        "Arbejdet er udskudt, fordi styringsanalysens anbefalinger skal drøftes i direktionen "
        "først, og strategien forelægges derfor først efter sommerferien næste år, når "
        "organisationen har fået de nye chefer på plads."
    )
    entry = (
        "updates:\n  - date: 2024-05-01\n    status: udskudt\n    due: 2. halvår 2025\n"
        f"    reached: [Udkast]\n    text: {text}\n"
    )
    changes = compare_datasets(plan("old", base), plan("new", base + entry))
    texts = [f.text for f in changes[0].fields]
    assert "status: i gang → udskudt (ved opdatering 1. maj 2024)" in texts
    assert (
        "frist flyttet fra 4. kvartal 2024 til 2. halvår 2025, 12 måneder senere "
        "(ved opdatering 1. maj 2024)" in texts
    )
    assert "milepæl »Udkast« meldt nået (ved opdatering 1. maj 2024)" in texts
    from udvikling.output.diff_text import detail_lines

    shown = "\n".join(detail_lines(changes[0]))
    assert text in shown and "…" not in shown


def test_an_edit_late_in_a_long_text_is_seen() -> None:
    from udvikling.output.diff_text import changed_parts

    words = " ".join(f"ord{n}" for n in range(80))
    old, new = changed_parts(words + " i gang.", words + " udskudt.")
    assert old.endswith("ord79 i gang.") and new.endswith("ord79 udskudt.")
    assert old.startswith("… ") and old != new
