"""A report's sections filled from the plan as it stood: each block as a plain dict.

A report (``data/reports/<id>.yaml``, or the default one of :mod:`udvikling.render.defaults`)
lists sections of blocks; here each block becomes what its template needs, from the answers
of the time package for the report's view (:class:`udvikling.chrono.Standing`): the plan as
it stood, what is news, what is coming and what is past its deadline. Nothing here reads
the clock or compares dates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from udvikling import chrono, prose
from udvikling.chrono import Standing
from udvikling.danish import SortKey, danish_sort_key
from udvikling.load import Dataset
from udvikling.model import Initiative, Update
from udvikling.model_report import Block, PlanColumn, PlanGroup, Report
from udvikling.render.markdown import MERGED_ABOVE, Md, starts_with_list
from udvikling.render.records import indicator_table, meeting_dict, meeting_sort
from udvikling.reports.common import owner_name
from udvikling.vocab import level_label, status_label

News = Callable[[Initiative], list[Update]]
"""Which journal entries of an initiative a document reports."""


@dataclass(frozen=True, slots=True)
class Filling:
    """What a report is filled from: the answers for its view and what is news."""

    standing: Standing
    news: News
    timeline: str | None = None
    issued: str = ""
    """The id of the issued document reproduced (its words from ``as_issued``), if any."""

    @property
    def plan(self) -> Dataset:
        """The plan as it stood in the report's view."""
        return self.standing.plan


# -- what is news ---------------------------------------------------------------------------


def news_reported_in(document: str) -> News:
    """The entries with prose reported in ``document`` (a report or a meeting)."""

    def pick(initiative: Initiative) -> list[Update]:
        return chrono.reported_in(initiative, document)

    return pick


# -- blocks ---------------------------------------------------------------------------------


def written(initiative: Initiative, name: str, issued: str) -> str | None:
    """The initiative's field ``name`` as the issued document ``issued`` wrote it (its
    ``as_issued`` words), else as the plan has it."""
    words = initiative.as_issued.get(issued) if issued else None
    found = getattr(words, name, None) if words is not None else None
    if found is not None:
        return str(found)
    value = getattr(initiative, name)
    return value if isinstance(value, str) else None


def _parts(
    initiative: Initiative, show: tuple[str, ...], news: News, issued: str = ""
) -> list[str]:
    """The texts shown for one initiative, in the order ``show`` asks for them."""
    parts: list[str] = []
    for what in show:
        if what == "updates":
            parts.extend(u.text for u in news(initiative) if u.text)
            continue
        text = written(initiative, what, issued)
        if what == "timing" and text is None:
            text = implementation_text(initiative)
        if text:
            parts.append(text)
    return parts


def _list_item(initiative: Initiative, show: tuple[str, ...], news: News, issued: str = "") -> str:
    """One bullet: the shown texts joined by a dash, or the title when nothing is shown. A
    text laid out by its writer (paragraphs, a list) keeps its form under the bullet."""
    out = ""
    for part in _parts(initiative, show, news, issued):
        text = part.strip() if prose.laid_out(part) else " ".join(part.split())
        if not out:
            out = text
        elif prose.laid_out(out):
            out += f"\n\n{text}"
        else:
            out += f" – {text}"
    return out or initiative.title


def _one_paragraph(texts: list[str]) -> list[str]:
    """Texts run together into one paragraph, as a document in ``paragraph`` style has
    them; a text its writer laid out (paragraphs, a list) keeps its form."""
    out: list[str] = []
    for text in texts:
        if prose.laid_out(text):
            out.append(text)
        elif out and not prose.laid_out(out[-1]):
            out[-1] = f"{out[-1]} {' '.join(text.split())}"
        else:
            out.append(" ".join(text.split()))
    return out


def by_start(items: list[Initiative]) -> list[Initiative]:
    def key(initiative: Initiative) -> tuple[date, SortKey]:
        first = chrono.span_start(initiative) or date.max
        return first, danish_sort_key(initiative.title)

    return sorted(items, key=key)


def _track_paragraphs(fill: Filling, tracks: tuple[str, ...]) -> list[dict[str, Any]]:
    """Each initiative of ``tracks`` with news: its title as a lead-in and its texts."""
    out: list[dict[str, Any]] = []
    for track in tracks:
        members = [i for i in fill.plan.initiatives.values() if i.track == track]
        for initiative in by_start(members):
            texts = [u.text for u in fill.news(initiative) if u.text]
            if texts:
                out.append(
                    {
                        "fremhaevet": initiative.title,
                        "tekster": texts,
                        # "- " lines after the name: the name stands on its own line.
                        "liste_foerst": starts_with_list(texts[0]),
                    }
                )
    return out


