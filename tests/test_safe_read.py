"""Reading a plan's file: all of it in one read when it is as big as it says, and all of it
however the file system hands it out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from udvikling import safe_read
from udvikling.safe_read import TooLarge, read_regular


@pytest.mark.parametrize("content", [b"", b"title: A\n", "æøå: ja\n".encode() * 5000])
def test_the_whole_file_in_one_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(content)
    reads: list[int] = []
    real = os.read

    def counted(fd: int, n: int) -> bytes:
        reads.append(n)
        return real(fd, n)

    monkeypatch.setattr(safe_read.os, "read", counted)
    assert read_regular(path, "f.yaml") == content
    assert reads == [len(content) + 1]


def test_a_file_system_that_reads_in_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f.yaml"
    content = "title: Et tiltag, der læses i stykker\n".encode() * 40
    path.write_bytes(content)
    real = os.read
    monkeypatch.setattr(safe_read.os, "read", lambda fd, n: real(fd, min(n, 7)))
    assert read_regular(path, "f.yaml") == content


def test_a_file_that_grew_past_the_limit_while_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"x" * 10)
    real = os.read
    # fstat said 10 bytes; by the read there are more than the limit allows.
    monkeypatch.setattr(safe_read.os, "read", lambda fd, n: real(fd, n) + b"y" * n)
    with pytest.raises(TooLarge):
        read_regular(path, "f.yaml", limit=15)
