"""The texts ``udv init`` writes into a new data repository (all Danish, as users read them).

Each function returns one file's text. Values a user typed (the organisation's name) are
written as YAML scalars that read back as exactly what was typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from udvikling.sheets.yamltext import scalar_lines

CONFIG_SCHEMA = "# yaml-language-server: $schema=schema/udvikling.schema.json"


@dataclass(frozen=True, slots=True)
class PlanSettings:
    """What a new plan is called and where CI gets udv from."""

    organisation: str
    process: str
    department: str | None = None
    case_no: str | None = None
    udv_pip: str = "udvikling"
    process_definite: str | None = None


def _field(key: str, value: str) -> str:
    return "\n".join(scalar_lines(key, value, 0))


def config_text(settings: PlanSettings) -> str:
    """``udvikling.yaml``: the plan's name, empty declarations and commented examples."""
    head = [
        CONFIG_SCHEMA,
        "#",
        "# Planens opsætning. Alt, hvad tiltag og møder henviser til (udviklingsspor, organer,",
        "# ansvarlige og enheder), erklæres her med et id, før det bruges. Id'et (til venstre)",
        "# skrives med små bogstaver, tal og bindestreger; navnet er det, læseren ser.",
        "# Se README.md for, hvordan I tilføjer et tiltag, kører en statusrunde og laver et notat.",
        "",
        _field("organisation", settings.organisation),
        _field("process", settings.process),
        '# Procesens navn i bestemt form, som det står midt i en sætning i notaterne ("status',
        '# på arbejdet med udviklingsplanen for Ældreområdet"); uden det: navnet med lille',
        "# forbogstav.",
    ]
    head.append(
        _field("process_definite", settings.process_definite)
        if settings.process_definite
        else "# process_definite: udviklingsplanen for området"
    )
    head.append(
        _field("department", settings.department)
        if settings.department
        else "# department: Socialområdet"
    )
    head.append(_field("case_no", settings.case_no) if settings.case_no else '# case_no: "25/1234"')
    return "\n".join(head) + "\n" + _DECLARATIONS


# Every block of "#   " lines after "# Eksempel:" is valid YAML for the key below it once the
# "# " is taken away (tests/test_init.py checks it).
_DECLARATIONS = """
# Udviklingsspor i den rækkefølge, de skal stå i rapporterne. Et spor kan komme til fra en
# dato (since) og skifte navn fra en dato (changes); det gamle navn står i name.
# Eksempel:
#   organisering:
#     name: Organisering
#   arbejdsmiljoe:
#     name: Kultur og arbejdsmiljø
#     since: 2025-03-01
#     changes:
#       - date: 2026-01-01
#         name: Arbejdsmiljø og trivsel
#         source: Styregruppemøde 12. december 2025
tracks: {}

# Organer: udvalg, styregrupper, MED-udvalg og andre, der holder møder.
# Eksempel:
#   kb: {name: Kommunalbestyrelsen, short: KB}
#   fagudvalg: {name: Social- og Sundhedsudvalget, short: SSU}
#   styregruppe: {name: Styregruppen}
bodies: {}

# Ansvarlige er roller, ikke personer (en rolle består, når en person skifter job).
# Eksempel:
#   direktoer: Direktør
#   afdelingsleder: Afdelingslederne
#   stab:
#     name: Administration og stab
#     since: 2025-06-01
owners: {}

# Organisatoriske enheder (valgfrit), fx aftaleområder eller afdelinger.
# Eksempel:
#   omraade-nord:
#     name: Område Nord
#     note: Botilbuddene Engen og Skoven
units: {}

# Strategiens pejlemærker (valgfrit); navnet kan udelades, hvis det ikke kendes.
# Eksempel:
#   pejlemaerke-1: Borgeren først
#   pejlemaerke-2:
#     name: Fundamentet på plads
beacons: {}

# Afrapporteringsforpligtelser (valgfrit): udv lint og udv overdue melder, når en status
# til et organ mangler i en periode. every er kvartal, halvår eller år.
# Eksempel:
#   status-to-gange-om-aaret:
#     title: Status på implementeringen to gange om året
#     bodies: [fagudvalg]
#     every: halvår
#     period: 2025 – 2026
#     source: Kommunalbestyrelsen 10. december 2024
obligations: {}
"""


