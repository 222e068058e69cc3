"""``udv sheet export|import|status|remind``: status sheets out to the owners (with mail drafts),
their answers into the journal, who has answered, reminders to those who have not."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    import typer

    from udvikling.chrono import View
    from udvikling.load import Dataset
    from udvikling.render.mailtext import MailText
    from udvikling.sheets.mail import Draft
    from udvikling.sheets.manifest import SentSheet
    from udvikling.sheets.post import Imported
    from udvikling.sheets.rows import OwnerSheet, Round
    from udvikling.sheets.standby import Standby


def run_export(
    output: Path,
    owner: str | None = None,
    report: str | None = None,
    output_format: str = "xlsx",
    mail: bool = False,
    deadline: str | None = None,
    root: Path | None = None,
    as_of: str | None = None,
    allow_errors: bool = False,
) -> int:
    """Lav et statusark pr. ansvarlig med de åbne tiltag, som planen stod på datoen."""
    from udvikling.commands._common import check_format, resolve_root, today
    from udvikling.errors import UsageError
    from udvikling.sheets.export import start_workbooks
    from udvikling.sheets.layout import FORMATS

    check_format(output_format, FORMATS)
    if report is not None and as_of is not None:
        raise UsageError("Brug enten --as-of eller --report, ikke begge.", None)
    if deadline is not None and not mail:
        raise UsageError(
            "--deadline bruges kun med --mail (svarfristen i mailen).",
            "Tilføj --mail, eller udelad --deadline.",
        )
    due = _deadline(deadline, today(), "--mail") if mail else None
    data_root = resolve_root(root)
    # The other core gets ready to make the workbooks (imports openpyxl) while this one
    # loads the plan and builds the rows.
    workers = start_workbooks() if output_format == "xlsx" else None
    try:
        return _export(
            data_root, workers, output, output_format, owner, report, as_of, allow_errors, due
        )
    finally:
        if workers is not None:
            workers.stop()


def _export(
    data_root: Path,
    workers: Standby | None,
    output: Path,
    output_format: str,
    owner: str | None,
    report: str | None,
    as_of: str | None,
    allow_errors: bool,
    due: date | None,
) -> int:
    """The export's work once its options are checked (see :func:`export_command`)."""
    import sys

    from udvikling.chrono import view_at
    from udvikling.commands._common import load_checked, parse_as_of, today
    from udvikling.danish import count_noun
    from udvikling.errors import UsageError
    from udvikling.sheets.export import write_round
    from udvikling.sheets.rows import Round, build_sheets
    from udvikling.terminal import file_name as shown

    dataset, notice = load_checked(data_root, None, "statusarkene", allow_errors=allow_errors)
    report_title = None
    if report is not None:
        view, report_title = report_view(dataset, report, today())
    else:
        view = view_at(parse_as_of(as_of), clock=today())
    owners: list[str | None] | None = None
    if owner is not None:
        owners = [owner_id(dataset, owner)]
    round_ = Round(
        organisation=dataset.config.organisation,
        process=dataset.config.process,
        as_of=view.judged,
        exported=today(),
        report=report,
        report_title=report_title,
        notice=notice,
    )
    sheets = build_sheets(dataset, view, owners)
    folder, file_name = _target(output, owner is not None, output_format)
    _check_folder(folder, file_name, data_root)
    # The mails' texts are filled before any file is written: a broken mail template stops
    # the export with nothing written, as a broken sheet would.
    drafts, texts = (
        _export_drafts(data_root, dataset, sheets, round_, output_format, folder, file_name, due)
        if due is not None
        else ([], [])
    )
    written = write_round(sheets, round_, output_format, folder, file_name, workers)  # type: ignore[arg-type]
    # Owner names come from the plan: never raw on a terminal.
    for path, sheet in written.files:
        rows = count_noun(len(sheet.rows), "tiltag", "tiltag")
        who = sheet.owner_name if sheet.owner is not None else "uden ansvarlig"
        sys.stderr.write(f"Skrev {shown(str(path))} ({shown(who)}, {rows})\n")
    if written.manifest is not None:
        manifest = shown(str(written.manifest))
        sys.stderr.write(f"Skrev {manifest} (hvad der er sendt til hvem)\n")
    for sheet in written.empty:
        sys.stderr.write(f"udv: {shown(sheet.owner_name)} har ingen åbne tiltag; intet ark.\n")
    if not written.files:
        raise UsageError(
            "Der er ingen åbne tiltag at sende ud pr. "
            f"{view.judged.isoformat()}{' hos ' + sheets[0].owner_name if owner else ''}.",
            "Vælg en anden dato med --as-of eller en anden ansvarlig med --owner.",
        )
    if due is not None:
        assert [d.sent for d in drafts] == written.sent
        _write_drafts(data_root, dataset, drafts, due, reminder=False, texts=texts)
    return 0


