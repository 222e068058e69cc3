"""The issued text of the two documents udv reproduces (``udv render ... --report ID``),
taken by hand from the source documents in tests/seeds: the PDF's line-break hyphens
joined ("Myn-\\ndighed" is "Myndighed"), everything else as the document writes it,
typos included ("Norddjurs Kommuners", "1 kvartal", "Administration/ stab").

Text is a list of blocks in the document's order (a heading, a paragraph, a list item);
tables are a header row and rows of cells, a cell's lines joined by one space.
test_issued_verbatim.py holds the renders against them; ``test_texts_are_the_seeds``
holds them against the seeds, so they cannot drift from the sources.
"""

from __future__ import annotations

# -- 004: the status note of autumn 2024 -----------------------------------------------------

NOTAT_004: list[str] = [
    "Indledning",
    "Nærværende notat giver status på arbejdet med udviklingsprocessen og de afledte "
    "udviklingstiltag på Socialområdet. Indledningsvist bemærkes, at der som en del af "
    "udviklingsprocessen på Socialområdet er udarbejdet en analyse af handle- og "
    "omstillingsmuligheder samt en fælles langsigtet strategi for Socialområdet, som blev "
    "godkendt af Kommunalbestyrelsen den 16. december 2023. Hertil kommer forslagene i "
    "Velfærdsplanen, der er udarbejdet til budget 2025, og som også indeholder tiltag til "
    "udvikling af området. Tilsammen udgør disse den strategiske retning for arbejdet på "
    "Socialområdet i de kommende 3-5 år.",
    "Det er et fortsat fokusområde, at nye udviklingstiltag iværksættes i et tempo, så "
    "organisationen kan følge med og med respekt for, at der også løbende kommer nye "
    "lovgivningstiltag og politiske beslutninger, som skal implementeres (jf. "
    "Komponentanalysen). Aktuelle eksempler på ny lovgivning er Housing First og nye "
    "magtanvendelsesregler.",
    "Fælles langsigtet strategi – den fælles kurs",
    "Den fælles langsigtede strategi på Socialområdet blev godkendt i Kommunalbestyrelsen den "
    "16. januar 2024. Strategien udgør den fælles kurs for arbejdet på Socialområdet i de "
    "kommende 3-5 år.",
    "Arbejdet med at omsætte strategien i konkrete handlinger og tiltag er godt i gang. "
    "Strategien får liv lokalt i drøftelser i MED-system, OMU og LMU, på p-møder og i den "
    "faktiske omsætning af konkrete tiltag. Der er fokus på, at strategien er kendt i alle "
    "dele af organisationen samt at skabe et fælles afsæt for den videre udvikling af "
    "Socialområdet.",
    "Fokus på at få fundamentet på plads",
    "I arbejdet med at realisere strategiens målsætninger vil der i det kommende år være et "
    "stort fokus på arbejdet med pejlemærke 2 ”Fundamentet på plads”. Det skyldes, at en "
    "velfungerende organisation med en sund arbejdskultur, effektive arbejdsgange, de rette "
    "faglige kompetencer og nærværende, faglig ledelse er en forudsætning for at lykkes med "
    "strategiens øvrige målsætninger.",
    "Følgende er udvalgt som strategiske fokusområder i det kommende år:",
    "Faglighed og kompetenceudvikling",
    "Kompetenceudvikling i pædagogiske tilgange og metoder, bl.a. i forhold til borgere med "
    "autisme",
    "Styrket fokus på forhandling og viden om forhandling af takster",
    "Rekruttering og fastholdelse",
    "Arbejdskultur og arbejdsmiljø",
    "Fortsat understøttelse af arbejdskultur og arbejdsmiljø i afdelinger, som har oplevet "
    "perioder med ustabilitet og høje følelsesmæssige krav i arbejdet",
    "Psykologisk tryghed i forandringsprocesser som generelt fokusområde på Socialområdet",
    "Økonomi og styring",
    "implementering af ny styringsmodel på Socialområdet",
    "Implementering af nyt økonomisystem til overblik over økonomi i myndighed",
    "Arbejdstidsplanlægning",
    "Driftsnær og borgerorienteret faglig ledelse",
    "Arbejde med ledelse og ledelsesudvikling for at understøtte til den borgeroplevede "
    "kvalitet og medarbejdernes arbejdsmiljø",
    "Administrativ understøttelse",
    "Udvikling af fælles dokumentationspraksis og tydeligere faglige mål for at understøtte "
    "fokus på borgernes udvikling samt sikre, at borgerne hverken over- eller "
    "underkompenseres",
    "Kommunikation og transparens",
    "Udvikling af kommunikationsstrategi på Socialområdet med bl.a. øget tilstedeværelse på "
    "sociale medier.",
    "Det særlige fokus på det faglige og organisatoriske fundament betyder ikke, at der ikke "
    "samtidig arbejdes med strategiens øvrige pejlemærker. For eksempel prioriteres arbejdet "
    "med politisk besluttede forslag fra velfærdsplanen og råderumsarbejdet, herunder "
    "omlægning af bostøtteområdet med bl.a. implementering af bostøtte-café og gruppebostøtte "
    "samt etablering af flere § 107-pladser (pejlemærke 3 og 4).",
    "Der er også på tværs af Socialområdet et skærpet fokus på involvering og aktivering af "
    "borgerne (pejlemærke 1).",
    "Der vil i praksis være tæt sammenhæng og overlap mellem strategiens pejlemærker, "
    "målsætninger og konkrete udviklingstiltag. For eksempel vil kompetenceudvikling til "
    "medarbejdere i arbejdet med tydeligere faglige mål (Pejlemærke 2) samtidig bidrage til "
    "målsætningen om at sætte ”borgeren først” og understøtte, at borgeren er ”mest muligt i "
    "eget liv” (Pejlemærke 1 og 3).",
    "Faglighed og kompetenceudvikling",
    "Styrket faglighed og kompetenceudvikling er et vigtigt strategisk fokusområde for "
    "Socialområdet i arbejdet med at skabe øget kvalitet for borgerne og fremtidssikre "
    "tilbuddene.",
    "Som eksempler på igangværende eller planlagte kompetenceudviklingstiltag kan fremhæves:",
    "Fra efteråret 2024 og frem iværksættes en samlet udviklingsplan i forhold til arbejdet "
    "med borgere med autisme, som bl.a. har fokus på kompetenceudvikling. Som indledning på "
    "processen afholdes fælles kompetenceudvikling for nøglemedarbejdere på tværs af "
    "organisationen i 4. kvartal 2024. Der er etableret et samarbejde med VIA omkring "
    "udvikling af et kompetenceudviklingsforløb i autisme, som følges forskningsmæssigt. "
    "Iværksættelse af projektet vil afhænge af, om det lykkes at få fondsfinansiering",
    "Kompetenceudviklingsforløb i KRAP til alle medarbejdere i Område Grenaa med opstart i "
    "efteråret 2024",
    "Kompetenceudvikling til rådgivere i takstforhandling",
    "Kompetenceudvikling i dokumentation og mål-arbejde",
    "Etablering af fast undervisning to gange om året i magtanvendelsesregler med fokus på "
    "praksis for nye medarbejdere og som brush-up.",
    "Det er aftalt at følge udviklingen i personalesammensætningen i Socialområdets botilbud "
    "ud fra et politisk ønske om at øge andelen af faguddannede medarbejdere. Der er "
    "udarbejdet en oversigt over fordelingen pr. september 2024, som er vedlagt som bilag.",
    "Arbejdskultur og arbejdsmiljø",
    "ETIKOS-forløb og psykologisk tryghed",
    "På Skovstjernen og i Område Ørsted, Auning og Allingåbro fortsætter samarbejdet med "
    "ETIKOS om at understøtte arbejdskulturen og arbejdsmiljøet efter perioder med "
    "ustabilitet. Forløbene fortsætter ind i 2025.",
    "På tværs af Socialområdet er der fokus på psykologisk tryghed i forandringsprocesser. "
    "Blandt andet var psykologisk tryghed temaet for Socialområdets årlige arbejdsmiljødag i "
    "september, hvor Norddjurs Kommunes trivselskonsulent var oplægsholder og facilitator.",
    "Sygefravær",
    "Som i resten af Norddjurs Kommune, er det også et vigtigt fokusområde på Socialområdet "
    "at forebygge og nedbringe sygefraværet.",
    "Punktet drøftes løbende i ledergruppen og Område-MED, hvor der er fokus på læring af "
    "iværksatte sygefraværsindsatser samt at få en ensartet praksis i forhold til håndtering "
    "af sygefravær.",
    "Socialområdet ser frem til anbefalingerne fra arbejdsgruppen om sygefravær, som er "
    "nedsat i Hovedudvalget og har til opgave at give anbefalinger, der er funderet på "
    "flerstrengede og helhedsorienterede indsatser til nedbringelse af det arbejdsrelaterede "
    "sygefravær.",
    "Økonomi og styring",
    "Ny styringsmodel på Socialområdet",
    "Et af de politisk besluttede tiltag i forlængelse af udviklingsproces på Socialområdet "
    "er, at der skal ske eftersyn af de økonomiske styringsprincipper på det specialiserede "
    "voksenområde. Det skyldes, at den nuværende budgetfordelingsmodel ikke i tilstrækkelig "
    "grad tager højde for udviklinger i områdernes aktiviteter og målgrupper. Samtidig er "
    "der behov for en ny styringstilgang, der kan give Norddjurs Kommune håndtagene til at "
    "håndtere den konstaterede udgiftsudvikling på området.",
    "Kommunalbestyrelsen godkendte på sit møde den 20. august 2024, at der arbejdes videre "
    "med at udarbejde en ny budgetmodel på Socialområdet i henhold til anbefalingerne fra "
    "styringsanalysen, og at en ny budget- og økonomistyringsmodel forelægges til politisk "
    "godkendelse i 1. kvartal 2025. Der pågår derfor et arbejde med dette.",
    "Driftsnær, faglig og borgerorienteret ledelse",
    "Socialområdet har fokus på at skabe stabile ledelser og understøtte, at der er tid til "
    "faglig ledelse tæt på praksis. Målsætningen er en ensartet og samstemt faglig tilgang i "
    "arbejdet med borgerne og dermed øget borgeroplevet kvalitet.",
    "I 2024 og 2025 planlægges et fælles ledelsesforløb, som bl.a. skal lede til formulering "
    "af et fælles ledelsesgrundlag med afsæt i KKC (kurs, koordinering og commitment). "
    "Derudover er der fokus på understøttelse af faglig ledelse tæt på borgerne.",
    "Administrativ understøttelse",
    "Socialområdet har til stadighed fokus på at afklare og fastlægge arbejdsgange mellem "
    "centrale og decentrale funktioner. Der er igangsat et fælles udviklingsprojekt om "
    "styrket, ensartet og borgernær dokumentationspraksis. Formålet med projektet er:",
    "at optimere og forenkle arbejdet med dokumentation,",
    "at dokumentationen bliver fælles, ensartet og genkendelig,",
    "at der kun dokumenteres det, som er fagligt nødvendigt med en god kvalitet",
    "og at der dokumenteres sammen med borger.",
    "Projektet består af 4 delprojekter, som igangsættes forskudt af hinanden. Første "
    "delprojekt om mål er påbegyndt i august 2024.",
    "Kommunikation og transparens",
    "I 4. kvartal 2024 igangsættes arbejde med kommunikationsstrategi på Socialområdet. I "
    "processen afklares, hvordan der fremadrettet arbejdes med kommunikation internt og "
    "eksternt på Socialområdet ved brug af bl.a. sociale medier, video, "
    "kommunikationsnetværk og nyhedsbrev.",
    "Formålet med kommunikationsindsatsen er bl.a. at skabe øget transparens om de mange "
    "gode ting, der foregår på Socialområdet, herunder også i et rekrutteringsøjemed.",
    "Bilag 1: Sammenhæng mellem strategi og tidl. analyser på Socialområdet",
    "Bilag 2: Fordeling af medarbejdere i kommunens botilbud pr. sept. 2024.",
    # Bilag 2's table (BILAG_2 below) stands here, then its footnotes.
    "* Omfatter hjemmevejleder, pædagogstuderende, værkstedsassistenter, psykolog, "
    "psykomotorisk terapeut, ergoterapeut, rengøringsassistenter, husassistenter og "
    "kostfaglig leder/eneansvarlig",
    "** Ansættelsesbrøk omregnet til fuldtidsansatte",
    "*** procentandel angivet i parentes",
]

