"""Dates and the order of things: start before due, no dependency rings, milestones inside
their initiative, nothing done in the future, statuses that agree with the milestones, and
journal entries dated as the meeting or report they were reported in."""

from __future__ import annotations

from collections.abc import Iterable

from udvikling.findings import Finding
from udvikling.load import Dataset
from udvikling.model import Initiative
from udvikling.periods import Period
from udvikling.rules import Context


def check_dates(dataset: Dataset, context: Context) -> Iterable[Finding]:
    """UDV401, UDV403, UDV405, UDV406 per initiative, as it stood on the day judged."""
    from udvikling import chrono

    for init in dataset.initiatives.values():
        p = init.path
        due = init.due_period
        if chrono.starts_after_due(init):
            assert init.start is not None and due is not None
            yield dataset.finding(
                p,
                ("start",),
                "UDV401",
                f"Tiltaget starter ({init.start.danish()}) efter sin frist ({due.danish()}).",
                "Ret start eller due, så starten ligger før fristen.",
            )
        for i, ms in enumerate(init.milestones):
            ms_due = chrono.milestone_due(ms, dataset.meetings)
            if ms_due is not None and chrono.outside_span(ms_due, init):
                span_text = _span_text(init)
                yield dataset.finding(
                    p,
                    ("milestones", i, "due" if ms.due is not None else "meeting"),
                    "UDV403",
                    f"Milepælen '{ms.title}' ({ms_due.danish()}) ligger uden for tiltagets "
                    f"periode ({span_text}).",
                    "Ret milepælens tidspunkt eller tiltagets start/due.",
                )
        open_milestones = [
            ms
            for ms in init.milestones
            if chrono.milestone_reached(ms, dataset.meetings, init, context.today) is None
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
                "Skriv done på milepælene (eller reached i opdateringen), eller ret status.",
            )
        if init.status == "planlagt" and init.milestones and not open_milestones:
            yield dataset.finding(
                p,
                ("status",),
                "UDV406",
                "Alle tiltagets milepæle er nået, men status er stadig planlagt.",
                "Sæt status til i-gang eller afsluttet.",
            )


def check_future(dataset: Dataset, context: Context) -> Iterable[Finding]:
    """UDV404: a date that has not come yet where only the past can stand (done, completed,
    an entry's date, since). Judged against the real date: on an earlier day judged, an
    entry dated after it is not wrong, only not known yet."""
    from udvikling.chrono import in_future
    from udvikling.danish import format_date

    now = context.now

    def late(period: Period | None) -> bool:
        return in_future(period, now)

    for init in dataset.initiatives.values():
        p = init.path
        if late(init.since):
            yield _future(dataset, p, ("since",), "Tiltaget er med i planen fra", init.since)
        for i, ms in enumerate(init.milestones):
            if late(ms.done):
                assert ms.done is not None
                yield dataset.finding(
                    p,
                    ("milestones", i, "done"),
                    "UDV404",
                    f"Milepælen '{ms.title}' er markeret nået {ms.done.danish()}, "
                    "som ligger i fremtiden.",
                    "Skriv, hvornår milepælen faktisk blev nået, eller fjern done.",
                )
            if late(ms.since):
                yield _future(
                    dataset, p, ("milestones", i, "since"), "Milepælen er med fra", ms.since
                )
        if late(init.completed):
            assert init.completed is not None
            yield dataset.finding(
                p,
                ("completed",),
                "UDV404",
                f"Tiltaget er markeret afsluttet {init.completed.danish()}, "
                "som ligger i fremtiden.",
                "Skriv, hvornår tiltaget faktisk blev afsluttet.",
            )
        for i, update in enumerate(init.updates):
            if late(update.date):
                yield dataset.finding(
                    p,
                    ("updates", i, "date"),
                    "UDV404",
                    f"Opdateringen er dateret {update.date.danish()}, som ligger i fremtiden "
                    f"(i dag er {format_date(now)}).",
                    "Datér opdateringen, når den blev meldt eller besluttet.",
                )
            if late(update.completed):
                yield _future(
                    dataset, p, ("updates", i, "completed"), "Afsluttet", update.completed
                )
    for meeting in dataset.meetings.values():
        if late(meeting.since):
            yield _future(dataset, meeting.path, ("since",), "Mødet er kendt fra", meeting.since)
    for report in dataset.reports.values():
        if late(report.date):
            yield _future(dataset, report.path, ("date",), "Rapporten er dateret", report.date)


