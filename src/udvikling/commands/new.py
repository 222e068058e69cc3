"""``udv new initiative|meeting``: a new, correctly named record file that lints clean."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from udvikling import completion
from udvikling.commands._options import RootOption

if TYPE_CHECKING:
    from pathlib import Path

    from udvikling.findings import Finding
    from udvikling.load import Dataset
    from udvikling.reports.new import NewRecord


def _option(name: str, metavar: str, help_text: str, complete: Any = None) -> Any:
    return typer.Option(
        name, metavar=metavar, help=help_text, show_default=False, autocompletion=complete
    )


def new_command(
    kind: Annotated[
        str,
        typer.Argument(
            metavar="HVAD",
            help="tiltag, møde eller rapport (også initiative, meeting, report).",
            autocompletion=completion.new_kinds,
        ),
    ],
    title: Annotated[str | None, _option("--title", "TITEL", "Titlen.")] = None,
    track: Annotated[
        str | None, _option("--track", "SPOR", "Tiltag: sporets id.", completion.tracks)
    ] = None,
    owner: Annotated[
        str | None,
        _option(
            "--owner",
            "ANSVARLIG",
            "Tiltag: den ansvarliges id (udelades, hvis ansvaret ikke er fordelt).",
            completion.owners,
        ),
    ] = None,
    level: Annotated[
        str | None,
        _option(
            "--level",
            "NIVEAU",
            "Tiltag: central eller decentral (udelades, hvis det ikke er afgjort).",
            completion.levels,
        ),
    ] = None,
    status: Annotated[
        str,
        _option(
            "--status",
            "STATUS",
            "Tiltag: planlagt (standard), i gang, afsluttet, udskudt eller opgivet.",
            completion.statuses,
        ),
    ] = "planlagt",
    start: Annotated[
        str | None, _option("--start", "PERIODE", "Tiltag: start, fx '1. halvår 2025'.")
    ] = None,
    due: Annotated[
        str | None, _option("--due", "PERIODE", "Tiltag: frist, fx 2025-Q4, eller løbende.")
    ] = None,
    units: Annotated[
        list[str] | None,
        _option("--unit", "ENHED", "Tiltag: enhedens id (kan gentages).", completion.units),
    ] = None,
    description: Annotated[
        str | None, _option("--description", "TEKST", "Tiltag: beskrivelse.")
    ] = None,
    date: Annotated[
        str | None, _option("--date", "DATO", "Møde: dato eller periode, fx 2025-04-23.")
    ] = None,
    body: Annotated[
        str | None, _option("--body", "ORGAN", "Møde: organets id, fx vpu.", completion.bodies)
    ] = None,
    meeting_kind: Annotated[
        str,
        _option(
            "--kind",
            "TYPE",
            "Møde: status, beslutning, orientering, drøftelse, temadag, workshop eller møde "
            "(standard). Rapport: notat (standard) eller procesplan.",
            completion.meeting_kinds,
        ),
    ] = "møde",
    items: Annotated[
        list[str] | None, _option("--item", "PUNKT", "Møde: et dagsordenspunkt (kan gentages).")
    ] = None,
    initiatives: Annotated[
        list[str] | None,
        _option(
            "--initiative",
            "TILTAG",
            "Møde: tiltag, punkterne angår (kan gentages).",
            completion.initiatives,
        ),
    ] = None,
    root: RootOption = None,
) -> int:
    """Opret et nyt tiltag eller møde med skemalinje og alle påkrævede felter."""
    import sys

    from udvikling.commands._common import load_dataset, resolve_root
    from udvikling.errors import UsageError
    from udvikling.reports import new

    kinds = {
        "initiative": "initiative",
        "tiltag": "initiative",
        "meeting": "meeting",
        "moede": "meeting",
        "møde": "meeting",
        "report": "report",
        "rapport": "report",
    }
    if kind not in kinds:
        raise UsageError(
            f"Ukendt art '{kind}'.",
            "Skriv udv new tiltag, udv new møde eller udv new rapport.",
        )
    data_root = resolve_root(root)
    dataset, _ = load_dataset(data_root)
    asking = sys.stdin.isatty()
    config = dataset.config
    if kinds[kind] == "initiative":
        title = _need("--title", title, "Titel", asking)
        _check_title_letters(title)
        track = _choose("--track", track, "Spor", _names(config.tracks), asking)
        owner = _choose("--owner", owner, "Ansvarlig", _names(config.owners), asking, optional=True)
        if level is not None and level not in ("central", "decentral"):
            raise UsageError(
                f"--level: '{level}' er hverken central eller decentral.",
                "Skriv --level central eller --level decentral, eller udelad det.",
            )
        from udvikling.vocab import status_from_text

        found = status_from_text(status)
        if found is None:
            raise UsageError(
                f"--status: '{status}' er ikke en status.",
                "Brug planlagt, i gang, afsluttet, udskudt eller opgivet.",
            )
        status = found
        if asking and start is None:
            start = _ask_period("Start (periode, tom: ingen)", optional=True)
        if asking and due is None:
            due = _ask_period("Frist (periode eller løbende, tom: ingen)", optional=True)
        record = new.new_initiative(
            title,
            track,
            owner,
            level,
            status,
            start or None,
            due or None,
            tuple(units or ()),
            description,
        )
    elif kinds[kind] == "report":
        document = "notat" if meeting_kind == "møde" else meeting_kind
        if document not in ("notat", "procesplan"):
            raise UsageError(
                f"--kind: '{document}' er ikke en rapport.", "Skriv --kind notat eller procesplan."
            )
        title = _need("--title", title, "Titel", asking)
        if asking and not date:
            date = _ask_period("Dato (fx efterår 2025)")
        date = _need("--date", date, "Dato (fx efterår 2025)", asking)
        _check_period("--date", date)
        from udvikling.render.defaults import new_report

        record = new_report(dataset, document, title, date)
    else:
        if asking and not date:
            date = _ask_period("Dato")
        date = _need("--date", date, "Dato", asking)
        _check_period("--date", date)
        body = _choose("--body", body, "Organ", _names(config.bodies), asking)
        title = _need("--title", title, "Titel", asking)
        record = new.new_meeting(
            date, body, title, meeting_kind, tuple(items or ()), tuple(initiatives or ())
        )
    if not record.id:
        raise UsageError("Titlen giver et tomt filnavn.", "Brug bogstaver eller tal i titlen.")
    warnings = _write(data_root, dataset, record)
    typer.echo(f"Oprettet {record.path}")
    for f in warnings:
        # The file is kept (warnings allowed), but what lint says about it is shown.
        sys.stderr.write(f"{f.location}: {f.code} {f.severity_text}: {f.message}\n")
        if f.hint:
            sys.stderr.write(f"    tip: {f.hint}\n")
    return 0


def _need(option: str, value: str | None, label: str, asking: bool) -> str:
    from udvikling.errors import UsageError

    if value:
        return value
    if asking:
        return str(typer.prompt(label))
    raise UsageError(f"{option} mangler.", f"Angiv {option}, eller kør kommandoen i en terminal.")


def _names(table: dict[str, Any]) -> dict[str, str]:
    """Declared ids with their Danish names, as a prompt shows them."""
    return {key: str(getattr(thing, "name", None) or key) for key, thing in table.items()}


def _choose(
    option: str,
    value: str | None,
    label: str,
    names: dict[str, str],
    asking: bool,
    *,
    optional: bool = False,
) -> Any:
    """A declared id; on a terminal the choices are shown by name and number, a number, id
    or name is taken, and a typo is asked again with the nearest id as default.
    ``optional``: an empty answer (or no option off a terminal) is None."""
    from udvikling.errors import UsageError
    from udvikling.hints import did_you_mean

    known = list(names)
    question = f"{label} (nummer, id eller navn{'; tom: ingen' if optional else ''})"
    if value is None and asking:
        for number, (key, name) in enumerate(names.items(), start=1):
            typer.echo(f"  {number:>2}. {name} ({key})", err=True)
        value = str(typer.prompt(question, default="" if optional else None, show_default=False))
    if optional and not value:
        return None
    value = _need(option, value, label, asking)
    while (value := _picked(value, names)) not in known:
        close = did_you_mean(value, known)
        fix = f"Mente du '{close}'? " if close else ""
        if not asking:
            raise UsageError(
                f"{option}: '{value}' findes ikke i udvikling.yaml.",
                f"{fix}Brug et af: {', '.join(known)}.",
            )
        typer.echo(f"'{value}' findes ikke i udvikling.yaml. {fix}".rstrip(), err=True)
        value = str(typer.prompt(question, default=close)) if close else str(typer.prompt(question))
    return value


def _picked(value: str, names: dict[str, str]) -> str:
    """The id a prompt's answer means: a number in the list, an id, or a name."""
    answer = value.strip()
    keys = list(names)
    if answer.isdigit() and 1 <= int(answer) <= len(keys):
        return keys[int(answer) - 1]
    wanted = answer.casefold()
    return next((key for key, name in names.items() if name.casefold() == wanted), answer)


