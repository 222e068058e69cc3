"""References: every id a record names must be declared (config) or recorded (a file).

A typo gets the nearest declared id, or the id whose Danish name was typed, as a hint. Each
rule asks one :class:`~udvikling.hints.Suggester` per set of ids, built on the first unknown
reference, so a plan with thousands of broken references pays for each distinct one once.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import Any

from udvikling.findings import Finding
from udvikling.hints import Suggester
from udvikling.load import Dataset
from udvikling.rules import Context
from udvikling.sourcemap import Loc

_WHAT = {
    "UDV201": ("udviklingsspor", "tracks"),
    "UDV202": ("ansvarlig", "owners"),
    "UDV203": ("enhed", "units"),
    "UDV204": ("organ", "bodies"),
    "UDV205": ("pejlemærke", "beacons"),
}


class _DeclaredSuggester:
    """The declared id closest to a value, matching ids and then Danish names."""

    def __init__(self, declared: Mapping[str, Any]) -> None:
        self._declared = declared
        self._ids = Suggester(declared)
        self._names: Suggester | None = None
        self._id_of: dict[str, str] = {}

    def suggest(self, value: str) -> str | None:
        """The declared id closest to ``value``, or the id whose name is closest."""
        close = self._ids.suggest(value)
        if close:
            return close
        if self._names is None:
            self._id_of = {getattr(v, "name", str(v)): k for k, v in self._declared.items()}
            self._names = Suggester(self._id_of)
        by_name = self._names.suggest(value)
        return self._id_of[by_name] if by_name else None


class _Hints:
    """One rule run's "did you mean" indexes: one per set of ids, each built on its first
    question, so a clean plan builds none and a plan with thousands of broken references
    builds each once."""

    def __init__(self) -> None:
        self._declared: dict[str, _DeclaredSuggester] = {}
        self._recorded: dict[str, Suggester] = {}

    def declared(self, section: str, declared: Mapping[str, Any]) -> _DeclaredSuggester:
        """The suggester for the ids declared under ``section`` of udvikling.yaml."""
        if section not in self._declared:
            self._declared[section] = _DeclaredSuggester(declared)
        return self._declared[section]

    def recorded(self, kind: str, known: Collection[str]) -> Suggester:
        """The suggester for the ids of the records of ``kind`` (the same ``known`` every
        time for one kind)."""
        if kind not in self._recorded:
            self._recorded[kind] = Suggester(known)
        return self._recorded[kind]


def _declared(
    dataset: Dataset,
    hints: _Hints,
    path: str,
    loc: Loc,
    value: str,
    code: str,
    declared: Mapping[str, Any],
) -> Iterator[Finding]:
    if value in declared:
        return
    what, section = _WHAT[code]
    close = hints.declared(section, declared).suggest(value)
    fix = f"Mente du '{close}'? " if close else ""
    yield dataset.finding(
        path,
        loc,
        code,
        f"Ukendt {what} '{value}': det er ikke erklæret under {section} i udvikling.yaml.",
        f"{fix}Erklær det i udvikling.yaml under {section}, eller ret stavningen.",
    )


def _recorded(
    dataset: Dataset,
    hints: _Hints,
    path: str,
    loc: Loc,
    value: str,
    code: str,
    known: set[str],
    what: str,
) -> Iterator[Finding]:
    if value in known:
        return
    close = hints.recorded(what, known).suggest(value)
    fix = f"Mente du '{close}'? " if close else ""
    folder = "data/initiatives" if what == "tiltag" else "data/meetings"
    yield dataset.finding(
        path,
        loc,
        code,
        f"Ukendt {what} '{value}': der findes ingen {folder}/{value}.yaml.",
        f"{fix}Ret id'et, eller opret filen.",
    )


def check_references(dataset: Dataset, context: Context) -> Iterable[Finding]:
    """Undeclared tracks, owners, units, bodies and beacons; unknown records.

    The references are listed first, so that the hints for many unknown record ids (every
    file naming an id that does not exist, after a bulk rename gone wrong) are worked out
    at once, on both cores (:meth:`udvikling.hints.Suggester.answer_ahead`)."""
    hints = _Hints()
    initiatives = dataset.initiative_ids()
    meetings = dataset.meeting_ids()
    checks = list(_references(dataset, initiatives, meetings))
    for what, known in (("tiltag", initiatives), ("møde", meetings)):
        unknown = [c[3] for c in checks if c[0] is _recorded and c[6] == what and c[3] not in known]
        if unknown:
            hints.recorded(what, known).answer_ahead(unknown)
    for check, *args in checks:
        yield from check(dataset, hints, *args)


# One reference to check: the check (_declared or _recorded) and what it is given after the
# dataset and the hints.
_Check = tuple[Any, ...]


def _references(dataset: Dataset, initiatives: set[str], meetings: set[str]) -> Iterator[_Check]:
    """Every reference in the plan, in the order it is reported, with its check."""
    cfg = dataset.config
    loc: Loc
    for init in dataset.initiatives.values():
        p = init.path
        yield (_declared, p, ("track",), init.track, "UDV201", cfg.tracks)
        if init.owner is not None:
            yield (_declared, p, ("owner",), init.owner, "UDV202", cfg.owners)
        for i, unit in enumerate(init.units):
            yield (_declared, p, ("units", i), unit, "UDV203", cfg.units)
        for i, beacon in enumerate(init.beacons):
            yield (_declared, p, ("beacons", i), beacon, "UDV205", cfg.beacons)
        for i, dep in enumerate(init.depends_on):
            yield (_recorded, p, ("depends_on", i), dep, "UDV206", initiatives, "tiltag")
        for i, ms in enumerate(init.milestones):
            if ms.meeting is not None:
                loc = ("milestones", i, "meeting")
                yield (_recorded, p, loc, ms.meeting, "UDV207", meetings, "møde")
    for meeting in dataset.meetings.values():
        p = meeting.path
        yield (_declared, p, ("body",), meeting.body, "UDV204", cfg.bodies)
        for i, item in enumerate(meeting.items):
            for j, ref in enumerate(item.initiatives):
                loc = ("items", i, "initiatives", j)
                yield (_recorded, p, loc, ref, "UDV208", initiatives, "tiltag")
            for j, body in enumerate(item.route):
                yield (_declared, p, ("items", i, "route", j), body, "UDV204", cfg.bodies)
    for name, obligation in cfg.obligations.items():
        for j, body in enumerate(obligation.bodies):
            loc = ("obligations", name, "bodies", j)
            yield (_declared, "udvikling.yaml", loc, body, "UDV204", cfg.bodies)
        for j, waiver in enumerate(obligation.waivers):
            loc = ("obligations", name, "waivers", j, "body")
            yield (_declared, "udvikling.yaml", loc, waiver.body, "UDV204", cfg.bodies)
    for indicator in dataset.indicators.values():
        for i, column in enumerate(indicator.columns):
            loc = ("columns", i, "unit")
            yield (_declared, indicator.path, loc, column.unit, "UDV203", cfg.units)


# Where records name declared or recorded ids, as paths into a record's plain data ("*" is
# every list entry): (path, code). UDV201-UDV205 are declared, UDV206-UDV208 recorded.
_REFERENCE_PATHS: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    "data/initiatives": (
        (("track",), "UDV201"),
        (("owner",), "UDV202"),
        (("units", "*"), "UDV203"),
        (("beacons", "*"), "UDV205"),
        (("depends_on", "*"), "UDV206"),
        (("milestones", "*", "meeting"), "UDV207"),
        (("updates", "*", "track"), "UDV201"),
        (("updates", "*", "owner"), "UDV202"),
        (("updates", "*", "units", "*"), "UDV203"),
    ),
    "data/meetings": (
        (("body",), "UDV204"),
        (("items", "*", "initiatives", "*"), "UDV208"),
        (("items", "*", "route", "*"), "UDV204"),
    ),
    "data/indicators": ((("columns", "*", "unit"), "UDV203"),),
}


def _texts_at(data: Any, path: tuple[str, ...], loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every text value at ``path`` in plain data, with its loc (other shapes are skipped:
    the schema's findings already name them)."""
    if not path:
        if isinstance(data, str):
            yield loc, data
        return
    head, rest = path[0], path[1:]
    if head == "*":
        if isinstance(data, list):
            for i, item in enumerate(data):
                yield from _texts_at(item, rest, (*loc, i))
    elif isinstance(data, dict) and head in data:
        yield from _texts_at(data[head], rest, (*loc, head))


