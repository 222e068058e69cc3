"""``udv init``: a new plan that lints clean, with examples that work, and never an overwrite."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
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


def init(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(["init", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def findings(root: Path) -> list[str]:
    return [f"{f.location}: {f.code} {f.message}" for f in lint(root, AS_OF).findings]


def make(capsys: pytest.CaptureFixture[str], folder: Path, *extra: str) -> Path:
    code, _, err = init(
        capsys,
        str(folder),
        "--organisation",
        "Syddjurs Kommune",
        "--process",
        "Udviklingsplan for Ældreområdet: status: 2026",
        *extra,
    )
    assert code == 0, err
    return folder


def test_new_plan_lints_clean_and_has_everything(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = make(
        capsys,
        tmp_path / "plan",
        "--case-no",
        "25/1234",
        "--udv-pip",
        "udvikling==9.9",
        "--process-definite",
        "udviklingsplanen for Ældreområdet",
    )
    assert findings(root) == []
    for name in (
        "udvikling.yaml",
        "README.md",
        ".gitignore",
        ".pre-commit-config.yaml",
        ".github/workflows/udv.yml",
        ".github/workflows/udv-site.yml",
        ".gitlab-ci.yml",
        "schema/initiative.schema.json",
        "schema/udvikling.schema.json",
    ):
        assert (root / name).is_file(), name
    for folder in ("initiatives", "meetings", "reports", "indicators"):
        assert (root / "data" / folder).is_dir()
    config = load(root).dataset
    assert config is not None
    # A name with ": " in it reads back as typed; the case number stays text.
    assert config.config.process == "Udviklingsplan for Ældreområdet: status: 2026"
    assert config.config.case_no == "25/1234"
    assert config.config.process_definite == "udviklingsplanen for Ældreområdet"
    assert (
        (root / "udvikling.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=schema/udvikling.schema.json\n")
    )
    # The CI files are YAML and install udv from where they were told to.
    for name in (".github/workflows/udv.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml"):
        parsed = yaml.safe_load((root / name).read_text(encoding="utf-8"))
        assert parsed, name
        assert "udv lint" in (root / name).read_text(encoding="utf-8")
    assert "udvikling==9.9" in (root / ".gitlab-ci.yml").read_text(encoding="utf-8")
    ignore = (root / ".gitignore").read_text(encoding="utf-8")
    assert "/ud/" in ignore
    readme = (root / "README.md").read_text(encoding="utf-8")
    for command in ("udv new initiative", "udv sheet export", "udv render notat", "udv import"):
        assert command in readme
    if shutil.which("git"):
        assert (root / ".git").is_dir()


def test_the_commented_examples_are_a_working_configuration(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Each '# Eksempel:' block, uncommented in place of its '{}', is valid and lints clean,
    and a record may use what the examples declare."""
    root = make(capsys, tmp_path / "plan")
    text = (root / "udvikling.yaml").read_text(encoding="utf-8")
    blocks = re.findall(r"# Eksempel:\n((?:#   .*\n)+)(\w+): \{\}\n", text)
    assert {key for _, key in blocks} == {
        "tracks",
        "bodies",
        "owners",
        "units",
        "beacons",
        "obligations",
    }
    for lines, key in blocks:
        body = "".join(line[2:] + "\n" for line in lines.splitlines())
        text = text.replace(f"{lines}{key}: {{}}\n", f"{key}:\n{body}")
    (root / "udvikling.yaml").write_text(text, encoding="utf-8")
    (root / "data/initiatives/introduktion.yaml").write_text(
        textwrap.dedent(
            """\
            title: Introduktion af nye medarbejdere
            track: arbejdsmiljoe
            owner: afdelingsleder
            units: [omraade-nord]
            beacons: [pejlemaerke-1]
            start: 1. halvår 2025
            """
        ),
        encoding="utf-8",
    )
    (root / "data/meetings/2025-06-18-fagudvalg.yaml").write_text(
        "body: fagudvalg\ndate: 2025-06-18\ntitle: Status\nkind: status\n", encoding="utf-8"
    )
    loaded = load(root)
    assert loaded.dataset is not None
    assert list(loaded.dataset.config.tracks) == ["organisering", "arbejdsmiljoe"]
    errors = [f for f in lint(root, date(2025, 7, 1)).findings if f.severity == "error"]
    assert errors == []


def test_a_folder_with_other_files_is_left_untouched(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "plan"
    folder.mkdir()
    (folder / "gammel-plan.docx").write_bytes(b"not really word")
    code, out, _ = init(capsys, str(folder), "--organisation", "A", "--process", "B", "--no-git")
    assert code == 0
    assert "ikke ændret" in out
    assert (folder / "gammel-plan.docx").read_bytes() == b"not really word"
    assert not (folder / ".git").exists()


@pytest.mark.parametrize("existing", ["udvikling.yaml", "README.md", ".gitignore", "data"])
def test_never_overwrites_and_writes_nothing_when_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, existing: str
) -> None:
    folder = tmp_path / "plan"
    folder.mkdir()
    (folder / existing).write_text("mit eget\n", encoding="utf-8")  # 'data' as a file, too
    code, _, err = init(capsys, str(folder), "--organisation", "A", "--process", "B")
    assert code == 2
    assert "udv: fejl:" in err
    assert "overskriver aldrig" in err
    assert sorted(p.name for p in folder.iterdir()) == [existing]
    assert (folder / existing).read_text(encoding="utf-8") == "mit eget\n"


def test_names_are_required_off_a_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = init(capsys, str(tmp_path / "plan"), "--organisation", "A")
    assert code == 2
    assert "--process mangler" in err
    assert not (tmp_path / "plan").exists()


def test_templates_to_customise(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = make(capsys, tmp_path / "plan", "--templates", "--no-git")
    assert (root / "templates/notat.md.j2").is_file()
    assert (root / "templates/site/base.html.j2").is_file()
    assert (root / "templates/reference.docx").is_file()
    assert findings(root) == []
    code = run(["render", "--check", "--root", str(root)])
    assert code == 0


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_inside_a_git_repository_it_makes_no_new_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    code, out, _ = init(capsys, str(tmp_path / "plan"), "--organisation", "A", "--process", "B")
    assert code == 0
    assert "allerede i et git-repository" in out
    assert not (tmp_path / "plan" / ".git").exists()


def test_asks_for_the_names_on_a_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import typer._click.termui as termui

    given = ["Favrskov Kommune", "Handleplan for Socialpsykiatrien"]
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(termui, "visible_prompt_func", lambda _prompt: given.pop(0))
    code, _, err = init(capsys, str(tmp_path / "plan"), "--no-git")
    assert code == 0, err
    assert given == []
    dataset = load(tmp_path / "plan").dataset
    assert dataset is not None
    assert dataset.config.organisation == "Favrskov Kommune"
    assert dataset.config.process == "Handleplan for Socialpsykiatrien"