def _check_title_letters(title: str) -> None:
    """Refuse a title whose letters the file name would silently lose (look-alikes)."""
    from udvikling.errors import UsageError
    from udvikling.rules.ids import lost_letters
    from udvikling.terminal import visible

    lost = lost_letters(title)
    if lost:
        import unicodedata

        named = ", ".join(
            f"'{visible(c)}' ({unicodedata.name(c, 'ukendt tegn').lower()})" for c in lost[:5]
        )
        raise UsageError(
            f"Titlen har tegn, som filnavnet ikke kan gengive: {named}.",
            "Skriv titlen med latinske bogstaver (a-z, æ, ø, å) og tal; et tegn, der ligner "
            "et latinsk bogstav, kan være kyrillisk eller græsk.",
        )


def _ask_period(label: str, *, optional: bool = False) -> str:
    """A period typed at a terminal, asked again until udv can read it."""
    from udvikling.periods import PeriodError, parse_period

    while True:
        text = str(typer.prompt(label, default="" if optional else None, show_default=False))
        if (optional and not text.strip()) or text.strip() == "løbende":
            return text.strip()
        try:
            parse_period(text)
        except PeriodError as exc:
            typer.echo(f"{exc.message} {exc.hint}", err=True)
            continue
        return text


def _check_period(option: str, value: str) -> None:
    from udvikling.errors import UsageError
    from udvikling.periods import PeriodError, parse_period

    try:
        parse_period(value)
    except PeriodError as exc:
        raise UsageError(f"{option}: {exc.message}", exc.hint) from None


