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
        add_completion=False,
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
    sys.stderr.write(f"udv: fejl: {message}\n")
    if hint:
        sys.stderr.write(f"  tip: {hint}\n")


def run(argv: list[str] | None = None) -> int:
    """Run ``udv`` with ``argv``; return the exit code. The single error handler lives here."""
    from typer.exceptions import Abort, Exit, TyperException

    try:
        app = build_app()
        result: Any = app(args=argv, prog_name="udv", standalone_mode=False)
    except UdvError as exc:
        _print_error(exc.message, exc.hint)
        return int(exc.exit_code)
    except Exit as exc:
        return int(exc.exit_code)
    except Abort:
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
        import os
        import traceback

        sys.stderr.write(
            "udv: uventet fejl (en programfejl i udv, ikke i dine data): "
            f"{type(exc).__name__}: {exc}\n"
            "  tip: Kør igen med UDV_DEBUG=1 for detaljer, og meld fejlen til udviklerne.\n"
        )
        if os.environ.get("UDV_DEBUG"):
            traceback.print_exc()
        return int(ExitCode.BUG)
    if isinstance(result, int):
        return result
    return int(ExitCode.OK)


def _usage_hint(exc: Any) -> str | None:
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        return f"Se 'udv {ctx.info_name} --help'." if ctx.info_name != "udv" else "Se 'udv --help'."
    return "Se 'udv --help'."


def main() -> None:
    """Console-script entry point."""
    code = run(sys.argv[1:])
    with contextlib.suppress(BrokenPipeError):
        sys.stdout.flush()
    sys.exit(code)