BILAG_2_HEADER: list[str] = [
    "",
    "Socialpsykiatri Dolmer Have og bofællesskaberne i Glesborg",
    "Område Ørum Åparken, Kornvænget, Nøddebo og Nyvang",
    "Område Grenå Skovstjernen og Ålunden",
    "Område Ørsted, Auning og Allingåbro Banesvinget, Stadionparken/Broagervej og Kærvang/Skovvang",
]

BILAG_2: list[list[str]] = [
    [
        "Omsorgs- og pædagogmedhjælper",
        "2,78 (10,29 %)",
        "21,62 (40,42 %)",
        "13,30 (26,20 %)",
        "12,07 (20,1 %)",
    ],
    ["Socialpædagog", "9,89 (36,60 %)", "12,97 (24,25 %)", "20,95 (41,27 %)", "29,70 (49,47 %)"],
    ["Pædagogisk assistent", "-", "0,81 (1,51 %)", "3,81 (7,51 %)", "1,00 (1,67 %)"],
    [
        "Social- og sundhedshjælper",
        "0,17 (0,63 %)",
        "2,65 (4,95 %)",
        "2,62 (5,16 %)",
        "2,81 (4,68 %)",
    ],
    [
        "Social- og sundhedsassistent",
        "10,59 (39,19%)",
        "6,49 (12,13 %)",
        "5,00 (9,85 %)",
        "5,32 (8,86 %)",
    ],
    ["Sygehjælper", "-", "-", "-", "1,00 (1,67 %)"],
    ["Sygeplejerske", "0,16 (0,59 %)", "2,73 (5,10 %)", "-", "3,86 (6,43 %)"],
    ["Øvrigt personale*", "3,43 (12,69 %)", "6,22 (11,53 %)", "5,08 (10,01 %)", "4,28 (7,13 %)"],
    ["Fuldtidspersoner i alt**", "27,03 (100%)", "53,49 (100%)", "50,76 (100%)", "60,05 (100%)"],
]

