"""The documents udv writes when no report record is given: a status note and a process plan
as the plan stood on a day, with a plain default text.

They are :class:`~udvikling.model_report.Report` records built in code, so a default note and
an authored one are filled and rendered the same way (:mod:`udvikling.render.blocks`).
"""

from __future__ import annotations

from datetime import date

from udvikling.danish import format_date
from udvikling.load import Dataset
from udvikling.model import Meeting
from udvikling.model_report import Block, PlanGroup, Report, Section
from udvikling.periods import Period, day_period


def process_definite(dataset: Dataset) -> str:
    """The process's name in definite form, as it stands mid-sentence (configured; else the
    name with a lower-case first letter)."""
    config = dataset.config
    if config.process_definite:
        return config.process_definite
    return config.process[:1].lower() + config.process[1:]


def _reported_tracks(plan: Dataset) -> list[str]:
    return [key for key, track in plan.config.tracks.items() if not track.separate]


def default_notat(
    plan: Dataset,
    at: date,
    meeting: Meeting | None,
    previous: Meeting | None,
    when: Period | None = None,
) -> Report:
    """The status note on ``at`` (or for ``meeting``): an introduction, a section per track
    with what is new since the previous status, what comes next, what is late, and the
    appendices (the beacons and the indicator tables known by then)."""
    summary = next((i.summary for i in meeting.items if i.summary), None) if meeting else None
    if summary:
        intro = summary
    else:
        dated = (
            f"pr. {format_date(at)}"
            if when is None or when.grain == "day"
            else (f"({when.danish()})")
        )
        intro = f"Nærværende notat giver status på arbejdet med {process_definite(plan)} {dated}."
        if previous is not None:
            body = plan.config.bodies.get(previous.body)
            name = body.name if body else previous.body
            intro += (
                f" Det omfatter det, der er meldt siden seneste status til {name} "
                f"{previous.date.danish()}."
            )
    sections = [Section(heading="Indledning", blocks=(Block(text=intro),))]
    for key in _reported_tracks(plan):
        sections.append(
            Section(heading=plan.config.tracks[key].name, blocks=(Block(tracks=(key,)),))
        )
    sections.append(Section(heading="Det videre forløb", blocks=(Block(upcoming=True),)))
    sections.append(Section(heading="Forsinkede tiltag og milepæle", blocks=(Block(late=True),)))
    number = 1
    if plan.config.beacons:
        sections.append(
            Section(
                heading=f"Bilag {number}: Strategiens pejlemærker og tiltag",
                blocks=(Block(beacons=True),),
            )
        )
        number += 1
    for indicator in sorted(plan.indicators.values(), key=lambda i: (i.date.end, i.id)):
        sections.append(
            Section(
                heading=f"Bilag {number}: {indicator.title}",
                blocks=(Block(indicators=(indicator.id,)),),
            )
        )
        number += 1
    return Report(
        kind="notat",
        title=f"Status på {process_definite(plan)}",
        date=meeting.date if meeting is not None else (when or day_period(at)),
        meeting=meeting.id if meeting is not None else None,
        sections=tuple(sections),
    )


def default_procesplan(plan: Dataset, at: date, timeline: bool) -> Report:
    """The time and process plan on ``at``: a table per track (initiatives by start), the
    timeline and the meetings."""
    from udvikling.render.blocks import by_start

    groups = []
    for key in _reported_tracks(plan):
        members = by_start([i for i in plan.initiatives.values() if i.track == key])
        if members:
            groups.append(
                PlanGroup(
                    heading=plan.config.tracks[key].name,
                    initiatives=tuple(i.id for i in members),
                )
            )
    intro = (
        f"Nedenfor er en skematisk oversigt over tiltagene i {process_definite(plan)} "
        f"pr. {format_date(at)}, ordnet efter udviklingsspor: hvad der skal ske (Tiltag), "
        "hvornår (Iværksættelse), hvem der er ansvarlig, og om tiltaget ligger på centralt "
        "eller decentralt niveau."
    )
    sections = [Section(heading="Indledning", blocks=(Block(text=intro),))]
    if groups:
        sections.append(Section(heading="Tids- og procesplan", blocks=(Block(plan=tuple(groups)),)))
    if timeline:
        sections.append(Section(heading="Tidslinje", blocks=(Block(timeline=True),)))
    if plan.meetings:
        sections.append(Section(heading="Møder", blocks=(Block(meetings=True),)))
    return Report(
        kind="procesplan",
        title=f"{plan.config.process}: Tids- og procesplan",
        date=day_period(at),
        sections=tuple(sections),
    )
