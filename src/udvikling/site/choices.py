"""The filters of the list of initiatives: tracks, owners, units and statuses in use.

Each choice is an option of the script's filter form and a page of its own (so the filters
work without JavaScript too): ``spor/<id>.html``, ``ansvarlige/<id>.html``,
``enheder/<id>.html`` and ``status/<id>.html``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from udvikling.danish import danish_sort_key
from udvikling.load import Dataset
from udvikling.model import Initiative
from udvikling.reports.common import owner_name, track_name
from udvikling.site import links
from udvikling.site.initiatives import status_key, unit_name
from udvikling.vocab import status_label

# Status order in counts, progress bars and filters: done first, then under way, the rest.
STATUS_ORDER = ("afsluttet", "i-gang", "planlagt", "udskudt", "opgivet", None)


def _choice(
    key: str, name: str, url: str, members: list[Initiative], test: Callable[[Initiative], bool]
) -> dict[str, Any]:
    return {"id": key, "navn": name, "url": url, "antal": sum(1 for i in members if test(i))}


def choices(plan: Dataset, members: list[Initiative]) -> list[dict[str, Any]]:
    """The filters (``spor``, ``ansvarlig``, ``enhed``, ``status``) and their choices, each
    with its page and how many initiatives it has; only choices in use."""
    tracks = [t for t in plan.config.tracks if any(i.track == t for i in members)]
    tracks += sorted({i.track for i in members} - set(tracks))
    owners = sorted(
        {i.owner for i in members if i.owner}, key=lambda o: danish_sort_key(owner_name(plan, o))
    )
    units = sorted(
        {u for i in members for u in i.units}, key=lambda u: danish_sort_key(unit_name(plan, u))
    )
    statuses = [s for s in STATUS_ORDER if any(i.status == s for i in members)]

    def has_track(track: str) -> Callable[[Initiative], bool]:
        return lambda i: i.track == track

    def has_owner(owner: str) -> Callable[[Initiative], bool]:
        return lambda i: i.owner == owner

    def has_unit(unit: str) -> Callable[[Initiative], bool]:
        return lambda i: unit in i.units

    def has_status(status: str | None) -> Callable[[Initiative], bool]:
        return lambda i: i.status == status

    return [
        {
            "navn": "spor",
            "etiket": "Spor",
            "valg": [
                _choice(t, track_name(plan, t), links.track(t), members, has_track(t))
                for t in tracks
            ],
        },
        {
            "navn": "ansvarlig",
            "etiket": "Ansvarlig",
            "valg": [
                _choice(o, owner_name(plan, o), links.owner(o), members, has_owner(o))
                for o in owners
            ],
        },
        {
            "navn": "enhed",
            "etiket": "Enhed",
            "valg": [
                _choice(u, unit_name(plan, u), links.unit(u), members, has_unit(u)) for u in units
            ],
        },
        {
            "navn": "status",
            "etiket": "Status",
            "valg": [
                _choice(
                    status_key(s),
                    status_label(s),
                    links.status(status_key(s)),
                    members,
                    has_status(s),
                )
                for s in statuses
            ],
        },
    ]
