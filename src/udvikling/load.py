"""Find a data repository, read every record with positions, validate, return a Dataset.

Problems are returned as findings, never raised; only "there is no data repository here"
stops the load (:class:`~udvikling.errors.EnvironmentProblem`).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from udvikling.cache import CACHE_MIN, ParseCache
from udvikling.codes import severity_of
from udvikling.fileio import file_digest
from udvikling.findings import Finding, Unplaced, sort_findings
from udvikling.plan_root import CONFIG_FILE, ForeignPlan, find_root
from udvikling.recordstore import MAX_ENTRIES as STORE_MAX_ENTRIES
from udvikling.recordstore import Kept, RecordStore
from udvikling.safe_read import filesystem_reader, read_error_text, unreadable_finding
from udvikling.sourcemap import Loc, Pos, ReadResult, SourceMap

if TYPE_CHECKING:
    from pydantic import BaseModel

    from udvikling.config import Config
    from udvikling.index import Hashing
    from udvikling.model import Indicator, Initiative, Meeting
    from udvikling.model_report import Report

# The record folders: the kind of record each holds and its model (module:name, as the
# record store names it; the class is imported only when a file must be validated).
FOLDERS: dict[str, tuple[str, str]] = {
    "data/initiatives": ("initiative", "udvikling.model:Initiative"),
    "data/meetings": ("meeting", "udvikling.model:Meeting"),
    "data/indicators": ("indicator", "udvikling.model:Indicator"),
    "data/reports": ("report", "udvikling.model_report:Report"),
}
_CONFIG_MODEL = "udvikling.config:Config"


def _model(name: str) -> type[BaseModel]:
    """The model class kept as ``name`` (module:name)."""
    import importlib

    module, _, qualname = name.partition(":")
    cls: type[BaseModel] = getattr(importlib.import_module(module), qualname)
    return cls


# A function that returns a file's bytes (or raises OSError): the working tree by default
# (:func:`udvikling.safe_read.filesystem_reader`), a git revision in ``udv diff``.
Reader = Callable[[str], bytes]

__all__ = [
    "CACHE_MIN",
    "Dataset",
    "ForeignPlan",
    "Loaded",
    "Reader",
    "filesystem_reader",
    "find_root",
    "load",
]


@dataclass(frozen=True, slots=True)
class Remap:
    """Where the values of a record as it stood at a date are written in its file.

    ``lists`` maps a list field (``milestones``, ``updates``) to the original index of each
    element kept; ``fields`` maps a field to the location of the journal entry that set it.
    """

    lists: dict[str, tuple[int, ...]]
    fields: dict[str, Loc]

    def apply(self, loc: Loc) -> Loc:
        """``loc`` in the record as it stood, translated to a location in the file."""
        if not loc:
            return loc
        head = loc[0]
        if isinstance(head, str) and head in self.fields:
            return (*self.fields[head], *loc[1:])
        kept = self.lists.get(head) if isinstance(head, str) else None
        if kept is not None and len(loc) > 1 and isinstance(loc[1], int) and loc[1] < len(kept):
            return (head, kept[loc[1]], *loc[2:])
        return loc


@dataclass
class Dataset:
    """The whole plan: configuration, records by id, and where each value stands."""

    root: Path
    config: Config
    initiatives: dict[str, Initiative] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    reports: dict[str, Report] = field(default_factory=dict)
    sources: dict[str, SourceMap] = field(default_factory=dict)
    # Ids of records whose file exists but did not validate: references to them are not
    # reported again as unknown (the file's own findings say what is wrong).
    broken: dict[str, set[str]] = field(
        default_factory=lambda: {
            "initiative": set(),
            "meeting": set(),
            "indicator": set(),
            "report": set(),
        }
    )
    # The plain data of the records that did not validate, by path: their references are
    # still checked (rules.references.check_unvalidated_references), so a file's problems
    # come in one round, not one after another.
    unvalidated: dict[str, dict[str, Any]] = field(default_factory=dict)
    # For the plan as it stood at a date (:func:`udvikling.chrono.plan_at`): where, in each
    # file, the values of the records as they stood were written (a field set by a journal
    # entry, a list from which entries not yet known were left out). Empty for a loaded plan.
    remap: dict[str, Remap] = field(default_factory=dict)

    def locate(self, path: str, loc: Loc, *, key: bool = False) -> Pos:
        """Line and column of ``loc`` in the file ``path`` (1:1 when unknown)."""
        source = self.sources.get(path)
        if source is None:
            return Pos(1, 1)
        moved = self.remap.get(path)
        return source.locate(moved.apply(loc) if moved else loc, key=key)

    def finding(
        self,
        path: str,
        loc: Loc,
        code: str,
        message: str,
        hint: str | None = None,
        *,
        key: bool = False,
    ) -> Finding:
        """A finding with ``code``'s default severity at ``loc`` in ``path``.

        In a file whose positions are not yet read the finding is :class:`Unplaced`, so
        that a finding later waived or switched off costs no reading: pass what is kept
        through :meth:`place`.
        """
        source = self.sources.get(path)
        if source is not None and source.deferred:
            moved = self.remap.get(path)
            where = moved.apply(loc) if moved else loc
            severity = severity_of(code)
            return Unplaced(path, 0, 0, code, severity, message, hint, where, key)
        pos = self.locate(path, loc, key=key)
        return Finding(path, pos.line, pos.column, code, severity_of(code), message, hint)

    def place(self, finding: Finding) -> Finding:
        """``finding`` with its line and column (an :class:`Unplaced` one looked up now)."""
        if not isinstance(finding, Unplaced):
            return finding
        source = self.sources.get(finding.path)
        pos = source.locate(finding.loc, key=finding.key) if source is not None else Pos(1, 1)
        f = finding
        return Finding(f.path, pos.line, pos.column, f.code, f.severity, f.message, f.hint)

    def place_all(self, findings: list[Finding]) -> list[Finding]:
        """``[self.place(f) for f in findings]``: when the findings to place lie in many
        files whose positions are not read yet (every file naming an id that does not
        exist, say), a forked process reads half of those files' positions and sends the
        lines and columns back (:func:`udvikling.cores.each_on_two`)."""
        from udvikling.cores import each_on_two

        waiting: dict[str, list[int]] = {}
        for i, f in enumerate(findings):
            source = self.sources.get(f.path) if isinstance(f, Unplaced) else None
            if source is not None and source.deferred:
                waiting.setdefault(f.path, []).append(i)
        if len(waiting) < PLACE_PARALLEL_MIN or not hasattr(os, "fork"):
            return [self.place(f) for f in findings]

        def positions(path: str) -> list[tuple[int, int]]:
            placed = (self.place(findings[i]) for i in waiting[path])
            return [(p.line, p.column) for p in placed]

        def sound(path: str, value: Any) -> bool:
            return _are_positions(value) and len(value) == len(waiting[path])

        paths = sorted(waiting)
        found = each_on_two(paths, positions, sound)
        out = list(findings)
        for path, places in zip(paths, found, strict=True):
            for i, (line, column) in zip(waiting[path], places, strict=True):
                f = findings[i]
                out[i] = Finding(f.path, line, column, f.code, f.severity, f.message, f.hint)
        return [self.place(f) for f in out]  # the rest: positions read already

    def initiative_ids(self) -> set[str]:
        """Every initiative id that has a file, valid or not."""
        return set(self.initiatives) | self.broken["initiative"]

    def meeting_ids(self) -> set[str]:
        """Every meeting id that has a file, valid or not."""
        return set(self.meetings) | self.broken["meeting"]

    def report_ids(self) -> set[str]:
        """Every report id that has a file, valid or not."""
        return set(self.reports) | self.broken.get("report", set())


# From this many files whose positions are still to be read, placing findings in them is
# shared with a second process (see Dataset.place_all).
PLACE_PARALLEL_MIN = 500


def _are_positions(value: Any) -> bool:
    """True for a list of (line, column) pairs, as Dataset.place_all's child sends them."""
    return isinstance(value, list) and all(
        isinstance(p, tuple) and len(p) == 2 and all(type(v) is int and v >= 1 for v in p)
        for p in value
    )


