"""The "did you mean …?" search as it was before issue 29 made it cheaper (udvikling.hints at
commit 6b430a3), kept to check that the faster one gives the same answers.

One change: equally rare trigrams are taken in the trigrams' order, not a set's (which varies
with the hash seed), as udvikling.hints now does.

The original's description:

:class:`Suggester` answers the way ``difflib.get_close_matches(value, names, n=1,
cutoff=0.6)`` does, case-insensitively, with three differences in cost only:

- it is built lazily, on the first question, so a plan without unknown references pays
  nothing;
- each distinct value is answered once (a renamed initiative can be named thousands of times);
- a value is compared with at most :data:`LIMIT` candidates. Up to that many candidates of a
  plausible length, all are compared, and the answer is exactly difflib's. Beyond it, the
  candidates sharing the most character trigrams with the value are compared: a close
  match shares most of its trigrams, so the best one is found in practice, and the cost of a
  question no longer grows with the plan (a 10,000-initiative plan with a renamed initiative
  linted in 21 s instead of 2.4 s when every reference was compared with every id).
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher
from itertools import chain

CUTOFF = 0.6
"""How similar (difflib's ratio) a candidate must be to be suggested."""

LIMIT = 50
"""At most this many candidates are compared with one value."""

POSTINGS = 2000
"""At most this many trigram occurrences (beyond the rarest trigram's) are counted to find
those candidates."""


def did_you_mean(value: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to ``value``, or None when nothing is close.

    For one question; ask a :class:`Suggester` when the candidates are asked about often."""
    return Suggester(candidates).suggest(value)


def _trigrams(text: str) -> set[str]:
    """The character trigrams of ``text``, with its start and end marked, so short texts
    have some too."""
    padded = f"\x00\x00{text}\x00"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _length_ok(a: int, b: int, cutoff: float) -> bool:
    """Whether texts of lengths ``a`` and ``b`` can reach ``cutoff`` at all: difflib's
    ``real_quick_ratio``, the same float arithmetic, so the filter never drops a match."""
    total = a + b
    return (2.0 * min(a, b) / total if total else 1.0) >= cutoff


class Suggester:
    """Answers "did you mean …?" for one set of candidates (see the module).

    ``candidates`` are kept as given and read on the first question. A set (which has no
    order) is read sorted, so a case-insensitive clash always resolves the same way.
    """

    def __init__(
        self, candidates: Iterable[str], *, cutoff: float = CUTOFF, limit: int = LIMIT
    ) -> None:
        self._candidates = candidates
        self._cutoff = cutoff
        self._limit = limit
        self._lowered: dict[str, str] | None = None
        self._by_length: dict[int, list[str]] = {}
        self._by_trigram: dict[str, list[str]] = {}
        self._trigram_count: dict[str, int] = {}
        self._answers: dict[str, str | None] = {}
        self.comparisons = 0
        """How many candidates were compared with a value, all told."""
        self.ratios = 0
        """Of those, how many needed difflib's full ratio (the costly part)."""
        self.counted = 0
        """How many trigram occurrences were counted to find the candidates, all told."""

    def suggest(self, value: str) -> str | None:
        """The candidate closest to ``value`` (ignoring case), or None when none is close."""
        if value in self._answers:
            return self._answers[value]
        lowered = self._index()
        key = value.lower()
        if key in lowered:
            answer: str | None = lowered[key]
        else:
            best = self._closest(key)
            answer = lowered[best] if best is not None else None
        self._answers[value] = answer
        return answer

    def _index(self) -> dict[str, str]:
        """Lower-cased candidate -> candidate (the last one given wins, as in a dict), with
        the length and trigram indexes, built on the first question."""
        if self._lowered is not None:
            return self._lowered
        given = self._candidates
        names = sorted(given) if isinstance(given, set | frozenset) else list(given)
        self._lowered = {name.lower(): name for name in names}
        by_length: defaultdict[int, list[str]] = defaultdict(list)
        for low in self._lowered:
            by_length[len(low)].append(low)
        self._by_length = dict(by_length)
        if len(self._lowered) > self._limit:
            by_trigram: defaultdict[str, list[str]] = defaultdict(list)
            for low in self._lowered:
                grams = _trigrams(low)
                self._trigram_count[low] = len(grams)
                for gram in grams:
                    by_trigram[gram].append(low)
            self._by_trigram = dict(by_trigram)
        return self._lowered

    def _plausible(self, key: str) -> list[str]:
        """The candidates worth comparing with ``key``: every one of a length that can reach
        the cutoff, or, when those are too many, the ones most like it by their trigrams
        (the share of trigrams in common, so a longer text holding all of ``key``'s does not
        crowd out the one that differs by a letter)."""
        size = len(key)
        lengths = [n for n in self._by_length if _length_ok(n, size, self._cutoff)]
        if sum(len(self._by_length[n]) for n in lengths) <= self._limit:
            return [low for n in lengths for low in self._by_length[n]]
        allowed = set(lengths)
        grams = _trigrams(key)
        shared = Counter(chain.from_iterable(self._rarest_postings(grams)))
        total = self._trigram_count
        ranked = (
            (count / (len(grams) + total[low]), low)
            for low, count in shared.items()
            if len(low) in allowed
        )
        return [low for _, low in heapq.nlargest(self._limit, ranked)]

    def _rarest_postings(self, grams: set[str]) -> list[list[str]]:
        """The candidates holding each of ``grams``, rarest trigram first, as many as fit in
        :data:`POSTINGS` (at least the rarest one). A trigram every second id has ("-k1",
        "ing") says little about which id is meant and would make every question cost the
        whole plan; a close match shares the rare ones too."""
        index = self._by_trigram
        postings = [
            index[gram]
            for _, gram in sorted((len(index[gram]), gram) for gram in grams if gram in index)
        ]
        chosen: list[list[str]] = []
        used = 0
        for found in postings:
            if chosen and used + len(found) > POSTINGS:
                break
            chosen.append(found)
            used += len(found)
        self.counted += used
        return chosen

    def _closest(self, key: str) -> str | None:
        """difflib's ``get_close_matches(key, plausible, n=1, cutoff)``: the best ratio, the
        greatest text among equals, compared the same way round. difflib's cheap upper bounds
        skip a candidate that cannot reach the cutoff or beat the best so far (the most alike
        come first, so that is most of them)."""
        matcher = SequenceMatcher()
        matcher.set_seq2(key)
        best: tuple[float, str] | None = None
        for low in self._plausible(key):
            self.comparisons += 1
            matcher.set_seq1(low)
            bound = self._cutoff if best is None else max(self._cutoff, best[0])
            if matcher.real_quick_ratio() < bound or matcher.quick_ratio() < bound:
                continue
            self.ratios += 1
            score = matcher.ratio()
            if score >= self._cutoff and (best is None or (score, low) > best):
                best = (score, low)
        return best[1] if best is not None else None