def readme_text(settings: PlanSettings) -> str:
    """The plan keeper's README: the daily work, in Danish."""
    return f"""# {settings.process}

{settings.organisation}. Planen holdes som YAML-filer i git og tjekkes, vises og laves til
dokumenter med `udv`. Denne fil er til den, der holder planen.

## Mapperne

| hvad | hvor |
| --- | --- |
| planens opsætning: spor, organer, ansvarlige, forpligtelser | `udvikling.yaml` |
| ét tiltag pr. fil | `data/initiatives/` |
| ét møde pr. fil | `data/meetings/` |
| rapporter (notater, tids- og procesplaner) med egen tekst | `data/reports/` |
| taltabeller | `data/indicators/` |
| skemaerne, som editoren bruger til hjælp og tjek | `schema/` |
| dokumenter og websted, udv laver (kommer ikke i git) | `ud/` |

Første linje i hver datafil peger på skemaet; åbn mappen i fx VS Code med udvidelsen
"YAML" (Red Hat), så får I forklaring og fuldførelse på hvert felt. Når udv er opdateret,
skriver `udv schema` skemaerne igen.

## Tjek planen

    udv lint

Hver fejl står med fil, linje, kode og et tip. Kør det før hver commit (pre-commit gør
det af sig selv, se nederst).

## Tilføj et tiltag

    udv new initiative --title "Ny introduktion af medarbejdere" --track organisering \\
        --owner afdelingsleder --start "1. halvår 2026" --due "4. kvartal 2026"

Sporet og den ansvarlige skal være erklæret i `udvikling.yaml` først. Perioder skrives,
som man siger dem: `1. halvår 2026`, `primo uge 15 2026`, `efterår 2026`, `2026-Q3`; prøv
med `udv period "primo uge 15 2026"`. Har I planen i Word eller Excel i forvejen, så læs
den ind i stedet:

    udv import tids-og-procesplan.docx --date 2026-01-08 --dry-run
    udv import tids-og-procesplan.docx --date 2026-01-08

## Et møde

    udv new meeting --date 2026-04-22 --body fagudvalg --title "Status på planen" --kind status

## Status: hvor står vi?

    udv status            # kvartalet pr. spor
    udv overdue           # det, der er for sent
    udv show <tiltag>     # ét tiltag med historik

Når der sker noget, skrives det i tiltagets journal (`updates:`) med dato, fx

    updates:
      - date: 2026-03-15
        status: i-gang
        text: Første hold er startet.

## En statusrunde

1. `udv sheet export -o ud/statusrunde-2026-05` laver et regneark pr. ansvarlig.
2. Send arkene ud; de ansvarlige skriver status og tekst i deres ark.
3. `udv sheet import ud/statusrunde-2026-05/*.xlsx` læser svarene ind i journalen
   (med `--dry-run` ser I først, hvad der skrives).
4. `udv lint`, og commit.

## Et notat

    udv new report --kind notat --title "Status på {settings.process}" --date "forår 2026"
    udv render notat --report <rapportens id> -o ud/notat.docx

Den nye rapport i `data/reports/` har notatets afsnit; skriv indledningen og jeres egen
tekst der. `udv render procesplan -o ud/procesplan.docx` laver tids- og procesplanen, og
`udv site -o ud/site` bygger planen som websted.

## git og CI

Commit hver ændring med en kort besked om, hvad og hvorfor: git er planens historik
(`udv history <tiltag>`, `udv diff`). `.pre-commit-config.yaml` kører `udv lint` før
hver commit, når I har kørt `pre-commit install` én gang. `.github/workflows/` og
`.gitlab-ci.yml` tjekker planen og viser ændringerne på hver pull/merge request og kan
bygge webstedet; slet det, I ikke bruger. CI installerer udv som `{settings.udv_pip}`;
ret det i filerne, hvis I henter udv et andet sted fra.
"""


GITIGNORE = """\
# Det, udv laver (dokumenter, websted, statusark), kommer ikke i git: det kan laves igen.
/ud/
/_site/
/public/
udv-diff.md
gl-code-quality.json
# Låsefiler fra Word, Excel og LibreOffice
~$*
.~lock.*#
"""