@dataclass
class Loaded:
    """The result of a load: the dataset (None when udvikling.yaml is unusable) and findings."""

    dataset: Dataset | None
    findings: list[Finding]
    root: Path
    # What :func:`udvikling.lint.lint_loaded` found, by its dates: a plan that is linted and
    # then compared (udv sheet import --dry-run) is linted once. Not an argument, so a copy
    # made with dataclasses.replace (another dataset, say) starts without it.
    linted: dict[tuple[date, date | None], list[Finding]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # The same findings unsorted, those in files whose positions were not read yet without
    # them (:func:`udvikling.lint.lint_found`): what a comparison of two plans starts from.
    lint_found: dict[tuple[date, date | None], list[Finding]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )


def list_files(root: Path) -> tuple[list[str], list[Finding]]:
    """The record files below ``root`` (relative posix paths) and problems finding them."""
    files: list[str] = []
    findings: list[Finding] = []
    for folder in FOLDERS:
        base = root / folder
        if not base.exists() and not base.is_symlink():
            continue  # a folder that is not there; a link to nowhere (or to itself) is read
        try:
            names = sorted(os.listdir(base))
        except OSError as exc:
            findings.append(
                Finding(
                    folder,
                    1,
                    1,
                    "UDV008",
                    "error",
                    f"Mappen kan ikke læses: {read_error_text(exc)}.",
                    "Tjek mappens rettigheder, og at den ikke er et link, der peger på sig selv.",
                )
            )
            continue
        for name in names:
            rel = f"{folder}/{name}"
            if name.startswith("."):
                continue
            if name.endswith(".yml"):
                findings.append(
                    Finding(
                        rel,
                        1,
                        1,
                        "UDV005",
                        "error",
                        "Filen ender på .yml; udv læser kun filer, der ender på .yaml.",
                        f"Omdøb filen til {name.removesuffix('.yml')}.yaml.",
                    )
                )
            elif name.endswith(".yaml"):
                files.append(rel)
    return files, findings


def read_record(rel: str, reader: Reader) -> tuple[Any, SourceMap, list[Finding]]:
    """Read and parse one file; an unreadable file is a finding."""
    try:
        raw = reader(rel)
    except (OSError, KeyError) as exc:
        return _unreadable(rel, exc)
    from udvikling.yamlsrc import read_yaml

    result = read_yaml(raw, rel)
    return result.data, result.source, result.findings


def _unreadable(rel: str, exc: OSError | KeyError) -> tuple[Any, SourceMap, list[Finding]]:
    return None, SourceMap(rel), [unreadable_finding(rel, exc)]


def _not_a_mapping(data: Any, source: SourceMap) -> Finding | None:
    if isinstance(data, dict):
        return None
    pos = source.locate(())
    what = "en liste" if isinstance(data, list) else "en enkelt værdi"
    return Finding(
        source.path,
        pos.line,
        pos.column,
        "UDV005",
        "error",
        f"Filen skal bestå af felter (nøgle: værdi), men er {what}.",
        "Se et eksempel i README eller opret filen med 'udv new'.",
    )


def _validate_record(
    model: type[BaseModel], data: Any, source: SourceMap, stem: str
) -> tuple[BaseModel | None, list[Finding]]:
    if data is None:
        return None, []
    wrong = _not_a_mapping(data, source)
    if wrong is not None:
        return None, [wrong]
    findings: list[Finding] = []
    for reserved in ("id", "path"):
        if reserved in data:
            pos = source.locate((reserved,), key=True)
            findings.append(
                Finding(
                    source.path,
                    pos.line,
                    pos.column,
                    "UDV101",
                    "error",
                    f"Feltet '{reserved}' skrives ikke i filen: id'et er filnavnet.",
                    "Slet linjen; omdøb filen for at ændre id.",
                )
            )
    # The id and path are the file's: validated with the rest (a copy of the record made
    # afterwards would cost a third of the records' memory again while loading).
    data = {**data, "id": stem, "path": source.path}
    from udvikling.validation import validate  # only for a file not kept validated

    record, errors = validate(model, data, source)
    findings.extend(errors)
    return record, findings


def load_config(
    reader: Reader, store: RecordStore | None = None
) -> tuple[Config | None, SourceMap, list[Finding]]:
    """Read and validate ``udvikling.yaml`` (its validated form kept in ``store``, if any)."""
    if store is None:
        data, source, findings = read_record(CONFIG_FILE, reader)
        config, errors = _validate_config(data, source)
        return config, source, findings + errors
    try:
        raw = reader(CONFIG_FILE)
    except (OSError, KeyError) as exc:
        return _unreadable(CONFIG_FILE, exc)
    digest = file_digest(raw)
    kept = store.get(CONFIG_FILE, digest)
    if kept is not None and (kept.record is None or store.kind(kept.record) == _CONFIG_MODEL):
        return kept.record, kept.read.source, kept.read.findings + kept.problems
    from udvikling.yamlsrc import read_yaml

    result = read_yaml(raw, CONFIG_FILE)
    config, errors = _validate_config(result.data, result.source)
    store.put(CONFIG_FILE, digest, result, config, errors)
    return config, result.source, result.findings + errors


def _validate_config(data: Any, source: SourceMap) -> tuple[Config | None, list[Finding]]:
    if data is None:
        return None, []
    wrong = _not_a_mapping(data, source)
    if wrong is not None:
        return None, [wrong]
    from udvikling.config import Config
    from udvikling.validation import validate

    return validate(Config, data, source)


def load(
    root: Path,
    reader: Reader | None = None,
    files: Iterable[str] | None = None,
    config: tuple[Config, SourceMap] | None = None,
    *,
    twins: bool = False,
    hashing: Hashing | None = None,
    rereadable: bool = False,
) -> Loaded:
    """Load the plan at ``root``: the configuration and every record, with all findings.

    ``reader`` reads a relative path's bytes (default: the working tree); ``files`` lists the
    record files to read (default: every ``*.yaml`` in the data folders); ``config``: the
    plan's configuration already read and validated (with its positions), used as it is
    (udvikling.yaml is then not read; a record's own findings never depend on it).
    ``twins``: for a command that only reads the records: when every file is kept validated
    for its present bytes, the records (and the configuration) are plain twins of the
    models (:mod:`udvikling.twins`) and pydantic is not imported. ``hashing``: the files'
    hashes under way (:func:`start_hashing`), used when they are of the files loaded.
    ``rereadable``: ``reader`` gives the same bytes again at no cost (they are in memory), so
    a file's positions are found later by reading it again rather than from a copy of its
    text, as for the working tree.
    """
    # Thousands of small records and no cycles among them: the cyclic collector would only
    # rescan the growing heap again and again (a third of the load time at 10,000 records).
    collecting = gc.isenabled()
    gc.disable()
    try:
        loaded = _load(root, reader, files, config, twins, hashing, rereadable)
    finally:
        if collecting:
            gc.enable()
    if collecting and loaded.dataset is not None and len(loaded.dataset.sources) >= CACHE_MIN:
        # A big plan lives until the command ends: keep the collector from rescanning it
        # during the rules and reports (it halves the time of the rules at 10,000 records).
        gc.freeze()
    return loaded


def _load(
    root: Path,
    reader: Reader | None,
    files: Iterable[str] | None,
    given: tuple[Config, SourceMap] | None,
    twins: bool = False,
    hashing: Hashing | None = None,
    rereadable: bool = False,
) -> Loaded:
    read = reader or filesystem_reader(root)
    findings: list[Finding] = []
    if files is None:
        listed, list_findings = list_files(root)
        findings.extend(list_findings)
    else:
        listed = sorted(files)

    wanted = [rel for rel in dict.fromkeys(listed) if rel.rpartition("/")[0] in FOLDERS]
    # The validated records are kept for the working tree only (a git revision is read
    # once), and not for a plan too big to keep whole (it has the parse cache).
    store = RecordStore.open(root) if reader is None and len(wanted) < STORE_MAX_ENTRIES else None
    digests: dict[str, bytes] | None = None
    as_twins = False
    if store is not None and twins and given is None:
        # Every file hashed first: twins only when all of them are kept as they are.
        asked = [CONFIG_FILE, *wanted]
        if hashing is not None and hashing.root == root and hashing.rels == asked:
            hashed = hashing.result()
        else:
            from udvikling.index import digests as hash_files

            hashed = hash_files(root, asked)
        # A file that cannot be read is read again by the parser, which says why.
        found = {rel: d for rel, d in zip(asked, hashed, strict=True) if d is not None}
        digests = found if len(found) == len(asked) else None
        as_twins = digests is not None and store.serves(digests) and store.use_twins()
    if given is None:
        config, source, problems = load_config(read, store)
        findings.extend(problems)
    else:
        config, source = given
    sources: dict[str, SourceMap] = {CONFIG_FILE: source}

    records: dict[str, dict[str, Any]] = {kind: {} for kind, _ in FOLDERS.values()}
    broken: dict[str, set[str]] = {kind: set() for kind, _ in FOLDERS.values()}
    unvalidated: dict[str, dict[str, Any]] = {}
    placed: dict[str, SourceMap] = {}
    # Each file's outcome, in path order: (plain data if it did not validate, record).
    outcome: dict[str, tuple[Any, BaseModel | None]] = {}

    def settle(
        rel: str, read: ReadResult, data: Any, record: BaseModel | None, problems: list[Finding]
    ) -> None:
        placed[rel] = read.source
        findings.extend(read.findings)
        findings.extend(problems)
        outcome[rel] = (data if record is None else None, record)

    todo = sorted(wanted)
    if store is not None:
        todo = []
        for rel in sorted(wanted):
            kept = _kept(store, rel, read, digests) if rel in store else None
            if kept is None:
                todo.append(rel)
            else:
                settle(rel, kept.read, kept.data, kept.record, kept.problems)
    if as_twins and (todo or (config is not None and not _is_twin(config))):
        # A kept record that could not be made again: the whole plan with the models, so
        # that no view mixes twins and models.
        return _load(root, reader, files, given)
    if todo:
        _read_and_validate(todo, read, root, reader is None, store, settle, rereadable)
    if store is not None:
        store.save([CONFIG_FILE, *wanted] if files is None else None)
    for rel in sorted(wanted):
        folder, _, name = rel.rpartition("/")
        kind = FOLDERS[folder][0]
        stem = name.removesuffix(".yaml")
        data, record = outcome[rel]
        if record is None:
            broken[kind].add(stem)
            if isinstance(data, dict):
                unvalidated[rel] = data
        else:
            records[kind][stem] = record
    sources.update((rel, placed[rel]) for rel in wanted)

    if config is None:
        return Loaded(None, sort_findings(findings), root)
    dataset = Dataset(
        root=root,
        config=config,
        initiatives=records["initiative"],
        meetings=records["meeting"],
        indicators=records["indicator"],
        reports=records["report"],
        sources=sources,
        broken=broken,
        unvalidated=unvalidated,
    )
    return Loaded(dataset, sort_findings(findings), root)


def _read_and_validate(
    todo: list[str],
    read: Reader,
    root: Path,
    working_tree: bool,
    store: RecordStore | None,
    settle: Callable[[str, ReadResult, Any, BaseModel | None, list[Finding]], None],
    rereadable: bool = False,
) -> None:
    """Read, parse and validate the files ``todo`` (sorted), each settled as it comes, and
    keep each outcome in ``store`` (``rereadable``: see :func:`load`)."""
    # The YAML reader and the models' validation are imported only when a file must be read
    # (a plan served whole from kept records needs neither).
    from udvikling.reading import parse_files

    # The parse cache serves the working tree only, and only a plan big enough to gain from
    # it (a small one parses in a few milliseconds).
    cache = ParseCache.open(root) if working_tree and len(todo) >= CACHE_MIN else None
    # One file after another: each record's plain data goes once its model is made. In
    # path order (the cache's); ``sources`` is put back in the order listed below.
    stream = parse_files(todo, read, cache, reread=working_tree or rereadable)
    try:
        for rel, parsed in stream:
            folder, _, name = rel.rpartition("/")
            record, problems = _validate_record(
                _model(FOLDERS[folder][1]),
                parsed.data,
                parsed.source,
                name.removesuffix(".yaml"),
            )
            settle(rel, parsed, parsed.data, record, problems)
            if store is not None and parsed.source.digest:
                store.put(rel, parsed.source.digest, parsed, record, problems)
    except BaseException:
        stream.close()  # now, not when the traceback goes: stops the second process
        if cache is not None:
            cache.discard()
        raise
    if cache is not None:
        cache.save()


def start_hashing(root: Path) -> Hashing | None:
    """Start hashing ``udvikling.yaml`` and every record file of the plan at ``root`` (in a
    second process, while the command imports what it needs), for a load with ``twins``;
    None for a plan too big for the kept records."""
    from udvikling.index import start_hashing as start

    listed, _ = list_files(root)
    wanted = [rel for rel in dict.fromkeys(listed) if rel.rpartition("/")[0] in FOLDERS]
    if len(wanted) >= STORE_MAX_ENTRIES:
        return None
    return start(root, [CONFIG_FILE, *wanted])


def _is_twin(record: object) -> bool:
    from udvikling.twins import Twin

    return isinstance(record, Twin)


def _kept(
    store: RecordStore, rel: str, read: Reader, digests: dict[str, bytes] | None = None
) -> Kept | None:
    """The kept outcome of ``rel``, its positions to be read from the file when needed
    (``digests``: the files' hashes already worked out)."""
    digest = digests.get(rel) if digests is not None else None
    if digest is None:
        try:
            raw = read(rel)
        except (OSError, KeyError):
            return None  # read again by the parser, which says why it cannot be
        digest = file_digest(raw)
    kept = store.get(rel, digest)
    if kept is None:
        return None
    if kept.record is not None and store.kind(kept.record) != FOLDERS[rel.rpartition("/")[0]][1]:
        return None
    kept.read.source.attach(read, digest)
    return kept
