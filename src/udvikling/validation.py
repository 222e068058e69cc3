"""Validate plain YAML data against a model; turn pydantic's errors into located Danish findings.

This is the library edge where pydantic's ``ValidationError`` is rewritten: a user never sees
a raw one. Each error's ``loc`` is mapped onto the file's positions (see
:class:`~udvikling.yamlsrc.SourceMap`).
"""

from __future__ import annotations

import functools
import re
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from udvikling.codes import severity_of
from udvikling.findings import Finding
from udvikling.hints import did_you_mean
from udvikling.sourcemap import Loc, SourceMap

M = TypeVar("M", bound=BaseModel)

_EXPECTED_RE = re.compile(r"'([^']*)'")

_TYPE_NAMES = {dict: "en mapping (felter med nøgle: værdi)", list: "en liste", str: "tekst"}


def describe_loc(loc: Loc) -> str:
    """``("milestones", 1, "due")`` as ``milestones[2].due`` (1-based for people)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that the mapping at ``loc`` is validated as, if any."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            # Inside a dict[str, Model]: the key selects an entry, not a field.
            current = _unwrap(current)
            continue
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _unwrap(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Find the model class inside Optional[...], tuple[X, ...], dict[K, X] and Annotated."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, tuple, list, dict):
        for arg in reversed(typing.get_args(annotation)):
            found = _unwrap(arg)
            if isinstance(found, type) and issubclass(found, BaseModel):
                return found
        return annotation
    return annotation


# The keys are English; people write Danish ones. Each Danish word for a key, as typed
# (lowercase, _ for space or -), points at the English key where that key exists.
_DANISH_KEYS: dict[str, str] = {
    **dict.fromkeys(("titel", "overskrift"), "title"),
    **dict.fromkeys(("spor", "udviklingsspor"), "track"),
    **dict.fromkeys(("ansvarlig", "ejer"), "owner"),
    "niveau": "level",
    **dict.fromkeys(("enhed", "enheder", "aftaleomraade", "aftaleområde"), "units"),
    **dict.fromkeys(("startdato", "begyndelse", "iværksættelse"), "start"),
    **dict.fromkeys(("frist", "deadline", "slut", "slutdato", "tidsfrist"), "due"),
    **dict.fromkeys(("beskrivelse", "formål"), "description"),
    **dict.fromkeys(("milepæle", "milepaele", "milepæl", "milepael"), "milestones"),
    **dict.fromkeys(("opdateringer", "opdatering", "journal"), "updates"),
    **dict.fromkeys(("afhænger_af", "afhaenger_af", "afhængigheder"), "depends_on"),
    **dict.fromkeys(("pejlemærker", "pejlemaerker", "pejlemærke"), "beacons"),
    **dict.fromkeys(("kilder", "kilde"), "sources"),
    **dict.fromkeys(("fortrolig", "hemmelig"), "confidential"),
    **dict.fromkeys(("emner", "nøgleord"), "tags"),
    **dict.fromkeys(("dato", "mødedato"), "date"),
    **dict.fromkeys(("organ", "udvalg"), "body"),
    **dict.fromkeys(("type", "art", "mødetype"), "kind"),
    **dict.fromkeys(("punkter", "dagsorden", "dagsordenspunkter"), "items"),
    **dict.fromkeys(("sagsnr", "sagsnummer"), "case_no"),
    **dict.fromkeys(("fraværende", "fravaerende", "afbud"), "absent"),
    **dict.fromkeys(("tiltag",), "initiatives"),
    **dict.fromkeys(("beslutning",), "decision"),
    **dict.fromkeys(("indstilling",), "recommendation"),
    **dict.fromkeys(("bemærkninger", "bemaerkninger", "bemærkning"), "remarks"),
    **dict.fromkeys(("bilag",), "attachments"),
    **dict.fromkeys(("sagsgang",), "route"),
    **dict.fromkeys(("sagsfremstilling", "resumé", "resume", "sammenfatning"), "summary"),
    **dict.fromkeys(("økonomi", "oekonomi", "økonomiske_konsekvenser"), "economy"),
    **dict.fromkeys(("lovgrundlag",), "legal_basis"),
    **dict.fromkeys(("politikker", "sammenhæng"), "policies"),
    **dict.fromkeys(("åben", "aaben", "offentlig"), "public"),
    **dict.fromkeys(("tekst",), "text"),
    **dict.fromkeys(("navn",), "name"),
    **dict.fromkeys(("nået", "naaet", "udført"), "done"),
    **dict.fromkeys(("møde", "moede"), "meeting"),
    **dict.fromkeys(("undtagelser",), "waivers"),
    **dict.fromkeys(("begrundelse", "årsag"), "reason"),
    **dict.fromkeys(("kode",), "code"),
    **dict.fromkeys(("indtil",), "until"),
}


def _clean_loc(loc: tuple[int | str, ...], source: SourceMap) -> tuple[Loc, bool]:
    """Drop pydantic's own loc segments; tell whether the error is about a key."""
    parts = list(loc)
    is_key = False
    if parts and parts[-1] == "[key]":
        parts.pop()
        is_key = True
    return tuple(parts), is_key


