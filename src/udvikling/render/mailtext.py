"""The text of a mail: a plain-text template in the documents' sandbox, under their limits.

The status round's mails (the sheet to each owner, the reminder to those who have not
answered) are written from ``statusark-mail.txt.j2``, found like every document template:
the data repository's ``templates/`` first, then udv's own, by the same guarded path
(:mod:`udvikling.render.templatefiles`), filled in the same sandbox with the same budgets and
in a limited child process (:func:`udvikling.render.filling.fill_many`). Only the output is
different: plain text, so nothing is escaped for Markdown or HTML, and the filters that join
text join it plainly.

The template's first line is the subject, ``Emne: ...``; a blank line follows, then the
mail's text. A subject is one line; a line break, a control character or a missing
``Emne:`` line is a Danish data error at the template, so a template cannot add a header.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from udvikling.danish import join_danish
from udvikling.errors import DataError
from udvikling.render.limits import DocumentSandbox

MAIL_TEMPLATE = "statusark-mail.txt.j2"
SUBJECT = "Emne:"
MAX_SUBJECT = 200
MAX_BODY = 100_000
HINT = (
    "Ret templates/statusark-mail.txt.j2 (første linje 'Emne: ...', en tom linje, så "
    "mailens tekst), eller slet den for at bruge udv's egen; kør 'udv render --check'."
)

MAIL_KEYS = frozenset(
    {
        "rykker",
        "ansvarlig",
        "uden_ansvarlig",
        "organisation",
        "proces",
        "rapport",
        "fil",
        "svarfrist",
        "lavet",
        "pr",
        "tiltag",
        "mangler",
    }
)
"""The names the mail template is given (docs/templates.md)."""


@dataclass(frozen=True, slots=True)
class MailText:
    """A filled mail template: its subject and its text."""

    subject: str
    body: str


def _plain_list(values: Iterable[Any], conjunction: str = "og") -> str:
    return join_danish((" ".join(str(v).split()) for v in values), conjunction)


def _one_line(value: object) -> str:
    return " ".join(str(value if value is not None else "").split())


def mail_environment(root: Path | None) -> DocumentSandbox:
    """The documents' environment (loader, sandbox, strictness, Danish filters) for plain
    text: no escaping; ``liste``, ``tekst``, ``celle`` and ``afsnit`` give plain text."""
    from udvikling.render.environment import make_environment

    env = make_environment(root)
    env.finalize = None
    env.filters.update(
        {
            "liste": _plain_list,
            "tekst": str,
            "celle": _one_line,
            "celle_linjer": str,
            "punkt": _one_line,
            "afsnit": str,
        }
    )
    return env


def fill_mails(root: Path | None, contexts: Sequence[dict[str, Any]]) -> list[MailText]:
    """The subject and text of each mail, in order (one child process for all)."""
    from udvikling.render.filling import fill_many

    env = mail_environment(root)
    texts = fill_many(env, [(MAIL_TEMPLATE, c) for c in contexts], HINT)
    return [split_mail(text) for text in texts]


def split_mail(text: str) -> MailText:
    """``Emne: ...``, a blank line, the text: the subject and the text, checked."""
    text = text.replace("\r\n", "\n").lstrip("\n")
    first, _, body = text.partition("\n")
    if not first.startswith(SUBJECT):
        raise DataError(
            f"Mailskabelonen {MAIL_TEMPLATE} skal begynde med en linje 'Emne: ...'.", HINT
        )
    subject = first[len(SUBJECT) :].strip()
    if not subject:
        raise DataError(f"Mailskabelonen {MAIL_TEMPLATE} giver et tomt emne.", HINT)
    if len(subject) > MAX_SUBJECT or any(ord(c) < 32 or c in "\x7f\u2028\u2029" for c in subject):
        raise DataError(
            f"Mailskabelonen {MAIL_TEMPLATE} giver et emne, der ikke kan stå i en mail "
            f"(højst {MAX_SUBJECT} tegn på én linje uden styretegn).",
            HINT,
        )
    body = body.strip("\n")
    if not body.strip():
        raise DataError(f"Mailskabelonen {MAIL_TEMPLATE} giver en mail uden tekst.", HINT)
    if len(body) > MAX_BODY:
        raise DataError(
            f"Mailskabelonen {MAIL_TEMPLATE} giver en tekst på {len(body)} tegn; "
            f"højst {MAX_BODY} er tilladt.",
            HINT,
        )
    if any(ord(c) < 32 and c not in "\n\t" for c in body):
        raise DataError(f"Mailskabelonen {MAIL_TEMPLATE} giver en tekst med styretegn.", HINT)
    return MailText(subject, body + "\n")
