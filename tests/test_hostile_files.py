"""One file-opening path for everything read from a data repository (issue 24, items 6, 9
and 11): a ring of symbolic links, a link out of the plan, a FIFO, a file name that is not
UTF-8 or not an id, a control character in a name: a finding or a Danish message with the
documented exit code in every command, never exit 3, never a hang, never an absolute path
of what a link points at.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from conftest import run_in_process
from hostile_support import AS_OF, INIT, assert_clean_failure, git, plan, udv

LOOP = "en ring af symbolske links"


@pytest.fixture
def quick(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def run_here(cwd: Path, *args: str) -> tuple[int, str]:
        monkeypatch.chdir(cwd)
        monkeypatch.setenv("UDV_CACHE_DIR", str(cwd.parent / "cache"))
        return run_in_process(capsys, *args)

    return run_here


def _committed(tmp_path: Path) -> Path:
    root = plan(tmp_path / "plan")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "plan")
    return root


WRITERS = [
    ["site", "-o", "../websted", "--as-of", AS_OF, "--no-documents"],
    ["sheet", "export", "-o", "../ark", "--as-of", AS_OF],
    ["render", "procesplan", "-o", "../plan.md", "--as-of", AS_OF],
    ["calendar", "-o", "../plan.ics"],
]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["lint"], 1),
        (["lint", "--format", "github"], 1),
        (["lint", "--format", "gitlab"], 1),
        (["lint", f"{INIT}/self.yaml"], 1),
        (["diff", "HEAD"], 0),
        *[(args, 1) for args in WRITERS],
    ],
)
def test_a_ring_of_links_is_a_finding(
    tmp_path: Path, quick: Any, args: list[str], code: int
) -> None:
    root = _committed(tmp_path)
    (root / INIT / "self.yaml").symlink_to("self.yaml")
    got, output = quick(root, *args, "--root", ".")
    assert got == code, output
    assert LOOP in output


@pytest.mark.parametrize(
    ("place", "args"),
    [
        ("templates/notat.md.j2", ["render", "notat", "-o", "../n.md", "--as-of", AS_OF]),
        ("templates/site/site.css", WRITERS[0]),
        ("templates/site/tiltag.html.j2", WRITERS[0]),
        ("templates/reference.docx", ["render", "notat", "-f", "docx", "-o", "../n.docx"]),
    ],
)
def test_a_ring_of_links_among_the_templates(
    tmp_path: Path, quick: Any, place: str, args: list[str]
) -> None:
    root = plan(tmp_path / "plan")
    link = root / place
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(link.name)
    code, output = quick(root, *args, "--root", ".")
    assert code == 1 and LOOP in output, output
    code, output = quick(root, "render", "--check", "--root", ".")
    assert code == 1 and LOOP in output, output


def test_a_folder_link_out_of_the_plan_never_shows_where_it_points(
    tmp_path: Path, quick: Any
) -> None:
    root = plan(tmp_path / "plan")
    outside = tmp_path / "hemmelig-mappe"
    (root / "data" / "meetings").rename(outside)
    (root / "data" / "meetings").symlink_to(outside)
    for fmt in ("text", "github", "gitlab", "json"):
        code, output = quick(root, "lint", "--root", ".", "--format", fmt)
        assert code == 1 and "peger uden for datamappen" in output
        assert "hemmelig-mappe" not in output and str(tmp_path) not in output


def test_a_file_name_that_is_not_utf8(tmp_path: Path, quick: Any) -> None:
    root = _committed(tmp_path)
    bad = os.fsencode(root / INIT) + b"/bad\xff.yaml"
    with open(bad, "wb") as handle:
        handle.write((root / INIT / "kommunikationsstrategi.yaml").read_bytes())
    code, output = quick(root, "lint", "--root", ".", "--format", "gitlab")
    assert code == 1
    report = json.loads(output)
    assert any(i["location"]["path"] == "data/initiatives/bad\\udcff.yaml" for i in report)
    for args in WRITERS:
        code, output = quick(root, *args, "--root", ".")
        assert code == 1 and "UDV301" in output, (args, output)
        code, output = quick(root, *args, "--root", ".", "--allow-errors")
        assert code == 0, (args, output)


@pytest.mark.parametrize("name", ["Bad Name.yaml", "æble.yaml", "a..b.yaml"])
def test_a_file_name_that_is_not_an_id(tmp_path: Path, quick: Any, name: str) -> None:
    root = plan(tmp_path / "plan")
    (root / INIT / name).write_bytes((root / INIT / "kommunikationsstrategi.yaml").read_bytes())
    for args in WRITERS:
        code, output = quick(root, *args, "--root", ".")
        assert code == 1 and "UDV301" in output, (args, output)
        code, output = quick(root, *args, "--root", ".", "--allow-errors")
        assert code == 0 and "udeladt" in output, (args, output)


def test_control_characters_in_titles_and_owners(tmp_path: Path, quick: Any) -> None:
    root = plan(tmp_path / "plan")
    config = root / "udvikling.yaml"
    config.write_text(
        config.read_text("utf-8").replace(
            "socialchef: Socialchef", 'socialchef: "Social\\x07chef\\x1b]0;x\\x07"'
        ),
        "utf-8",
    )
    record = root / INIT / "kommunikationsstrategi.yaml"
    record.write_text(
        record.read_text("utf-8").replace(
            "title: Kommunikationsstrategi", 'title: "Kommu\\x1b[31mnikation\\u202e"'
        ),
        "utf-8",
    )
    for fmt in ("xlsx", "csv"):
        code, output = quick(
            root, "sheet", "export", "--root", ".", "-o", f"../{fmt}", "--format", fmt,
            "--as-of", AS_OF,
        )  # fmt: skip
        assert code == 0, output
        assert "\x1b" not in output and "\x07" not in output and "\u202e" not in output
        assert "Social\\x07chef" in output


def test_fifos_never_hang_a_command(tmp_path: Path) -> None:
    root = plan(tmp_path / "plan")
    os.mkfifo(tmp_path / "svar.xlsx")
    result = udv("sheet", "import", "--root", ".", "../svar.xlsx", cwd=root, timeout=30)
    assert "FIFO" in assert_clean_failure(result, 1)
    (tmp_path / "ud").mkdir()
    os.mkfifo(tmp_path / "ud" / "udsendelse.json")
    result = udv("sheet", "export", "-o", "../ud", "--as-of", AS_OF, cwd=root, timeout=30)
    assert "FIFO" in assert_clean_failure(result, 2)
    for name in ("site.js", "site.css"):
        folder = root / "templates" / "site"
        folder.mkdir(parents=True, exist_ok=True)
        os.mkfifo(folder / name)
        args = ["site", "-o", "../websted", "--as-of", AS_OF, "--no-documents"]
        result = udv(*args, cwd=root, timeout=30)
        assert "FIFO" in assert_clean_failure(result, 1)
        (folder / name).unlink()


def test_a_data_folder_that_is_a_ring_of_links(tmp_path: Path, quick: Any) -> None:
    # A folder that cannot be read must not look like a folder that is not there.
    root = plan(tmp_path / "plan")
    meetings = root / "data" / "meetings"
    for child in meetings.iterdir():
        child.unlink()
    meetings.rmdir()
    meetings.symlink_to("meetings")
    code, output = quick(root, "lint", "--root", ".", "--format", "github")
    assert code == 1 and "file=data/meetings," in output and LOOP in output


def test_the_site_reads_its_templates_folder_as_every_command_does(
    tmp_path: Path, quick: Any
) -> None:
    # templates/ a link out of the plan: a Danish data error, also in the site's own checks.
    root = plan(tmp_path / "plan")
    outside = tmp_path / "udenfor"
    (outside / "site").mkdir(parents=True)
    (root / "templates").symlink_to(outside)
    code, output = quick(root, *WRITERS[0], "--root", ".")
    assert code == 1 and "peger uden for datamappen" in output, output
    (root / "templates").unlink()
    # A site template whose name is not UTF-8 is named on the page as an escape.
    folder = root / "templates" / "site"
    folder.mkdir(parents=True)
    with open(os.fsencode(folder) + b"/egen\xff.html.j2", "wb") as handle:
        handle.write(b"{# ikke brugt #}\n")
    code, output = quick(root, *WRITERS[0], "--root", ".")
    assert code == 0, output
    page = (tmp_path / "websted" / "tilgaengelighed.html").read_text("utf-8")
    assert "egen\\udcff.html.j2" in page
