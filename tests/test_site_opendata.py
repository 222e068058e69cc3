"""Open data: the plan as the site shows it, as JSON (valid against its published schema,
with a version) and CSV, public records only, and progress counted from the data."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import MINIMAL_CONFIG, MINIMAL_INITIATIVE, BuildTree
from sitecheck import AS_OF, REPO, build
from udvikling.chrono import plan_at, stand, view_at
from udvikling.load import load
from udvikling.periods import parse_period
from udvikling.render.contexts import public_view
from udvikling.site.opendata import INITIATIVE_COLUMNS, MILESTONE_COLUMNS


@pytest.fixture
def site(public_site: Path) -> Path:
    return public_site


def _json(site: Path, name: str) -> Any:
    return json.loads((site / "aabne-data" / name).read_text(encoding="utf-8"))


def _csv(site: Path, name: str) -> list[dict[str, str]]:
    text = (site / "aabne-data" / name).read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads UTF-8 by its byte order mark
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def _standing() -> Any:
    loaded = load(REPO)
    assert loaded.dataset is not None
    public = public_view(loaded.dataset, include_confidential=False)
    return stand(public, view_at(parse_period(AS_OF).start))


def test_the_json_is_valid_against_its_published_schema(site: Path) -> None:
    data, schema = _json(site, "plan.json"), _json(site, "plan.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["version"] == 1 and data["schema"] == "plan.schema.json"
    assert schema["properties"]["version"]["const"] == 1
    # The schema holds: a missing key, an unknown key and a wrong type are refused.
    validator = jsonschema.Draft202012Validator(schema)
    broken = json.loads(json.dumps(data))
    del broken["initiatives"][0]["status"]
    broken["initiatives"][1]["ekstra"] = 1
    broken["progress"]["completed"] = "to"
    assert len(list(validator.iter_errors(broken))) == 3


def test_the_schema_describes_every_key_in_danish(site: Path) -> None:
    schema = _json(site, "plan.schema.json")
    english = re.compile(r"\b(the|of|and|is|this|with|which|its)\b", re.I)

    def walk(node: Any, path: str) -> list[str]:
        found = []
        if isinstance(node, dict):
            for key, value in node.get("properties", {}).items():
                text = value.get("description", "")
                if not text or english.search(text):
                    found.append(f"{path}.{key}")
            for key, value in node.items():
                found += walk(value, f"{path}.{key}")
        return found

    assert walk(schema, "") == []


def test_the_json_is_the_public_plan_on_the_sites_day(site: Path) -> None:
    data = _json(site, "plan.json")
    standing = _standing()
    plan = standing.plan
    assert {i["id"] for i in data["initiatives"]} == set(plan.initiatives)
    assert {m["id"] for m in data["meetings"]} == set(plan.meetings)
    assert data["as_of"] == AS_OF
    loaded = load(REPO)
    assert loaded.dataset is not None
    secret = {k for k, i in loaded.dataset.initiatives.items() if i.confidential}
    assert not secret & {i["id"] for i in data["initiatives"]}
    for shown in data["initiatives"]:
        initiative = plan.initiatives[shown["id"]]
        assert shown["title"] == initiative.title
        assert shown["status"] == initiative.status
        assert (site / shown["page"]).is_file()
    renamed = next(i for i in data["initiatives"] if i["id"] == "velfaerdsplan-og-raaderumsarbejde")
    assert renamed["former_titles"] == [
        "Råderumskataloget samt udviklings- og omstruktureringskataloget på Socialområdet"
    ]
    changes = [c for e in renamed["history"] for c in e["changes"]]
    assert {"field": "title", "new": renamed["title"]}.items() <= changes[0].items()


def test_progress_is_counted_from_statuses_and_milestones(site: Path) -> None:
    data = _json(site, "plan.json")
    standing = _standing()
    plan = standing.plan
    every = list(plan.initiatives.values())
    statuses = Counter(i.status or "ikke-oplyst" for i in every)
    states = Counter(m.state for i in every for m in standing.milestones(i))
    whole = data["progress"]
    assert whole["by_status"] == dict(statuses)
    assert whole["milestones_by_state"] == dict(states)
    assert whole["completed"] == statuses["afsluttet"]
    assert whole["reached"] == states["done"]
    assert whole["text"] == (
        f"{statuses['afsluttet']} af {len(every)} tiltag er afsluttet; "
        f"{states['done']} af {sum(states.values())} milepæle er nået."
    )
    assert "%" not in json.dumps(whole) and "vurderes ikke" in data["counting"]
    # The tracks add up to the whole plan.
    total: Counter[str] = Counter()
    for track in data["tracks"]:
        total.update(track["progress"]["by_status"])
        members = [i for i in every if i.track == track["id"]]
        assert track["progress"]["initiatives"] == len(members)
    assert dict(total) == whole["by_status"]
    # The front page and the track pages say the same in words, and no percentage.
    front = (site / "index.html").read_text(encoding="utf-8")
    assert whole["text"] in front and "% afsluttet" not in front


def test_the_csv_files_hold_the_same_rows(site: Path) -> None:
    data = _json(site, "plan.json")
    rows = _csv(site, "tiltag.csv")
    assert list(rows[0]) == list(INITIATIVE_COLUMNS)
    assert [r["id"] for r in rows] == [i["id"] for i in data["initiatives"]]
    for row, shown in zip(rows, data["initiatives"], strict=True):
        assert row["titel"] == shown["title"] and row["status"] == shown["status_text"]
        assert int(row["milepæle"]) == len(shown["milestones"])
    milestones = _csv(site, "milepaele.csv")
    assert list(milestones[0]) == list(MILESTONE_COLUMNS)
    assert len(milestones) == sum(len(i["milestones"]) for i in data["initiatives"])


def test_the_open_data_page_lists_the_files(site: Path) -> None:
    page = (site / "data.html").read_text(encoding="utf-8")
    for name in ("plan.json", "plan.schema.json", "tiltag.csv", "milepaele.csv"):
        assert f'href="aabne-data/{name}" download' in page
    assert "Sådan tælles fremdriften" in page
    for other in ("index.html", "tiltag/index.html"):
        text = (site / other).read_text(encoding="utf-8")
        assert "data.html" in text


def test_as_of_an_earlier_day_the_data_is_that_days(tmp_path: Path) -> None:
    target = tmp_path / "public"
    assert build(REPO, target, "--as-of", "2023-06-01", "--no-documents") == 0
    data = json.loads((target / "aabne-data" / "plan.json").read_text(encoding="utf-8"))
    loaded = load(REPO)
    assert loaded.dataset is not None
    plan = plan_at(
        public_view(loaded.dataset, include_confidential=False),
        view_at(parse_period("2023-06-01").start),
    )
    assert {i["id"] for i in data["initiatives"]} == set(plan.initiatives)
    assert all(e["date"]["end"] <= "2023-06-01" for i in data["initiatives"] for e in i["history"])


def test_hostile_titles_stay_text(build_tree: BuildTree, tmp_path: Path) -> None:
    """A title that looks like a formula is text in a spreadsheet; a tag is text in the JSON
    (written as \\u003c, the same JSON) and as written in the CSV."""
    title = '=HYPERLINK("http://eksempel.dk";"<b>klik</b>")'
    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/kommunikationsstrategi.yaml": MINIMAL_INITIATIVE.replace(
                "title: Kommunikationsstrategi", f"title: '{title}'"
            ),
        }
    )
    target = tmp_path / "public"
    assert build(root, target, "--as-of", "2024-06-30", "--no-documents") == 0
    raw = (target / "aabne-data" / "plan.json").read_text(encoding="utf-8")
    assert "<b>" not in raw and json.loads(raw)["initiatives"][0]["title"] == title
    assert _csv(target, "tiltag.csv")[0]["titel"] == f"'{title}"
