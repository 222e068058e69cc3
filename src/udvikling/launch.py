"""Help and shell completion answered at once, without Typer; all else by the Typer app.

Importing Typer takes longer than a Tab may (issue 29: ``udv --help`` within 0.10 s, a Tab
within 0.15 s). The Typer app in :mod:`udvikling.cli` stays the one definition of the
command line; :mod:`udvikling.clitable` is generated from it (help pages as it prints them,
and every command's parameters in click's order), and a test regenerates it and fails when
it differs. From that table this module answers (first thing in :func:`udvikling.cli.main`,
the console script), byte for byte as the app would:

- a help request (``udv``, ``udv -h``, ``udv CMD --help``, ``udv render notat -h``) on a
  terminal of 80 columns or more, or when the output is not a terminal;
- a Tab in bash, zsh or fish: command and option names, and values of options and arguments
  that :mod:`udvikling.completion` completes (called as the app would call it).

Only with a Typer release the table is known to be right for (each one checked). Whatever it
cannot answer with certainty (another width, an option it does not know, ``--``,
``--opt=value``, options before a command, a completer it does not know, powershell, ...)
goes to the app as before.

It also runs the commands whose body is a plain function (:data:`udvikling.clitable.RUN`:
``udv lint``, ``show``, ``status`` ...) without Typer (:func:`direct`, called by
:func:`udvikling.cli.run`), when every word of the line is one click reads plainly: the
command's name first, then its options (``--name value``, flags) and arguments. The function
gets what Typer would give it, and its errors go to the same handler. Anything else (help,
``--name=value``, ``-fjson``, ``--``, an unknown option, a value that does not convert, a
missing argument) goes to the app, which answers as before.
"""

from __future__ import annotations

import os
import sys

# Not `from typing import TYPE_CHECKING`: importing typing costs more than a Tab's work.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

# A quick answer: what to write to standard output, the exit code, and whether it answers a
# Tab (shell completion ends the process right after writing, as Typer's does).
Answer = tuple[str, int, bool]


def answer_quickly(report: Callable[[str, str | None, int], None]) -> None:
    """Answer ``udv`` (``sys.argv``) from the table and end the process; return when the
    app must answer. ``report`` tells of an output that could not be written, as the app's
    error handler (:func:`udvikling.cli._print_error`) does."""
    if "UDV_NO_QUICK" in os.environ:
        return
    answer = quick(sys.argv[1:])
    if answer is not None:
        _write(*answer, report)


def _write(
    text: str, code: int, completing: bool, report: Callable[[str, str | None, int], None]
) -> None:
    """Write a quick answer as :func:`udvikling.cli.main` writes the app's, and end."""
    from udvikling.errors import UdvError
    from udvikling.streams import finish, guard_standard_streams

    guard_standard_streams()
    try:
        if text:
            sys.stdout.write(text)
            sys.stdout.flush()
    except UdvError as exc:  # standard output closed or failing: told as the app tells it
        report(exc.message, exc.hint, int(exc.exit_code))
        code, completing = int(exc.exit_code), False
    if completing:
        sys.exit(code)
    finish(code, report)


def quick(argv: list[str]) -> Answer | None:
    """The answer to ``udv argv`` from the table, or None when the app must answer."""
    from udvikling import clitable

    if os.environ.get("_UDV_COMPLETE"):
        if argv or not _listed_typer(clitable.TYPER):
            return None
        return _complete(os.environ["_UDV_COMPLETE"])
    page = clitable.HELP.get(tuple(argv))
    if page is None or _help_width() != clitable.WIDTH or not _listed_typer(clitable.TYPER):
        return None
    return clitable.PAGES[page], 0, False


