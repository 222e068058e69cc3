"""The words of a command line, read without Typer: which command a line names, and how a
shell's completion line splits into words.

Both the full command line (:mod:`udvikling.cli`, which builds only the command a line
names) and the launcher's quick answers (:mod:`udvikling.launch`, which must agree with it
on which app would answer) read the line through these functions, so the two never differ.
"""

from __future__ import annotations

import os

# shlex's whitespace (it splits on these four and nothing else).
_SPACES = str.maketrans("\t\r\n", "   ")


def command_words(argv: list[str]) -> list[str]:
    """The words of the command line that are not options, with shell completion's line
    (passed in the environment, not in ``argv``) while a Tab is answered; while a command's
    own name is being completed (``udv sh``), that unfinished word is left out."""
    words = argv
    if not words and os.environ.get("_UDV_COMPLETE", "").startswith("complete"):
        line = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS") or ""
        words = line.split()[1:]
        if words and not line.endswith((" ", "\t")):
            words = words[:-1]
    return [w for w in words if not w.startswith("-")]


def is_command(word: str) -> bool:
    """Whether ``word`` names a command (a module ``udvikling/commands/<word>.py``)."""
    if not word.isidentifier() or word.startswith("_"):
        return False
    from importlib.util import find_spec

    return find_spec(f"udvikling.commands.{word}") is not None


def split_arg_string(string: str) -> list[str]:
    """Split a completion line as Typer's click does (``shlex`` in POSIX mode, a missing
    closing quote or a trailing escape kept as the partial word). Written here so that a
    Tab answered without Typer splits exactly alike; a line without quotes or backslashes
    splits on spaces, tabs and newlines without importing :mod:`shlex`."""
    if not any(c in string for c in "'\"\\"):
        return [w for w in string.translate(_SPACES).split(" ") if w]
    import shlex

    lex = shlex.shlex(string, posix=True)
    lex.whitespace_split = True
    lex.commenters = ""
    out: list[str] = []
    try:
        for token in lex:
            out.append(token)
    except ValueError:
        out.append(lex.token)
    return out