def _export_drafts(
    root: Path,
    dataset: Dataset,
    sheets: list[OwnerSheet],
    round_: Round,
    fmt: str,
    folder: Path,
    file_name: str | None,
    due: date,
) -> tuple[list[Draft], list[MailText]]:
    """The mail drafts an export will write beside its sheets, and their filled texts."""
    from udvikling.outputs import check_output
    from udvikling.sheets.export import sent_sheet
    from udvikling.sheets.layout import sheet_name
    from udvikling.sheets.mail import Draft, draft_name, mail_texts

    drafts = []
    for sheet in sheets:
        if not sheet.rows:
            continue
        name = file_name or sheet_name(sheet.slug, fmt)  # type: ignore[arg-type]
        drafts.append(
            Draft(
                sent_sheet(sheet, name, fmt, round_),  # type: ignore[arg-type]
                folder / name,
                folder / draft_name(name, reminder=False),
                titles=tuple(r.title for r in sheet.rows),
                missing=tuple(r.title for r in sheet.rows),
            )
        )
    for draft in drafts:
        check_output(draft.target, root)
    return drafts, mail_texts(root, dataset, drafts, due, reminder=False)


def _deadline(value: str | None, today: date, option: str) -> date:
    """``--deadline``: a day that has not passed."""
    from udvikling.chrono import overdue_on
    from udvikling.errors import UsageError
    from udvikling.periods import PeriodError, parse_period

    example = "Skriv svarfristen som en dag, fx --deadline 2025-04-10."
    if value is None:
        raise UsageError(f"{option} kræver --deadline: svarfristen, mailen nævner.", example)
    try:
        period = parse_period(" ".join(value.split()))
    except PeriodError as exc:
        raise UsageError(f"--deadline: {exc.message}", example) from None
    if period.grain != "day":
        raise UsageError(f"--deadline: {period.danish()} er ikke én dag.", example)
    if overdue_on(period, today):
        raise UsageError(
            f"--deadline: {period.danish()} er allerede passeret; mailen ville bede om svar "
            "til en dag, der er gået.",
            "Vælg en svarfrist fra i dag og frem.",
        )
    return period.start


def _write_drafts(
    root: Path,
    dataset: Dataset,
    drafts: list[Draft],
    due: date,
    *,
    reminder: bool,
    texts: list[MailText] | None = None,
) -> None:
    """Write the mail drafts and say, for each, to whom (or that it has no recipient)."""
    import sys

    from udvikling.outputs import check_output
    from udvikling.sheets.mail import write_drafts
    from udvikling.terminal import file_name as shown
    from udvikling.terminal import shown as safe

    for draft in drafts:
        check_output(draft.target, root)
    what = "rykker" if reminder else "mailkladde"
    for (path, address), draft in zip(
        write_drafts(root, dataset, drafts, due, reminder=reminder, texts=texts),
        drafts,
        strict=True,
    ):
        sent = draft.sent
        if address is not None:
            sys.stderr.write(f"Skrev {shown(str(path))} ({what} til {safe(address)})\n")
            continue
        sys.stderr.write(f"Skrev {shown(str(path))} ({what} uden modtager)\n")
        if sent.owner is None:
            sys.stderr.write(
                "udv: advarsel: arket med tiltag uden ansvarlig har ingen modtager; skriv "
                "modtageren i mailprogrammet.\n"
            )
        else:
            sys.stderr.write(
                f"udv: advarsel: {safe(sent.owner_name)} har ingen e-mailadresse i planen; "
                "skriv modtageren i mailprogrammet, eller tilføj "
                f"email under owners.{sent.owner} i udvikling.yaml.\n"
            )


