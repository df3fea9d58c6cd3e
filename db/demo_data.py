"""The Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden, entered as published.

Source: shared/seeds/uitvoeringsplan-2022-haaglanden.txt (vastgesteld BOJ
11-11-2021). Figures are kept exactly as printed, also where the plan
disagrees with itself (e.g. Samen leren: 2 dagdelen in the text, 3 in the
staffing table); Planbord shows such differences instead of repairing them.

Amounts are strings so no float ever enters; "PM", "id." and "doorlopend" are
markers, written as the plan prints them ("id" without a dot); None is an empty cell.
"""
from __future__ import annotations

REGION = "Regio Haaglanden"

# Inhabitants: INDICATIVE example figures (rounded, about 1-1-2021), to be
# replaced by the user with the figures the region agreed on.
MUNICIPALITIES = [
    ("Delft", 103_700),
    ("Den Haag", 548_300),
    ("Lansingerland", 63_300),
    ("Leidschendam-Voorburg", 76_800),
    ("Midden-Delfland", 19_500),
    ("Pijnacker-Nootdorp", 56_000),
    ("Rijswijk", 55_300),
    ("Wassenaar", 27_000),
    ("Westland", 112_500),
    ("Zoetermeer", 125_300),
]
KEY_NAME = "Verdeelsleutel naar gemeentegrootte"
KEY_BASIS_LABEL = "Inwoners (indicatieve voorbeeldcijfers, vervangen door de afgesproken cijfers)"

# H8: the plan names H8 lines "without Den Haag"; Lansingerland falls outside
# the MEE Delft/Zoetermeer area and the Den Haag court district as well.
SETS = [
    ("H10", "H10 (alle gemeenten)", None),
    ("H8", "H8 (zonder Den Haag en Lansingerland)", {"Den Haag", "Lansingerland"}),
]

PLAN = {
    "year": 2022,
    "title": "Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden",
    "adopted_on": "2021-11-11",
    "adopted_by": "BOJ",
    "first_year": 2021,
    "last_year": 2023,
    # 2021 is last year's budget, printed for comparison: not funded, split or flagged.
    "comparison_columns": 1,
    "total_label": "Totaal Uitvoeringsprogramma 2022",
}

# Chapter 4 says its running projects need 5 dagdelen per week; the staffing table of
# chapter 5 holds none for them (its 22 dagdelen go elsewhere): kept, and listed as a problem.
CHAPTER_STATED_HALF_DAYS = {"4": "5"}

SPONSOR_ADMIN = "Bestuurlijk Overleg Jeugd (BOJ)"
SPONSOR_OFFICIAL = "Directeurenoverleg Jeugdhulp Haaglanden (DO)"
OFFICE = "Programmabureau"