# -- 003: the time and process plan of 8 January 2023 ----------------------------------------

PROCESPLAN_003: list[str] = [
    "8. jan. 2023",
    "Udviklingsproces på Socialområdet: Tids- og procesplan",
    "Nedenfor er en skematisk oversigt over de første implementeringstiltag i forlængelse af "
    "godkendelsen af Komponent undersøgelsen.",
    "Der er i nedenstående oversigt fokus på implementeringen af de organisatoriske tiltag i "
    "forbindelse med delingen af socialområdet i to dele samtidig med at en række tiltag "
    "iværksættes med opstart i første halvår 2023. Dette vil tage en stor del af "
    "udviklingsressourcerne på socialområdet.",
    "Der er fokus på i første kvartal 2023 at påbegynde arbejdet med den strategiske ramme "
    "for udviklingen af såvel en strategi for børne og familieområdet som for det "
    "specialiserede voksenområde, da denne strategiske rammesætning vurderes nødvendig for "
    "at retningsfastsætte den udviklingsproces, som igangsættes.",
    "Planen er desuden udarbejdet ud fra det hensyn, som også komponent fremhæver, at der "
    "skal tages højde for allerede igangsatte tiltag og at der ikke igangsættes mere end der "
    "kan afsluttes og følges til dørs. Der er tale om en flerårig proces.",
    "Sideløbende med udviklingsprocessen tiltag iværksættes samtidigt og sideløbende med "
    "andre godkendte analyseforløb på Socialområdet:",
    "Norddjurs Kommuners handle- og omstillingsmuligheder på det specialiserede voksenområde",
    "Plan for nedbringelse af antallet af anbringelser og afdækning af potentiale i, at flere "
    "anbringelser i højere grad kan løses i regi af BUCN.",
    "Arbejdsgange i forhold til dokumentation – proces igangsættes forår 2023",
    "Fortsat fokus på helhedsorienteret indsats",
    "Den fremtidige tilrettelæggelse af STU i lyset af ny lovgivning og ændringer i "
    "elevsammensætningen",
    # The plan's table (PLAN_003 below) follows.
]

