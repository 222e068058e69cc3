"""Plain conversion of command-line values, so a command starts without pydantic.

Typer (0.29 and later) converts every parameter's value through a pydantic ``TypeAdapter``,
built the first time the parameter is parsed: running any command (and every Tab of shell
completion, which parses the line so far) imports pydantic and builds one adapter per
parameter, about 0.1 s before udv does anything. udv's parameters are only text, paths,
whole numbers, flags and lists of these, so :func:`plain_conversions` gives each such
parameter a conversion of its own through Typer's runtime-parameter hook
(``_TyperParameter.get_runtime_param`` keeps what is put in ``_runtime_param``). Anything
else, or a Typer without that hook, keeps Typer's own conversion: the result is the same
either way, only faster here, and a bad value gets a Danish message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import UnionType
from typing import Any

_TRUE = frozenset({"1", "true", "t", "yes", "y", "on", "ja", "j"})
_FALSE = frozenset({"0", "false", "f", "no", "n", "off", "nej"})


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def _path(value: Any) -> Path:
    return value if isinstance(value, Path) else Path(value)


def _whole(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return value
    return int(str(value).strip())


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError


_CONVERT: dict[Any, tuple[Callable[[Any], Any], str]] = {
    str: (_text, "en tekst"),
    Path: (_path, "en sti"),
    int: (_whole, "et helt tal"),
    bool: (_flag, "ja eller nej"),
}


# The kinds of parameter a command run without Typer may have (udvikling.launch.direct),
# by the element type's conversion; a list of them is the kind with "*".
KINDS: dict[Any, str] = {str: "text", Path: "path", int: "int", bool: "flag"}


def kind_of(annotation: Any) -> str | None:
    """The kind (:data:`KINDS`) of a parameter annotated ``annotation`` (``X | None`` as
    ``X``), or None when it is not converted here."""
    if isinstance(annotation, UnionType):
        args = annotation.__args__
        if len(args) != 2 or type(None) not in args:
            return None
        annotation = next(a for a in args if a is not type(None))
    kind = _plain_kind(annotation)
    if kind is None:
        return None
    return KINDS[kind[1]] + ("*" if kind[0] else "")


def convert(kind: str, value: Any) -> Any:
    """``value`` (a word, or the words of a list) as a parameter of ``kind`` gets it, as
    :func:`plain_conversions` converts it for Typer; ValueError when it is not one."""
    element = next(t for t, name in KINDS.items() if name == kind.rstrip("*"))
    change = _CONVERT[element][0]
    try:
        if kind.endswith("*"):
            return [change(item) for item in value]
        return change(value)
    except (TypeError, OverflowError):
        raise ValueError(value) from None


def _plain_kind(annotation: Any) -> tuple[bool, Any] | None:
    """``(is_list, element type)`` for the annotations converted here, else None."""
    if annotation in _CONVERT:
        return False, annotation
    if getattr(annotation, "__origin__", None) is list:
        args: tuple[Any, ...] = tuple(getattr(annotation, "__args__", ()))
        if len(args) == 1 and args[0] in _CONVERT:
            return True, args[0]
    return None


def _walk(command: Any) -> Iterator[Any]:
    yield from getattr(command, "params", ())
    for sub in getattr(command, "commands", {}).values():
        yield from _walk(sub)


def plain_conversions(command: Any) -> int:
    """Give every parameter of ``command`` (and its subcommands) with a plain annotation a
    conversion without pydantic; return how many were given one. Never fails: a Typer
    without the hook keeps its own conversions."""
    try:
        from typer._click.exceptions import BadParameter
        from typer._coercion import RuntimeParam
    except ImportError:  # pragma: no cover - a Typer without the runtime-parameter layer
        return 0

    @dataclass(frozen=True)
    class Plain(RuntimeParam):
        is_list: bool
        element: Any

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            convert, word = _CONVERT[self.element]
            items = value if isinstance(value, (list, tuple)) else [value]
            try:
                if self.is_list:
                    return [convert(item) for item in items]
                if isinstance(value, (list, tuple)):
                    raise ValueError
                return convert(value)
            except (ValueError, TypeError, OverflowError):
                bad = next((i for i in items if not _converts(convert, i)), value)
                raise BadParameter(f"'{bad}' er ikke {word}.", ctx=ctx, param=param) from None

    def plain(param: Any) -> bool:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or not hasattr(param, "_runtime_param"):
            return False
        if param._runtime_param is not None or descriptor.file_annotation is not None:
            return False
        info = descriptor.parameter_info
        if getattr(info, "parser", None) is not None:
            return False
        if getattr(info, "min", None) is not None or getattr(info, "max", None) is not None:
            return False
        kind = _plain_kind(descriptor.annotation)
        if kind is None:
            return False
        param._runtime_param = Plain(
            parameter_info=info, annotation=descriptor.annotation, is_list=kind[0], element=kind[1]
        )
        return True

    _plain_help_option(plain)
    return sum(plain(param) for param in _walk(command))


_help_patched = False


def _plain_help_option(plain: Callable[[Any], bool]) -> None:
    """The help option is made anew for each command as it is parsed: convert it plainly
    too (once per process; it wraps whatever ``get_help_option`` is in place)."""
    global _help_patched
    if _help_patched:
        return
    from typer._click import core as click_core

    original = click_core.Command.get_help_option

    def get_help_option(self: Any, ctx: Any) -> Any:
        option = original(self, ctx)
        if option is not None:
            plain(option)
        return option

    click_core.Command.get_help_option = get_help_option  # type: ignore[method-assign]
    _help_patched = True


def _converts(convert: Callable[[Any], Any], value: Any) -> bool:
    try:
        convert(value)
    except (ValueError, TypeError, OverflowError):
        return False
    return True
