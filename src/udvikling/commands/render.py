"""``udv render``: the status note, the process plan and the agenda item as documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from udvikling import completion
from udvikling.commands._options import AllowErrorsOption, AsOfOption, RevOption, RootOption

if TYPE_CHECKING:
    from udvikling.load import Dataset
    from udvikling.render.documents import Rendered

FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="md (Markdown), docx (Word; kræver -o) eller html. Standard: filnavnets endelse "
        "(.docx, .html, .md), ellers md.",
        autocompletion=completion.document_formats,
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FIL",
        help="Skriv dokumentet til denne fil. Standard: standardoutput (ikke for docx).",
        show_default=False,
    ),
]
ReportOption = Annotated[
    str | None,
    typer.Option(
        "--report",
        metavar="RAPPORT",
        help="En udsendt rapport i data/reports (id, fx 2024-efteraar-status): laves, som den "
        "stod på sin dato, med sin egen tekst.",
        show_default=False,
        autocompletion=completion.reports,
    ),
]
ConfidentialOption = Annotated[
    bool,
    typer.Option(
        "--include-confidential",
        help="Medtag fortrolige tiltag og lukkede punkter (kun til internt brug).",
    ),
]


# What a file name's ending says the document is; the endings of formats udv cannot write
# are refused rather than given Markdown that no program opens.
SUFFIXES = {".md": "md", ".markdown": "md", ".docx": "docx", ".html": "html", ".htm": "html"}
FORMAT_NAMES = {"md": "Markdown", "docx": "Word", "html": "HTML"}
UNWRITABLE = frozenset({".pdf", ".doc", ".docm", ".dotx", ".odt", ".rtf", ".xhtml"})


def choose_format(value: str | None, output: Path | None) -> str:
    """The format to write: ``-f`` when given, else the output file's ending, else md.

    A format the file's ending contradicts (``-f md -o notat.docx``) and an ending udv cannot
    write (``-o notat.pdf``) are usage errors, raised before anything is read or written.
    """
    from udvikling.errors import UsageError
    from udvikling.render.documents import FORMATS

    if value is not None and value not in FORMATS:
        raise UsageError(f"Ukendt format '{value}'.", f"Vælg et af: {', '.join(FORMATS)}.")
    suffix = output.suffix.lower() if output is not None else ""
    if output is not None and suffix in UNWRITABLE:
        raise UsageError(
            f"udv kan ikke skrive {suffix}-filer ({output.name}).",
            "Skriv til en fil med endelsen .docx, .html eller .md; en PDF kan fx laves ved "
            "at åbne Word-filen og gemme den som PDF.",
        )
    implied = SUFFIXES.get(suffix)
    if value is not None and implied is not None and implied != value:
        raise UsageError(
            f"-f {value} giver {FORMAT_NAMES[value]}, men filnavnet "
            f"{output.name if output else ''} er et {FORMAT_NAMES[implied]}-dokument.",
            f"Udelad -f (filnavnet bestemmer formatet), eller giv filen endelsen {_ending(value)}.",
        )
    fmt = value or implied or "md"
    if fmt == "docx" and output is None:
        raise UsageError(
            "Et Word-dokument kan ikke skrives til standardoutput.",
            "Angiv en fil med -o, fx -o notat.docx.",
        )
    return fmt


def _ending(fmt: str) -> str:
    return next(suffix for suffix, known in SUFFIXES.items() if known == fmt)


def _emit(rendered: Rendered, fmt: str, output: Path | None, root: Path) -> int:
    """Convert and write the document (atomically) or print it."""
    import sys

    from udvikling.outputs import check_output, write_file
    from udvikling.render.documents import convert

    targets = [output] if output is not None else []
    if output is not None and fmt == "md":
        targets += [output.parent / name for name in rendered.resources]
    for target in targets:  # before the work: a refused output costs nothing
        check_output(target, root)
    data = convert(rendered, fmt, root)  # type: ignore[arg-type]
    if output is None:
        text = data.decode("utf-8")
        if sys.stdout.isatty():  # a document is data as written, but a terminal runs escapes
            from udvikling.terminal import visible

            text = visible(text)
        typer.echo(text, nl=False)
        return 0
    if fmt == "md":
        for name, payload in rendered.resources.items():
            write_file(output.parent / name, payload, root)
    write_file(output, data, root)
    sys.stderr.write(f"Skrev {output}\n")
    return 0


def notat_command(
    as_of: AsOfOption = None,
    meeting: Annotated[
        str | None,
        typer.Option(
            "--meeting",
            metavar="MØDE",
            help="Mødet, notatet forelægges på (id, fx 2024-04-24-vpu): dets dato er "
            "skæringsdato, og dets sagsfremstilling bliver indledningen.",
            show_default=False,
            autocompletion=completion.meetings,
        ),
    ] = None,
    report: ReportOption = None,
    output_format: FormatOption = None,
    output: OutputOption = None,
    include_confidential: ConfidentialOption = False,
    root: RootOption = None,
    rev: RevOption = None,
    allow_errors: AllowErrorsOption = False,
) -> int:
    """Statusnotatet med det, der er meldt siden seneste status, det videre forløb og bilag."""
    from udvikling.commands._common import parse_as_of, resolve_root, today
    from udvikling.errors import UsageError
    from udvikling.render import documents

    fmt = choose_format(output_format, output)
    if sum(x is not None for x in (meeting, as_of, report)) > 1:
        raise UsageError(
            "Brug kun én af --as-of, --meeting og --report.",
            "En rapport laves pr. sin egen dato; et notat til et møde pr. dagen før mødet.",
        )
    at = parse_as_of(as_of)
    data_root = resolve_root(root)
    dataset, notice = _load(data_root, rev, report, allow_errors)
    rendered = documents.notat(
        dataset,
        at,
        meeting_id=meeting,
        report_id=report,
        include_confidential=include_confidential,
        clock=today(),
        notice=notice,
    )
    # The document is made: let the plan go before pandoc and Word's finishing need room.
    del dataset
    return _emit(rendered, fmt, output, data_root)


def procesplan_command(
    as_of: AsOfOption = None,
    report: ReportOption = None,
    output_format: FormatOption = None,
    output: OutputOption = None,
    include_confidential: ConfidentialOption = False,
    root: RootOption = None,
    rev: RevOption = None,
    allow_errors: AllowErrorsOption = False,
) -> int:
    """Tids- og procesplanen med en tabel for hvert spor, møderne og en tidslinje."""
    from udvikling.commands._common import parse_as_of, resolve_root, today
    from udvikling.render import documents

    fmt = choose_format(output_format, output)
    at = parse_as_of(as_of)
    data_root = resolve_root(root)
    dataset, notice = _load(data_root, rev, report, allow_errors)
    timeline: str | None = documents.TIMELINE
    if fmt == "md":
        # Markdown on standard output has nowhere to put the picture; next to a file it
        # gets its own file, named after the document.
        timeline = f"{output.stem}-{documents.TIMELINE}" if output is not None else None
    if report is not None and as_of is not None:
        from udvikling.errors import UsageError

        raise UsageError(
            "Brug enten --as-of eller --report, ikke begge.",
            "En rapport laves pr. sin egen dato.",
        )
    rendered = documents.procesplan(
        dataset,
        at,
        report_id=report,
        include_confidential=include_confidential,
        timeline=timeline,
        clock=today(),
        notice=notice,
    )
    # The document is made: let the plan go before pandoc and Word's finishing need room.
    del dataset
    return _emit(rendered, fmt, output, data_root)


def sagsfremstilling_command(
    meeting: Annotated[
        str,
        typer.Option(
            "--meeting",
            metavar="MØDE",
            help="Mødets id, fx 2024-04-24-vpu.",
            show_default=False,
            autocompletion=completion.meetings,
        ),
    ],
    item: Annotated[
        int | None,
        typer.Option(
            "--item",
            metavar="NR",
            help="Punktets nummer på mødet (1 er det første). Standard: mødets eneste punkt.",
            show_default=False,
        ),
    ] = None,
    output_format: FormatOption = None,
    output: OutputOption = None,
    include_confidential: ConfidentialOption = False,
    root: RootOption = None,
    as_of: AsOfOption = None,
    rev: RevOption = None,
    allow_errors: AllowErrorsOption = False,
) -> int:
    """Dagsordenspunktet: sagsgang, sagsfremstilling, indstilling, beslutning og bilag."""
    from udvikling.commands._common import parse_as_of, resolve_root
    from udvikling.render import documents

    fmt = choose_format(output_format, output)
    at = parse_as_of(as_of)
    data_root = resolve_root(root)
    dataset, notice = _load(data_root, rev, None, allow_errors)
    rendered = documents.sagsfremstilling(
        dataset, meeting, item, include_confidential=include_confidential, at=at, notice=notice
    )
    # The document is made: let the plan go before pandoc and Word's finishing need room.
    del dataset
    return _emit(rendered, fmt, output, data_root)


def _load(
    root: Path, rev: str | None, report: str | None, allow_errors: bool
) -> tuple[Dataset, str | None]:
    """The plan for a document; stop before writing anything when a record file has errors
    or the report names an initiative, track, meeting or table that does not exist."""
    from udvikling.commands._common import check_complete, load_checked

    dataset, notice = load_checked(root, rev, "dokumentet", allow_errors=allow_errors)
    if report is not None and report in dataset.reports:
        from dataclasses import replace

        from udvikling.rules import Context
        from udvikling.rules.references import check_report_references

        alone = replace(dataset, reports={report: dataset.reports[report]})
        unknown = [
            dataset.place(f)
            for f in check_report_references(alone, Context(today=date.min))
            if f.code == "UDV211"
        ]
        notice = check_complete(root, unknown, "dokumentet", allow_errors=allow_errors) or notice
    return dataset, notice


def render_callback(
    ctx: typer.Context,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Tjek skabelonerne for ukendte variable og filtre (med linjenummer), "
            "uden at lave dokumenter.",
        ),
    ] = False,
    root: RootOption = None,
) -> None:
    """Lav dokumenter (Markdown, Word, HTML) fra planen med skabelonerne i templates/."""
    if not check:
        if ctx.invoked_subcommand is None:
            typer.echo(ctx.get_help())
        return
    from udvikling.commands._common import resolve_root
    from udvikling.errors import EnvironmentProblem
    from udvikling.load import ForeignPlan
    from udvikling.render.check import check_templates

    try:
        data_root: Path | None = resolve_root(root)
    except EnvironmentProblem as exc:
        # Outside a data folder the check covers udv's own templates.
        if root is not None or isinstance(exc, ForeignPlan):
            raise
        data_root = None
    from udvikling.site.check import check_site_templates

    problems = [*check_templates(data_root), *check_site_templates(data_root)]
    for problem in problems:
        typer.echo(str(problem))
    if problems:
        from udvikling.danish import count_noun

        typer.echo(f"{count_noun(len(problems), 'fejl', 'fejl')} i skabelonerne.", err=True)
        raise typer.Exit(1)
    typer.echo("Skabelonerne er i orden.")
    raise typer.Exit(0)


def register(app: typer.Typer) -> None:
    """Add ``udv render`` and its documents to ``app``."""
    render_app = typer.Typer(
        invoke_without_command=True,
        no_args_is_help=False,
        help="Lav dokumenter (Markdown, Word, HTML) fra planen.",
    )
    render_app.callback()(render_callback)
    render_app.command("notat", short_help="Statusnotatet til udvalg og styregrupper.")(
        notat_command
    )
    render_app.command("procesplan", short_help="Tids- og procesplanen med tidslinje.")(
        procesplan_command
    )
    render_app.command("sagsfremstilling", short_help="Dagsordenspunktet til et møde.")(
        sagsfremstilling_command
    )
    app.add_typer(render_app, name="render")
