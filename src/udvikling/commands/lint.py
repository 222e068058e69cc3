"""``udv lint``: every problem in the data, all at once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    import typer

    from udvikling.lint import LintResult


def run(
    files: list[Path] | None = None,
    output_format: str = "text",
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    strict: bool = False,
    pre_commit: bool = False,
    max_findings: int = 200,  # output.lint_text.MAX_FINDINGS, not imported: `udv lint` starts fast
    root: Path | None = None,
    as_of: str | None = None,
) -> int:
    """Tjek alle data: YAML, felter, perioder, henvisninger og planens regler."""
    from udvikling.commands._common import parse_as_of, resolve_root, today
    from udvikling.errors import ExitCode, UsageError
    from udvikling.lint import lint, select_findings
    from udvikling.output.lint_formats import FORMATS

    if output_format not in FORMATS:
        raise UsageError(f"Ukendt format '{output_format}'.", f"Vælg et af: {', '.join(FORMATS)}.")
    if max_findings < 0:
        raise UsageError(
            f"--max-findings skal være 0 eller mere, ikke {max_findings}.",
            "Skriv fx --max-findings 50, eller --max-findings 0 for at se alle fund.",
        )
    plans = _plans_below(root)
    if plans is not None:
        return _lint_many(
            plans,
            files or [],
            pre_commit,
            as_of,
            select,
            ignore,
            strict,
            output_format,
            max_findings,
        )
    data_root = resolve_root(root)
    if pre_commit:
        import os

        from udvikling.hook import plan_touched

        if not plan_touched(data_root, files or [], os.environ):
            return int(ExitCode.OK)
        files = None  # one file can break another: the whole plan is checked
    only = _selection(data_root, files) if files else None

    result = lint(data_root, parse_as_of(as_of), only, clock=today())
    result = select_findings(result, _codes(select), _codes(ignore))
    _print(result, output_format, data_root, max_findings)
    failing = {"error", "warning"} if strict else {"error"}
    failed = any(f.severity in failing for f in result.findings)
    return int(ExitCode.DATA_ERRORS if failed else ExitCode.OK)


def _plans_below(root: Path | None) -> list[Path] | None:
    """Without ``--root`` and with no plan at or above the current folder: the plans below
    it (a repository of many plans), or None to go on as for one plan (whose error then
    says that none was found)."""
    if root is not None:
        return None
    from udvikling.errors import EnvironmentProblem
    from udvikling.plan_root import find_plans, find_root

    try:
        find_root(Path.cwd())
        return None
    except EnvironmentProblem:
        pass
    return find_plans(Path.cwd()) or None


def _lint_many(
    plans: list[Path],
    files: list[Path],
    pre_commit: bool,
    as_of: str | None,
    select: list[str] | None,
    ignore: list[str] | None,
    strict: bool,
    output_format: str,
    max_findings: int,
) -> int:
    """Lint every plan below the current folder (with ``--pre-commit``: those the commit
    touches) and report them as one, paths from the current folder, one summary."""
    import os
    from dataclasses import replace

    from udvikling.commands._common import parse_as_of, today
    from udvikling.errors import ExitCode
    from udvikling.lint import LintResult, select_findings
    from udvikling.plan_root import plan_of

    here = Path.cwd().resolve()
    chosen = plans
    only: dict[Path, list[str] | None] = dict.fromkeys(plans)
    if pre_commit:
        from udvikling.hook import plan_touched

        given: dict[Path, list[Path]] = {}
        for file in files:
            plan = plan_of(here / file, plans)
            if plan is not None:
                given.setdefault(plan, []).append(here / file)
        chosen = [p for p in plans if plan_touched(p, given.get(p, []), os.environ)]
    elif files:
        chosen = []
        for plan in plans:
            mine = [here / f for f in files if plan_of(here / f, plans) == plan]
            if mine:
                chosen.append(plan)
                only[plan] = _selection(plan, mine)
        if not chosen:
            from udvikling.errors import UsageError

            raise UsageError(
                "Ingen af filerne hører til en plan under denne mappe.",
                "Angiv filer i en plans data/-mappe eller dens udvikling.yaml.",
            )
    day, clock = parse_as_of(as_of), today()
    findings = []
    checked = 0
    for plan, result in zip(chosen, _lint_each(chosen, only, day, clock), strict=True):
        prefix = plan.relative_to(here).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        findings += [replace(f, path=prefix + f.path) for f in result.findings]
        checked += result.files_checked
    result = select_findings(LintResult(findings, checked), _codes(select), _codes(ignore))
    if chosen:
        _print(result, output_format, here, max_findings)
    if output_format == "text":
        import sys

        from udvikling.danish import count_noun

        names = ", ".join(p.relative_to(here).as_posix() for p in chosen) or "ingen"
        sys.stderr.write(
            f"{count_noun(len(chosen), 'plan', 'planer')} tjekket af "
            f"{count_noun(len(plans), 'plan', 'planer')} under {here}: {names}.\n"
        )
    failing = {"error", "warning"} if strict else {"error"}
    failed = any(f.severity in failing for f in result.findings)
    return int(ExitCode.DATA_ERRORS if failed else ExitCode.OK)


def _lint_one(job: tuple[Path, list[str] | None, date, date]) -> LintResult:
    from udvikling.lint import lint

    plan, only, day, clock = job
    return lint(plan, day, only, clock=clock)


def _lint_each(
    plans: list[Path], only: dict[Path, list[str] | None], day: date, clock: date
) -> list[LintResult]:
    """Each plan's lint result, in order: on every core when there are several plans (a
    forked process per core; one after another where processes cannot be had)."""
    import os

    jobs = [(plan, only[plan], day, clock) for plan in plans]
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers > 1 and hasattr(os, "fork"):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                return list(pool.map(_lint_one, jobs))
        except (BrokenProcessPool, OSError):
            pass  # no processes to be had: the same work, one plan after another
    return [_lint_one(job) for job in jobs]


def _codes(values: list[str] | None) -> list[str]:
    from udvikling.codes import CODES
    from udvikling.errors import UsageError

    codes: list[str] = []
    for value in values or []:
        for part in value.split(","):
            code = part.strip().upper()
            if not code:
                continue
            if not any(known.startswith(code) for known in CODES):
                raise UsageError(
                    f"Koden '{part.strip()}' findes ikke.",
                    "Se alle koder i docs/rules.md, fx UDV201 eller gruppen UDV2.",
                )
            codes.append(code)
    return codes


def _repo_prefix(root: Path) -> str:
    """The plan's folder in its git repository (``"plan/"``; ``""`` at the top or outside git)."""
    from udvikling.errors import EnvironmentProblem
    from udvikling.review.git import open_repo

    try:
        return open_repo(root).prefix
    except EnvironmentProblem:
        return ""


