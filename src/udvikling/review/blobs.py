"""Read file contents from git's object store, never more than udv would read from disk.

Sizes are asked for first (``git cat-file --batch-check``); only blobs of at most
:data:`~udvikling.yamlsrc.MAX_BYTES` are then read (``git cat-file --batch``), so a huge
file in a pull request's history never fills memory. A blob that is too large is
represented by its size, which the readers turn into the UDV007 finding a file on disk gets.

However many files are wanted, that is two git processes, and a blob that several names
point to (``udvikling.yaml`` unchanged through fifty commits) is read once. Both use
``--buffer``: all the input is given at once, so git need not flush after each object.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from udvikling.errors import UsageError
from udvikling.fileio import MAX_BYTES

if TYPE_CHECKING:
    from udvikling.review.git import Repo

# Blobs are read ahead in a background thread, while the models are imported (``udv diff``,
# ``udv history``), only up to this many bytes. A large read beside the imports costs
# memory: measured with two revisions of 60 MB, reading the first batch (32 MB) ahead in the
# thread raised the peak by 25 MB (the same read in the main thread did not), presumably
# the freed read buffers interleaved with the imports' objects.
READ_AHEAD_BYTES = 4 * 1024 * 1024


def blob_ids(repo: Repo, objects: Iterable[str]) -> dict[str, tuple[str, int] | None]:
    """The blob id and size of many objects (``<commit>:<path>`` or blob ids), in one
    ``git cat-file --batch-check``; a name git cannot find, or that is not a blob, maps to
    None."""
    names = list(dict.fromkeys(objects))
    if not names:
        return {}
    for name in names:
        if "\n" in name or "\0" in name:
            raise UsageError(f"Ugyldigt filnavn i git: {name!r}.")
    listing = "".join(f"{n}\n" for n in names).encode("utf-8", "surrogateescape")
    checked = repo.git(["cat-file", "--batch-check", "--buffer"], stdin=listing).stdout.splitlines()
    result: dict[str, tuple[str, int] | None] = {}
    for name, line in zip(names, checked, strict=False):
        parts = line.decode("utf-8", "replace").split(" ")
        if len(parts) != 3 or parts[1] != "blob" or not parts[2].isdigit():
            result[name] = None
        else:
            result[name] = (parts[0], int(parts[2]))
    return {name: result.get(name) for name in names}


def read_objects(repo: Repo, ids: Iterable[str]) -> dict[str, bytes | None]:
    """The contents of blobs by id, each read once, in one ``git cat-file --batch``.

    The caller has checked the sizes (:func:`blob_ids`); an id that is not a blob maps to None.
    """
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    done = repo.git(
        ["cat-file", "--batch", "--buffer"], stdin="".join(f"{o}\n" for o in wanted).encode()
    )
    out = done.stdout
    result: dict[str, bytes | None] = {}
    pos = 0
    for obj in wanted:
        end = out.index(b"\n", pos)
        header = out[pos:end].decode("utf-8", "replace")
        pos = end + 1
        if header.endswith(" missing"):
            result[obj] = None
            continue
        _, kind, size_text = header.rsplit(" ", 2)
        size = int(size_text)
        result[obj] = out[pos : pos + size] if kind == "blob" else None
        pos += size + 1  # the contents end with a newline
    return result


def read_blobs(
    repo: Repo, objects: Iterable[str], limit: int = MAX_BYTES
) -> dict[str, bytes | int | None]:
    """The contents of many objects (``<commit>:<path>`` or blob ids), read in two ``cat-file``
    calls: sizes first, then only the blobs of at most ``limit`` bytes (like files, a blob
    udv would refuse is never read; its size stands in its place).

    A name git cannot find, or that is not a blob, maps to None.
    """
    ids = blob_ids(repo, objects)
    contents = read_objects(repo, (i[0] for i in ids.values() if i is not None and i[1] <= limit))
    result: dict[str, bytes | int | None] = {}
    for name, found in ids.items():
        if found is None:
            result[name] = None
        else:
            obj, size = found
            result[name] = size if size > limit else contents.get(obj)
    return result
