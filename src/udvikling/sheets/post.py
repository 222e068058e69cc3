"""Post the checked answers into the initiative files: as text, checked by lint, all or none.

:func:`prepare` writes each entry into its file's text in memory
(:mod:`udvikling.sheets.yamltext`), reads the whole plan again with those texts in place of
the files, and checks that each changed record is exactly the old one plus its new entry.
Then lint runs on the plan before and after: a finding the answers bring in is reported at
the sheet cell it came from (``Tiltag!J7`` for the period of that row), or at the plan file
when it is about something else. :func:`replace_all` writes the files: every new text to a
temporary file first, then one rename each; if anything fails, the files already renamed get
their old content back, so the plan is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from udvikling.errors import EnvironmentProblem
from udvikling.fileio import write_atomic
from udvikling.findings import Finding
from udvikling.load import Loaded, load
from udvikling.reload import reload
from udvikling.safe_read import NotAFile, TooLarge, read_error_text, read_regular
from udvikling.sheets import handover
from udvikling.sheets.ahead import Ahead
from udvikling.sheets.answers import Options, Posting
from udvikling.sheets.layout import MANIFEST_FILE, Problem, Severity, has_errors
from udvikling.sheets.manifest import ManifestError, SentSheet, read_round
from udvikling.sheets.read import Returned, settle
from udvikling.sheets.validate import Checked, check_sheets
from udvikling.sheets.yamltext import Inserted, insert_entry, replace_entry

if TYPE_CHECKING:
    from udvikling.review.model import RecordChange
    from udvikling.sheets.twocores import Later

# The most files a plan may have to be linted ahead (while the returned sheets are still being
# read, or on the other core while the answers are checked): a sheet with an error stops the
# import before any lint, and a big plan's lint would be spent for nothing.
LINT_AHEAD_MAX = 3000

# From this many answered files, the plan with the answers is linted on the other core while
# this one compares the records for --dry-run's report (a fork costs a few milliseconds; the
# comparison about 0.2 ms a file).
BESIDE_MIN = 100

# Findings about the plan's waivers, not about an answer: that an answer makes a waiver
# unneeded (an update where UDV603 was waived) is for the plan keeper's lint, not the cells.
QUIET_CODES = frozenset({"UDV903"})

# Lint's advice in the sheet's terms (columns and choices, not YAML fields), for the rules an
# answer can break.
SHEET_HINTS: dict[str, str] = {
    "UDV401": "Skriv en Ny frist, der ligger efter tiltagets start, eller lad Ny frist være tom.",
    "UDV403": "Skriv en Ny frist, der rummer tiltagets milepæle, eller lad Ny frist være tom.",
    "UDV404": "Skriv kun det, der er sket; en dato i fremtiden kan ikke meldes.",
    "UDV405": "Skriv de nåede milepæle under Nåede milepæle (adskilt med ';'), eller vælg en "
    "anden Ny status end Afsluttet.",
    "UDV406": "Vælg Ny status I gang eller Afsluttet.",
}

# Findings elsewhere in an answered file that the answer's cell causes: reported there.
CAUSED_BY: dict[str, str] = {"UDV401": "new_due", "UDV403": "new_due"}

# The sheet column each field of a new entry comes from.
FIELD_COLUMNS: dict[str, str] = {
    "concerns": "concerns",
    "text": "text",
    "status": "new_status",
    "due": "new_due",
    "reached": "reached",
}


@dataclass
class Prepared:
    """The new texts of the changed files, the plan read with them, and the problems."""

    before: Loaded
    after: Loaded | None = None
    files: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)  # old, new
    problems: list[Problem] = field(default_factory=list)
    # The lint findings the answers bring in and remove (placed, sorted), once ``after`` is
    # read: the check above and the report of a dry run give the same answer.
    introduced: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    # The records the answers change, for the report (only when asked for, see prepare).
    records: list[RecordChange] | None = None


def prepare(
    before: Loaded,
    postings: list[Posting],
    today: date,
    records: bool = False,
    ahead: Ahead | None = None,
) -> Prepared:
    """Put ``postings`` into their files' text and check the plan they make (see module).

    ``records``: also compare the plan before and after record by record
    (:attr:`Prepared.records`, for ``--dry-run``'s report); on two cores that is done while
    the other core lints the plan with the answers. ``ahead``: where the entries go in the
    files, as far as worked out while the sheets were read."""
    from udvikling.lint import lint_found

    prepared = Prepared(before)
    root = before.root
    assert before.dataset is not None
    placed: dict[str, tuple[Inserted, Posting]] = {}
    for posting in postings:
        path = root / posting.path
        old = prepared.files[posting.path][1] if posting.path in prepared.files else None
        try:
            raw = old if old is not None else read_regular(path, posting.path)
        except OSError as exc:
            reason = read_error_text(exc) if not isinstance(exc, NotAFile | TooLarge) else exc
            prepared.problems.append(
                Problem(posting.row.where, "error", f"{posting.path} kan ikke læses: {reason}.")
            )
            continue
        if posting.replaces is None:
            place = ahead.place(posting.path, raw) if ahead is not None else None
            result = insert_entry(raw.decode("utf-8"), posting.fields, place)
        else:
            result = replace_entry(raw.decode("utf-8"), posting.replaces, posting.fields)
        if isinstance(result, str):
            prepared.problems.append(
                Problem(
                    posting.row.where,
                    "error",
                    f"Svaret kan ikke skrives i {posting.path}: {result}",
                )
            )
            continue
        original = prepared.files[posting.path][0] if posting.path in prepared.files else raw
        prepared.files[posting.path] = (original, result.text.encode("utf-8"))
        placed[posting.path] = (result, posting)
    if prepared.problems or not prepared.files:
        return prepared

    # Only the files the answers change are read again; the rest of the plan is taken over.
    after = reload(before, {rel: new for rel, (_, new) in prepared.files.items()})
    prepared.after = after
    old_findings = lint_found(before, today)
    many = len(prepared.files) >= BESIDE_MIN
    beside = _delta_beside(before, after, today) if records and many else None
    try:
        for _, posting in placed.values():
            _verify(before, after, posting, prepared.problems)
        if records:
            from udvikling.review.compare import compare_datasets

            assert after.dataset is not None
            prepared.records = compare_datasets(
                before.dataset, after.dataset, before.findings, after.findings
            )
        delta = beside.result() if beside is not None else _delta(before, after, today)
    finally:
        if beside is not None:
            beside.stop()
    prepared.introduced, prepared.fixed = delta
    introduced = prepared.introduced
    # A warning the file had before only changed its wording (UDV603: "no update" became
    # "the latest update is old"); errors are all reported.
    warned = {(f.path, f.code) for f in old_findings}
    seen: set[tuple[str, str]] = set()
    for finding in introduced:
        if finding.severity != "error" and (finding.path, finding.code) in warned:
            continue
        if finding.code in QUIET_CODES:
            continue
        problem = _locate(finding, placed)
        if (problem.where, problem.message) not in seen:
            seen.add((problem.where, problem.message))
            prepared.problems.append(problem)
    return prepared


def _delta(before: Loaded, after: Loaded, today: date) -> tuple[list[Finding], list[Finding]]:
    """The lint findings ``after`` has that ``before`` has not, and the other way round."""
    from udvikling.lint import lint_found
    from udvikling.review.compare import lint_delta, placer

    return lint_delta(
        lint_found(before, today), lint_found(after, today), {}, (placer(before), placer(after))
    )


def _delta_beside(
    before: Loaded, after: Loaded, today: date
) -> Later[tuple[list[Finding], list[Finding]]]:
    """:func:`_delta` on the other core (when there is one), while this one compares the
    records."""
    from udvikling.sheets.twocores import Later

    return Later.start(lambda: _delta(before, after, today), _delta_rows, _delta_findings)


def _delta_rows(delta: tuple[list[Finding], list[Finding]]) -> Any:
    from udvikling.cache import finding_rows

    return (finding_rows(delta[0]), finding_rows(delta[1]))


def _delta_findings(rows: Any) -> tuple[list[Finding], list[Finding]]:
    """The delta :func:`_delta_rows` packed (ValueError when malformed)."""
    introduced, fixed = rows
    return _findings(introduced), _findings(fixed)


def _verify(before: Loaded, after: Loaded, posting: Posting, problems: list[Problem]) -> None:
    """The changed record must be the old one plus exactly the new entry."""
    assert before.dataset is not None
    old = before.dataset.initiatives[posting.initiative]
    new = after.dataset.initiatives.get(posting.initiative) if after.dataset else None
    updates = list(old.updates)
    if posting.replaces is None:
        updates.append(posting.entry)
    else:
        updates[posting.replaces] = posting.entry
    expected = old.model_copy(update={"updates": tuple(updates)})
    if new != expected:
        problems.append(
            Problem(
                posting.row.where,
                "error",
                f"Svaret kunne ikke skrives sikkert i {posting.path} (filen ville ikke kunne "
                "læses som før med svaret tilføjet).",
                "Meld det til udviklerne af udv, og skriv svaret ind i filen i hånden.",
            )
        )


def _locate(finding: Finding, placed: Mapping[str, tuple[Inserted, Posting]]) -> Problem:
    """A lint finding the answers brought in: at the sheet cell it came from when it points
    into a new entry; at the row (naming the place in the plan) when it is elsewhere in an
    answered initiative's file; else at its place in the plan."""
    severity: Severity = "error" if finding.severity == "error" else "warning"
    hit = placed.get(finding.path)
    if hit is None:
        return Problem(finding.location, severity, finding.message, finding.hint, finding.code)
    inserted, posting = hit
    hint = SHEET_HINTS.get(finding.code, finding.hint)
    name = inserted.field_at(finding.line)
    if name is None:
        cause = posting.row.cells.get(CAUSED_BY.get(finding.code, ""))
        if cause is not None and cause.text:
            return Problem(cause.where, severity, finding.message, hint, finding.code)
        message = f"{finding.message} ({finding.location})"
        return Problem(posting.row.where, severity, message, hint, finding.code)
    cell = posting.row.cells.get(FIELD_COLUMNS.get(name, ""))
    where = cell.where if cell is not None else posting.row.where
    return Problem(where, severity, finding.message, hint, finding.code)


def replace_all(root: Path, files: Mapping[str, tuple[bytes, bytes]]) -> None:
    """Replace each file's old content with its new one: all files or none.

    A file whose content is no longer the old one (changed meanwhile) stops it all before
    anything is written.
    """
    for rel, (old, _) in files.items():
        try:
            current = read_regular(root / rel, rel)
        except OSError as exc:
            raise EnvironmentProblem(f"{rel} kan ikke læses: {read_error_text(exc)}.") from None
        if current != old:
            raise EnvironmentProblem(
                f"{rel} er ændret, mens svarene blev indlæst; intet er skrevet.",
                "Kør indlæsningen igen.",
            )
    temps: dict[str, str] = {}
    done: list[str] = []
    try:
        for rel, (_, new) in files.items():
            temps[rel] = _temp_copy(root / rel, new)
        for rel, temp in temps.items():
            os.replace(temp, root / rel)
            done.append(rel)
    except OSError as exc:
        for rel in done:
            write_atomic(root / rel, files[rel][0])
        for rel, temp in temps.items():
            if rel not in done:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
        raise EnvironmentProblem(
            f"Svarene kunne ikke skrives ({exc.strerror or exc}); planen er uændret.",
            "Tjek, at datamappen kan skrives i, og indlæs igen.",
        ) from None


def _temp_copy(path: Path, data: bytes) -> str:
    """A temporary file next to ``path`` holding ``data``, with ``path``'s permissions."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            with contextlib.suppress(OSError):
                os.fchmod(handle.fileno(), path.stat().st_mode & 0o7777)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return temp


@dataclass
class Imported:
    """What an import did or would do: the checks, the prepared files, whether written."""

    checked: Checked
    prepared: Prepared | None
    problems: list[Problem]
    sheets: int = 0
    written: bool = False


def import_answers(
    root: Path,
    paths: Sequence[Path],
    options: Options,
    manifest: Path | None = None,
    dry_run: bool = False,
    reading: Later[list[Returned]] | None = None,
) -> Imported:
    """Read, check and post the answers in ``paths`` into the plan at ``root``.

    Nothing is written when there is an error anywhere, nor with ``dry_run``. Without
    ``manifest``, a sheet without its own manifest entry is looked up in the
    ``udsendelse.json`` next to it. ``reading``: the sheets at ``paths`` already being read
    (:func:`udvikling.sheets.handover.start`, before this module was imported); stopped
    here when not used.
    """
    from udvikling.errors import DataError
    from udvikling.lint import lint_loaded

    # The sheets need nothing from the plan: the other core reads them while this one loads
    # the plan and, if the sheets are not read by then, lints it (the check of the answers
    # needs that lint; it is kept with the plan, see Loaded.linted). Only a plan whose lint
    # is cheap is linted ahead: a sheet with an error stops the import before any lint, and
    # at 10,000 initiatives that lint would be seconds spent for nothing.
    if reading is None:
        reading = handover.start(paths)
    try:
        before = load(root)
        if before.dataset is None:
            raise DataError("udvikling.yaml kan ikke bruges.", "Kør 'udv lint' for at se fejlene.")
        if reading.pending() and len(before.dataset.sources) <= LINT_AHEAD_MAX:
            lint_loaded(before, options.today)
        ahead = Ahead(before.dataset)
        ahead.fill(reading.pending)
        sheets = settle(reading.result())
    finally:
        reading.stop()
    rounds: dict[Path, list[SentSheet] | None] = {}

    def manifest_for(sheet: Returned) -> list[SentSheet] | None:
        where = manifest or sheet.path.parent / MANIFEST_FILE
        if where not in rounds:
            rounds[where] = _read_manifest(where, manifest is not None)
        return rounds[where]

    linting = _lint_beside(before, options.today)
    try:
        checked = check_sheets(before.dataset, sheets, manifest_for, options, ahead.state)
        problems = list(checked.problems)
        prepared = None
        if not has_errors(problems) and checked.postings:
            if linting is not None:
                from udvikling.lint import keep_lint

                keep_lint(before, options.today, linting.result())  # linted once
            prepared = prepare(before, checked.postings, options.today, dry_run, ahead)
            problems.extend(prepared.problems)
    finally:
        if linting is not None:
            linting.stop()
    result = Imported(checked, prepared, problems, len(sheets))
    if has_errors(problems) or dry_run or prepared is None:
        return result
    replace_all(root, prepared.files)
    result.written = True
    return result


def _lint_beside(before: Loaded, today: date) -> Later[list[Finding]] | None:
    """The plan's lint (needed once the answers are placed, to tell what they bring in), made
    on the other core while this one checks and places the answers; None when it is known
    already (linted while the sheets were read) or the plan is too big to lint ahead."""
    from udvikling.lint import lint_loaded, linted
    from udvikling.sheets.twocores import Later

    assert before.dataset is not None
    if linted(before, today) or len(before.dataset.sources) > LINT_AHEAD_MAX:
        return None
    return Later.start(lambda: lint_loaded(before, today), _finding_rows, _findings)


def _finding_rows(findings: list[Finding]) -> Any:
    from udvikling.cache import finding_rows

    return finding_rows(findings)


def _findings(rows: Any) -> list[Finding]:
    """The findings :func:`_finding_rows` packed (ValueError when malformed)."""
    from udvikling.cache import well_formed_rows

    if not well_formed_rows(rows):
        raise ValueError("findings")
    return [Finding(*row) for row in rows]


def _read_manifest(path: Path, asked: bool) -> list[SentSheet] | None:
    """The round manifest at ``path``: None when absent (unless asked for by name)."""
    from udvikling.errors import UsageError

    if not asked and not path.exists():
        return None
    try:
        return read_round(path)
    except ManifestError as exc:
        raise UsageError(
            str(exc), "Angiv udsendelsen fra 'udv sheet export' med --manifest."
        ) from None
