"""Shell completion: the plan's own words (record ids with their titles, tracks, owners, units,
bodies) and every option's fixed values (formats, kinds, statuses, levels).

Typer's completion (``udv --install-completion``; bash, zsh, fish) asks these functions for
the values of an argument or option as the user presses Tab. A Tab must answer at once, so
they never load the plan: ids are file names; titles (shown by zsh and fish, not by bash)
come from the plan index (:mod:`udvikling.index`), reading only the files that match what
is typed; declarations come from ``udvikling.yaml`` alone. They never fail: a plan that
cannot be found or read simply offers nothing.

The fixed sets are written here as the words a user types (Danish first where a command
takes both); ``tests/test_completion.py`` checks them against the commands' own.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

Candidates = list[tuple[str, str]]

# Above this many ids matching what is typed, no titles are looked up (a Tab on an empty
# word in a plan of thousands would otherwise read every file).
TITLES_MAX = 200

LINT_FORMATS = ("text", "json", "github", "gitlab")
REPORT_FORMATS = ("text", "md", "json")
TEXT_JSON = ("text", "json")
DOCUMENT_FORMATS = ("md", "docx", "html")
SHEET_FORMATS = ("xlsx", "csv")
STATUSES = ("planlagt", "i-gang", "afsluttet", "udskudt", "opgivet")
LEVELS = ("central", "decentral")
MEETING_KINDS = ("status", "beslutning", "orientering", "drøftelse", "temadag", "workshop", "møde")
REPORT_KINDS = ("notat", "procesplan")
LIST_KINDS = ("tiltag", "møder", "rapporter")
NEW_KINDS = ("tiltag", "møde", "rapport")
GROUPS = (("ansvarlig", "pr. ansvarlig"), ("spor", "pr. udviklingsspor"))


def _root(ctx: Any) -> Path | None:
    """The data root: ``--root`` when given on the line so far, else found from here up."""
    from udvikling.fileio import resolve_path
    from udvikling.plan_root import CONFIG_FILE

    given = getattr(ctx, "params", {}).get("root")
    start = Path(given) if given else Path.cwd()
    try:
        folders = [start] if given else [start, *resolve_path(start).parents]
    except OSError:
        return None
    for folder in folders:
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None


def _shows_help() -> bool:
    """Whether the shell shows a value's description (zsh and fish do, bash does not)."""
    return not os.environ.get("_UDV_COMPLETE", "").endswith("bash")


def _records(ctx: Any, incomplete: str, *folders: str) -> Candidates:
    """Ids of the records in ``folders`` starting with ``incomplete``, with their titles
    where the shell shows them."""
    from udvikling.index import list_records, stem

    root = _root(ctx)
    if root is None:
        return []
    rels = [
        rel
        for rel in list_records(root)
        if rel.rpartition("/")[0] in folders and stem(rel).startswith(incomplete)
    ]
    titles: dict[str, str] = {}
    if rels and len(rels) <= TITLES_MAX and _shows_help():
        from udvikling.index import PlanIndex

        try:
            index = PlanIndex.current(root, rels)
        except Exception:  # a Tab never fails: the ids alone
            index = None
        if index is not None:
            titles = {rel: _short(e[1]) for rel, e in index.entries.items()}
    return sorted({(stem(rel), titles.get(rel, "")) for rel in rels})


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _declared(ctx: Any, section: str) -> Candidates:
    """``(id, name)`` for each entry of ``section`` in udvikling.yaml."""
    from udvikling.plan_root import CONFIG_FILE

    root = _root(ctx)
    if root is None:
        return []
    try:
        from udvikling.yamlsrc import read_yaml

        data = read_yaml((root / CONFIG_FILE).read_bytes(), CONFIG_FILE).data
    except Exception:  # a Tab never fails
        return []
    table = data.get(section) if isinstance(data, dict) else None
    if not isinstance(table, dict):
        return []
    out: Candidates = []
    for key, value in table.items():
        name = value.get("name") if isinstance(value, dict) else value
        out.append((str(key), _short(name) if isinstance(name, str) else ""))
    return out


