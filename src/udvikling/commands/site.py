"""``udv site -o MAPPE``: the plan as a static website (HTML and CSS, a little JavaScript)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from udvikling.commands._options import AllowErrorsOption, AsOfOption, RevOption, RootOption


def built_at() -> datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch)).astimezone()
    return datetime.now().astimezone()


def site_command(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="MAPPE",
            help="Mappen, webstedet skrives til (oprettes; et websted, udv har bygget der "
            "før, erstattes).",
            show_default=False,
        ),
    ],
    as_of: AsOfOption = None,
    rev: RevOption = None,
    no_documents: Annotated[
        bool,
        typer.Option(
            "--no-documents",
            help="Byg uden rapporterne og tids- og procesplanen som Word og HTML (hurtigere, "
            "fx for at se skabelonerne igennem).",
        ),
    ] = False,
    root: RootOption = None,
    allow_errors: AllowErrorsOption = False,
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
    app.command("site", short_help="Byg planen som et statisk websted.")(site_command)
