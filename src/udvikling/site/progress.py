"""How far the plan is, counted, never estimated: initiatives by their status and milestones
by where they stand, for the whole plan and per track.

Nothing is weighed or turned into a percentage of work done: an initiative counts as done
when its status is ``afsluttet`` (as the data has it on the site's day), a milestone when it
is reached (its ``done``, a journal entry saying so, or its meeting held with the initiative
on the agenda: :mod:`udvikling.chrono.milestones`). :data:`COUNTING` says so in Danish, on
the site and in the open data.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from udvikling.chrono import Standing
from udvikling.model import Initiative
from udvikling.site.choices import STATUS_ORDER
from udvikling.site.initiatives import status_key
from udvikling.vocab import status_label

COUNTING = (
    "Fremdriften tælles, den vurderes ikke. Et tiltag tælles som afsluttet, når dets status "
    "er afsluttet; de øvrige tælles efter deres status (i gang, planlagt, udskudt, opgivet "
    "eller ikke oplyst, når ingen kilde giver en status). En milepæl tælles som nået, når "
    "en kilde siger, at den er nået, når en statusopdatering melder den nået, eller når "
    "dens møde er holdt og har behandlet tiltaget. Ingen tiltag eller milepæle vægtes højere "
    "end andre, og der regnes ingen procent for, hvor langt et tiltag er."
)
# Where a milestone stands (udvikling.chrono's states), in Danish, in the order shown.
MILESTONE_STATES = {
    "done": "nået",
    "upcoming": "kommende",
    "late": "for sent",
    "unreported": "over fristen uden melding",
    "closed": "ikke nået, tiltaget er lukket",
    "undated": "uden dato",
    "separate": "afrapporteres særskilt",
}


@dataclass(frozen=True)
class Progress:
    """Counts for a set of initiatives: by status, and their milestones by state."""

    initiatives: int
    statuses: dict[str, int] = field(default_factory=dict)  # status slug -> count
    milestones: int = 0
    milestone_states: dict[str, int] = field(default_factory=dict)

    @property
    def completed(self) -> int:
        return self.statuses.get("afsluttet", 0)

    @property
    def reached(self) -> int:
        return self.milestone_states.get("done", 0)

    def text(self) -> str:
        """``2 af 41 tiltag er afsluttet; 5 af 30 milepæle er nået.`` in Danish."""
        from udvikling.danish import count_noun

        parts = [
            f"{self.completed} af {count_noun(self.initiatives, 'tiltag', 'tiltag')} er afsluttet"
        ]
        if self.milestones:
            milestones = count_noun(self.milestones, "milepæl", "milepæle")
            parts.append(f"{self.reached} af {milestones} er nået")
        return "; ".join(parts) + "."

    def status_rows(self) -> list[dict[str, object]]:
        """Each status with initiatives, in the site's order: slug, Danish name, count."""
        return [
            {
                "status": status_key(s),
                "navn": status_label(s),
                "antal": self.statuses[status_key(s)],
            }
            for s in STATUS_ORDER
            if self.statuses.get(status_key(s))
        ]

    def milestone_rows(self) -> list[dict[str, object]]:
        """Each state with milestones, in :data:`MILESTONE_STATES`' order."""
        return [
            {"tilstand": state, "navn": name, "antal": self.milestone_states[state]}
            for state, name in MILESTONE_STATES.items()
            if self.milestone_states.get(state)
        ]


def progress(standing: Standing, members: Iterable[Initiative]) -> Progress:
    """The counts for ``members`` (initiatives of the plan as it stood in ``standing``)."""
    chosen = list(members)
    statuses = Counter(status_key(i.status) for i in chosen)
    states: Counter[str] = Counter(m.state for i in chosen for m in standing.milestones(i))
    return Progress(
        initiatives=len(chosen),
        statuses=dict(statuses),
        milestones=sum(states.values()),
        milestone_states=dict(states),
    )