def _plan_table(
    fill: Filling, groups: tuple[PlanGroup, ...], columns: tuple[PlanColumn, ...]
) -> dict[str, Any] | None:
    """The plan as one table with the document's own columns: each cell the texts of its
    fields, one per line, as the document wrote them; the track in its first row."""
    rows: list[list[str]] = []
    for group in groups:
        found = [fill.plan.initiatives[k] for k in group.initiatives if k in fill.plan.initiatives]
        for index, initiative in enumerate(found):
            cells = []
            for column in columns:
                lines = [
                    text
                    for name in column.fields
                    if (text := _cell_text(fill, initiative, name, group, first=index == 0))
                ]
                merged = not lines and index > 0 and "track" in column.fields
                cells.append(Md(MERGED_ABOVE) if merged else "\n".join(lines))
            rows.append(cells)
    if not rows:
        return None
    return {"art": "tabel", "kolonner": [c.heading for c in columns], "raekker": rows}


def _cell_text(
    fill: Filling, initiative: Initiative, name: str, group: PlanGroup, *, first: bool
) -> str | None:
    """One field's text in a plan cell (see :class:`~udvikling.model_report.PlanColumn`)."""
    if name == "track":
        return group.heading if first else None  # the cell above runs down (see _plan_table)
    if name == "level":
        return level_label(initiative.level) if initiative.level else None
    if name == "owner":
        words = initiative.as_issued.get(fill.issued) if fill.issued else None
        if words is not None and words.owner is not None:
            return words.owner or None  # "": the document names no owner apart
        return owner_name(fill.plan, initiative.owner) if initiative.owner else None
    text = written(initiative, name, fill.issued)
    if name == "timing" and text is None:
        text = implementation_text(initiative)
    return text or None


def _plan_rows(fill: Filling, groups: tuple[PlanGroup, ...]) -> list[dict[str, Any]]:
    out = []
    for group in groups:
        rows = []
        for key in group.initiatives:
            initiative = fill.plan.initiatives.get(key)
            if initiative is None:
                continue  # not (yet) part of the plan in this view
            rows.append(plan_row(fill.plan, initiative))
        if rows:
            out.append({"overskrift": group.heading, "raekker": rows})
    return out


def sentences(*parts: str | None) -> str:
    """Texts joined as sentences: each but the last ends with a full stop (or its own
    ``.:!?``); a single text stays as it is written."""
    texts = [" ".join(p.split()) for p in parts if p and p.strip()]
    out = [t if t[-1] in ".:!?" else f"{t}." for t in texts[:-1]]
    return " ".join([*out, *texts[-1:]])


def plan_row(plan: Dataset, initiative: Initiative) -> dict[str, Any]:
    """One row of the process plan: Tiltag, Iværksættelse, Ansvarlig, Niveau."""
    owner = owner_name(plan, initiative.owner) if initiative.owner else None
    timing = initiative.timing or implementation_text(initiative)
    who = [t.strip() for t in (owner, initiative.responsibility) if t and t.strip()]
    return {
        "tiltag": sentences(initiative.title, initiative.description),
        "ivaerksaettelse": timing[:1].upper() + timing[1:] if timing else UNKNOWN,
        # The owner on its own line, the plan's words on responsibility under it.
        "ansvarlig": "\n".join(who) if who else UNKNOWN,
        "niveau": level_label(initiative.level) if initiative.level else UNKNOWN,
        "status": status_label(initiative.status) if initiative.status else UNKNOWN,
    }


UNKNOWN = "Ikke oplyst"
"""What a document says where the plan does not know, in every table."""


def implementation_text(initiative: Initiative) -> str:
    """When an initiative is implemented, from its dates, when the plan has no words for it:
    ``1. halvår 2023 – 2. kvartal 2024``, ``1. halvår 2023, løbende``; empty when no date
    is known (nothing is said that no source gives)."""
    start = initiative.start.danish() if initiative.start else None
    due = initiative.due_period
    if initiative.ongoing:
        return f"{start}, løbende" if start else "Løbende"
    if due is not None:
        end = due.danish()
        return f"{start} – {end}" if start and start != end else (start or f"Frem til {end}")
    return start or ""


def _upcoming(fill: Filling) -> dict[str, Any]:
    """What is coming within a year (the time package's one rule of upcoming)."""
    plan = fill.plan
    coming = fill.standing.upcoming()
    points: list[tuple[Any, Initiative, str]] = [
        (due, initiative, milestone.title) for due, initiative, milestone in coming.milestones
    ]
    points += [(start, initiative, "Iværksættelse") for start, initiative in coming.starts]
    points.sort(key=lambda t: (t[0].end, t[0].start, danish_sort_key(t[1].title)))
    return {
        "art": "kommende",
        "punkter": [{"periode": p, "tiltag": i.title, "hvad": what} for p, i, what in points],
        "moeder": [meeting_dict(plan, m) for m in sorted(coming.meetings, key=meeting_sort)],
    }


