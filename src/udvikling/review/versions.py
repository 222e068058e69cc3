"""One record's file and ``udvikling.yaml`` at many commits, read from git in bulk.

:class:`Versions` is what :func:`udvikling.review.history.record_history` loads each version
of a record with: two ``git cat-file`` calls for however many versions, and each version of
``udvikling.yaml`` parsed once.
"""

from __future__ import annotations

from dataclasses import replace

from udvikling.config import CONFIG_FILE, Config
from udvikling.fileio import MAX_BYTES
from udvikling.load import Dataset, Reader, load, load_config
from udvikling.review.blobs import blob_ids, read_objects
from udvikling.review.git import Repo
from udvikling.safe_read import TooLarge
from udvikling.yamlsrc import SourceMap

# Stands in for udvikling.yaml while a version of the record is parsed: the record's own
# findings never depend on the configuration, and the real one (parsed once per blob) takes
# its place in the dataset. Should it ever fail to load, the real file is used instead.
STAND_IN_CONFIG = b"organisation: x\nprocess: x\ntracks: {}\nbodies: {}\nowners: {}\n"
# How many bytes of blobs one ``git cat-file --batch`` reads before the versions they
# belong to are parsed (and the bytes let go).
BATCH_BYTES = 32 * 1024 * 1024

Blob = tuple[str, int] | None  # a blob's id and size, or None when the file is not there


class Versions:
    """The record's file and ``udvikling.yaml`` at many commits, read from git in bulk.

    One ``git cat-file --batch-check`` names every blob; the blobs are read in batches of
    at most :data:`BATCH_BYTES` (one process each), each blob once; each version of
    ``udvikling.yaml`` is parsed once, however many commits share it. So the work is
    proportional to the commits that touched the record, not to the plan or the history.
    """

    def __init__(self, repo: Repo, wanted: list[tuple[str, str]]) -> None:
        self.repo = repo
        self.order = wanted
        self.names = [
            (f"{commit}:{repo.prefix}{CONFIG_FILE}", f"{commit}:{repo.prefix}{rel}")
            for commit, rel in wanted
        ]
        self.ids = blob_ids(repo, [name for pair in self.names for name in pair])
        self.contents: dict[str, bytes | None] = {}
        self.configs: dict[Blob, tuple[Config | None, SourceMap]] = {}
        self.next = 0  # the first version whose blobs are not yet read

    def _fetch(self, at: int) -> None:
        """Read the blobs of the versions from ``at`` on, up to :data:`BATCH_BYTES`."""
        self.contents = {}
        todo: dict[str, None] = {}  # blob ids, in order, each once
        total = 0
        index = at
        while index < len(self.order) and (not todo or total < BATCH_BYTES):
            config_name, record_name = self.names[index]
            for blob, is_config in (
                (self.ids.get(config_name), True),
                (self.ids.get(record_name), False),
            ):
                if blob is None or blob[1] > MAX_BYTES or blob[0] in todo:
                    continue
                if is_config and blob in self.configs:
                    continue
                todo[blob[0]] = None
                total += blob[1]
            index += 1
        self.contents = read_objects(self.repo, todo)
        self.next = index

    def _reader(self, rel: str, blob: Blob, config: bytes | None) -> Reader:
        def read(path: str) -> bytes:
            if path == CONFIG_FILE and config is not None:
                return config
            found: bytes | None = None
            if path == rel and blob is not None:
                if blob[1] > MAX_BYTES:
                    raise TooLarge(path, blob[1])
                found = self.contents.get(blob[0])
            if found is None:
                raise FileNotFoundError(2, "filen findes ikke i denne revision", path)
            return found

        return read

    def _config(self, blob: Blob) -> tuple[Config | None, SourceMap]:
        if blob not in self.configs:
            parsed = load_config(self._reader(CONFIG_FILE, blob, None))
            self.configs[blob] = (parsed[0], parsed[1])
        return self.configs[blob]

    def load(self, index: int) -> tuple[Dataset | None, str | None]:
        """The ``index``-th version (oldest first) loaded; or why it cannot be."""
        if index >= self.next:
            self._fetch(index)
        rel = self.order[index][1]
        config_name, record_name = self.names[index]
        config_blob, record_blob = self.ids.get(config_name), self.ids.get(record_name)
        config, config_source = self._config(config_blob)
        if config is None:
            return None, f"{CONFIG_FILE} kan ikke læses i denne version"
        loaded = load(
            self.repo.root, reader=self._reader(rel, record_blob, STAND_IN_CONFIG), files=[rel]
        )
        if loaded.dataset is None:  # the stand-in no longer loads: read the real one
            assert config_blob is not None
            real = read_objects(self.repo, [config_blob[0]]).get(config_blob[0]) or b""
            loaded = load(self.repo.root, reader=self._reader(rel, record_blob, real), files=[rel])
        assert loaded.dataset is not None
        dataset = replace(
            loaded.dataset,
            config=config,
            sources={**loaded.dataset.sources, CONFIG_FILE: config_source},
        )
        errors = [f for f in loaded.findings if f.path == rel and f.severity == "error"]
        problem = f"{errors[0].location}: {errors[0].message}" if errors else "filen kan ikke læses"
        return dataset, problem