def _show(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "en mapping"
    if isinstance(value, list):
        return "en liste"
    if isinstance(value, bool):
        return "en ja/nej-værdi"
    return f'"{_show(value)}"'


def errors_to_findings(
    exc: ValidationError, model: type[BaseModel], source: SourceMap, prefix: Loc = ()
) -> list[Finding]:
    """Rewrite each pydantic error as a finding at its line."""
    findings: list[Finding] = []
    for err in exc.errors(include_url=False):
        loc, is_key = _clean_loc(err["loc"], source)
        loc = prefix + loc
        findings.append(_translate(err, loc, is_key, model, source, prefix))
    return findings


def _translate(
    err: Any, loc: Loc, is_key: bool, model: type[BaseModel], source: SourceMap, prefix: Loc
) -> Finding:
    kind: str = err["type"]
    ctx: dict[str, Any] = err.get("ctx") or {}
    value = err.get("input")
    where = describe_loc(loc)
    hint: str | None = ctx.get("hint")

    def make(code: str, message: str, hint: str | None, at: Loc, key: bool = False) -> Finding:
        pos = source.locate(at, key=key)
        return Finding(source.path, pos.line, pos.column, code, severity_of(code), message, hint)

    if kind == "missing":
        field = where or "?"
        return make("UDV102", f"Feltet '{field}' mangler.", _missing_hint(loc), loc[:-1])
    if kind == "extra_forbidden":
        name = str(loc[-1]) if loc else "?"
        parent = _model_at(model, loc[len(prefix) : -1])
        suggestion = None
        if parent is not None:
            english = _DANISH_KEYS.get(name.lower().replace("-", "_").replace(" ", "_"))
            if english in parent.model_fields:
                suggestion = english
            else:
                suggestion = did_you_mean(name, parent.model_fields)
        fields = ", ".join(
            f for f, info in (parent.model_fields.items() if parent else []) if not info.exclude
        )
        fix = f"Mente du '{suggestion}'? " if suggestion else ""
        return make(
            "UDV101",
            f"Ukendt felt '{where}'.",
            f"{fix}Tilladte felter her: {fields}." if fields else None,
            loc,
            key=True,
        )
    if kind == "literal_error":
        allowed = _EXPECTED_RE.findall(str(ctx.get("expected", "")))
        suggestion = did_you_mean(str(value), allowed) if isinstance(value, str) else None
        fix = f"Mente du '{suggestion}'? " if suggestion else ""
        if loc in source.bool_words:
            value = source.bool_words[loc]
        return make(
            "UDV106",
            f"'{_show(value)}' er ikke en tilladt værdi for '{where}'.",
            f"{fix}Tilladte værdier: {', '.join(allowed)}.",
            loc,
        )
    if kind in ("period", "period_type"):
        return make("UDV104", f"'{where}': {err['msg']}", hint, loc)
    if kind in ("date", "date_type"):
        return make("UDV105", f"'{where}': {err['msg']}", hint, loc)
    if value is None and kind.endswith("_type"):
        return make(
            "UDV102",
            f"Feltet '{where}' er tomt.",
            "Skriv en værdi efter kolon, eller slet feltet.",
            loc,
        )
    if loc in source.bool_words and kind in ("string_type", "slug_type"):
        word = source.bool_words[loc]
        return make(
            "UDV004",
            f"'{word}' i '{where}' læses af YAML som en ja/nej-værdi, men her skal stå tekst.",
            f'Sæt anførselstegn om ordet: "{word}".',
            loc,
        )
    message, default_hint = _generic(kind, value, ctx, where)
    if message is None:
        message = f"'{where}': {err['msg']}"
    return make("UDV103", message, hint or default_hint, loc, key=is_key)


def _generic(
    kind: str, value: Any, ctx: dict[str, Any], where: str
) -> tuple[str | None, str | None]:
    if kind in ("string_type", "slug_type"):
        return (f"'{where}' skal være tekst, men er {_kind_of(value)}.", None)
    if kind == "slug":
        return (f"'{where}': \"{_show(value)}\" er ikke et gyldigt id.", None)
    if kind in ("tuple_type", "list_type"):
        hint = "Skriv én værdi pr. linje med '- ' foran, eller [a, b]."
        if isinstance(value, str):
            hint = f"Skriv [{_show(value)}] for en liste med én værdi."
        return (f"'{where}' skal være en liste, men er {_kind_of(value)}.", hint)
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return (
            f"'{where or 'filen'}' skal være en mapping (felter med nøgle: værdi), "
            f"men er {_kind_of(value)}.",
            None,
        )
    if kind in ("bool_type", "bool_parsing"):
        return (f"'{where}' skal være true eller false, men er {_kind_of(value)}.", None)
    if kind in ("decimal_parsing", "decimal_type", "float_parsing", "float_type"):
        return (
            f"'{where}' skal være et tal, men er {_kind_of(value)}.",
            "Brug punktum som decimaltegn, fx 2.78.",
        )
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return (f"'{where}' skal være et helt tal, men er {_kind_of(value)}.", None)
    if kind in ("greater_than_equal", "greater_than"):
        limit = ctx.get("ge", ctx.get("gt"))
        return (f"'{where}' skal være mindst {limit}.", None)
    if kind == "finite_number":
        return (f"'{where}' skal være et endeligt tal, men er {_kind_of(value)}.", None)
    if kind in ("decimal_max_digits", "decimal_max_places", "decimal_whole_digits"):
        return (f"'{where}' har for mange cifre.", None)
    return (None, None)


_FIELD_HINTS: dict[str, str] = {
    "title": "Tilføj fx title: Kommunikationsstrategi for Socialområdet",
    "track": "Tilføj track: med et udviklingsspor fra udvikling.yaml.",
    "owner": "Tilføj owner: med en ansvarlig fra udvikling.yaml.",
    "level": "Tilføj level: central eller level: decentral.",
    "status": "Tilføj status: planlagt, i-gang, afsluttet, udskudt eller opgivet.",
    "body": "Tilføj body: med et organ fra udvikling.yaml, fx vpu.",
    "date": "Tilføj date:, fx 2024-04-24 eller 1. kvartal 2023.",
    "kind": "Tilføj kind:, fx status eller beslutning.",
    "text": "Tilføj text: med opdateringens indhold.",
    "name": "Tilføj name: med navnet på dansk.",
}


def _missing_hint(loc: Loc) -> str | None:
    field = loc[-1] if loc else None
    return _FIELD_HINTS.get(field) if isinstance(field, str) else None


def _is_bool_field(model: type[BaseModel], loc: Loc) -> bool:
    """True when ``loc`` names a field declared ``bool`` (``confidential``, ``public``)."""
    if not loc or not isinstance(loc[-1], str):
        return False
    parent = _model_at(model, loc[:-1])
    field = parent.model_fields.get(loc[-1]) if parent is not None else None
    if field is None:
        return False
    annotation = field.annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        annotation = next((a for a in typing.get_args(annotation) if a is not type(None)), None)
    return annotation is bool


# YAML 1.1 reads these as booleans; YAML 1.2 (editors, most other tools) as text.
_TRAP_WORDS = {"yes": True, "on": True, "no": False, "off": False}


def _bool_word_findings(model: type[BaseModel], source: SourceMap, prefix: Loc) -> list[Finding]:
    """A yes/no word in a true/false field: udv reads it, the editor's schema does not."""
    findings = []
    for loc, word in source.bool_words.items():
        meaning = _TRAP_WORDS.get(word.lower())
        if meaning is None or loc[: len(prefix)] != prefix:
            continue
        if not _is_bool_field(model, loc[len(prefix) :]):
            continue
        pos = source.locate(loc)
        value = "true" if meaning else "false"
        findings.append(
            Finding(
                source.path,
                pos.line,
                pos.column,
                "UDV103",
                severity_of("UDV103"),
                f"'{describe_loc(loc)}' skal være true eller false, ikke '{word}'.",
                f"Skriv {loc[-1]}: {value}. Ordet '{word}' læses som {value} af nogle "
                "YAML-læsere og som tekst af andre (editoren viser det som en fejl).",
            )
        )
    return findings


def validate(
    model: type[M], data: Any, source: SourceMap, prefix: Loc = ()
) -> tuple[M | None, list[Finding]]:
    """Validate ``data`` as ``model``; return the instance (or None) and the findings.

    A required text that is blank (``title: "  "``) is an error (UDV107), but the instance
    is still returned: what is wrong is said once, at its line. A yes/no word where a
    true/false is expected is reported with its trap hint.
    """
    traps = _bool_word_findings(model, source, prefix) if source.bool_words else []
    try:
        instance = model.model_validate(data)
    except ValidationError as exc:
        return None, errors_to_findings(exc, model, source, prefix) + traps
    return instance, traps + [
        Finding(
            source.path,
            (pos := source.locate(loc)).line,
            pos.column,
            "UDV107",
            severity_of("UDV107"),
            f"'{describe_loc(loc)}' er tom, men skal udfyldes.",
            _missing_hint(loc)
            or "Skriv teksten, eller slet filen, hvis posten ikke skal være der.",
        )
        for loc in blank_required(instance, prefix)
    ]


# Required texts whose blankness a rule reports itself: a waiver's reason (UDV901, which
# also keeps the waiver from applying).
_BLANK_CHECKED_ELSEWHERE = frozenset({"reason"})


def blank_required(value: Any, loc: Loc = ()) -> list[Loc]:
    """Where a required text field of ``value`` (a model, nested in tuples and dicts) holds
    only white space."""
    found: list[Loc] = []
    if isinstance(value, BaseModel):
        texts, nested = _text_fields(type(value))
        for name in texts:
            item = getattr(value, name)
            if isinstance(item, str) and not item.strip():
                found.append((*loc, name))
        for name in nested:
            item = getattr(value, name)
            if item is not None:
                found.extend(blank_required(item, (*loc, name)))
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            found.extend(blank_required(item, (*loc, index)))
    elif isinstance(value, dict):
        for key, item in value.items():
            found.extend(blank_required(item, (*loc, key)))
    return found


@functools.cache
def _text_fields(model: type[BaseModel]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A model's required text fields (to check) and the fields that hold models (to visit);
    worked out once per model class: a plan has thousands of records."""
    texts: list[str] = []
    nested: list[str] = []
    for name, info in model.model_fields.items():
        if info.is_required() and info.annotation is str:
            if name not in _BLANK_CHECKED_ELSEWHERE:
                texts.append(name)
            continue
        inner = _unwrap(info.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            nested.append(name)
    return tuple(texts), tuple(nested)
