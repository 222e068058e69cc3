"""Helpers shared by the command modules, without Typer (commands run without it: see
:mod:`udvikling.launch`); the command-line options they share are in
:mod:`udvikling.commands._options`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from udvikling.findings import Finding
    from udvikling.index import Hashing
    from udvikling.load import Dataset, Loaded

REPORT_FORMATS = ("text", "md", "json")


def check_format(value: str, allowed: tuple[str, ...] = REPORT_FORMATS) -> None:
    """Stop with a usage error for an unknown ``--format``."""
    if value not in allowed:
        from udvikling.errors import UsageError

        raise UsageError(f"Ukendt format '{value}'.", f"Vælg et af: {', '.join(allowed)}.")


def resolve_root(root: Path | None) -> Path:
    """The data repository: ``--root`` if given, else found from the current folder upward."""
    from udvikling.errors import EnvironmentProblem
    from udvikling.plan_root import CONFIG_FILE, find_root

    if root is not None:
        if not (root / CONFIG_FILE).is_file():
            raise EnvironmentProblem(
                f"Der er ingen {CONFIG_FILE} i {root}.",
                "Angiv med --root den mappe, hvor udvikling.yaml ligger.",
            )
        return root
    return find_root(Path.cwd())


def today() -> date:
    """The real date (the clock): read here, at the edge, and passed down as ``clock``."""
    return date.today()


def parse_as_of(value: str | None) -> date:
    """``--as-of`` as a date; today when not given. A bad value is a usage error."""
    if value is None:
        return today()
    from udvikling.errors import UsageError
    from udvikling.periods import PeriodError, parse_period

    try:
        period = parse_period(value)
    except PeriodError as exc:
        raise UsageError(f"--as-of: {exc.message}", "Skriv en dato, fx 2024-04-24.") from None
    if period.grain != "day":
        raise UsageError(
            f"--as-of skal være en dato, ikke perioden {period.danish()}.",
            "Skriv en dato, fx 2024-04-24.",
        )
    return period.start


def load_dataset(
    root: Path,
    rev: str | None = None,
    files: list[str] | None = None,
    *,
    twins: bool = False,
    hashing: Hashing | None = None,
) -> tuple[Dataset, int]:
    """Load the plan for a report (from the working tree, or as committed at git revision
    ``rev``); stop with the findings if udvikling.yaml is unusable. ``files``: only these
    record files of the working tree (all by default). ``twins``: for a command that only
    reads the records (:func:`udvikling.load.load`), with ``hashing`` from
    :func:`start_hashing`.

    Returns the dataset and the number of data errors (the report says how many records
    were left out, so a reader knows the picture may be incomplete).
    """
    from udvikling.errors import DataError

    if rev is None:
        from udvikling.load import load

        loaded = load(root, files=files, twins=twins, hashing=hashing)
    else:
        from udvikling.review.git import open_repo, resolve
        from udvikling.review.snapshot import load_revision

        repo = open_repo(root)
        loaded = load_revision(repo, resolve(repo, rev))
    errors = [f for f in loaded.findings if f.severity == "error"]
    if loaded.dataset is None:
        first = errors[0] if errors else None
        where = f" ({first.location}: {first.message})" if first else ""
        raise DataError(
            f"udvikling.yaml kan ikke bruges{where}.", "Kør 'udv lint' for at se alle fejl."
        )
    return loaded.dataset, len(errors)


def start_hashing(root: Path, rev: str | None) -> Hashing | None:
    """For a command that reads the whole plan from the working tree: start hashing its
    files in a second process (:func:`udvikling.load.start_hashing`) before it imports the
    rest of what it needs."""
    if rev is not None:
        return None
    from udvikling.load import start_hashing as start

    return start(root)


def warn_errors(count: int) -> None:
    """Tell on stderr that records with errors were left out of a report."""
    if count:
        import sys

        sys.stderr.write(
            f"udv: bemærk: data har {count} fejl; filer med fejl er udeladt. Kør 'udv lint'.\n"
        )


def check_complete(
    root: Path,
    findings: list[Finding],
    what: str,
    *,
    allow_errors: bool,
) -> str | None:
    """Stop (exit 1, nothing written) when records ``what`` needs have errors; with
    ``allow_errors``, go on and return the notice the output must show its reader.

    ``findings``: the errors that leave records out (files with errors, a report naming
    what does not exist). They are printed on stderr, as ``udv lint`` prints them.
    """
    import sys

    from udvikling.danish import count_noun
    from udvikling.errors import DataError
    from udvikling.terminal import file_name, visible

    if not findings:
        return None
    files = sorted({f.path for f in findings})
    lines = [f"{file_name(f.location)}: {f.code} fejl: {f.message}" for f in findings]
    sys.stderr.write(visible("\n".join(lines)) + "\n")
    where = count_noun(len(files), "fil", "filer")
    if not allow_errors:
        it = "den" if len(files) == 1 else "de"
        raise DataError(
            f"{where} med fejl: {what} ville mangle det, {it} indeholder. Intet er skrevet.",
            "Ret fejlene (se 'udv lint'), eller brug --allow-errors for at lave det alligevel "
            "med en advarsel øverst.",
        )
    sys.stderr.write(f"udv: advarsel: {where} med fejl er udeladt af {what}.\n")
    names = ", ".join(file_name(f) for f in files[:5]) + (" m.fl." if len(files) > 5 else "")
    it = "den" if len(files) == 1 else "de"
    return (
        f"Bemærk: Dette er lavet, selv om {where} i planens data har fejl ({names}). "
        f"Det, {it} indeholder, er udeladt, så indholdet kan være ufuldstændigt."
    )


def load_checked(
    root: Path, rev: str | None, what: str, *, allow_errors: bool
) -> tuple[Dataset, str | None]:
    """Load the plan for an output (a document, the site, status sheets) and stop before
    writing anything when a record file has errors (:func:`check_complete`); returns the
    plan and the notice to show its reader when ``allow_errors`` let it go on."""
    from udvikling.errors import DataError

    loaded = _load(root, rev)
    errors = [f for f in loaded.findings if f.severity == "error"]
    dataset = loaded.dataset
    if dataset is None:
        first = errors[0] if errors else None
        where = f" ({first.location}: {first.message})" if first else ""
        raise DataError(
            f"udvikling.yaml kan ikke bruges{where}.", "Kør 'udv lint' for at se alle fejl."
        )
    # A record whose file name is not an id (not UTF-8, 'Bad Name.yaml') has no id an output
    # could use in a file name, link or table: it is left out as a file with an error.
    dataset, misnamed = _without_misnamed(dataset)
    errors += misnamed
    # What is left out: the files whose record did not load. An error in a record that did
    # load (a hidden character in a title, say) leaves nothing out; lint shows it.
    kept = {
        record.path
        for table in (dataset.initiatives, dataset.meetings, dataset.indicators, dataset.reports)
        for record in table.values()
    }
    left_out = [f for f in errors if f.path.startswith("data/") and f.path not in kept]
    notice = check_complete(root, left_out, what, allow_errors=allow_errors)
    return dataset, notice


def _without_misnamed(dataset: Dataset) -> tuple[Dataset, list[Finding]]:
    """``dataset`` without the records whose file name is not a valid id, and the UDV301
    errors (as ``udv lint`` gives them) for their files."""
    from dataclasses import replace

    from udvikling.rules import Context
    from udvikling.rules.ids import check_ids
    from udvikling.vocab import SLUG_RE

    tables = (dataset.initiatives, dataset.meetings, dataset.indicators, dataset.reports)
    if all(SLUG_RE.match(i) for table in tables for i in table):
        return dataset, []
    findings = [
        dataset.place(f) for f in check_ids(dataset, Context(today=date.min)) if f.code == "UDV301"
    ]

    def ok(table: dict[str, Any]) -> dict[str, Any]:
        return {i: r for i, r in table.items() if SLUG_RE.match(i)}

    kept = replace(
        dataset,
        initiatives=ok(dataset.initiatives),
        meetings=ok(dataset.meetings),
        indicators=ok(dataset.indicators),
        reports=ok(dataset.reports),
    )
    return kept, findings


def _load(root: Path, rev: str | None) -> Loaded:
    if rev is None:
        from udvikling.load import load

        return load(root)
    from udvikling.review.git import open_repo, resolve
    from udvikling.review.snapshot import load_revision

    repo = open_repo(root)
    return load_revision(repo, resolve(repo, rev))
