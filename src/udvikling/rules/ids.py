"""Ids and file names: slugs, meeting ids that say what they are, meetings recorded twice,
milestone ids used twice in one initiative."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from udvikling.findings import Finding
from udvikling.load import Dataset
from udvikling.rules import Context
from udvikling.terminal import file_name
from udvikling.vocab import SLUG_RE

# Letters NFKD does not take apart into a Latin letter and an accent.
_SPELLED = str.maketrans(
    {"æ": "ae", "ø": "oe", "å": "aa", "ß": "ss", "ð": "d", "þ": "th", "ł": "l", "đ": "d",
     "œ": "oe", "ı": "i", "ŋ": "ng", "ħ": "h"}
)  # fmt: skip


def _ascii(text: str) -> str:
    import unicodedata

    spelled = text.lower().translate(_SPELLED)
    return unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode("ascii")


def slugify(text: str) -> str:
    """A lowercase ASCII id from Danish text (æ→ae, ø→oe, å→aa)."""
    words = "".join(c if c.isalnum() else " " for c in _ascii(text)).split()
    return "-".join(words)


def lost_letters(text: str) -> list[str]:
    """The letters and digits of ``text`` that :func:`slugify` cannot spell in a-z and 0-9
    (a Cyrillic or Greek look-alike, a Chinese character), each once, in order."""
    lost: list[str] = []
    for char in text:
        if char.isalnum() and not any(c.isalnum() for c in _ascii(char)) and char not in lost:
            lost.append(char)
    return lost


def expected_meeting_id(date_slug: str, body: str) -> str:
    """The id a meeting should have: its date's slug and its body."""
    return f"{date_slug}-{body}"


def check_ids(dataset: Dataset, context: Context) -> Iterable[Finding]:
    """UDV301 file names that are not slugs; UDV302 meeting ids; UDV303 duplicate meetings."""
    for path in sorted(dataset.sources):
        if not path.startswith("data/"):
            continue
        stem = path.rsplit("/", 1)[-1].removesuffix(".yaml")
        if not SLUG_RE.match(stem):
            suggestion = slugify(stem)
            yield dataset.finding(
                path,
                (),
                "UDV301",
                f"Filnavnet '{file_name(stem)}.yaml' er ikke et gyldigt id: id'et er "
                "filnavnet uden .yaml.",
                f"Omdøb filen til {suggestion}.yaml (små bogstaver, tal og bindestreg)."
                if suggestion
                else "Brug små bogstaver a-z, tal og bindestreg i filnavnet.",
            )

    by_occasion: dict[tuple[str, str], list[str]] = defaultdict(list)
    for meeting_id, meeting in sorted(dataset.meetings.items()):
        expected = expected_meeting_id(meeting.date.slug(), meeting.body)
        if meeting_id != expected and SLUG_RE.match(meeting_id):
            yield dataset.finding(
                meeting.path,
                ("date",),
                "UDV302",
                f"Mødet hedder '{meeting_id}', men dato og organ giver '{expected}'.",
                f"Omdøb filen til {expected}.yaml, eller ret date/body.",
            )
        by_occasion[(meeting.body, meeting.date.canonical())].append(meeting_id)
    for (body, _), ids in sorted(by_occasion.items()):
        if len(ids) < 2:
            continue
        first = ids[0]
        for other in ids[1:]:
            meeting = dataset.meetings[other]
            yield dataset.finding(
                meeting.path,
                ("date",),
                "UDV303",
                f"Mødet i {body} {meeting.date.danish()} er allerede registreret som '{first}'.",
                "Saml dagsordenspunkterne i én fil, og slet den anden.",
            )
    for initiative_id, initiative in sorted(dataset.initiatives.items()):
        first_at: dict[str, int] = {}
        for i, milestone in enumerate(initiative.milestones):
            if milestone.id is None:
                continue
            if milestone.id not in first_at:
                first_at[milestone.id] = i
                continue
            yield dataset.finding(
                initiative.path,
                ("milestones", i, "id"),
                "UDV304",
                f"Milepælen '{milestone.title}' har id'et '{milestone.id}', som milepæl "
                f"{first_at[milestone.id] + 1} i '{initiative_id}' allerede har.",
                "Giv hver milepæl i tiltaget sit eget id, fx med årstal: status-2024.",
            )
