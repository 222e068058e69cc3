"""Every lint rule with a failing and a passing example, waivers and configured severities."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from conftest import MINIMAL_CONFIG, MINIMAL_INITIATIVE, MINIMAL_MEETING, BuildTree
from udvikling.lint import lint

TODAY = date(2024, 5, 1)

OBLIGATION = """\
obligations:
  status-2023:
    title: Status to gange årligt i 2023
    bodies: [vpu]
    every: halvår
    period: 2023
"""


def findings(root: Path, today: date = TODAY) -> list[tuple[str, str, int]]:
    """(code, path, line) of every finding."""
    return [(f.code, f.path, f.line) for f in lint(root, today).findings]


def codes(root: Path, today: date = TODAY) -> list[str]:
    return [f.code for f in lint(root, today).findings]


def tree(build_tree: BuildTree, files: dict[str, str], config: str = MINIMAL_CONFIG) -> Path:
    return build_tree({"udvikling.yaml": config, **files})


BASE = MINIMAL_INITIATIVE + "updates:\n  - date: 2024-04-01\n    text: Arbejdet går efter planen.\n"


def initiative(**fields: str) -> str:
    """BASE with top-level fields replaced in place or appended (values as YAML text)."""
    out: list[str] = []
    skipping = False
    for line in BASE.splitlines():
        if skipping and line.startswith(" "):
            continue
        skipping = False
        key = line.split(":")[0]
        if key in fields:
            out.append(f"{key}: {fields[key]}")
            skipping = True
        else:
            out.append(line)
    out += [f"{key}: {value}" for key, value in fields.items() if f"{key}:" not in BASE]
    return "\n".join(out) + "\n"


def test_minimal_repo_is_clean(minimal_repo: Path) -> None:
    assert findings(minimal_repo, date(2023, 12, 1)) == []


# -- references (UDV201-UDV208) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "code", "suggestion"),
    [
        ("track", "kommunikaton", "UDV201", "kommunikation"),
        ("owner", "social-chef", "UDV202", "socialchef"),
        ("units", "[grenaa]", "UDV203", "omraade-grenaa"),
        ("beacons", "[pejlemaerke-2]", "UDV205", "pejlemaerke-1"),
        ("depends_on", "[kommunikationsstrategi-x]", "UDV206", "kommunikationsstrategi"),
    ],
)
def test_unknown_references_with_did_you_mean(
    build_tree: BuildTree, field: str, value: str, code: str, suggestion: str
) -> None:
    root = tree(
        build_tree,
        {
            "data/initiatives/kommunikationsstrategi.yaml": BASE,
            "data/initiatives/andet.yaml": initiative(**{field: value}),
        },
    )
    [found] = lint(root, TODAY).findings
    assert (found.code, found.path) == (code, "data/initiatives/andet.yaml")
    assert found.hint is not None and suggestion in found.hint


def test_unknown_body_meeting_and_item_initiative(build_tree: BuildTree) -> None:
    meeting = MINIMAL_MEETING.replace("body: vpu", "body: vpuu").replace(
        "[kommunikationsstrategi]", "[kommunikations-strategi]"
    )
    milestone = initiative(milestones="\n  - title: Godkendt\n    meeting: 2024-04-24-kb")
    root = tree(
        build_tree,
        {
            "data/initiatives/kommunikationsstrategi.yaml": milestone,
            "data/meetings/2024-04-24-vpu.yaml": meeting,
        },
    )
    found = {f.code: f for f in lint(root, TODAY).findings}
    assert set(found) == {"UDV204", "UDV207", "UDV208", "UDV302"}
    assert found["UDV204"].line == 1 and "vpu" in (found["UDV204"].hint or "")
    assert "kommunikationsstrategi" in (found["UDV208"].hint or "")


# -- ids (UDV301-UDV303) ----------------------------------------------------------------------


def test_file_name_must_be_a_slug(build_tree: BuildTree) -> None:
    root = tree(build_tree, {"data/initiatives/Psykologisk Tryghed.yaml": BASE})
    [found] = lint(root, TODAY).findings
    assert found.code == "UDV301"
    assert found.hint is not None and "psykologisk-tryghed.yaml" in found.hint


def test_meeting_id_must_match_date_and_body(build_tree: BuildTree) -> None:
    root = tree(
        build_tree,
        {
            "data/initiatives/kommunikationsstrategi.yaml": BASE,
            "data/meetings/2024-04-25-vpu.yaml": MINIMAL_MEETING,
        },
    )
    [found] = lint(root, TODAY).findings
    assert (found.code, found.line) == ("UDV302", 2)
    assert "2024-04-24-vpu" in found.message


@pytest.mark.parametrize(
    ("name", "when"),
    [
        ("2023-w15-primo-vpu", "primo uge 15 2023"),
        ("2023-q1-vpu", "1. kvartal 2023"),
        ("2023-04-vpu", "april 2023"),
        ("2024-efteraar-vpu", "efteråret 2024"),
    ],
)
def test_meeting_ids_for_fuzzy_dates(build_tree: BuildTree, name: str, when: str) -> None:
    meeting = MINIMAL_MEETING.replace("date: 2024-04-24", f"date: {when}")
    root = tree(
        build_tree,
        {
            "data/initiatives/kommunikationsstrategi.yaml": BASE,
            f"data/meetings/{name}.yaml": meeting,
        },
    )
    assert "UDV302" not in codes(root, date(2030, 1, 1))


def test_same_meeting_recorded_twice(build_tree: BuildTree) -> None:
    root = tree(
        build_tree,
        {
            "data/initiatives/kommunikationsstrategi.yaml": BASE,
            "data/meetings/2024-04-24-vpu.yaml": MINIMAL_MEETING,
            "data/meetings/vpu-april.yaml": MINIMAL_MEETING.replace("2024-04-24", "24. april 2024"),
        },
    )
    found = {(f.code, f.path) for f in lint(root, TODAY).findings}
    assert ("UDV303", "data/meetings/vpu-april.yaml") in found
    assert ("UDV303", "data/meetings/2024-04-24-vpu.yaml") not in found


def test_milestone_id_used_twice_in_one_initiative(build_tree: BuildTree) -> None:
    milestones = (
        "\n  - title: Status\n    id: status\n    due: 2024"
        "\n  - title: Status igen\n    id: status\n    due: 2024"
        "\n  - title: Andet\n    id: andet\n    due: 2024"
    )
    root = tree(
        build_tree,
        {
            "data/initiatives/kommunikationsstrategi.yaml": initiative(
                due="2024", milestones=milestones
            )
        },
    )
    found = [f for f in lint(root, TODAY).findings if f.code == "UDV304"]
    assert [(f.line, f.column) for f in found] == [(16, 9)]
    assert "'Status igen'" in found[0].message and "milepæl 1" in found[0].message


# -- dates (UDV401-UDV406) --------------------------------------------------------------------


def test_start_after_due(build_tree: BuildTree) -> None:
    bad = initiative(start="2. halvår 2024", due="1. halvår 2024")
    root = tree(build_tree, {"data/initiatives/a.yaml": bad})
    assert findings(root) == [("UDV401", "data/initiatives/a.yaml", 6)]
    good = initiative(start="1. halvår 2024", due="1. halvår 2024")
    assert codes(tree(build_tree, {"data/initiatives/a.yaml": good})) == []


def test_depends_on_ring_reported_once(build_tree: BuildTree) -> None:
    root = tree(
        build_tree,
        {
            "data/initiatives/a.yaml": initiative(depends_on="[b]"),
            "data/initiatives/b.yaml": initiative(depends_on="[c]"),
            "data/initiatives/c.yaml": initiative(depends_on="[a]"),
        },
    )
    [found] = lint(root, TODAY).findings
    assert found.code == "UDV402" and found.path == "data/initiatives/a.yaml"
    assert "a → b → c → a" in found.message
    chain = {
        "data/initiatives/a.yaml": initiative(depends_on="[b]"),
        "data/initiatives/b.yaml": initiative(depends_on="[c]"),
        "data/initiatives/c.yaml": initiative(),
    }
    assert codes(tree(build_tree, chain)) == []


def test_milestone_outside_span_is_a_warning(build_tree: BuildTree) -> None:
    outside = initiative(milestones="\n  - title: Sent\n    due: 2. kvartal 2025")
    root = tree(build_tree, {"data/initiatives/a.yaml": outside})
    [found] = lint(root, TODAY).findings
    assert (found.code, found.severity, found.line) == ("UDV403", "warning", 13)
    inside = initiative(milestones="\n  - title: Til tiden\n    due: 2. kvartal 2024")
    assert codes(tree(build_tree, {"data/initiatives/a.yaml": inside})) == []


def test_done_in_the_future(build_tree: BuildTree) -> None:
    text = initiative(
        milestones="\n  - title: Færdig\n    due: 2. kvartal 2024\n    done: 2024-06-01",
        updates="\n  - date: 2024-07-01\n    text: Skrevet i forvejen.",
    )
    root = tree(build_tree, {"data/initiatives/a.yaml": text})
    # The entry from the future is an error, and not known: the initiative is stale too.
    assert findings(root) == [
        ("UDV603", "data/initiatives/a.yaml", 5),
        ("UDV404", "data/initiatives/a.yaml", 9),
        ("UDV404", "data/initiatives/a.yaml", 14),
    ]
    assert codes(root, date(2024, 7, 1)) == []


def test_entries_after_the_day_judged_are_not_known_yet(build_tree: BuildTree) -> None:
    text = initiative(
        status="planlagt",
        updates="\n  - date: 2024-07-01\n    text: Meldt senere.\n    status: i-gang",
        since="2023-01-08",
    )
    root = tree(build_tree, {"data/initiatives/a.yaml": text})
    judged = lint(root, date(2024, 5, 1), clock=date(2024, 8, 1)).findings
    assert [f.code for f in judged] == []
    future = lint(root, date(2024, 5, 1), clock=date(2024, 6, 1)).findings
    assert [(f.code, f.line) for f in future] == [("UDV404", 9)]


def test_since_in_the_future(build_tree: BuildTree) -> None:
    root = tree(build_tree, {"data/initiatives/a.yaml": initiative(since="2025-01-01")})
    assert findings(root) == [("UDV404", "data/initiatives/a.yaml", 11)]


def test_unknown_reported_in_and_reached(build_tree: BuildTree) -> None:
    text = initiative(
        milestones="\n  - title: Tiltrædelse\n    due: 2. kvartal 2024",
        updates="\n  - date: 2024-04-24\n    reported_in: 2024-04-24-vpx\n"
        "    reached: [Tiltrædelsen]",
    )
    meeting = MINIMAL_MEETING
    root = tree(
        build_tree, {"data/initiatives/a.yaml": text, "data/meetings/2024-04-24-vpu.yaml": meeting}
    )
    found = [f for f in lint(root, TODAY).findings if f.code in ("UDV209", "UDV210")]
    assert [(f.code, f.line) for f in found] == [("UDV209", 10), ("UDV210", 11)]
    assert "Mente du '2024-04-24-vpu'?" in (found[0].hint or "")
    assert "Mente du 'Tiltrædelse'?" in (found[1].hint or "")


def test_words_of_an_unknown_issued_document(build_tree: BuildTree) -> None:
    text = initiative() + "as_issued:\n  2023-01-08-plan:\n    title: Som planen skrev den\n"
    root = tree(build_tree, {"data/initiatives/a.yaml": text})
    found = [f for f in lint(root, TODAY).findings if f.code == "UDV212"]
    assert [(f.code, f.line) for f in found] == [("UDV212", 12)]


def test_entry_dated_otherwise_than_its_meeting(build_tree: BuildTree) -> None:
    text = initiative(
        updates="\n  - date: 2024-04-30\n    reported_in: 2024-04-24-vpu\n    text: x"
    )
    root = tree(
        build_tree,
        {"data/initiatives/a.yaml": text, "data/meetings/2024-04-24-vpu.yaml": MINIMAL_MEETING},
    )
    found = [f for f in lint(root, TODAY).findings if f.code == "UDV407"]
    assert [(f.code, f.line) for f in found] == [("UDV407", 9)]
    fixed = text.replace("2024-04-30", "2024-04-24")
    root = tree(
        build_tree,
        {"data/initiatives/a.yaml": fixed, "data/meetings/2024-04-24-vpu.yaml": MINIMAL_MEETING},
    )
    assert [f for f in lint(root, TODAY).findings if f.code == "UDV407"] == []


def test_findings_on_changed_fields_point_at_the_entry(build_tree: BuildTree) -> None:
    text = initiative(
        milestones="\n  - title: Åben\n    due: 2024",
        updates="\n  - date: 2024-04-01\n    text: Færdig.\n    status: afsluttet",
    )
    root = tree(build_tree, {"data/initiatives/a.yaml": text})
    # UDV405 is about the status the entry set: it points at the entry's status line.
    assert findings(root) == [("UDV405", "data/initiatives/a.yaml", 11)]


def test_closed_with_open_milestones_and_planned_with_all_done(build_tree: BuildTree) -> None:
    closed = initiative(status="afsluttet", milestones="\n  - title: Åben\n    due: 2024")
    planned = initiative(
        status="planlagt", milestones="\n  - title: Nået\n    due: 2024\n    done: 2024-02-01"
    )
    root = tree(build_tree, {"data/initiatives/a.yaml": closed, "data/initiatives/b.yaml": planned})
    assert findings(root) == [
        ("UDV405", "data/initiatives/a.yaml", 5),
        ("UDV406", "data/initiatives/b.yaml", 5),
    ]
    fixed = {
        "data/initiatives/a.yaml": closed.replace("due: 2024", "due: 2024\n    done: 2024-03-01"),
        "data/initiatives/b.yaml": planned.replace("status: planlagt", "status: i-gang"),
    }
    assert codes(tree(build_tree, fixed)) == []


# -- meetings and indicators (UDV501-UDV504) --------------------------------------------------


def test_past_meeting_without_decision(build_tree: BuildTree) -> None:
    meeting = MINIMAL_MEETING.replace("    decision: Godkendt.\n", "")
    root = tree(
        build_tree,
        {
            "data/initiatives/kommunikationsstrategi.yaml": BASE,
            "data/meetings/2024-04-24-vpu.yaml": meeting,
        },
    )
    [found] = lint(root, date(2024, 4, 25)).findings
    assert (found.code, found.severity, found.line) == ("UDV501", "warning", 6)
    assert "beslutning mangler" in found.message
    # On the day of the meeting it is not yet past.
    assert codes(root, date(2024, 4, 24)) == []


INDICATOR = """\
title: Medarbejdere
date: september 2024
measure: Fuldtidspersoner
columns:
  - {unit: omraade-grenaa, label: Område Grenaa}
