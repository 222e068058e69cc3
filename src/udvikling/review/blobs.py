"""Read file contents from git's object store, never more than udv would read from disk.

Sizes are asked for first (``git cat-file --batch-check``); only blobs of at most
:data:`~udvikling.yamlsrc.MAX_BYTES` are then read (``git cat-file --batch``), so a huge
file in a pull request's history never fills memory. A blob that is too large is
represented by its size, which the readers turn into the UDV007 finding a file on disk gets.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from udvikling.errors import UsageError
from udvikling.yamlsrc import MAX_BYTES

if TYPE_CHECKING:
    from udvikling.review.git import Repo


def read_blobs(
    repo: Repo, objects: Iterable[str], limit: int = MAX_BYTES
) -> dict[str, bytes | int | None]:
    """The contents of many objects (``<commit>:<path>`` or blob ids), read in two ``cat-file``
    calls: sizes first, then only the blobs of at most ``limit`` bytes (like files, a blob
    udv would refuse is never read; its size stands in its place).

    A name git cannot find, or that is not a blob, maps to None.
    """
    names = list(dict.fromkeys(objects))
    if not names:
        return {}
    for name in names:
        if "\n" in name or "\0" in name:
            raise UsageError(f"Ugyldigt filnavn i git: {name!r}.")
    listing = "".join(f"{n}\n" for n in names).encode("utf-8", "surrogateescape")
    checked = repo.git(["cat-file", "--batch-check"], stdin=listing).stdout.splitlines()
    result: dict[str, bytes | int | None] = {}
    wanted: list[tuple[str, str]] = []
    for name, line in zip(names, checked, strict=False):
        parts = line.decode("utf-8", "replace").split(" ")
        if len(parts) != 3 or parts[1] != "blob" or not parts[2].isdigit():
            result[name] = None
            continue
        size = int(parts[2])
        if size > limit:
            result[name] = size
        else:
            wanted.append((name, parts[0]))
    if wanted:
        done = repo.git(
            ["cat-file", "--batch"], stdin="".join(f"{o}\n" for _, o in wanted).encode()
        )
        out = done.stdout
        pos = 0
        for name, _ in wanted:
            end = out.index(b"\n", pos)
            header = out[pos:end].decode("utf-8", "replace")
            pos = end + 1
            _, kind, size_text = header.rsplit(" ", 2)
            size = int(size_text)
            result[name] = out[pos : pos + size] if kind == "blob" else None
            pos += size + 1  # the contents end with a newline
    return {name: result.get(name) for name in names}