def check_reports(dataset: Dataset, context: Context) -> Iterable[Finding]:
    """UDV408: a report names an initiative that was not part of the plan on its date."""
    from udvikling.chrono import report_view
    from udvikling.chrono.knowledge import initiative_at

    for report in dataset.reports.values():
        view = report_view(dataset, report)
        for s, section in enumerate(report.sections):
            for b, block in enumerate(section.blocks):
                named: list[tuple[tuple[str | int, ...], str]] = []
                if block.initiative is not None:
                    named.append((("initiative",), block.initiative))
                named += [(("initiatives", i), k) for i, k in enumerate(block.initiatives or ())]
                for g, group in enumerate(block.plan or ()):
                    named += [
                        (("plan", g, "initiatives", i), k) for i, k in enumerate(group.initiatives)
                    ]
                for loc, key in named:
                    initiative = dataset.initiatives.get(key)
                    if initiative is None or initiative_at(initiative, view)[0] is not None:
                        continue
                    yield dataset.finding(
                        report.path,
                        ("sections", s, "blocks", b, *loc),
                        "UDV408",
                        f"Tiltaget '{key}' var ikke en del af planen {report.date.danish()} "
                        f"(det er med fra {initiative.since.danish() if initiative.since else '?'})"
                        "; det kommer ikke med i rapporten.",
                        "Ret tiltagets since, eller fjern det fra rapporten.",
                    )


def _future(
    dataset: Dataset, path: str, loc: tuple[str | int, ...], what: str, when: Period | None
) -> Finding:
    assert when is not None
    return dataset.finding(
        path,
        loc,
        "UDV404",
        f"{what} {when.danish()}, som ligger i fremtiden.",
        "Skriv en dato, der er kommet.",
    )


def check_journal(dataset: Dataset, context: Context) -> Iterable[Finding]:
    """UDV407: an entry reported at a meeting or in a report, dated otherwise than it.
    UDV409: two entries of one initiative with the same date and text (an answer posted
    twice prints twice in the notat)."""
    reports = dataset.reports
    for init in dataset.initiatives.values():
        written: dict[tuple[str, str], int] = {}
        for i, update in enumerate(init.updates):
            if update.text is not None:
                key = (str(update.date.canonical()), " ".join(update.text.split()))
                if key in written:
                    yield dataset.finding(
                        init.path,
                        ("updates", i, "text"),
                        "UDV409",
                        f"Opdateringen dateret {update.date.danish()} står allerede i "
                        f"journalen med samme tekst (opdatering nr. {written[key] + 1}); "
                        "notatet ville vise den to gange.",
                        "Slet den ene af de to opdateringer.",
                    )
                else:
                    written[key] = i
        for i, update in enumerate(init.updates):
            where = update.reported_in
            if where is None:
                continue
            found = dataset.meetings.get(where) or reports.get(where)
            if found is None:
                continue  # UDV209 says it is unknown
            if not (found.date.overlaps(update.date)):
                what = "mødet" if where in dataset.meetings else "rapporten"
                yield dataset.finding(
                    init.path,
                    ("updates", i, "date"),
                    "UDV407",
                    f"Opdateringen er dateret {update.date.danish()}, men {what} {where}, "
                    f"hvor den er meldt, er dateret {found.date.danish()}.",
                    f"Datér opdateringen som {what} ({found.date.canonical()}), eller ret "
                    "reported_in.",
                )


def check_cycles(dataset: Dataset, context: Context) -> Iterable[Finding]:
    """UDV402 for rings of depends_on."""
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