def run_import(
    files: list[Path],
    dry_run: bool = False,
    entry_date: str | None = None,
    manifest: Path | None = None,
    allow_changed: bool = False,
    root: Path | None = None,
) -> int:
    """Læs udfyldte statusark, tjek hver celle, og skriv svarene i tiltagenes journal."""
    from udvikling.commands._common import resolve_root, today
    from udvikling.sheets import handover

    day = today()
    text = _entry_date(entry_date, day) if entry_date is not None else None
    paths = _expand(files)
    where = resolve_root(root)
    # The other core reads the sheets from here on, while this one imports the plan's
    # models and loads the plan (the reading needs neither).
    reading = handover.start(paths)
    try:
        from udvikling.sheets.answers import Options
        from udvikling.sheets.post import import_answers

        options = Options(day, text, allow_changed)
        result = import_answers(where, paths, options, manifest, dry_run, reading)
    finally:
        reading.stop()
    return _report_import(result, dry_run)


def _expand(files: list[Path]) -> list[Path]:
    """Patterns like ``svar/*.xlsx`` that no shell expanded (Windows passes them on as they
    are) are expanded here; a pattern that matches nothing stays, to be reported missing."""
    import glob

    paths: list[Path] = []
    for path in files:
        text = str(path)
        matches = sorted(glob.glob(text)) if any(c in text for c in "*?[") else []
        if matches and not path.exists():
            paths.extend(Path(m) for m in matches)
        else:
            paths.append(path)
    return paths


def _entry_date(value: str, today: date) -> str:
    """``--date`` as written, checked: a period that has ended by today."""
    from udvikling.chrono import has_ended
    from udvikling.errors import UsageError
    from udvikling.periods import PeriodError, parse_period

    text = " ".join(value.split())
    try:
        period = parse_period(text)
    except PeriodError as exc:
        raise UsageError(f"--date: {exc.message}", exc.hint) from None
    if not has_ended(period, today):
        raise UsageError(
            f"--date: {period.danish()} slutter efter i dag; svarene kan ikke meldes i fremtiden.",
            "Udelad --date for at bruge dagens dato.",
        )
    return text


def _report_import(result: Imported, dry_run: bool) -> int:
    """Print the problems, the change (with --dry-run) and a summary; the exit code."""
    import sys

    from udvikling.commands._common import today
    from udvikling.danish import count_noun
    from udvikling.sheets.answers import answer_changes
    from udvikling.sheets.layout import has_errors
    from udvikling.terminal import shown

    out = sys.stdout
    # A problem names a returned file, its cells and manifest, and owners: all data, so
    # never raw on a terminal (one line each, controls and direction marks as escapes).
    for problem in result.problems:
        out.write(shown(problem.line()) + "\n")
        if problem.hint:
            out.write(f"    tip: {shown(problem.hint)}\n")
    checked = result.checked
    if has_errors(result.problems):
        errors = sum(1 for p in result.problems if p.severity == "error")
        out.write(
            f"{count_noun(errors, 'fejl', 'fejl')}; intet er indlæst, og planen er uændret.\n"
        )
        return 1
    prepared = result.prepared
    if dry_run and prepared is not None and prepared.after is not None:
        from udvikling.output.diff_text import to_text
        from udvikling.review.compare import compare
        from udvikling.review.model import SideInfo

        comparison = compare(
            prepared.before,
            prepared.after,
            today(),
            SideInfo("planen nu"),
            SideInfo("planen med svarene"),
            records=prepared.records,
            delta=(prepared.introduced, prepared.fixed),
        )
        out.write(to_text(comparison) + "\n")
    corrections = checked.corrections()
    for posting, earlier in corrections:
        out.write(
            shown(
                f"{posting.row.where}: rettet svar; erstatter svaret i journalen fra "
                f"{earlier.date.danish()}:"
            )
            + "\n"
        )
        for heading, old, new in answer_changes(earlier, posting.entry):
            before, after = (f"«{v}»" if v else "(tom)" for v in (old, new))
            out.write(shown(f"    {heading}: {before} → {after}") + "\n")
    verb = "Ville indlæse" if dry_run else "Indlæste"
    sheets = count_noun(result.sheets, "ark", "ark")
    line = f"{verb} {count_noun(len(checked.postings), 'svar', 'svar')} fra {sheets}"
    if corrections:
        their = "sit" if len(corrections) == 1 else "deres"
        line += f" ({len(corrections)} rettet, erstatter {their} tidligere svar)"
    line += "."
    if checked.already:
        line += f" {count_noun(len(checked.already), 'svar', 'svar')} var allerede indlæst."
    if checked.unanswered:
        rows = count_noun(checked.unanswered, "række", "rækker")
        line += f" {rows} uden svar {'blev' if not dry_run else 'ville blive'} sprunget over."
    out.write(line + "\n")
    if dry_run:
        out.write("Intet er skrevet (--dry-run).\n")
    return 0