def _print(result: object, output_format: str, root: Path, max_findings: int) -> None:
    from udvikling.commands.status import use_rich, write_output
    from udvikling.lint import LintResult
    from udvikling.output import lint_formats
    from udvikling.output.lint_text import print_text, write_plain

    assert isinstance(result, LintResult)
    if output_format == "text":
        if use_rich():
            print_text(result, max_findings)
        else:
            write_plain(result)
        return
    if output_format == "json":
        write_output(lint_formats.to_json(result.findings))
        return
    # CI systems read paths relative to the repository, which may hold the plan in a folder.
    render = {"github": lint_formats.to_github, "gitlab": lint_formats.to_gitlab}[output_format]
    write_output(render(result.findings, _repo_prefix(root)))


def _selection(root: Path, arguments: list[Path]) -> list[str] | None:
    """The files udv reads among ``arguments`` (a folder stands for the files in it); None
    for the whole plan. An argument that names nothing udv reads is a usage error, so a
    check never passes over nothing."""
    from udvikling.errors import UsageError
    from udvikling.load import list_files
    from udvikling.plan_root import CONFIG_FILE

    listed, problems = list_files(root)
    known = {CONFIG_FILE, *listed, *(f.path for f in problems)}
    chosen: list[str] = []
    for argument in arguments:
        rel = _relative(root, argument)
        if rel == ".":
            return None
        folder = (root / rel).is_dir() and not (root / rel).is_symlink()
        inside = sorted(k for k in known if k.startswith(f"{rel}/")) if folder else []
        if folder and not inside:
            raise UsageError(
                f"Mappen {argument} har ingen filer, som udv tjekker.",
                "udv tjekker udvikling.yaml og .yaml-filerne i data/initiatives, "
                "data/meetings og data/indicators; angiv dem, en af de mapper eller ingenting "
                "(hele planen).",
            )
        if not folder and rel not in known:
            raise UsageError(
                f"udv tjekker ikke filen {argument}.",
                "udv tjekker udvikling.yaml og .yaml-filerne i data/initiatives, "
                "data/meetings og data/indicators.",
            )
        chosen.extend(inside if folder else [rel])
    return list(dict.fromkeys(chosen))


