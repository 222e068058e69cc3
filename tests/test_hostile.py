"""Hostile input: every case runs the real ``udv`` in a subprocess with a time limit and a
memory cap, and must end in a Danish message, the right exit code and no traceback.

Each case writes one bad file into a small valid plan (``tests/conftest.py``) and runs
``udv lint``; a data problem is exit 1 with a finding at the file, an accepted oddity (BOM,
CRLF, odd file names) is exit 0.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL_INITIATIVE, MINIMAL_MEETING
from hostile_support import AS_OF, INIT, assert_clean_failure, git, lint, lint_bad, plan, udv

# -- broken YAML ---------------------------------------------------------------------------

GOOD = MINIMAL_INITIATIVE.encode("utf-8")


def _cuts() -> list[int]:
    """Positions in a valid file where a stray character breaks it (every 7th byte)."""
    return list(range(0, len(GOOD), 7))


@pytest.mark.parametrize("cut", _cuts())
@pytest.mark.parametrize("junk", [b": ", b'"', b"[", b"\t", b"\n  - "])
def test_invalid_yaml_at_many_positions_is_a_finding(tmp_path: Path, cut: int, junk: bytes) -> None:
    # In one process (the loader is what is under test here, not start-up): every variant
    # is read, and anything wrong is a finding of the file, never an exception.
    from udvikling.load import load

    broken = GOOD[:cut] + junk + GOOD[cut:]
    root = plan(tmp_path, {f"{INIT}/ny.yaml": broken})
    loaded = load(root)
    assert loaded.dataset is not None
    for finding in loaded.findings:
        assert finding.path.startswith("data/")
        assert finding.line >= 1 and finding.column >= 1
        assert finding.message.strip() and finding.code.startswith("UDV")


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('title: "ikke lukket\ntrack: x\n', "YAML-fejl"),
        ("title: a: b\n", "kolon"),
        ("title: [1, 2\n", "YAML-fejl"),
        ("title: x\n  track: y\n", "YAML-fejl"),
        ("- a\nb: c\n", "YAML-fejl"),
        ("title: x\n---\ntitle: y\n", "mere end ét YAML-dokument"),
    ],
)
def test_invalid_yaml_cli(tmp_path: Path, text: str, needle: str) -> None:
    output, rel = lint_bad(tmp_path, text, needle)
    assert f"{rel}:" in output


def test_billion_laughs(tmp_path: Path) -> None:
    lines = ['a: &a ["ha","ha","ha","ha","ha","ha","ha","ha","ha"]']
    for i in range(1, 12):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{', '.join([f'*{prev}'] * 9)}]")
    lint_bad(tmp_path, "\n".join(lines) + "\n", "Aliaset")


@pytest.mark.parametrize("opener", ["[", "{a: "])
def test_deep_flow_nesting(tmp_path: Path, opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    text = "title: " + opener * 10_000 + "x" + closer * 10_000 + "\n"
    lint_bad(tmp_path, text, "indlejret mere end")


def test_deep_block_nesting(tmp_path: Path) -> None:
    text = "".join(" " * i + f"k{i}:\n" for i in range(2_000)) + " " * 2_000 + "x: 1\n"
    lint_bad(tmp_path, text, "indlejret mere end")


def test_fifty_megabyte_file(tmp_path: Path) -> None:
    text = "title: x\nnotes: |\n" + ("  " + "æ" * 98 + "\n") * (50 * 1024 * 1024 // 198)
    output, _ = lint_bad(tmp_path, text, "udv læser højst")
    assert "MB" in output


def test_binary_junk(tmp_path: Path) -> None:
    junk = bytes(range(256)) * 64
    lint_bad(tmp_path, junk, "binære data")


def test_random_bytes_without_nul(tmp_path: Path) -> None:
    junk = bytes((i * 131 + 17) % 255 + 1 for i in range(20_000))
    lint_bad(tmp_path, junk, "UTF-8")


def test_invalid_utf8_windows_1252(tmp_path: Path) -> None:
    text = MINIMAL_INITIATIVE.replace("Kommunikationsstrategi", "Ældreområdet")
    output, rel = lint_bad(tmp_path, text.encode("cp1252"), "ikke gyldig UTF-8")
    assert f"{rel}:1:8:" in output
    assert "Windows-1252" in output


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_utf16_and_utf32(tmp_path: Path, encoding: str) -> None:
    lint_bad(tmp_path, MINIMAL_INITIATIVE.encode(encoding), "udv læser kun UTF-8")


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    content = b"\xef\xbb\xbf" + MINIMAL_INITIATIVE.replace("\n", "\r\n").encode("utf-8")
    root = plan(tmp_path, {f"{INIT}/kommunikationsstrategi.yaml": content})
    result = lint(root)
    assert_clean_failure(result, 0)
    # The line numbers still count lines, not CR and LF separately.
    bad = content.replace(b"level: central", b"level: nowhere")
    (root / INIT / "kommunikationsstrategi.yaml").write_bytes(bad)
    output = assert_clean_failure(lint(root), 1)
    assert f"{INIT}/kommunikationsstrategi.yaml:4:" in output


def test_tabs(tmp_path: Path) -> None:
    lint_bad(tmp_path, "title: x\n\ttrack: y\n", "tabulator")


def test_duplicate_keys(tmp_path: Path) -> None:
    text = MINIMAL_INITIATIVE + "title: Igen\n"
    output, rel = lint_bad(tmp_path, text, "står to gange")
    assert f"{rel}:8:1:" in output


@pytest.mark.parametrize(
    "value",
    [
        "!!python/object:os.system {}",
        "!!python/object/apply:os.system ['touch /tmp/udv-pwned']",
        "!!python/name:os.system",
        "!!binary aGVq",
        "!!set {a, b}",
        "!!timestamp 2024-01-01",
        "!custom x",
    ],
)
def test_type_tags_are_refused_and_never_executed(tmp_path: Path, value: str) -> None:
    text = MINIMAL_INITIATIVE.replace("title: Kommunikationsstrategi", f"title: {value}")
    lint_bad(tmp_path, text, "Typemarkeringen")
    assert not Path("/tmp/udv-pwned").exists()


def test_merge_keys(tmp_path: Path) -> None:
    text = "base: &b {track: x}\n<<: *b\n" + MINIMAL_INITIATIVE
    lint_bad(tmp_path, text, "Aliaset")


def test_merge_key_without_alias_is_an_unknown_field(tmp_path: Path) -> None:
    lint_bad(tmp_path, MINIMAL_INITIATIVE + "<<: {owner: x}\n", "<<")


@pytest.mark.parametrize("content", ["", "\n\n", "# kun en kommentar\n# og en til\n", "---\n"])
def test_empty_and_comment_only(tmp_path: Path, content: str) -> None:
    lint_bad(tmp_path, content, "Filen er tom")


@pytest.mark.parametrize(
    ("content", "what"), [("- a\n- b\n", "en liste"), ("bare tekst\n", "en enkelt værdi")]
)
def test_not_a_mapping(tmp_path: Path, content: str, what: str) -> None:
    lint_bad(tmp_path, content, f"men er {what}")


def test_unknown_fields(tmp_path: Path) -> None:
    output, rel = lint_bad(tmp_path, MINIMAL_INITIATIVE + "ansvarlig: x\n", "ansvarlig")
    assert f"{rel}:8:1:" in output


def test_very_long_strings_are_accepted(tmp_path: Path) -> None:
    long = "Langt " * 200_000
    text = MINIMAL_INITIATIVE + f"description: {long}\n"
    root = plan(tmp_path, {f"{INIT}/kommunikationsstrategi.yaml": text})
    result = lint(root)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.returncode in (0, 1)
    assert len(output) < 10_000  # the string is not echoed back


@pytest.mark.parametrize(
    "day",
    ["0001-01-01", "9999-12-31"],
)
def test_extreme_dates(tmp_path: Path, day: str) -> None:
    text = MINIMAL_INITIATIVE.replace("due: 4. kvartal 2024", f"due: {day}")
    root = plan(tmp_path, {f"{INIT}/kommunikationsstrategi.yaml": text})
    result = lint(root)
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "uventet fejl" not in output
    assert result.returncode in (0, 1)
    meeting = MINIMAL_MEETING.replace("date: 2024-04-24", f"date: {day}")
    root = plan(tmp_path, {"data/meetings/2024-04-24-vpu.yaml": meeting})
    result = lint(root)
    assert result.returncode in (0, 1)
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("day", ["0000-01-01", "10000-01-01", "2023-02-30"])
def test_impossible_dates(tmp_path: Path, day: str) -> None:
    text = MINIMAL_INITIATIVE.replace("due: 4. kvartal 2024", f"due: {day}")
    output, rel = lint_bad(tmp_path, text, "due", name="kommunikationsstrategi.yaml")
    assert f"{rel}:7:" in output


def test_symlink_outside_the_plan(tmp_path: Path) -> None:
    secret = tmp_path / "hemmelig.yaml"
    secret.write_text(MINIMAL_INITIATIVE, encoding="utf-8")
    root = plan(tmp_path / "plan")
    (root / INIT / "link.yaml").symlink_to(secret)
    output = assert_clean_failure(lint(root), 1)
    assert f"{INIT}/link.yaml:1:1: UDV008" in output
    assert "uden for datamappen" in output


def test_symlink_inside_the_plan_is_read(tmp_path: Path) -> None:
    root = plan(tmp_path)
    (root / INIT / "kopi.yaml").symlink_to(root / INIT / "kommunikationsstrategi.yaml")
    output = assert_clean_failure(lint(root), 0)
    assert "UDV008" not in output


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("Med Mellemrum.yaml", "med-mellemrum.yaml"),
        ("STORE.yaml", "store.yaml"),
        ("Ærø.yaml", "aeroe.yaml"),
    ],
)
def test_odd_file_names_are_reported_with_a_new_name(
    tmp_path: Path, name: str, suggestion: str
) -> None:
    root = plan(tmp_path, {f"{INIT}/{name}": MINIMAL_INITIATIVE})
    output = assert_clean_failure(lint(root), 1)
    assert f"{INIT}/{name}:1:1: UDV301" in output
    assert "er ikke et gyldigt id" in output
    assert suggestion in output


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root kan læse alt")
def test_unreadable_data_folder(tmp_path: Path) -> None:
    root = plan(tmp_path)
    folder = root / INIT
    folder.chmod(0)
    try:
        output = assert_clean_failure(lint(root), 1)
    finally:
        folder.chmod(0o755)
    assert "Mappen kan ikke læses" in output


def test_unreadable_file_as_root_simulated(tmp_path: Path) -> None:
    # As root chmod has no effect; a folder where a file should be is unreadable for all.
    root = plan(tmp_path)
    (root / INIT / "mappe.yaml").mkdir()
    output = assert_clean_failure(lint(root), 1)
    assert f"{INIT}/mappe.yaml:1:1: UDV008" in output
    assert "kan ikke læses" in output


def test_missing_root_is_an_environment_problem(tmp_path: Path) -> None:
    result = udv("lint", "--root", str(tmp_path / "findes-ikke"), cwd=tmp_path)
    output = assert_clean_failure(result, 2)
    assert "udv: fejl:" in output and "tip:" in output


def test_broken_config(tmp_path: Path) -> None:
    root = plan(tmp_path, {"udvikling.yaml": b"\xff\xfe garbage"})
    result = lint(root)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.returncode == 1
    assert "udvikling.yaml" in output


def test_git_revision_that_does_not_exist(tmp_path: Path) -> None:
    root = plan(tmp_path)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "plan")
    result = udv("diff", "findes-ikke-123", "--root", str(root), cwd=root)
    output = assert_clean_failure(result, 2)
    assert "udv: fejl:" in output
    assert "findes-ikke-123" in output


def test_template_naming_a_missing_variable(tmp_path: Path) -> None:
    root = plan(tmp_path, {"templates/notat.md.j2": "# {{ findes_ikke.title }}\n"})
    result = udv("render", "notat", "--root", str(root), "--as-of", AS_OF, cwd=root)
    output = assert_clean_failure(result, 1)
    assert "udv: fejl: Skabelonen notat.md.j2" in output
    assert "findes_ikke" in output
    check = udv("render", "--check", "--root", str(root), cwd=root)
    output = assert_clean_failure(check, 1)
    assert "templates/notat.md.j2:1: ukendt variabel 'findes_ikke'" in output


@pytest.mark.parametrize(
    "day",
    ["0001-01-01", "9999-12-31"],
)
def test_render_with_extreme_dates(tmp_path: Path, day: str) -> None:
    text = MINIMAL_INITIATIVE.replace("due: 4. kvartal 2024", f"due: {day}")
    root = plan(tmp_path, {f"{INIT}/kommunikationsstrategi.yaml": text})
    result = udv("render", "notat", "--root", str(root), "--as-of", AS_OF, cwd=root)
    assert_clean_failure(result, 0)
    result = udv("render", "procesplan", "--root", str(root), "--as-of", AS_OF, cwd=root)
    output = assert_clean_failure(result, 0)
    assert "Kommunikationsstrategi" in output


# -- the reader in one process: many positions, no exception escapes ----------------------

Mutator = Callable[[bytes], bytes]


@pytest.mark.parametrize(
    "mutate",
    [
        lambda b: b[: len(b) // 2],
        lambda b: b.replace(b":", b""),
        lambda b: b.replace(b" ", b"\t"),
        lambda b: b.replace(b"\n", b"\r"),
        lambda b: b.upper(),
        lambda b: b"%YAML 1.1\n---\n" + b,
        lambda b: b"%FOO bar\n" + b,
        lambda b: b + b"\n...\n---\n" + b,
        lambda b: b + b"? [a, b]\n: c\n",
        lambda b: b.replace(b"\n", b"\n\x85"),
        lambda b: b.replace(b"e", b"\xe2\x80\xa8"),
    ],
)
def test_mutations_of_every_shipped_file_never_raise(mutate: Mutator) -> None:
    from udvikling.yamlsrc import read_yaml

    repo = Path(__file__).resolve().parents[1]
    for path in sorted((repo / "data").rglob("*.yaml"))[::7]:
        result = read_yaml(mutate(path.read_bytes()), "x.yaml")
        for finding in result.findings:
            assert finding.code.startswith("UDV0")
            assert finding.line >= 1