def _write(data_root: Path, dataset: Dataset, record: NewRecord) -> list[Finding]:
    """Write the file (never over an existing one) and keep it only if it lints without
    errors; return lint's warnings about it."""
    import contextlib
    import os

    from udvikling.errors import EnvironmentProblem, UsageError
    from udvikling.fileio import write_atomic, write_error_text
    from udvikling.lint import lint

    target = data_root / record.path
    if os.path.lexists(target) or record.id in dataset.initiatives or record.id in dataset.meetings:
        raise UsageError(
            f"{record.path} findes allerede.",
            "udv new overskriver aldrig; ret den eksisterende fil eller vælg en "
            "anden titel eller dato.",
        )
    try:
        write_atomic(target, record.text, overwrite=False)
    except FileExistsError:
        raise UsageError(f"{record.path} findes allerede.", "udv new overskriver aldrig.") from None
    except OSError as exc:
        raise EnvironmentProblem(
            f"Kan ikke skrive {record.path}: {write_error_text(exc)}.",
            "Tjek mappens rettigheder og den ledige plads, og prøv igen.",
        ) from None
    from udvikling.commands._common import today

    result = lint(data_root, today(), [record.path])
    errors = [f for f in result.findings if f.severity == "error"]
    if errors:
        with contextlib.suppress(OSError):
            target.unlink()
        first = errors[0]
        raise UsageError(
            f"Den nye fil ville have fejl: {first.code} {first.message}",
            first.hint or "Ret værdierne, og prøv igen.",
        )
    return [f for f in result.findings if f.severity == "warning" and f.path == record.path]


def register(app: typer.Typer) -> None:
    """Add ``udv new`` to ``app``."""
    app.command("new", short_help="Opret et nyt tiltag eller møde.")(new_command)
