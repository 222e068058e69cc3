"""``udv site -o MAPPE``: the plan as a static website (HTML and CSS, a little JavaScript)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer


def built_at() -> datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch)).astimezone()
    return datetime.now().astimezone()


def run(
    output: Path,
    as_of: str | None = None,
    rev: str | None = None,
    no_documents: bool = False,
    root: Path | None = None,
    allow_errors: bool = False,
) -> int:
    """Byg planen som et statisk websted, som borgere og politikere kan følge."""
    import sys

    from udvikling.commands._common import load_checked, parse_as_of, resolve_root
    from udvikling.site.build import build_site
    from udvikling.site.environment import start_compiling
    from udvikling.site.source import Source, describe_revision
    from udvikling.site.write import check_folder, write_site

    day = parse_as_of(as_of)
    data_root = resolve_root(root)
    # The templates need nothing from the plan: compiled beside this process as it loads.
    compiled = start_compiling(data_root)
    try:
        check_folder(output, data_root)
        dataset, notice = load_checked(data_root, rev, "webstedet", allow_errors=allow_errors)
        revision, commit = describe_revision(data_root, rev)
        source = Source(day, built_at(), revision, commit)
        site = build_site(
            dataset,
            source,
            data_root,
            documents=not no_documents,
            notice=notice,
            compiled=compiled,
        )
    finally:
        if compiled is not None:
            compiled.stop()
    write_site(site, output, data_root)
    from udvikling.danish import count_noun

    sys.stderr.write(f"Skrev {count_noun(len(site.pages), 'side', 'sider')} til {output}\n")
    return 0


def register(app: typer.Typer) -> None:
    """Add ``udv site`` to ``app``."""
    import typer

    from udvikling.commands._options import ALLOW_ERRORS, AS_OF, REV, ROOT, declared

    command = declared(
        run,
        output=typer.Option(
            "--output",
            "-o",
            metavar="MAPPE",
            help="Mappen, webstedet skrives til (oprettes; et websted, udv har bygget der "
            "før, erstattes).",
            show_default=False,
        ),
        as_of=AS_OF,
        rev=REV,
        no_documents=typer.Option(
            "--no-documents",
            help="Byg uden rapporterne og tids- og procesplanen som Word og HTML (hurtigere, "
            "fx for at se skabelonerne igennem).",
        ),
        root=ROOT,
        allow_errors=ALLOW_ERRORS,
    )
    app.command("site", short_help="Byg planen som et statisk websted.")(command)
