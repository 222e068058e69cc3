"""``udv history``: how one record changed through git history."""

from __future__ import annotations

from typing import Annotated

import typer

from udvikling.commands._common import RootOption

HISTORY_FORMATS = ("text", "md", "json")


def history_command(
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="Id'et på et tiltag, et møde eller et nøgletal (filnavnet uden .yaml).",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text (standard), md eller json.",
            show_default=False,
        ),
    ] = "text",
    root: RootOption = None,
) -> int:
    """Vis et tiltags eller mødes historik: hvornår, hvem, hvad, og hvor meget fristen flyttede."""
    import sys

    from udvikling.commands._common import resolve_root
    from udvikling.errors import ExitCode, UsageError
    from udvikling.gitio import open_repo, resolve
    from udvikling.history import record_history
    from udvikling.output import diff_history

    if output_format not in HISTORY_FORMATS:
        raise UsageError(
            f"Ukendt format '{output_format}'.", f"Vælg et af: {', '.join(HISTORY_FORMATS)}."
        )
    repo = open_repo(resolve_root(root))
    resolve(repo, "HEAD")  # a clear message for a repository without commits
    history = record_history(repo, record_id)
    render = {
        "text": diff_history.to_text,
        "md": diff_history.to_markdown,
        "json": diff_history.to_json,
    }[output_format]
    sys.stdout.write(render(history))
    return int(ExitCode.OK)


def register(app: typer.Typer) -> None:
    """Add ``udv history`` to ``app``."""
    app.command("history", short_help="Vis ét tiltags eller mødes historik i git.")(history_command)
