"""Who names whom, found once for the whole plan (the site's pages), gives exactly the views
that asking the plan for each record gives."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from udvikling.chrono import stand, view_at
from udvikling.load import load
from udvikling.reports.listing import (
    discussed_in,
    initiative_view,
    links_of,
    meeting_detail,
)

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("day", [date(2023, 6, 1), date(2024, 4, 24), date(2026, 11, 23)])
def test_views_from_the_links_are_the_views_of_each_record(day: date) -> None:
    dataset = load(REPO).dataset
    assert dataset is not None
    standing = stand(dataset, view_at(day))
    plan = standing.plan
    links = links_of(plan)
    assert plan.initiatives and plan.meetings
    for initiative_id in plan.initiatives:
        assert discussed_in(plan, initiative_id, links) == discussed_in(plan, initiative_id)
        assert initiative_view(standing, initiative_id, links) == initiative_view(
            standing, initiative_id
        )
    for meeting_id in plan.meetings:
        assert meeting_detail(standing, meeting_id, links) == meeting_detail(standing, meeting_id)
    # Some records are named by others, or the comparison would prove little.
    assert any(links.needed_by.values()) and any(links.milestones_at.values())
    assert sum(map(len, links.discussed.values())) > 10
