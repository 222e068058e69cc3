"""What an acceptance pass on the shipped plan found: the same fact, said in different words
by different views, or in wrong Danish. Each test failed on the code before its fix."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO
from udvikling.cli import run


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped plan."""
    root = tmp_path / "plan"
    root.mkdir()
    shutil.copy(REPO / "udvikling.yaml", root / "udvikling.yaml")
    shutil.copytree(REPO / "data", root / "data")
    return root


def _text(html: str) -> str:
    """A page's words on one line each, without tags."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_site_counts_one_update_in_the_singular(
    shipped: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # On 1 October 2024 one entry is new since the VPU status of 24 April 2024: the Council's
    # new name and deadline for ny-styringsmodel (20 August 2024).
    out = tmp_path / "site"
    code = run(
        ["site", "--root", str(shipped), "-o", str(out), "--as-of", "2024-10-01", "--no-documents"]
    )
    assert code == 0, capsys.readouterr().err
    news = _text((out / "nyt.html").read_text(encoding="utf-8"))
    front = _text((out / "index.html").read_text(encoding="utf-8"))
    assert "til og med 1. oktober 2024: 1 opdatering, nyeste først" in news
    assert "Siden da er der meldt 1 opdatering." in front
    assert "(1 opdatering)" in front
    assert "1 opdateringer" not in news + front
