"""Read one YAML file into plain values, keeping the line and column of every key and value.

This is a small constructor over libyaml's event stream (PyYAML's ``CParser``) rather than
PyYAML's own constructor, for three reasons:

- every value's position can be found, keyed by its path (``("milestones", 0, "due")``),
  so a problem found later by the model or a rule points at the right line (for a clean
  file only when first asked for: see :class:`SourceMap`);
- scalars stay text (``12:30``, ``1.10``, ``22/6043``, ``2023-02-30`` reach the model exactly as
  typed); only ``null``/``~``/empty become ``None`` and the YAML 1.1 yes/no words become
  booleans, remembered so a yes/no word where text is expected gets a "quote it" hint;
- hostile input is refused early and cheaply: aliases (billion laughs), type tags
  (``!!python/object``), duplicate keys, deep nesting, several documents, huge files.

Nothing here raises for bad input: problems are returned as findings.
"""

from __future__ import annotations

import codecs
import importlib
import re
from collections.abc import Iterator
from typing import Any

import yaml

from udvikling import sourcemap
from udvikling.fileio import MAX_BYTES, too_large_finding
from udvikling.findings import Finding

# Positions live in their own module (a plan served from kept records needs no YAML reader);
# named here too, where the reader's users have always found them.
from udvikling.sourcemap import Loc, Pos, ReadResult, SourceMap

Strings = dict[str, str]
"""The texts read so far in one plan, each as the first object read for it: a plan says the
same owner, status, reference, source and reason thousands of times, and each record then
holds the same object (at 1,000 initiatives 1 MB of 2.4 MB of text). Texts longer than
:data:`SHARED_MAX` are rarely repeated and are not looked up. The second process has its own
table, and marshal keeps the sharing only within one message: the chunks it parses share
their texts within each chunk (see :mod:`udvikling.reading`)."""
SHARED_MAX = 256

MAX_DEPTH = 64

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(
    r"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"
)
_TRUE = {"yes", "true", "on"}
_STR_TAG = "tag:yaml.org,2002:str"

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# libyaml's parser and composer; without it (PyYAML built without libyaml) the event reader
# does everything.
try:
    _CParser: Any = importlib.import_module("yaml.cyaml").CParser
except (ImportError, AttributeError):
    _CParser = object
_HAVE_LIBYAML = _CParser is not object
_ScalarNode = yaml.ScalarNode
_MappingNode = yaml.MappingNode
# Plain scalars that are not text: null words become None, YAML 1.1 yes/no words booleans.
_BOOL_WORDS: tuple[str, ...] = ("yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE")
_BOOL_WORDS += ("false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF")
_PLAIN_WORDS: dict[str, bool | None] = {
    **dict.fromkeys(("~", "null", "Null", "NULL", ""), None),
    **{w: w.lower() in _TRUE for w in _BOOL_WORDS},
}


