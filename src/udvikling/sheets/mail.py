"""Mail drafts for a status round: an ``.eml`` per owner with the sheet attached.

``udv sheet export --mail`` writes a draft beside each sheet it writes, ``udv sheet remind``
a reminder for each owner who has not answered; the plan keeper opens them in their own
mail program and sends them from there. udv never sends mail.

A draft is a standard MIME message (Python's :mod:`email` package): the text from the
template ``statusark-mail.txt.j2`` (:mod:`udvikling.render.mailtext`, replaceable by the data
repository) as UTF-8 plain text, the workbook attached with its own MIME type, headers
encoded for any mail program (RFC 2047/2231), the owner's address (``email`` in
``udvikling.yaml``) as the recipient when the plan has one, and ``X-Unsent: 1``, which makes
Outlook open the file as a message to send rather than one received.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Any

from udvikling.errors import EnvironmentProblem
from udvikling.fileio import write_atomic, write_error_text
from udvikling.load import Dataset
from udvikling.render.mailtext import MailText, fill_mails
from udvikling.safe_read import NotAFile, TooLarge, read_error_text, read_regular
from udvikling.sheets.manifest import SentSheet

MAX_ATTACHMENT = 50 * 1024 * 1024
REMINDER_PREFIX = "rykker-"
_TYPES = {
    "xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": ("text", "csv"),
}


@dataclass(frozen=True, slots=True)
class Draft:
    """One mail to write: the sheet it sends, its rows' titles and those still unanswered."""

    sent: SentSheet
    sheet_file: Path
    target: Path
    titles: tuple[str, ...]
    missing: tuple[str, ...]


def sheet_in(folder: Path, name: str) -> Path:
    """The sheet ``name`` (from ``udsendelse.json``) in the round's ``folder``: a plain file
    name of a sheet, inside the folder also after links. The manifest is a file anyone with
    the folder can edit; a name such as ``../../.ssh/id_rsa`` would attach another file."""
    from udvikling.fileio import resolve_path
    from udvikling.terminal import one_line

    plain = (
        name == Path(name).name
        and "\\" not in name
        and not name.startswith(".")
        and Path(name).suffix.lower() in (".xlsx", ".csv")
    )
    path = folder / name
    inside = False
    if plain:
        try:
            inside = resolve_path(path).is_relative_to(resolve_path(folder))
        except OSError:
            inside = True  # a missing or unreadable file is reported when it is read
    if not plain or not inside:
        raise EnvironmentProblem(
            f"udsendelse.json nævner filen '{one_line(name[:100])}', som ikke er et statusark "
            "i rundens mappe; intet er skrevet.",
            "Brug den udsendelse.json, 'udv sheet export' skrev, med arkene ved siden af.",
        )
    return path


def draft_name(sheet_file: str, reminder: bool) -> str:
    """``statusark-socialchef.eml``; a reminder ``rykker-statusark-socialchef.eml``."""
    stem = Path(sheet_file).stem
    return f"{REMINDER_PREFIX if reminder else ''}{stem}.eml"


def address_of(dataset: Dataset, sent: SentSheet) -> str | None:
    """The owner's e-mail address from ``udvikling.yaml``; None when it has none."""
    owner = dataset.config.owners.get(sent.owner) if sent.owner is not None else None
    return owner.email if owner is not None else None


def _context(dataset: Dataset, draft: Draft, deadline: date, reminder: bool) -> dict[str, Any]:
    sent = draft.sent
    report = dataset.reports.get(sent.report) if sent.report else None
    return {
        "rykker": reminder,
        "ansvarlig": sent.owner_name,
        "uden_ansvarlig": sent.owner is None,
        "organisation": dataset.config.organisation,
        "proces": dataset.config.process,
        "rapport": report.title if report is not None else None,
        "fil": sent.file,
        "svarfrist": deadline,
        "lavet": sent.exported,
        "pr": sent.as_of,
        "tiltag": list(draft.titles),
        "mangler": list(draft.missing),
    }


def _attachment(path: Path) -> bytes:
    try:
        return read_regular(path, path.name, MAX_ATTACHMENT)
    except NotAFile as exc:
        raise EnvironmentProblem(f"{path} er {exc.kind}, ikke et statusark.") from None
    except TooLarge:
        raise EnvironmentProblem(
            f"{path} fylder over {MAX_ATTACHMENT // (1024 * 1024)} MB; det vedhæftes ikke."
        ) from None
    except OSError as exc:
        raise EnvironmentProblem(
            f"Statusarket {path} kan ikke læses: {read_error_text(exc)}.",
            "Mailen skal have arket med; læg det i rundens mappe igen (udv sheet export).",
        ) from None


def message_bytes(text: MailText, sent: SentSheet, address: str | None, data: bytes) -> bytes:
    """The draft as an ``.eml`` file: headers, the text, the sheet attached."""
    from udvikling.terminal import visible

    message = EmailMessage(policy=SMTP)
    message["Subject"] = text.subject
    if address is not None:
        name = visible(" ".join(sent.owner_name.split()))
        message["To"] = Address(display_name=name, addr_spec=address)
    message["X-Unsent"] = "1"
    message.set_content(text.body, charset="utf-8", cte="quoted-printable")
    maintype, subtype = _TYPES[sent.format]
    message.add_attachment(data, maintype=maintype, subtype=subtype, filename=sent.file)
    return message.as_bytes()


def mail_texts(
    root: Path | None, dataset: Dataset, drafts: Sequence[Draft], deadline: date, *, reminder: bool
) -> list[MailText]:
    """Each draft's subject and text from the mail template (filled under its limits)."""
    return fill_mails(root, [_context(dataset, d, deadline, reminder) for d in drafts])


def write_drafts(
    root: Path | None,
    dataset: Dataset,
    drafts: Sequence[Draft],
    deadline: date,
    *,
    reminder: bool,
    texts: Sequence[MailText] | None = None,
) -> list[tuple[Path, str | None]]:
    """Write each draft; each file written with its recipient's address (None: none).

    Every sheet is read and every text filled (unless ``texts`` were filled beforehand)
    before the first file is written, so a missing sheet or a broken template leaves
    nothing half done."""
    attachments = [_attachment(d.sheet_file) for d in drafts]
    if texts is None:
        texts = mail_texts(root, dataset, drafts, deadline, reminder=reminder)
    written: list[tuple[Path, str | None]] = []
    for draft, text, data in zip(drafts, texts, attachments, strict=True):
        address = address_of(dataset, draft.sent)
        try:
            write_atomic(draft.target, message_bytes(text, draft.sent, address, data))
        except OSError as exc:
            raise EnvironmentProblem(
                f"Kan ikke skrive {draft.target}: {write_error_text(exc)}.",
                "Vælg en anden mappe med -o.",
            ) from None
        written.append((draft.target, address))
    return written
