"""The command-line options the command modules share, and :func:`declared`, which gives a
command's plain function its Typer parameters.

Imported only where the Typer app is built (each module's ``register``): a command whose
body is a plain function (``run``) can then also be run without Typer, from the table
generated from the app (:mod:`udvikling.launch`).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from udvikling import completion

ROOT = typer.Option(
    "--root",
    metavar="MAPPE",
    help="Datamappen (hvor udvikling.yaml ligger). Standard: søges fra den aktuelle mappe og opad.",
    show_default=False,
)
RootOption = Annotated[Path | None, ROOT]

AS_OF = typer.Option(
    "--as-of",
    metavar="DATO",
    help="Vurdér planen pr. denne dato (fx 2024-04-24). Standard: i dag.",
    show_default=False,
)
AsOfOption = Annotated[str | None, AS_OF]

REV = typer.Option(
    "--rev",
    metavar="REVISION",
    help="Læs planen, som den var committet i denne git-revision (gren, tag eller commit, "
    "fx status/2024-04-24), uden at tjekke noget ud. Standard: arbejdskopien.",
    show_default=False,
)
RevOption = Annotated[str | None, REV]

REPORT_FORMAT = typer.Option(
    "--format",
    "-f",
    metavar="FORMAT",
    help="text (standard), md (Markdown, fx til en pull request eller et notat) eller json.",
    show_default=False,
    autocompletion=completion.report_formats,
)
ReportFormatOption = Annotated[str, REPORT_FORMAT]

# ``udv show`` and ``udv period``: text or JSON.
TEXT_JSON = typer.Option(
    "--format",
    "-f",
    metavar="FORMAT",
    help="text (standard) eller json (beskrevet i docs/json-output.md).",
    autocompletion=completion.text_json,
    show_default=False,
)

ALLOW_ERRORS = typer.Option(
    "--allow-errors",
    help="Lav det alligevel, selv om data har fejl: filer med fejl er udeladt, og det "
    "står øverst i det, der laves.",
)
AllowErrorsOption = Annotated[bool, ALLOW_ERRORS]

# The attribute of a declared command naming its plain function ("module:function"), which
# udvikling.clidescribe writes into the table for the launcher.
RUN_ATTRIBUTE = "udv_run"


def declared(run: Callable[..., int], **parameters: Any) -> Callable[..., int]:
    """``run`` as Typer's command: the same parameters, names, types and defaults, each
    given the Typer parameter (``typer.Option``/``typer.Argument``) named for it, and the
    same help (``run``'s docstring). Every parameter of ``run`` must be given one."""
    signature = inspect.signature(run, eval_str=True)
    missing = [name for name in signature.parameters if name not in parameters]
    extra = [name for name in parameters if name not in signature.parameters]
    if missing or extra:
        raise TypeError(f"{run.__qualname__}: not declared {missing}, unknown {extra}")
    params = [
        p.replace(annotation=Annotated[p.annotation, parameters[p.name]])
        for p in signature.parameters.values()
    ]

    def command(**values: Any) -> int:
        return run(**values)

    command.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in params}
    command.__annotations__["return"] = signature.return_annotation
    command.__doc__ = run.__doc__
    command.__name__ = run.__module__.rsplit(".", 1)[-1] + "_command"
    command.__qualname__ = command.__name__
    command.__module__ = run.__module__
    setattr(command, RUN_ATTRIBUTE, f"{run.__module__}:{run.__name__}")
    return command