# (number, title, text, children or projects)
# A project: dict with number, title, description, goals, optional contractor,
# stated_half_days (named in the chapter text) and staffing_label (the name in
# the staffing table of chapter 5).
CHAPTERS = [
    ("1", "Inleiding", "Uitvoeringsplan bij de Regiovisie Jeugdzorg 2021-2026 Haaglanden.", []),
    ("2", "Context", "Bestuurlijke ontwikkelingen, Hervormingsagenda, wet- en regelgeving, "
     "Toekomstscenario kind- en gezinsbescherming.", []),
    ("3", "Prioritaire activiteiten in 2022",
     "Prioriteit voor kinderen en gezinnen in kwetsbare omstandigheden.", [
        ("3.1", "Kinderen en gezinnen in de meest kwetsbare omstandigheden", "", [
            {"number": "3.1.1", "title": "Aanpak wachtlijsten",
             "description": "Zicht en regie op alle schadelijk wachtenden en een toegankelijk "
             "informatieplatform over het jeugdhulpaanbod. De tijdelijke financiering van het project "
             "Zorglogistiek wordt in 2022 verlengd en uitgebreid i.v.m. de verbrede doorbraakaanpak. "
             "Personele inzet: tijdelijke externe projectleider, accountteam van gemeenten en "
             "Servicebureau, extra 0,5 fte contractmanagement, aangevuld vanuit ad-hoc ondersteuning "
             "(hoofdstuk 4).",
             "goals": ["Zicht op alle langwachtenden (> 3 maanden)",
                       "Een werkende verbrede doorbraakaanpak",
                       "Een vastgesteld plan van aanpak voor digitale toepassingen en start "
                       "realisering nog in 2022."]},
            {"number": "3.1.2", "title": "Gecertificeerde instellingen",
             "description": "Afstemming tussen de vier betrokken regio's over de verbeterplannen GI's "
             "en de doorbraakaanpak; verbinding volwassenen-GGZ in de jeugdbescherming. Getrokken "
             "door de gemeente Den Haag (accountteam GI's) met het Servicebureau.",
             "contractor": "Gemeente Den Haag (accountteam GI's)",
             "goals": ["Gestructureerde afstemming tussen de vier betrokken regio's en op basis van "
                       "monitoring de effecten beoordelen van de verbeterplannen GI's.",
                       "Continuering en versterking van expertise volwassen-GGZ bij de beoordeling "
                       "naar en uitvoering van jeugdbeschermingsmaatregelen en crisisinterventie, "
                       "met effectievere toeleiding tot gevolg."]},
            {"number": "3.1.3", "title": "Intensiveren Beter Samenspel",
             "description": "Doorstart van Beter Samenspel afhankelijk van lokale mogelijkheden, in "
             "verbinding met het programma Aanpak huiselijk geweld; tijdelijk getrokken door extern "
             "projectmanagement, aangevuld vanuit het Programmabureau.",
             "stated_half_days": "4", "staffing_label": "Beter Samenspel",
             "goals": ["In de meeste H10 gemeenten is de implementatie van Beter Samenspel gestart, "
                       "waarbij ook het aspect kosteneffectieve inzet van jeugdhulp wordt "
                       "meegenomen."]},
            {"number": "3.1.4", "title": "Vernieuwing JeugdzorgPlus",
             "description": "Uitvoering van het bovenregionale Ambitiedocument en de werkagenda "
             "doorontwikkeling JeugdzorgPlus. Het aandeel van Haaglanden in de kosten is 35%.",
             "goals": ["De huidige inkoopovereenkomsten worden nog met 1 jaar verlengd, tot 2023.",
                       "In 2022 worden de nieuwe overeenkomsten voorbereid en wordt in werkgroepen "
                       "gewerkt aan de doorontwikkeling van JeugdzorgPlus (afbouw klassieke bedden/ "
                       "opbouw alternatieven).",
                       "Er wordt een overzicht opgeleverd (inclusief analyse en advies met route) "
                       "m.b.t. de ombuiging van JZ+; doel is het aantal spoedplaatsingen te halveren "
                       "van 70% in 2022 naar max 35 %.",
                       "Opstart van Kleinschalige behandelgroep (KIB) ter vervanging van residentiële "
                       "capaciteit van Schakenbosch; eind 2022 minimaal 4 jeugdigen ingestroomd.",
                       "In 2022 moet Haaglanden de JeugdzorgPlus opnieuw inkopen voor 2023 en "
                       "verder; hiervoor wordt een projectteam ingesteld."]},
            {"number": "3.1.5", "title": "Kleinschalige woonvoorzieningen",
             "description": "Noodzaak en uitvoerbaarheid van kleinschalige woonvoorzieningen voor "
             "kinderen met ASS-LVB en kinderen met trauma en zeer ernstige hechtingsstoornissen.",
             "goals": ["Helderheid over noodzaak, uitvoerbaarheid en schaal van nieuwe kleinschalige "
                       "voorziening (naast JeugdzorgPlus), eventuele financiering via BREN en "
                       "vaststelling van een kosteneffectief tarief."]},
        ]),
        ("3.2", "Lerend ontwikkelen", "", [
            {"number": "3.2.1", "title": "Ontwikkeling jeugdhulpmonitor",
             "description": "Een set indicatoren als vaste basis voor een jaarlijkse rapportage over "
             "de stand en ontwikkelingen van de jeugdhulp in de H10, met de methodiek 'tellen en "
             "vertellen'.",
             "stated_half_days": "3", "staffing_label": "Jeugdhulpmonitor",
             "goals": ["Medio Q2 een eerste proeve van de jeugdhulpmonitor op basis van data 2021.",
                       "Formulering van een mogelijke uitbreiding van de dataset met inhoudelijke "
                       "informatie van aanbieders, in samenwerking met het Kennisnetwerk Jeugdhulp "
                       "Haaglanden."]},
            {"number": "3.2.2", "title": "Reikwijdte Jeugdwet, normaliseren",
             "description": "Verkenning van regionale mogelijkheden om de reikwijdte van de "
             "jeugdhulp te begrenzen; een gemeentelijke werkgroep onder leiding van het "
             "programmabureau met juridische ondersteuning.",
             "stated_half_days": "2", "staffing_label": "Reikwijdte, normaliseren",
             "goals": ["Bestaande kennis uit theorie en dagelijkse praktijk uitwisselen en "
                       "toepassen (Leernetwerk Normaliseren).",
                       "Quick wins realiseren door eventuele aanpassingen van de gemeentelijke "
                       "verordeningen die binnen de huidige Jeugdwet al mogelijk zijn.",
                       "'Normaliseren' als terugkerend thema aan de Ontwikkeltafel met gemeenten en "
                       "jeugdhulpaanbieders."]},
            {"number": "3.2.3", "title": "Samen leren",
             "description": "Leren en verbeteren met de Regionale Kenniswerkplaats SAMEN en het "
             "Kennisnetwerk Jeugdhulp Haaglanden; cliëntervaringsonderzoek en de regionale "
             "oudersraad.",
             "stated_half_days": "2", "staffing_label": "Samen leren",
             "goals": ["Aansluiten bij de Kennisagenda van de werkplaatsen SAMEN en Kennisnetwerk "
                       "Jeugd Haaglanden.",
                       "Met de Werkplaats SAMEN onderzoeken hoe een leerinfrastructuur voor beleid "
                       "en management kan worden ontwikkeld.",
                       "Uitvoeren van Professionals-ervaringsonderzoek en in gebruik nemen van het "
                       "professionals platform.",
                       "Regionaal uitvoeren van een kwantitatief cliëntervaringsonderzoek.",
                       "Met de oudersraad een plan maken voor prioritering van de activiteiten."]},
        ]),
        ("3.3", "Maatregelen uit en t.b.v. de inkoopovereenkomsten",
         "Uitwerkingen via de Ontwikkeltafel (de plan geeft deze onderwerpen geen eigen nummer).", [
            {"number": "3.3.1", "title": "Big 5",
             "description": "De Big 5 effectueren als actie onder 'zo thuis mogelijk opgroeien', "
             "door inbedding in de inkoopcontracten of het handboek.",
             "goals": ["In 2022 een van de herzieningsmomenten benutten om (onderdelen van) de Big 5 "
                       "opgenomen te krijgen."]},
            {"number": "3.3.2", "title": "Kostenbeheersing: richtinggevend kader en bestedingsruimte",
             "description": "Gerichte en passende inzet van jeugdhulp qua duur en intensiteit in een "
             "kosteneffectieve context, met het richtinggevend kader (RGK) en de bestedingsruimte. "
             "Coördinatie door het Programmabureau en het Servicebureau.",
             "contractor": "Programmabureau en Servicebureau",
             "stated_half_days": "4", "staffing_label": "Beleidsinzet inkoop",
             "goals": ["Gemeenschappelijke en breed gedragen doelstellingen voor het op casusniveau "
                       "werken aan kostenbewustzijn met behulp van een zorginhoudelijk RGK.",
                       "Verbreding van het toepassingsgebied van het RGK naar Gecertificeerde "
                       "instellingen en praktijkondersteuners huisarts.",
                       "Scholing en training van de professionals over het werken met het RGK.",
                       "Afronding van de evaluatie van de werkwijzen binnen gemeenten.",
                       "Doorontwikkeling van de informatievoorziening RGK.",
                       "Evaluatie van de werkwijze en resultaten van de leertafel toegang.",
                       "Concepttekst voor de opname van het RGK in de gemeentelijke verordeningen "
                       "en beleidsregels.",
                       "Bestedingsruimte fase 2: bredere uitvraag naar plannen van aanpak per mei "
                       "2022.",
                       "Een doorontwikkeld Afwegingskader.",
                       "Continue monitoring en bijsturing op grond van ervaringen in de praktijk."]},
        ]),
    ]),
    ("4", "Lopende projecten en ad-hoc ondersteuning",
     "Going concern. De tekst noemt een inzet van 5 dagdelen per week van het programmabureau "
     "voor deze onderwerpen; de formatietabel (hoofdstuk 5) noemt ze niet apart.", [
        ("4.1", "Raakvlakken met andere wetten en regelingen", "", [
            {"number": "4.1.1", "title": "Wet langdurige zorg",
             "description": "Regiobreed invoeren van de afspraken over jeugdigen die in aanmerking "
             "komen voor een Wlz-indicatie.",
             "goals": ["Vaste afspraken tussen gemeenten en zorgkantoor/CIZ",
                       "Organiseren van casuïstiekoverleg m.b.t. grensvlakken",
                       "Verbinding tussen het Expertisecentrum Complexe Zorg en het zorgkantoor."]},
            {"number": "4.1.2", "title": "Onderwijs-Jeugdzorg",
             "description": "Een gemeentelijke werkgroep onderwijs werkt aan de uitwerking van een "
             "agenda; het programmabureau sluit op afroep aan.",
             "goals": ["Uitwerking van een agenda voor de samenwerking onderwijs en jeugdzorg."]},
            {"number": "4.1.3", "title": "Bovenregionale Expertise Netwerken (BREN)",
             "description": "Samenwerking met de vier andere regio's in Zuid-Holland in het "
             "organiseren van hoogspecialistische zorg.",
             "goals": ["Voorzieningen voor de doelgroep die behoefte heeft aan kleinschaligheid in "
                       "de behandeling en hulp in gezinsvormen",
                       "Aanpak van wachtlijstproblematiek, met aandacht voor een juiste doorgeleiding "
                       "naar specialistische GGZ",
                       "Crisishulp voor de forensische doelgroep",
                       "Hoogspecialistische zeer weinig voorkomende jeugdhulp"]},
        ]),
        {"number": "4.2", "title": "Jeugdhulp in gezinsvormen",
         "description": "Voortzetting als Leernetwerkstructuur ten behoeve van duurzame pleegzorg; "
         "een klein budget voor de pleegzorgorganisaties.",
         "goals": ["Verkenningen naar concrete diensten of samenwerkingsafspraken over gedeeld "
                   "opvoederschap, werving en binding van pleegouders, Pleegzorg+, "
                   "pleegoudervoogdij, het voorkomen van breakdown en nazorg pleegouders."]},
        {"number": "4.3", "title": "Jeugdhulpexpertise bij de huisarts",
         "description": "Praktische coördinatie vanuit het Programmabureau om de jeugdhulpexpertise "
         "bij huisartsen in 2022 verder ingevoerd te krijgen.",
         "goals": ["Monitoring van inzet en effect van jeugdhulpexpertise bij de huisarts",
                   "Leerelement bij gemeenten vergroten en delen",
                   "Contractonderhandelingen; gezamenlijk optrekken als gemeenten",
                   "Kwartaalgesprekken met de contractmanagers."]},
        {"number": "4.4", "title": "Scheiding en complexe relaties",
         "description": "Kenniscentrum Kind en Scheiding (KSS) en het gemeentelijk Netwerk complexe "
         "scheidingen, getrokken door de gemeenten Den Haag en Rijswijk.",
         "contractor": "Gemeenten Den Haag en Rijswijk",
         "goals": ["Benutten van de bestaande infrastructuur voor activiteiten rond complexe "
                   "scheidingen en het vergroten van het lerend vermogen binnen het Arrondissement "
                   "Den Haag."]},
    ]),
    ("5", "Procesmatige ondersteuning",
     "Coördinatie en afstemming door het Programmabureau. Formatie: totaal 22 dagdelen per week "
     "programma- en projectmanagement.", [
        {"number": "", "title": "Doorlopend algemeen", "general": True,
         "staffing_label": "Doorlopend algemeen",
         "description": "Programmamanagement, advisering van bestuurlijk overleg en "
         "directeurenoverleg, landelijke vertegenwoordiging, afstemming met bedrijfsvoering en "
         "Servicebureau.", "goals": []},
        {"number": "", "title": "Coördinatie, werkoverleg", "general": True,
         "staffing_label": "Coördinatie, werkoverleg",
         "description": "Secretariaat en verslaglegging van regio-overleg, voorzitten van het "
         "Programmateam Jeugd en het overleg lokale teams.", "goals": []},
    ]),
    ("6", "Begroting", "Kaderstellende begroting voor 2022; verrekening via een vaste "
     "verdeelsleutel naar gemeentegrootte.", []),
]