def _late(fill: Filling) -> dict[str, Any]:
    """What is past its deadline, in two lists with the same columns: late (a status after
    the deadline says it is not done) and not reported since the deadline. A committee
    never reads "forsinket" about what nobody has reported (docs/semantics.md R19)."""
    from udvikling.reports.overdue import overdue_report

    plan = fill.plan
    overdue = overdue_report(fill.standing)

    def row(item: Any) -> dict[str, Any]:
        initiative = plan.initiatives[item.initiative]
        return {
            "tiltag": initiative.title,
            "milepael": item.title if item.kind == "milestone" else "",
            "frist": item.due,
            "meldt": item.reported_text,
            "ansvarlig": item.owner_name or owner_name(plan, None),
        }

    late = [row(i) for i in overdue.items if i.kind in ("initiative", "milestone")]
    # An initiative with nothing reported since its deadline stands for its milestones too.
    quiet_initiatives = {i.initiative for i in overdue.unreported if i.kind == "initiative"}
    quiet = [
        row(i)
        for i in overdue.unreported
        if i.kind == "initiative"
        or (i.kind == "milestone" and i.initiative not in quiet_initiatives)
    ]
    return {
        "art": "forsinkede",
        "dato": fill.standing.judged,
        "for_sent": late,
        "uden_status": quiet,
    }


def _standing(fill: Filling) -> dict[str, Any] | None:
    """Each followed initiative's latest known status and when it was reported, per track
    (what a notat says when nothing is new: never old texts as news)."""
    plan = fill.plan
    groups = []
    for key, track in plan.config.tracks.items():
        if track.separate:
            continue
        members = by_start([i for i in plan.initiatives.values() if i.track == key])
        rows = [
            {
                "tiltag": i.title,
                "status": status_label(i.status),
                "senest": fill.standing.initiative(i).last_report,
            }
            for i in members
        ]
        if rows:
            groups.append({"overskrift": track.name, "raekker": rows})
    return {"art": "stand", "grupper": groups} if groups else None


def _beacons(plan: Dataset) -> dict[str, Any]:
    rows = []
    for number, (beacon_id, beacon) in enumerate(plan.config.beacons.items(), start=1):
        titles = sorted(
            (i.title for i in plan.initiatives.values() if beacon_id in i.beacons),
            key=danish_sort_key,
        )
        heading = f"Pejlemærke {number}" + (f": {beacon.name}" if beacon.name else "")
        rows.append(
            {"nummer": number, "navn": beacon.name, "overskrift": heading, "tiltag": titles}
        )
    return {"art": "pejlemaerker", "pejlemaerker": rows}


def resolve(fill: Filling, block: Block) -> dict[str, Any] | None:
    """One block as its template dict; None when there is nothing to show in this view."""
    plan = fill.plan
    kind = block.kind
    if kind == "text":
        return {"art": "tekst", "tekst": block.text}
    if kind == "subheading":
        return {"art": "mellemrubrik", "tekst": block.subheading}
    if kind in ("initiative", "initiatives"):
        keys = (block.initiative,) if block.initiative else (block.initiatives or ())
        found = [plan.initiatives[k] for k in keys if k in plan.initiatives]
        if block.style == "list":
            items = [_list_item(i, block.show, fill.news, fill.issued) for i in found]
            return {"art": "punkter", "punkter": items} if items else None
        shown = [texts for i in found if (texts := _parts(i, block.show, fill.news, fill.issued))]
        if block.style == "paragraph" and shown:
            shown = [_one_paragraph([t for texts in shown for t in texts])]
        paragraphs: list[dict[str, Any]] = [
            {"fremhaevet": None, "tekster": texts, "liste_foerst": False} for texts in shown
        ]
        return {"art": "afsnit", "afsnit": paragraphs} if paragraphs else None
    if kind == "tracks":
        paragraphs = _track_paragraphs(fill, block.tracks or ())
        return {"art": "afsnit", "afsnit": paragraphs} if paragraphs else None
    if kind == "plan":
        if block.columns:
            return _plan_table(fill, block.plan or (), block.columns)
        groups = _plan_rows(fill, block.plan or ())
        return {"art": "plan", "grupper": groups} if groups else None
    if kind == "upcoming":
        return _upcoming(fill)
    if kind == "late":
        return _late(fill)
    if kind == "standing":
        return _standing(fill)
    if kind == "meetings":
        meetings = sorted(plan.meetings.values(), key=meeting_sort)
        return {"art": "moeder", "moeder": [meeting_dict(plan, m) for m in meetings]}
    if kind == "timeline":
        return {"art": "tidslinje", "fil": Md(fill.timeline)} if fill.timeline else None
    if kind == "beacons":
        return _beacons(plan)
    tables = [
        indicator_table(plan, plan.indicators[k])
        for k in block.indicators or ()
        if k in plan.indicators
    ]
    return {"art": "tabeller", "tabeller": tables} if tables else None


