"""The loader and the model: validation findings at the right line, in Danish."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import MINIMAL_CONFIG, MINIMAL_INITIATIVE, MINIMAL_MEETING, BuildTree
from udvikling.errors import EnvironmentProblem
from udvikling.load import find_root, load
from udvikling.periods import Period


def one(build_tree: BuildTree, initiative: str) -> list[tuple[str, int, int]]:
    root = build_tree({"udvikling.yaml": MINIMAL_CONFIG, "data/initiatives/x.yaml": initiative})
    return [(f.code, f.line, f.column) for f in load(root).findings]


def test_minimal_repo_loads_clean(minimal_repo: Path) -> None:
    loaded = load(minimal_repo)
    assert loaded.findings == []
    assert loaded.dataset is not None
    init = loaded.dataset.initiatives["kommunikationsstrategi"]
    assert init.id == "kommunikationsstrategi"
    assert init.path == "data/initiatives/kommunikationsstrategi.yaml"
    assert isinstance(init.start, Period)
    assert init.start.start == date(2023, 7, 1)
    meeting = loaded.dataset.meetings["2024-04-24-vpu"]
    assert meeting.date.start == date(2024, 4, 24)
    assert meeting.decided


def test_find_root_walks_upward(minimal_repo: Path) -> None:
    assert find_root(minimal_repo / "data" / "meetings") == minimal_repo.resolve()


def test_find_root_without_config(tmp_path: Path) -> None:
    with pytest.raises(EnvironmentProblem) as info:
        find_root(tmp_path)
    assert "udvikling.yaml" in info.value.message


def test_unknown_field_with_did_you_mean(build_tree: BuildTree) -> None:
    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/x.yaml": MINIMAL_INITIATIVE + "tilte: y\n",
        }
    )
    [f] = load(root).findings
    assert (f.code, f.line, f.column) == ("UDV101", 8, 1)
    assert "Mente du 'title'?" in (f.hint or "")


def test_missing_required_field_points_at_parent(build_tree: BuildTree) -> None:
    text = MINIMAL_INITIATIVE.replace("track: kommunikation\n", "")
    assert one(build_tree, text) == [("UDV102", 1, 1)]


def test_bad_status_lists_allowed_values(build_tree: BuildTree) -> None:
    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/x.yaml": MINIMAL_INITIATIVE.replace("i-gang", "igang"),
        }
    )
    [f] = load(root).findings
    assert (f.code, f.line, f.column) == ("UDV106", 5, 9)
    assert "Mente du 'i-gang'?" in (f.hint or "")
    assert "planlagt" in (f.hint or "")


def test_bad_period_is_located_with_forms_hint(build_tree: BuildTree) -> None:
    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/x.yaml": MINIMAL_INITIATIVE.replace(
                "due: 4. kvartal 2024", "due: engang i 2024"
            ),
        }
    )
    [f] = load(root).findings
    assert (f.code, f.line, f.column) == ("UDV104", 7, 6)
    assert "kvartal" in (f.hint or "")


def test_impossible_date_is_a_located_error(build_tree: BuildTree) -> None:
    text = MINIMAL_INITIATIVE + "updates:\n  - date: 2023-02-30\n    text: x\n"
    assert one(build_tree, text) == [("UDV104", 9, 11)]


def test_period_where_date_expected(build_tree: BuildTree) -> None:
    text = MINIMAL_INITIATIVE + "waivers:\n  - code: UDV603\n    reason: x\n    until: april 2023\n"
    assert one(build_tree, text) == [("UDV105", 11, 12)]


def test_journal_entry_may_be_dated_with_a_period(build_tree: BuildTree) -> None:
    text = MINIMAL_INITIATIVE + "updates:\n  - date: efterår 2024\n    text: x\n"
    assert one(build_tree, text) == []


def test_empty_journal_entry_is_an_error(build_tree: BuildTree) -> None:
    text = MINIMAL_INITIATIVE + "updates:\n  - date: 2024-04-24\n"
    assert [code for code, _, _ in one(build_tree, text)] == ["UDV103"]


def test_yes_no_trap_where_text_expected(build_tree: BuildTree) -> None:
    text = MINIMAL_INITIATIVE + "tags: [no, 'yes', ok]\n"
    root = build_tree({"udvikling.yaml": MINIMAL_CONFIG, "data/initiatives/x.yaml": text})
    [f] = load(root).findings
    assert (f.code, f.line, f.column) == ("UDV004", 8, 8)
    assert '"no"' in (f.hint or "")


@pytest.mark.parametrize(("word", "meant"), [("yes", "true"), ("No", "false"), ("ON", "true")])
def test_yes_no_where_a_boolean_is_expected_is_an_error(
    build_tree: BuildTree, word: str, meant: str
) -> None:
    # The editor's schema (YAML 1.2) reads the word as text: udv must not pass it.
    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/x.yaml": MINIMAL_INITIATIVE + f"confidential: {word}\n",
        }
    )
    loaded = load(root)
    [f] = loaded.findings
    assert (f.code, f.severity, f.line, f.column) == ("UDV103", "error", 8, 15)
    assert f"confidential: {meant}" in (f.hint or "")
    assert loaded.dataset is not None and "x" in loaded.dataset.initiatives


@pytest.mark.parametrize("word", ["true", "false", "True", "FALSE"])
def test_true_false_are_fine_where_a_boolean_is_expected(build_tree: BuildTree, word: str) -> None:
    assert one(build_tree, MINIMAL_INITIATIVE + f"confidential: {word}\n") == []


def test_yes_no_in_a_nested_boolean(build_tree: BuildTree) -> None:
    meeting = MINIMAL_MEETING.replace(
        "    decision: Godkendt.", "    decision: Godkendt.\n    public: no"
    )
    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/kommunikationsstrategi.yaml": MINIMAL_INITIATIVE,
            "data/meetings/2024-04-24-vpu.yaml": meeting,
        }
    )
    [f] = load(root).findings
    assert (f.code, f.line, f.column) == ("UDV103", 9, 13)
    assert "'items[1].public'" in f.message and "public: false" in (f.hint or "")


def test_loebende_due(build_tree: BuildTree) -> None:
    root = build_tree(
        {
            "udvikling.yaml": MINIMAL_CONFIG,
            "data/initiatives/x.yaml": MINIMAL_INITIATIVE.replace("4. kvartal 2024", "løbende"),
        }
    )
    loaded = load(root)
    assert loaded.findings == []
    assert loaded.dataset is not None
    init = loaded.dataset.initiatives["x"]
    assert init.ongoing and init.due_period is None


def test_milestone_needs_due_or_meeting(build_tree: BuildTree) -> None:
    text = (
        MINIMAL_INITIATIVE
        + "milestones:\n  - title: A\n  - title: B\n    due: 2024\n    meeting: m\n"
    )
    assert one(build_tree, text) == [("UDV103", 9, 5), ("UDV103", 10, 5)]


def test_id_field_is_refused(build_tree: BuildTree) -> None:
    assert one(build_tree, "id: y\n" + MINIMAL_INITIATIVE) == [("UDV101", 1, 1)]


def test_several_problems_in_one_file_all_reported(build_tree: BuildTree) -> None:
    text = (
        "title: A\ntrack: organisering\nowner: socialchef\nlevel: lokal\nstatus: i-gang\n"
        "start: forår\ncolour: rød\n"
    )
    assert one(build_tree, text) == [("UDV106", 4, 8), ("UDV104", 6, 8), ("UDV101", 7, 1)]


def test_top_level_list_is_refused(build_tree: BuildTree) -> None:
    assert one(build_tree, "- title: a\n") == [("UDV005", 1, 1)]


def test_broken_config_gives_no_dataset(build_tree: BuildTree) -> None:
    root = build_tree({"udvikling.yaml": "organisation: [\n"})
    loaded = load(root)
    assert loaded.dataset is None
    assert [f.code for f in loaded.findings] == ["UDV001"]


def test_config_shorthand_and_unknown_section(build_tree: BuildTree) -> None:
    root = build_tree({"udvikling.yaml": MINIMAL_CONFIG + "trakcs: {}\n"})
    [f] = load(root).findings
    assert f.code == "UDV101" and "Mente du 'tracks'?" in (f.hint or "")


def test_yml_extension_is_reported(build_tree: BuildTree) -> None:
    root = build_tree(
        {"udvikling.yaml": MINIMAL_CONFIG, "data/initiatives/a.yml": MINIMAL_INITIATIVE}
    )
    assert [f.code for f in load(root).findings] == ["UDV005"]


def test_symlink_outside_the_repository_is_refused(
    build_tree: BuildTree, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.yaml"
    outside.write_text(MINIMAL_INITIATIVE, encoding="utf-8")
    root = build_tree({"udvikling.yaml": MINIMAL_CONFIG})
    (root / "data" / "initiatives").mkdir(parents=True)
    (root / "data" / "initiatives" / "link.yaml").symlink_to(outside)
    [f] = load(root).findings
    assert f.code == "UDV008" and "uden for datamappen" in f.message