# Formatie programmabureau: (role, fte, of which for execution)
CAPACITY = [
    ("Programma-management", "1.00", "0.40"),
    ("Programma- en projectmanagement", "1.80", "1.80"),
    ("Secretariële ondersteuning", "1.00", "0.00"),
]

# The staffing table "Programmabureau" in chapter 5: dagdelen per week.
STAFFING = [
    ("Beter Samenspel", "4"),
    ("Reikwijdte, normaliseren", "2"),
    ("Jeugdhulpmonitor", "3"),
    ("Samen leren", "3"),
    ("Beleidsinzet inkoop", "4"),
    ("Doorlopend algemeen", "4"),
    ("Coördinatie, werkoverleg", "2"),
]

# As published, the doubled "met" included.
FOOTNOTE_22 = "In 2020 en 2021 met jaarlijks met € 50.000 aangevuld vanuit Transformatiefonds"
# The footnote numbers the plan gave its notes (footnote 22 prints as 22).
NOTE_NUMBERS = {FOOTNOTE_22: 22}

# Budget tree. A group: ("group", number, name, shows_subtotal, project number, children).
# A line: ("line", name, {year: value}, project number, note per year).
BUDGET = [
    ("group", "1", "Regionale netwerksamenwerking", True, None, [
        ("line", "Programmamanager Jeugd (40% uitvoering)",
         {2021: "77500", 2022: "127500", 2023: "doorlopend"}, None, {2021: FOOTNOTE_22}),
        ("line", "Beleidscapaciteit, project-/opgavemanagement",
         {2021: "315000", 2022: "211500", 2023: "id"}, None, {}),
        ("line", "Secretariële ondersteuning", {2021: "70000", 2022: "70000", 2023: "id"}, None, {}),
        ("line", "Representatie, onvoorzien", {2021: "93000", 2022: "35000", 2023: "id"}, None, {}),
        ("line", "Jaarlijkse regioconferentie, bijeenkomst Tellen en Vertellen",
         {2022: "100000"}, None, {}),
    ]),
    ("group", "2", "Prioritaire activiteiten", False, None, [
        ("group", "", "Kwetsbare gezinnen", False, None, [
            ("group", "", "Aanpak Wachtlijsten", True, "3.1.1", [
                ("line", "projectleiding", {2021: "50000", 2022: "100000"}, "3.1.1", {}),
                ("line", "ontwikkelen digitale instrumenten", {2022: "50000"}, "3.1.1", {}),
            ]),
            ("group", "", "Beter Samenspel", True, "3.1.3", [
                ("line", "externe projectleiding (toegevoegd aan programmateam)",
                 {2021: "110000", 2022: "100000", 2023: "doorlopend"}, "3.1.3", {}),
                ("line", "projectkosten (monitoring etc.)",
                 {2021: "18000", 2022: "25000", 2023: "doorlopend"}, "3.1.3", {}),
            ]),
            ("line", "Bijdrage Zuid-Holland programma JeugdzorgPlus",
             {2021: "25000", 2022: "21000"}, "3.1.4", {}),
        ]),
        ("group", "", "Lerend ontwikkelen", False, None, [
            ("group", "", "Ontwikkelen jeugdhulpmonitor", False, "3.2.1", [
                ("line", "onderzoek, rapportages", {2022: "85000", 2023: "doorlopend"}, "3.2.1", {}),
            ]),
            ("group", "", "Reikwijdte, normaliseren", False, "3.2.2", [
                ("line", "regionaal referentiekader o.b.v. landelijk (Juridisch)",
                 {2022: "25000", 2023: "id"}, "3.2.2", {}),
            ]),
            ("group", "", "Samen leren", True, "3.2.3", [
                ("line", "inzet expertise werkplaats SAMEN t.b.v. regio",
                 {2022: "25000", 2023: "doorlopend"}, "3.2.3", {}),
                ("line", "cofinanciering Kenniswerkplaats SAMEN",
                 {2022: "55000", 2023: "doorlopend"}, "3.2.3", {}),
                ("line", "cliëntervaringsonderzoek en ondersteuning oudersraad",
                 {2022: "50000", 2023: "doorlopend"}, "3.2.3", {}),
                ("line", "onderzoeksbudget", {2022: "100000", 2023: "doorlopend"}, "3.2.3", {}),
            ]),
        ]),
    ]),
    ("group", "3", "Lopende projecten en ad-hoc ondersteuning", True, None, [
        ("group", "", "Jeugdhulpexpertise bij de huisarts", False, "4.3", [
            ("line", "trainingen en bijeenkomsten", {2021: "165000", 2022: "25000"}, "4.3", {}),
        ]),
        ("group", "", "Jeugdhulp in gezinsvormen", False, "4.2", [
            ("line", "trainingen en bijeenkomsten", {2021: "0", 2022: "25000"}, "4.2", {}),
        ]),
        ("group", "", "Doorontwikkelen richtinggevend kader, bestedingsruimte", False, "3.3.2", [
            ("line", "(externe) projectleiding en beleidsmatige inzet", {2021: "139000"}, "3.3.2", {}),
            ("line", "ontwikkelen ondersteunende materialen", {2022: "25000"}, "3.3.2", {}),
            ("line", "ontwikkelen ondersteunende materialen en trainingen", {2022: "25000"}, "3.3.2", {}),
        ]),
    ]),
]

