"""The ``udv`` command line: a thin Typer app over the library, with one error handler.

Each command lives in its own module under :mod:`udvikling.commands` with a
``register(app)`` function; they are found at start-up, so adding a command touches no
shared file. Command bodies import the library lazily to keep ``udv --help`` fast.
"""

from __future__ import annotations

import sys

from udvikling.cliwords import command_words, is_command
from udvikling.errors import ExitCode, UdvError

# Typer (and the Danish words put into it) is imported where the app is built: udv --help
# and a Tab are answered without it when they can be (udvikling.launch, from main()).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    import typer

# Commands in the order --help lists them; any other command module follows.
ORDER = (
    "init",
    "lint",
    "status",
    "overdue",
    "list",
    "show",
    "new",
    "import",
    "calendar",
    "render",
    "site",
    "diff",
    "history",
    "period",
    "schema",
)


def build_app(only: str | None = None) -> typer.Typer:
    """The Typer app with every command module registered; with ``only`` (a command's name,
    see :func:`command_named`), that command alone, so running it imports no other command's
    module."""
    import importlib
    import pkgutil

    import typer

    from udvikling import clitext

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

    if only is not None:
        names = [only]
    else:
        from udvikling import commands

        names = [m.name for m in pkgutil.iter_modules(commands.__path__) if m.name[0] != "_"]
        names.sort(key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))
    for name in names:
        module = importlib.import_module(f"udvikling.commands.{name}")
        module.register(app)
    return app


def _root_moved(argv: list[str]) -> list[str]:
    """``udv --root X lint`` as ``udv lint --root X``: every command takes ``--root``, and
    people (and monorepo scripts) give it first, as git takes ``-C``."""
    if len(argv) >= 3 and argv[0] == "--root" and not argv[2].startswith("-"):
        return [*argv[2:], *argv[:2]]
    if len(argv) >= 2 and argv[0].startswith("--root=") and not argv[1].startswith("-"):
        return [*argv[1:], argv[0]]
    return argv


def app_for(argv: list[str]) -> typer.Typer:
    """The app that runs ``argv``, with no more commands built than it needs.

    Each module ``udvikling/commands/<name>.py`` registers the command ``<name>``. When the
    first word that is not an option names one, only that command is registered; when no
    word names a command (``udv --help``, ``udv``, a mistyped command, a Tab on a command's
    name), every command is registered without its parameters, which is all a listing, a
    suggestion or a completion of names needs. Anything else gets the full app.
    """
    words = command_words(argv)
    if words and is_command(words[0]):
        return build_app(words[0])
    app = build_app()
    if not any(is_command(w) for w in words):
        _names_only(app)
    return app


def _names_only(app: typer.Typer) -> None:
    """Give every command of ``app`` (below its root) a function without parameters,
    keeping its name and help: building the parameters is most of the cost of ``--help``."""
    import inspect

    def listed() -> None:
        """A command listed, never run."""

    def strip(sub: typer.Typer) -> None:
        for command in sub.registered_commands:
            if command.help is None and command.callback is not None:
                command.help = inspect.getdoc(command.callback)
            command.callback = listed
        for group in sub.registered_groups:
            inner = group.typer_instance
            if inner is None:
                continue
            callback = inner.registered_callback
            if callback is not None:
                if callback.help is None and callback.callback is not None:
                    callback.help = inspect.getdoc(callback.callback)
                callback.callback = listed
            strip(inner)

    strip(app)


# Set by run() when the command line asks for JSON (``-f json``): errors then go to stderr
# as one JSON object (docs/json-output.md, "Fejl"), so a program reading the JSON can read
# the error too.
_json_errors = False


def wants_json(args: list[str]) -> bool:
    """Whether ``args`` ask for JSON output (``-f json``, ``--format json``, ``--format=json``
    or ``-fjson``; not after ``--``)."""
    for position, arg in enumerate(args):
        if arg == "--":
            return False
        if arg in ("--format=json", "-fjson"):
            return True
        if arg in ("-f", "--format") and args[position + 1 : position + 2] == ["json"]:
            return True
    return False


def _print_error(message: str, hint: str | None, code: int = ExitCode.USAGE) -> None:
    from udvikling.terminal import visible

    if _json_errors:
        import json

        from udvikling.output.report_json import document

        error = {"exit_code": int(code), "message": message, "hint": hint}
        out = document("error", {"error": error})
        sys.stderr.write(json.dumps(out, ensure_ascii=False) + "\n")
        return
    sys.stderr.write(f"udv: fejl: {visible(message)}\n")
    if hint:
        sys.stderr.write(f"  tip: {visible(hint)}\n")