def run_status(
    folder: Path,
    output_format: str = "text",
    root: Path | None = None,
) -> int:
    """Vis, hvem der har svaret i statusrunden, og hvem der skal rykkes: hvert ark, hvornår
    det blev lavet, hvornår svarene blev indlæst, og hvilke tiltag der stadig er uden svar."""
    import sys

    from udvikling.commands._common import check_format, load_checked, resolve_root
    from udvikling.sheets.progress import round_progress, to_json, to_text
    from udvikling.terminal import shown

    check_format(output_format, ("text", "json"))
    manifest, sent = _read_round(folder)
    dataset, _ = load_checked(resolve_root(root), None, "statusrunden", allow_errors=True)
    progress = round_progress(dataset, sent)
    where = str(manifest.parent)
    if output_format == "json":
        sys.stdout.write(to_json(progress, where))
    else:
        for line in to_text(progress, where).splitlines():
            sys.stdout.write(shown(line) + "\n")
    return 0


def _read_round(folder: Path) -> tuple[Path, list[SentSheet]]:
    """The round's manifest (``udsendelse.json`` in ``folder``, or the file itself)."""
    from udvikling.errors import UsageError
    from udvikling.sheets.layout import MANIFEST_FILE
    from udvikling.sheets.manifest import ManifestError, read_round

    manifest = folder / MANIFEST_FILE if folder.is_dir() else folder
    if not manifest.exists():
        raise UsageError(
            f"Der er ingen {MANIFEST_FILE} i {folder}.",
            "Angiv den mappe, 'udv sheet export -o MAPPE' skrev arkene i.",
        )
    try:
        return manifest, read_round(manifest)
    except ManifestError as exc:
        raise UsageError(str(exc), "Angiv udsendelsen fra 'udv sheet export'.") from None


def run_remind(
    folder: Path,
    deadline: str | None = None,
    output: Path | None = None,
    root: Path | None = None,
) -> int:
    """Skriv en rykker pr. ansvarlig, der ikke har svaret i statusrunden: en mailkladde
    (rykker-statusark-<ansvarlig>.eml) med arket vedhæftet igen og den nye svarfrist, klar til
    at sende fra dit eget mailprogram. udv sender intet selv."""
    import sys

    from udvikling.commands._common import load_checked, resolve_root, today
    from udvikling.outputs import check_output_folder
    from udvikling.sheets.mail import Draft, draft_name, sheet_in
    from udvikling.sheets.progress import round_progress

    due = _deadline(deadline, today(), "udv sheet remind")
    manifest, sent = _read_round(folder)
    data_root = resolve_root(root)
    dataset, _ = load_checked(data_root, None, "rykkerne", allow_errors=True)
    target = output if output is not None else manifest.parent
    check_output_folder(target, data_root)
    missing = [s for s in round_progress(dataset, sent) if not s.answered]
    if not missing:
        sys.stderr.write("Alle i runden har svaret; der er ingen at rykke.\n")
        return 0
    target.mkdir(parents=True, exist_ok=True)
    drafts = [
        Draft(
            sheet.sent,
            sheet_in(manifest.parent, sheet.sent.file),
            target / draft_name(sheet.sent.file, reminder=True),
            titles=tuple(r.title for r in sheet.rows),
            missing=tuple(r.title for r in sheet.empty),
        )
        for sheet in missing
    ]
    _write_drafts(data_root, dataset, drafts, due, reminder=True)
    return 0


