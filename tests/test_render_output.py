"""``udv render -o FILE``: the file's name decides the format when ``-f`` is not given, and a
contradiction between the two is a usage error that writes nothing (issue 23).

Before, ``udv render notat -o notat.docx`` wrote Markdown into a file Word refuses to open.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import udv

COMMANDS = {
    "notat": ["render", "notat", "--as-of", "2024-10-01"],
    "procesplan": ["render", "procesplan", "--as-of", "2024-10-01"],
    "sagsfremstilling": ["render", "sagsfremstilling", "--meeting", "2024-04-24-vpu"],
}


def kind_of(path: Path) -> str:
    """What a written file really is, by its content."""
    data = path.read_bytes()
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.lstrip().lower().startswith(b"<!doctype html"):
        return "html"
    return "md"


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("dokument.docx", "docx"),
        ("dokument.DOCX", "docx"),
        ("dokument.html", "html"),
        ("dokument.htm", "html"),
        ("dokument.md", "md"),
        ("dokument.txt", "md"),
    ],
)
def test_the_file_name_decides_the_format(
    minimal_repo: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    name: str,
    expected: str,
) -> None:
    target = tmp_path / name
    code, _, err = udv(capsys, *COMMANDS[command], "--root", str(minimal_repo), "-o", str(target))
    assert code == 0, err
    assert kind_of(target) == expected


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize(
    ("fmt", "name", "said"),
    [
        ("md", "dokument.docx", "-f md giver Markdown, men filnavnet dokument.docx er et "
         "Word-dokument"),
        ("docx", "dokument.html", "-f docx giver Word, men filnavnet dokument.html er et "
         "HTML-dokument"),
        ("html", "dokument.md", "-f html giver HTML, men filnavnet dokument.md er et "
         "Markdown-dokument"),
        ("md", "dokument.pdf", "udv kan ikke skrive .pdf-filer (dokument.pdf)"),
    ],
)  # fmt: skip
def test_a_contradiction_is_a_usage_error_that_writes_nothing(
    minimal_repo: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    fmt: str,
    name: str,
    said: str,
) -> None:
    out_dir = tmp_path / "ud"
    out_dir.mkdir()
    args = [*COMMANDS[command], "--root", str(minimal_repo), "-f", fmt, "-o", str(out_dir / name)]
    code, out, err = udv(capsys, *args)
    assert code == 2
    assert said in err and out == ""
    assert list(out_dir.iterdir()) == []  # neither the document nor a timeline beside it


def test_an_ending_udv_cannot_write_is_refused_without_f(
    minimal_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "notat.pdf"
    code, _, err = udv(capsys, *COMMANDS["notat"], "--root", str(minimal_repo), "-o", str(target))
    assert code == 2 and "kan ikke skrive .pdf-filer" in err and "gemme den som PDF" in err
    assert not target.exists()


def test_f_agreeing_with_the_name_and_f_with_a_neutral_name(
    minimal_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(minimal_repo)
    agreeing = tmp_path / "notat.docx"
    assert (
        udv(capsys, *COMMANDS["notat"], "--root", root, "-f", "docx", "-o", str(agreeing))[0] == 0
    )
    assert kind_of(agreeing) == "docx"
    neutral = tmp_path / "notat.txt"
    assert udv(capsys, *COMMANDS["notat"], "--root", root, "-f", "html", "-o", str(neutral))[0] == 0
    assert kind_of(neutral) == "html"


def test_without_a_file_markdown_goes_to_standard_output(
    minimal_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = udv(capsys, *COMMANDS["notat"], "--root", str(minimal_repo))
    assert code == 0 and out.startswith("# ")
    code, _, err = udv(capsys, *COMMANDS["notat"], "--root", str(minimal_repo), "-f", "docx")
    assert code == 2 and "-o" in err
