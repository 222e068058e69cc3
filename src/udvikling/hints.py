"""Hints that ask "did you mean …?": the closest candidate, cheap however many there are.

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

Issue 29 made a question about four times cheaper with the same answers (checked against the
earlier search, kept in ``tests/hints_reference.py``): candidates are counted and ranked with
C-level maps, those that cannot be among the best by their count are left out before their
score is computed, and upper bounds of difflib's ratio (see :meth:`Suggester._closest`) skip
most comparisons; a plan of 10,000 distinct unknown ids spent about 1 ms per id here.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher
from itertools import chain, compress
from operator import truediv

CUTOFF = 0.6
"""How similar (difflib's ratio) a candidate must be to be suggested."""

LIMIT = 50
"""At most this many candidates are compared with one value."""

POSTINGS = 2000
"""At most this many trigram occurrences (beyond the rarest trigram's) are counted to find
those candidates."""

PARALLEL_MIN = 200
"""From this many values to answer at once (:meth:`Suggester.answer_ahead`), a second
process answers half of them (a question costs about a millisecond at 10,000 ids)."""

_POPULAR_FROM = 200
"""From this length on, difflib leaves out a text's most frequent characters when it looks
for matching blocks (its ``autojunk``), so a part of the text may not be found whole."""


def did_you_mean(value: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to ``value``, or None when nothing is close.

    For one question; ask a :class:`Suggester` when the candidates are asked about often."""
    return Suggester(candidates).suggest(value)


def _trigrams(text: str) -> set[str]:
    """The character trigrams of ``text``, with its start and end marked, so short texts
    have some too."""
    padded = f"\x00\x00{text}\x00"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _length_bound(a: int, b: int) -> float:
    """difflib's ``real_quick_ratio`` of texts of lengths ``a`` and ``b`` (the same float
    arithmetic): the most their ratio can be."""
    total = a + b
    return 2.0 * min(a, b) / total if total else 1.0


def _length_ok(a: int, b: int, cutoff: float) -> bool:
    """Whether texts of lengths ``a`` and ``b`` can reach ``cutoff`` at all, so the filter
    never drops a match."""
    return _length_bound(a, b) >= cutoff


def _count(postings: list[list[str]]) -> Counter[str]:
    """How many of ``postings`` hold each candidate. The list given most often (the same
    object: see :meth:`Suggester._index`) is gone through once, all in C."""
    times = Counter(map(id, postings))
    if len(times) == len(postings):
        return Counter(chain.from_iterable(postings))
    heaviest, n = times.most_common(1)[0]
    shared = Counter(dict.fromkeys(next(p for p in postings if id(p) == heaviest), n))
    shared.update(chain.from_iterable(p for p in postings if id(p) != heaviest))
    return shared


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
        self._lengths_of: dict[int, list[int]] = {}
        self._lengths: dict[int, tuple[frozenset[int], int, int, int]] = {}
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

    def answer_ahead(self, values: Iterable[str]) -> None:
        """Answer ``values`` now, so that asking about them later costs nothing. From
        :data:`PARALLEL_MIN` values not yet answered, and with a second core, a forked process
        answers every other one (with the index built once, before the fork) while this one
        answers the rest; whatever it does not send whole is answered here. The answers are
        the same as one at a time."""
        todo = [value for value in dict.fromkeys(values) if value not in self._answers]
        if len(todo) < PARALLEL_MIN:
            return
        from udvikling.cores import each_on_two

        names = set(self._index().values())
        answers = each_on_two(
            todo, self.suggest, lambda _, a: a is None or (type(a) is str and a in names)
        )
        self._answers.update(zip(todo, answers, strict=True))

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
            # Trigrams held by the same candidates share one list, so a question counts such
            # a list once, times the number of its trigrams (ids made by a pattern, such as
            # the copies <id>-k1, <id>-k2, ..., share most of their trigrams' lists).
            # Each list is in order of length, so the candidates of the lengths a value can
            # match are one slice of it (found by bisection in ``_lengths_of``).
            same: dict[tuple[str, ...], list[str]] = {}
            for gram, found in by_trigram.items():
                found.sort(key=len)
                shared = same.setdefault(tuple(found), found)
                self._by_trigram[gram] = shared
                self._lengths_of[id(shared)] = [len(low) for low in shared]
        return self._lowered

    def _allowed(self, size: int) -> tuple[frozenset[int], int, int, int]:
        """The candidate lengths that can reach the cutoff against a value of ``size``
        characters, how many candidates have them, and the fewest and most trigrams such a
        candidate has (asked once per length)."""
        known = self._lengths.get(size)
        if known is None:
            lengths = frozenset(n for n in self._by_length if _length_ok(n, size, self._cutoff))
            counts = [
                self._trigram_count.get(low, 0) for n in lengths for low in self._by_length[n]
            ]
            known = (
                lengths,
                sum(len(self._by_length[n]) for n in lengths),
                min(counts, default=0),
                max(counts, default=0),
            )
            self._lengths[size] = known
        return known

    def _plausible(self, key: str) -> list[str]:
        """The candidates worth comparing with ``key``: every one of a length that can reach
        the cutoff, or, when those are too many, the ones most like it by their trigrams
        (the share of trigrams in common, so a longer text holding all of ``key``'s does not
        crowd out the one that differs by a letter), most alike first."""
        allowed, count, fewest, most = self._allowed(len(key))
        if count <= self._limit:
            return [low for n in self._by_length if n in allowed for low in self._by_length[n]]
        grams = _trigrams(key)
        g = len(grams)
        chosen = self._rarest_postings(grams)
        if len(allowed) < len(self._by_length):
            # The lengths that can reach the cutoff are a range (the bound of the lengths
            # rises to the value's length and falls after it): one slice of each list.
            shortest, longest = min(allowed), max(allowed)
            sliced: dict[int, list[str]] = {}
            for found in chosen:
                if id(found) not in sliced:
                    lengths = self._lengths_of[id(found)]
                    start = bisect_left(lengths, shortest)
                    sliced[id(found)] = found[start : bisect_right(lengths, longest, start)]
            chosen = [sliced[id(found)] for found in chosen]
        shared = _count(chosen)
        lows: list[str] = list(shared)
        counts: list[int] = list(shared.values())
        if len(lows) > self._limit:
            # At least ``limit`` candidates share ``least`` trigrams or more, so the
            # limit-th best score is at least least / (g + most); a candidate sharing fewer
            # than ``need`` cannot reach that even with the fewest trigrams of its own.
            # (Distinct fractions of such small numbers are distinct floats.)
            least = sorted(counts, reverse=True)[self._limit - 1]
            need = -(-least * (g + fewest) // (g + most))
            if need > 1:
                keep = list(map(need.__le__, counts))
                lows, counts = list(compress(lows, keep)), list(compress(counts, keep))
        # count / (trigrams of key + trigrams of candidate), mapped in C rather than a
        # Python loop: this runs over a few hundred candidates per question.
        scores = list(
            map(truediv, counts, map(g.__add__, map(self._trigram_count.__getitem__, lows)))
        )
        if len(scores) > self._limit:
            # The limit-th best score: only candidates at or above it can be among the best.
            lowest = sorted(scores, reverse=True)[self._limit - 1]
            keep = list(map(lowest.__le__, scores))
            scores, lows = list(compress(scores, keep)), list(compress(lows, keep))
        # The greatest (score, text) first; ties at the least score are cut by the text.
        ranked = sorted(zip(scores, lows, strict=True), reverse=True)[: self._limit]
        return [low for _, low in ranked]

    def _rarest_postings(self, grams: set[str]) -> list[list[str]]:
        """The candidates holding each of ``grams``, rarest trigram first (equally rare ones
        in the trigrams' order, so the answer never depends on the order of a set), as many
        as fit in :data:`POSTINGS` (at least the rarest one). A trigram every second id has
        ("-k1", "ing") says little about which id is meant and would make every question
        cost the whole plan; a close match shares the rare ones too."""
        by_trigram = self._by_trigram
        postings = sorted(
            (len(found), gram) for gram in grams if (found := by_trigram.get(gram)) is not None
        )
        chosen: list[list[str]] = []
        used = 0
        for size, gram in postings:
            if chosen and used + size > POSTINGS:
                break
            chosen.append(by_trigram[gram])
            used += size
        self.counted += used
        return chosen

    def _closest(self, key: str) -> str | None:
        """difflib's ``get_close_matches(key, plausible, n=1, cutoff)``: the best ratio, the
        greatest text among equals, compared the same way round.

        Only a candidate that can reach the cutoff and beat the best so far gets difflib's
        ratio; the others are skipped by upper bounds of it (each at least the ratio, the
        same float arithmetic as difflib's): the lengths (``real_quick_ratio``), the
        characters of the candidate that ``key`` has at all, and ``quick_ratio``. A candidate
        that is a part of ``key`` or holds all of it matches in one block, so its ratio is
        the bound of the lengths, exactly (difflib finds that block: with no junk and, below
        200 characters, no "popular" characters, its longest match is the longest there is).
        The most alike come first, so the best is found early and most are skipped.
        """
        cutoff = self._cutoff
        size = len(key)
        drop_key_chars = dict.fromkeys(map(ord, set(key)))
        whole_blocks = size < _POPULAR_FROM
        matcher: SequenceMatcher[str] | None = None
        best: tuple[float, str] | None = None
        bound = cutoff
        candidates = self._plausible(key)
        i = 0
        while i < len(candidates):
            low = candidates[i]
            i += 1
            self.comparisons += 1
            length = len(low)
            by_lengths = _length_bound(length, size)
            if by_lengths < bound:
                continue
            total = length + size
            present = length - len(low.translate(drop_key_chars))
            if (2.0 * present / total if total else 1.0) < bound:
                continue
            if whole_blocks and (low in key or key in low):
                score = by_lengths
            else:
                if matcher is None:
                    matcher = SequenceMatcher()
                    matcher.set_seq2(key)
                matcher.set_seq1(low)
                if matcher.quick_ratio() < bound:
                    continue
                self.ratios += 1
                score = matcher.ratio()
            if score >= cutoff and (best is None or (score, low) > best):
                best = (score, low)
                bound = max(cutoff, score)
                # Only the lengths whose bound reaches the new best can still win: drop
                # the rest of the candidates of other lengths at once (in C).
                rest = candidates[i:]
                fits = {n for n in set(map(len, rest)) if _length_bound(n, size) >= bound}
                candidates = list(compress(rest, map(fits.__contains__, map(len, rest))))
                i = 0
        return best[1] if best is not None else None