def owner_id(dataset: Dataset, value: str) -> str | None:
    """``--owner``: a declared owner's id, or ``uden-ansvarlig`` (None: no owner)."""
    from udvikling.errors import UsageError
    from udvikling.hints import did_you_mean
    from udvikling.sheets.layout import UNOWNED

    if value in dataset.config.owners:
        return value
    if value == UNOWNED:
        return None
    close = did_you_mean(value, [*dataset.config.owners, UNOWNED])
    raise UsageError(
        f"Ukendt ansvarlig '{value}'.",
        (f"Mente du '{close}'? " if close else "")
        + "Brug et id fra owners i udvikling.yaml, eller uden-ansvarlig.",
    )


def report_view(dataset: Dataset, report: str, today: date) -> tuple[View, str]:
    """The view for a report round: the plan as the report is judged (its cut-off, knowing
    what is reported in it; docs/semantics.md R16), or as it stands today while that cut-off
    is still to come; and the report's title."""
    from dataclasses import replace

    from udvikling.chrono import has_ended
    from udvikling.chrono import report_view as judged
    from udvikling.errors import UsageError
    from udvikling.hints import did_you_mean
    from udvikling.periods import day_period

    record = dataset.reports.get(report)
    if record is None:
        close = did_you_mean(report, list(dataset.reports))
        raise UsageError(
            f"Ukendt rapport '{report}': der findes ingen data/reports/{report}.yaml.",
            (f"Mente du '{close}'? " if close else "")
            + "Opret rapporten med 'udv new report', eller brug --as-of DATO.",
        )
    view = judged(dataset, record, today)
    if not has_ended(day_period(view.judged), today):
        view = replace(view, known=today, judged=today)
    return view, record.title


def _check_folder(folder: Path, file_name: str | None, root: Path) -> None:
    """Sheets and their manifest never land in the plan itself, nor on a special file."""
    from udvikling.outputs import check_output, check_output_folder
    from udvikling.sheets.layout import MANIFEST_FILE

    if file_name is not None:
        check_output(folder / file_name, root)
    else:
        check_output_folder(folder, root)
    # The manifest goes beside the sheets, also when one sheet is written to a named file.
    check_output(folder / MANIFEST_FILE, root)


def _target(output: Path, single: bool, fmt: str) -> tuple[Path, str | None]:
    """The folder to write in, and the file name when one sheet goes to a named file."""
    from udvikling.errors import UsageError

    if single and not output.is_dir() and output.suffix:
        if output.suffix.lower() != f".{fmt}":
            raise UsageError(
                f"Filen {output.name} passer ikke til formatet {fmt}.",
                f"Giv filen endelsen .{fmt}, eller vælg format med --format.",
            )
        return output.parent, output.name
    if output.exists() and not output.is_dir():
        raise UsageError(
            f"{output} er en fil, men der skal skrives flere ark.",
            "Angiv en mappe med -o, eller vælg én ansvarlig med --owner.",
        )
    return output, None