PLAN_003_HEADER: list[str] = [
    "Udviklingsspor",
    "Tiltag",
    "Iværksættelse af tiltag",
    "Centralt eller decentralt niveau",
]

# The track stands in the first row of its rows (a merged cell in the plan).
PLAN_003: list[list[str]] = [
    [
        "Organisering",
        "Ansættelse af to fagchefer",
        "Rekruttering pågår frem til juni 2023",
        "Velfærdsdirektør Ansættelsesforløb sker som med inddragelse af OMU og ledergruppen på "
        "socialområdet samt udvikling og administration.",
    ],
    [
        "",
        "Ansættelse af én aftaleholder til Myndighed og Visitation Voksen",
        "Dec.: Konstituering aftaleholder pr. 1. januar 2023. Jan - marts: Stillingsopslag "
        "April: Ansættelsessamtaler Tiltrædelse den 1. juni 2023",
        "Konstitueret socialchef Ansættelsesforløb sker som med inddragelse af LMU.",
    ],
    [
        "",
        "Flytning af fysisk arbejdssted for medarbejdere ifm. opdeling af Socialområdet",
        "Sker i tæt dialog med berørte medarbejdere, HR og i overensstemmelse med MED-aftalen.",
        "Konstitueret socialchef",
    ],
    [
        "",
        "Styrkelse af afdelingsledelsen i fire aftaleområder (mere driftsnær, faglig og "
        "borgerorienteret ledelse)",
        "Dec. – feb.: Udarbejdelse af stillingsopslag og opslag Dec. – april: Samtaler. "
        "Feb. - juni: Tiltrædelse. Ansættelsesforløb sker med inddragelse af LMU i de nævnte "
        "aftaleområder.",
        "Aftaleholder Område Ørsted/ Auning/ Allingåbro, Område Grenaa, Socialpsykiatri samt "
        "Område Ørum.",
    ],
    [
        "Understøtte kultur og arbejdsmiljø",
        "Forbedre arbejdskultur og arbejdsmiljøet for Område Ørsted/Auning/Allingåbro, Område "
        "Grenaa (Skovstjernen) og Myndighed- og visitationsafdelingen (børnedel) med ekstern "
        "bistand til proces og supervision.",
        "Der udarbejdes en plan i samarbejde med den lokale ledelse og den konstituerede "
        "socialchef, og der sker tæt inddragelse af LMU. Herunder organisering af indsatsen, "
        "som sikrer tæt dialog mellem ledelse og LMU og TRIO. Forventet opstart af processer i "
        "område Grenaa og børnemyndighed forår 2023. Område Ørsted, Auning, Allingåbro "
        "fortsætter den allerede igangsatte proces. Proces i 2023 og 2024.",
        "Decentralt De tre berørte aftaleområder.",
    ],
    [
        "",
        "Iværksættelse af handleplan i børnemyndighed med fokus på struktur, opfølgning og "
        "tættere inddragelse af barnet, familien og øvrige samarbejdspartnere i sagsforløbene "
        "Dette også i henhold til krav og forventninger i den nye Barnets Lov.",
        "Proces i 2023 og 2024",
        "Decentralt Myndigheds- og visitationsafdelingen, evt. med implementeringsstøtte fra "
        "Socialstyrelsen",
    ],
    [
        "Politisk inddragelse og status til fagudvalg",
        "Direktionen",
        "Den 29. marts og 27. sep. 2023.",
        "Socialområdet i samarbejde med Kommunaldirektørens sekretariat",
    ],
    [
        "",
        "Chefforum",
        "1 kvartal 2023. Primo 4. kvartal 2023.",
        "Socialområdet i samarbejde med Kommunaldirektørens sekretariat",
    ],
    [
        "",
        "Inddragelse af hhv. administrativ- og politiske styregruppe",
        "To gange om året i 2023 og 2024 Administrativ styregruppe: Primo uge 15. og uge 40 "
        "2023 Politisk styregruppe: 16. maj 2023 og 7. november 2023",
        "Socialområdet",
    ],
    [
        "",
        "Børne- og Ungdomsudvalget og Voksen- og Plejeudvalget",
        "To gange om året i 2023 og 2024 VPU 26. april og BUU 20. april 2023 VPU 25. okt. og "
        "BUU 12. okt. 2023",
        "Socialområdet",
    ],
    [
        "",
        "Fokus på øget tillid og kommunikation",
        "Temadag for KB medlemmer i februar 2023",
        "Borgmester og Kommunaldirektør",
    ],
    [
        "Administrativ understøttelse og styring",
        "Administrativ understøttelse af decentrale ledere via fokus på arbejdsgange mellem "
        "centrale og decentrale funktioner.",
        "En fortløbende proces, som startes op i første halvår 2023",
        "Administrativ styregruppe; Centrale understøttende funktioner, centralt "
        "socialområdet, udfører Forankring: Administration og udvikling",
    ],
    ["", "Opbygning af organisering omkring vagtplanlægning", "1. halvår 2023", ""],
    [
        "Økonomi og styring",
        "Eftersyn af de økonomiske styringsprincipper på det specialiserede voksenområde "
        "Tilpasningen skal gennemføres under hensyntagen til en fortsat sikker og stabil "
        "drift, hvorfor en omstilling kan strække sig over en længere periode.",
        "1. halvår 2023 – sep. 2023.",
        "Socialområdet centralt, økonomiafdelingen",
    ],
    [
        "",
        "Etablering af ledelsestilsyn Børnemyndighed",
        "Projektforløb med socialstyrelsen med opstart forår 2023. Etablering af strukturer "
        "for ledelsestilsyn 2 kvartal 2023. Ledelsestilsyn påbegyndes 2. halvår 2023.",
        "Myndighed og Visitation",
    ],
    [
        "",
        "Øvrige arbejde med tættere opfølgning og afslutning af sager.",
        "Løbende fra 1. halvår 2023 og frem. Der er fokus på at tage en indsats ad gangen og "
        "få etableret arbejdsgange og procedurer herfor i samarbejde med relevante dele af "
        "udfører området.",
        "Myndighed voksen i samarbejde med udfører Myndighed børn i samarbejde med udfører",
    ],
    [
        "Fælles langsigtet strategi på Socialområdet",
        "Udarbejde en strategi for hhv. Børne- og familieområdet og Socialområdet. "
        "Tydeliggøre fremtidige processer og tiltag doseres og prioriteres, så området får "
        "tid til involvering i MED-systemet og til at følge igangsatte processer til dørs. "
        "Strategien skal yderligere indeholde en fælles faglig tilgang og systematik ift. "
        "arbejdet med borgere i centrum, ligesom den eksplicit skal sikre understøttelse af "
        "det tværgående samarbejde",
        "Opstart proces feb./marts 2023",
        "Centralt Administration/ stab udarbejder en tids- og procesplan for en fælles "
        "langsigtet strategi for hvert af de to chefområder.",
    ],
    [
        "Kommunikation og transparens",
        "Udarbejde en fælles kommunikationstilgang med brug af sociale medier til deling af "
        "nyheder, hverdagshistorier og arrangementer samt branding af Socialområdet",
        "2. halvår 2023",
        "Administrationen/ stab vil udarbejde en kommunikationsstrategi",
    ],
]
