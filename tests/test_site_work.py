"""A site is built with nothing done per page (or per child process) that can be done once
for the plan (issue 29): each test counts work, or compares with the slower way's answer;
none measures time."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import DictLoader, StrictUndefined, Undefined
from jinja2.sandbox import SandboxedEnvironment

from udvikling.errors import DataError, UdvError
from udvikling.render import filling, limits
from udvikling.render.limits import DocumentSandbox, run_limited_many


class _CountingSandbox(DocumentSandbox):
    """The sandbox; every template compiled, in this process or a child, is a line in
    ``log``."""

    log: Path

    def compile(self, source: Any, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        with self.log.open("a", encoding="utf-8") as handle:
            handle.write(f"{name}\n")
        return super().compile(source, name, *args, **kwargs)


def test_the_parts_of_the_pages_are_compiled_once_not_in_every_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "loads.txt"
    templates = {
        "base.j2": "<h1>{{ titel }}</h1>{% block indhold %}{% endblock %}",
        "dele.j2": "{% macro kort(t) %}[{{ t.navn }}]{% endmacro %}",
        "side.j2": (
            '{% extends "base.j2" %}{% from "dele.j2" import kort %}'
            "{% block indhold %}{{ kort(t) }}{% endblock %}"
        ),
    }
    env = _CountingSandbox(loader=DictLoader(templates), undefined=StrictUndefined)
    env.log = log
    monkeypatch.setattr(filling, "BATCH", 2)
    jobs = [("side.j2", {"titel": f"S{n}", "t": {"navn": f"T{n}"}}) for n in range(9)]
    texts = filling.fill_many(env, jobs)
    assert texts == [f"<h1>S{n}</h1>[T{n}]" for n in range(9)]
    # Five children filled the pages; before, each one compiled base and dele again.
    assert sorted(log.read_text(encoding="utf-8").split()) == ["base.j2", "dele.j2", "side.j2"]


def test_a_broken_part_fails_as_before_in_the_page_that_uses_it(tmp_path: Path) -> None:
    templates = {
        "base.j2": "{% block indhold %}{% endblock %}{% if %}",
        "side.j2": '{% extends "base.j2" %}{% block indhold %}x{% endblock %}',
    }
    env = DocumentSandbox(loader=DictLoader(templates), undefined=StrictUndefined)
    with pytest.raises(DataError) as alone:  # one page in this process, as a child fills it
        filling.fill(DocumentSandbox(loader=DictLoader(templates)), "side.j2", {})
    with pytest.raises(UdvError) as caught:
        filling.fill_many(env, [("side.j2", {})])
    assert caught.value.message == alone.value.message
    assert "linje 1: Expected an expression" in caught.value.message


def _marker_work(mine: Path, other: Path, text: str, tries: int = 2000) -> Any:
    """A child's work: make its own marker, then wait (``tries`` × 10 ms) for the other's."""

    def work() -> str:
        mine.touch()
        for _ in range(tries):
            if other.exists():
                return f"{text}: sammen"
            time.sleep(0.01)
        return f"{text}: alene"

    return work


def test_two_children_fill_pages_side_by_side_and_answer_in_order(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    works = [_marker_work(a, b, "første"), _marker_work(b, a, "anden"), lambda: "tredje"]
    assert run_limited_many(works, seconds=30, at_once=2) == [
        "første: sammen",
        "anden: sammen",
        "tredje",
    ]


def test_one_child_at_a_time_when_asked(tmp_path: Path) -> None:
    # One after another: the first never sees the second start.
    a, b = tmp_path / "a", tmp_path / "b"
    works = [_marker_work(a, b, "første", 50), _marker_work(b, a, "anden", 50)]
    assert run_limited_many(works, seconds=30, at_once=1) == ["første: alene", "anden: sammen"]


def _fails(message: str) -> Any:
    def work() -> str:
        raise DataError(message)

    return work


def test_the_first_failure_in_order_is_told(tmp_path: Path) -> None:
    works = [lambda: "a", _fails("fejl i nummer to"), _fails("fejl i nummer tre"), lambda: "d"]
    for at_once in (1, 2, 4):
        with pytest.raises(UdvError) as caught:
            run_limited_many(works, seconds=30, at_once=at_once)
        assert caught.value.message == "fejl i nummer to"


def test_a_later_child_over_its_time_does_not_hide_an_earlier_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def slow() -> str:
        time.sleep(60)
        return "aldrig"

    with pytest.raises(UdvError) as caught:
        run_limited_many([lambda: "a", _fails("først"), slow], seconds=10, at_once=3)
    assert caught.value.message == "først"
    with pytest.raises(UdvError) as caught:
        run_limited_many([lambda: "a", slow], seconds=1, at_once=2)
    assert "mere end 1 sekunder" in caught.value.message
    assert limits.TIME_LIMIT > 1


class _Plain:
    navn = "attribut"


@pytest.mark.parametrize(
    ("obj", "name"),
    [
        ({"navn": "Anna"}, "navn"),
        ({"navn": "Anna"}, "mangler"),
        ({"items": "et punkt"}, "items"),  # the method wins, as in Jinja
        ({"keys": 1}, "keys"),
        ({}, "__class__"),
        ({}, "__init__"),
        ({"get": 2}, "get"),
        ({"x": 1}, "mro"),
        ({5: "fem"}, 5),
        (_Plain(), "navn"),
        ({"navn": {"indre": 1}}, "navn"),
    ],
)
def test_a_dict_read_in_a_template_is_what_jinja_reads(obj: Any, name: Any) -> None:
    ours = DocumentSandbox(undefined=StrictUndefined)
    jinja = SandboxedEnvironment(undefined=StrictUndefined)
    try:
        expected: Any = jinja.getattr(obj, name)
    except Exception as exc:  # the same exception is expected of ours
        with pytest.raises(type(exc)):
            ours.getattr(obj, name)
        return
    got = ours.getattr(obj, name)
    assert type(got) is type(expected)
    if isinstance(expected, Undefined):
        assert (got._undefined_name, got._undefined_hint) == (
            expected._undefined_name,
            expected._undefined_hint,
        )
        assert got._undefined_obj is expected._undefined_obj
    elif callable(expected):
        assert got.__name__ == expected.__name__
    else:
        assert repr(got) == repr(expected)


def test_templates_read_dicts_as_before() -> None:
    template = (
        "{{ d.navn }} {{ d.items()|list|length }} {{ d.get('navn') }}"
        " {% if d.mangler is defined %}ja{% else %}nej{% endif %}"
    )
    context = {"d": {"navn": "Anna", "items": "skjult"}}
    ours = DocumentSandbox(undefined=StrictUndefined).from_string(template).render(context)
    jinja = SandboxedEnvironment(undefined=StrictUndefined).from_string(template).render(context)
    assert ours == jinja == "Anna 2 Anna nej"


def test_an_old_site_is_read_once_for_both_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from udvikling.site import write
    from udvikling.site.build import Site

    folder = tmp_path / "ud"
    files = {f"side-{n}.html": f"<p>{n}</p>".encode() for n in range(20)}
    write.write_site(Site(files=dict(files)), folder)
    read: list[str] = []
    digest = write._digest_file
    monkeypatch.setattr(write, "_digest_file", lambda path: read.append(path.name) or digest(path))
    write.check_folder(folder)  # before the build, as `udv site` does
    write.write_site(Site(files={**files, "ny.html": b"ny"}), folder)  # checks again
    assert sorted(read) == sorted(files)  # each old file hashed once, not twice
    assert (folder / "ny.html").read_bytes() == b"ny"


def test_a_file_changed_between_the_checks_is_still_found(tmp_path: Path) -> None:
    from udvikling.errors import UsageError
    from udvikling.site import write
    from udvikling.site.build import Site

    folder = tmp_path / "ud"
    write.write_site(Site(files={"a.html": b"<p>a</p>"}), folder)
    write.check_folder(folder)
    page = folder / "a.html"
    before = page.stat()
    page.write_bytes(b"<p>b</p>")  # same size, same times set back: only ctime tells
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    with pytest.raises(UsageError) as caught:
        write.write_site(Site(files={"a.html": b"ny"}), folder)
    assert "a.html er ændret, siden udv skrev den" in caught.value.message


def test_the_open_data_json_is_what_pythons_encoder_writes(public_site: Path) -> None:
    import json

    text = (public_site / "aabne-data" / "plan.json").read_text(encoding="utf-8")
    again = json.dumps(json.loads(text), ensure_ascii=False, indent=1).replace("<", "\\u003c")
    assert text == again + "\n"


@given(st.text(), st.text())
def test_open_data_text_is_written_as_pythons_encoder_writes_it(ident: str, name: str) -> None:
    import json

    from udvikling.site.opendata_model import Named

    shown = Named(id=ident, name=name)
    old = json.dumps(shown.model_dump(mode="json", by_alias=True), ensure_ascii=False, indent=1)
    assert shown.model_dump_json(indent=1, by_alias=True) == old


def _shipped_site(documents: bool = False) -> dict[str, bytes]:
    from datetime import datetime

    from sitecheck import AS_OF, REPO
    from udvikling.load import load
    from udvikling.periods import parse_period
    from udvikling.site.build import build_site
    from udvikling.site.source import Source

    loaded = load(REPO)
    assert loaded.dataset is not None
    built = datetime(2026, 12, 7, 12, 5).astimezone()
    source = Source(parse_period(AS_OF).start, built, "arbejdskopien (test)", None)
    return build_site(loaded.dataset, source, REPO, documents=documents).files


def test_the_extras_are_made_beside_the_pages_and_are_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from udvikling.reports import calendar
    from udvikling.sheets import twocores

    made_by = tmp_path / "kalender-lavet-af.txt"
    build = calendar.build_calendar

    def noted(*args: Any, **kwargs: Any) -> bytes:
        with made_by.open("a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
        return build(*args, **kwargs)

    monkeypatch.setattr(calendar, "build_calendar", noted)
    monkeypatch.setattr(twocores, "jobs", lambda: 2)
    beside = _shipped_site()
    assert made_by.read_text(encoding="utf-8").split() != [str(os.getpid())]  # in a child
    made_by.unlink()
    monkeypatch.setattr(twocores, "jobs", lambda: 1)
    here = _shipped_site()
    assert made_by.read_text(encoding="utf-8").split() == [str(os.getpid())]
    assert beside == here


def test_when_the_child_fails_the_extras_are_made_here(monkeypatch: pytest.MonkeyPatch) -> None:
    from udvikling.sheets import twocores
    from udvikling.site import extras

    monkeypatch.setattr(twocores, "jobs", lambda: 1)
    expected = _shipped_site()
    parent = os.getpid()
    make = extras.extras

    def dies_in_the_child(*args: Any) -> Any:
        if os.getpid() != parent:
            os._exit(1)
        return make(*args)

    monkeypatch.setattr(extras, "extras", dies_in_the_child)
    monkeypatch.setattr(twocores, "jobs", lambda: 2)
    assert _shipped_site() == expected


def test_a_broken_open_data_page_stops_the_build_before_any_page(
    tmp_path: Path, quick: Any
) -> None:
    from hostile_support import AS_OF, plan

    base = '{% extends "site/base.html.j2" %}{% block indhold %}'
    root = plan(
        tmp_path / "plan",
        {
            # A page earlier in the order fails as it is filled; the open data's page,
            # filled last, cannot even be compiled: that is what is told, as before.
            "templates/site/om.html.j2": base + "{{ 1 / 0 }}{% endblock %}",
            "templates/site/data.html.j2": base + "{% if %}{% endblock %}",
        },
    )
    code, output = quick(
        root, "site", "--root", ".", "-o", "../ud", "--as-of", AS_OF, "--no-documents"
    )
    assert code == 1, output
    assert "data.html.j2, linje 1" in output
    assert not (tmp_path / "ud").exists()


def test_the_forks_do_not_grow_with_the_number_of_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    # A fork costs in proportion to the parent's memory, which grows with the plan: with a
    # fixed 100 pages a child, a site of 13,000 pages forked 130 times (7 s of system time).
    children: list[int] = []

    def inline(works: Any, *, seconds: float, at_once: int) -> list[bytes]:
        children.append(len(works))
        return [work() for work in works]

    monkeypatch.setattr(filling, "run_limited_bytes", inline)
    env = DocumentSandbox(loader=DictLoader({"s.j2": "{{ n }}"}), undefined=StrictUndefined)
    for pages, most in ((50, 1), (1343, filling.CHILDREN), (13000, 13), (60000, 60)):
        children.clear()
        texts = filling.fill_many(env, [("s.j2", {"n": n}) for n in range(pages)])
        assert texts == [str(n) for n in range(pages)]
        assert children[0] <= most
    assert filling.batch_size(13000) <= filling.MAX_BATCH


# The pages come back from the children length-prefixed, as the UTF-8 the site writes
# (issue 29): before, each batch was JSON, quoted in the child, parsed in the parent, and
# every page encoded again there.

_PAGE_TEXTS = st.text(alphabet='a\\n "\\\\0123456789 æøå€😀<>&\n\r\t\x00', max_size=30)


@given(st.lists(st.binary(max_size=40) | _PAGE_TEXTS.map(str.encode), max_size=12))
def test_pages_packed_come_back_the_same(pages: list[bytes]) -> None:
    blob = filling.pack_pages(pages)
    assert filling.unpack_pages(blob) == pages
    # Nothing quoted: the blob is the pages themselves after one line of lengths.
    assert len(blob) == sum(map(len, pages)) + blob.index(b"\n") + 1


def test_a_cut_or_padded_blob_is_refused() -> None:
    blob = filling.pack_pages([b"en", b"to\n"])
    for bad in (blob[:-1], blob + b"x", b"no line break"):
        with pytest.raises(ValueError):
            filling.unpack_pages(bad)


def test_the_pages_are_the_childrens_utf8_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[bytes] = []
    real = filling.run_limited_bytes

    def spy(works: Any, *, seconds: float, at_once: int) -> list[bytes]:
        answers = real(works, seconds=seconds, at_once=at_once)
        sent.extend(answers)
        return answers

    monkeypatch.setattr(filling, "run_limited_bytes", spy)
    monkeypatch.setattr(filling, "BATCH", 3)
    texts = ["", "æøå 😀", "linje\nlinje", "12 34", "<&>", "\r\n", "z" * 5000, "x"]
    env = DocumentSandbox(loader=DictLoader({"s.j2": "{{ t }}"}), undefined=StrictUndefined)
    jobs = [("s.j2", {"t": t}) for t in texts]
    pages = filling.fill_pages(env, jobs)
    expected = [filling.fill(env, "s.j2", {"t": t}).encode("utf-8") for t in texts]
    assert pages == expected
    # Three children, each sending its pages' bytes as they are, after their lengths.
    assert sent == [filling.pack_pages(expected[n : n + 3]) for n in (0, 3, 6)]
    # The text of the same pages (mails) is as before, a lone surrogate kept.
    assert filling.fill_many(env, jobs) == [p.decode("utf-8") for p in expected]
    assert filling.fill_many(env, [("s.j2", {"t": "a\ud800b"})]) == ["a\ud800b"]


def test_a_page_that_is_not_utf8_stops_as_a_bug_in_the_child() -> None:
    env = DocumentSandbox(loader=DictLoader({"s.j2": "{{ t }}"}), undefined=StrictUndefined)
    with pytest.raises(RuntimeError, match="UnicodeEncodeError"):
        filling.fill_pages(env, [("s.j2", {"t": "a\ud800b"})])


def _old_writer(staging: Path, files: dict[str, bytes]) -> None:
    """How the site's files were written before (issue 29): the reference."""
    for name, data in files.items():
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _tree(folder: Path) -> dict[str, tuple[int, bytes | None]]:
    tree: dict[str, tuple[int, bytes | None]] = {}
    for path in sorted(folder.rglob("*")):
        data = path.read_bytes() if path.is_file() else None
        tree[path.relative_to(folder).as_posix()] = (path.stat().st_mode, data)
    return tree