def check_unvalidated_references(dataset: Dataset, context: Context) -> Iterable[Finding]:
    """The references of records that did not validate, wherever the field can be read."""
    cfg = dataset.config
    hints = _Hints()
    declared: dict[str, Mapping[str, Any]] = {
        "UDV201": cfg.tracks,
        "UDV202": cfg.owners,
        "UDV203": cfg.units,
        "UDV204": cfg.bodies,
        "UDV205": cfg.beacons,
    }
    initiatives = dataset.initiative_ids()
    recorded = {
        "UDV206": (initiatives, "tiltag"),
        "UDV207": (dataset.meeting_ids(), "møde"),
        "UDV208": (initiatives, "tiltag"),
    }
    for path, data in sorted(dataset.unvalidated.items()):
        for pattern, code in _REFERENCE_PATHS.get(path.rpartition("/")[0], ()):
            for loc, value in _texts_at(data, pattern):
                if code in declared:
                    yield from _declared(dataset, hints, path, loc, value, code, declared[code])
                else:
                    known, what = recorded[code]
                    yield from _recorded(dataset, hints, path, loc, value, code, known, what)


def check_journal_references(dataset: Dataset, context: Context) -> Iterable[Finding]:
    """What journal entries name: tracks, owners and units declared (UDV201-UDV203), the
    meeting or report they were reported in (UDV209), the milestones they reach (UDV210);
    the issued documents an initiative keeps words from (UDV212)."""
    from udvikling.chrono import names_milestone

    cfg = dataset.config
    hints = _Hints()
    documents = dataset.meeting_ids() | dataset.report_ids()
    document_hints = Suggester(documents)
    report_hints = Suggester(dataset.report_ids())
    for init in dataset.initiatives.values():
        p = init.path
        for issued in init.as_issued:
            if issued not in dataset.report_ids():
                close = report_hints.suggest(issued)
                fix = f"Mente du '{close}'? " if close else ""
                yield dataset.finding(
                    p,
                    ("as_issued", issued),
                    "UDV212",
                    f"Ukendt rapport '{issued}' under as_issued: der findes ingen "
                    f"data/reports/{issued}.yaml.",
                    f"{fix}Skriv id'et på det udsendte dokument, tiltagets ord stammer fra.",
                    key=True,
                )
        for i, update in enumerate(init.updates):
            at: Loc = ("updates", i)
            if update.track is not None:
                yield from _declared(
                    dataset, hints, p, (*at, "track"), update.track, "UDV201", cfg.tracks
                )
            if update.owner is not None:
                yield from _declared(
                    dataset, hints, p, (*at, "owner"), update.owner, "UDV202", cfg.owners
                )
            for j, unit in enumerate(update.units or ()):
                yield from _declared(
                    dataset, hints, p, (*at, "units", j), unit, "UDV203", cfg.units
                )
            if update.reported_in is not None and update.reported_in not in documents:
                close = document_hints.suggest(update.reported_in)
                fix = f"Mente du '{close}'? " if close else ""
                yield dataset.finding(
                    p,
                    (*at, "reported_in"),
                    "UDV209",
                    f"Ukendt møde eller rapport '{update.reported_in}': der findes ingen "
                    f"data/meetings/{update.reported_in}.yaml eller "
                    f"data/reports/{update.reported_in}.yaml.",
                    f"{fix}Ret id'et, eller registrér mødet eller rapporten.",
                )
            for j, name in enumerate(update.reached):
                if any(names_milestone(name, ms) for ms in init.milestones):
                    continue
                titles = [ms.title for ms in init.milestones]
                close = Suggester(titles).suggest(name) if titles else None
                fix = f"Mente du '{close}'? " if close else ""
                yield dataset.finding(
                    p,
                    (*at, "reached", j),
                    "UDV210",
                    f"Tiltaget har ingen milepæl '{name}'.",
                    f"{fix}Skriv milepælens id eller titel, som den står under milestones.",
                )


