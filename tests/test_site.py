"""``udv site``: the public website, built from the shipped plan and from hostile copies.

Every link and asset resolves (relative links only), every public initiative and meeting has
a page, no page is over 200 KB, the HTML parses with html5lib in strict mode, and nothing
confidential (initiatives marked ``confidential``, closed agenda items) appears in any file,
the search index, the timeline and the Word documents included.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from html import escape
from pathlib import Path

import html5lib
import pytest
from html5lib.html5parser import ParseError

from sitecheck import AS_OF, REPO, broken_links, build, every_text, html_files, parse
from test_gitio import GitRepo
from udvikling.chrono import plan_at, view_at
from udvikling.load import Dataset, load
from udvikling.periods import parse_period
from udvikling.render.contexts import public_view

MAX_PAGE = 200 * 1024


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the shipped plan as it stood on 1 October 2024."""
    target = tmp_path_factory.mktemp("site") / "public"
    assert build(REPO, target, "--as-of", AS_OF) == 0
    return target


def _plan(root: Path, day: str) -> Dataset:
    """The public plan as it stood, and was known, on ``day``."""
    loaded = load(root)
    assert loaded.dataset is not None
    public = public_view(loaded.dataset, include_confidential=False)
    return plan_at(public, view_at(parse_period(day).start))


def _public_plan(root: Path, day: str) -> tuple[set[str], set[str]]:
    plan = _plan(root, day)
    return set(plan.initiatives), set(plan.meetings)


def _pages(site: Path, folder: str) -> set[str]:
    return {p.stem for p in (site / folder).glob("*.html") if p.stem != "index"}


# -- the shipped plan -----------------------------------------------------------------------


def test_every_public_initiative_and_meeting_has_a_page(site: Path) -> None:
    initiatives, meetings = _public_plan(REPO, AS_OF)
    assert initiatives and meetings
    assert _pages(site, "tiltag") == initiatives
    assert _pages(site, "moeder") == meetings
    plan = _plan(REPO, AS_OF)
    for initiative_id in initiatives:
        title = plan.initiatives[initiative_id].title
        page = (site / "tiltag" / f"{initiative_id}.html").read_text(encoding="utf-8")
        assert f"<h1>{escape(title, quote=False)}</h1>" in page


def test_every_link_and_asset_resolves(site: Path) -> None:
    assert broken_links(site) == []
    front = parse(site / "index.html").links
    assert "site.css" in front and "site.js" in front
    assert "tiltag/index.html" in front and "moeder/index.html" in front


def test_broken_links_are_found(tmp_path: Path) -> None:
    """The link check itself: a missing page, a missing id and an absolute link."""
    (tmp_path / "a.html").write_text(
        '<a href="b.html">b</a> <a href="a.html#nej">x</a> <a href="/a.html">y</a>',
        encoding="utf-8",
    )
    assert broken_links(tmp_path) == [
        "a.html: b.html",
        "a.html: a.html#nej (intet id)",
        "a.html: /a.html (ikke relativ)",
    ]


def test_html_parses_strictly(site: Path) -> None:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    pages = html_files(site)
    assert len(pages) > 100
    for page in pages:
        parser.parse(page.read_bytes())
    with pytest.raises(ParseError):
        parser.parse("<!DOCTYPE html><html lang='da'><title>x</title><p>a</div>")


def test_no_page_is_over_200_kb(site: Path) -> None:
    sizes = {str(p.relative_to(site)): p.stat().st_size for p in html_files(site)}
    assert max(sizes.values()) < MAX_PAGE, max(sizes.items(), key=lambda kv: kv[1])


def test_pages_are_danish_with_landmarks(site: Path) -> None:
    for page in html_files(site):
        if page.relative_to(site).parts[0] == "filer":
            continue
        text = page.read_text(encoding="utf-8")
        assert '<html lang="da">' in text, page
        assert text.count("<h1") == 1, page
        assert '<main id="indhold"' in text and 'href="#indhold"' in text, page
        assert '<nav class="menu" aria-label="Hovedmenu">' in text, page
        assert re.search(r"<title>[^<]+ – Udviklingsproces på Socialområdet</title>", text), page


