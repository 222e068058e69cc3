"""JSON Schemas (draft 2020-12) of udv's JSON outputs, made from the TypedDicts they are built
from (:mod:`udvikling.output.json_types`).

A small generator rather than pydantic's: the shapes are plain TypedDicts (str, int, bool,
None, Literal, list, dict, nested TypedDicts, unions), and writing the schema here keeps the
committed files byte for byte the same whichever pydantic version is installed. Every object
is closed (``additionalProperties: false``) and every key required, as the outputs write
``null`` for a missing value, never a missing key.
"""

from __future__ import annotations

import json
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin, get_type_hints

from udvikling.output.json_types import OUTPUTS, Format, MinLength
from udvikling.output.report_json import VERSIONS, schema_file

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
VERSION_TEXT = "Formatets version; den tælles op, hvis en nøgle fjernes eller skifter betydning."


def _is_typed_dict(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, dict) and hasattr(tp, "__required_keys__")


def _def_name(tp: type) -> str:
    return tp.__name__.removesuffix("Json")


def _description(tp: type) -> str:
    return " ".join((tp.__doc__ or "").split())


class _Builder:
    """Walks the types of one output, collecting every nested TypedDict in ``defs``."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def object(self, tp: type, first: dict[str, Any] | None = None) -> dict[str, Any]:
        """A TypedDict as a closed object; ``first`` are properties put before its own."""
        properties = dict(first or {})
        for key, hint in get_type_hints(tp, include_extras=True).items():
            properties[key] = self.value(hint)
        return {
            "type": "object",
            "description": _description(tp),
            "additionalProperties": False,
            "required": list(properties),
            "properties": properties,
        }

    def ref(self, tp: type) -> dict[str, Any]:
        name = _def_name(tp)
        if name not in self.defs:
            self.defs[name] = {}  # reserved first: a type may (in future) refer to itself
            self.defs[name] = self.object(tp)
        return {"$ref": f"#/$defs/{name}"}

    def value(self, tp: Any) -> dict[str, Any]:
        origin = get_origin(tp)
        if origin is Annotated:
            inner, *extras = get_args(tp)
            schema = dict(self.value(inner))
            texts = [extra for extra in extras if isinstance(extra, str)]
            for extra in extras:
                if isinstance(extra, Format):
                    schema["format"] = extra.name
                elif isinstance(extra, MinLength):
                    schema["minLength"] = extra.length
            if texts:
                schema["description"] = " ".join(texts)
            return schema
        if tp is Any or tp is object:
            return {}
        if tp is type(None) or tp is None:
            return {"type": "null"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is str:
            return {"type": "string"}
        if origin is Literal:
            return _literal(list(get_args(tp)))
        if origin is list:
            (item,) = get_args(tp)
            return {"type": "array", "items": self.value(item)}
        if origin is dict:
            key, item = get_args(tp)
            schema = {"type": "object", "additionalProperties": self.value(item)}
            if key is not str:
                schema["propertyNames"] = self.value(key)
            return schema
        if origin is Union or origin is types.UnionType:
            return self.union([self.value(arg) for arg in get_args(tp)])
        if _is_typed_dict(tp):
            return self.ref(tp)
        raise TypeError(f"no JSON Schema for {tp!r}")  # a new kind of field: teach it here

    def union(self, members: list[dict[str, Any]]) -> dict[str, Any]:
        """``X | None`` as ``"type": [X, "null"]`` (or one enum) when X is that simple."""
        literals = [m for m in members if "enum" in m or "const" in m]
        if literals and all(m in literals or m == {"type": "null"} for m in members):
            values = [v for m in literals for v in m.get("enum", [m.get("const")])]
            if len(literals) < len(members):
                values.append(None)
            return _literal(values)
        simple = [m for m in members if set(m) <= {"type", "format"}]
        formats = {m["format"] for m in members if "format" in m}
        if len(simple) == len(members) and len(formats) <= 1:
            kinds: list[str] = []
            for m in members:
                kinds += m["type"] if isinstance(m["type"], list) else [m["type"]]
            schema: dict[str, Any] = {"type": kinds}
            if formats:
                schema["format"] = formats.pop()
            return schema
        return {"anyOf": members}


def _literal(values: list[Any]) -> dict[str, Any]:
    names = {bool: "boolean", int: "integer", str: "string", type(None): "null"}
    kinds = sorted({names[type(v)] for v in values}, key=list(names.values()).index)
    schema: dict[str, Any] = {"type": kinds[0] if len(kinds) == 1 else kinds}
    if len(values) == 1:
        schema["const"] = values[0]
    else:
        schema["enum"] = values
    return schema


def schema_for(name: str) -> dict[str, Any]:
    """The JSON Schema of the output ``name`` (a key of ``OUTPUTS``)."""
    output = OUTPUTS[name]
    builder = _Builder()
    version = {"version": {"type": "integer", "const": VERSIONS[name], "description": VERSION_TEXT}}
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "$id": schema_file(name),
        "title": output.title,
    }
    variants = (
        list(get_args(output.body))
        if get_origin(output.body) in (Union, types.UnionType)
        else [output.body]
    )
    if len(variants) == 1:
        body = builder.object(variants[0], first=version)
        schema["description"] = f"{body.pop('description')} Se docs/json-output.md."
        schema.update(body)
    else:
        schema["description"] = f"Det, {output.command} skriver. Se docs/json-output.md."
        schema["oneOf"] = [builder.object(variant, first=version) for variant in variants]
    if builder.defs:
        schema["$defs"] = builder.defs
    return schema


def schema_text(name: str) -> str:
    """The schema as stable, readable JSON text (``name`` without ``output-``)."""
    return json.dumps(schema_for(name), ensure_ascii=False, indent=2) + "\n"
