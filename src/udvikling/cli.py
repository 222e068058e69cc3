"""The ``udv`` command line: a thin Typer app over the library, with one error handler.

Each command lives in its own module under :mod:`udvikling.commands` with a
``register(app)`` function; they are found at start-up, so adding a command touches no
shared file. Command bodies import the library lazily to keep ``udv --help`` fast.
"""

from __future__ import annotations

import contextlib
import importlib
import pkgutil
import sys
from typing import Any

import typer

from udvikling import clitext
from udvikling.errors import ExitCode, UdvError

# Commands in the order --help lists them; any other command module follows.
ORDER = (
    "lint",
    "status",
    "overdue",
    "list",
    "show",
    "new",
    "calendar",
    "render",
    "site",
    "diff",
    "history",
    "period",
    "schema",
)


def build_app() -> typer.Typer:
    """The Typer app with every command module registered."""
    clitext.install()
    app = typer.Typer(
        name="udv",
        help="udv holder en udviklingsplan som YAML-filer i git: tjek, status, dokumenter.",
        no_args_is_help=True,
        add_completion=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    def _show_version(value: bool) -> None:
        if value:
            from udvikling import __version__

            typer.echo(f"udv {__version__}")
            raise typer.Exit(0)

    @app.callback()
    def _root(
        version: bool = typer.Option(
            False,
            "--version",
            help="Vis versionen og afslut.",
            is_eager=True,
            callback=_show_version,
        ),
    ) -> None:
        """udv holder en udviklingsplan som YAML-filer i git: tjek, status, dokumenter."""

    from udvikling import commands

    names = [m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_")]
    names.sort(key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))
    for name in names:
        module = importlib.import_module(f"udvikling.commands.{name}")
        module.register(app)
    return app


def _print_error(message: str, hint: str | None) -> None:
    from udvikling.terminal import visible

    sys.stderr.write(f"udv: fejl: {visible(message)}\n")
    if hint:
        sys.stderr.write(f"  tip: {visible(hint)}\n")


def run(argv: list[str] | None = None) -> int:
    """Run ``udv`` with ``argv``; return the exit code. The single error handler lives here."""
    from typer._click.exceptions import NoArgsIsHelpError
    from typer.exceptions import Abort, Exit, TyperException

    try:
        app = build_app()
        result: Any = app(args=argv, prog_name="udv", standalone_mode=False)
    except UdvError as exc:
        _print_error(exc.message, exc.hint)
        return int(exc.exit_code)
    except Exit as exc:
        return int(exc.exit_code)
    except NoArgsIsHelpError as exc:
        # A bare ``udv`` (or ``udv render``): the help, as --help shows it; not an error.
        sys.stdout.write(exc.format_message().rstrip("\n") + "\n")
        return int(ExitCode.OK)
    except Abort as exc:
        if isinstance(exc.__cause__, EOFError):
            # click turns any EOFError escaping a command into Abort, as if Ctrl-C was
            # pressed; an end of input udv did not ask for is a bug, not an interruption.
            return _unexpected(exc.__cause__)
        sys.stderr.write("udv: afbrudt\n")
        return int(ExitCode.INTERRUPTED)
    except TyperException as exc:
        _print_error(clitext.translate(exc.format_message()), _usage_hint(exc))
        return int(ExitCode.USAGE)
    except KeyboardInterrupt:
        sys.stderr.write("udv: afbrudt\n")
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        return int(ExitCode.OK)
    except Exception as exc:  # the last resort: a bug in udv, never bad input
        return _unexpected(exc)
    if isinstance(result, int):
        return result
    return int(ExitCode.OK)


def _unexpected(exc: BaseException) -> int:
    import os
    import traceback

    from udvikling.terminal import visible

    sys.stderr.write(
        "udv: uventet fejl (en programfejl i udv, ikke i dine data): "
        f"{type(exc).__name__}: {visible(str(exc))}\n"
        "  tip: Kør igen med UDV_DEBUG=1 for detaljer, og meld fejlen til udviklerne.\n"
    )
    if os.environ.get("UDV_DEBUG"):
        traceback.print_exception(exc)
    return int(ExitCode.BUG)


def _usage_hint(exc: Any) -> str | None:
    ctx = getattr(exc, "ctx", None)
    if ctx is not None and ctx.command_path:
        # The whole command path: 'udv render sagsfremstilling --help', not the last word.
        words = str(ctx.command_path).split()
        return f"Se '{' '.join(['udv', *words[1:]])} --help'."
    return "Se 'udv --help'."


def main() -> None:
    """Console-script entry point: guarded standard streams, then :func:`run`."""
    from udvikling.streams import flush_stdout, guard_standard_streams, silence

    guard_standard_streams()
    code = run(sys.argv[1:])
    problem = flush_stdout()
    if problem is not None:
        # The report could not be written in full: that is the command's result.
        _print_error(problem.message, problem.hint)
        code = max(code, int(problem.exit_code)) if code != ExitCode.BUG else code
    silence()
    with contextlib.suppress(Exception):
        sys.stderr.flush()
    sys.exit(code)