rows:
  - category: Socialpædagog
    values: {omraade-grenaa: 10.25}
  - category: Øvrigt
    values: {omraade-grenaa: 2.50}
totals: {omraade-grenaa: TOTAL}
"""


@pytest.mark.parametrize(
    ("total", "expected"),
    [("12.75", []), ("12.76", ["UDV503"]), ("13.75", ["UDV502"])],
)
def test_indicator_totals(build_tree: BuildTree, total: str, expected: list[str]) -> None:
    root = tree(build_tree, {"data/indicators/bilag.yaml": INDICATOR.replace("TOTAL", total)})
    assert codes(root) == expected


def test_indicator_value_for_unknown_column(build_tree: BuildTree) -> None:
    text = INDICATOR.replace("TOTAL", "12.75").replace(
        "values: {omraade-grenaa: 2.50}", "values: {omraade-grenaa: 2.50, omraade-oerum: 1}"
    )
    root = tree(build_tree, {"data/indicators/bilag.yaml": text})
    assert findings(root) == [("UDV504", "data/indicators/bilag.yaml", 10)]


@pytest.mark.parametrize(
    ("share", "expected"),
    # 10,25 of 12,75 is 80,392... %: right at the source's precision, whatever its spacing.
    [("80,39 %", []), ("80,4%", []), ("80 %", []), ("80,93 %", ["UDV505"]), ("81 %", ["UDV505"])],
)
def test_issued_share_against_the_computed(
    build_tree: BuildTree, share: str, expected: list[str]
) -> None:
    """A share as the source printed it is kept, and lint says where it differs from the
    value's part of its column (issue 23: the note's 11,53 % for 6,22 of 53,49)."""
    text = INDICATOR.replace("TOTAL", "12.75").replace(
        "values: {omraade-grenaa: 10.25}",
        f'values: {{omraade-grenaa: 10.25}}\n    shares: {{omraade-grenaa: "{share}"}}',
    )
    root = tree(build_tree, {"data/indicators/bilag.yaml": text})
    assert codes(root) == expected


# -- the plan's health (UDV601-UDV605) --------------------------------------------------------


def test_missed_obligation_and_waiver(build_tree: BuildTree) -> None:
    config = MINIMAL_CONFIG + OBLIGATION
    spring = MINIMAL_MEETING.replace("2024-04-24", "2023-04-26")
    files = {
        "data/initiatives/kommunikationsstrategi.yaml": BASE,
        "data/meetings/2023-04-26-vpu.yaml": spring,
    }
    root = tree(build_tree, files, config)
    [found] = lint(root, TODAY).findings
    assert (found.code, found.path, found.severity) == ("UDV601", "udvikling.yaml", "error")
    assert "2. halvår 2023" in found.message
    waived = config + textwrap.indent(
        "waivers:\n  - body: vpu\n    period: 2023-H2\n    reason: Udsat efter aftale.\n", "    "
    )
    assert codes(tree(build_tree, files, waived)) == []


def test_obligation_coming_due_is_info(build_tree: BuildTree) -> None:
    config = MINIMAL_CONFIG + OBLIGATION
    files = {"data/initiatives/kommunikationsstrategi.yaml": MINIMAL_INITIATIVE}
    root = tree(build_tree, files, config)
    assert codes(root, date(2023, 6, 1)) == ["UDV602"]
    assert codes(root, date(2023, 3, 1)) == []


def test_stale_initiative(build_tree: BuildTree) -> None:
    text = initiative(updates="\n  - date: 2023-09-01\n    text: Arbejdet er i gang.")
    root = tree(build_tree, {"data/initiatives/a.yaml": text})
    [found] = lint(root, TODAY).findings
    assert (found.code, found.severity, found.line) == ("UDV603", "warning", 8)
    assert "1. september 2023" in found.message
    assert codes(root, date(2024, 2, 1)) == []


def test_capacity_per_owner(build_tree: BuildTree) -> None:
    config = MINIMAL_CONFIG + "lint:\n  max_active_per_owner: 1\n"
    files = {"data/initiatives/a.yaml": initiative(), "data/initiatives/b.yaml": initiative()}
    root = tree(build_tree, files, config)
    [found] = lint(root, TODAY).findings
    assert (found.code, found.path) == ("UDV604", "udvikling.yaml")
    assert found.line == 10  # the owner's declaration
    later = initiative(start="2025", due="2025")
    files["data/initiatives/b.yaml"] = later
    assert codes(tree(build_tree, files, config)) == []


def test_confidential_on_public_item(build_tree: BuildTree) -> None:
    files = {
        "data/initiatives/kommunikationsstrategi.yaml": initiative(confidential="true"),
        "data/meetings/2024-04-24-vpu.yaml": MINIMAL_MEETING,
    }
    root = tree(build_tree, files)
    assert findings(root) == [("UDV605", "data/meetings/2024-04-24-vpu.yaml", 7)]
    closed = MINIMAL_MEETING.replace("    decision:", "    public: false\n    decision:")
    files["data/meetings/2024-04-24-vpu.yaml"] = closed
    assert codes(tree(build_tree, files)) == []


# -- waivers and severities (UDV901-UDV903) ---------------------------------------------------

STALE = initiative(updates="\n  - date: 2023-09-01\n    text: Arbejdet er i gang.")


@pytest.mark.parametrize(
    ("waiver", "expected"),
    [
        ("- code: UDV603\n    reason: Ingen ny status i materialet.", []),
        ("- code: udv603\n    reason: Små bogstaver går også.", []),
        ("- code: UDV603\n    reason: Gælder stadig.\n    until: 2024-12-31", []),
        ("- code: UDV603\n    reason: Udløbet.\n    until: 2024-03-31", ["UDV603", "UDV902"]),
        ("- code: UDV603\n    reason: '  '", ["UDV603", "UDV901"]),
        ("- code: UDV101\n    reason: Skemafejl kan ikke fraviges.", ["UDV603", "UDV901"]),
        ("- code: UDV999\n    reason: Findes ikke.", ["UDV603", "UDV901"]),
        ("- code: UDV501\n    reason: Intet at undtage.", ["UDV603", "UDV903"]),
    ],
)
def test_waivers(build_tree: BuildTree, waiver: str, expected: list[str]) -> None:
    root = tree(build_tree, {"data/initiatives/a.yaml": STALE + f"waivers:\n  {waiver}\n"})
    assert sorted(codes(root)) == expected


def test_a_waived_finding_reads_no_positions(build_tree: BuildTree) -> None:
    """A waived finding is never shown, so its file's positions are not read for it; a
    kept one gets the line and column of its value, also under --as-of."""
    from udvikling.lint import lint_loaded
    from udvikling.load import load

    waived = STALE + "waivers:\n  - code: UDV603\n    reason: Ingen ny status i materialet.\n"
    root = tree(build_tree, {"data/initiatives/a.yaml": waived, "data/initiatives/b.yaml": STALE})
    loaded = load(root)
    assert loaded.dataset is not None
    sources = loaded.dataset.sources
    found = lint_loaded(loaded, TODAY)
    assert [(f.code, f.path, f.line, f.column) for f in found] == [
        ("UDV603", "data/initiatives/b.yaml", 8, 1)
    ]
    assert type(found[0]).__name__ == "Finding"
    assert sources["data/initiatives/a.yaml"].deferred
    assert not sources["data/initiatives/b.yaml"].deferred


def test_configured_severity_and_off(build_tree: BuildTree) -> None:
    info = MINIMAL_CONFIG + "lint:\n  severity:\n    UDV603: info\n"
    root = tree(build_tree, {"data/initiatives/a.yaml": STALE}, info)
    [found] = lint(root, TODAY).findings
    assert (found.code, found.severity) == ("UDV603", "info")
    off = MINIMAL_CONFIG + "lint:\n  severity:\n    UDV603: 'off'\n"
    assert codes(tree(build_tree, {"data/initiatives/a.yaml": STALE}, off)) == []
    schema = MINIMAL_CONFIG + "lint:\n  severity:\n    UDV101: warning\n"
    assert codes(tree(build_tree, {"data/initiatives/a.yaml": STALE}, schema)) == [
        "UDV603",
        "UDV901",
    ]


def test_owner_waiver_for_capacity(build_tree: BuildTree) -> None:
    config = MINIMAL_CONFIG.replace(
        "  socialchef: Socialchef\n",
        "  socialchef:\n    name: Socialchef\n    waivers:\n"
        "      - code: UDV604\n        reason: Midlertidigt.\n",
    )
    config += "lint:\n  max_active_per_owner: 1\n"
    files = {"data/initiatives/a.yaml": initiative(), "data/initiatives/b.yaml": initiative()}
    assert codes(tree(build_tree, files, config)) == []


# -- several problems at once -----------------------------------------------------------------


def test_one_file_with_several_rule_problems_gives_all_at_their_lines(
    build_tree: BuildTree,
) -> None:
    text = textwrap.dedent(
        """\
        title: Mange problemer
        track: kommunikation
        owner: socialchef
        level: central
        status: afsluttet
        start: 2. halvår 2024
        due: 1. halvår 2024
        depends_on: [findes-ikke]
        milestones:
          - title: Åben
            due: 2. kvartal 2024
          - title: I fremtiden
            due: 1. kvartal 2024
            done: 2024-12-24
        """
    )
    root = tree(build_tree, {"data/initiatives/a.yaml": text})
    assert findings(root) == [
        ("UDV405", "data/initiatives/a.yaml", 5),
        ("UDV401", "data/initiatives/a.yaml", 6),
        ("UDV206", "data/initiatives/a.yaml", 8),
        ("UDV403", "data/initiatives/a.yaml", 11),
        ("UDV403", "data/initiatives/a.yaml", 13),
        ("UDV404", "data/initiatives/a.yaml", 14),
    ]
