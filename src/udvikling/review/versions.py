"""One record's file and ``udvikling.yaml`` at many commits, parsed and validated.

:class:`Versions` is what :func:`udvikling.review.history.record_history` loads each version
of a record with: the blobs come from :class:`udvikling.review.recordlog.VersionBlobs` (two
``git cat-file`` calls for however many versions), and each version of ``udvikling.yaml``
is parsed once.
"""

from __future__ import annotations

from udvikling.config import CONFIG_FILE, Config
from udvikling.load import Dataset, Reader, load, load_config
from udvikling.review.recordlog import Blob, VersionBlobs
from udvikling.safe_read import TooLarge
from udvikling.sourcemap import SourceMap


class Versions:
    """The record's file and ``udvikling.yaml`` at many commits, loaded one by one.

    Each version of ``udvikling.yaml`` is parsed once, however many commits share it. So
    the work is proportional to the commits that touched the record, not to the plan or
    the history.
    """

    def __init__(self, blobs: VersionBlobs) -> None:
        self.blobs = blobs
        self.configs: dict[Blob, tuple[Config | None, SourceMap]] = {}

    def _reader(self, index: int, rel: str, blob: Blob) -> Reader:
        def read(path: str) -> bytes:
            found: bytes | None = None
            if path == rel and blob is not None:
                if self.blobs.too_large(blob):
                    raise TooLarge(path, blob[1])
                found = self.blobs.content(index, blob)
            if found is None:
                raise FileNotFoundError(2, "filen findes ikke i denne revision", path)
            return found

        return read

    def _config(self, index: int, blob: Blob) -> tuple[Config | None, SourceMap]:
        if blob not in self.configs:
            parsed = load_config(self._reader(index, CONFIG_FILE, blob))
            self.configs[blob] = (parsed[0], parsed[1])
        return self.configs[blob]

    def load(self, index: int) -> tuple[Dataset | None, str | None]:
        """The ``index``-th version (oldest first) loaded; or why it cannot be."""
        rel = self.blobs.order[index][1]
        config_blob, record_blob = self.blobs.blobs(index)
        config, config_source = self._config(index, config_blob)
        if config is None:
            return None, f"{CONFIG_FILE} kan ikke læses i denne version"
        # The version of udvikling.yaml read once above is the plan's configuration here.
        loaded = load(
            self.blobs.repo.root,
            reader=self._reader(index, rel, record_blob),
            files=[rel],
            config=(config, config_source),
        )
        dataset = loaded.dataset
        assert dataset is not None
        errors = [f for f in loaded.findings if f.path == rel and f.severity == "error"]
        problem = f"{errors[0].location}: {errors[0].message}" if errors else "filen kan ikke læses"
        return dataset, problem
