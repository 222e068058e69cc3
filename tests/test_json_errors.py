"""Errors under ``-f json`` are one JSON object on stderr (schema/output-error.schema.json),
never the text ``udv: fejl: …``; without ``-f json`` they stay text."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from udvikling.cli import run, wants_json

REPO = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((REPO / "schema" / "output-error.schema.json").read_text(encoding="utf-8"))


def _error(capsys: pytest.CaptureFixture[str], args: list[str], code: int) -> dict[str, object]:
    assert run(args) == code
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "udv: fejl" not in err
    found = json.loads(err)
    jsonschema.Draft202012Validator(SCHEMA).validate(found)
    assert found["error"]["exit_code"] == code
    return dict(found["error"])


def test_the_schema_is_a_schema_and_the_docs_example_fits_it() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    doc = (REPO / "docs" / "json-output.md").read_text(encoding="utf-8")
    example = next(line for line in doc.splitlines() if line.startswith('{"version": 1, "error"'))
    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(example))


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["status", "-f", "json", "--as-of", "2024-13-45"], "Måned 13"),
        (["show", "ingen-saadan", "--format", "json", "--root", str(REPO)], "ingen-saadan"),
        (["list", "initiatives", "--format=json", "--nope"], "--nope"),
        (["overdue", "-fjson", "--by", "farve", "--root", str(REPO)], "farve"),
    ],
)
def test_usage_errors_under_json_are_json(
    capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    error = _error(capsys, args, 2)
    assert words in str(error["message"]) + str(error["hint"])


def test_a_data_error_under_json_is_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = (REPO / "udvikling.yaml").read_text(encoding="utf-8")
    (tmp_path / "udvikling.yaml").write_text(config + "\nukendt_noegle: 1\n", encoding="utf-8")
    error = _error(capsys, ["status", "-f", "json", "--root", str(tmp_path)], 1)
    assert "udvikling.yaml" in str(error["message"])


def test_without_json_errors_stay_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["status", "--as-of", "2024-13-45"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("udv: fejl: --as-of: Måned 13")
    # A run with JSON does not leave the next run's errors as JSON.
    assert run(["status", "-f", "json", "--as-of", "2024-13-45"]) == 2
    capsys.readouterr()
    assert run(["status", "--as-of", "2024-13-45"]) == 2
    assert capsys.readouterr().err.startswith("udv: fejl:")


def test_wants_json() -> None:
    assert wants_json(["status", "-f", "json"])
    assert wants_json(["list", "--format=json"])
    assert not wants_json(["status", "-f", "text"])
    assert not wants_json(["show", "--", "-f", "json"])
    assert not wants_json(["status", "-f"])
