"""The plan's health: reporting obligations, stale initiatives, too much at once for one
owner, and confidential initiatives on public agenda items."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from udvikling.findings import Finding
from udvikling.load import Dataset
from udvikling.rules import Context

CONFIG = "udvikling.yaml"


def check_obligations(dataset: Dataset, context: Context) -> Iterable[Finding]:
    """UDV601 a slot that ended without the status meeting; UDV602 one coming due soon."""
    from udvikling.chrono import obligations
    from udvikling.danish import format_date

    cfg = dataset.config
    for slot in obligations.obligation_status(cfg, dataset.meetings, context.today):
        body = cfg.bodies[slot.body].label if slot.body in cfg.bodies else slot.body
        loc = ("obligations", slot.obligation_id, "bodies", slot.obligation.bodies.index(slot.body))
        if slot.state == "missed":
            yield dataset.finding(
                CONFIG,
                loc,
                "UDV601",
                f"{body} skulle have haft status i {slot.slot.danish()} "
                f"({slot.obligation.title}), men der er intet statusmøde for {body} i perioden.",
                f"Registrér mødet i data/meetings/ (kind: status), eller skriv en undtagelse "
                f"under obligations.{slot.obligation_id}.waivers med body: {slot.body}, "
                f"period: {slot.slot.canonical()} og reason.",
            )
        elif slot.state == "due-soon":
            yield dataset.finding(
                CONFIG,
                loc,
                "UDV602",
                f"{body} skal have status senest {format_date(slot.slot.end)} "
                f"({slot.obligation.title}); der er endnu intet statusmøde i {slot.slot.danish()}.",
                "Planlæg mødet og registrér det i data/meetings/.",
            )


def check_staleness(dataset: Dataset, context: Context) -> Iterable[Finding]:
    """UDV603: an initiative under way with no update for more than N months."""
    from udvikling.chrono.initiatives import staleness
    from udvikling.danish import format_date

    limit = dataset.config.lint.stale_months
    for init in dataset.initiatives.values():
        stale = staleness(init, context.today, limit)
        if stale is None:
            continue
        if stale.basis == "update":
            newest = max(init.updates, key=lambda u: (u.date.end, u.date.start))
            what = f"den seneste opdatering er fra {newest.date.danish()}"
        elif stale.basis == "since":
            what = (
                f"det har ingen opdateringer, siden det kom med i planen {format_date(stale.since)}"
            )
        else:
            what = f"det har ingen opdateringer, og det startede {format_date(stale.since)}"
        loc: tuple[str | int, ...] = ("updates",) if init.updates else ("status",)
        yield dataset.finding(
            init.path,
            loc,
            "UDV603",
            f"Tiltaget er i gang, men {what} ({stale.months} måneder siden; grænsen er {limit}).",
            "Skriv en opdatering under updates med dato og status i prosa.",
            key=True,
        )


def check_capacity(dataset: Dataset, context: Context) -> Iterable[Finding]:
    """UDV604: more than N initiatives active at once for one owner in one quarter."""
    from udvikling.chrono import is_active
    from udvikling.chrono.initiatives import plan_quarters
    from udvikling.danish import join_danish

    cfg = dataset.config
    limit = cfg.lint.max_active_per_owner
    dated = [i for i in dataset.initiatives.values() if i.start is not None]
    busy: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for quarter in plan_quarters(dated, context.today):
        counts: dict[str, int] = defaultdict(int)
        for init in dated:
            if init.owner is not None and is_active(init, quarter):
                counts[init.owner] += 1
        for owner, n in counts.items():
            if n > limit:
                busy[owner].append((quarter.danish(), n))
    for owner, quarters in sorted(busy.items()):
        if owner not in cfg.owners:
            continue  # UDV202 already says the owner is unknown
        peak = max(n for _, n in quarters)
        names = [q for q, n in quarters if n == peak]
        name = cfg.owners[owner].name
        yield dataset.finding(
            CONFIG,
            ("owners", owner),
            "UDV604",
            f"{name} har flere end {limit} aktive tiltag samtidig i {len(quarters)} kvartaler, "
            f"højst {peak} (i {join_danish(names)}). Undersøgelsen i 2022 advarede mod at sætte "
            "mere i gang, end organisationen kan følge til dørs.",
            "Fordel ansvaret, forskyd nogle tiltag, eller hæv lint.max_active_per_owner.",
            key=True,
        )


def check_confidentiality(dataset: Dataset, context: Context) -> Iterable[Finding]:
    """UDV605: a confidential initiative referenced from a public agenda item."""
    for meeting in dataset.meetings.values():
        for i, item in enumerate(meeting.items):
            if not item.public:
                continue
            for j, ref in enumerate(item.initiatives):
                init = dataset.initiatives.get(ref)
                if init is not None and init.confidential:
                    yield dataset.finding(
                        meeting.path,
                        ("items", i, "initiatives", j),
                        "UDV605",
                        f"Tiltaget '{ref}' er fortroligt, men punktet '{item.title}' er åbent.",
                        "Sæt public: false på punktet, eller fjern henvisningen.",
                    )