# The subtotals and the grand total as the plan prints them (the 100.000 printed beneath
# "Doorontwikkelen richtinggevend kader" is the subtotal of group 3); Planbord checks them.
PRINTED_SUBTOTALS = {
    "Regionale netwerksamenwerking": {2022: "544000"},
    "Aanpak Wachtlijsten": {2022: "150000"},
    "Beter Samenspel": {2022: "125000"},
    "Samen leren": {2022: "230000"},
    "Lopende projecten en ad-hoc ondersteuning": {2022: "100000"},
}
PRINTED_TOTAL = {2022: "1280000"}

# Dekking, per year: (name, amounts, paid by the municipalities through the key?)
FUNDING = [
    ("reguliere regiobegroting", {2022: "1037500"}, True),
    ("onderbesteding Transformatiefonds 2021", {2022: "200000"}, False),
    ("Incidenteel aan te vullen uit overige onderbesteding 2021", {2022: "42500"}, False),
]

# Overige vaste regioverrekeningen vanuit lokale middelen: (name, set code, amounts, note)
FIXED_SETTLEMENTS = [
    ("GIZ licenties", "H10", {2021: "15000", 2022: "15000"}, ""),
    ("Jong doet mee", "H10", {2021: "40000", 2022: "40000"}, ""),
    ("Coördinatie H8 Integrale Vroeghulp Platform (MEE regio Delft/Zoetermeer)", "H8",
     {2021: "72600", 2022: "72600"}, "Den Haag heeft andere infrastructuur"),
    ("Villa Pinedo H10 (o.a. buddy's voor kinderen/jongeren)", "H10",
     {2021: "48400", 2022: "48400"}, ""),
    ("Kenniscentrum Kind en scheiding H8", "H8", {2021: "140795", 2022: "140795"},
     "Den Haag betaalt zelf een gelijk deel"),
]


# The ambitions of the Regiovisie Jeugdzorg Haaglanden 2021-2026 (section 1.2 of the plan).
AMBITIONS = [
    "Versterken van het gewone opvoeden en opgroeien",
    "Kinderen en jongeren groeien zo thuis mogelijk op",
    "Kinderen en jongeren krijgen tijdig de best passende hulp",
    "Jeugdhulp en onderwijs werken effectief samen",
    "Kinderen en jongeren groeien op in een duurzaam veilige situatie",
]

# Which ambitions (by their index above) each project serves. The plan names them for
# chapter 3 as a whole ("zo thuis mogelijk opgroeien, tijdig passende hulp, duurzaam
# veilig"); per project this is the programme office's reading of the project texts.
PROJECT_AMBITIONS = {
    "3.1.1": [2], "3.1.2": [4], "3.1.3": [2, 4], "3.1.4": [1, 4], "3.1.5": [1],
    "3.2.1": [2], "3.2.2": [0], "3.2.3": [0, 2], "3.3.1": [1], "3.3.2": [2],
    "4.1.1": [2], "4.1.2": [3], "4.1.3": [2], "4.2": [1], "4.3": [0, 2], "4.4": [0, 4],
}
