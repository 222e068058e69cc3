"""Load a plan again after some of its files changed, reading only those.

A record file's own findings, positions and record depend on its bytes and path alone, so a
plan with a few files changed is the plan already loaded with those few read again: the
rest is taken over as it is (the same record objects, so a comparison of the two sides skips
them at once, see :func:`udvikling.review.compare.compare_datasets`). Both ``udv diff``
(a later revision beside an earlier one) and ``udv sheet import`` (the plan with the
answers put in beside the plan as it is) load their second plan so; the result is what
:func:`udvikling.load.load` would give, findings and all (tests/test_reload.py).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from typing import Any

from udvikling.findings import sort_findings
from udvikling.load import FOLDERS, Loaded, Reader, filesystem_reader, load
from udvikling.plan_root import CONFIG_FILE

# Each data folder's record kind (the key of Dataset.broken) and Dataset attribute.
_KINDS: dict[str, tuple[str, str]] = {
    folder: (kind, f"{kind}s") for folder, (kind, _) in FOLDERS.items()
}


def load_beside(
    known: Loaded,
    files: Sequence[str],
    changed: Collection[str],
    reader: Reader,
    rereadable: bool = False,
) -> Loaded | None:
    """The plan whose record files are ``files``, reading only ``changed`` (and
    ``udvikling.yaml``) through ``reader`` and taking every other file's record, positions
    and own findings over from ``known``. Findings ``known`` has about anything but its
    record files and ``udvikling.yaml`` (a folder that cannot be read, a ``.yml`` file) are
    the caller's to carry over. None when ``udvikling.yaml`` is unusable on either side.
    ``rereadable``: ``reader`` holds the changed files in memory (see :func:`load`).
    """
    if known.dataset is None:
        return None
    partial = load(known.root, reader=reader, files=sorted(changed), rereadable=rereadable)
    if partial.dataset is None:
        return None
    old, new = known.dataset, partial.dataset
    records: dict[str, dict[str, Any]] = {attr: {} for _, attr in _KINDS.values()}
    broken: dict[str, set[str]] = {kind: set() for kind, _ in _KINDS.values()}
    unvalidated: dict[str, dict[str, Any]] = {}
    sources = {CONFIG_FILE: new.sources[CONFIG_FILE]}
    for rel in sorted(files):  # records in the order load() reads them
        side = new if rel in changed else old
        folder, _, name = rel.rpartition("/")
        kind, attr = _KINDS[folder]
        stem = name.removesuffix(".yaml")
        record = getattr(side, attr).get(stem)
        if record is not None:
            records[attr][stem] = record
        if stem in side.broken.get(kind, ()):
            broken[kind].add(stem)
        if rel in side.unvalidated:
            unvalidated[rel] = side.unvalidated[rel]
    for rel in files:  # positions in the order listed
        sources[rel] = (new if rel in changed else old).sources[rel]
    dataset = replace(
        new,
        initiatives=records["initiatives"],
        meetings=records["meetings"],
        indicators=records["indicators"],
        reports=records["reports"],
        sources=sources,
        broken=broken,
        unvalidated=unvalidated,
    )
    kept = set(files) - set(changed)
    findings = [*partial.findings, *(f for f in known.findings if f.path in kept)]
    return Loaded(dataset, sort_findings(findings), partial.root)


def reload(before: Loaded, texts: Mapping[str, bytes]) -> Loaded:
    """The plan of the working tree ``before`` was loaded from, with the files in
    ``texts`` (record files, by their path) holding those bytes instead: what
    ``load(root, reader=...)`` over the working tree with them would give, reading only
    those files again."""
    base = filesystem_reader(before.root)

    def read(rel: str) -> bytes:
        return texts[rel] if rel in texts else base(rel)

    dataset = before.dataset
    files = [rel for rel in dataset.sources if rel != CONFIG_FILE] if dataset else []
    if dataset is None or not set(texts) <= set(files):
        return load(before.root, reader=read)
    again = load_beside(before, files, set(texts), read, rereadable=True)
    if again is None:
        return load(before.root, reader=read)
    # Findings about folders and names the loader does not read stand as they did.
    listed = {CONFIG_FILE, *files}
    others = [f for f in before.findings if f.path not in listed]
    if not others:
        return again
    return Loaded(again.dataset, sort_findings([*again.findings, *others]), again.root)