def installed_typer() -> str | None:
    """The installed Typer's version, read from its source (not imported); None when there is
    none to be read."""
    from importlib.util import find_spec

    try:
        spec = find_spec("typer")
        origin = spec.origin if spec is not None else None
        if origin is None:
            return None
        with open(origin, encoding="utf-8") as source:
            text = source.read()
    except (OSError, ValueError, ImportError, UnicodeError):
        return None
    start = text.find('\n__version__ = "')
    if start < 0:
        return None
    start += len('\n__version__ = "')
    end = text.find('"\n', start)
    return text[start:end] if end > start else None


def _listed_typer(releases: tuple[str, ...]) -> bool:
    """Whether the installed Typer is one of ``releases`` (those the table is known to be
    right for)."""
    return installed_typer() in releases


def _help_width() -> int:
    """The width click formats help for: min(columns, 80) - 2, at least 50, with columns as
    :func:`shutil.get_terminal_size` finds them (written out here: importing shutil costs
    more than the rest of an answer)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    try:
        lines = int(os.environ["LINES"])
    except (KeyError, ValueError):
        lines = 0
    if columns <= 0 or lines <= 0:
        try:
            size = os.get_terminal_size(sys.__stdout__.fileno())  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            size = os.terminal_size((80, 24))
        if columns <= 0:
            columns = size.columns or 80
    return max(min(columns, 80) - 2, 50)


def direct(argv: list[str]) -> tuple[Callable[..., Any], dict[str, Any]] | None:
    """The plain function running ``udv argv`` and the arguments Typer would call it with,
    or None when the app must run it (see the module's text)."""
    if "UDV_NO_QUICK" in os.environ or os.environ.get("_UDV_COMPLETE") or not argv:
        return None  # told to ask Typer, or a Tab the table could not answer (Typer's)
    from udvikling import clitable

    # A command (``udv lint``) or a group's command (``udv sheet import``).
    size = 2 if len(argv) > 1 and f"{argv[0]} {argv[1]}" in clitable.RUN else 1
    run = clitable.RUN.get(" ".join(argv[:size]))
    if run is None or not _listed_typer(clitable.TYPER):
        return None
    target, specs = run
    words = _words(clitable.NODES[tuple(argv[:size])][1], specs, argv[size:])
    if words is None:
        return None
    from udvikling.cliparams import convert

    values: dict[str, Any] = {}
    try:
        for name, kind, _ in specs:
            if name in words:
                values[name] = convert(kind, words[name])
    except ValueError:
        return None  # the app tells what is wrong with the value
    import importlib

    module, function = target.split(":")
    return getattr(importlib.import_module(module), function), values


def _words(params: Any, specs: Any, rest: list[str]) -> dict[str, Any] | None:
    """The words (or flags) ``rest`` gives each parameter, read as click reads them, or None
    for anything this does not copy or that click would refuse."""
    kinds = {name: kind for name, kind, _ in specs}
    options: dict[str, Param] = {}
    arguments: list[Param] = []
    for p in params:
        if p[10] == "help":
            continue
        if p[1] not in kinds:
            return None
        if p[0] == "option":
            options.update((opt, p) for opt in (*p[2], *p[3]))
        else:
            arguments.append(p)
    if any(p[7] == -1 for p in arguments[:-1]):
        return None
    words: dict[str, Any] = {}
    positional: list[str] = []
    i = 0
    while i < len(rest):
        word = rest[i]
        if word[:1] == "-" and len(word) > 1:
            param = options.get(word)
            if param is None:
                return None  # --, help, --name=value, -fjson, a mistyped option: the app's
            if param[6]:
                words[param[1]] = word not in param[3]
            else:
                if i + 1 == len(rest) or rest[i + 1][:1] == "-":
                    return None
                i += 1
                if param[8]:
                    words.setdefault(param[1], []).append(rest[i])
                else:
                    words[param[1]] = rest[i]
        else:
            positional.append(word)
        i += 1
    for p in arguments:
        if p[7] == -1:
            if positional:
                words[p[1]] = positional
            positional = []
        elif positional:
            words[p[1]] = positional.pop(0)
    if positional or any(must and name not in words for name, _, must in specs):
        return None
    return words


# --- shell completion, as typer._completion_classes and click's shell_completion do it ---

# One parameter of the table: (kind, name, opts, secondary opts, help, hidden, flag, nargs,
# multiple, simple, completer); see udvikling.clidescribe.
Param = tuple[
    str, str, tuple[str, ...], tuple[str, ...], str | None, bool, bool, int, bool, bool, str
]


class _Context:
    """What a completion function reads of click's context: the parameters' values."""

    def __init__(self, params: dict[str, Any]) -> None:
        self.params = params


def _complete(instruction: str) -> Answer | None:
    shell = {"complete_bash": "bash", "complete_zsh": "zsh", "complete_fish": "fish"}.get(
        instruction
    )
    if shell is None:
        return None
    from udvikling.cliwords import split_arg_string

    if shell == "bash":
        try:
            cwords = split_arg_string(os.environ["COMP_WORDS"])
            cword = int(os.environ["COMP_CWORD"])
        except (KeyError, ValueError):
            return None
        args = cwords[1:cword]
        try:
            incomplete = cwords[cword]
        except IndexError:
            incomplete = ""
    else:
        line = os.getenv("_TYPER_COMPLETE_ARGS", "")
        args = split_arg_string(line)[1:]
        if args and not line.endswith(" "):
            incomplete = args[-1]
            args = args[:-1]
        else:
            incomplete = ""
    items = _items(args, incomplete)
    if items is None or any("\x1b" in v or "\x1b" in (h or "") for v, h in items):
        return None  # click would strip terminal escapes from what it writes: leave it to it
    return _formatted(shell, items)


def _formatted(shell: str, items: list[tuple[str, str | None]]) -> Answer:
    if shell == "bash":
        return "\n".join(v for v, _ in items) + "\n", 0, True
    if shell == "zsh":
        shown = [f'"{_zsh(v)}":"{_zsh(h)}"' if h else f'"{_zsh(v)}"' for v, h in items]
        if shown:
            return "_arguments '*: :((" + "\n".join(shown) + "))'\n", 0, True
        return "_files\n", 0, True
    import re

    space = re.compile(r"\s")
    shown = [f"{v}\t{space.sub(' ', h)}" if h else v for v, h in items]
    action = os.getenv("_TYPER_COMPLETE_FISH_ACTION", "")
    if action == "get-args" and shown:
        return "\n".join(shown) + "\n", 0, True
    if action == "is-args":
        return "", 0 if shown else 1, True
    return "\n", 0, True


def _zsh(text: str) -> str:
    return (
        text.replace('"', '""')
        .replace("'", "''")
        .replace("$", "\\$")
        .replace("`", "\\`")
        .replace(":", r"\\:")
    )


def _items(args: list[str], incomplete: str) -> list[tuple[str, str | None]] | None:
    """The completions (value, help) for ``incomplete`` after ``args``, or None."""
    from udvikling import clitable
    from udvikling.cliwords import command_words, is_command

    nodes: dict[tuple[str, ...], Any] = clitable.NODES
    # The app answers with the commands the line names (udvikling.cli.app_for): with every
    # command when a Tab is on the command's name, with the named one alone after it.
    words = command_words([])
    if args:
        if not (words and words[0] == args[0] and is_command(args[0])):
            return None
    elif any(is_command(w) for w in words):
        return None
    path: tuple[str, ...] = ()
    rest = list(args)
    node = nodes[()]
    while rest:
        if node[0] is None:  # a command: the rest is its options and arguments
            break
        if rest[0].startswith("-") or (*path, rest[0]) not in nodes:
            return None
        path = (*path, rest[0])
        node = nodes[path]
        rest = rest[1:]
    if node[0] is not None and rest:
        return None
    params: list[Param] = list(node[1])
    parsed = _parse(params, rest)
    if parsed is None:
        return None
    given, values = parsed
    full = list(args)
    if incomplete == "=":
        incomplete = ""
    elif "=" in incomplete and incomplete[:1] == "-":
        name, _, incomplete = incomplete.partition("=")
        full.append(name)
    if "--" not in full and incomplete[:1] == "-":
        return _names(node, params, given, incomplete)
    for param in params:
        if param[0] == "option" and not param[6] and _after_option(full, param):
            return _values(param, values, incomplete)
    for param in params:
        if param[0] == "argument" and (param[7] == -1 or param[1] not in given):
            return _values(param, values, incomplete)
    return _names(node, params, given, incomplete)


def _parse(params: list[Param], rest: list[str]) -> tuple[set[str], dict[str, Any]] | None:
    """Which parameters the words after the command give and the value of ``--root``, as
    click's parser reads them while completing; None for anything this does not copy."""
    options = {opt: p for p in params if p[0] == "option" for opt in (*p[2], *p[3])}
    arguments = [p for p in params if p[0] == "argument"]
    if any(not p[9] for p in arguments) or any(p[7] == -1 for p in arguments[:-1]):
        return None
    given: set[str] = set()
    values: dict[str, Any] = {}
    positional = 0
    complete = True
    i = 0
    while i < len(rest):
        word = rest[i]
        if word == "--":
            return None
        if word[:1] == "-" and len(word) > 1:
            param = options.get(word)
            if param is None or not param[9]:
                return None
            if not param[6]:
                if i + 1 == len(rest):
                    complete = False  # "requires an argument": click stops reading here
                    break
                values[param[1]] = rest[i + 1]
                i += 1
            given.add(param[1])
        else:
            positional += 1
        i += 1
    if complete:
        if arguments and arguments[-1][7] == -1:
            given.update(p[1] for p in arguments[: min(positional, len(arguments))])
        elif positional > len(arguments):
            return None
        else:
            given.update(p[1] for p in arguments[:positional])
    root = values.get("root")
    shown: dict[str, Any] = {}
    if any(p[1] == "root" for p in params):
        from pathlib import Path

        shown["root"] = Path(root) if root is not None else None
    return given, shown


def _after_option(args: list[str], param: Param) -> bool:
    """click's test that the last words are ``param``'s name still waiting for a value."""
    last = None
    for index, arg in enumerate(reversed(args)):
        if index + 1 > param[7]:
            break
        if arg[:1] == "-":
            last = arg
            break
    return last is not None and last in param[2]


def _names(
    node: Any, params: list[Param], given: set[str], incomplete: str
) -> list[tuple[str, str | None]]:
    """A command's completions of its own: subcommands, then options not yet given."""
    out: list[tuple[str, str | None]] = [
        (name, short) for name, short in node[0] or () if name.startswith(incomplete)
    ]
    if incomplete and not incomplete[0].isalnum():
        for p in params:
            if p[0] != "option" or p[5] or (not p[8] and p[1] in given):
                continue
            # The help option's names come in the order of a set, as click makes them.
            names = list(set(p[2])) if p[10] == "help" else p[2]
            out += [(n, p[4]) for n in (*names, *p[3]) if n.startswith(incomplete)]
    return out


def _values(
    param: Param, values: dict[str, Any], incomplete: str
) -> list[tuple[str, str | None]] | None:
    """The completions of a parameter's value, as Typer's parameter gives them."""
    completer = param[10]
    if completer == "none":
        return []
    if completer == "file":
        return [(incomplete, None)]
    if not completer.startswith("fn:"):
        return None
    from udvikling import completion

    try:
        found = getattr(completion, completer[3:])(_Context(values), incomplete)
    except Exception:  # the app would fail the same way, and says so as it does
        return None
    out: list[tuple[str, str | None]] = []
    for item in found:
        value, help_text = (item[0], item[1]) if isinstance(item, tuple) else (item, None)
        if not isinstance(value, str) or not isinstance(help_text, str | None):
            return None
        if value.startswith(incomplete):
            out.append((value, help_text))
    return out
