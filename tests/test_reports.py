"""Issued documents as records (data/reports): the seeds rendered from the plan.

The autumn 2024 status note (seed 004) and the process plan of 8 January 2023 (seed 003)
are report records that hold only their own framing; what each initiative did comes from
its journal. Rendered, each carries its seed's facts in the seed's order, says nothing the
seed does not (apart from what the record explicitly adds: its title), and no text of an
initiative is copied into a report record. Goldens in tests/golden/render/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import SEEDS, golden
from udvikling.cli import run

REPO = Path(__file__).resolve().parents[1]
check_golden = golden("render")


def render(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = run([*args, "--root", str(REPO)])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def words(text: str) -> str:
    """Markdown or PDF text as plain words: escapes, emphasis and line breaks gone."""
    # A word broken over a PDF line ("Myn-\ndighed") is one word; a hyphen before a capital
    # or between compounds ("MED-\naftalen", "over- eller") stays.
    text = re.sub(r"(?<=[a-zæøå])-\s*\n\s*(?=[a-zæøå])", "", text)
    text = re.sub(r"-\s*\n\s*", "-", text)
    text = (
        text.replace("<br>", " ")
        .replace("\\", "")
        .replace("**", "")
        .replace("”", '"')
        .replace("“", '"')
    )
    return " ".join(text.split())


def seed(name: str) -> str:
    return words((SEEDS / name).read_text(encoding="utf-8"))


# The facts of seed 004, in its order (a reader's checklist of the note).
FACTS_004 = [
    "Nærværende notat giver status på arbejdet med udviklingsprocessen og de afledte "
    "udviklingstiltag",
    "analyse af handle- og omstillingsmuligheder",
    "godkendt af Kommunalbestyrelsen den 16. december 2023",
    "Velfærdsplanen, der er udarbejdet til budget 2025",
    "i de kommende 3-5 år",
    "(jf. Komponentanalysen)",
    "Housing First og nye magtanvendelsesregler",
    "Fælles langsigtet strategi – den fælles kurs",
    "godkendt i Kommunalbestyrelsen den 16. januar 2024",
    "den fælles kurs for arbejdet på Socialområdet",
    "drøftelser i MED-system, OMU og LMU, på p-møder",
    "fælles afsæt for den videre udvikling af Socialområdet",
    "Fokus på at få fundamentet på plads",
    'pejlemærke 2 "Fundamentet på plads"',
    "sund arbejdskultur, effektive arbejdsgange, de rette faglige kompetencer",
    "Følgende er udvalgt som strategiske fokusområder i det kommende år",
    "Kompetenceudvikling i pædagogiske tilgange og metoder, bl.a. i forhold til borgere "
    "med autisme",
    "Styrket fokus på forhandling og viden om forhandling af takster",
    "Rekruttering og fastholdelse",
    "høje følelsesmæssige krav i arbejdet",
    "Psykologisk tryghed i forandringsprocesser som generelt fokusområde",
    "implementering af ny styringsmodel på Socialområdet",
    "Implementering af nyt økonomisystem til overblik over økonomi i myndighed",
    "Arbejdstidsplanlægning",
    "Arbejde med ledelse og ledelsesudvikling",
    "hverken over- eller underkompenseres",
    "øget tilstedeværelse på sociale medier",
    "betyder ikke, at der ikke samtidig arbejdes med strategiens øvrige pejlemærker",
    "implementering af bostøtte-café og gruppebostøtte samt etablering af flere "
    "§ 107-pladser (pejlemærke 3 og 4)",
    "involvering og aktivering af borgerne (pejlemærke 1)",
    '"mest muligt i eget liv" (Pejlemærke 1 og 3)',
    "Faglighed og kompetenceudvikling",
    "fremtidssikre tilbuddene",
    "Som eksempler på igangværende eller planlagte kompetenceudviklingstiltag kan fremhæves",
    "samlet udviklingsplan i forhold til arbejdet med borgere med autisme",
    "i 4. kvartal 2024",
    "samarbejde med VIA",
    "fondsfinansiering",
    "KRAP til alle medarbejdere i Område Grenaa med opstart i efteråret 2024",
    "Kompetenceudvikling til rådgivere i takstforhandling",
    "Kompetenceudvikling i dokumentation og mål-arbejde",
    "fast undervisning to gange om året i magtanvendelsesregler",
    "øge andelen af faguddannede medarbejdere",
    "fordelingen pr. september 2024, som er vedlagt som bilag",
    "Arbejdskultur og arbejdsmiljø",
    "ETIKOS-forløb og psykologisk tryghed",
    "På Skovstjernen og i Område Ørsted, Auning og Allingåbro fortsætter samarbejdet med ETIKOS",
    "Forløbene fortsætter ind i 2025",
    "årlige arbejdsmiljødag i september",
    "trivselskonsulent var oplægsholder og facilitator",
    "Sygefravær",
    "forebygge og nedbringe sygefraværet",
    "ledergruppen og Område-MED",
    "arbejdsgruppen om sygefravær, som er nedsat i Hovedudvalget",
    "Økonomi og styring",
    "Ny styringsmodel på Socialområdet",
    "eftersyn af de økonomiske styringsprincipper på det specialiserede voksenområde",
    "budgetfordelingsmodel",
    "håndtere den konstaterede udgiftsudvikling",
    "sit møde den 20. august 2024",
    "til politisk godkendelse i 1. kvartal 2025",
    "Der pågår derfor et arbejde med dette",
    "Driftsnær, faglig og borgerorienteret ledelse",
    "stabile ledelser",
    "øget borgeroplevet kvalitet",
    "KKC (kurs, koordinering og commitment)",
    "faglig ledelse tæt på borgerne",
    "Administrativ understøttelse",
    "arbejdsgange mellem centrale og decentrale funktioner",
    "styrket, ensartet og borgernær dokumentationspraksis",
    "at optimere og forenkle arbejdet med dokumentation",
    "at dokumentationen bliver fælles, ensartet og genkendelig",
    "det, som er fagligt nødvendigt med en god kvalitet",
    "og at der dokumenteres sammen med borger",
    "4 delprojekter, som igangsættes forskudt af hinanden",
    "påbegyndt i august 2024",
    "Kommunikation og transparens",
    "I 4. kvartal 2024 igangsættes arbejde med kommunikationsstrategi",
    "video, kommunikationsnetværk og nyhedsbrev",
    "herunder også i et rekrutteringsøjemed",
    "Bilag 1: Sammenhæng mellem strategi og tidl. analyser på Socialområdet",
    "Bilag 2: Fordeling af medarbejdere i kommunens botilbud pr. sept. 2024",
    "Dolmer Have og bofællesskaberne i Glesborg",
    "2,78 (10,29 %)",
    "21,62 (40,42 %)",
    "29,70 (49,47 %)",
    "10,59 (39,19%)",
    "Øvrigt personale*",
    "Fuldtidspersoner i alt**",
    "27,03 (100%)",
    "60,05 (100%)",
    "* Omfatter hjemmevejleder",
    "** Ansættelsesbrøk omregnet til fuldtidsansatte",
    "*** procentandel angivet i parentes",
]

FACTS_003 = [
    "8. jan. 2023",
    "Udviklingsproces på Socialområdet: Tids- og procesplan",
    "de første implementeringstiltag i forlængelse af godkendelsen af Komponent undersøgelsen",
    "delingen af socialområdet i to dele",
    "en stor del af udviklingsressourcerne på socialområdet",
    "i første kvartal 2023 at påbegynde arbejdet med den strategiske ramme",
    "ikke igangsættes mere end der kan afsluttes og følges til dørs",
    "Der er tale om en flerårig proces",
    "handle- og omstillingsmuligheder på det specialiserede voksenområde",
    "løses i regi af BUCN",
    "Arbejdsgange i forhold til dokumentation – proces igangsættes forår 2023",
    "Fortsat fokus på helhedsorienteret indsats",
    "Den fremtidige tilrettelæggelse af STU",
    "Organisering",
    "Ansættelse af to fagchefer",
    "Rekruttering pågår frem til juni 2023",
    "Velfærdsdirektør",
    "inddragelse af OMU og ledergruppen på socialområdet samt udvikling og administration",
    "Ansættelse af én aftaleholder til Myndighed og Visitation Voksen",
    "Konstituering aftaleholder pr. 1. januar 2023",
    "Stillingsopslag",
    "Ansættelsessamtaler",
    "Tiltrædelse den 1. juni 2023",
    "Konstitueret socialchef",
    "Flytning af fysisk arbejdssted for medarbejdere ifm. opdeling af Socialområdet",
    "Sker i tæt dialog med berørte medarbejdere, HR og i overensstemmelse med MED-aftalen",
    "Styrkelse af afdelingsledelsen i fire aftaleområder (mere driftsnær, faglig og "
    "borgerorienteret ledelse)",
    "Udarbejdelse af stillingsopslag og opslag",
    "inddragelse af LMU i de nævnte aftaleområder",
    "Område Ørsted/ Auning/ Allingåbro, Område Grenaa, Socialpsykiatri samt Område Ørum",
    "Understøtte kultur og arbejdsmiljø",
    "med ekstern bistand til proces og supervision",
    "tæt dialog mellem ledelse og LMU og TRIO",
    "Forventet opstart af processer i område Grenaa og børnemyndighed forår 2023",
    "Decentralt",
    "De tre berørte aftaleområder",
    "Iværksættelse af handleplan i børnemyndighed",
    "den nye Barnets Lov",
    "Proces i 2023 og 2024",
    "implementeringsstøtte fra Socialstyrelsen",
    "Politisk inddragelse og status til fagudvalg",
    "Direktionen",
    "Den 29. marts og 27. sep. 2023",
    "Socialområdet i samarbejde med Kommunaldirektørens sekretariat",
    "Chefforum",
    "1 kvartal 2023. Primo 4. kvartal 2023",
    "Inddragelse af hhv. administrativ- og politiske styregruppe",
    "Primo uge 15. og uge 40 2023",
    "16. maj 2023 og 7. november 2023",
    "Børne- og Ungdomsudvalget og Voksen- og Plejeudvalget",
    "VPU 26. april og BUU 20. april 2023",
    "VPU 25. okt. og BUU 12. okt. 2023",
    "Fokus på øget tillid og kommunikation",
    "Temadag for KB medlemmer i februar 2023",
    "Borgmester og Kommunaldirektør",
    "Administrativ understøttelse og styring",
    "Administrativ understøttelse af decentrale ledere",
    "En fortløbende proces, som startes op i første halvår 2023",
    "Forankring: Administration og udvikling",
    "Opbygning af organisering omkring vagtplanlægning",
    "Økonomi og styring",
    "Eftersyn af de økonomiske styringsprincipper på det specialiserede voksenområde",
    "fortsat sikker og stabil drift",
    "1. halvår 2023 – sep. 2023",
    "Socialområdet centralt, økonomiafdelingen",
    "Etablering af ledelsestilsyn Børnemyndighed",
    "Ledelsestilsyn påbegyndes 2. halvår 2023",
    "Myndighed og Visitation",
    "tættere opfølgning og afslutning af sager",
    "Løbende fra 1. halvår 2023 og frem",
    "Myndighed børn i samarbejde med udfører",
    "Fælles langsigtet strategi på Socialområdet",
    "Udarbejde en strategi for hhv. Børne- og familieområdet og Socialområdet",
    "understøttelse af det tværgående samarbejde",
    "Opstart proces feb./marts 2023",
    "Centralt",
    "Administration/ stab udarbejder en tids- og procesplan",
    "Kommunikation og transparens",
    "branding af Socialområdet",
    "2. halvår 2023",
    "Administrationen/ stab vil udarbejde en kommunikationsstrategi",
]


def _in_order(text: str, facts: list[str]) -> list[str]:
    """The facts missing from ``text`` or out of their order."""
    missing, at = [], 0
    for fact in facts:
        found = text.find(words(fact), at)
        if found < 0:
            missing.append(fact)
        else:
            at = found
    return missing


def test_autumn_2024_note_carries_every_fact_of_seed_004_in_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = words(render(capsys, "render", "notat", "--report", "2024-efteraar-status"))
    assert _in_order(out, FACTS_004) == []


def test_plan_of_8_january_2023_carries_every_fact_of_seed_003_in_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = words(render(capsys, "render", "procesplan", "--report", "2023-01-08-procesplan"))
    assert _in_order(out, FACTS_003) == []


def test_the_checklists_are_the_seeds_own_words() -> None:
    """Guard the checklists themselves: every fact is in its seed (after normalising the
    PDF text: hyphens, quotes), so a fact list cannot drift from the sources."""
    for name, facts in (("004_cc89f899cc70304b.txt", FACTS_004),):
        text = seed(name)
        absent = [f for f in facts if words(f) not in text and "*" not in f]
        # Computed figures and our heading spellings may differ in spacing only.
        assert [f for f in absent if not re.search(r"\d,\d\d \(", f)] == [], absent


@pytest.mark.parametrize(
    ("args", "source"),
    [
        (["render", "notat", "--report", "2024-efteraar-status"], "004_cc89f899cc70304b.txt"),
        (
            ["render", "procesplan", "--report", "2023-01-08-procesplan"],
            "003_c6d4905e8b3bbcf6.txt",
        ),
    ],
)
def test_reports_say_nothing_their_seed_does_not(
    capsys: pytest.CaptureFixture[str], args: list[str], source: str
) -> None:
    """Every paragraph and table cell of the report is made of the seed's words (at least
    nine in ten of its longer words), from its first line: templates and journals add
    nothing (tests/test_issued_verbatim.py holds every sentence)."""
    out = render(capsys, *args)
    record = REPO / "data" / "reports" / f"{args[-1]}.yaml"
    added = words(" ".join(_strings(yaml.safe_load(record.read_text(encoding="utf-8")))))
    for table in (REPO / "data" / "indicators").glob("*.yaml"):  # their notes, stated apart
        added += " " + words(" ".join(yaml.safe_load(table.read_text("utf-8")).get("notes", [])))
    vocabulary = set(re.findall(r"[a-zæøå0-9]{4,}", seed(source).lower()))
    stems = {w[:7] for w in vocabulary}
    body = out  # an issued document has no title or date line of udv's
    pieces = [p for line in body.splitlines() for p in line.split("|") if p.strip()]
    for piece in pieces:
        if set(piece.strip()) <= set("-: "):
            continue
        found = re.findall(r"[a-zæøå0-9]{4,}", words(piece).lower())
        if len(found) < 3 or words(piece).strip("- ") in added:
            continue
        unknown = [w for w in found if w not in vocabulary and w[:7] not in stems]
        assert len(unknown) <= len(found) / 10, (piece, unknown)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_report_records_copy_no_initiative_text() -> None:
    """A report holds its own framing; what initiatives did reaches it from their journal."""
    texts = []
    for path in (REPO / "data" / "initiatives").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in data.get("updates", []):
            texts += [entry.get("text") or "", entry.get("description") or ""]
        texts.append(data.get("description") or "")
    sentences = {
        s.strip() for t in texts for s in re.split(r"(?<=[.:])\s", words(t)) if len(s.strip()) > 40
    }
    for path in (REPO / "data" / "reports").glob("*.yaml"):
        report = " ".join(words(s) for s in _strings(yaml.safe_load(path.read_text("utf-8"))))
        copied = [s for s in sentences if s in report]
        assert copied == [], (path.name, copied)


@pytest.mark.parametrize(
    ("args", "golden"),
    [
        (["render", "notat", "--report", "2024-efteraar-status"], "report-2024-efteraar-status.md"),
        (
            ["render", "procesplan", "--report", "2023-01-08-procesplan"],
            "report-2023-01-08-procesplan.md",
        ),
        (
            ["render", "sagsfremstilling", "--meeting", "2022-06-14-oek"],
            "sagsfremstilling-2022-06-14-oek.md",
        ),
    ],
)
def test_report_goldens(capsys: pytest.CaptureFixture[str], args: list[str], golden: str) -> None:
    check_golden(golden, render(capsys, *args))


def test_kommissorium_keeps_its_timeline_and_hovedspor_as_lists(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = render(capsys, "render", "sagsfremstilling", "--meeting", "2022-06-14-oek")
    assert "Sagsgang" in out and "ØK, KB" in out
    assert "Lovgrundlag" not in out  # the kommissorium has no such section
    assert "Beslutning i Økonomiudvalget den 14. juni 2022" in out and "Tiltrådt." in out
    assert "· sag 22/6043" in out


def test_list_reports(capsys: pytest.CaptureFixture[str]) -> None:
    out = render(capsys, "list", "reports")
    assert out.splitlines() == [
        "2023-01-08-procesplan: 8. januar 2023 (procesplan; "
        "Udviklingsproces på Socialområdet: Tids- og procesplan)",
        "2024-efteraar-status: efterår 2024 (notat; "
        "Udviklingsprocessen på Socialområdet – status efteråret 2024)",
        "2 rapporter.",
    ]


def test_report_lint_names_unknown_ids_and_initiatives_not_yet_in_the_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    root = tmp_path / "plan"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "udvikling.yaml", root / "udvikling.yaml")
    target = root / "data" / "reports" / "2023-01-08-procesplan.yaml"
    text = target.read_text(encoding="utf-8")
    text = text.replace("- ansaettelse-af-to-fagchefer\n", "- ansaettelse-af-to-fagchef\n", 1)
    text = text.replace(
        "- kommunikationsstrategi\n",
        "- kommunikationsstrategi\n              - ledelsessupervision\n",
        1,
    )
    target.write_text(text, encoding="utf-8")
    code = run(["lint", "--root", str(root), "-f", "json"])
    out = capsys.readouterr().out
    import json

    found = {(f["code"], f["line"]) for f in json.loads(out)["findings"]}
    codes = {c for c, _ in found}
    assert code == 1 and {"UDV211", "UDV408"} <= codes
    assert "Mente du 'ansaettelse-af-to-fagchefer'?" in out


def test_new_report_writes_a_record_that_lints_and_renders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    root = tmp_path / "plan"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "udvikling.yaml", root / "udvikling.yaml")
    args = ["new", "report", "--title", "Status forår 2025", "--date", "forår 2025"]
    assert run([*args, "--root", str(root)]) == 0
    capsys.readouterr()
    created = root / "data" / "reports" / "2025-foraar-notat.yaml"
    text = created.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/report.schema.json")
    assert "31. maj" not in text  # no date the period does not give
    assert run(["lint", "--root", str(root)]) == 0
    capsys.readouterr()
    assert run(["render", "notat", "--report", "2025-foraar-notat", "--root", str(root)]) == 0
    assert "# Status forår 2025" in capsys.readouterr().out


def test_diff_since_report_uses_the_newest_issued_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    from test_gitio import GitRepo

    repo = GitRepo(tmp_path / "plan")
    for name in ("udvikling.yaml", "data"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, repo.path / name)
        else:
            shutil.copy(source, repo.path / name)
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "Planen ved notatet", when="2024-11-15T10:00:00+01:00")
    target = repo.path / "data" / "initiatives" / "ledelsessupervision.yaml"
    target.write_text(
        target.read_text(encoding="utf-8").replace("status: i-gang", "status: afsluttet"),
        encoding="utf-8",
    )
    repo.git("commit", "-q", "-am", "Afsluttet", when="2025-02-01T10:00:00+01:00")
    code = run(["diff", "--since-report", "--as-of", "2025-03-01", "--root", str(repo.path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "statusnotatet »Udviklingsprocessen på Socialområdet – status efteråret 2024«" in out
    assert "ledelsessupervision" in out and "afsluttet" in out