def check_report_references(dataset: Dataset, context: Context) -> Iterable[Finding]:
    """UDV211: initiatives, tracks, meetings and indicator tables a report names must exist;
    UDV204: the bodies it goes to must be declared."""
    cfg = dataset.config
    hints = _Hints()
    kinds = {
        "initiative": ("tiltag", dataset.initiative_ids(), "data/initiatives/<id>.yaml"),
        "track": ("spor", set(cfg.tracks), "tracks i udvikling.yaml"),
        "meeting": ("møde", dataset.meeting_ids(), "data/meetings/<id>.yaml"),
        "indicator": ("taltabel", set(dataset.indicators), "data/indicators/<id>.yaml"),
    }

    def unknown(path: str, loc: Loc, kind: str, value: str) -> Iterator[Finding]:
        what, known, where = kinds[kind]
        if value in known:
            return
        close = hints.recorded(kind, known).suggest(value)
        fix = f"Mente du '{close}'? " if close else ""
        yield dataset.finding(
            path,
            loc,
            "UDV211",
            f"Rapporten nævner et ukendt {what} '{value}'.",
            f"{fix}Se {where}.",
        )

    for report in dataset.reports.values():
        p = report.path
        if report.meeting is not None:
            yield from unknown(p, ("meeting",), "meeting", report.meeting)
        for j, body in enumerate(report.to):
            yield from _declared(dataset, hints, p, ("to", j), body, "UDV204", cfg.bodies)
        for s, section in enumerate(report.sections):
            for b, block in enumerate(section.blocks):
                at: Loc = ("sections", s, "blocks", b)
                if block.initiative is not None:
                    yield from unknown(p, (*at, "initiative"), "initiative", block.initiative)
                for i, key in enumerate(block.initiatives or ()):
                    yield from unknown(p, (*at, "initiatives", i), "initiative", key)
                for i, key in enumerate(block.tracks or ()):
                    yield from unknown(p, (*at, "tracks", i), "track", key)
                for g, group in enumerate(block.plan or ()):
                    for i, key in enumerate(group.initiatives):
                        yield from unknown(p, (*at, "plan", g, "initiatives", i), "initiative", key)
                for i, key in enumerate(block.indicators or ()):
                    yield from unknown(p, (*at, "indicators", i), "indicator", key)
