"""The search index: the text of every public initiative and meeting, for the site's script.

The index is a small script (``soegning.js``) that sets ``window.udvSoegning`` to a map
from a list item's key (``tiltag:<id>``, ``moede:<id>``) to its text, so a search works
from ``file://`` too (browsers refuse to fetch a JSON file there). Without the script the
lists are complete and the filter pages per track, owner, unit and status still work.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from udvikling.load import Dataset
from udvikling.model import Initiative, Meeting
from udvikling.reports.common import body_name, owner_name, track_name
from udvikling.site.initiatives import unit_name


def initiative_text(plan: Dataset, initiative: Initiative, former: Sequence[str] = ()) -> str:
    """Everything a reader may search an initiative by: titles (``former`` too), names and
    prose."""
    parts: list[str | None] = [
        initiative.title,
        *former,
        track_name(plan, initiative.track),
        owner_name(plan, initiative.owner),
        *(unit_name(plan, u) for u in initiative.units),
        initiative.description,
        initiative.timing,
        initiative.responsibility,
        *(m.title for m in initiative.milestones),
        *(u.text for u in initiative.updates),
        *initiative.tags,
    ]
    return " ".join(" ".join(p.split()) for p in parts if p)


def meeting_text(plan: Dataset, meeting: Meeting) -> str:
    """Everything a reader may search a meeting by: its title, body and open items."""
    parts: list[str | None] = [meeting.title, body_name(plan, meeting.body)]
    declared = plan.config.bodies.get(meeting.body)
    if declared is not None:
        parts.append(declared.name)
    for item in meeting.items:
        parts += [item.title, item.summary, item.recommendation, item.decision, item.remarks]
    return " ".join(" ".join(p.split()) for p in parts if p)


def index_script(plan: Dataset, former: Mapping[str, Sequence[str]]) -> str:
    """``window.udvSoegning = {...};`` for the public plan as it stood (``former``: each
    initiative's former titles, so a reader finds it by a name it had)."""
    index = {
        f"tiltag:{i.id}": initiative_text(plan, i, former.get(i.id, ()))
        for i in plan.initiatives.values()
    }
    index.update({f"moede:{m.id}": meeting_text(plan, m) for m in plan.meetings.values()})
    payload = json.dumps(index, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # Safe inside any script context: no "</script>", no line separators.
    payload = (
        payload.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )
    return f"window.udvSoegning = {payload};\n"
