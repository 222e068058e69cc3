"""``udv show ID``: one initiative or meeting with its references resolved."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer


def run(
    record_id: str,
    output_format: str = "text",
    root: Path | None = None,
    as_of: str | None = None,
    rev: str | None = None,
) -> int:
    """Vis ét tiltag eller møde med navne, milepæle, møder og afhængigheder slået op."""
    from udvikling.commands._common import (
        check_format,
        load_dataset,
        parse_as_of,
        resolve_root,
        today,
        warn_errors,
    )
    from udvikling.commands.status import write_output
    from udvikling.errors import UsageError

    check_format(output_format, ("text", "json"))
    day = parse_as_of(as_of)
    wanted = record_id.removesuffix(".yaml").rsplit("/", 1)[-1]
    plan_root = resolve_root(root)
    everything: list[str] | None = None
    files: list[str] | None = None
    hashing = None
    if rev is None:
        from udvikling.index import start_hashing

        # The plan's files hashed (for its index) while the views are imported.
        hashing = start_hashing(plan_root)
    from udvikling.chrono import stand, view_at
    from udvikling.output import report_show, show_json
    from udvikling.output.report_json import dumps
    from udvikling.reports.listing import initiative_view, meeting_detail

    if hashing is not None:
        # Only the files that concern the record (its own, those it names, those naming it):
        # the rest of the plan changes nothing that is shown.
        from udvikling.index import PlanIndex, related_files, stem

        index = PlanIndex.current(plan_root, hashing=hashing)
        files = related_files(index, wanted)
        everything = [stem(rel) for rel in index.entries if rel.startswith(_RECORDS)]
    dataset, errors = load_dataset(plan_root, rev, files, twins=True)
    warn_errors(errors)
    standing = stand(dataset, view_at(day, clock=today()))
    plan = standing.plan
    if wanted in plan.initiatives:
        view = initiative_view(standing, wanted)
        if output_format == "json":
            write_output(dumps("show", show_json.show_initiative_json(plan, view)))
        else:
            write_output(report_show.show_initiative_text(view, _terminal_width()))
    elif wanted in plan.meetings:
        meeting = meeting_detail(standing, wanted)
        if output_format == "json":
            write_output(dumps("show", show_json.show_meeting_json(standing, meeting)))
        else:
            write_output(report_show.show_meeting_text(meeting, _terminal_width()))
    elif wanted in dataset.initiatives or wanted in dataset.meetings:
        from udvikling.danish import format_date

        what = "Tiltaget" if wanted in dataset.initiatives else "Mødet"
        raise UsageError(
            f"{what} '{wanted}' var endnu ikke en del af planen {format_date(day)}.",
            "Vælg en senere dato med --as-of, eller udelad den.",
        )
    else:
        import difflib

        known = everything if everything is not None else [*dataset.initiatives, *dataset.meetings]
        close = difflib.get_close_matches(wanted, known, n=3, cutoff=0.5)
        hint = (
            f"Mente du {' eller '.join(close)}?"
            if close
            else "Se id'erne med udv list initiatives eller udv list meetings."
        )
        raise UsageError(f"Intet tiltag eller møde har id '{wanted}'.", hint)
    return 0


_RECORDS = ("data/initiatives/", "data/meetings/")


def register(app: typer.Typer) -> None:
    """Add ``udv show`` to ``app``."""
    import typer

    from udvikling import completion
    from udvikling.commands._options import AS_OF, REV, ROOT, TEXT_JSON, declared

    command = declared(
        run,
        record_id=typer.Argument(
            metavar="ID",
            help="Id på et tiltag eller møde (filnavnet uden .yaml).",
            autocompletion=completion.records,
        ),
        output_format=TEXT_JSON,
        root=ROOT,
        as_of=AS_OF,
        rev=REV,
    )
    app.command("show", short_help="Vis ét tiltag eller møde med henvisninger.")(command)


def _terminal_width() -> int | None:
    """The terminal's width, less one column, when output goes to one; None when piped."""
    import shutil
    import sys

    if not sys.stdout.isatty():
        return None
    return max(shutil.get_terminal_size().columns - 1, 40)