def _starting(candidates: Candidates, incomplete: str) -> Candidates:
    return [(value, help_text) for value, help_text in candidates if value.startswith(incomplete)]


def _fixed(values: tuple[str, ...], incomplete: str) -> Candidates:
    return _starting([(v, "") for v in values], incomplete)


def records(ctx: Any, incomplete: str) -> Candidates:
    """Initiative and meeting ids (``udv show``, ``udv history``)."""
    return _records(ctx, incomplete, "data/initiatives", "data/meetings")


def meetings(ctx: Any, incomplete: str) -> Candidates:
    """Meeting ids (``--meeting``)."""
    return _records(ctx, incomplete, "data/meetings")


def initiatives(ctx: Any, incomplete: str) -> Candidates:
    """Initiative ids (``--initiative``)."""
    return _records(ctx, incomplete, "data/initiatives")


def reports(ctx: Any, incomplete: str) -> Candidates:
    """Report ids (``--report``)."""
    return _records(ctx, incomplete, "data/reports")


def tracks(ctx: Any, incomplete: str) -> Candidates:
    """Declared tracks, with their names."""
    return _starting(_declared(ctx, "tracks"), incomplete)


def owners(ctx: Any, incomplete: str) -> Candidates:
    """Declared owners, with their names."""
    return _starting(_declared(ctx, "owners"), incomplete)


def units(ctx: Any, incomplete: str) -> Candidates:
    """Declared units, with their names."""
    return _starting(_declared(ctx, "units"), incomplete)


def bodies(ctx: Any, incomplete: str) -> Candidates:
    """Declared bodies, with their names."""
    return _starting(_declared(ctx, "bodies"), incomplete)


def statuses(ctx: Any, incomplete: str) -> Candidates:
    """The statuses an initiative can have."""
    return _fixed(STATUSES, incomplete)


def levels(ctx: Any, incomplete: str) -> Candidates:
    """Central or decentral (``udv new --level``)."""
    return _fixed(LEVELS, incomplete)


def meeting_kinds(ctx: Any, incomplete: str) -> Candidates:
    """The kinds of meeting, and of report (``udv new --kind``)."""
    return _fixed((*MEETING_KINDS, *REPORT_KINDS), incomplete)


def list_kinds(ctx: Any, incomplete: str) -> Candidates:
    """What ``udv list`` lists."""
    return _fixed(LIST_KINDS, incomplete)


def new_kinds(ctx: Any, incomplete: str) -> Candidates:
    """What ``udv new`` makes."""
    return _fixed(NEW_KINDS, incomplete)


def schemas(ctx: Any, incomplete: str) -> Candidates:
    """The schemas ``udv schema`` writes."""
    from udvikling.commands.schema import all_schema_files

    return _fixed(tuple(all_schema_files()), incomplete)


def groups(ctx: Any, incomplete: str) -> Candidates:
    """How ``udv overdue --by`` groups."""
    return _starting(list(GROUPS), incomplete)


def lint_formats(ctx: Any, incomplete: str) -> Candidates:
    """``udv lint --format``."""
    return _fixed(LINT_FORMATS, incomplete)


def report_formats(ctx: Any, incomplete: str) -> Candidates:
    """``--format`` of status, overdue, diff and history."""
    return _fixed(REPORT_FORMATS, incomplete)


def text_json(ctx: Any, incomplete: str) -> Candidates:
    """``--format`` of list, show and period."""
    return _fixed(TEXT_JSON, incomplete)


def document_formats(ctx: Any, incomplete: str) -> Candidates:
    """``udv render ... --format``."""
    return _fixed(DOCUMENT_FORMATS, incomplete)


def sheet_formats(ctx: Any, incomplete: str) -> Candidates:
    """``udv sheet export --format``."""
    return _fixed(SHEET_FORMATS, incomplete)