_YAML_PROBLEMS: tuple[tuple[str, str, str], ...] = (
    (
        "mapping values are not allowed",
        "et kolon (:) står et sted, hvor det ikke må stå",
        "Sæt teksten i anførselstegn, hvis den selv indeholder ': ', fx title: \"Status: april\".",
    ),
    (
        "found character that cannot start any token",
        "et tegn, der ikke kan begynde en værdi (ofte en tabulator eller @ eller `)",
        "Indryk med mellemrum, ikke tabulator, og sæt tekst, der begynder med @ eller `, "
        "i anførselstegn.",
    ),
    (
        "could not find expected ':'",
        "der mangler et kolon (:) efter en nøgle",
        "Skriv nøgle: værdi, og tjek om en lang tekst er brudt over flere linjer uden > eller |.",
    ),
    (
        "did not find expected key",
        "en linje er indrykket forkert",
        "Felter i samme mapping skal stå med samme indrykning.",
    ),
    (
        "did not find expected '-' indicator",
        "et punkt i en liste er indrykket forkert",
        "Alle punkter i en liste skal begynde med '- ' og stå med samme indrykning.",
    ),
    (
        "found unexpected end of stream",
        "filen slutter midt i en værdi (mangler et afsluttende anførselstegn?)",
        "Luk anførselstegn og parenteser, der er åbnet.",
    ),
    (
        "found unknown escape character",
        "en ukendt escape-sekvens med \\ i en tekst i dobbelte anførselstegn",
        "Brug enkelte anførselstegn, eller skriv \\\\ for en omvendt skråstreg.",
    ),
    (
        "did not find expected node content",
        "der mangler en værdi",
        "Tjek kommaer og parenteser i [ ... ] og { ... }.",
    ),
    (
        "found undefined alias",
        "et alias (*navn) uden et anker",
        "udv bruger ikke ankre og aliaser; skriv værdien ud.",
    ),
    (
        "control characters are not allowed",
        "filen indeholder kontroltegn (den er måske ikke en tekstfil)",
        "Gem filen som almindelig tekst (UTF-8).",
    ),
    (
        "found a tab character",
        "en tabulator, hvor der skal stå mellemrum",
        "Indryk med mellemrum, ikke tabulator.",
    ),
    (
        "did not find expected ',' or ']'",
        "en liste i [ ... ] er ikke lukket, eller der mangler et komma",
        "Skriv listen som [a, b, c] på én linje, eller som punkter med '- ' på hver sin linje.",
    ),
    (
        "did not find expected ',' or '}'",
        "en mapping i { ... } er ikke lukket, eller der mangler et komma",
        "Skriv den som {nøgle: værdi, nøgle: værdi} på én linje, eller med én nøgle pr. linje.",
    ),
    (
        "did not find expected <document start>",
        "der står noget efter dokumentets slutning (--- eller ...)",
        "En datafil er ét dokument: slet --- og ... midt i filen.",
    ),
    (
        "did not find expected alphabetic or numeric character",
        "& eller * skal efterfølges af et navn (YAML-anker eller -alias)",
        "udv bruger ikke ankre og aliaser; sæt teksten i anførselstegn, hvis den begynder "
        "med & eller *.",
    ),
    (
        "did not find expected comment or line break",
        "der står mere på linjen efter en værdi, der burde være slut",
        "Sæt hele teksten i anførselstegn, eller fjern det, der står efter det afsluttende "
        "anførselstegn.",
    ),
    (
        "block sequence entries are not allowed",
        "et listepunkt ('- ') står et sted, hvor det ikke må stå",
        "Et listepunkt skal stå på sin egen linje under nøglen, indrykket med mellemrum.",
    ),
    (
        "found unexpected ':'",
        "et kolon (:) står et sted, hvor det ikke må stå",
        "Sæt teksten i anførselstegn, hvis den selv indeholder ': '.",
    ),
)


def _finding(path: str, pos: Pos, code: str, message: str, hint: str | None = None) -> Finding:
    return Finding(path, pos.line, pos.column, code, "error", message, hint)