def register(app: typer.Typer) -> None:
    """Add ``udv sheet export|import|status|remind`` to ``app``."""
    import typer

    from udvikling import completion
    from udvikling.commands._options import ALLOW_ERRORS, AS_OF, ROOT, declared

    sheet_app = typer.Typer(
        no_args_is_help=True,
        help="Statusark: planen ud til de ansvarlige som regneark, svarene ind i journalen.",
    )
    sheet_app.command("export", short_help="Lav et statusark pr. ansvarlig (Excel eller CSV).")(
        declared(
            run_export,
            output=typer.Option(
                "--output",
                "-o",
                metavar="MAPPE|FIL",
                help="Mappen, arkene skrives i (statusark-<ansvarlig>.xlsx og udsendelse.json). "
                "Med --owner også en fil, fx -o statusark-aftaleholdere.xlsx.",
                show_default=False,
            ),
            owner=typer.Option(
                "--owner",
                metavar="ANSVARLIG",
                help="Kun arket til denne ansvarlige (id fra udvikling.yaml, fx aftaleholdere; "
                "uden-ansvarlig for tiltag uden ansvarlig). Standard: et ark pr. ansvarlig.",
                show_default=False,
                autocompletion=completion.owners,
            ),
            report=typer.Option(
                "--report",
                metavar="RAPPORT",
                help="Statusrunden (id i data/reports, fx 2025-foraar-status): planen, som den "
                "stod på rapportens dato, og svarene meldes i rapporten.",
                show_default=False,
                autocompletion=completion.reports,
            ),
            output_format=typer.Option(
                "--format",
                "-f",
                metavar="FORMAT",
                help="xlsx (Excel, standard) eller csv (semikolonsepareret UTF-8, til dem uden "
                "Excel).",
                autocompletion=completion.sheet_formats,
                show_default=False,
            ),
            mail=typer.Option(
                "--mail",
                help="Skriv også en mailkladde pr. ark (statusark-<ansvarlig>.eml) med arket "
                "vedhæftet og en vejledning, klar til at sende fra dit eget mailprogram; udv "
                "sender intet selv. Kræver --deadline.",
            ),
            deadline=typer.Option(
                "--deadline",
                metavar="DATO",
                help="Svarfristen, mailen nævner (en dag, fx 2025-04-10). Bruges med --mail.",
                show_default=False,
            ),
            root=ROOT,
            as_of=AS_OF,
            allow_errors=ALLOW_ERRORS,
        )
    )
    sheet_app.command("import", short_help="Læs udfyldte statusark ind i journalen.")(
        declared(
            run_import,
            files=typer.Argument(
                metavar="FIL",
                help="De udfyldte statusark (.xlsx eller .csv), fx svar/*.xlsx.",
                show_default=False,
            ),
            dry_run=typer.Option(
                "--dry-run",
                help="Vis, hvad svarene ændrer i planen (som 'udv diff'), uden at skrive noget.",
            ),
            entry_date=typer.Option(
                "--date",
                metavar="DATO",
                help="Datoen, svarene meldes med i journalen (en dag eller en periode, fx "
                "2025-04-15). Standard: i dag (for en rapport: i dag, når dagen ligger i "
                "rapportens periode, ellers rapportens dato).",
                show_default=False,
            ),
            manifest=typer.Option(
                "--manifest",
                metavar="FIL",
                help="Udsendelsen (udsendelse.json fra 'udv sheet export'). Kun nødvendig for "
                "CSV-filer, der ikke ligger ved siden af den.",
                show_default=False,
            ),
            allow_changed=typer.Option(
                "--allow-changed",
                help="Indlæs også svar på tiltag, der er ændret i planen, siden arket blev lavet.",
            ),
            root=ROOT,
        )
    )
    sheet_app.command(
        "status", short_help="Vis, hvem der har svaret i statusrunden, og hvem der mangler."
    )(
        declared(
            run_status,
            folder=typer.Argument(
                metavar="MAPPE",
                help="Rundens mappe (med udsendelse.json fra 'udv sheet export'), eller filen "
                "udsendelse.json selv.",
                show_default=False,
            ),
            output_format=typer.Option(
                "--format",
                "-f",
                metavar="FORMAT",
                help="text (standard) eller json.",
                show_default=False,
            ),
            root=ROOT,
        )
    )
    sheet_app.command(
        "remind", short_help="Skriv rykkere (mailkladder) til dem, der ikke har svaret."
    )(
        declared(
            run_remind,
            folder=typer.Argument(
                metavar="MAPPE",
                help="Rundens mappe (med arkene og udsendelse.json fra 'udv sheet export').",
                show_default=False,
            ),
            deadline=typer.Option(
                "--deadline",
                metavar="DATO",
                help="Den nye svarfrist, rykkeren nævner (en dag, fx 2025-04-17).",
                show_default=False,
            ),
            output=typer.Option(
                "--output",
                "-o",
                metavar="MAPPE",
                help="Mappen, rykkerne skrives i. Standard: rundens mappe.",
                show_default=False,
            ),
            root=ROOT,
        )
    )
    app.add_typer(
        sheet_app, name="sheet", short_help="Statusark ud til de ansvarlige, svar ind i planen."
    )
