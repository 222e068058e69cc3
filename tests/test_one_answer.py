"""One answer everywhere: every view of the same plan on the same day says the same thing.

A property test over generated plans and days: ``udv status``, ``udv overdue``, ``udv show``
and ``udv list`` (their JSON), the default notat's data, the site's data, the calendar and
the status sheets agree on which records are known, the last issued status, what is late,
what is unreported, which milestones are reached and which meetings are cancelled. They all
ask the time package (``udvikling.chrono``); this test keeps it so.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CI_EXAMPLES
from udvikling.load import Dataset, load

CONFIG = {
    "organisation": "Testkommune",
    "process": "Testproces",
    "tracks": {
        "organisering": "Organisering",
        "kommunikation": "Kommunikation",
        "boern": {"name": "Børneområdet", "since": "2023-06-01", "separate": True},
    },
    "bodies": {"vpu": {"name": "Voksen- og Plejeudvalget", "short": "VPU"}, "kb": "KB"},
    "owners": {"socialchef": "Socialchef", "direktoer": "Direktør"},
}

DAYS = st.integers(min_value=0, max_value=4 * 365).map(
    lambda n: date(2022, 6, 1) + timedelta(days=n)
)
PERIODS = st.one_of(
    DAYS.map(date.isoformat),
    st.sampled_from(["1. halvår 2023", "2. kvartal 2024", "2023", "efterår 2024", "maj 2025"]),
)
STATUS = st.sampled_from(["planlagt", "i-gang", "afsluttet", "udskudt", "opgivet", None])


def budget(examples: int) -> Any:
    factor = settings.default.max_examples / CI_EXAMPLES
    return settings(
        max_examples=max(1, round(examples * factor)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )


@st.composite
def meetings(draw: Any) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for _ in range(draw(st.integers(0, 4))):
        day = draw(DAYS)
        body = draw(st.sampled_from(["vpu", "kb"]))
        record: dict[str, Any] = {
            "body": body,
            "date": day.isoformat(),
            "title": "Status på processen",
            "kind": draw(st.sampled_from(["status", "beslutning"])),
            "items": [{"title": "Punkt", "initiatives": []}],
        }
        held = draw(st.sampled_from([None, True, False]))
        if held is not None:
            record["held"] = held
        if held is not False and draw(st.booleans()):
            record["items"][0]["decision"] = "Godkendt."
        if draw(st.booleans()):
            record["since"] = draw(DAYS).isoformat()
        found[f"{day.isoformat()}-{body}"] = record
    return found


@st.composite
def initiative(draw: Any, meeting_ids: list[str], number: int) -> dict[str, Any]:
    record: dict[str, Any] = {
        "title": f"Tiltag {number}",
        "track": draw(st.sampled_from(["organisering", "kommunikation"])),
    }
    if draw(st.booleans()):
        record["owner"] = draw(st.sampled_from(["socialchef", "direktoer"]))
    status = draw(STATUS)
    if status is not None:
        record["status"] = status
    if draw(st.booleans()):
        record["since"] = draw(DAYS).isoformat()
    if draw(st.booleans()):
        record["start"] = draw(PERIODS)
    if draw(st.booleans()):
        record["due"] = draw(st.one_of(PERIODS, st.just("løbende")))
    milestones = []
    for index in range(draw(st.integers(0, 2))):
        milestone: dict[str, Any] = {"title": f"Milepæl {index}"}
        if meeting_ids and draw(st.booleans()):
            milestone["meeting"] = draw(st.sampled_from(meeting_ids))
        else:
            milestone["due"] = draw(PERIODS)
        if draw(st.integers(0, 3)) == 0:
            milestone["done"] = draw(DAYS).isoformat()
        milestones.append(milestone)
    if milestones:
        record["milestones"] = milestones
    updates = []
    for _ in range(draw(st.integers(0, 3))):
        entry: dict[str, Any] = {"date": draw(PERIODS)}
        if draw(st.booleans()):
            entry["text"] = "Der er meldt nyt."
        new_status = draw(STATUS)
        if new_status is not None:
            entry["status"] = new_status
        if draw(st.integers(0, 4)) == 0:
            entry["track"] = "boern"
        if milestones and draw(st.integers(0, 3)) == 0:
            entry["reached"] = [milestones[0]["title"]]
        if not (entry.keys() - {"date"}):
            entry["text"] = "Status."
        updates.append(entry)
    if updates:
        record["updates"] = updates
    return record


@st.composite
def plans(draw: Any) -> dict[str, bytes]:
    found = draw(meetings())
    files = {"udvikling.yaml": yaml.safe_dump(CONFIG, allow_unicode=True).encode()}
    ids = list(found)
    count = draw(st.integers(1, 4))
    for number in range(count):
        record = draw(initiative(ids, number))
        files[f"data/initiatives/t{number}.yaml"] = yaml.safe_dump(
            record, allow_unicode=True
        ).encode()
    for key, record in found.items():
        for item in record["items"]:
            item["initiatives"] = [f"t{n}" for n in range(count) if draw(st.booleans())]
        files[f"data/meetings/{key}.yaml"] = yaml.safe_dump(record, allow_unicode=True).encode()
    for number in range(draw(st.integers(0, 2))):
        day = draw(DAYS)
        report = {
            "kind": "notat",
            "title": f"Status {number}",
            "date": day.isoformat(),
            "sections": [{"heading": "Indledning", "blocks": [{"text": "Status."}]}],
        }
        files[f"data/reports/r{number}.yaml"] = yaml.safe_dump(report, allow_unicode=True).encode()
    return files


def _dataset(files: dict[str, bytes]) -> Dataset:
    def reader(rel: str) -> bytes:
        if rel not in files:
            raise FileNotFoundError(2, "Filen findes ikke", rel)
        return files[rel]

    loaded = load(Path("/plan"), reader=reader, files=[f for f in files if f.startswith("data/")])
    assert loaded.dataset is not None
    # The generator writes valid plans only: otherwise records would be left out unseen.
    assert [f for f in loaded.findings if f.severity == "error"] == []
    return loaded.dataset


def _views(dataset: Dataset, day: date) -> dict[str, Any]:
    """What every view says on ``day``, as sets of ids."""
    from udvikling.chrono import quarter_view, stand, view_at
    from udvikling.output import report_overdue, report_show, show_json
    from udvikling.periods import quarter_of
    from udvikling.render.contexts import document_context, public_view
    from udvikling.render.defaults import default_notat
    from udvikling.reports.calendar import build_calendar
    from udvikling.reports.listing import Filters, initiative_view, list_meetings
    from udvikling.reports.overdue import build_overdue
    from udvikling.reports.status import build_status
    from udvikling.sheets.rows import build_sheets
    from udvikling.site.build import _prepare

    out: dict[str, Any] = {}
    standing = stand(dataset, view_at(day))
    plan = standing.plan

    # udv overdue --format json
    overdue = report_overdue.to_json(build_overdue(dataset, view_at(day)))
    out["overdue"] = {
        "late": {i["id"] for i in overdue["items"] if i["kind"] in ("initiative", "milestone")},
        "unreported": {
            i["id"] for i in overdue["unreported"] if i["kind"] in ("initiative", "milestone")
        },
    }
    # udv status --quarter (the quarter of the day, judged at the day)
    status = build_status(dataset, quarter_of(day), day)
    assert status.cutoff == day == quarter_view(quarter_of(day), day).judged
    out["status"] = {
        "late": {i.id for i in status.late},
        "unreported": {i.id for i in status.unreported},
    }
    # udv show ID --format json, for every initiative known
    shown_late, shown_quiet, reached, known = set(), set(), set(), set()
    for key in plan.initiatives:
        shown = show_json.show_initiative_json(plan, initiative_view(standing, key))
        known.add(key)
        if shown["days_late"]:
            shown_late.add(key)
        if shown["unreported"]:
            shown_quiet.add(key)
        for number, milestone in enumerate(shown["milestones"], start=1):
            if milestone["state"] == "late":
                shown_late.add(f"{key}#{number}")
            if milestone["state"] == "unreported":
                shown_quiet.add(f"{key}#{number}")
            if milestone["reached"] is not None:
                reached.add(f"{key}#{number}")
    out["show"] = {"late": shown_late, "unreported": shown_quiet, "reached": reached}
    # udv list meetings --format json
    listed = [report_show.meeting_json(standing, m) for m in list_meetings(plan, Filters())]
    out["list"] = {
        "cancelled": {m["id"] for m in listed if m["outcome"] == "cancelled"},
        "known": {m["id"] for m in listed},
    }
    # The default notat's data (as udv render notat makes it)
    notat = document_context(standing, default_notat(standing, None))
    blocks = [b for section in notat["afsnit"] for b in section["blokke"]]
    late_block = next(b for b in blocks if b["art"] == "forsinkede")
    titles = {i.title: i.id for i in plan.initiatives.values()}
    out["notat"] = {
        "late": {titles[row["tiltag"]] for row in late_block["for_sent"]},
        "unreported": {titles[row["tiltag"]] for row in late_block["uden_status"]},
        "intro": next(b["tekst"] for b in blocks if b["art"] == "tekst"),
    }
    # The site's data (public plan: no confidential records are generated here)
    site = _prepare(public_view(dataset, False), day, day)
    out["site"] = {
        "late": {item.id for item in site.overdue.items if item.kind == "initiative"},
        "unreported": {i.id for i in site.overdue.unreported if i.kind == "initiative"},
        "last": site.last.url if site.last is not None else None,
        "known": set(site.plan.initiatives),
    }
    # udv calendar --milestones
    calendar = build_calendar(
        dataset, milestones=True, stamp=datetime(2030, 1, 1, tzinfo=UTC), as_of=day
    ).decode()
    events = calendar.replace("\r\n ", "").split("BEGIN:VEVENT")[1:]
    out["calendar"] = {
        "cancelled": {
            line.split(":", 1)[1].split("@")[0]
            for event in events
            if "STATUS:CANCELLED" in event
            for line in event.splitlines()
            if line.startswith("UID:")
        },
        "reached": sum(1 for event in events if "SUMMARY:Nået:" in event),
    }
    # udv sheet export
    sheets = build_sheets(dataset, view_at(day))
    out["sheets"] = {
        "rows": {row.id for sheet in sheets for row in sheet.rows},
        "open_milestones": {
            (row.id, title) for sheet in sheets for row in sheet.rows for title in row.milestones
        },
    }
    out["standing"] = standing
    out["known"] = known
    return out


@budget(60)
@given(plans(), DAYS)
def test_every_view_gives_the_same_answer(files: dict[str, bytes], day: date) -> None:
    from udvikling.render.defaults import since_text

    dataset = _dataset(files)
    views = _views(dataset, day)
    standing = views["standing"]
    plan = standing.plan
    late = {lapse.id for lapse in standing.late if lapse.kind in ("initiative", "milestone")}
    quiet = {lapse.id for lapse in standing.unreported if lapse.kind in ("initiative", "milestone")}
    initiatives_only = {i for i in late if "#" not in i}, {i for i in quiet if "#" not in i}

    # Known records
    assert views["known"] == set(plan.initiatives) == views["site"]["known"]
    assert views["list"]["known"] == set(plan.meetings)
    # Late apart from unreported
    assert views["overdue"] == {"late": late, "unreported": quiet}
    assert views["show"]["late"] == late and views["show"]["unreported"] == quiet
    assert (views["status"]["late"], views["status"]["unreported"]) == initiatives_only
    assert (views["site"]["late"], views["site"]["unreported"]) == initiatives_only
    assert views["notat"]["late"] <= {i.split("#")[0] for i in late}
    assert {i for i in late if "#" not in i} <= views["notat"]["late"]
    assert {i for i in quiet if "#" not in i} <= views["notat"]["unreported"]
    # Reached milestones: show, the calendar and the sheets
    reached = {
        f"{i.id}#{m.number}"
        for i in plan.initiatives.values()
        for m in standing.milestones(i)
        if m.reached is not None
    }
    assert views["show"]["reached"] == reached
    with_due = {
        f"{i.id}#{m.number}"
        for i in plan.initiatives.values()
        for m in standing.milestones(i)
        if m.reached is not None and m.due is not None
    }
    assert views["calendar"]["reached"] == len(with_due)
    asked = {
        (i.id, m.milestone.title)
        for i in plan.initiatives.values()
        if i.id in views["sheets"]["rows"]
        for m in standing.milestones(i)
        if m.reached is None
    }
    assert views["sheets"]["open_milestones"] == asked
    assert views["sheets"]["rows"] == {
        i.id
        for i in plan.initiatives.values()
        if standing.followed(i) and i.status not in ("afsluttet", "opgivet")
    }
    # Cancelled meetings
    cancelled = {m.id for m in plan.meetings.values() if standing.outcome(m) == "cancelled"}
    assert views["list"]["cancelled"] == cancelled == views["calendar"]["cancelled"]
    # The last issued status: the notat's introduction and the site name the same one
    last = standing.last_status
    if last is None:
        assert views["site"]["last"] is None
        assert "siden" not in views["notat"]["intro"]
    else:
        assert views["site"]["last"].endswith(f"{last.id}.html")
        assert since_text(plan, last) in views["notat"]["intro"]