def run(argv: list[str] | None = None) -> int:
    """Run ``udv`` with ``argv``; return the exit code. The single error handler lives here."""
    global _json_errors
    given = list(argv if argv is not None else sys.argv[1:])
    _json_errors = wants_json(given)
    try:
        from udvikling.launch import direct

        args = _root_moved(given)
        # A command with a plain body runs without Typer when the line is plain (launch).
        found = direct(args)
        if found is not None:
            function, values = found
            result: Any = function(**values)
        else:
            result = _run_app(args)
    except UdvError as exc:
        _print_error(exc.message, exc.hint, exc.exit_code)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        _interrupted()
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        return int(ExitCode.OK)
    except ModuleNotFoundError as exc:
        from udvikling.optional import missing_library

        missing = missing_library(exc)
        if missing is None:
            return _unexpected(exc)
        _print_error(*missing)
        return int(ExitCode.USAGE)
    except Exception as exc:  # Typer's own ends, else the last resort: a bug, never bad input
        code = _typer_end(exc)
        return _unexpected(exc) if code is None else code
    if isinstance(result, int):
        return result
    return int(ExitCode.OK)


def _run_app(args: list[str]) -> Any:
    """Run ``args`` through the Typer app built for them; its result."""
    import typer.main

    from udvikling.cliparams import plain_conversions

    command = typer.main.get_command(app_for(args))
    plain_conversions(command)
    return command.main(args=args, prog_name="udv", standalone_mode=False)


def _typer_end(exc: Exception) -> int | None:
    """The exit code for an exception by which Typer (click) ends a command, told as it must
    be; None for any other exception (none of Typer's can be raised before it is imported)."""
    if "typer" not in sys.modules:
        return None
    from typer._click.exceptions import NoArgsIsHelpError
    from typer.exceptions import Abort, Exit, TyperException

    if isinstance(exc, Exit):
        return int(exc.exit_code)
    if isinstance(exc, NoArgsIsHelpError):
        # A bare ``udv`` (or ``udv render``): the help, as --help shows it; not an error.
        sys.stdout.write(exc.format_message().rstrip("\n") + "\n")
        return int(ExitCode.OK)
    if isinstance(exc, Abort):
        if isinstance(exc.__cause__, EOFError):
            # click turns any EOFError escaping a command into Abort, as if Ctrl-C was
            # pressed; an end of input udv did not ask for is a bug, not an interruption.
            return _unexpected(exc.__cause__)
        _interrupted()
        return int(ExitCode.INTERRUPTED)
    if isinstance(exc, TyperException):
        from udvikling import clitext

        _print_error(clitext.translate(exc.format_message()), _usage_hint(exc))
        return int(ExitCode.USAGE)
    return None


def _interrupted() -> None:
    if _json_errors:
        _print_error("afbrudt", None, ExitCode.INTERRUPTED)
    else:
        sys.stderr.write("udv: afbrudt\n")


def _unexpected(exc: BaseException) -> int:
    import os
    import traceback

    from udvikling.terminal import visible

    if _json_errors:
        _print_error(
            f"uventet fejl (en programfejl i udv, ikke i dine data): {type(exc).__name__}: {exc}",
            "Kør igen med UDV_DEBUG=1 for detaljer, og meld fejlen til udviklerne.",
            ExitCode.BUG,
        )
        if os.environ.get("UDV_DEBUG"):
            traceback.print_exception(exc)
        return int(ExitCode.BUG)
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


def _without_plugin_loader(disabled: str) -> None:
    """With every pydantic plugin switched off, stand in for pydantic's plugin loader.

    The loader answers "no plugins" when ``PYDANTIC_DISABLE_PLUGINS`` says all are off, but
    it imports ``importlib.metadata`` (and with it email, zipfile and socket: a tenth of
    ``udv lint``'s imports) before it reads the setting. The stand-in gives the loader's
    one function (pydantic imports nothing else from it) and that same answer. With only
    some plugins switched off, or the loader already imported, pydantic's own is used.
    """
    import types

    name = "pydantic.plugin._loader"
    if disabled not in ("__all__", "1", "true") or name in sys.modules:
        return
    stand_in = types.ModuleType(name, "udv's stand-in: every pydantic plugin is switched off.")
    stand_in.get_plugins = tuple  # type: ignore[attr-defined]  # get_plugins() -> ()
    sys.modules[name] = stand_in


def main() -> None:
    """Console-script entry point: a help page or a Tab answered from the table generated
    from this app where it can be (:mod:`udvikling.launch`), else guarded standard streams,
    then :func:`run`."""
    import os

    from udvikling.launch import answer_quickly
    from udvikling.streams import finish, guard_standard_streams

    answer_quickly(_print_error)

    # udv uses no pydantic plugins; without this, building the first model scans every
    # installed package's entry points for them (10-20 ms of each run that validates).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    _without_plugin_loader(os.environ["PYDANTIC_DISABLE_PLUGINS"])
    guard_standard_streams()
    # A report standard output could not take in full is the command's result (finish).
    finish(run(sys.argv[1:]), _print_error)
