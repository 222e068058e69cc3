"""The one output guard for every command that writes (issue 24, items 1 and 8).

No output lands in or over the plan: not its folder, ``udvikling.yaml``, ``data/``,
``templates/`` (also before that folder exists, so no output can become a template) or a
git repository's ``.git/``; ``udv site -o`` replaces a folder only when every file in it is
one udv wrote, unchanged, whatever ``.udv-site`` file a pull request commits.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hostile_support import AS_OF, INIT, git, plan


def _tree(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` (git's own included) and its bytes."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def _site(quick: Any, cwd: Path, target: str, root: str = ".") -> tuple[int, str]:
    return quick(cwd, "site", "--root", root, "-o", target, "--as-of", AS_OF, "--no-documents")


@pytest.mark.parametrize("target", [".", "data", INIT, "templates", ".git"])
def test_site_never_replaces_the_plan_even_with_a_committed_marker(
    tmp_path: Path, quick: Any, target: str
) -> None:
    root = plan(tmp_path / "plan", {"templates/notat.md.j2": "# {{ titel }}\n"})
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "plan")
    (root / "uncommitted.txt").write_text("arbejde i gang", encoding="utf-8")
    for folder in (root, root / "data", root / INIT, root / "templates", root / ".git"):
        (folder / ".udv-site").write_text("udv-websted\n", encoding="utf-8")
    before = _tree(root)
    code, output = _site(quick, root, target)
    assert code == 2, output
    assert "udv skriver ikke i" in output
    assert _tree(root) == before


@pytest.mark.parametrize("target", ["data/websted", "templates/site", "Templates/site", "plan"])
def test_site_never_writes_into_the_plan(tmp_path: Path, quick: Any, target: str) -> None:
    # templates/ does not exist: a site there would become the plan's own site templates.
    root = plan(tmp_path / "plan")
    before = _tree(root)
    where = tmp_path if target == "plan" else root
    code, output = _site(quick, where, target, str(root))
    assert code == 2, output
    assert _tree(root) == before
    assert not (root / "templates").exists() and not (root / "Templates").exists()


def test_site_in_a_folder_above_the_plan_is_refused(tmp_path: Path, quick: Any) -> None:
    # A plan in a subfolder of its repository: neither the repository nor its .git.
    top = tmp_path / "arkiv"
    root = plan(top / "plan")
    git(top, "init", "-q")
    (top / ".udv-site").write_text("udv-websted\n", encoding="utf-8")
    before = _tree(top)
    for target in (str(top), str(top / ".git" / "websted"), str(tmp_path)):
        code, output = _site(quick, root, target)
        assert code == 2 and "udv skriver ikke i" in output, (target, output)
    assert _tree(top) == before


def test_site_never_deletes_what_udv_did_not_write(tmp_path: Path, quick: Any) -> None:
    root = plan(tmp_path / "plan")
    site = tmp_path / "websted"
    assert _site(quick, root, str(site))[0] == 0
    assert _site(quick, root, str(site))[0] == 0  # udv's own site, unchanged: replaced
    # A file added by hand is not udv's.
    (site / "egen.txt").write_text("min fil", encoding="utf-8")
    code, output = _site(quick, root, str(site))
    assert code == 2 and "egen.txt er ikke skrevet af udv" in output
    (site / "egen.txt").unlink()
    # A page changed by hand is not udv's either.
    (site / "om.html").write_text("rettet i hånden", encoding="utf-8")
    code, output = _site(quick, root, str(site))
    assert code == 2 and "om.html er ændret" in output
    assert (site / "om.html").read_text(encoding="utf-8") == "rettet i hånden"
    # A forged marker listing nothing of the folder proves nothing.
    other = tmp_path / "andet"
    other.mkdir()
    (other / ".udv-site").write_text("udv-websted\nfil 00 vigtig.txt\n", encoding="utf-8")
    (other / "vigtig.txt").write_text("behold mig", encoding="utf-8")
    code, output = _site(quick, root, str(other))
    assert code == 2 and "vigtig.txt er ændret" in output
    assert (other / "vigtig.txt").read_text(encoding="utf-8") == "behold mig"


@pytest.mark.parametrize(
    "args",
    [
        ["render", "notat", "-o", "templates/notat.md.j2"],
        ["render", "procesplan", "-o", "templates/site/om.html.j2"],
        ["render", "notat", "-o", "TEMPLATES/notat.md.j2"],
        ["calendar", "-o", "templates/kalender.ics"],
        ["schema", "-o", "templates"],
        ["sheet", "export", "-o", "templates"],
        ["sheet", "export", "-o", "templates/ark"],
        ["sheet", "export", "-o", "."],
        ["sheet", "export", "--owner", "socialchef", "-o", "templates/ark.xlsx"],
    ],
)
def test_no_output_makes_a_template_folder(tmp_path: Path, quick: Any, args: list[str]) -> None:
    root = plan(tmp_path)
    before = _tree(root)
    code, output = (
        quick(root, *args, "--root", ".", "--as-of", AS_OF)
        if args[0]
        in (
            "render",
            "sheet",
        )
        else quick(root, *args, "--root", ".")
    )
    assert code == 2, output
    assert "udv skriver ikke" in output
    assert _tree(root) == before
    assert not (root / "templates").exists() and not (root / "TEMPLATES").exists()


def test_output_into_the_git_folder_of_the_repository_above(tmp_path: Path, quick: Any) -> None:
    top = tmp_path / "arkiv"
    root = plan(top / "plan")
    git(top, "init", "-q")
    code, output = quick(root, "calendar", "--root", ".", "-o", "../.git/kalender.ics")
    assert code == 2 and ".git/-mappe" in output
    assert not (top / ".git" / "kalender.ics").exists()


@pytest.mark.parametrize("target", ["data/ny-plan", "templates/ny-plan", ".git/ny-plan"])
def test_init_never_makes_a_plan_inside_another_plan(
    tmp_path: Path, quick: Any, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    # templates/ does not exist yet: a plan made there would become templates of the outer one.
    import sys

    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)
    root = plan(tmp_path / "plan")
    git(root, "init", "-q")
    before = _tree(root)
    code, output = quick(
        root, "init", target, "--organisation", "Testkommune", "--process", "Ny plan"
    )
    assert code == 2 and "udv init laver ikke en plan" in output, output
    assert _tree(root) == before
    assert not (root / target).exists()
    # Beside the plan (a folder of its own inside the repository) is fine.
    code, output = quick(
        root, "init", "anden-plan", "--organisation", "Testkommune", "--process", "Ny plan"
    )
    assert code == 0, output
