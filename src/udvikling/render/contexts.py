"""What each document template gets to see: plain dicts built from the dataset.

The dates follow :mod:`udvikling.chrono`; nothing here reads the clock. Confidential
initiatives (and closed agenda items) are removed by :func:`public_view` before any context
is built, unless the caller asks for them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from udvikling.chrono import Standing
from udvikling.errors import UsageError
from udvikling.load import Dataset
from udvikling.model import AgendaItem, Meeting
from udvikling.model_report import Report
from udvikling.render.blocks import News
from udvikling.render.records import body_full_name, meeting_dict
from udvikling.reports.common import body_name

# The variables each template may use (``udv render --check`` reports any other).
COMMON_KEYS = frozenset({"organisation", "proces", "omraade", "sagsnr", "dato"})
DOCUMENT_KEYS = COMMON_KEYS | {"titel", "modtagere", "moede", "afsnit", "hoved"}
NOTAT_KEYS = DOCUMENT_KEYS
PROCESPLAN_KEYS = DOCUMENT_KEYS
BLOCKS_KEYS = frozenset({"b"})
SAGSFREMSTILLING_KEYS = COMMON_KEYS | {"moede", "punkt", "nummer", "organ", "sagsgang", "holdt"}
PAGE_KEYS = frozenset({"titel", "organisation", "stylesheet", "body", "sprog"})


def public_view(dataset: Dataset, include_confidential: bool) -> Dataset:
    """The dataset without confidential initiatives and closed agenda items."""
    if include_confidential:
        return dataset
    initiatives = {k: v for k, v in dataset.initiatives.items() if not v.confidential}
    hidden = set(dataset.initiatives) - set(initiatives)
    meetings: dict[str, Meeting] = {}
    # Only what changes is copied (copies of every meeting were a tenth of the memory of
    # `udv render` on a large plan).
    for key, meeting in dataset.meetings.items():
        if all(item.public and hidden.isdisjoint(item.initiatives) for item in meeting.items):
            meetings[key] = meeting
            continue
        items = tuple(
            item
            if hidden.isdisjoint(item.initiatives)
            else item.model_copy(
                update={"initiatives": tuple(i for i in item.initiatives if i not in hidden)}
            )
            for item in meeting.items
            if item.public
        )
        meetings[key] = meeting.model_copy(update={"items": items})
    return replace(dataset, initiatives=initiatives, meetings=meetings)


def _common(dataset: Dataset, at: date) -> dict[str, Any]:
    config = dataset.config
    return {
        "organisation": config.organisation,
        "proces": config.process,
        "omraade": config.department or "",
        "sagsnr": config.case_no or "",
        "dato": at,
    }


# -- status notes and process plans --------------------------------------------------------


def document_context(
    standing: Standing,
    report: Report,
    *,
    news: News | None = None,
    timeline: str | None = None,
) -> dict[str, Any]:
    """A status note or process plan (``report``) filled from the answers for its view: its
    title and date, and its sections with their blocks. ``news``: the entries it reports
    (default: those reported in the report, when any are; else the news since the last
    status)."""
    from udvikling.render.blocks import Filling, news_reported_in, sections

    plan = standing.plan
    if news is None:
        reported = any(
            u.reported_in == report.id
            for i in standing.full.initiatives.values()
            for u in i.updates
        )
        news = news_reported_in(report.id) if reported else standing.news
    fill = Filling(standing=standing, news=news, timeline=timeline, issued=report.id)
    meeting = plan.meetings.get(report.meeting) if report.meeting else None
    context = _common(plan, standing.judged)
    context.update(
        {
            "titel": report.title,
            "dato": report.date,
            "sagsnr": report.case_no or plan.config.case_no or "",
            "modtagere": [body_full_name(plan, b) for b in report.to],
            "moede": meeting_dict(plan, meeting) if meeting is not None else None,
            "afsnit": sections(fill, report),
        }
    )
    context["hoved"] = _masthead(report, context)
    return context


def _masthead(report: Report, context: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The lines atop an issued document, as it had them (``masthead`` in its record):
    each ``{"art": "titel" | "linje", "tekst": ...}``; None for a new document, whose
    template writes its own title and date line."""
    if report.masthead is None:
        return None
    lines: list[dict[str, Any]] = []
    for part in report.masthead:
        if part == "title":
            lines.append({"art": "titel", "tekst": report.title})
        elif part == "date":
            lines.append({"art": "linje", "tekst": report.date_written or report.date.danish()})
        elif part == "organisation":
            lines.append({"art": "linje", "tekst": context["organisation"]})
        elif context["sagsnr"]:
            lines.append({"art": "linje", "tekst": f"Sag {context['sagsnr']}"})
    return lines


# -- the agenda item -----------------------------------------------------------------------


def find_item(meeting: Meeting, number: int | None) -> tuple[int, AgendaItem]:
    """The agenda item numbered ``number`` (1 first); the only one when not given."""
    if not meeting.items:
        raise UsageError(
            f"Mødet '{meeting.id}' har ingen (åbne) dagsordenspunkter.",
            "Tilføj punkter under items i mødets fil, eller brug --include-confidential "
            "for lukkede punkter.",
        )
    if number is None:
        if len(meeting.items) > 1:
            raise UsageError(
                f"Mødet '{meeting.id}' har {len(meeting.items)} punkter.",
                "Vælg et med --item, fx --item 1.",
            )
        return 1, meeting.items[0]
    if not 1 <= number <= len(meeting.items):
        raise UsageError(
            f"Mødet '{meeting.id}' har ikke et punkt {number}.",
            f"Vælg et tal fra 1 til {len(meeting.items)}.",
        )
    return number, meeting.items[number - 1]


def sagsfremstilling_context(
    dataset: Dataset, meeting: Meeting, number: int | None
) -> dict[str, Any]:
    """One agenda item of ``meeting`` (with its decision once it has been made) as the
    context of the agenda item template."""
    from udvikling.chrono.meetings import held_on_record

    index, item = find_item(meeting, number)
    route = item.route or (meeting.body,)
    # The agenda item is the meeting's record as it is (or as known at --as-of, when the
    # outcome is hidden until the meeting has taken place): held when the record says so.
    held = meeting.held is not False and held_on_record(meeting)
    context = _common(dataset, meeting.date.start)
    context.update(
        {
            "moede": {
                **meeting_dict(dataset, meeting),
                "sagsnr": meeting.case_no or "",
                "fravaerende": list(meeting.absent),
                "bilag": list(meeting.attachments),
            },
            "punkt": {
                "titel": item.title,
                "sagsfremstilling": item.summary,
                "politikker": item.policies,
                "oekonomi": item.economy,
                "lovgrundlag": item.legal_basis,
                "indstilling": item.recommendation,
                "beslutning": item.decision,
                "bemaerkninger": item.remarks,
                "bilag": list(item.attachments),
                "aaben": item.public,
                "tiltag": [
                    dataset.initiatives[i].title
                    for i in item.initiatives
                    if i in dataset.initiatives
                ],
            },
            "nummer": index,
            "holdt": held,
            "organ": body_full_name(dataset, meeting.body),
            "sagsgang": [body_name(dataset, b) for b in route],
        }
    )
    return context