def _relative(root: Path, file: Path) -> str:
    """``file`` relative to the data repository; a file outside it is a usage error."""
    import os

    from udvikling.errors import UsageError
    from udvikling.fileio import resolve_path, write_error_text

    absolute = Path(os.path.normpath(file if file.is_absolute() else Path.cwd() / file))
    if not os.path.lexists(absolute):
        raise UsageError(f"Filen {file} findes ikke.", "Angiv en fil i planens data/-mappe.")
    try:
        resolved = resolve_path(absolute.parent) / absolute.name  # a link names itself
        return resolved.relative_to(resolve_path(root)).as_posix()
    except OSError as exc:
        raise UsageError(f"Filen {file} kan ikke tjekkes: {write_error_text(exc)}.") from None
    except ValueError:
        raise UsageError(
            f"Filen {file} ligger ikke i planen i {root}.",
            "Angiv filer under datamappen, eller vælg en anden plan med --root.",
        ) from None


def register(app: typer.Typer) -> None:
    """Add ``udv lint`` to ``app``."""
    import typer

    from udvikling import completion
    from udvikling.commands._options import AS_OF, ROOT, declared

    command = declared(
        run,
        files=typer.Argument(
            metavar="FIL",
            help="Kun disse filer eller mapper (referencer tjekkes stadig mod hele planen).",
            show_default=False,
        ),
        output_format=typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text (standard), json, github (annoteringer i GitHub Actions) eller gitlab "
            "(Code Quality-rapport).",
            show_default=False,
            autocompletion=completion.lint_formats,
        ),
        select=typer.Option(
            "--select",
            metavar="KODE",
            help="Vis kun disse koder eller kodegrupper, fx UDV2 eller UDV601 (kan gentages "
            "eller kommasepareres).",
            show_default=False,
        ),
        ignore=typer.Option(
            "--ignore",
            metavar="KODE",
            help="Spring disse koder eller kodegrupper over (kan gentages eller kommasepareres).",
            show_default=False,
        ),
        strict=typer.Option("--strict", help="Advarsler giver også exit-kode 1."),
        pre_commit=typer.Option(
            "--pre-commit",
            help="Til pre-commit-hooken: tjek hele planen, hvis en af filerne eller en "
            "slettet fil hører til planen; ellers tjekkes intet.",
        ),
        max_findings=typer.Option(
            "--max-findings",
            metavar="ANTAL",
            help="Højst så mange fund i terminalen (standard 200; 0 viser alle). Sendt videre "
            "til en fil eller et andet program, og i de andre formater, vises altid alle.",
            show_default=False,
        ),
        root=ROOT,
        as_of=AS_OF,
    )
    app.command("lint", short_help="Tjek alle data: fund med linje, kode og tip.")(command)
