"""``udv diff``: what a change does to the plan, in Danish, read from git's objects."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer


def run(
    base: str | None = None,
    head: str | None = None,
    output_format: str = "text",
    since_report: bool = False,
    root: Path | None = None,
    as_of: str | None = None,
) -> int:
    """Vis, hvad en ændring gør ved planen: tiltag, møder, frister, status og lint-fund."""
    from udvikling.commands._common import check_format, parse_as_of, resolve_root

    check_format(output_format)
    today = parse_as_of(as_of)
    data_root = resolve_root(root)
    pending = None
    if not since_report:
        from udvikling.review.trees import PendingRevisions

        # git lists both revisions on the other core while the models are imported.
        pending = PendingRevisions(data_root, base, head)

    from udvikling.commands.status import write_output
    from udvikling.errors import ExitCode, UsageError
    from udvikling.review.compare import compare
    from udvikling.review.git import open_repo, resolve
    from udvikling.review.model import SideInfo
    from udvikling.review.since_report import last_report
    from udvikling.review.snapshot import WORKTREE_LABEL, Revisions, load_worktree

    note = None
    if pending is not None:
        repo, before, after, listed = pending.result()
        revisions = Revisions(repo, listed)  # the second revision parses only what differs
        head_loaded = revisions.load(after) if after else load_worktree(data_root)
        base_loaded = revisions.load(before)
        base_info = SideInfo(before.label, before.commit)
    else:
        repo = open_repo(data_root)
        revisions = Revisions(repo)
        if head is not None or (base is not None and ".." in base):
            raise UsageError(
                "--since-report tager højst én revision (den nye side).",
                "Skriv fx 'udv diff --since-report' eller 'udv diff --since-report HEAD'.",
            )
        after = resolve(repo, base) if base is not None else None
        head_loaded = revisions.load(after) if after else load_worktree(data_root)
        if head_loaded.dataset is None:
            from udvikling.review.compare import side_problem

            raise UsageError(
                f"Planen kan ikke læses: {side_problem(head_loaded)}.",
                "Kør 'udv lint' for at se alle fejl.",
            )
        found = last_report(repo, head_loaded.dataset, today, after.commit if after else "HEAD")
        note = found.note
        if found.revision is not None:
            base_loaded = revisions.load(found.revision)
            base_info = SideInfo(found.revision.label, found.revision.commit)
        else:
            from udvikling.chrono.knowledge import written_at
            from udvikling.load import Loaded

            base_loaded = Loaded(written_at(head_loaded.dataset, found.status.knew), [], data_root)
            base_info = SideInfo(f"planen ved {found.status.knew.known.isoformat()}")
    head_info = (
        SideInfo(after.label, after.commit) if after is not None else SideInfo(WORKTREE_LABEL)
    )
    comparison = compare(base_loaded, head_loaded, today, base_info, head_info, note)
    write_output(render_comparison(comparison, output_format))
    return int(ExitCode.OK)


def render_comparison(comparison: object, output_format: str) -> str:
    """The comparison in ``output_format`` (text, md or json)."""
    from udvikling.review.model import Comparison

    assert isinstance(comparison, Comparison)
    if output_format == "md":
        from udvikling.output.diff_md import to_markdown

        return to_markdown(comparison)
    if output_format == "json":
        from udvikling.output.diff_json import to_json

        return to_json(comparison)
    from udvikling.output.diff_text import to_text

    return to_text(comparison)


def register(app: typer.Typer) -> None:
    """Add ``udv diff`` to ``app``."""
    import typer

    from udvikling.commands._options import AS_OF, REPORT_FORMAT, ROOT, declared

    command = declared(
        run,
        base=typer.Argument(
            metavar="FØR",
            help="Revisionen før (gren, tag eller commit), eller et interval FØR..EFTER. "
            "Standard: HEAD.",
            show_default=False,
        ),
        head=typer.Argument(
            metavar="EFTER",
            help="Revisionen efter. Standard: arbejdskopien (filerne, som de ligger nu).",
            show_default=False,
        ),
        output_format=REPORT_FORMAT,
        since_report=typer.Option(
            "--since-report",
            help="Sammenlign med planen ved seneste udsendte status (statusnotat eller holdt "
            "statusmøde, samme regel som notatet og webstedet): tag status/ÅÅÅÅ-MM-DD, ellers "
            "sidste commit før statussen.",
        ),
        root=ROOT,
        as_of=AS_OF,
    )
    app.command("diff", short_help="Vis, hvad en ændring gør ved planen (fra git).")(command)
