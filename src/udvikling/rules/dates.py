"""Dates and the order of things: start before due, no dependency rings, milestones inside
their initiative, nothing done in the future, statuses that agree with the milestones."""

from __future__ import annotations

from collections.abc import Iterable

from udvikling.findings import Finding
from udvikling.load import Dataset
from udvikling.model import Initiative
from udvikling.rules import Context


def check_dates(dataset: Dataset, context: Context) -> Iterable[Finding]:
    """UDV401, UDV403-UDV406 per initiative; UDV402 for rings of depends_on."""
    from udvikling import state
    from udvikling.danish import format_date

    today = context.today
    for init in dataset.initiatives.values():
        p = init.path
        due = init.due_period
        if init.start is not None and due is not None and init.start.start > due.end:
            yield dataset.finding(
                p,
                ("start",),
                "UDV401",
                f"Tiltaget starter ({init.start.danish()}) efter sin frist ({due.danish()}).",
                "Ret start eller due, så starten ligger før fristen.",
            )
        first = state.span_start(init)
        last = due.end if due is not None else None
        for i, ms in enumerate(init.milestones):
            ms_due = state.milestone_due(ms, dataset.meetings)
            if ms_due is not None and (
                (first is not None and ms_due.end < first)
                or (last is not None and ms_due.start > last)
            ):
                span_text = _span_text(init)
                yield dataset.finding(
                    p,
                    ("milestones", i, "due" if ms.due is not None else "meeting"),
                    "UDV403",
                    f"Milepælen '{ms.title}' ({ms_due.danish()}) ligger uden for tiltagets "
                    f"periode ({span_text}).",
                    "Ret milepælens tidspunkt eller tiltagets start/due.",
                )
            if ms.done is not None and ms.done > today:
                yield dataset.finding(
                    p,
                    ("milestones", i, "done"),
                    "UDV404",
                    f"Milepælen '{ms.title}' er markeret nået {format_date(ms.done)}, "
                    "som ligger i fremtiden.",
                    "Skriv datoen, milepælen faktisk blev nået, eller fjern done.",
                )
        if init.completed is not None and init.completed > today:
            yield dataset.finding(
                p,
                ("completed",),
                "UDV404",
                f"Tiltaget er markeret afsluttet {format_date(init.completed)}, "
                "som ligger i fremtiden.",
                "Skriv datoen, tiltaget faktisk blev afsluttet.",
            )
        for i, update in enumerate(init.updates):
            if update.date > today:
                yield dataset.finding(
                    p,
                    ("updates", i, "date"),
                    "UDV404",
                    f"Opdateringen er dateret {format_date(update.date)}, som ligger i fremtiden.",
                    "Datér opdateringen den dag, den blev skrevet.",
                )
        open_milestones = [
            ms
            for ms in init.milestones
            if state.milestone_done_on(ms, dataset.meetings, init.id) is None
        ]
        if init.status == "afsluttet" and open_milestones:
            names = ", ".join(f"'{ms.title}'" for ms in open_milestones)
            yield dataset.finding(
                p,
                ("status",),
                "UDV405",
                f"Tiltaget er afsluttet, men milepælene {names} er ikke nået."
                if len(open_milestones) > 1
                else f"Tiltaget er afsluttet, men milepælen {names} er ikke nået.",
                "Skriv done-datoen på milepælene, eller ret status.",
            )
        if init.status == "planlagt" and init.milestones and not open_milestones:
            yield dataset.finding(
                p,
                ("status",),
                "UDV406",
                "Alle tiltagets milepæle er nået, men status er stadig planlagt.",
                "Sæt status til i-gang eller afsluttet.",
            )
    yield from _cycles(dataset)


def _span_text(init: Initiative) -> str:
    start = init.start.danish() if init.start is not None else "uden start"
    due = init.due_period.danish() if init.due_period is not None else "uden frist"
    return f"{start} – {due}"


def _cycles(dataset: Dataset) -> Iterable[Finding]:
    """Report each ring of depends_on once, at the dependency in its first member."""
    graph = {
        init_id: [d for d in init.depends_on if d in dataset.initiatives]
        for init_id, init in dataset.initiatives.items()
    }
    reported: set[frozenset[str]] = set()
    for start in sorted(graph):
        ring = _find_ring(graph, start)
        if ring is None or frozenset(ring) in reported:
            continue
        reported.add(frozenset(ring))
        first = min(ring)
        offset = ring.index(first)
        ordered = ring[offset:] + ring[:offset]
        nxt = ordered[1] if len(ordered) > 1 else ordered[0]
        init = dataset.initiatives[first]
        index = init.depends_on.index(nxt)
        chain = " → ".join([*ordered, first])
        yield dataset.finding(
            init.path,
            ("depends_on", index),
            "UDV402",
            f"Tiltagene afhænger af hinanden i ring: {chain}.",
            "Fjern den afhængighed, der ikke er reel, så rækkefølgen kan lade sig gøre.",
        )


def _find_ring(graph: dict[str, list[str]], start: str) -> list[str] | None:
    """A ring through ``start`` (as a list of ids), or None."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for nxt in graph.get(node, []):
            if nxt == start:
                return path
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None
