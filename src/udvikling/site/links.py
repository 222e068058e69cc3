"""Where each page of the site lives, relative to the site's top folder.

Every page is at most one folder deep, so a page links with the prefix ``""`` (top) or
``"../"`` (a folder) and the site works from any folder or ``file://``. Ids are slugs
(a-z, 0-9, ``-``) and safe in a file name as they are.
"""

from __future__ import annotations

FRONT = "index.html"
INITIATIVES = "tiltag/index.html"
MEETINGS = "moeder/index.html"
TIMELINE = "tidslinje.html"
TIMELINE_PICTURE = "tidslinje.svg"
REPORTS = "rapporter/index.html"
ABOUT = "om.html"
NEWS = "nyt.html"
ACCESSIBILITY = "tilgaengelighed.html"
FAVICON = "favicon.svg"
FEED = "nyt.xml"
OPEN_DATA = "data.html"
OPEN_FOLDER = "aabne-data/"
OPEN_JSON = "aabne-data/plan.json"
OPEN_SCHEMA = "aabne-data/plan.schema.json"
OPEN_INITIATIVES = "aabne-data/tiltag.csv"
OPEN_MILESTONES = "aabne-data/milepaele.csv"
CALENDAR = "moeder.ics"
STYLESHEET = "site.css"
SCRIPT = "site.js"
SEARCH_INDEX = "soegning.js"
MARKER = ".udv-site"


def initiative(initiative_id: str) -> str:
    """The page of one initiative."""
    return f"tiltag/{initiative_id}.html"


def meeting(meeting_id: str) -> str:
    """The page of one meeting."""
    return f"moeder/{meeting_id}.html"


def track(track_id: str) -> str:
    """The page of one track."""
    return f"spor/{track_id}.html"


def track_feed(track_id: str) -> str:
    """The Atom feed of one track (beside its page)."""
    return f"spor/{track_id}.xml"


def owner(owner_id: str) -> str:
    """The initiatives of one owner."""
    return f"ansvarlige/{owner_id}.html"


def unit(unit_id: str) -> str:
    """The initiatives of one unit."""
    return f"enheder/{unit_id}.html"


def status(status_id: str) -> str:
    """The initiatives with one status (``ikke-oplyst`` for none)."""
    return f"status/{status_id}.html"


def report(report_id: str) -> str:
    """The page of one issued report."""
    return f"rapporter/{report_id}.html"


def download(report_id: str, suffix: str) -> str:
    """A report's document to download (``docx`` or ``html``)."""
    return f"filer/{report_id}.{suffix}"


def current_plan(suffix: str) -> str:
    """The process plan as it stands on the site's day (apart from the reports' files)."""
    return f"filer/aktuel/tids-og-procesplan.{suffix}"


def prefix(page: str) -> str:
    """What a link from ``page`` puts before a path from the top: ``""`` or ``"../"``."""
    return "../" * page.count("/")