def decode(raw: bytes, path: str) -> str | Finding:
    """Decode a data file: UTF-8 with or without BOM; any other encoding is a finding."""
    at_start = Pos(1, 1)
    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if raw.startswith(bom):
            return _finding(
                path,
                at_start,
                "UDV002",
                f"Filen er gemt som {name}; udv læser kun UTF-8.",
                "Gem filen igen med kodningen UTF-8 (i Notesblok: Gem som → Kodning: UTF-8).",
            )
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        even = raw[0::2].count(b"\x00")
        odd = raw[1::2].count(b"\x00")
        looks_utf16 = len(raw) >= 4 and max(even, odd) > len(raw) // 4
        message = (
            "Filen ser ud til at være gemt som UTF-16; udv læser kun UTF-8."
            if looks_utf16
            else "Filen indeholder binære data (NUL-tegn) og er ikke en tekstfil."
        )
        return _finding(
            path, Pos(line, 1), "UDV002", message, "Gem filen som almindelig tekst i UTF-8."
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8", "replace")) + 1
        bad = raw[exc.start : exc.start + 1].hex().upper()
        return _finding(
            path,
            Pos(line, column),
            "UDV002",
            f"Filen er ikke gyldig UTF-8 (byte 0x{bad}); den er måske gemt som Windows-1252.",
            "Gem filen igen med kodningen UTF-8 (i Notesblok: Gem som → Kodning: UTF-8).",
        )


# libyaml 0.2.6 and later (bundled with PyYAML 6.0.4) refuse nesting beyond their own limit
# (1000 levels) while scanning, often before the event reader reaches MAX_DEPTH: the
# flow scanner looks ahead for a possible key. That limit is the same problem as ours.
_PARSER_TOO_DEEP = "exceeded maximum nesting depth"


def _too_deep(path: str, pos: Pos) -> Finding:
    return _finding(
        path,
        pos,
        "UDV007",
        f"Filen er indlejret mere end {MAX_DEPTH} niveauer dybt.",
        "udv's filer er højst få niveauer dybe: tjek indrykningen.",
    )


_KEY_LINE = re.compile(r"^( *)((?:- +)*)([^\W\d][\w-]*):(?: |$)")


def _over_indented(path: str, text: str, line: int, column: int) -> Finding | None:
    """A key indented further than the key above it (``title: X`` then `` track: y``): YAML
    reads it as more of the value above and stumbles on its colon. Say that, not "quote"."""
    lines = text.splitlines()
    here = _KEY_LINE.match(lines[line]) if line < len(lines) else None
    if here is None or here.end(3) != column:
        return None
    indent = len(here[1]) + len(here[2])
    for above in reversed(lines[:line]):
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        key = _KEY_LINE.match(above)
        if key is None:
            return None
        above_indent = len(key[1]) + len(key[2])
        if indent <= above_indent:
            return None
        extra = indent - above_indent
        spaces = "et mellemrum" if extra == 1 else f"{extra} mellemrum"
        return _finding(
            path,
            Pos(line + 1, indent + 1),
            "UDV001",
            f"YAML-fejl: nøglen '{here[3]}' er indrykket {spaces} mere end nøglen "
            f"'{key[3]}' over den.",
            f"Nøgler i samme mapping skal stå med samme indrykning: ryk '{here[3]}:' "
            f"{spaces} til venstre.",
        )
    return None


def _yaml_error_finding(path: str, exc: yaml.YAMLError, text: str = "") -> Finding:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    pos = Pos(mark.line + 1, mark.column + 1) if mark is not None else Pos(1, 1)
    problem = str(getattr(exc, "problem", "") or exc)
    if _PARSER_TOO_DEEP in problem:
        return _too_deep(path, pos)
    if mark is not None and "mapping values are not allowed" in problem:
        indented = _over_indented(path, text, mark.line, mark.column)
        if indented is not None:
            return indented
    for needle, danish, hint in _YAML_PROBLEMS:
        if needle in problem:
            return _finding(path, pos, "UDV001", f"YAML-fejl: {danish}.", hint)
    return _finding(
        path,
        pos,
        "UDV001",
        "YAML-fejl: filen kan ikke læses fra dette sted.",
        "Tjek indrykning, kolon efter hver nøgle og anførselstegn omkring tekst med : eller #. "
        f"(YAML-læserens egen besked: {problem})",
    )


class _Frame:
    __slots__ = ("container", "discard", "key", "key_pos", "loc", "seen")

    def __init__(self, container: dict[str, Any] | list[Any], loc: Loc, discard: bool) -> None:
        self.container = container
        self.loc = loc
        self.discard = discard
        self.key: str | None = None
        self.key_pos: Pos | None = None
        self.seen: dict[str, Pos] = {}


class _Abort(Exception):
    """Stop reading: the file is structurally unusable (already reported)."""


def share_strings(data: Any, strings: Strings) -> Any:
    """``data`` (plain values, as read) with each text found in ``strings`` replaced by the
    one there, and the others added (for parses that come from elsewhere: the cache).
    Changed in place: the values change, never the keys."""
    share = strings.setdefault
    if data.__class__ is dict:
        pairs: Iterator[tuple[Any, Any]] = iter(data.items())
    elif data.__class__ is list:
        pairs = enumerate(data)
    elif data.__class__ is str and len(data) <= SHARED_MAX:
        return share(data, data)
    else:
        return data
    for key, value in pairs:
        kind = value.__class__
        if kind is str:
            if len(value) <= SHARED_MAX:
                data[key] = share(value, value)
        elif kind is dict or kind is list:
            share_strings(value, strings)
    return data


def read_yaml(
    raw: bytes, path: str, *, keep_text: bool = True, strings: Strings | None = None
) -> ReadResult:
    """Read one YAML document from ``raw`` bytes; ``path`` is used in findings only.

    With ``keep_text=False`` a clean file's map keeps no text: the caller must
    :meth:`~SourceMap.attach` a reader for its positions to be found. ``strings``: the
    texts read so far in a plan, to share (see :data:`Strings`).
    """
    source = SourceMap(path)
    if len(raw) > MAX_BYTES:
        return ReadResult(None, source, [too_large_finding(path, len(raw))])
    text = decode(raw, path)
    if isinstance(text, Finding):
        return ReadResult(None, source, [text])
    source = SourceMap(path)
    from udvikling.textcheck import text_findings

    # A clean file's positions are read again only if one of its values gets a finding.
    fast = _build_fast(text, source, positions=False, strings=strings)
    if fast is not _FALLBACK:
        source.defer(text)
        found = text_findings(text, fast, source)
        if keep_text:
            source.compress()
        else:
            source.forget()
        return ReadResult(fast, source, found)
    findings: list[Finding] = []
    try:
        data = _build(text, source, findings)
    except yaml.YAMLError as exc:
        findings.append(_yaml_error_finding(path, exc, text))
        return ReadResult(None, source, findings)
    except _Abort:
        return ReadResult(None, source, findings)
    return ReadResult(data, source, findings + text_findings(text, data, source))


class NoTagResolution:
    """Mixed into a libyaml composer (before it): no tag is worked out, every untagged node
    gets tag '' (PyYAML resolves each scalar's tag in Python, with regular expressions: a
    third of composing a file). For callers that need only the nodes' kinds, values and
    marks."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return ""

    def descend_resolver(self, parent: Any, index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


class _FastParser(NoTagResolution, _CParser):  # type: ignore[misc]
    """libyaml's composer (in C) with no tag resolution."""


_FALLBACK: Any = object()
# Flow collections nest in the C composer's own recursion: beyond this many brackets, the
# careful event reader (which stops at MAX_DEPTH) takes over.
_FAST_MAX_BRACKETS = 256


class _Unusual(Exception):
    """The fast reader met something only the careful reader reports well."""


def _build_fast(
    text: str, source: SourceMap, *, positions: bool = True, strings: Strings | None = None
) -> Any:
    """Read a well-formed, plain file via libyaml's composer; ``_FALLBACK`` when the file
    has anything the event reader must look at (errors, anchors, tags, duplicate keys,
    several documents, deep nesting, an empty document).

    The composer builds the node tree in C, so only one light Python walk remains; a
    clean file gets exactly the values and positions the event reader would give it
    (the positions only with ``positions``; the yes/no words always). A text found in
    ``strings`` is given as the one there (see :data:`Strings`).
    """
    if not _HAVE_LIBYAML or "&" in text or text.count("[") + text.count("{") > _FAST_MAX_BRACKETS:
        return _FALLBACK
    try:
        node = _FastParser(text).get_single_node()
    except yaml.YAMLError:
        return _FALLBACK
    if node is None:
        return _FALLBACK
    values: dict[Loc, Pos] | None = {} if positions else None
    keys: dict[Loc, Pos] | None = {} if positions else None
    bools: dict[Loc, str] = {}
    try:
        data = _walk(node, (), 0, values, keys, bools, strings)
    except _Unusual:
        return _FALLBACK
    if values is not None and keys is not None:
        source.values.update(values)
        source.keys.update(keys)
    source.bool_words.update(bools)
    return _FALLBACK if data is None else data


_ScalarEvent = yaml.ScalarEvent
_MappingStartEvent = yaml.MappingStartEvent
_SequenceStartEvent = yaml.SequenceStartEvent
_CollectionEndEvents = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _positions(text: str, values: dict[Loc, Pos], keys: dict[Loc, Pos]) -> bool:
    """Fill ``values`` and ``keys`` with where each value and key of ``text`` starts, from
    libyaml's events alone: the positions :func:`_walk` gives, at a fraction of the cost
    (composing the nodes again cost five times the events; a file with a finding is read
    again for its positions only). For text the fast reader accepted: False (``values``
    and ``keys`` then half-filled) for anything else, or without libyaml."""
    if not _HAVE_LIBYAML:
        return False
    # One frame per open collection: [its loc, True for a mapping, the next list index,
    # the mapping key just read (None when the next scalar is a key)].
    stack: list[list[Any]] = []
    try:
        get_event = _CParser(text).get_event
        while True:
            event = get_event()
            kind = event.__class__
            if kind is _ScalarEvent or kind is _MappingStartEvent or kind is _SequenceStartEvent:
                mark = event.start_mark
                pos = Pos(mark.line + 1, mark.column + 1)
                if not stack:
                    here: Loc = ()
                else:
                    top = stack[-1]
                    if not top[1]:
                        here = (*top[0], top[2])
                        top[2] += 1
                    elif top[3] is None:
                        if kind is not _ScalarEvent:
                            return False
                        top[3] = event.value
                        keys[(*top[0], event.value)] = pos
                        continue
                    else:
                        here = (*top[0], top[3])
                        top[3] = None
                values[here] = pos
                if kind is _MappingStartEvent:
                    stack.append([here, True, 0, None])
                elif kind is _SequenceStartEvent:
                    stack.append([here, False, 0, None])
            elif kind in _CollectionEndEvents:
                stack.pop()
            elif kind is yaml.StreamEndEvent:
                return True
            elif kind is yaml.AliasEvent:
                return False
    except (yaml.YAMLError, IndexError):
        return False


def _walk(
    node: Any,
    loc: Loc,
    depth: int,
    values: dict[Loc, Pos] | None,
    keys: dict[Loc, Pos] | None,
    bools: dict[Loc, str],
    strings: Strings | None,
) -> Any:
    if values is not None:
        mark = node.start_mark
        values[loc] = Pos(mark.line + 1, mark.column + 1)
    kind = node.__class__
    if kind is _ScalarNode:
        value: str = node.value
        if node.tag and node.tag != _STR_TAG:
            raise _Unusual
        if not (node.tag or node.style) and value in _PLAIN_WORDS:
            word = _PLAIN_WORDS[value]
            if word is not None:
                bools[loc] = value
            return word
        if strings is not None and len(value) <= SHARED_MAX:
            return strings.setdefault(value, value)
        return value
    if node.tag or depth >= MAX_DEPTH:
        raise _Unusual
    if kind is _MappingNode:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not _ScalarNode or key_node.tag not in ("", _STR_TAG):
                raise _Unusual
            key = key_node.value
            if key in out:
                raise _Unusual
            child = (*loc, key)
            if keys is not None:
                km = key_node.start_mark
                keys[child] = Pos(km.line + 1, km.column + 1)
            out[key] = _walk(value_node, child, depth + 1, values, keys, bools, strings)
        return out
    return [
        _walk(item, (*loc, i), depth + 1, values, keys, bools, strings)
        for i, item in enumerate(node.value)
    ]


def _scalar(ev: Any, loc: Loc, source: SourceMap, path: str, findings: list[Finding]) -> Any:
    value: str = ev.value
    pos = Pos(ev.start_mark.line + 1, ev.start_mark.column + 1)
    tag = ev.tag
    if tag is not None and tag != "!":
        if tag == _STR_TAG:
            return value
        findings.append(
            _finding(
                path,
                pos,
                "UDV006",
                f"Typemarkeringen {_short_tag(tag)} er ikke tilladt i udv's filer.",
                "Fjern markeringen; skriv værdien som almindelig tekst.",
            )
        )
        return value
    if ev.style != "":
        return value
    if _NULL.match(value):
        return None
    if _BOOL.match(value):
        source.bool_words[loc] = value
        return value.lower() in _TRUE
    return value


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:") else tag


def _build(text: str, source: SourceMap, findings: list[Finding]) -> Any:
    path = source.path
    stack: list[_Frame] = []
    root: Any = None
    documents = 0
    have_root = False

    def place(value: Any, ev: Any) -> tuple[Loc, bool] | None:
        """Attach ``value`` to the current container; return its loc and discard flag."""
        nonlocal root, have_root
        pos = Pos(ev.start_mark.line + 1, ev.start_mark.column + 1)
        if not stack:
            root, have_root = value, True
            source.values[()] = pos
            return (), False
        top = stack[-1]
        if isinstance(top.container, list):
            loc = (*top.loc, len(top.container))
            top.container.append(value)
            if not top.discard:
                source.values[loc] = pos
            return loc, top.discard
        assert top.key is not None and top.key_pos is not None
        loc = (*top.loc, top.key)
        discard = top.discard or top.key in top.seen
        if discard and not top.discard:
            first = top.seen[top.key]
            findings.append(
                _finding(
                    path,
                    top.key_pos,
                    "UDV003",
                    f"Nøglen '{top.key}' står to gange (første gang i linje {first.line}).",
                    "Slet den ene; udv bruger den første.",
                )
            )
        if not discard:
            top.container[top.key] = value
            top.seen[top.key] = top.key_pos
            source.values[loc] = pos
            source.keys[loc] = top.key_pos
        top.key = None
        return loc, discard

    def expecting_key() -> bool:
        return bool(stack) and isinstance(stack[-1].container, dict) and stack[-1].key is None

    events: Iterator[Any] = yaml.parse(text, Loader=_Loader)
    for ev in events:
        kind = type(ev)
        if kind is yaml.ScalarEvent:
            if expecting_key():
                top = stack[-1]
                if ev.tag not in (None, "!", _STR_TAG):
                    findings.append(
                        _finding(
                            path,
                            Pos(ev.start_mark.line + 1, ev.start_mark.column + 1),
                            "UDV006",
                            f"Typemarkeringen {_short_tag(ev.tag)} er ikke tilladt i udv's filer.",
                            "Fjern markeringen.",
                        )
                    )
                top.key = ev.value
                top.key_pos = Pos(ev.start_mark.line + 1, ev.start_mark.column + 1)
                continue
            loc_now = _next_loc(stack)
            value = _scalar(ev, loc_now, source, path, findings)
            place(value, ev)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if expecting_key():
                pos = Pos(ev.start_mark.line + 1, ev.start_mark.column + 1)
                findings.append(
                    _finding(
                        path,
                        pos,
                        "UDV005",
                        "En nøgle må ikke selv være en liste eller mapping.",
                        "Skriv nøglen som et enkelt ord efterfulgt af kolon.",
                    )
                )
                raise _Abort
            if ev.tag not in (None, "!"):
                findings.append(
                    _finding(
                        path,
                        Pos(ev.start_mark.line + 1, ev.start_mark.column + 1),
                        "UDV006",
                        f"Typemarkeringen {_short_tag(ev.tag)} er ikke tilladt i udv's filer.",
                        "Fjern markeringen.",
                    )
                )
            if len(stack) >= MAX_DEPTH:
                findings.append(
                    _too_deep(path, Pos(ev.start_mark.line + 1, ev.start_mark.column + 1))
                )
                raise _Abort
            container: dict[str, Any] | list[Any] = {} if kind is yaml.MappingStartEvent else []
            placed = place(container, ev)
            assert placed is not None
            loc, discard = placed
            stack.append(_Frame(container, loc, discard))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            stack.pop()
        elif kind is yaml.AliasEvent:
            findings.append(
                _finding(
                    path,
                    Pos(ev.start_mark.line + 1, ev.start_mark.column + 1),
                    "UDV006",
                    f"Aliaset *{ev.anchor} er ikke tilladt i udv's filer.",
                    "Skriv værdien ud i stedet for at henvise til et anker (&).",
                )
            )
            if expecting_key():
                raise _Abort
            place(None, ev)
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                findings.append(
                    _finding(
                        path,
                        Pos(ev.start_mark.line + 1, ev.start_mark.column + 1),
                        "UDV005",
                        "Filen indeholder mere end ét YAML-dokument (---).",
                        "Del filen op: én fil pr. tiltag eller møde.",
                    )
                )
                raise _Abort
    if not have_root or root is None:
        findings.append(
            _finding(
                path,
                Pos(1, 1),
                "UDV005",
                "Filen er tom.",
                "Et tiltag skal mindst have title, track, owner, level og status; "
                "brug 'udv new' for en skabelon.",
            )
        )
        return None
    return root


def _next_loc(stack: list[_Frame]) -> Loc:
    if not stack:
        return ()
    top = stack[-1]
    if isinstance(top.container, list):
        return (*top.loc, len(top.container))
    assert top.key is not None
    return (*top.loc, top.key)


def fill_positions(
    path: str, content: str | bytes, values: dict[Loc, Pos], keys: dict[Loc, Pos]
) -> None:
    """Fill ``values`` and ``keys`` with the positions in ``content`` (a file's text, or its
    bytes) of a file the reader read before: a deferred :class:`SourceMap`'s positions."""
    text = decode(content, path) if isinstance(content, bytes) else content
    if not isinstance(text, str) or _positions(text, values, keys):
        return
    values.clear()
    keys.clear()
    source = SourceMap(path, values, keys)
    if _build_fast(text, source) is _FALLBACK:
        # Cannot happen for text the fast path accepted once; be safe anyway.
        _build(text, source, [])


sourcemap.use_filler(fill_positions)
