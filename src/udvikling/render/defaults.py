"""The documents udv writes when no report record is given: a status note and a process plan
as the plan stood on a day, with a plain default text.

They are :class:`~udvikling.model_report.Report` records built in code, so a default note and
an authored one are filled and rendered the same way (:mod:`udvikling.render.blocks`).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from udvikling.chrono import LastStatus, Standing
from udvikling.danish import format_date
from udvikling.load import Dataset
from udvikling.model import Meeting
from udvikling.model_report import Block, PlanGroup, Report, Section
from udvikling.periods import Period, day_period

if TYPE_CHECKING:
    from udvikling.reports.new import NewRecord


def process_definite(dataset: Dataset) -> str:
    """The process's name in definite form, as it stands mid-sentence (configured; else the
    name with a lower-case first letter)."""
    config = dataset.config
    if config.process_definite:
        return config.process_definite
    return config.process[:1].lower() + config.process[1:]


def _reported_tracks(plan: Dataset) -> list[str]:
    return [key for key, track in plan.config.tracks.items() if not track.separate]


def since_text(plan: Dataset, last: LastStatus) -> str:
    """The last status in a sentence: ``seneste status til Voksen- og Plejeudvalget 24. april
    2024`` or ``seneste statusnotat (efterår 2024)``."""
    if last.kind == "meeting" and last.body is not None:
        body = plan.config.bodies.get(last.body)
        name = body.name if body else last.body
        return f"seneste status til {name} {last.when.danish()}"
    return f"seneste statusnotat ({last.when.danish()})"


def has_news(standing: Standing) -> bool:
    """Whether any initiative followed by the plan has news since the last status."""
    return any(standing.news(i) for i in standing.plan.initiatives.values() if standing.followed(i))


def default_notat(
    standing: Standing,
    meeting: Meeting | None,
    when: Period | None = None,
) -> Report:
    """The status note of a view (or for ``meeting``): an introduction, a section per track
    with what is new since the last status (or, when nothing is new, each initiative's latest
    known status), what comes next, what is past its deadline, and the appendices (the
    beacons and the indicator tables known by then)."""
    plan = standing.plan
    at = standing.judged
    last = standing.last_status
    news = has_news(standing)
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
        if last is not None and news:
            intro += f" Det omfatter det, der er meldt siden {since_text(plan, last)}."
        elif last is not None:
            intro += (
                f" Der er ikke meldt nyt siden {since_text(plan, last)}. Nedenfor står hvert "
                "tiltags seneste kendte status, og hvornår den blev meldt."
            )
    sections = [Section(heading="Indledning", blocks=(Block(text=intro),))]
    if news or last is None:
        for key in _reported_tracks(plan):
            sections.append(
                Section(heading=plan.config.tracks[key].name, blocks=(Block(tracks=(key,)),))
            )
    else:
        sections.append(Section(heading="Status for tiltagene", blocks=(Block(standing=True),)))
    sections.append(Section(heading="Det videre forløb", blocks=(Block(upcoming=True),)))
    sections.append(Section(heading="Overskredne frister", blocks=(Block(late=True),)))
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


def new_report(dataset: Dataset, kind: str, title: str, date_text: str) -> NewRecord:
    """A new report file (``kind`` notat or procesplan) dated ``date_text``: the sections of
    udv's default document for the plan as it stood then, ready for the authored prose
    (the introduction's first sentence is written; the rest is the plan's own)."""
    from udvikling.chrono import stand, view_at
    from udvikling.periods import parse_period
    from udvikling.reports.new import REPORT_SCHEMA, NewRecord, dump_record
    from udvikling.reports.new import Period as PeriodText
    from udvikling.rules.ids import slugify

    period = parse_period(date_text)
    standing = stand(dataset, view_at(period.end))
    if kind == "procesplan":
        report = default_procesplan(standing.plan, period.end, timeline=True)
    else:
        report = default_notat(standing, None, period)
    data = report.model_dump(mode="json", exclude_defaults=True, exclude={"id", "path"})
    data = {
        "kind": kind,
        "title": title,
        "date": PeriodText(date_text),
        **{k: v for k, v in data.items() if k not in ("kind", "title", "date")},
    }
    record_id = slugify(f"{period.slug()} {kind}")
    text = f"{REPORT_SCHEMA}\n\n{dump_record(data)}"
    return NewRecord(record_id, f"data/reports/{record_id}.yaml", text)