def sections(fill: Filling, report: Report) -> list[dict[str, Any]]:
    """The report's sections with their blocks filled; a section with nothing to show (in
    this view) is left out, so no empty heading reaches the document. A section the record
    gives no blocks is its heading alone (an appendix that is a figure)."""
    out = []
    appendix = False
    said: list[set[str]] = []
    for section in report.sections:
        blocks: list[dict[str, Any]] = []
        for block in section.blocks:
            found = resolve(fill, block)
            if found is not None and block.run_on and blocks:
                found = _run_on(blocks[-1], found)
            if found is not None:
                blocks.append(found)
        if not fill.issued:  # an issued document is reproduced as it was, repeats and all
            blocks = [b for block in blocks if (b := _unsaid(block, said)) is not None]
        filled = [b for b in blocks if b["art"] not in ("mellemrubrik",)]
        if filled or not section.blocks:
            # The appendices start on a new page ("---" in the template, a page break in Word).
            heading = section.heading or ""
            first_appendix = not appendix and heading.startswith("Bilag")
            appendix = appendix or first_appendix
            out.append(
                {
                    "overskrift": section.heading,
                    "blokke": _drop_dangling(blocks),
                    "ny_side": first_appendix,
                }
            )
    return out


def _run_on(before: dict[str, Any], block: dict[str, Any]) -> dict[str, Any] | None:
    """``block`` with its first text moved to the end of the last paragraph of ``before``
    (both text or initiative paragraphs; else ``block`` as it is). None when nothing is left
    of it."""
    if before["art"] not in ("tekst", "afsnit") or block["art"] not in ("tekst", "afsnit"):
        return block
    if block["art"] == "tekst":
        first, rest = str(block["tekst"]), None
    else:
        paragraphs = block["afsnit"]
        texts = paragraphs[0]["tekster"]
        first = str(texts[0])
        rest = [{**paragraphs[0], "tekster": texts[1:]}, *paragraphs[1:]]
        rest = [p for p in rest if p["tekster"]]
    if before["art"] == "tekst":
        before["tekst"] = f"{str(before['tekst']).rstrip()} {first.lstrip()}"
    else:
        last = before["afsnit"][-1]
        last["tekster"] = [*last["tekster"][:-1], f"{str(last['tekster'][-1]).rstrip()} {first}"]
    if rest:
        return {**block, "afsnit": rest}
    return None


_WORD = re.compile(r"[^\W\d_]{4,}|\d+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _said_before(text: str, said: list[set[str]]) -> bool:
    """Whether every sentence of ``text`` is already said in one earlier paragraph of the
    document (nine in ten of its words there: "Kommunalbestyrelsen godkendte ..." after
    "... godkendte Kommunalbestyrelsen ...")."""
    sentences = [s for s in re.split(r"(?<=[.!?:])\s+", text) if _words(s)]
    return bool(sentences) and all(
        any(len(_words(s) & before) >= 0.9 * len(_words(s)) for before in said) for s in sentences
    )


def _unsaid(block: dict[str, Any], said: list[set[str]]) -> dict[str, Any] | None:
    """The block without the paragraphs the document has already said (a meeting notat's
    introduction is the agenda item's text, which the news under the tracks repeat); what it
    says is added to ``said``. None when nothing is left."""
    if block["art"] == "tekst":
        said.extend(_words(p) for p in re.split(r"\n\s*\n|\n(?=- )", str(block["tekst"])))
        return block
    if block["art"] != "afsnit":
        return block
    kept = []
    for paragraph in block["afsnit"]:
        texts = [t for t in paragraph["tekster"] if not _said_before(str(t), said)]
        said.extend(_words(str(t)) for t in texts)
        if texts:
            kept.append({**paragraph, "tekster": texts})
    return {**block, "afsnit": kept} if kept else None


def _drop_dangling(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Leave out a subheading with nothing after it before the next subheading."""
    kept: list[dict[str, Any]] = []
    for index, block in enumerate(blocks):
        if block["art"] == "mellemrubrik":
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is None or following["art"] == "mellemrubrik":
                continue
        kept.append(block)
    return kept
