"""``udv history``'s answers kept between runs.

A record's history is made only from git's objects: the commits that touched the record's
file (their ids, authors, dates and messages, as ``git log`` gave them, in order), where a
shallow clone was cut, and the blobs of the record and of ``udvikling.yaml`` at each of
them; and from udv's code. The answer (the text, Markdown or JSON the command prints) is
kept in the cache folder under a hash of exactly those (see :func:`answer_key`), so asking
again for a history nothing has touched since prints it without importing the models and
validating every version again. A new commit, a rewritten history, another file at any
commit or another udv gives another key: the answer is made anew. Sealed like the other
caches (:class:`udvikling.cache.SealedFile`); at most :data:`MAX_KEPT` answers per plan.
"""

from __future__ import annotations

import hashlib
import marshal
from typing import TYPE_CHECKING, Any

from udvikling.vocab import SLUG_RE

if TYPE_CHECKING:
    from pathlib import Path

    from udvikling.cache import SealedFile
    from udvikling.review.recordlog import PendingLog, RecordLog

_VERSION = b"udv-history-1"
# The most answers kept for one plan (the oldest go first).
MAX_KEPT = 64


def answer_key(record_id: str, output_format: str, log: RecordLog) -> bytes:
    """What the answer for ``record_id`` in ``output_format`` is made from, hashed."""
    blobs = log.blobs
    made_from = (
        record_id,
        output_format,
        log.kind,
        log.rel,
        log.repo.prefix,
        [(list(header), status, path) for header, status, path in log.entries],
        sorted(log.boundaries),
        [] if blobs is None else [(n, blobs.ids.get(n)) for pair in blobs.names for n in pair],
    )
    return hashlib.blake2b(marshal.dumps(made_from), digest_size=20).digest()


class KeptAnswers:
    """The kept answers of one plan (see the module's text): for each record and format
    the latest answer, with the key it was made under."""

    def __init__(self, sealed: SealedFile) -> None:
        self._sealed = sealed
        self._answers: dict[str, tuple[bytes, str]] | None = None

    @classmethod
    def open(cls, root: Path) -> KeptAnswers | None:
        """The answers kept for the plan at ``root``; None without a safe cache folder."""
        from udvikling.cache import SealedFile, code_stamp

        sealed = SealedFile.open(root, "history", _VERSION + code_stamp())
        return None if sealed is None else cls(sealed)

    def _read(self) -> dict[str, tuple[bytes, str]]:
        if self._answers is None:
            found: Any = self._sealed.read()
            well_formed = isinstance(found, dict) and all(
                type(k) is str
                and type(v) is tuple
                and len(v) == 2
                and type(v[0]) is bytes
                and type(v[1]) is str
                for k, v in found.items()
            )
            self._answers = found if well_formed else {}
        return self._answers

    def get(self, question: str) -> tuple[bytes, str] | None:
        """The key and the answer kept for ``question`` (:func:`question`), if any."""
        return self._read().get(question)

    def put(self, question: str, key: bytes, answer: str) -> None:
        """Keep ``answer`` to ``question``, made under ``key`` (the answers asked longest
        ago dropped beyond :data:`MAX_KEPT`)."""
        answers = self._read()
        answers.pop(question, None)
        answers[question] = (key, answer)
        while len(answers) > MAX_KEPT:
            del answers[next(iter(answers))]
        self._sealed.write(answers)


def question(record_id: str, output_format: str) -> str:
    """What a kept answer answers: one record's history in one format."""
    return f"{output_format}:{record_id}"


def kept_answer(
    root: Path, pending: PendingLog, record_id: str, output_format: str
) -> tuple[KeptAnswers | None, str | None]:
    """The kept answers (None without a cache folder) and the kept answer to this question
    when it was made from exactly what git now says (else None).

    Only when an answer to the question is kept does this wait for git (the command imports
    the models meanwhile otherwise). Errors of finding the repository and reading the
    record's log are then raised as the command would meet them; a question the command
    refuses (not an id, no such record) gets no answer, so the command says why.
    """
    kept = KeptAnswers.open(root)
    if kept is None:
        return None, None
    found = kept.get(question(record_id, output_format))
    if found is None:
        return kept, None
    pending.repo()
    if not SLUG_RE.match(record_id):
        return kept, None
    log = pending.log()
    if log.kind is None or answer_key(record_id, output_format, log) != found[0]:
        return kept, None
    return kept, found[1]


def keep_answer(
    kept: KeptAnswers, pending: PendingLog, record_id: str, output_format: str, answer: str
) -> None:
    """Keep ``answer`` (made from the log ``pending`` read) for the next time it is asked."""
    log = pending.log()
    if log.kind is not None:
        kept.put(
            question(record_id, output_format), answer_key(record_id, output_format, log), answer
        )
