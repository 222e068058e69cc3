"""Danish sorting (``danish_sort_key``) against ICU's Danish collation as the oracle.

ICU is a test-only oracle: PyICU in this interpreter, or else a Python that has it (Debian's
``python3-icu`` for ``/usr/bin/python3``, or the interpreter named by ``UDV_ICU_PYTHON``),
asked in a subprocess. Without either the comparison is skipped, unless ``UDV_REQUIRE_ICU=1``
(CI sets it) makes that a failure.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from udvikling.danish import danish_sort_key
from udvikling.load import load

REPO = Path(__file__).resolve().parents[1]

_ORACLE = """
import json, sys
import icu
collator = icu.Collator.createInstance(icu.Locale("da_DK"))
words = json.load(sys.stdin)
json.dump([bytes(collator.getSortKey(w)).hex() for w in words], sys.stdout)
"""


def _interpreters() -> list[str]:
    named = os.environ.get("UDV_ICU_PYTHON")
    return [named] if named else [sys.executable, "/usr/bin/python3"]


def icu_keys(words: list[str]) -> list[bytes]:
    """ICU's Danish sort key of each word."""
    for python in _interpreters():
        if not Path(python).is_file():
            continue
        done = subprocess.run(
            [python, "-c", _ORACLE],
            input=json.dumps(words),
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode == 0:
            return [bytes.fromhex(k) for k in json.loads(done.stdout)]
    if os.environ.get("UDV_REQUIRE_ICU") == "1":
        pytest.fail("ICU mangler: installér PyICU eller Debians python3-icu")
    pytest.skip("ICU (PyICU or Debian's python3-icu) is not installed")


_SYLLABLES = (
    "aa", "Aa", "AA", "ab", "al", "and", "ar", "be", "bo", "dal", "de", "en", "er", "fa",
    "gr", "hus", "i", "in", "ja", "ke", "la", "lund", "mø", "na", "ne", "or", "på", "ra",
    "rø", "se", "sk", "sø", "te", "to", "ud", "ve", "vi", "yr", "za", "ze", "æ", "Æ", "ø",
    "Ø", "å", "Å", "é", "É", "ü", "ä", "ö", "y", "z", "Z", "q", "x", "w", "c",
)  # fmt: skip
_SEPARATORS = ("", "", "", "", " ", "-", ". ", "/", "'")


def random_words(count: int, seed: int) -> list[str]:
    """Words and names built from Danish syllables, with case, accents, spaces, digits."""
    rng = random.Random(seed)
    words = []
    for _ in range(count):
        parts = []
        for n in range(rng.randint(1, 4)):
            syllable = rng.choice(_SYLLABLES)
            if rng.random() < 0.2:
                syllable = syllable.upper() if rng.random() < 0.3 else syllable.capitalize()
            if n:
                parts.append(rng.choice(_SEPARATORS))
            parts.append(syllable)
        if rng.random() < 0.1:
            parts.append(f" {rng.randint(0, 2030)}")
        words.append("".join(parts))
    return words


def real_names() -> list[str]:
    """Every title and declared name in the shipped plan, and Danish place names."""
    dataset = load(REPO).dataset
    assert dataset is not None
    names = [i.title for i in dataset.initiatives.values()]
    names += [m.title for m in dataset.meetings.values()]
    config = dataset.config
    for table in (config.tracks, config.bodies, config.owners, config.units):
        names += [entry.name for entry in table.values()]
    names += [
        "Aabenraa", "Aalborg", "Aarhus", "Ærø", "Ørum", "Ølstykke", "Åbyhøj", "Zealand",
        "Grenaa", "Haarby", "Zahle", "Østergaard", "Aagaard", "Åkirkeby", "Vejle", "Ølgod",
    ]  # fmt: skip
    return names


def assert_icu_order(words: list[str]) -> None:
    keys = dict(zip(words, icu_keys(words), strict=True))
    ours = sorted(set(words), key=danish_sort_key)
    wrong = [(a, b) for a, b in itertools.pairwise(ours) if keys[a] > keys[b]]
    assert wrong == [], f"{len(wrong)} par i en anden orden end ICU's, fx {wrong[:5]}"


@pytest.mark.parametrize("seed", [1, 2])
def test_random_words_sort_as_icu_danish(seed: int) -> None:
    assert_icu_order(random_words(2500, seed))


def test_random_strings_of_letters_signs_and_digits_sort_as_icu_danish() -> None:
    # Also the letters Danish sorts with others (ä as æ, ö as ø, ü as y, ð as d, ß as ss),
    # the punctuation of titles, a no-break space and aa next to an accented a (aá, aå).
    rng = random.Random(5)
    alphabet = [*"abcdeæøåAÆØÅzZéüäöðœßłþ -–.,'()0123456789§&\u00a0", "aa", "Aa", "AA"]
    words = ["".join(rng.choices(alphabet, k=rng.randint(1, 6))) for _ in range(4000)]
    assert_icu_order(words)


def test_real_names_sort_as_icu_danish() -> None:
    assert_icu_order(real_names())


def test_danish_alphabet_without_an_oracle() -> None:
    words = ["Østergaard", "Zahle", "Aarhus", "Ærø", "Åbyhøj", "Aabenraa", "Vejle", "Zürich"]
    assert sorted(words, key=danish_sort_key) == [
        "Vejle", "Zahle", "Zürich", "Ærø", "Østergaard", "Aabenraa", "Åbyhøj", "Aarhus",
    ]  # fmt: skip
    # Accents and case only break ties; upper case first, as in Danish dictionaries.
    assert sorted(["eb", "éa", "ea", "Ea"], key=danish_sort_key) == ["Ea", "ea", "éa", "eb"]
