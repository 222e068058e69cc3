"""Every ``-f json`` output carries a ``version`` and has a JSON Schema in ``schema/``
(``output-<name>.schema.json``, written by ``udv schema`` from ``udvikling.output.json_types``)
that the real output is valid against: on the shipped plan, on empty results, on a plan with
errors, on real git history and a real status round. The schemas are current, Danish, and
refuse a wrong document."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import ENGLISH_WORDS, MINIMAL_CONFIG, MINIMAL_INITIATIVE, BuildTree, descriptions
from sheetkit import SMALL_PLAN, build, fill
from test_diff import scenario
from test_gitio import GitRepo
from udvikling.cli import run
from udvikling.output.json_schema import schema_for, schema_text
from udvikling.output.json_types import OUTPUTS
from udvikling.output.report_json import OUTPUT_SCHEMA_FILES, VERSIONS

REPO = Path(__file__).resolve().parents[1]
SCHEMA_DIR = REPO / "schema"
AS_OF = "2025-06-30"


def validator(name: str) -> jsonschema.Draft202012Validator:
    """The committed schema of output ``name``, checking formats (``date``) too."""
    schema = json.loads((SCHEMA_DIR / OUTPUT_SCHEMA_FILES[f"output-{name}"]).read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def problems(name: str, document: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator(name).iter_errors(document)
    ]


def udv_json(capsys: pytest.CaptureFixture[str], *args: str, code: int = 0) -> Any:
    """Run udv in-process with ``-f json``; the parsed standard output."""
    assert run([*args, "-f", "json"]) == code
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return json.loads(out)


def assert_valid(name: str, document: Any) -> None:
    assert document["version"] == VERSIONS[name]
    assert next(iter(document)) == "version"  # first, where a reader looks
    assert problems(name, document) == []


# -- the schemas --------------------------------------------------------------------------


def test_every_output_has_a_version_and_a_schema() -> None:
    assert set(VERSIONS) == set(OUTPUTS)
    committed = {p.name for p in SCHEMA_DIR.glob("output-*.schema.json")}
    assert committed == set(OUTPUT_SCHEMA_FILES.values())


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_committed_output_schema_is_current(name: str) -> None:
    committed = (SCHEMA_DIR / f"output-{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(name), "kør 'udv schema'"


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_schema_is_a_valid_closed_schema(name: str) -> None:
    schema = schema_for(name)
    jsonschema.Draft202012Validator.check_schema(schema)

    def objects(node: Any) -> list[dict[str, Any]]:
        if isinstance(node, dict):
            own = [node] if "properties" in node else []
            return own + [o for value in node.values() for o in objects(value)]
        if isinstance(node, list):
            return [o for item in node for o in objects(item)]
        return []

    found = objects(schema)
    assert found
    for top in schema.get("oneOf", [schema]):
        assert next(iter(top["properties"])) == "version"
    for obj in found:
        # Closed and complete: an output writes null for a missing value, never a missing key.
        assert obj["additionalProperties"] is False
        assert obj["required"] == list(obj["properties"])
        for key, prop in obj["properties"].items():
            assert prop.get("description"), f"{name}: {key} har ingen beskrivelse"


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_every_description_is_danish(name: str) -> None:
    schema = schema_for(name)
    # Option names (--as-of) are what users type, not English prose.
    texts = [re.sub(r"--[\w-]+", "", t) for t in [schema["title"], *descriptions(schema)]]
    assert [t for t in texts if ENGLISH_WORDS.search(t)] == []
    assert any(ch in text for text in texts for ch in "æøå")


def test_udv_schema_prints_one_output_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["schema", "output-status"]) == 0
    assert json.loads(capsys.readouterr().out) == schema_for("status")
    assert run(["schema", "output-ukendt"]) == 2
    assert "output-status" in capsys.readouterr().err


# -- a schema refuses a wrong document -----------------------------------------------------


def _status(capsys: pytest.CaptureFixture[str]) -> Any:
    return udv_json(capsys, "status", "--root", str(REPO), "-q", "2024Q2", "--as-of", AS_OF)


def test_schema_refuses_wrong_documents(capsys: pytest.CaptureFixture[str]) -> None:
    good = _status(capsys)
    assert problems("status", good) == []

    def broken(change: Any) -> list[str]:
        document = copy.deepcopy(good)
        change(document)
        return problems("status", document)

    assert broken(lambda d: d.pop("summary"))  # a required key missing
    assert broken(lambda d: d.pop("version"))
    assert broken(lambda d: d.update(version=2))  # another version
    assert broken(lambda d: d.update(extra=1))  # a key the format does not have
    assert broken(lambda d: d["counts"].update(active="11"))  # a number as text
    assert broken(lambda d: d["quarter"].update(start="1. april 2024"))  # not a date
    assert broken(lambda d: d["quarter"].update(start="2024-02-30"))
    assert broken(lambda d: d["tracks"][0].update(initiatives={}))  # an object for a list
    track = next(i for i, t in enumerate(good["tracks"]) if t["milestones"])
    assert broken(lambda d: d["tracks"][track]["milestones"][0].update(state="maybe"))
    assert broken(lambda d: d["tracks"][track]["milestones"][0].pop("days_late"))
    # null only where the format allows it
    assert broken(lambda d: d.update(as_of=None))
    assert not broken(lambda d: d["tracks"][0].update(initiatives=[]))


def test_list_schema_keeps_each_kind_to_its_records(capsys: pytest.CaptureFixture[str]) -> None:
    meetings = udv_json(capsys, "list", "meetings", "--root", str(REPO), "--as-of", AS_OF)
    assert problems("list", meetings) == []
    assert problems("list", {**meetings, "kind": "initiatives"})
    assert problems("list", {**meetings, "kind": "reports"})


def test_error_schema_is_the_generated_one() -> None:
    schema = json.loads((SCHEMA_DIR / "output-error.schema.json").read_text("utf-8"))
    error = {"version": 1, "error": {"exit_code": 2, "message": "x", "hint": None}}
    jsonschema.validate(error, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**error, "error": {**error["error"], "exit_code": 4}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**error, "error": {**error["error"], "message": ""}}, schema)


# -- the real outputs are valid ---------------------------------------------------------


def test_status_and_overdue(capsys: pytest.CaptureFixture[str], build_tree: BuildTree) -> None:
    root = str(REPO)
    for quarter, as_of in [("2023Q2", AS_OF), ("2024Q1", "2024-02-01"), ("2030Q1", AS_OF)]:
        assert_valid(
            "status", udv_json(capsys, "status", "--root", root, "-q", quarter, "--as-of", as_of)
        )
    empty = udv_json(capsys, "status", "--root", root, "-q", "2030Q1", "--as-of", AS_OF)
    assert empty["meetings"] == [] and empty["counts"]["updates"] == 0
    for args in (["--by", "owner"], ["--by", "track"], []):
        found = udv_json(capsys, "overdue", "--root", root, "--as-of", "2024-04-24", *args)
        assert_valid("overdue", found)
    nothing = udv_json(capsys, "overdue", "--root", root, "--as-of", "2022-01-01")
    assert_valid("overdue", nothing)
    assert nothing["items"] == [] and nothing["groups"] is None
    late = build_tree(
        {"udvikling.yaml": MINIMAL_CONFIG, "data/initiatives/x.yaml": MINIMAL_INITIATIVE}
    )
    found = udv_json(
        capsys, "overdue", "--root", str(late), "--as-of", "2025-06-01", "--by", "owner"
    )
    assert found["items"] and found["groups"]
    assert_valid("overdue", found)


def test_list_show_and_period(capsys: pytest.CaptureFixture[str]) -> None:
    root = ["--root", str(REPO), "--as-of", AS_OF]
    for kind in ("initiatives", "meetings", "reports"):
        listing = udv_json(capsys, "list", kind, *root)
        assert listing["count"] == len(listing["records"]) > 0
        assert_valid("list", listing)
    nothing = udv_json(capsys, "list", "meetings", "--from", "2031", *root)
    assert nothing["records"] == []
    assert_valid("list", nothing)
    for record in ("status-til-fagudvalgene", "2024-04-24-vpu", "faelles-langsigtet-strategi"):
        assert_valid("show", udv_json(capsys, "show", record, *root))
    for text in ("primo uge 15 2023", "2023-04-26", "dec. 2022 – feb. 2023", "efterår 2024"):
        assert_valid("period", udv_json(capsys, "period", text))


def test_lint(capsys: pytest.CaptureFixture[str], build_tree: BuildTree) -> None:
    shipped = udv_json(capsys, "lint", "--root", str(REPO), "--as-of", AS_OF)
    assert_valid("lint", shipped)
    clean = build_tree({"udvikling.yaml": MINIMAL_CONFIG})
    empty = udv_json(capsys, "lint", "--root", str(clean), "--as-of", AS_OF)
    assert empty["findings"] == []
    assert_valid("lint", empty)
    broken = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/x.yaml": MINIMAL_INITIATIVE.replace("track:", "trak:"),
            "data/initiatives/y.yaml": "title: [ikke lukket\n",
        }
    )
    errors = udv_json(capsys, "lint", "--root", str(broken), "--as-of", AS_OF, code=1)
    assert {f["severity"] for f in errors["findings"]} >= {"error"}
    assert_valid("lint", errors)


@pytest.fixture
def git_plan(tmp_path: Path) -> GitRepo:
    """test_diff's four-commit scenario: moved deadlines, renames, a broken and a repaired
    file, new lint findings and fixed ones."""
    repo = GitRepo(tmp_path / "plan")
    scenario(repo)
    return repo


def test_diff_and_history(git_plan: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    root = ["--root", str(git_plan.path), "--as-of", "2024-06-01"]
    seen: set[str] = set()
    for base, head in [("HEAD~3", "HEAD~2"), ("HEAD~2", "HEAD~1"), ("HEAD~1", "HEAD")]:
        found = udv_json(capsys, "diff", base, head, *root)
        assert_valid("diff", found)
        seen |= {r["change"] for r in found["records"]}
    assert {"added", "removed", "renamed", "changed", "broken", "repaired"} <= seen
    same = udv_json(capsys, "diff", "HEAD", "HEAD", *root)
    assert same["records"] == [] and same["counts"] == {}
    assert_valid("diff", same)
    for record in ("kommunikationsstrategi", "teams-paa-tvaers", "2024-04-24-vpu"):
        history = udv_json(capsys, "history", record, "--root", str(git_plan.path))
        assert_valid("history", history)
    history = udv_json(capsys, "history", "kommunikationsstrategi", "--root", str(git_plan.path))
    assert {v["event"] for v in history["versions"]} == {"created", "changed", "broken", "repaired"}


def test_sheet_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = build(tmp_path / "plan", SMALL_PLAN)
    out = tmp_path / "ud"
    assert (
        run(["sheet", "export", "--root", str(plan), "-o", str(out), "--as-of", "2025-03-01"]) == 0
    )
    capsys.readouterr()
    none = udv_json(capsys, "sheet", "status", str(out), "--root", str(plan))
    assert none["answered"] == []
    assert_valid("sheet-status", none)
    sheet = out / "statusark-socialchef.xlsx"
    returned = fill(sheet, {(2, "Ny opdatering"): "Sendt i høring."}, tmp_path / "a.xlsx")
    assert run(["sheet", "import", "--root", str(plan), str(returned), "--date", "2025-03-20"]) == 0
    capsys.readouterr()
    some = udv_json(capsys, "sheet", "status", str(out), "--root", str(plan))
    assert some["answered"] == [sheet.name]
    assert_valid("sheet-status", some)


def test_every_json_format_is_covered() -> None:
    """A command that offers ``json`` must write one of the outputs above: listed here by the
    module that offers it, so a new one is noticed."""
    offering = {
        p.stem
        for p in (REPO / "src" / "udvikling" / "commands").glob("*.py")
        if re.search(r'"json"', p.read_text(encoding="utf-8"))
    }
    assert offering <= {
        *("_common", "status", "overdue", "list", "show", "period", "lint", "sheet"),
        *("diff", "history"),
    }
    # The shared report format option (_options; text, md, json) is used by these:
    users = {
        p.stem
        for p in (REPO / "src" / "udvikling" / "commands").glob("*.py")
        if re.search(r"\bREPORT_FORMAT\b|ReportFormatOption", p.read_text(encoding="utf-8"))
        and p.stem != "_options"
    }
    assert users <= {"status", "overdue", "diff", "history"}


# -- docs/json-output.md ------------------------------------------------------------------


def _records(data: dict[str, Any]) -> list[dict[str, Any]]:
    if "records" in data:
        return list(data["records"])
    return [v["change"] for v in data["versions"] if v["change"] is not None]


def test_docs_match_output(
    git_plan: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str], build_tree: BuildTree
) -> None:
    """The key tables of lint, diff, history and sheet status in docs/json-output.md name
    exactly the keys the commands write (the other tables: tests/test_overdue.py)."""
    from test_overdue import CHECKED_ELSEWHERE, documented_keys, objects_at

    broken = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/x.yaml": MINIMAL_INITIATIVE.replace("track:", "trak:"),
        }
    )
    outputs: dict[str, list[Any]] = {
        "lint": [udv_json(capsys, "lint", "--root", str(broken), "--as-of", AS_OF, code=1)],
        "diff": [],
        "history": [],
        "sheet-status": [],
    }
    root = ["--root", str(git_plan.path), "--as-of", "2024-06-01"]
    for base, head in [("HEAD~3", "HEAD~2"), ("HEAD~2", "HEAD~1"), ("HEAD~1", "HEAD")]:
        outputs["diff"].append(udv_json(capsys, "diff", base, head, *root))
    history = udv_json(capsys, "history", "kommunikationsstrategi", "--root", str(git_plan.path))
    outputs["history"].append(history)
    plan = build(tmp_path / "round" / "plan", SMALL_PLAN)
    out = tmp_path / "round" / "ud"
    assert (
        run(["sheet", "export", "--root", str(plan), "-o", str(out), "--as-of", "2025-03-01"]) == 0
    )
    capsys.readouterr()
    outputs["sheet-status"].append(
        udv_json(capsys, "sheet", "status", str(out), "--root", str(plan))
    )

    records = [r for data in outputs["diff"] + outputs["history"] for r in _records(data)]
    fields = [f for r in records for f in r["fields"]]
    special = {
        "finding": [
            f
            for f in outputs["lint"][0]["findings"]
            + [f for d in outputs["diff"] for f in d["lint"]["introduced"] + d["lint"]["fixed"]]
        ],
        "side": [d[side] for d in outputs["diff"] for side in ("base", "head")],
        "record-change": records,
        "field-change": fields,
        "shift": [f["shift"] for f in fields if f["shift"] is not None],
        "entry": [e for r in records for e in r["updates"] + r["decisions"]],
    }
    tables = documented_keys()
    assert set(tables) >= CHECKED_ELSEWHERE
    for name in sorted(CHECKED_ELSEWHERE):
        if name in special:
            found = special[name]
        else:
            report, *path = name.split(".")
            found = [obj for data in outputs[report] for obj in objects_at(data, path)]
        assert found, f"{name}: intet i det faktiske output at sammenligne med"
        for obj in found:
            assert set(obj) == tables[name], name
