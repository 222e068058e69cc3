"""``udv schema``: the committed schemas are current, and every data file points at one."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import ENGLISH_WORDS, descriptions
from udvikling.cli import run
from udvikling.schema import SCHEMA_FILES, schema_text

REPO = Path(__file__).resolve().parents[1]
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


@pytest.mark.parametrize("kind", sorted(SCHEMA_FILES))
def test_committed_schema_is_current(kind: str) -> None:
    committed = (REPO / "schema" / SCHEMA_FILES[kind]).read_text(encoding="utf-8")
    # Compared as data: the meaning must match, not pydantic's whitespace.
    assert json.loads(committed) == json.loads(schema_text(kind)), "kør 'udv schema'"


def test_schemas_describe_fields_in_danish() -> None:
    schema = json.loads(schema_text("initiative"))
    props = schema["properties"]
    assert {"title", "track", "owner", "level", "status", "start", "due"} <= set(props)
    assert schema.get("additionalProperties") is False
    assert "udviklingsspor" in props["track"]["description"].lower()
    status = next(s for s in props["status"]["anyOf"] if "enum" in s)
    assert status["enum"] == ["planlagt", "i-gang", "afsluttet", "udskudt", "opgivet"]


@pytest.mark.parametrize("kind", sorted(SCHEMA_FILES))
def test_every_description_an_editor_shows_is_danish(kind: str) -> None:
    texts = descriptions(json.loads(schema_text(kind)))
    assert texts
    assert [d for d in texts if ENGLISH_WORDS.search(d)] == []


def test_every_data_file_points_at_its_schema() -> None:
    files = [REPO / "udvikling.yaml", *sorted((REPO / "data").rglob("*.yaml"))]
    kinds = {
        "initiatives": "initiative",
        "meetings": "meeting",
        "indicators": "indicator",
        "reports": "report",
    }
    for path in files:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        match = SCHEMA_LINE.match(first)
        assert match, f"{path}: første linje skal være skema-linjen"
        target = (path.parent / match[1]).resolve()
        kind = "udvikling" if path.name == "udvikling.yaml" else kinds[path.parent.name]
        assert target == (REPO / "schema" / SCHEMA_FILES[kind]).resolve(), path


def test_schema_command_writes_every_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from udvikling.output import json_schema
    from udvikling.output.report_json import OUTPUT_SCHEMA_FILES

    assert run(["schema", "--root", str(REPO), "-o", str(tmp_path)]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    # The data files' schemas and those of every -f json output (tests/test_json_schemas.py).
    assert written == sorted([*SCHEMA_FILES.values(), *OUTPUT_SCHEMA_FILES.values()])
    for kind, name in SCHEMA_FILES.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == schema_text(kind)
    for kind, name in OUTPUT_SCHEMA_FILES.items():
        output = kind.removeprefix("output-")
        assert (tmp_path / name).read_text(encoding="utf-8") == json_schema.schema_text(output)
    assert run(["schema", "meeting"]) == 0
    # "Skrev ..." went to stderr: standard output is the one schema asked for.
    assert json.loads(capsys.readouterr().out)["title"]


def test_shipped_data_passes_its_own_schemas() -> None:
    """What editors check while people type must agree with udv: the shipped data is valid."""
    kinds = {
        "initiatives": "initiative",
        "meetings": "meeting",
        "indicators": "indicator",
        "reports": "report",
    }
    files = [REPO / "udvikling.yaml", *sorted((REPO / "data").rglob("*.yaml"))]
    for path in files:
        kind = "udvikling" if path.name == "udvikling.yaml" else kinds[path.parent.name]
        validator = jsonschema.Draft202012Validator(json.loads(schema_text(kind)))
        # Plain YAML readers turn dates into date objects; editors see them as text.
        document = json.loads(json.dumps(yaml.safe_load(path.read_text("utf-8")), default=str))
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
        assert errors == [], f"{path}: {errors[:3]}"


def test_an_editor_shows_no_english_titles() -> None:
    # Editors put a field's title above its Danish description; pydantic's titles are the
    # English field and class names ("Title", "Confidential").
    from udvikling.schema import SCHEMA_FILES, schema_for

    def titles(node: object, inside_properties: bool = False) -> list[str]:
        found: list[str] = []
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "title" and isinstance(value, str) and not inside_properties:
                    found.append(value)
                found += titles(value, key in ("properties", "$defs"))
        elif isinstance(node, list):
            for item in node:
                found += titles(item)
        return found

    for kind in SCHEMA_FILES:
        schema = schema_for(kind)
        assert titles(schema) == [schema["title"]], kind
        assert schema["title"][0].isupper() and schema["title"] not in ("Title", kind)
