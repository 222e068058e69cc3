"""``udv history``: how one record changed through git history."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer


def run(record_id: str, output_format: str = "text", root: Path | None = None) -> int:
    """Vis et tiltags eller mødes historik: hvornår, hvem, hvad, og hvor meget fristen flyttede."""
    from udvikling.commands._common import check_format, resolve_root
    from udvikling.review.recordlog import PendingLog

    check_format(output_format)
    plan_root = resolve_root(root)
    # git reads the record's history on the other core while the models are imported.
    pending = PendingLog(plan_root, record_id)

    from udvikling.commands.status import write_output
    from udvikling.errors import ExitCode
    from udvikling.review.kept import keep_answer, kept_answer

    # The same question about the same commits and blobs was answered before: as it was.
    kept, answer = kept_answer(plan_root, pending, record_id, output_format)
    if answer is None:
        from udvikling.output import diff_history
        from udvikling.review.history import record_history

        history = record_history(pending.repo(), record_id, pending)
        render = {
            "text": diff_history.to_text,
            "md": diff_history.to_markdown,
            "json": diff_history.to_json,
        }[output_format]
        answer = render(history)
        if kept is not None:
            keep_answer(kept, pending, record_id, output_format, answer)
    write_output(answer)
    return int(ExitCode.OK)


def register(app: typer.Typer) -> None:
    """Add ``udv history`` to ``app``."""
    import typer

    from udvikling import completion
    from udvikling.commands._options import REPORT_FORMAT, ROOT, declared

    command = declared(
        run,
        record_id=typer.Argument(
            metavar="ID",
            help="Id'et på et tiltag, et møde eller et nøgletal (filnavnet uden .yaml).",
            show_default=False,
            autocompletion=completion.records,
        ),
        output_format=REPORT_FORMAT,
        root=ROOT,
    )
    app.command("history", short_help="Vis ét tiltags eller mødes historik i git.")(command)
