"""Danish for the command line's own words (click and Typer's help and usage errors).

click marks its strings with gettext; udv has no message catalogue to install, so it
replaces the ``_`` those modules call with a lookup in this table. Strings not in the
table pass through unchanged.
"""

from __future__ import annotations

import re
from typing import Any

DANISH: dict[str, str] = {
    "Usage:": "Brug:",
    "Options": "Tilvalg",
    "Arguments": "Argumenter",
    "Commands": "Kommandoer",
    "Show this message and exit.": "Vis denne hjælp og afslut.",
    "Show the version and exit.": "Vis versionen og afslut.",
    "Error: {message}": "Fejl: {message}",
    "Try '{command} {option}' for help.": "Prøv '{command} {option}' for hjælp.",
    "Missing argument": "Mangler argument",
    "Missing option": "Mangler tilvalg",
    "Missing parameter": "Mangler parameter",
    "Missing command.": "Mangler en kommando.",
    "Missing parameter: {param_name}": "Mangler parameter: {param_name}",
    "Missing {param_type}": "Mangler {param_type}",
    "No such command {name!r}.": "Kommandoen {name!r} findes ikke.",
    "No such option {name!r}.": "Tilvalget {name!r} findes ikke.",
    "Option {name!r} does not take a value.": "Tilvalget {name!r} tager ingen værdi.",
    "Invalid value for {param_hint}: {message}": "Ugyldig værdi for {param_hint}: {message}",
    "Invalid value: {message}": "Ugyldig værdi: {message}",
    "Aborted!": "Afbrudt!",
    "default: {default}": "standard: {default}",
    "required": "påkrævet",
    "env var: {var}": "miljøvariabel: {var}",
    "{value!r} is not a valid {number_type}.": "{value!r} er ikke et gyldigt {number_type}.",
    "{value!r} is not one of {choices}.": "{value!r} er ikke en af {choices}.",
    "{value!r} is not {choice}.": "{value!r} er ikke {choice}.",
    "{value} is not in the range {range}.": "{value} ligger ikke i intervallet {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} findes ikke.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} er en mappe.",
    "{name} {filename!r} is a file.": "{name} {filename!r} er en fil.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} kan ikke læses.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} kan ikke skrives.",
    "Could not open file {filename!r}: {message}": "Kunne ikke åbne filen {filename!r}: {message}",
    "Value must be an iterable.": "Værdien skal være en liste.",
    "Choose from:\n\t{choices}": "Vælg mellem:\n\t{choices}",
    "file": "fil",
    "directory": "mappe",
    "path": "sti",
    "integer": "helt tal",
    "float": "decimaltal",
    "boolean": "ja/nej",
    "text": "tekst",
    "argument": "argument",
    "option": "tilvalg",
    "parameter": "parameter",
}

_PLURALS: dict[str, str] = {
    "Got unexpected extra argument ({args})": "Uventet ekstra argument ({args})",
    "Got unexpected extra arguments ({args})": "Uventede ekstra argumenter ({args})",
    "No such option: {name}": "Tilvalget {name} findes ikke",
    "Did you mean {possibility}?": "Mente du {possibility}?",
    "(Possible options: {possibilities})": "(Mulige tilvalg: {possibilities})",
    "Option {name!r} requires an argument.": "Tilvalget {name!r} kræver en værdi.",
    "Option {name!r} requires {nargs} arguments.": "Tilvalget {name!r} kræver {nargs} værdier.",
}


def _gettext(message: str) -> str:
    return DANISH.get(message, _PLURALS.get(message, message))


def _ngettext(singular: str, plural: str, n: int) -> str:
    chosen = singular if n == 1 else plural
    return _PLURALS.get(chosen, DANISH.get(chosen, chosen))


def install() -> None:
    """Point click's and Typer's gettext calls at the Danish table (idempotent)."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.types

    modules: list[Any] = [
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.types,
    ]
    try:
        import typer.core

        modules.append(typer.core)
    except ImportError:  # pragma: no cover - typer always ships core
        pass
    for module in modules:
        if hasattr(module, "_"):
            module._ = _gettext
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext


_SUGGEST = re.compile(r"Did you mean (.+)\?")


def translate(message: str) -> str:
    """Danish for a formatted click message that escaped the table (best effort)."""
    return _SUGGEST.sub(r"Mente du \1?", message)