def test_the_files_are_written_as_before_with_each_folder_made_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from udvikling.site import write

    files = {f"tiltag/t-{n}.html": f"<p>{n} æøå</p>".encode() for n in range(30)}
    files |= {"index.html": b"", "a/b/c/d.svg": b"x" * 300_000, "a/e.json": b"{}"}
    files |= {f"moeder/{n}.html": b"m" for n in range(10)}
    _old_writer(tmp_path / "gammel", files)
    made: list[str] = []
    mkdir = os.mkdir

    def counted(path: Any, *args: Any, **kwargs: Any) -> None:
        made.append(str(path))
        mkdir(path, *args, **kwargs)

    (tmp_path / "ny").mkdir()
    monkeypatch.setattr(os, "mkdir", counted)
    write._write_files(str(tmp_path / "ny"), files)
    assert _tree(tmp_path / "ny") == _tree(tmp_path / "gammel")  # contents and modes
    # Each folder (a, a/b, a/b/c, tiltag, moeder) asked for at most twice (os.makedirs
    # tries a path before its parents); before, a mkdir for every one of the 43 files.
    assert len(set(made)) == 5
    assert len(made) <= 10


def test_a_site_that_cannot_be_written_leaves_the_old_one_whole(tmp_path: Path) -> None:
    from udvikling.errors import EnvironmentProblem
    from udvikling.site import write
    from udvikling.site.build import Site

    folder = tmp_path / "ud"
    old = {f"side-{n}.html": f"<p>{n}</p>".encode() for n in range(5)}
    write.write_site(Site(files=dict(old)), folder)
    before = _tree(folder)
    # "side-1.html" is a file, so "side-1.html/x.html" cannot be made: the write fails.
    broken = {**old, "a.html": b"a", "side-1.html/x.html": b"x", "z.html": b"z"}
    with pytest.raises(EnvironmentProblem) as caught:
        write.write_site(Site(files=broken), folder)
    assert caught.value.message.startswith(f"Kan ikke skrive webstedet til {folder}: ")
    assert _tree(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ud"]  # no staging left