def test_filters_work_without_javascript(site: Path) -> None:
    """The filter form is hidden until the script shows it; the list is complete, and each
    track, owner, unit and status has a page of its own."""
    listing = (site / "tiltag" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<form class="filtre"[^>]* hidden>', listing)
    initiatives, _ = _public_plan(REPO, AS_OF)
    assert set(re.findall(r'data-noegle="tiltag:([a-z0-9-]+)"', listing)) == initiatives
    loaded = load(REPO)
    assert loaded.dataset is not None
    plan = plan_at(loaded.dataset, view_at(parse_period(AS_OF).start))
    public = [i for i in plan.initiatives.values() if not i.confidential]
    assert _pages(site, "spor") == {i.track for i in public}
    assert _pages(site, "ansvarlige") == {i.owner for i in public if i.owner}
    assert _pages(site, "enheder") == {u for i in public for u in i.units}
    assert _pages(site, "status") == {i.status or "ikke-oplyst" for i in public}


def test_front_page_content(site: Path) -> None:
    front = (site / "index.html").read_text(encoding="utf-8")
    assert "Planen, som den stod og var kendt 15. december 2024" in front
    # The newest report by 15 December 2024 is the status note of autumn 2024.
    assert "Nyt siden seneste status" in front
    assert 'href="rapporter/2024-efteraar-status.html"' in front
    assert "Fælles langsigtet strategi på Socialområdet" in front
    reports = (site / "rapporter" / "index.html").read_text(encoding="utf-8")
    assert 'href="../rapporter/2023-01-08-procesplan.html"' in reports
    assert 'href="../moeder/2024-04-24-vpu.html"' in reports  # status given at a meeting
    for name in ("2024-efteraar-status", "2023-01-08-procesplan", "aktuel/tids-og-procesplan"):
        assert (site / "filer" / f"{name}.docx").stat().st_size > 10_000, name
        assert (site / "filer" / f"{name}.html").stat().st_size > 5_000, name
    assert (site / "tidslinje.svg").read_text(encoding="utf-8").startswith("<svg")


def test_search_index_has_every_public_initiative(site: Path) -> None:
    script = (site / "soegning.js").read_text(encoding="utf-8")
    assert script.startswith("window.udvSoegning = {")
    initiatives, meetings = _public_plan(REPO, AS_OF)
    keys = set(re.findall(r'"((?:tiltag|moede):[a-z0-9-]+)"', script))
    assert keys == {f"tiltag:{i}" for i in initiatives} | {f"moede:{m}" for m in meetings}
    assert "BDO" in script


# -- confidentiality and escaping -----------------------------------------------------------

SECRET = "Q7X"
CONFIDENTIAL = f"""\
    title: Hemmeligt tiltag {SECRET}-titel
    track: organisering
    owner: socialchef
    status: i-gang
    start: 1. halvår 2024
    due: 2. halvår 2024
    description: Beskrivelse {SECRET}-beskrivelse.
    timing: Iværksættelse {SECRET}-timing.
    milestones:
      - title: Milepæl {SECRET}-milepael
        due: 2. kvartal 2024
    updates:
      - date: 2024-06-01
        text: Journal {SECRET}-journal.
      - date: 2024-09-30
        reported_in: 2024-09-30-hemmelig-status
        text: Meldt i rapporten {SECRET}-rapportjournal.
    tags: [{SECRET}-emneord]
    confidential: true
    """
HOSTILE = """\
    title: <script>alert("x")</script> & "tiltag"
    track: organisering
    owner: socialchef
    status: planlagt
    start: 1. halvår 2024
    due: 2. halvår 2025
    description: Tekst med <b>fed</b> og {{ 7*7 }} og &amp; som tekst.
    depends_on: [hemmeligt-q7x-tiltag]
    """
REPORT = """\
    kind: notat
    title: Status med et fortroligt tiltag
    date: 2024-09-30
    to: [vpu]
    sections:
      - heading: Status
        blocks:
          - text: Offentlig indledning til rapporten.
          - initiative: hemmeligt-q7x-tiltag
            show: [title, description, timing, updates]
          - initiatives: [ny-styringsmodel, hemmeligt-q7x-tiltag]
            show: [title, description, updates]
          - tracks: [organisering]
          - late: true
          - upcoming: true
    """
MEETING = f"""\
    body: vpu
    date: 2024-09-25
    title: Status pr. september 2024
    kind: status
    items:
      - title: Åbent punkt om status
        initiatives: [ny-styringsmodel, hemmeligt-q7x-tiltag]
        summary: Åben sagsfremstilling.
        decision: Godkendt.
      - title: Lukket punkt {SECRET}-lukket-titel
        public: false
        initiatives: [hemmeligt-q7x-tiltag]
        summary: Lukket sagsfremstilling {SECRET}-lukket-resume.
        recommendation: Lukket indstilling {SECRET}-lukket-indstilling.
        decision: Lukket beslutning {SECRET}-lukket-beslutning.
        remarks: Lukkede bemærkninger {SECRET}-lukket-bemaerkninger.
    """


@pytest.fixture(scope="module")
def secret_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped plan with a confidential initiative, a closed agenda item on a
    held status meeting, and a public initiative with a hostile title."""
    root = tmp_path_factory.mktemp("plan")
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "udvikling.yaml", root / "udvikling.yaml")
    for rel, text in {
        "data/initiatives/hemmeligt-q7x-tiltag.yaml": CONFIDENTIAL,
        "data/initiatives/fjendtlig-titel.yaml": HOSTILE,
        "data/meetings/2024-09-25-vpu.yaml": MEETING,
        "data/reports/2024-09-30-hemmelig-status.yaml": REPORT,
    }.items():
        (root / rel).write_text(textwrap.dedent(text), encoding="utf-8")
    loaded = load(root)
    assert loaded.dataset is not None
    new = ("hemmeligt-q7x-tiltag", "fjendtlig-titel", "2024-09-25-vpu", "hemmelig-status")
    assert [
        f for f in loaded.findings if f.severity == "error" and any(n in f.path for n in new)
    ] == []
    assert loaded.dataset.initiatives["hemmeligt-q7x-tiltag"].confidential
    return root


@pytest.fixture(scope="module")
def secret_site(secret_plan: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("secret") / "public"
    assert build(secret_plan, target, "--as-of", AS_OF) == 0
    return target


def test_nothing_confidential_on_any_page_or_file(secret_site: Path) -> None:
    texts = every_text(secret_site)
    leaks = [path for path, text in texts.items() if SECRET.lower() in text.lower()]
    assert leaks == []
    # The public parts of the same meeting and plan are there, so the markers could show.
    meeting = texts["moeder/2024-09-25-vpu.html"]
    assert "Åbent punkt om status" in meeting and "Åben sagsfremstilling." in meeting
    assert "tiltag/ny-styringsmodel.html" in meeting
    report = texts["filer/2024-09-30-hemmelig-status.docx"]
    assert "Offentlig indledning til rapporten." in report
    assert "Ny styringsmodel" in report
    assert "Offentlig indledning til rapporten." in texts["filer/2024-09-30-hemmelig-status.html"]
    assert "tiltag/fjendtlig-titel.html" in texts


def test_data_text_is_escaped(secret_site: Path) -> None:
    page = (secret_site / "tiltag" / "fjendtlig-titel.html").read_text(encoding="utf-8")
    assert "<h1>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;tiltag&#34;</h1>" in page
    assert "Tekst med &lt;b&gt;fed&lt;/b&gt; og {{ 7*7 }} og &amp;amp; som tekst." in page
    # (The CSV for spreadsheets holds the title as written; test_site_opendata checks it.)
    texts = {k: v for k, v in every_text(secret_site).items() if not k.endswith(".csv")}
    assert "<script>alert" not in "".join(texts.values())
    index = (secret_site / "soegning.js").read_text(encoding="utf-8")
    assert "\\u003cscript>alert" in index and "</script>" not in index
    html5lib.HTMLParser(strict=True).parse(page)


def test_a_hidden_dependency_is_not_named(secret_site: Path) -> None:
    page = (secret_site / "tiltag" / "fjendtlig-titel.html").read_text(encoding="utf-8")
    assert "Afhænger af" not in page


# -- dates, revisions, folders, templates ---------------------------------------------------


def test_as_of_shows_the_plan_as_it_stood(site: Path, tmp_path: Path) -> None:
    early = "2022-10-01"
    assert build(REPO, tmp_path / "early", "--as-of", early, "--no-documents") == 0
    initiatives, meetings = _public_plan(REPO, early)
    later, _ = _public_plan(REPO, AS_OF)
    assert initiatives < later  # initiatives joined the plan later
    assert _pages(tmp_path / "early", "tiltag") == initiatives
    assert _pages(tmp_path / "early", "moeder") == meetings
    # No report had been issued by then, so none is offered.
    assert not list((tmp_path / "early" / "rapporter").glob("2*.html"))
    front = (tmp_path / "early" / "index.html").read_text(encoding="utf-8")
    assert "Planen, som den stod og var kendt 1. oktober 2022" in front
    # The decision of 15 November 2022 was not known yet; it is later.
    loaded = load(REPO)
    assert loaded.dataset is not None
    decision = loaded.dataset.meetings["2022-11-15-kb"].items[0].decision
    assert decision
    meeting = "moeder/2022-11-15-kb.html"
    said = escape(" ".join(decision.split()[:8]), quote=False)
    assert said in (site / meeting).read_text(encoding="utf-8")
    early_meeting = (tmp_path / "early" / meeting).read_text(encoding="utf-8")
    assert said not in early_meeting
    assert "Afventer mødet" in early_meeting
    # A journal entry reported after that day is not on the early page, but on the later.
    first_day = parse_period(early).start
    entries = [
        (initiative.id, entry.text)
        for initiative in loaded.dataset.initiatives.values()
        if initiative.id in initiatives
        for entry in initiative.updates
        if entry.text and entry.date.end > first_day
    ]
    assert entries
    for initiative_id, text in entries:
        page = f"tiltag/{initiative_id}.html"
        shown = escape(" ".join(text.split()[:6]), quote=False)
        assert shown not in (tmp_path / "early" / page).read_text(encoding="utf-8")
    assert "Word" not in (tmp_path / "early" / "tidslinje.html").read_text(encoding="utf-8")
    assert not (tmp_path / "early" / "filer").exists()


def test_rev_builds_the_plan_as_committed(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "plan")
    shutil.copytree(REPO / "data", repo.path / "data")
    shutil.copy(REPO / "udvikling.yaml", repo.path / "udvikling.yaml")
    commit = repo.commit("Planen", "2024-10-01T12:00:00+02:00")
    path = repo.path / "data" / "initiatives" / "ny-styringsmodel.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Ny styringsmodel", "title: Ændret styringsmodel"), "utf-8")

    options = ("--as-of", AS_OF, "--no-documents")
    assert build(repo.path, tmp_path / "rev", *options, "--rev", "HEAD") == 0
    page = (tmp_path / "rev" / "tiltag" / "ny-styringsmodel.html").read_text(encoding="utf-8")
    assert "<h1>Ny styringsmodel på Socialområdet</h1>" in page
    assert f"fra revision HEAD ({commit[:7]})" in page

    assert build(repo.path, tmp_path / "work", *options) == 0
    page = (tmp_path / "work" / "tiltag" / "ny-styringsmodel.html").read_text(encoding="utf-8")
    assert "<h1>Ændret styringsmodel på Socialområdet</h1>" in page
    assert f"arbejdskopien ved commit {commit[:7]} (med ændringer" in page


def test_refuses_a_folder_that_is_not_a_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "vigtig.txt").write_text("behold mig", encoding="utf-8")
    assert build(REPO, folder, "--as-of", AS_OF) == 2
    assert "ikke et websted, udv har bygget" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["vigtig.txt"]
    afile = tmp_path / "fil.html"
    afile.write_text("x", encoding="utf-8")
    assert build(REPO, afile, "--as-of", AS_OF) == 2
    assert afile.read_text(encoding="utf-8") == "x"


def test_a_new_build_replaces_the_old_site_whole(tmp_path: Path) -> None:
    root = tmp_path / "plan"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "udvikling.yaml", root / "udvikling.yaml")
    target = tmp_path / "public"
    assert build(root, target, "--as-of", "2023-01-08", "--no-documents") == 0
    page = next((target / "tiltag").glob("[!i]*.html"))
    record = root / "data" / "initiatives" / f"{page.stem}.yaml"
    # The initiative is made confidential since: its old page must not linger.
    record.write_text(record.read_text("utf-8") + "confidential: true\n", "utf-8")
    assert build(root, target, "--as-of", "2023-01-08", "--no-documents") == 0
    assert not page.exists()
    assert (target / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan", "public"]  # no staging left


def test_a_data_repository_can_override_a_template(secret_plan: Path, tmp_path: Path) -> None:
    own = secret_plan / "templates" / "site"
    own.mkdir(parents=True)
    (own / "om.html.j2").write_text(
        '{% extends "site/base.html.j2" %}{% block indhold %}<h1>Vores egen side</h1>'
        "{% endblock %}",
        encoding="utf-8",
    )
    try:
        assert build(secret_plan, tmp_path / "out", "--as-of", "2023-01-08", "--no-documents") == 0
    finally:
        shutil.rmtree(secret_plan / "templates")
    about = (tmp_path / "out" / "om.html").read_text(encoding="utf-8")
    assert "<h1>Vores egen side</h1>" in about and '<html lang="da">' in about


def test_a_broken_template_is_a_danish_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "plan"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "udvikling.yaml", root / "udvikling.yaml")
    (root / "templates" / "site").mkdir(parents=True)
    (root / "templates" / "site" / "om.html.j2").write_text(
        '{% extends "site/base.html.j2" %}\n{% block indhold %}\n{{ findes_ikke.x }}\n'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    assert build(root, tmp_path / "out", "--as-of", "2023-01-08") == 1
    err = capsys.readouterr().err
    assert "udv: fejl: Skabelonen om.html.j2, linje 3 kunne ikke udfyldes" in err
    assert "ukendt variabel 'findes_ikke'" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_bad_as_of_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build(REPO, tmp_path / "out", "--as-of", "2024") == 2
    assert "--as-of skal være en dato" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_published_from_main_on_github_and_gitlab() -> None:
    """The GitHub Pages workflow and the GitLab Pages job build with ``udv site`` from main.
    (tests/test_integrations.py runs every ``udv`` line of the GitLab jobs, this one too.)"""
    import yaml

    workflow = yaml.safe_load((REPO / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads `on` as True
    assert triggers["push"] == {"branches": ["main"]}
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    steps = workflow["jobs"]["build"]["steps"]
    assert [s["run"] for s in steps if "run" in s] == ["pip install .", "udv site -o _site"]
    [upload] = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact")]
    assert upload["with"]["path"] == "_site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages")

    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    pages = gitlab["pages"]
    assert pages["stage"] in gitlab["stages"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert pages["script"] == ["pip install .", "udv site -o public"]
    assert pages["artifacts"]["paths"] == ["public"]  # GitLab Pages publishes public/
