"""Hostile data: special files named like data files, huge blobs in git history, hidden
characters and blank texts, look-alike letters, and values at the edges of what the model
accepts (a column of zeros, huge figures, the last day of the calendar). Each ends in a
located finding or a Danish message with the documented exit code, and never reaches a
reader's terminal raw.
"""

from __future__ import annotations

import os
import pty
import select
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import MINIMAL_INITIATIVE, MINIMAL_MEETING, run_in_process
from hostile_support import (
    AS_OF,
    INIT,
    assert_clean_failure,
    git,
    lint,
    plan,
    udv,
)

KS = f"{INIT}/kommunikationsstrategi.yaml"


@pytest.fixture
def quick(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run udv in this process (faster than a subprocess where streams and limits do not
    matter); returns ``(exit code, all output)``."""
    return lambda *args: run_in_process(capsys, *args)


def _bad(quick: Any, root: Path, rel: str, needle: str) -> str:
    """Lint ``root``: exit 1 with ``needle``, the output returned."""
    code, output = quick("lint", "--root", str(root), "--as-of", AS_OF)
    assert code == 1 and needle in output, output
    return output


# -- special files -------------------------------------------------------------------------


def test_fifo_named_like_a_data_file_is_a_finding(tmp_path: Path) -> None:
    root = plan(tmp_path)
    os.mkfifo(root / INIT / "ventende.yaml")
    os.mkfifo(root / "data/meetings/2024-05-01-vpu.yaml")
    output = assert_clean_failure(lint(root), 1)
    assert f"{INIT}/ventende.yaml:1:1: UDV008" in output
    assert "data/meetings/2024-05-01-vpu.yaml:1:1: UDV008" in output
    assert "FIFO" in output
    result = udv("lint", f"{INIT}/ventende.yaml", "--root", ".", "--as-of", AS_OF, cwd=root)
    assert "FIFO" in assert_clean_failure(result, 1)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mknod kræver root")
def test_device_named_like_a_data_file_is_a_finding(tmp_path: Path) -> None:
    root = plan(tmp_path)
    try:
        os.mknod(root / INIT / "nul.yaml", stat.S_IFCHR | 0o600, os.makedev(1, 5))  # /dev/zero
    except PermissionError:
        pytest.skip("mknod er ikke tilladt her")
    output = assert_clean_failure(lint(root), 1)
    assert f"{INIT}/nul.yaml:1:1: UDV008" in output and "en enhed" in output


def test_config_that_is_a_fifo_never_hangs(tmp_path: Path) -> None:
    root = plan(tmp_path)
    (root / "udvikling.yaml").unlink()
    os.mkfifo(root / "udvikling.yaml")
    for args in (["lint", "--root", "."], ["lint"]):
        assert_clean_failure(udv(*args, cwd=root), 2)


def test_huge_blob_in_git_history_is_never_read(tmp_path: Path) -> None:
    from udvikling.review.blobs import read_blobs
    from udvikling.review.git import open_repo, resolve

    root = plan(tmp_path)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "plan")
    big = MINIMAL_INITIATIVE + "description: |\n" + "  Langt.\n" * 800_000  # 6.4 MB
    (root / INIT / "stor.yaml").write_text(big, encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "stor")
    repo = open_repo(root)
    head = resolve(repo, "HEAD")
    blobs = read_blobs(repo, [f"{head.commit}:{INIT}/stor.yaml", f"{head.commit}:{KS}"])
    assert blobs[f"{head.commit}:{INIT}/stor.yaml"] == len(big.encode())  # its size, no bytes
    assert isinstance(blobs[f"{head.commit}:{KS}"], bytes)
    diff = udv("diff", "HEAD~1", "HEAD", "--root", ".", "--as-of", AS_OF, cwd=root)
    output = assert_clean_failure(diff, 0)
    assert "stor.yaml" in output and "udv læser højst 5 MB" in output
    history = udv("history", "stor", "--root", ".", cwd=root)
    assert "udv læser højst 5 MB" in assert_clean_failure(history, 0)


# -- hidden characters ---------------------------------------------------------------------

ESCAPES = {
    "\\e[2J": "\x1b[2J",  # clear the screen
    "\\e]0;pwned\\a": "\x1b]0;pwned\x07",  # set the terminal's title
    "\\u202e": "\u202e",  # right-to-left override
    "\\r": "\r",  # carriage return: overwrite the line
}


@pytest.mark.parametrize("written", list(ESCAPES))
def test_hidden_characters_are_findings(tmp_path: Path, quick: Any, written: str) -> None:
    text = MINIMAL_INITIATIVE.replace("title: Kommunikationsstrategi", f'title: "Kom{written}mune"')
    rel = f"{INIT}/x.yaml"
    output = _bad(quick, plan(tmp_path, {rel: text}), rel, "UDV01" if "u2" in written else "UDV009")
    assert f"{rel}:1:8:" in output
    assert ESCAPES[written] not in output


def test_raw_right_to_left_override_and_hidden_keys(tmp_path: Path, quick: Any) -> None:
    text = MINIMAL_INITIATIVE + "description: Betaling \u202e0001 kr.\n" + '"tags\\a": []\n'
    rel = f"{INIT}/x.yaml"
    output = _bad(quick, plan(tmp_path, {rel: text}), rel, "UDV010")
    assert f"{rel}:8:14: UDV010" in output and f"{rel}:9:1: UDV009" in output
    assert "\u202e" not in output and "\x07" not in output
    assert "\\u202e (RLO)" in output and "\\x07 (BEL)" in output


def test_hidden_characters_in_the_configuration(tmp_path: Path, quick: Any) -> None:
    from conftest import MINIMAL_CONFIG

    config = MINIMAL_CONFIG.replace(
        "organisation: Testkommune", 'organisation: "Test\\e[8mkommune"'
    )
    root = plan(tmp_path, {"udvikling.yaml": config})
    output = _bad(quick, root, "udvikling.yaml", "UDV009")
    assert "udvikling.yaml:1:15: UDV009" in output
    # A document is still made, with the character shown rather than breaking Word's XML.
    out = tmp_path / "notat.docx"
    args = ["render", "notat", "--root", str(root), "--as-of", AS_OF, "-f", "docx", "-o", str(out)]
    assert quick(*args)[0] == 0
    import docx

    header = docx.Document(str(out)).sections[0].header.paragraphs[0].text
    assert header == "Test\\x1b[8mkommune"


def _hostile_plan(root: Path) -> Path:
    sly = 'title: "Kommunikation\\e[2J\\e]0;pwned\\a\\u202e"'
    text = MINIMAL_INITIATIVE.replace("title: Kommunikationsstrategi", sly)
    text += 'updates:\n  - date: 2024-05-01\n    text: "Ny \\e[2J status"\n'
    meeting = MINIMAL_MEETING.replace("title: Status\n", 'title: "Status\\e[2J"\n')
    return plan(root, {KS: text, "data/meetings/2024-04-24-vpu.yaml": meeting})


RAW = ("\x1b[2J", "\x1b]0;pwned", "\x07", "\u202e")


@pytest.mark.parametrize(
    "args",
    [
        ["show", "kommunikationsstrategi"],
        ["show", "2024-04-24-vpu"],
        ["list", "initiatives"],
        ["list", "meetings"],
        ["list", "initiatives", "--format", "json"],
        ["status", "--as-of", "2024-06-01"],
        ["status", "--as-of", "2024-06-01", "-f", "md"],
        ["status", "--as-of", "2024-06-01", "-f", "json"],
        ["overdue", "--as-of", "2025-06-01"],
        ["lint", "--as-of", AS_OF],
        ["lint", "--as-of", AS_OF, "-f", "json"],
        ["lint", "--as-of", AS_OF, "-f", "github"],
    ],
)
def test_hidden_characters_never_reach_the_output_raw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    import json

    from udvikling.cli import run

    root = _hostile_plan(tmp_path)
    run([*args, "--root", str(root)])
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "Traceback" not in output
    for raw in RAW:
        assert raw not in output, (raw, output)
    if args[0] in ("show", "list"):  # the title is shown, with its characters visible
        assert "\\x1b[2J" in output or "\\u001b[2J" in output
    if "json" in args:
        json.loads(captured.out)  # still valid JSON


def _on_a_terminal(args: list[str], cwd: Path) -> str:
    """Run udv with its standard output on a pseudo-terminal (rich tables, colours)."""
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "200", "UDV_CACHE_DIR": str(cwd / ".no-cache")}
    with subprocess.Popen(
        [sys.executable, "-m", "udvikling", *args],
        cwd=cwd,
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
    ) as proc:
        os.close(follower)
        chunks = []
        while True:
            ready, _, _ = select.select([leader], [], [], 60)
            if not ready:
                break
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=60)
        assert proc.stderr is not None
        assert b"Traceback" not in proc.stderr.read()
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize(
    "args",
    [
        ["list", "initiatives"],
        ["status", "--as-of", "2024-06-01"],
        ["show", "kommunikationsstrategi"],
        ["lint", "--as-of", AS_OF],
        ["render", "notat", "--as-of", "2024-06-01"],
    ],
)
def test_hidden_characters_never_reach_a_terminal_raw(tmp_path: Path, args: list[str]) -> None:
    root = _hostile_plan(tmp_path)
    output = _on_a_terminal([*args, "--root", str(root)], root)
    assert output.strip()
    for raw in RAW:
        assert raw not in output, (raw, output)


@pytest.mark.parametrize(
    "args",
    [
        ["list", "initiatives"],
        ["status", "--as-of", "2024-06-01"],
        ["show", "kommunikationsstrategi"],
        ["overdue", "--as-of", "2025-06-01"],
    ],
)
def test_rich_codes_in_data_are_shown_as_written_on_a_terminal(
    tmp_path: Path, args: list[str]
) -> None:
    """Data is text: rich's emoji codes and markup in a title are printed as typed, never
    turned into a picture, a style or a link."""
    title = 'title: "Plan :smile: [bold]fed[/bold] [link=https://x.invalid]her[/link]"'
    text = MINIMAL_INITIATIVE.replace("title: Kommunikationsstrategi", title)
    root = plan(tmp_path, {KS: text, "data/meetings/2024-04-24-vpu.yaml": MINIMAL_MEETING})
    output = _on_a_terminal([*args, "--root", str(root)], root)
    flat = " ".join(output.split())
    assert "\U0001f604" not in output and "\U0001f600" not in output
    assert ":smile:" in flat, output
    assert "[bold]fed[/bold]" in flat, output
    assert "[link=https://x.invalid]her[/link]" in flat, output


def test_hidden_characters_in_diff_and_history(
    tmp_path: Path, quick: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = plan(tmp_path)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "plan")
    _hostile_plan(root)
    git(root, "commit", "-q", "-am", "skjult")
    monkeypatch.chdir(root)
    diffs = (["diff", "HEAD~1", "HEAD"], ["diff", "HEAD~1", "-f", "md"], ["diff", "-f", "json"])
    for args in diffs:
        code, output = quick(*args, "--root", ".", "--as-of", AS_OF)
        assert code == 0
        for raw in RAW:
            assert raw not in output, (args, raw)
    code, output = quick("history", "kommunikationsstrategi", "--root", ".")
    assert code == 0 and "\\x1b[2J" in output and "\x1b" not in output


# -- blank and look-alike text -------------------------------------------------------------


@pytest.mark.parametrize("blank", ['"  "', '""', '"\\t"'])
def test_blank_required_text_is_an_error(tmp_path: Path, quick: Any, blank: str) -> None:
    text = MINIMAL_INITIATIVE.replace("title: Kommunikationsstrategi", f"title: {blank}")
    text += f"milestones:\n  - title: {blank}\n    due: 2024\n"
    rel = f"{INIT}/x.yaml"
    output = _bad(quick, plan(tmp_path, {rel: text}), rel, "UDV107")
    assert f"{rel}:1:8: UDV107 fejl: 'title' er tom" in output
    assert f"{rel}:9:12: UDV107 fejl: 'milestones[1].title' er tom" in output


def test_blank_names_in_the_configuration(tmp_path: Path, quick: Any) -> None:
    from conftest import MINIMAL_CONFIG

    config = MINIMAL_CONFIG.replace("organisation: Testkommune", 'organisation: " "')
    config = config.replace("organisering: Organisering", 'organisering: " "')
    root = plan(tmp_path, {"udvikling.yaml": config})
    output = _bad(quick, root, "udvikling.yaml", "UDV107")
    assert "udvikling.yaml:1:15: UDV107 fejl: 'organisation' er tom" in output
    assert "'tracks.organisering.name' er tom" in output


@pytest.mark.parametrize(
    ("title", "letter"),
    [
        ("Кommunikation", "cyrillic capital letter ka"),
        ("Ορganisering", "greek capital letter omicron"),
    ],
)
def test_look_alike_letters_never_vanish_from_a_file_name(
    tmp_path: Path, quick: Any, title: str, letter: str
) -> None:
    root = plan(tmp_path)
    before = sorted(p.name for p in (root / INIT).iterdir())
    code, output = quick(
        "new", "initiative", "--title", title, "--track", "organisering", "--owner", "socialchef",
        "--root", str(root),
    )  # fmt: skip
    assert code == 2
    assert letter in output and "filnavnet ikke kan gengive" in output
    assert sorted(p.name for p in (root / INIT).iterdir()) == before


def test_foreign_letters_with_a_latin_spelling_are_spelled(tmp_path: Path, quick: Any) -> None:
    root = plan(tmp_path)
    code, output = quick(
        "new", "initiative", "--title", "Straße og Æblegård", "--track", "organisering",
        "--owner", "socialchef", "--root", str(root),
    )  # fmt: skip
    assert code == 0 and "strasse-og-aeblegaard.yaml" in output


# -- values at the edges -------------------------------------------------------------------

INDICATOR = """\
title: Tal
date: september 2024
measure: Fuldtidspersoner
columns:
  - unit: omraade-grenaa
    label: Grenaa
rows:
  - category: A
    values: {{omraade-grenaa: {v}}}
  - category: B
    values: {{omraade-grenaa: {v}}}
totals: {{omraade-grenaa: {v}}}
"""


def test_indicator_column_of_zeros(tmp_path: Path, quick: Any) -> None:
    root = plan(tmp_path, {"data/indicators/nul.yaml": INDICATOR.format(v="0")})
    assert quick("lint", "--root", str(root), "--as-of", AS_OF)[0] == 0
    for fmt in ("md", "docx"):
        out = ["-o", str(tmp_path / f"n.{fmt}")] if fmt != "md" else []
        args = ["render", "notat", "--root", str(root), "--as-of", "2024-10-01", "-f", fmt, *out]
        code, output = quick(*args)
        assert code == 0, output
        if fmt == "md":
            assert "0,00 (-)" in output


@pytest.mark.parametrize("value", ["1e308", "1e400", "9" * 40, "-1e-400", "nan", "inf", ".inf"])
def test_huge_numbers_in_indicators(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    root = plan(tmp_path, {"data/indicators/tal.yaml": INDICATOR.format(v=value)})
    code, output = run_in_process(capsys, "lint", "--root", str(root), "--as-of", AS_OF)
    assert code == 1 and "data/indicators/tal.yaml:9:30: UDV103" in output
    assert "Input should" not in output  # Danish, not pydantic's English
    # The table did not load: the notat would lack its appendix, so it is not made (exit 1),
    # unless asked to, and then it says so at the top (issue 22: no document changes silently).
    code, output = run_in_process(capsys, "render", "notat", "--root", str(root), "--as-of", AS_OF)
    assert code == 1 and "data/indicators/tal.yaml" in output and "Traceback" not in output
    code, output = run_in_process(
        capsys, "render", "notat", "--root", str(root), "--as-of", AS_OF, "--allow-errors"
    )
    assert code == 0 and "> **Bemærk: Dette er lavet, selv om 1 fil" in output


LAST_DAY_COMMANDS = [
    ["lint", "--as-of", AS_OF],
    ["status", "--as-of", "9999-12-31"],
    ["overdue", "--as-of", "9999-12-31"],
    ["list", "meetings"],
    ["show", "9999-12-31-vpu"],
    ["calendar", "-o", "{out}/k.ics", "--milestones"],
    ["render", "notat", "--as-of", "9999-12-31"],
    ["render", "notat", "--meeting", "9999-12-31-vpu"],
    ["render", "procesplan", "-f", "html", "-o", "{out}/p.html"],
    ["render", "procesplan", "--as-of", "9999-12-31", "-f", "docx", "-o", "{out}/p.docx"],
    ["render", "sagsfremstilling", "--meeting", "9999-12-31-vpu"],
]


@pytest.mark.parametrize("args", LAST_DAY_COMMANDS)
def test_meeting_on_the_last_day_of_the_calendar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    meeting = MINIMAL_MEETING.replace("date: 2024-04-24", "date: 9999-12-31")
    initiative = MINIMAL_INITIATIVE.replace("due: 4. kvartal 2024", "due: 9999-12-31")
    initiative += "milestones:\n  - title: Sidst\n    meeting: 9999-12-31-vpu\n"
    root = plan(tmp_path / "plan", {KS: initiative, "data/meetings/2024-04-24-vpu.yaml": meeting})
    (root / "data/meetings/2024-04-24-vpu.yaml").rename(root / "data/meetings/9999-12-31-vpu.yaml")
    command = [a.format(out=tmp_path) for a in args]
    code, output = run_in_process(capsys, *command, "--root", str(root))
    assert code == 0, output


@pytest.mark.parametrize("hidden", ["\x1b[2J", "\u202e"])
def test_sheet_answer_with_hidden_characters_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], hidden: str
) -> None:
    # An owner's answer becomes plan data: it may not bring in what lint refuses.
    import csv
    import io

    from udvikling.cli import run

    root = plan(tmp_path / "plan")
    out = tmp_path / "ud"
    assert run(["sheet", "export", "--root", str(root), "-o", str(out), "--format", "csv"]) == 0
    capsys.readouterr()
    (path,) = out.glob("*.csv")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    rows[1][rows[0].index("Ny opdatering")] = f"Fint{hidden} forløb."
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")
    before = (root / KS).read_bytes()
    code = run(["sheet", "import", "--root", str(root), str(path), "--date", "2024-06-01"])
    output = "".join(capsys.readouterr())
    assert code == 1, output
    assert ("UDV009" if "\x1b" in hidden else "UDV010") in output
    assert hidden not in output
    assert (root / KS).read_bytes() == before


def test_deadline_moved_to_the_last_day_of_the_calendar() -> None:
    from udvikling.periods import parse_period
    from udvikling.review.fields import shift_between

    # November ends on the 30th, December on the 31st: both month ends, counted in months.
    shift = shift_between(parse_period("november 2024"), parse_period("december 9999"))
    assert shift.months == (9999 - 2024) * 12 + 1
