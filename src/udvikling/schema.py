"""JSON Schemas of the data files, for editors (yaml-language-server) and other checkers."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_FILES = {
    "udvikling": "udvikling.schema.json",
    "initiative": "initiative.schema.json",
    "meeting": "meeting.schema.json",
    "indicator": "indicator.schema.json",
    "report": "report.schema.json",
}

SCHEMA_LINES = {
    "udvikling": "# yaml-language-server: $schema=schema/udvikling.schema.json",
    "initiative": "# yaml-language-server: $schema=../../schema/initiative.schema.json",
    "meeting": "# yaml-language-server: $schema=../../schema/meeting.schema.json",
    "indicator": "# yaml-language-server: $schema=../../schema/indicator.schema.json",
    "report": "# yaml-language-server: $schema=../../schema/report.schema.json",
}


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) for one kind of file."""
    from pydantic import BaseModel

    from udvikling.config import Config
    from udvikling.model import Indicator, Initiative, Meeting
    from udvikling.model_report import Report

    models: dict[str, type[BaseModel]] = {
        "udvikling": Config,
        "initiative": Initiative,
        "meeting": Meeting,
        "indicator": Indicator,
        "report": Report,
    }
    schema: dict[str, Any] = models[kind].model_json_schema(mode="validation")
    _danish_descriptions(schema)
    _allow_name_shorthand(schema)
    _same_across_pydantic(schema)
    _danish_titles(schema, kind)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_FILES[kind]
    return schema


_TITLES = {
    "udvikling": "Planens opsætning (udvikling.yaml)",
    "initiative": "Tiltag",
    "meeting": "Møde",
    "indicator": "Nøgletal",
    "report": "Udsendt rapport",
}


def _danish_titles(schema: Any, kind: str) -> None:
    """Editors show a field's title above its description: pydantic's titles are the English
    field and class names ("Title", "Confidential"), so they go, and the Danish description
    is what the editor shows; the file itself is titled in Danish."""

    def strip(node: Any) -> None:
        if isinstance(node, dict):
            title = node.get("title")
            if isinstance(title, str):
                del node["title"]
            for key, value in node.items():
                if key in ("properties", "$defs", "patternProperties") and isinstance(value, dict):
                    for inner in value.values():
                        strip(inner)
                elif key not in ("default", "examples", "const", "enum"):
                    strip(value)
        elif isinstance(node, list):
            for item in node:
                strip(item)

    strip(schema)
    schema["title"] = _TITLES[kind]


def schema_text(kind: str) -> str:
    """The schema as stable, readable JSON text."""
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _allow_name_shorthand(schema: dict[str, Any]) -> None:
    """Declared things may be written ``id: Navn`` for ``id: {name: Navn}`` (see
    ``config._Named``): let the schema accept the bare name too."""
    from udvikling.config import Beacon, _Named

    names = {cls.__name__ for cls in _named_subclasses(_Named)} | {Beacon.__name__}
    for name, definition in schema.get("$defs", {}).items():
        if name in names:
            schema["$defs"][name] = {
                "anyOf": [
                    {"type": "string", "description": "Kort form: kun navnet på dansk."},
                    definition,
                ],
                "description": definition.get("description", ""),
            }


# What the editor shows for an object whose class docstring is written for programmers (in
# English): the Danish text here replaces it. tests/test_schema.py checks that every
# description in every schema is Danish.
_DANISH_DESCRIPTIONS = {
    "Waiver": "En begrundet undtagelse fra en lint-regel for denne post.",
    "Milestone": "En milepæl i tiltaget: med frist i en periode eller på et møde.",
    "Update": "En dateret opdatering i tiltagets journal: hvad der blev meldt eller besluttet, "
    "og hvornår. Den kan have tekst, ændre tiltagets felter fra sin dato og markere milepæle "
    "som nået.",
    "IndicatorColumn": "En kolonne i taltabellen: én enhed.",
    "IndicatorRow": "En række i taltabellen: én kategori med et tal pr. enhed.",
    "ObligationWaiver": "En begrundelse for, at en forpligtelse ikke blev opfyldt for et organ "
    "i en periode.",
    "Obligation": "En afrapporteringsforpligtelse: en statusbehandling pr. organ i hver periode.",
    "LintConfig": "Indstillinger for udv lint: alvor pr. kode og tærskler.",
    "NameChange": "En ændring fra en dato, fx et nyt navn (det gamle navn står i name). Den "
    "gælder fra den sidste dag i perioden under date.",
    "TrackChange": "En ændring af sporet fra en dato: nyt navn, eller særskilt afrapportering "
    "fra da af.",
    "PlanGroup": "Ét udviklingsspors rækker i tids- og procesplanens tabel, i den givne orden.",
}


def _danish_descriptions(schema: dict[str, Any]) -> None:
    for name, definition in [(schema.get("title"), schema), *schema.get("$defs", {}).items()]:
        if name in _DANISH_DESCRIPTIONS:
            definition["description"] = _DANISH_DESCRIPTIONS[name]


def _same_across_pydantic(node: Any) -> None:
    """Write what older pydantic (2.6) writes differently in the form newer pydantic writes,
    so ``udv schema`` gives the same files whichever allowed version is installed: a
    reference with a description, ``{"allOf": [{"$ref": ...}]}``, becomes ``{"$ref": ...}``
    (draft 2020-12 allows siblings), and a text constant gets its ``"type": "string"``."""
    if isinstance(node, list):
        for item in node:
            _same_across_pydantic(item)
        return
    if not isinstance(node, dict):
        return
    all_of = node.get("allOf")
    if isinstance(all_of, list) and len(all_of) == 1 and set(all_of[0]) == {"$ref"}:
        rest = {k: v for k, v in node.items() if k != "allOf"}
        node.clear()
        node.update({"$ref": all_of[0]["$ref"], **rest})
    if isinstance(node.get("const"), str) and "type" not in node:
        node["type"] = "string"
    for value in node.values():
        _same_across_pydantic(value)


def _named_subclasses(cls: type) -> list[type]:
    found: list[type] = []
    subclasses: list[type] = cls.__subclasses__()
    for sub in subclasses:
        found.extend([sub, *_named_subclasses(sub)])
    return found
