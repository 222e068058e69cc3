"""Danish for the command line's own words: help headings, the help option, usage errors.

Typer (0.29 and later) ships its own copy of click in ``typer._click``. A few of its words
go through gettext in ``typer.core``; the rest are plain English literals. :func:`install`
points the gettext calls at a Danish table and patches the two literals that show in every
help page ("Usage:" and the help option's text); :func:`translate` turns a formatted usage
error into Danish with an ordered list of patterns. Anything not recognised passes through.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

DANISH: dict[str, str] = {
    "Usage:": "Brug:",
    "Options": "Tilvalg",
    "Arguments": "Argumenter",
    "Commands": "Kommandoer",
    "Show this message and exit.": "Vis denne hjælp og afslut.",
    "Missing command.": "Mangler en kommando.",
    "No such command {name!r}.": "Kommandoen {name!r} findes ikke.",
    "Aborted!": "Afbrudt!",
    "default: {default}": "standard: {default}",
    "required": "påkrævet",
    "env var: {var}": "miljøvariabel: {var}",
    "(dynamic)": "(dynamisk)",
}

HELP_TEXT = DANISH["Show this message and exit."]

# Formatted messages from typer's click, most specific first.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), replacement)
    for pattern, replacement in (
        (
            r"^No such option: (\S+) \(Possible options: (.+)\)$",
            r"Tilvalget \1 findes ikke. Mente du \2?",
        ),
        (r"^No such option: (\S+)$", r"Tilvalget \1 findes ikke."),
        (r"^No such command (.+)\.$", r"Kommandoen \1 findes ikke."),
        (r"^Missing argument (.+)\.(.*)$", r"Mangler argumentet \1.\2"),
        (r"^Missing option (.+)\.(.*)$", r"Mangler tilvalget \1.\2"),
        (r"^Missing parameter: (.+)$", r"Mangler \1."),
        (r"^Missing parameter (.+)\.(.*)$", r"Mangler \1.\2"),
        (r"^Got unexpected extra argument\(s\) \((.+)\)$", r"Uventet ekstra argument: \1"),
        (r"^Got unexpected extra arguments? \((.+)\)$", r"Uventet ekstra argument: \1"),
        (r"^Option (.+) requires an argument\.$", r"Tilvalget \1 kræver en værdi."),
        (r"^Option (.+) requires (\d+) arguments\.$", r"Tilvalget \1 kræver \2 værdier."),
        (r"^Option (.+) does not take a value\.$", r"Tilvalget \1 tager ingen værdi."),
        (r"^Invalid value for (.+?): (.+)$", r"Ugyldig værdi for \1: \2"),
        (r"^Invalid value: (.+)$", r"Ugyldig værdi: \1"),
        (r"^Value (.+) is not a valid integer\.$", r"\1 er ikke et helt tal."),
        (r"^Value (.+) is not a valid float\.$", r"\1 er ikke et decimaltal."),
        (r"^Value (.+) is not a valid (\w+)\.$", r"\1 er ikke en gyldig \2."),
        (r"^(.+) is not one of (.+)\.$", r"\1 er ikke en af \2."),
        (r"^(.+) is not in the range (.+)\.$", r"\1 ligger ikke i intervallet \2."),
        (r"^Choose from:\s*(.+)$", r"Vælg mellem: \1"),
        (r"^(File|Directory|Path) (.+) does not exist\.$", r"\2 findes ikke."),
        (r"^(File|Directory|Path) (.+) is a directory\.$", r"\2 er en mappe."),
        (r"^(File|Directory|Path) (.+) is a file\.$", r"\2 er en fil."),
        (r"^(File|Directory|Path) (.+) is not readable\.$", r"\2 kan ikke læses."),
        (r"^(File|Directory|Path) (.+) is not writable\.$", r"\2 kan ikke skrives."),
        (r"^Could not open file (.+?): (.+)$", r"Kunne ikke åbne filen \1: \2"),
        (r"^Value must be an iterable\.$", r"Værdien skal være en liste."),
    )
)

_INNER = re.compile(r"(?<=: )(.+)$", re.DOTALL)


_DID_YOU_MEAN = re.compile(r"\.? Did you mean (.+)\?$", re.DOTALL)


def _did_you_mean(match: re.Match[str]) -> str:
    *first, last = match.group(1).split(", ")
    return f". Mente du {' eller '.join([', '.join(first), last] if first else [last])}?"


def translate(message: str) -> str:
    """Danish for a formatted usage error from Typer (best effort, never fails)."""
    # Typer adds its suggestion for a mistyped command after click's (already Danish) words.
    text = _DID_YOU_MEAN.sub(_did_you_mean, message.strip())
    # pydantic's prefix on a validator's own message (Typer's choices).
    text = text.removeprefix("Value error, ")
    for pattern, replacement in _PATTERNS:
        if pattern.match(text):
            translated = pattern.sub(replacement, text)
            # "Invalid value for 'X': <inner>": the inner message may be English too.
            if translated.startswith("Ugyldig værdi"):
                inner = _INNER.search(translated)
                if inner:
                    translated = translated[: inner.start()] + translate(inner.group(1))
            return translated
    return text


def _gettext(message: str) -> str:
    return DANISH.get(message, message)


_installed = False


def install() -> None:
    """Put the Danish words in place in Typer's help and errors (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    import typer.core

    module: Any = typer.core
    if hasattr(module, "_"):
        module._ = _gettext
    try:
        from typer._click import core as click_core
        from typer._click import formatting
    except ImportError:  # pragma: no cover - older Typer used the click package
        return

    original_write_usage = formatting.HelpFormatter.write_usage

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = args.replace("[OPTIONS]", "[TILVALG]").replace("COMMAND [ARGS]", "KOMMANDO [ARG]")
        original_write_usage(self, prog, args, "Brug: " if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]

    original_help_option = click_core.Command.get_help_option

    def get_help_option(self: Any, ctx: Any) -> Any:
        option = original_help_option(self, ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    click_core.Command.get_help_option = get_help_option  # type: ignore[method-assign]

    # Arguments are described by their own help text; options show a Danish value word.
    module.TyperArgument.display_type_rich = lambda self, ctx: None
    if hasattr(module.TyperArgument, "_usage_display_name"):
        original_usage_name = module.TyperArgument._usage_display_name

        def usage_name(self: Any) -> str:
            # Typer marks a required argument {ID}; the usual (and click's) form is plain ID.
            name = str(original_usage_name(self))
            if self.required and name.startswith("{"):
                name = name[1:].replace("}", "", 1)
            return name

        module.TyperArgument._usage_display_name = usage_name
    original_option_type = module.TyperOption.display_type_rich

    def option_type(self: Any, ctx: Any) -> str | None:
        shown = original_option_type(self, ctx)
        if shown is None or self.metavar is not None:
            return shown  # type: ignore[no-any-return]
        return _TYPE_WORDS.get(str(shown).strip("<>."), str(shown))

    module.TyperOption.display_type_rich = option_type

    # A Tab's descriptions (titles, names) are the plan's text, shown as written: Typer
    # would run each through rich's markup renderer (and import rich and a Markdown parser,
    # a third of a Tab), though udv's help has no markup (rich_markup_mode=None).
    with contextlib.suppress(ImportError):
        from typer import _completion_classes

        _completion_classes._sanitize_help_text = _as_written

    # Typer's own shell completion options, in Danish.
    import typer.main

    main_module: Any = typer.main
    original_completion = main_module.get_install_completion_arguments

    def completion_arguments() -> tuple[Any, Any]:
        install, show = original_completion()
        install.help = "Installér fuldførelse med Tab for din skal (bash, zsh eller fish)."
        show.help = "Vis fuldførelsesscriptet for din skal, til at kopiere eller tilpasse."
        install.callback = _install_completion
        show.callback = _show_completion
        return install, show

    main_module.get_install_completion_arguments = completion_arguments


SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _shell(value: Any) -> str:
    """The shell named by ``--install-completion SKAL``, else the one udv runs in; a usage
    error in Danish when it is none udv can complete in."""
    from typer._completion_shared import _get_shell_name

    from udvikling.errors import UsageError

    # Some Typer releases hand over their Shells enum (a str whose format is "Shells.bash").
    shell = str(getattr(value, "value", value)) if isinstance(value, str) else _get_shell_name()
    if shell not in SHELLS:
        found = f"Skallen '{shell}'" if shell else "Din skal"
        raise UsageError(
            f"{found} kan udv ikke fuldføre i.",
            "Fuldførelse findes til bash, zsh, fish og PowerShell.",
        )
    return shell


def _install_completion(ctx: Any, param: Any, value: Any) -> Any:
    """Typer's ``--install-completion``, telling what it did in Danish."""
    if not value or ctx.resilient_parsing:
        return value
    import sys

    from typer._completion_shared import install

    shell, path = install(shell=_shell(value))
    sys.stdout.write(
        f"Fuldførelse med Tab er installeret for {shell} i {path}.\n"
        "Den virker, når du har åbnet terminalen igen.\n"
    )
    raise SystemExit(0)


def _show_completion(ctx: Any, param: Any, value: Any) -> Any:
    """Typer's ``--show-completion`` for a shell udv can complete in."""
    if not value or ctx.resilient_parsing:
        return value
    import sys

    from typer._completion_shared import get_completion_script

    script = get_completion_script(
        prog_name="udv", complete_var="_UDV_COMPLETE", shell=_shell(value)
    )
    sys.stdout.write(script + "\n")
    raise SystemExit(0)


def _as_written(text: str) -> str:
    return text


_TYPE_WORDS = {
    "path": "STI",
    "str": "TEKST",
    "int": "TAL",
    "float": "TAL",
    "list[str]": "TEKST",
    "list[path]": "STI",
}
