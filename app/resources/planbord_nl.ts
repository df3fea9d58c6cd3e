<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Version</source>
        <translation>Versie</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>(no file open)</source>
        <translation>(geen bestand open)</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Gegevensmap</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Logboek</translation>
    </message>
    <message>
        <source>(not written)</source>
        <translation>(niet geschreven)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Systeem</translation>
    </message>
    <message>
        <source>About Planbord</source>
        <translation>Over Planbord</translation>
    </message>
    <message>
        <source>The implementation plan of a youth-care region: projects, staffing, budget, funding and the contribution of each municipality, in one file.</source>
        <translation>Het uitvoeringsplan van een jeugdhulpregio: projecten, formatie, begroting, dekking en de bijdrage van elke gemeente, in één bestand.</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopiëren</translation>
    </message>
    <message>
        <source>Copy these details as text, for an e-mail to support</source>
        <translation>Kopieer deze gegevens als tekst, voor een e-mail aan de ondersteuning</translation>
    </message>
    <message>
        <source>Copied: paste it into your e-mail to support.</source>
        <translation>Gekopieerd: plak het in uw e-mail aan de ondersteuning.</translation>
    </message>
</context>
<context>
    <name>ActionsModel</name>
    <message>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Eigenaar</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Uiterlijk</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Remark</source>
        <translation>Opmerking</translation>
    </message>
    <message>
        <source>Last update</source>
        <translation>Laatst bijgewerkt</translation>
    </message>
    <message>
        <source>(type a new action here)</source>
        <translation>(typ hier een nieuwe actie)</translation>
    </message>
    <message>
        <source>Overdue: the due date has passed and the action is not achieved.</source>
        <translation>Over tijd: de einddatum is verstreken en de actie is niet behaald.</translation>
    </message>
    <message>
        <source>An action needs a description; delete the action to remove it.</source>
        <translation>Een actie heeft een omschrijving nodig; verwijder de actie om haar weg te halen.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a status; type behaald, in behandeling, niet behaald or onbekend.</source>
        <translation>&apos;{text}&apos; is geen status; typ behaald, in behandeling, niet behaald of onbekend.</translation>
    </message>
    <message>
        <source>The date of the last update is kept by Planbord.</source>
        <translation>De datum van de laatste wijziging houdt Planbord zelf bij.</translation>
    </message>
    <message>
        <source>This plan is adopted and read-only; make an amendment to change it.</source>
        <translation>Dit plan is vastgesteld en alleen-lezen; maak een wijziging om het aan te passen.</translation>
    </message>
    <message>
        <source>Row {row}: {message}</source>
        <translation>Rij {row}: {message}</translation>
    </message>
    <message>
        <source>Change the actions and add new ones one after the other, not in one paste.</source>
        <translation>Wijzig de acties en voeg nieuwe toe na elkaar, niet in één keer plakken.</translation>
    </message>
    <message>
        <source>Type the description of the new action first.</source>
        <translation>Typ eerst de omschrijving van de nieuwe actie.</translation>
    </message>
    <message>
        <source>Change status</source>
        <translation>Status wijzigen</translation>
    </message>
    <message>
        <source>Change action</source>
        <translation>Actie wijzigen</translation>
    </message>
</context>
<context>
    <name>ActualsImport</name>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Bedrag</translation>
    </message>
    <message>
        <source>Line / source</source>
        <translation>Post / bron</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Jaar</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Omschrijving</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Kenmerk</translation>
    </message>
    <message>
        <source>This file is open read-only; no booking can be imported.</source>
        <translation>Dit bestand is alleen-lezen geopend; er kunnen geen boekingen worden ingelezen.</translation>
    </message>
    <message>
        <source>Import actuals from {name}</source>
        <translation>Realisatie importeren uit {name}</translation>
    </message>
    <message>
        <source>Imported: {count} bookings from “{name}”.</source>
        <translation>Geïmporteerd: {count} boekingen uit “{name}”.</translation>
    </message>
</context>
<context>
    <name>ActualsImportDialog</name>
    <message>
        <source>Import actuals — {sheet}</source>
        <translation>Realisatie importeren — {sheet}</translation>
    </message>
    <message>
        <source>No header with Date, Amount and Line was found. Choose the columns (the first row is taken as the header); the choice is remembered for the next file.</source>
        <translation>Er is geen kopregel met Datum, Bedrag en Post gevonden. Kies de kolommen (de eerste rij geldt als kopregel); de keuze wordt onthouden voor het volgende bestand.</translation>
    </message>
    <message>
        <source>(not in the file)</source>
        <translation>(niet in het bestand)</translation>
    </message>
    <message>
        <source>What will be imported</source>
        <translation>Wat wordt ingelezen</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Rij</translation>
    </message>
    <message>
        <source>The first rows, as they will be booked:</source>
        <translation>De eerste rijen, zoals ze geboekt worden:</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importeren</translation>
    </message>
    <message>
        <source>Nothing can be imported from this file as it is; nothing is written.</source>
        <translation>Uit dit bestand kan zo niets worden ingelezen; er is niets geschreven.</translation>
    </message>
    <message>
        <source>{year} {what}: {total} (1 booking)</source>
        <translation>{year} {what}: {total} (1 boeking)</translation>
    </message>
    <message>
        <source>{year} {what}: {total} ({count} bookings)</source>
        <translation>{year} {what}: {total} ({count} boekingen)</translation>
    </message>
    <message>
        <source>committed</source>
        <translation>verplichting</translation>
    </message>
    <message>
        <source>received</source>
        <translation>ontvangst</translation>
    </message>
    <message>
        <source>costs spent</source>
        <translation>uitgaven</translation>
    </message>
    <message>
        <source>commitments</source>
        <translation>verplichtingen</translation>
    </message>
    <message>
        <source>income received</source>
        <translation>ontvangsten</translation>
    </message>
    <message>
        <source>{count} bookings; nothing is written until Import, and then as one step you can undo.</source>
        <translation>{count} boekingen; er wordt niets geschreven tot u op Importeren klikt, en dan als één stap die u ongedaan kunt maken.</translation>
    </message>
    <message>
        <source>realised</source>
        <translation>realisatie</translation>
    </message>
</context>
<context>
    <name>ActualsPage</name>
    <message>
        <source>Actuals and depletion — {plan}</source>
        <translation>Realisatie en uitputting — {plan}</translation>
    </message>
    <message>
        <source>Bookings</source>
        <translation>Boekingen</translation>
    </message>
    <message>
        <source>Per booking its date, year, line or source, kind, amount, description and reference; type in the last row to add one, Delete removes the selected bookings</source>
        <translation>Per boeking de datum, het jaar, de post of bron, de soort, het bedrag, de omschrijving en het kenmerk; typ in de laatste rij om er een toe te voegen, Delete verwijdert de gekozen boekingen</translation>
    </message>
    <message>
        <source>Per group and line of the chosen year: budget, spent, committed, remaining, percentage and forecast; read-only</source>
        <translation>Per groep en post in het gekozen jaar: begroting, uitgegeven, verplicht, resterend, percentage en prognose; alleen-lezen</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importeren…</translation>
    </message>
    <message>
        <source>Import bookings from a CSV or Excel export of the financial administration</source>
        <translation>Boekingen inlezen uit een CSV- of Excel-export van de financiële administratie</translation>
    </message>
    <message>
        <source>&amp;Delete bookings</source>
        <translation>Boekingen &amp;verwijderen</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>&amp;Jaar:</translation>
    </message>
    <message>
        <source>&amp;Reference date:</source>
        <translation>&amp;Peildatum:</translation>
    </message>
    <message>
        <source>The date the percentages, flags and forecast are computed on; today by default</source>
        <translation>De datum waarop de percentages, aandachtspunten en prognose worden berekend; standaard vandaag</translation>
    </message>
    <message>
        <source>Points of attention</source>
        <translation>Aandachtspunten</translation>
    </message>
    <message>
        <source>Lines over budget, nearly spent early in the year, or spent on without a budget; Enter shows the line</source>
        <translation>Posten boven de begroting, vroeg in het jaar bijna op, of uitgegeven zonder begroting; Enter toont de post</translation>
    </message>
    <message>
        <source>Depletion</source>
        <translation>Uitputting</translation>
    </message>
    <message>
        <source>Type forecast</source>
        <translation>Prognose typen</translation>
    </message>
    <message>
        <source>No points of attention: no line over budget or nearly spent early.</source>
        <translation>Geen aandachtspunten: geen post boven de begroting of vroeg bijna op.</translation>
    </message>
</context>
<context>
    <name>AllocationMatrixModel</name>
    <message>
        <source>Project</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totaal</translation>
    </message>
    <message>
        <source>Fte</source>
        <translation>Fte</translation>
    </message>
    <message>
        <source>role</source>
        <translation>rol</translation>
    </message>
    <message>
        <source>person</source>
        <translation>medewerker</translation>
    </message>
    <message>
        <source>the office as a whole</source>
        <translation>het programmabureau als geheel</translation>
    </message>
    <message>
        <source>Total in fte (1 fte = {factor} half-days)</source>
        <translation>Totaal in fte (1 fte = {factor} dagdelen)</translation>
    </message>
    <message>
        <source>{half_days} half-days = {fte} fte</source>
        <translation>{half_days} dagdelen = {fte} fte</translation>
    </message>
    <message>
        <source>Total in fte</source>
        <translation>Totaal in fte</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Beschikbaar</translation>
    </message>
    <message>
        <source>{allocated} of {capacity}</source>
        <translation>{allocated} van {capacity}</translation>
    </message>
    <message>
        <source>This plan is read-only; make an amendment to change it.</source>
        <translation>Dit plan is alleen-lezen; maak een wijziging om het aan te passen.</translation>
    </message>
    <message>
        <source>Cell {cell} is computed; nothing was changed.</source>
        <translation>Cel {cell} wordt berekend; er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>{cell}: {problem}</source>
        <translation>{cell}: {problem}</translation>
    </message>
    <message>
        <source>Nothing to change.</source>
        <translation>Er is niets te wijzigen.</translation>
    </message>
    <message>
        <source>Change half-days {project} / {column}</source>
        <translation>Dagdelen wijzigen {project} / {column}</translation>
    </message>
    <message>
        <source>Change {count} half-day cells</source>
        <translation>{count} cellen dagdelen wijzigen</translation>
    </message>
</context>
<context>
    <name>AmbitionsDialog</name>
    <message>
        <source>Ambitions of the regional vision</source>
        <translation>Ambities van de regiovisie</translation>
    </message>
    <message>
        <source>Every plan of the region chooses from this list</source>
        <translation>Elk plan van de regio kiest uit deze lijst</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Toevoegen…</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Naam wijzigen…</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>Om&amp;hoog</translation>
    </message>
    <message>
        <source>Do&amp;wn</source>
        <translation>Om&amp;laag</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Verwijderen</translation>
    </message>
    <message>
        <source>Every plan of the region chooses from this list. Changes can be undone with Ctrl+Z.</source>
        <translation>Elk plan van de regio kiest uit deze lijst. Wijzigingen maakt u ongedaan met Ctrl+Z.</translation>
    </message>
    <message>
        <source>Ambition:</source>
        <translation>Ambitie:</translation>
    </message>
    <message>
        <source>New ambition</source>
        <translation>Nieuwe ambitie</translation>
    </message>
    <message>
        <source>Rename ambition</source>
        <translation>Ambitie hernoemen</translation>
    </message>
    <message>
        <source>Move ambition up</source>
        <translation>Ambitie omhoog</translation>
    </message>
    <message>
        <source>Move ambition down</source>
        <translation>Ambitie omlaag</translation>
    </message>
    <message>
        <source>Delete ambition “{name}”</source>
        <translation>Ambitie “{name}” verwijderen</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>The demo plan cannot be created in {folder} ({error}).</source>
        <translation>Het demoplan kan niet worden aangemaakt in {folder} ({error}).</translation>
    </message>
    <message>
        <source>Planbord ran into an unexpected error and has stopped what it was doing. Everything that was saved before stays saved.</source>
        <translation>Planbord kwam een onverwachte fout tegen en heeft de laatste handeling afgebroken. Alles wat daarvoor was opgeslagen, blijft bewaard.</translation>
    </message>
    <message>
        <source>Technical details: {file}</source>
        <translation>Technische details: {file}</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Onverwachte fout</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>Bezig met openen…</translation>
    </message>
</context>
<context>
    <name>ApplicationContext</name>
    <message>
        <source>Negative amount</source>
        <translation>Negatief bedrag</translation>
    </message>
    <message>
        <source>You entered {count} negative amount(s). Is this a correction that should lower the total?</source>
        <translation>U heeft {count} negatief bedrag/bedragen ingevoerd. Is dit een correctie die het totaal moet verlagen?</translation>
    </message>
</context>
<context>
    <name>BringBackDialog</name>
    <message>
        <source>Bring back to the server</source>
        <translation>Terugzetten naar server</translation>
    </message>
    <message>
        <source>“{file}” goes back to {server}. What you changed offline is written there as one step.</source>
        <translation>“{file}” gaat terug naar {server}. Wat u offline hebt gewijzigd, wordt daar in één stap opgeslagen.</translation>
    </message>
    <message>
        <source>Changed offline ({count}):</source>
        <translation>Offline gewijzigd ({count}):</translation>
    </message>
    <message>
        <source>Changed offline</source>
        <translation>Offline gewijzigd</translation>
    </message>
    <message>
        <source>Also changed on the server meanwhile ({count}): tick the value to keep.</source>
        <translation>Intussen ook op de server gewijzigd ({count}): vink de waarde aan die moet blijven.</translation>
    </message>
    <message>
        <source>Changed on both sides</source>
        <translation>Aan beide kanten gewijzigd</translation>
    </message>
    <message>
        <source>All &amp;mine</source>
        <translation>Alles van &amp;mij</translation>
    </message>
    <message>
        <source>All from the &amp;server</source>
        <translation>Alles van de &amp;server</translation>
    </message>
    <message>
        <source>&amp;Bring back</source>
        <translation>&amp;Terugzetten</translation>
    </message>
    <message>
        <source>Still to choose: {count} of {total}.</source>
        <translation>Nog te kiezen: {count} van {total}.</translation>
    </message>
</context>
<context>
    <name>BudgetEditor</name>
    <message>
        <source>Budget — {plan}</source>
        <translation>Begroting — {plan}</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Begroting</translation>
    </message>
    <message>
        <source>Lines per year; type an amount, PM, id. or ongoing</source>
        <translation>Posten per jaar; typ een bedrag, PM, id. of doorlopend</translation>
    </message>
    <message>
        <source>Funding and balance</source>
        <translation>Dekking en saldo</translation>
    </message>
    <message>
        <source>Funding sources per year, then the total funding, the total budget and the balance; type an amount</source>
        <translation>Dekkingsbronnen per jaar, daaronder de totale dekking, de totale begroting en het saldo; typ een bedrag</translation>
    </message>
    <message>
        <source>New &amp;line</source>
        <translation>Nieuwe &amp;post</translation>
    </message>
    <message>
        <source>New &amp;group</source>
        <translation>Nieuwe &amp;groep</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>Omh&amp;oog</translation>
    </message>
    <message>
        <source>&amp;Down</source>
        <translation>Oml&amp;aag</translation>
    </message>
    <message>
        <source>&amp;Indent</source>
        <translation>&amp;Inspringen</translation>
    </message>
    <message>
        <source>&amp;Outdent</source>
        <translation>&amp;Terugspringen</translation>
    </message>
    <message>
        <source>&amp;Note…</source>
        <translation>Toe&amp;lichting…</translation>
    </message>
    <message>
        <source>Fill &amp;right</source>
        <translation>Naar &amp;rechts doorvoeren</translation>
    </message>
    <message>
        <source>D&amp;elete</source>
        <translation>&amp;Verwijderen</translation>
    </message>
    <message>
        <source>New line</source>
        <translation>Nieuwe post</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>Nieuwe groep</translation>
    </message>
    <message>
        <source>Indent</source>
        <translation>Inspringen</translation>
    </message>
    <message>
        <source>Outdent</source>
        <translation>Terugspringen</translation>
    </message>
    <message>
        <source>New funding source</source>
        <translation>Nieuwe dekkingsbron</translation>
    </message>
    <message>
        <source>Delete funding source “{name}”</source>
        <translation>Dekkingsbron “{name}” verwijderen</translation>
    </message>
    <message>
        <source>Delete funding {name}</source>
        <translation>Dekking {name} verwijderen</translation>
    </message>
    <message>
        <source>Add a group first.</source>
        <translation>Voeg eerst een groep toe.</translation>
    </message>
    <message>
        <source>It cannot go further that way.</source>
        <translation>Verder die kant op kan niet.</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Omhoog verplaatsen</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Omlaag verplaatsen</translation>
    </message>
    <message>
        <source>Delete group</source>
        <translation>Groep verwijderen</translation>
    </message>
    <message>
        <source>Delete the group &apos;{name}&apos; with all its lines and subgroups?</source>
        <translation>De groep &apos;{name}&apos; met al haar posten en subgroepen verwijderen?</translation>
    </message>
    <message>
        <source>Delete {name}</source>
        <translation>{name} verwijderen</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Toelichting</translation>
    </message>
    <message>
        <source>Note on {line}, {year}:</source>
        <translation>Toelichting bij {line}, {year}:</translation>
    </message>
    <message>
        <source>Note on {line}:</source>
        <translation>Toelichting bij {line}:</translation>
    </message>
    <message>
        <source>Change note</source>
        <translation>Toelichting wijzigen</translation>
    </message>
    <message>
        <source>Select a year cell of a line to fill right from.</source>
        <translation>Kies een jaarcel van een post om die naar rechts door te voeren.</translation>
    </message>
    <message>
        <source>Fill right from {year}</source>
        <translation>Naar rechts doorvoeren vanaf {year}</translation>
    </message>
</context>
<context>
    <name>BudgetImportDialog</name>
    <message>
        <source>group</source>
        <translation>groep</translation>
    </message>
    <message>
        <source>line</source>
        <translation>post</translation>
    </message>
    <message>
        <source>subtotal</source>
        <translation>subtotaal</translation>
    </message>
    <message>
        <source>total</source>
        <translation>totaal</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>overslaan</translation>
    </message>
    <message>
        <source>Import a budget — {sheet}</source>
        <translation>Begroting importeren — {sheet}</translation>
    </message>
    <message>
        <source>Rows as Planbord reads them</source>
        <translation>Rijen zoals Planbord ze leest</translation>
    </message>
    <message>
        <source>Correct a row&apos;s kind in the first column</source>
        <translation>Verbeter de soort van een rij in de eerste kolom</translation>
    </message>
    <message>
        <source>Problems found</source>
        <translation>Gevonden problemen</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importeren</translation>
    </message>
    <message>
        <source>Rows as Planbord reads them; correct a row&apos;s kind in the first column.</source>
        <translation>De rijen zoals Planbord ze leest; verbeter zo nodig de soort van een rij in de eerste kolom.</translation>
    </message>
    <message>
        <source>Problems found (nothing is written yet):</source>
        <translation>Gevonden problemen (er is nog niets geschreven):</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Omschrijving</translation>
    </message>
    <message>
        <source>Kind of row {row}</source>
        <translation>Soort van rij {row}</translation>
    </message>
    <message>
        <source>{groups} groups and {lines} lines for the years {years}; {problems} problem(s).</source>
        <translation>{groups} groepen en {lines} posten voor de jaren {years}; {problems} probleem/problemen.</translation>
    </message>
</context>
<context>
    <name>BudgetLinesModel</name>
    <message>
        <source>Budget line</source>
        <translation>Begrotingspost</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totaal</translation>
    </message>
    <message>
        <source> + {n} marker(s)</source>
        <translation> + {n} markering(en)</translation>
    </message>
    <message>
        <source>The budget lines are edited on the Budget page.</source>
        <translation>De begrotingsposten wijzigt u op de pagina Begroting.</translation>
    </message>
</context>
<context>
    <name>BudgetModel</name>
    <message>
        <source>Description</source>
        <translation>Omschrijving</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>Shared by</source>
        <translation>Gemeenten</translation>
    </message>
    <message>
        <source>{year} (realisation)</source>
        <translation>{year} (realisatie)</translation>
    </message>
    <message>
        <source>{year} (comparison)</source>
        <translation>{year} (vergelijking)</translation>
    </message>
    <message>
        <source>What was spent last year, shown for comparison: not funded, not split over the municipalities, not checked.</source>
        <translation>Wat er vorig jaar is uitgegeven, ter vergelijking getoond: niet gedekt, niet verdeeld over de gemeenten, niet gecontroleerd.</translation>
    </message>
    <message>
        <source>Last year&apos;s budget, shown for comparison: not funded, not split over the municipalities, not checked.</source>
        <translation>De begroting van vorig jaar, ter vergelijking: niet gedekt, niet verdeeld over de gemeenten, niet gecontroleerd.</translation>
    </message>
    <message>
        <source>The municipalities that share a line or group (e.g. H8); empty: as the group above, or all municipalities.</source>
        <translation>De gemeenten die een post of groep delen (bijv. H8); leeg: zoals de groep erboven, of alle gemeenten.</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>Toelichting: {note}</translation>
    </message>
    <message>
        <source>{count} cell(s) with PM, id. or doorlopend not counted</source>
        <translation>{count} cel(len) met PM, id. of doorlopend niet meegeteld</translation>
    </message>
    <message>
        <source>This plan is read-only; make an amendment to change it.</source>
        <translation>Dit plan is alleen-lezen; maak een wijziging om het aan te passen.</translation>
    </message>
    <message>
        <source>Nothing to change.</source>
        <translation>Er is niets te wijzigen.</translation>
    </message>
    <message>
        <source>Descriptions, projects and municipalities are changed one cell at a time ({cell}).</source>
        <translation>Omschrijvingen, projecten en gemeenten wijzigt u één cel tegelijk ({cell}).</translation>
    </message>
    <message>
        <source>Cell {cell} is computed; nothing was changed.</source>
        <translation>Cel {cell} wordt berekend; er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>{cell}: {problem}</source>
        <translation>{cell}: {problem}</translation>
    </message>
    <message>
        <source>new line {number} / {column}</source>
        <translation>nieuwe post {number} / {column}</translation>
    </message>
    <message>
        <source>new line {number} / {year}</source>
        <translation>nieuwe post {number} / {year}</translation>
    </message>
    <message>
        <source>Negative amounts not confirmed; nothing was changed.</source>
        <translation>Negatieve bedragen niet bevestigd; er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>Change {line} {year}</source>
        <translation>{line} {year} wijzigen</translation>
    </message>
    <message>
        <source>Change {count} cells</source>
        <translation>{count} cellen wijzigen</translation>
    </message>
    <message>
        <source>Add a group first.</source>
        <translation>Voeg eerst een groep toe.</translation>
    </message>
    <message>
        <source>Paste {count} rows ({added} new lines)</source>
        <translation>{count} rijen plakken ({added} nieuwe posten)</translation>
    </message>
    <message>
        <source>Paste {count} rows</source>
        <translation>{count} rijen plakken</translation>
    </message>
    <message>
        <source>There is no group of municipalities &apos;{text}&apos;; choose one of: {codes}, or leave it empty.</source>
        <translation>Er is geen groep gemeenten &apos;{text}&apos;; kies uit: {codes}, of laat de cel leeg.</translation>
    </message>
    <message>
        <source>Shared by {code}</source>
        <translation>Gedeeld door {code}</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle gemeenten</translation>
    </message>
    <message>
        <source>Label of the total</source>
        <translation>Label van het totaal</translation>
    </message>
    <message>
        <source>A description cannot be empty.</source>
        <translation>Een omschrijving mag niet leeg zijn.</translation>
    </message>
    <message>
        <source>Rename group {name}</source>
        <translation>Groep {name} hernoemen</translation>
    </message>
    <message>
        <source>Rename line {name}</source>
        <translation>Post {name} hernoemen</translation>
    </message>
    <message>
        <source>There is no project {number} in this plan (for example: {known}).</source>
        <translation>Er is geen project {number} in dit plan (wel bijvoorbeeld: {known}).</translation>
    </message>
    <message>
        <source>Link {name} to project</source>
        <translation>{name} aan project koppelen</translation>
    </message>
</context>
<context>
    <name>ChartDock</name>
    <message>
        <source>Charts</source>
        <translation>Grafieken</translation>
    </message>
    <message>
        <source>Loading charts…</source>
        <translation>Grafieken laden…</translation>
    </message>
    <message>
        <source>&amp;Charts</source>
        <translation>&amp;Grafieken</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>Number of actions</source>
        <translation>Aantal acties</translation>
    </message>
    <message>
        <source>{status}: {count} of {total} actions</source>
        <translation>{status}: {count} van {total} acties</translation>
    </message>
    <message>
        <source>{count} actions</source>
        <translation>{count} acties</translation>
    </message>
    <message>
        <source>no actions</source>
        <translation>geen acties</translation>
    </message>
    <message>
        <source>Actions per status per chapter</source>
        <translation>Acties per status per hoofdstuk</translation>
    </message>
    <message>
        <source>{count} actions in {chapters} chapters</source>
        <translation>{count} acties in {chapters} hoofdstukken</translation>
    </message>
    <message>
        <source>… and {count} more groups (hover over a bar)</source>
        <translation>… en nog {count} groepen (wijs een balk aan)</translation>
    </message>
    <message>
        <source>Amount in euros</source>
        <translation>Bedrag in euro&apos;s</translation>
    </message>
    <message>
        <source>Budget per group</source>
        <translation>Begroting per groep</translation>
    </message>
    <message>
        <source>Funding</source>
        <translation>Dekking</translation>
    </message>
    <message>
        <source>Budget per group per year</source>
        <translation>Begroting per groep per jaar</translation>
    </message>
    <message>
        <source>The top-level groups stacked; the black bar is the funding</source>
        <translation>De hoofdgroepen gestapeld; de zwarte streep is de dekking</translation>
    </message>
    <message>
        <source>The top-level groups stacked; the white bar is the funding</source>
        <translation>De hoofdgroepen gestapeld; de witte streep is de dekking</translation>
    </message>
    <message>
        <source>Funding {year}: {amount}</source>
        <translation>Dekking {year}: {amount}</translation>
    </message>
    <message>
        <source>Balance {year}: {amount}</source>
        <translation>Saldo {year}: {amount}</translation>
    </message>
    <message>
        <source>balance {amount}</source>
        <translation>saldo {amount}</translation>
    </message>
    <message>
        <source>funding {amount}</source>
        <translation>dekking {amount}</translation>
    </message>
    <message>
        <source>excl. {count} × PM, id., continuing</source>
        <translation>excl. {count} × PM, id., doorlopend</translation>
    </message>
    <message>
        <source>Difference in euros</source>
        <translation>Verschil in euro&apos;s</translation>
    </message>
    <message>
        <source>difference: {difference}</source>
        <translation>verschil: {difference}</translation>
    </message>
    <message>
        <source>Nothing to compare with</source>
        <translation>Niets om mee te vergelijken</translation>
    </message>
    <message>
        <source>No differences per group</source>
        <translation>Geen verschillen per groep</translation>
    </message>
    <message>
        <source>More than in {other}</source>
        <translation>Meer dan in {other}</translation>
    </message>
    <message>
        <source>Less than in {other}</source>
        <translation>Minder dan in {other}</translation>
    </message>
    <message>
        <source>Comparison per group</source>
        <translation>Vergelijking per groep</translation>
    </message>
    <message>
        <source>{current} against {other}: {difference}</source>
        <translation>{current} tegenover {other}: {difference}</translation>
    </message>
    <message>
        <source>Difference per group; total {current} {amount}, {other} {other_amount}</source>
        <translation>Verschil per groep; totaal {current} {amount}, {other} {other_amount}</translation>
    </message>
    <message>
        <source>Contribution in euros</source>
        <translation>Bijdrage in euro&apos;s</translation>
    </message>
    <message>
        <source>{municipality}: {amount} of {total} in {year}</source>
        <translation>{municipality}: {amount} van {total} in {year}</translation>
    </message>
    <message>
        <source>Contribution per municipality</source>
        <translation>Bijdrage per gemeente</translation>
    </message>
    <message>
        <source>Contribution per municipality in {year}</source>
        <translation>Bijdrage per gemeente {year}</translation>
    </message>
    <message>
        <source>Total {amount}, split by the allocation key</source>
        <translation>Totaal {amount}, verdeeld volgens de verdeelsleutel</translation>
    </message>
    <message>
        <source>Half-days per week</source>
        <translation>Dagdelen per week</translation>
    </message>
    <message>
        <source>{allocated} of {limit}</source>
        <translation>{allocated} van {limit}</translation>
    </message>
    <message>
        <source>({over} too many)</source>
        <translation>({over} te veel)</translation>
    </message>
    <message>
        <source>(chapter text: {value})</source>
        <translation>(hoofdstuktekst: {value})</translation>
    </message>
    <message>
        <source>{value} half-days per week</source>
        <translation>{value} dagdelen per week</translation>
    </message>
    <message>
        <source>{over} too many</source>
        <translation>{over} te veel</translation>
    </message>
    <message>
        <source>the chapter text says {value}</source>
        <translation>de hoofdstuktekst noemt {value}</translation>
    </message>
    <message>
        <source>Allocated</source>
        <translation>Ingezet</translation>
    </message>
    <message>
        <source>Over capacity or availability</source>
        <translation>Boven capaciteit of beschikbaarheid</translation>
    </message>
    <message>
        <source>Capacity or availability</source>
        <translation>Capaciteit of beschikbaarheid</translation>
    </message>
    <message>
        <source>Half-days named in the chapter text</source>
        <translation>Dagdelen genoemd in de hoofdstuktekst</translation>
    </message>
    <message>
        <source>Half-days</source>
        <translation>Dagdelen</translation>
    </message>
    <message>
        <source>Total allocated</source>
        <translation>Totaal ingezet</translation>
    </message>
    <message>
        <source>capacity for execution {value}</source>
        <translation>capaciteit voor uitvoering {value}</translation>
    </message>
    <message>
        <source>{allocated} of {capacity} half-days per week allocated</source>
        <translation>{allocated} van {capacity} dagdelen per week ingezet</translation>
    </message>
    <message>
        <source>: {over} over capacity</source>
        <translation>: {over} boven de capaciteit</translation>
    </message>
    <message>
        <source>{count} projects without half-days not shown</source>
        <translation>{count} projecten zonder dagdelen niet getoond</translation>
    </message>
    <message>
        <source>{count} chapters without half-days not shown</source>
        <translation>{count} hoofdstukken zonder dagdelen niet getoond</translation>
    </message>
    <message>
        <source>Half-days per project against capacity</source>
        <translation>Dagdelen per project tegenover de capaciteit</translation>
    </message>
    <message>
        <source>Half-days per chapter against capacity</source>
        <translation>Dagdelen per hoofdstuk tegenover de capaciteit</translation>
    </message>
    <message>
        <source>available {value}</source>
        <translation>beschikbaar {value}</translation>
    </message>
    <message>
        <source>No people are named in this plan&apos;s staffing</source>
        <translation>In de formatie van dit plan zijn geen personen genoemd</translation>
    </message>
    <message>
        <source>{count} of {total} people over-booked</source>
        <translation>{count} van {total} personen overboekt</translation>
    </message>
    <message>
        <source>nobody over-booked</source>
        <translation>niemand overboekt</translation>
    </message>
    <message>
        <source>Half-days per person against availability</source>
        <translation>Dagdelen per persoon tegenover beschikbaarheid</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Grafiek</translation>
    </message>
    <message>
        <source>Which chart of the plan is shown; the arrow keys choose another</source>
        <translation>Welke grafiek van het plan getoond wordt; met de pijltjestoetsen kiest u een andere</translation>
    </message>
    <message>
        <source>Compare with:</source>
        <translation>Vergelijk met:</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>Vergelijk met</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>Jaar:</translation>
    </message>
    <message>
        <source>Year of the actuals</source>
        <translation>Jaar van de realisatie</translation>
    </message>
    <message>
        <source>The charts are shown full screen. Press Esc to bring them back here.</source>
        <translation>De grafieken staan op het volledige scherm. Druk op Esc om ze hier terug te zetten.</translation>
    </message>
    <message>
        <source>Export chart as PNG…</source>
        <translation>Grafiek exporteren als PNG…</translation>
    </message>
    <message>
        <source>Export chart as SVG…</source>
        <translation>Grafiek exporteren als SVG…</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Volledig scherm</translation>
    </message>
    <message>
        <source>Show the charts alone full screen, with large letters, for a projector (Shift+F11; Esc to return)</source>
        <translation>De grafieken alleen op het volledige scherm, met grote letters, voor een beamer (Shift+F11; Esc om terug te gaan)</translation>
    </message>
    <message>
        <source>A chart of the plan; its figures are in the tables of the pages</source>
        <translation>Een grafiek van het plan; de cijfers staan in de tabellen van de pagina&apos;s</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-afbeelding (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG-tekening (*.svg)</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Grafiek exporteren</translation>
    </message>
    <message>
        <source>The chart could not be saved: {reason}</source>
        <translation>De grafiek kon niet worden opgeslagen: {reason}</translation>
    </message>
    <message>
        <source>Planbord — charts</source>
        <translation>Planbord — grafieken</translation>
    </message>
    <message>
        <source>{amount} (+ {count} without an amount)</source>
        <translation>{amount} (+ {count} zonder bedrag)</translation>
    </message>
    <message>
        <source>Budget {year}: {amount}</source>
        <translation>Begroting {year}: {amount}</translation>
    </message>
    <message>
        <source>Realised: {amount}</source>
        <translation>Gerealiseerd: {amount}</translation>
    </message>
    <message>
        <source>Ordered: {amount}</source>
        <translation>Verplicht: {amount}</translation>
    </message>
    <message>
        <source>{count} line(s) with PM, id. or ongoing: no amount</source>
        <translation>{count} post(en) met PM, id. of doorlopend: geen bedrag</translation>
    </message>
    <message>
        <source>Remaining: {amount}</source>
        <translation>Resterend: {amount}</translation>
    </message>
    <message>
        <source>Depletion: {percentage}</source>
        <translation>Uitputting: {percentage}</translation>
    </message>
    <message>
        <source>Nothing booked yet</source>
        <translation>Nog niets geboekt</translation>
    </message>
    <message>
        <source>No budget</source>
        <translation>Geen begroting</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Begroting</translation>
    </message>
    <message>
        <source>Realised</source>
        <translation>Gerealiseerd</translation>
    </message>
    <message>
        <source>Ordered (commitments)</source>
        <translation>Verplicht (besteld)</translation>
    </message>
    <message>
        <source>Budget and actuals per group</source>
        <translation>Begroting en realisatie per groep</translation>
    </message>
    <message>
        <source>Budget and actuals in {year}</source>
        <translation>Begroting en realisatie {year}</translation>
    </message>
    <message>
        <source>As of {date}: realised {realised} and ordered {committed} of {budget} budgeted</source>
        <translation>Peildatum {date}: gerealiseerd {realised} en verplicht {committed} van {budget} begroot</translation>
    </message>
    <message>
        <source>As of {date}: realised {realised} of {budget} budgeted</source>
        <translation>Peildatum {date}: gerealiseerd {realised} van {budget} begroot</translation>
    </message>
    <message>
        <source>Contributions</source>
        <translation>Bijdragen</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Acties</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Vergelijking</translation>
    </message>
    <message>
        <source>Actuals</source>
        <translation>Realisatie</translation>
    </message>
    <message>
        <source>adopted plan {year}</source>
        <translation>vastgesteld plan {year}</translation>
    </message>
    <message>
        <source>plan {year}</source>
        <translation>plan {year}</translation>
    </message>
    <message>
        <source>amendment {year}</source>
        <translation>wijziging {year}</translation>
    </message>
    <message>
        <source>scenario {year}</source>
        <translation>scenario {year}</translation>
    </message>
    <message>
        <source>{year} in this plan</source>
        <translation>{year} in dit plan</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>“{action}” could not be undone or redone; the file is unchanged.</source>
        <translation>“{action}” kon niet ongedaan worden gemaakt of opnieuw worden uitgevoerd; het bestand is niet veranderd.</translation>
    </message>
    <message>
        <source>{message} Not saved: {action}.</source>
        <translation>{message} Niet opgeslagen: {action}.</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leeg)</translation>
    </message>
</context>
<context>
    <name>ComparisonDock</name>
    <message>
        <source>Comparison</source>
        <translation>Vergelijking</translation>
    </message>
    <message>
        <source>&amp;Only changes</source>
        <translation>&amp;Alleen wijzigingen</translation>
    </message>
    <message>
        <source>Compare with &amp;another plan…</source>
        <translation>Met een ander &amp;plan vergelijken…</translation>
    </message>
    <message>
        <source>To E&amp;xcel…</source>
        <translation>Naar E&amp;xcel…</translation>
    </message>
    <message>
        <source>Budget: before, after and difference per year</source>
        <translation>Begroting: voor, na en verschil per jaar</translation>
    </message>
    <message>
        <source>Contribution per municipality: before, after and difference</source>
        <translation>Bijdrage per gemeente: voor, na en verschil</translation>
    </message>
    <message>
        <source>Staffing and outline changes</source>
        <translation>Wijzigingen in formatie, projecten en acties</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Begroting</translation>
    </message>
    <message>
        <source>Contributions</source>
        <translation>Bijdragen</translation>
    </message>
    <message>
        <source>Staffing and projects</source>
        <translation>Formatie en projecten</translation>
    </message>
    <message>
        <source>Show co&amp;mparison</source>
        <translation>&amp;Vergelijking tonen</translation>
    </message>
    <message>
        <source>&lt;b&gt;{after}&lt;/b&gt; compared with &lt;b&gt;{before}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{after}&lt;/b&gt; vergeleken met &lt;b&gt;{before}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Choose View &gt; Compare with… to compare the plan looked at with another.</source>
        <translation>Kies Beeld &gt; Vergelijken met… om het plan dat u bekijkt met een ander te vergelijken.</translation>
    </message>
    <message>
        <source>No changes in staffing, projects or actions.</source>
        <translation>Geen wijzigingen in formatie, projecten of acties.</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>gewijzigd</translation>
    </message>
    <message>
        <source>added</source>
        <translation>toegevoegd</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>verwijderd</translation>
    </message>
    <message>
        <source>moved</source>
        <translation>verplaatst</translation>
    </message>
    <message>
        <source>renamed</source>
        <translation>hernoemd</translation>
    </message>
    <message>
        <source>no line changed</source>
        <translation>geen post gewijzigd</translation>
    </message>
    <message>
        <source>total {differences}</source>
        <translation>totaal {differences}</translation>
    </message>
    <message>
        <source>the total is the same</source>
        <translation>het totaal is gelijk</translation>
    </message>
    <message>
        <source>Budget lines: {lines}; {total}.</source>
        <translation>Begrotingsposten: {lines}; {total}.</translation>
    </message>
    <message>
        <source>The workbook could not be written ({error}). Choose another folder or name.</source>
        <translation>Het werkboek kon niet worden geschreven ({error}). Kies een andere map of naam.</translation>
    </message>
    <message>
        <source>Written: {path}</source>
        <translation>Geschreven: {path}</translation>
    </message>
</context>
<context>
    <name>ComparisonTables</name>
    <message>
        <source>before</source>
        <translation>voor</translation>
    </message>
    <message>
        <source>after</source>
        <translation>na</translation>
    </message>
    <message>
        <source>difference</source>
        <translation>verschil</translation>
    </message>
    <message>
        <source>The comparison shows two plans; change the plan itself to change a figure.</source>
        <translation>De vergelijking toont twee plannen; wijzig het plan zelf om een bedrag te veranderen.</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groep</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Wat</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Ongewijzigd</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Gemeente</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totaal</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <source>What</source>
        <translation>Wat</translation>
    </message>
    <message>
        <source>When taken along</source>
        <translation>Bij meenemen</translation>
    </message>
    <message>
        <source>Yours (offline)</source>
        <translation>Van u (offline)</translation>
    </message>
    <message>
        <source>On the server</source>
        <translation>Op de server</translation>
    </message>
</context>
<context>
    <name>ContributionsModel</name>
    <message>
        <source>Municipality</source>
        <translation>Gemeente</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totaal</translation>
    </message>
    <message>
        <source>Contributions are computed from the budget and the key; change those instead.</source>
        <translation>Bijdragen worden berekend uit de begroting en de verdeelsleutel; wijzig die.</translation>
    </message>
</context>
<context>
    <name>DepletionModel</name>
    <message>
        <source>Line</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Begroting</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>Uitgegeven</translation>
    </message>
    <message>
        <source>Committed</source>
        <translation>Verplicht</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Resterend</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>Prognose</translation>
    </message>
    <message>
        <source>Spent and committed as a percentage of the budget</source>
        <translation>Uitgegeven en verplicht als percentage van de begroting</translation>
    </message>
    <message>
        <source>Expected spending at the year&apos;s end: linear from what was spent by the reference date, unless a forecast was typed for the line</source>
        <translation>Verwachte uitgaven aan het eind van het jaar: lineair uit wat op de peildatum is uitgegeven, tenzij voor de post een prognose is getypt</translation>
    </message>
    <message>
        <source>Budget minus spent and committed</source>
        <translation>Begroting min uitgegeven en verplicht</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totaal</translation>
    </message>
    <message>
        <source>The depletion is computed from the bookings; type in the bookings above. Only a line&apos;s forecast can be typed.</source>
        <translation>De uitputting wordt uit de boekingen berekend; typ in de boekingen hierboven. Alleen de prognose van een post kan worden getypt.</translation>
    </message>
    <message>
        <source>Over budget: {amount} more spent and committed than budgeted.</source>
        <translation>Boven de begroting: {amount} meer uitgegeven en verplicht dan begroot.</translation>
    </message>
    <message>
        <source>{marker}: no amount budgeted, so no percentage; what was spent is shown.</source>
        <translation>{marker}: geen bedrag begroot, dus geen percentage; wat is uitgegeven staat erbij.</translation>
    </message>
    <message>
        <source>Typed for this line</source>
        <translation>Voor deze post getypt</translation>
    </message>
    <message>
        <source>Linear from what was spent by the reference date</source>
        <translation>Lineair uit wat op de peildatum is uitgegeven</translation>
    </message>
</context>
<context>
    <name>EntriesModel</name>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Jaar</translation>
    </message>
    <message>
        <source>Line / source</source>
        <translation>Post / bron</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Bedrag</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Omschrijving</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Kenmerk</translation>
    </message>
    <message>
        <source>The budget year the booking counts in (the date&apos;s year unless typed)</source>
        <translation>Het begrotingsjaar waarin de boeking telt (het jaar van de datum, tenzij getypt)</translation>
    </message>
    <message>
        <source>A budget line (costs) or a funding source (income received)</source>
        <translation>Een begrotingspost (kosten) of een bron van dekking (ontvangen inkomsten)</translation>
    </message>
    <message>
        <source>realisatie (spent or received) or verplichting (ordered, not yet paid)</source>
        <translation>realisatie (uitgegeven of ontvangen) of verplichting (besteld, nog niet betaald)</translation>
    </message>
    <message>
        <source>Invoice or booking number</source>
        <translation>Factuur- of boekstuknummer</translation>
    </message>
    <message>
        <source>received</source>
        <translation>ontvangst</translation>
    </message>
    <message>
        <source>realised</source>
        <translation>realisatie</translation>
    </message>
    <message>
        <source>committed</source>
        <translation>verplichting</translation>
    </message>
    <message>
        <source>(new booking: date, line, amount)</source>
        <translation>(nieuwe boeking: datum, post, bedrag)</translation>
    </message>
    <message>
        <source>New booking / {column}</source>
        <translation>Nieuwe boeking / {column}</translation>
    </message>
    <message>
        <source>A booking needs a date, e.g. 31-03-2022; Delete removes the booking.</source>
        <translation>Een boeking heeft een datum nodig, bijvoorbeeld 31-03-2022; Delete verwijdert de boeking.</translation>
    </message>
    <message>
        <source>“{text}” is no year; type the budget year, e.g. 2022.</source>
        <translation>“{text}” is geen jaartal; typ het begrotingsjaar, bijvoorbeeld 2022.</translation>
    </message>
    <message>
        <source>A booking needs an amount; Delete removes the booking.</source>
        <translation>Een boeking heeft een bedrag nodig; Delete verwijdert de boeking.</translation>
    </message>
    <message>
        <source>A booking needs a budget line or funding source; Delete removes the booking.</source>
        <translation>Een boeking hoort bij een begrotingspost of bron van dekking; Delete verwijdert de boeking.</translation>
    </message>
    <message>
        <source>“{text}” fits several lines or sources ({names}); type more of the name.</source>
        <translation>“{text}” past bij meer posten of bronnen ({names}); typ meer van de naam.</translation>
    </message>
    <message>
        <source>“{text}” is no budget line or funding source of this plan; choose one from the list that opens as you type.</source>
        <translation>“{text}” is geen post of bron van dekking van dit plan; kies er een uit de lijst die opent terwijl u typt.</translation>
    </message>
    <message>
        <source>“{text}” is no kind of booking; type {realised} or {committed}.</source>
        <translation>“{text}” is geen soort boeking; typ {realised} of {committed}.</translation>
    </message>
    <message>
        <source>This file is open read-only; no booking can be added or changed.</source>
        <translation>Dit bestand is alleen-lezen geopend; er kan geen boeking worden toegevoegd of gewijzigd.</translation>
    </message>
    <message>
        <source>Paste bookings</source>
        <translation>Boekingen plakken</translation>
    </message>
    <message>
        <source>{cell}: {problem}</source>
        <translation>{cell}: {problem}</translation>
    </message>
    <message>
        <source>Change booking</source>
        <translation>Boeking wijzigen</translation>
    </message>
    <message>
        <source>Change {count} bookings</source>
        <translation>{count} boekingen wijzigen</translation>
    </message>
    <message>
        <source>Add booking</source>
        <translation>Boeking toevoegen</translation>
    </message>
    <message>
        <source>Paste {count} bookings</source>
        <translation>{count} boekingen plakken</translation>
    </message>
    <message>
        <source>Row {number}: {problem} Nothing was pasted.</source>
        <translation>Rij {number}: {problem} Er is niets geplakt.</translation>
    </message>
    <message>
        <source>Row {number}: a booking needs a date, a line or source and an amount; missing: {missing}. Nothing was pasted.</source>
        <translation>Rij {number}: een boeking heeft een datum, een post of bron en een bedrag nodig; ontbreekt: {missing}. Er is niets geplakt.</translation>
    </message>
    <message>
        <source>This file is open read-only; no booking can be deleted.</source>
        <translation>Dit bestand is alleen-lezen geopend; er kan geen boeking worden verwijderd.</translation>
    </message>
    <message>
        <source>Delete booking</source>
        <translation>Boeking verwijderen</translation>
    </message>
    <message>
        <source>Delete {count} bookings</source>
        <translation>{count} boekingen verwijderen</translation>
    </message>
</context>
<context>
    <name>ExcelExport</name>
    <message>
        <source>The workbook cannot be saved ({reason}).</source>
        <translation>Het Excel-bestand kan niet worden opgeslagen ({reason}).</translation>
    </message>
    <message>
        <source>Exported to “{name}”: {count} sheets.</source>
        <translation>Geëxporteerd naar “{name}”: {count} tabbladen.</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in this plan…</source>
        <translation>Zoeken in dit plan…</translation>
    </message>
    <message>
        <source>Find in this plan</source>
        <translation>Zoeken in dit plan</translation>
    </message>
    <message>
        <source>Previous hit (Shift+F3)</source>
        <translation>Vorige treffer (Shift+F3)</translation>
    </message>
    <message>
        <source>Next hit (F3)</source>
        <translation>Volgende treffer (F3)</translation>
    </message>
    <message>
        <source>Close the find bar (Escape)</source>
        <translation>Zoekbalk sluiten (Escape)</translation>
    </message>
    <message>
        <source>Choose a plan in the tree first.</source>
        <translation>Kies eerst een plan in de boom links.</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Niet gevonden</translation>
    </message>
    <message>
        <source>Back at the beginning</source>
        <translation>Terug bij het begin</translation>
    </message>
    <message>
        <source>Back at the end</source>
        <translation>Terug bij het einde</translation>
    </message>
    <message>
        <source>{n} of {m}</source>
        <translation>{n} van {m}</translation>
    </message>
</context>
<context>
    <name>FocusRegions</name>
    <message>
        <source>Next region</source>
        <translation>Volgend gebied</translation>
    </message>
    <message>
        <source>Previous region</source>
        <translation>Vorig gebied</translation>
    </message>
</context>
<context>
    <name>FrozenColumns</name>
    <message>
        <source>{table} — frozen columns</source>
        <translation>{table} — vaste kolommen</translation>
    </message>
    <message>
        <source>A copy of the table&apos;s first columns, kept in sight while the others scroll; the keyboard works in the table itself</source>
        <translation>Een kopie van de eerste kolommen van de tabel, die in beeld blijven terwijl de andere schuiven; het toetsenbord werkt in de tabel zelf</translation>
    </message>
</context>
<context>
    <name>FundingModel</name>
    <message>
        <source>shortfall</source>
        <translation>tekort</translation>
    </message>
    <message>
        <source>surplus</source>
        <translation>overschot</translation>
    </message>
    <message>
        <source>Funding</source>
        <translation>Dekking</translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation>Betaald door</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Bestemd voor</translation>
    </message>
    <message>
        <source>{year} (realisation)</source>
        <translation>{year} (realisatie)</translation>
    </message>
    <message>
        <source>{year} (comparison)</source>
        <translation>{year} (vergelijking)</translation>
    </message>
    <message>
        <source>Type ‘municipalities’ for what they pay through the key (e.g. the regular regional budget), ‘others’ for a fund, underspend or a reserve: that lowers what the key splits.</source>
        <translation>Typ ‘gemeenten’ voor wat zij via de verdeelsleutel betalen (zoals de reguliere regiobegroting), ‘anderen’ voor een fonds, onderbesteding of reserve: dat verlaagt wat de sleutel verdeelt.</translation>
    </message>
    <message>
        <source>Other funding for one group or line: type its name. Empty: it lowers every line pro rata.</source>
        <translation>Dekking van anderen voor één groep of post: typ de naam. Leeg: ze verlaagt alle posten naar rato.</translation>
    </message>
    <message>
        <source>municipalities</source>
        <translation>gemeenten</translation>
    </message>
    <message>
        <source>others</source>
        <translation>anderen</translation>
    </message>
    <message>
        <source>every line</source>
        <translation>alle posten</translation>
    </message>
    <message>
        <source>Total funding</source>
        <translation>Totaal dekking</translation>
    </message>
    <message>
        <source>Total budget</source>
        <translation>Totaal begroting</translation>
    </message>
    <message>
        <source>Balance (funding − budget)</source>
        <translation>Saldo (dekking − begroting)</translation>
    </message>
    <message>
        <source>This plan is read-only; make an amendment to change it.</source>
        <translation>Dit plan is alleen-lezen; maak een wijziging om het aan te passen.</translation>
    </message>
    <message>
        <source>A funding source needs a name.</source>
        <translation>Een dekkingsbron heeft een naam nodig.</translation>
    </message>
    <message>
        <source>Rename funding {name}</source>
        <translation>Dekking {name} hernoemen</translation>
    </message>
    <message>
        <source>Cell {cell} cannot be changed here.</source>
        <translation>Cel {cell} kan hier niet worden gewijzigd.</translation>
    </message>
    <message>
        <source>{cell}: {problem}</source>
        <translation>{cell}: {problem}</translation>
    </message>
    <message>
        <source>Negative amounts not confirmed; nothing was changed.</source>
        <translation>Negatieve bedragen niet bevestigd; er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>Change funding {name} {year}</source>
        <translation>Dekking {name} {year} wijzigen</translation>
    </message>
    <message>
        <source>Change {count} funding cells</source>
        <translation>{count} dekkingscellen wijzigen</translation>
    </message>
    <message>
        <source>“{text}”: type ‘gemeenten’ (they pay through the key) or ‘anderen’ (a fund, underspend, a reserve).</source>
        <translation>“{text}”: typ ‘gemeenten’ (zij betalen via de verdeelsleutel) of ‘anderen’ (een fonds, onderbesteding, een reserve).</translation>
    </message>
    <message>
        <source>Funding {name} paid by {payer}</source>
        <translation>Dekking {name} betaald door {payer}</translation>
    </message>
    <message>
        <source>Funding {name} for {part}</source>
        <translation>Dekking {name} bestemd voor {part}</translation>
    </message>
</context>
<context>
    <name>GoalsModel</name>
    <message>
        <source>Goal</source>
        <translation>Doel</translation>
    </message>
    <message>
        <source>(type a new goal here)</source>
        <translation>(typ hier een nieuw doel)</translation>
    </message>
    <message>
        <source>This plan is adopted and read-only; make an amendment to change it.</source>
        <translation>Dit plan is vastgesteld en alleen-lezen; maak een wijziging om het aan te passen.</translation>
    </message>
    <message>
        <source>A goal needs a text; delete the goal to remove it.</source>
        <translation>Een doel heeft een tekst nodig; verwijder het doel om het weg te halen.</translation>
    </message>
    <message>
        <source>Change goals and add new ones in two steps.</source>
        <translation>Wijzig doelen en voeg nieuwe toe in twee stappen.</translation>
    </message>
    <message>
        <source>Add one goal at a time.</source>
        <translation>Voeg één doel tegelijk toe.</translation>
    </message>
    <message>
        <source>Change goal</source>
        <translation>Doel wijzigen</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>What will be imported</source>
        <translation>Wat wordt ingelezen</translation>
    </message>
    <message>
        <source>Problems found</source>
        <translation>Gevonden problemen</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>Geen problemen gevonden.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importeren</translation>
    </message>
    <message>
        <source>What will be imported:</source>
        <translation>Wat wordt ingelezen:</translation>
    </message>
    <message>
        <source>Problems found (nothing is written yet):</source>
        <translation>Gevonden problemen (er is nog niets opgeslagen):</translation>
    </message>
</context>
<context>
    <name>Importing</name>
    <message>
        <source>Import</source>
        <translation>Importeren</translation>
    </message>
    <message>
        <source>Excel or CSV (*.xlsx *.xlsm *.csv *.txt)</source>
        <translation>Excel of CSV (*.xlsx *.xlsm *.csv *.txt)</translation>
    </message>
    <message>
        <source>“{name}” has several sheets. Which one do you want to import?</source>
        <translation>“{name}” heeft meerdere tabbladen. Welk tabblad wilt u importeren?</translation>
    </message>
    <message>
        <source>Open a plan first: choose it in the tree on the left.</source>
        <translation>Open eerst een plan: kies het in de boom links.</translation>
    </message>
    <message>
        <source>Import budget from {name}</source>
        <translation>Begroting importeren uit {name}</translation>
    </message>
    <message>
        <source>Imported: {lines} lines from “{name}”.</source>
        <translation>Geïmporteerd: {lines} posten uit “{name}”.</translation>
    </message>
    <message>
        <source> (not 100,00 %: imported as it is, not rescaled)</source>
        <translation> (niet 100,00 %: zo ingelezen, niet herschaald)</translation>
    </message>
    <message>
        <source>{count} municipalities; the percentages add up to {total}{flag}.</source>
        <translation>{count} gemeenten; de percentages tellen op tot {total}{flag}.</translation>
    </message>
    <message>
        <source>{count} municipalities by “{basis}”; the shares follow from the figures.</source>
        <translation>{count} gemeenten naar “{basis}”; de aandelen volgen uit de getallen.</translation>
    </message>
    <message>
        <source>The key becomes a new key of the region and this plan&apos;s key.</source>
        <translation>De sleutel wordt een nieuwe sleutel van de regio en de sleutel van dit plan.</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Gemeente</translation>
    </message>
    <message>
        <source>Percentage</source>
        <translation>Percentage</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>Basisgetal</translation>
    </message>
    <message>
        <source>Import a key — {sheet}</source>
        <translation>Verdeelsleutel importeren — {sheet}</translation>
    </message>
    <message>
        <source>Import key from {name}</source>
        <translation>Verdeelsleutel importeren uit {name}</translation>
    </message>
    <message>
        <source>Imported: a key of {count} municipalities from “{name}”.</source>
        <translation>Geïmporteerd: een verdeelsleutel van {count} gemeenten uit “{name}”.</translation>
    </message>
    <message>
        <source>To add: {count} actions; already in the plan (skipped): {duplicates}; due in a period or recurring: {periods}.</source>
        <translation>Toe te voegen: {count} acties; al in het plan (overgeslagen): {duplicates}; met een periode of herhaling als planning: {periods}.</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Eigenaar</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Gereed op</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Remark</source>
        <translation>Opmerking</translation>
    </message>
    <message>
        <source>Import actions — {sheet}</source>
        <translation>Acties importeren — {sheet}</translation>
    </message>
    <message>
        <source>Import actions from {name}</source>
        <translation>Acties importeren uit {name}</translation>
    </message>
    <message>
        <source>Imported: {count} actions from “{name}”.</source>
        <translation>Geïmporteerd: {count} acties uit “{name}”.</translation>
    </message>
</context>
<context>
    <name>KeyEditor</name>
    <message>
        <source>Allocation key and contributions — {plan}</source>
        <translation>Verdeelsleutel en bijdragen — {plan}</translation>
    </message>
    <message>
        <source>Copy to &amp;change</source>
        <translation>Kopie om te &amp;wijzigen</translation>
    </message>
    <message>
        <source>This key is also used by an adopted plan, which keeps it as adopted. Give this plan a copy of its own to change the shares.</source>
        <translation>Deze sleutel hoort ook bij een vastgesteld plan, dat hem houdt zoals vastgesteld. Geef dit plan een eigen kopie om de aandelen te wijzigen.</translation>
    </message>
    <message>
        <source>Derived from a basis figure</source>
        <translation>Afgeleid van een basisgetal</translation>
    </message>
    <message>
        <source>Percentages</source>
        <translation>Percentages</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>&amp;Sleutel:</translation>
    </message>
    <message>
        <source>Shares:</source>
        <translation>Aandelen:</translation>
    </message>
    <message>
        <source>The share of each municipality; type its basis figure or its percentage</source>
        <translation>Het aandeel van elke gemeente; typ het basisgetal of het percentage</translation>
    </message>
    <message>
        <source>What each municipality contributes per year, calculated from the budget and the key</source>
        <translation>Wat elke gemeente per jaar bijdraagt, berekend uit de begroting en de sleutel</translation>
    </message>
    <message>
        <source>Fixed settlements per municipality per year; read-only</source>
        <translation>Vaste verrekeningen per gemeente per jaar; alleen-lezen</translation>
    </message>
    <message>
        <source>Fixed settlements paid from local funds per year; read-only</source>
        <translation>Vaste verrekeningen uit lokale middelen per jaar; alleen-lezen</translation>
    </message>
    <message>
        <source>Contribution per municipality (budget)</source>
        <translation>Bijdrage per gemeente (begroting)</translation>
    </message>
    <message>
        <source>Fixed regional settlements per municipality</source>
        <translation>Vaste regioverrekeningen per gemeente</translation>
    </message>
    <message>
        <source>Fixed regional settlements from local funds</source>
        <translation>Overige vaste regioverrekeningen vanuit lokale middelen</translation>
    </message>
    <message>
        <source>Allocation key</source>
        <translation>Verdeelsleutel</translation>
    </message>
    <message>
        <source>Allocation key and contributions</source>
        <translation>Verdeelsleutel en bijdragen</translation>
    </message>
    <message>
        <source>(none chosen)</source>
        <translation>(geen gekozen)</translation>
    </message>
    <message>
        <source>{key} — basis: {label}</source>
        <translation>{key} — basis: {label}</translation>
    </message>
    <message>
        <source>Choose allocation key {name}</source>
        <translation>Verdeelsleutel {name} kiezen</translation>
    </message>
    <message>
        <source>{year}: budget {budget} − other funding {other} = split over the municipalities {split}</source>
        <translation>{year}: begroting {budget} − overige dekking {other} = te verdelen over de gemeenten {split}</translation>
    </message>
    <message>
        <source>Example figures: this key holds example figures, not the ones the region agreed on; replace them before the contributions are used.</source>
        <translation>Voorbeeldcijfers: deze sleutel rekent met voorbeeldcijfers, niet met de afgesproken cijfers; vervang ze voordat de bijdragen worden gebruikt.</translation>
    </message>
    <message>
        <source>Copy allocation key {name}</source>
        <translation>Verdeelsleutel {name} kopiëren</translation>
    </message>
    <message>
        <source>Change key method</source>
        <translation>Methode van de verdeelsleutel wijzigen</translation>
    </message>
</context>
<context>
    <name>KeyModel</name>
    <message>
        <source>Municipality</source>
        <translation>Gemeente</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Aandeel</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totaal</translation>
    </message>
    <message>
        <source>This key belongs to an adopted plan; make an amendment to change it.</source>
        <translation>Deze verdeelsleutel hoort bij een vastgesteld plan; maak een wijziging om hem aan te passen.</translation>
    </message>
    <message>
        <source>Cell {cell} cannot be changed here.</source>
        <translation>Cel {cell} kan hier niet worden gewijzigd.</translation>
    </message>
    <message>
        <source>{cell}: {problem}</source>
        <translation>{cell}: {problem}</translation>
    </message>
    <message>
        <source>Change share of {name}</source>
        <translation>Aandeel van {name} wijzigen</translation>
    </message>
    <message>
        <source>Change {count} shares</source>
        <translation>{count} aandelen wijzigen</translation>
    </message>
</context>
<context>
    <name>KeyPage</name>
    <message>
        <source>Allocation key</source>
        <translation>Verdeelsleutel</translation>
    </message>
    <message>
        <source>How the region&apos;s costs are split over the municipalities. You can also set it later.</source>
        <translation>Hoe de kosten van de regio over de gemeenten worden verdeeld. U kunt dit ook later instellen.</translation>
    </message>
    <message>
        <source>Set the allocation key later</source>
        <translation>De verdeelsleutel later instellen</translation>
    </message>
    <message>
        <source>e.g. Inwoners 1-1-2027</source>
        <translation>bijv. Inwoners 1-1-2027</translation>
    </message>
    <message>
        <source>Percentages</source>
        <translation>Percentages</translation>
    </message>
    <message>
        <source>Basis figures (e.g. inhabitants)</source>
        <translation>Basisgetallen (bijv. inwoners)</translation>
    </message>
    <message>
        <source>One value per line, in the order of the municipalities</source>
        <translation>Eén waarde per regel, in de volgorde van de gemeenten</translation>
    </message>
    <message>
        <source>Values of the key</source>
        <translation>Waarden van de sleutel</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
</context>
<context>
    <name>KeysModel</name>
    <message>
        <source>Allocation key</source>
        <translation>Verdeelsleutel</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Toelichting</translation>
    </message>
    <message>
        <source>Used by</source>
        <translation>Gebruikt door</translation>
    </message>
    <message>
        <source>Filled in</source>
        <translation>Ingevuld</translation>
    </message>
    <message>
        <source>Percentages</source>
        <translation>Percentages</translation>
    </message>
    <message>
        <source>Basis figure</source>
        <translation>Basisgetal</translation>
    </message>
    <message>
        <source>no plan</source>
        <translation>geen plan</translation>
    </message>
    <message>
        <source>{filled} of {count}</source>
        <translation>{filled} van {count}</translation>
    </message>
    <message>
        <source>Used by an adopted plan: copy the key to change it.</source>
        <translation>Gebruikt door een vastgesteld plan: kopieer de sleutel om hem te wijzigen.</translation>
    </message>
    <message>
        <source>Rename allocation key</source>
        <translation>Naam van verdeelsleutel wijzigen</translation>
    </message>
    <message>
        <source>Change allocation key {name}</source>
        <translation>Verdeelsleutel {name} wijzigen</translation>
    </message>
</context>
<context>
    <name>LaptopCopyActions</name>
    <message>
        <source>A file of the shared database to work on without the server (in a meeting); bring it back afterwards</source>
        <translation>Een bestand van de gedeelde database om zonder server in te werken (in een vergadering); zet het daarna terug</translation>
    </message>
    <message>
        <source>Take &amp;along for offline use…</source>
        <translation>&amp;Meenemen voor offline gebruik…</translation>
    </message>
    <message>
        <source>Brin&amp;g back to the server…</source>
        <translation>Ter&amp;ugzetten naar server…</translation>
    </message>
    <message>
        <source>What you changed offline in this file, written to the server it was taken from</source>
        <translation>Wat u offline in dit bestand hebt gewijzigd, opgeslagen op de server waarvan het is meegenomen</translation>
    </message>
    <message>
        <source>{database} offline {day}</source>
        <translation>{database} offline {day}</translation>
    </message>
    <message>
        <source>Take along for offline use</source>
        <translation>Meenemen voor offline gebruik</translation>
    </message>
    <message>
        <source>“{name}” already exists; Planbord never replaces a file. Choose another name.</source>
        <translation>“{name}” bestaat al; Planbord vervangt nooit een bestand. Kies een andere naam.</translation>
    </message>
    <message>
        <source>Taken along</source>
        <translation>Meegenomen</translation>
    </message>
    <message>
        <source>The shared database is in “{name}”. Work in it offline, then choose File &gt; Bring back to the server; what others change meanwhile is kept apart and shown to you then. Open the file now?</source>
        <translation>De gedeelde database staat in “{name}”. Werk er offline in en kies daarna Bestand &gt; Terugzetten naar server; wat anderen intussen wijzigen, blijft apart en ziet u dan. Het bestand nu openen?</translation>
    </message>
    <message>
        <source>Taken along in “{name}”.</source>
        <translation>Meegenomen in “{name}”.</translation>
    </message>
    <message>
        <source>Bring back to the server</source>
        <translation>Terugzetten naar server</translation>
    </message>
    <message>
        <source>Nothing was changed offline in “{name}”; there is nothing to bring back.</source>
        <translation>In “{name}” is offline niets gewijzigd; er is niets terug te zetten.</translation>
    </message>
    <message>
        <source>Brought back to {server}: {applied} changes; {mine} of your values and {theirs} of the server&apos;s kept where both changed.</source>
        <translation>Teruggezet naar {server}: {applied} wijzigingen; waar beide kanten wijzigden, {mine} van uw waarden en {theirs} van de server gehouden.</translation>
    </message>
    <message>
        <source>{reason}

Password for {server}:</source>
        <translation>{reason}

Wachtwoord voor {server}:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>&amp;New workspace…</source>
        <translation>&amp;Nieuw werkbestand…</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Openen…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Recent geopend</translation>
    </message>
    <message>
        <source>Save a &amp;copy as…</source>
        <translation>&amp;Kopie opslaan als…</translation>
    </message>
    <message>
        <source>Restore a &amp;backup…</source>
        <translation>Reservekopie &amp;terugzetten…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Af&amp;sluiten</translation>
    </message>
    <message>
        <source>&amp;Print / Export PDF…</source>
        <translation>&amp;Afdrukken / PDF exporteren…</translation>
    </message>
    <message>
        <source>Export to &amp;Excel…</source>
        <translation>Exporteren naar &amp;Excel…</translation>
    </message>
    <message>
        <source>Import ac&amp;tuals…</source>
        <translation>Rea&amp;lisatie importeren…</translation>
    </message>
    <message>
        <source>Export &amp;chart</source>
        <translation>&amp;Grafiek exporteren</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>Be&amp;werken</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Geschiedenis</translation>
    </message>
    <message>
        <source>&lt;opened&gt;</source>
        <translation>&lt;geopend&gt;</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Geschiedenis</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Beel&amp;d</translation>
    </message>
    <message>
        <source>Export chart as &amp;PNG…</source>
        <translation>Grafiek als &amp;PNG exporteren…</translation>
    </message>
    <message>
        <source>Export chart as &amp;SVG…</source>
        <translation>Grafiek als &amp;SVG exporteren…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About Planbord</source>
        <translation>&amp;Over Planbord</translation>
    </message>
    <message>
        <source>Open a plan first: choose it in the tree on the left.</source>
        <translation>Open eerst een plan: kies het in de boom links.</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>Exporteren naar Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel-werkmap (*.xlsx)</translation>
    </message>
    <message>
        <source>(no recent files)</source>
        <translation>(geen recente bestanden)</translation>
    </message>
    <message>
        <source>Planbord — {name}</source>
        <translation>Planbord — {name}</translation>
    </message>
    <message>
        <source>opened read-only</source>
        <translation>alleen-lezen geopend</translation>
    </message>
    <message>
        <source>Navigation: region, plans and pages</source>
        <translation>Navigatie: regio, plannen en pagina&apos;s</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Overzicht</translation>
    </message>
    <message>
        <source>The page of the item chosen in the navigation; read-only</source>
        <translation>De pagina van het onderdeel dat in de navigatie gekozen is; alleen-lezen</translation>
    </message>
    <message>
        <source>History of changes</source>
        <translation>Geschiedenis van wijzigingen</translation>
    </message>
    <message>
        <source>Choose a step to undo back to it</source>
        <translation>Kies een stap om tot daar ongedaan te maken</translation>
    </message>
    <message>
        <source>Open from &amp;server…</source>
        <translation>Openen van ser&amp;ver…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importeren…</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Ongedaan maken</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>Opnie&amp;uw</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Zoeken…</translation>
    </message>
    <message>
        <source>Find &amp;next</source>
        <translation>&amp;Volgende zoeken</translation>
    </message>
    <message>
        <source>Find &amp;previous</source>
        <translation>Vo&amp;rige zoeken</translation>
    </message>
    <message>
        <source>Co&amp;mpare with…</source>
        <translation>&amp;Vergelijken met…</translation>
    </message>
    <message>
        <source>Open &amp;log</source>
        <translation>&amp;Logboek openen</translation>
    </message>
    <message>
        <source>Open the folder with Planbord&apos;s log, for support</source>
        <translation>Open de map met het logboek van Planbord, voor de ondersteuning</translation>
    </message>
    <message>
        <source>There is no other plan in this region to compare “{title}” with. Make an amendment or next year&apos;s plan first.</source>
        <translation>Er is in deze regio geen ander plan om “{title}” mee te vergelijken. Maak eerst een wijziging of het plan van volgend jaar.</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>Vergelijken met</translation>
    </message>
    <message>
        <source>Compare the plan looked at with:</source>
        <translation>Vergelijk het plan dat u bekijkt met:</translation>
    </message>
    <message>
        <source>Read-only: {reason}</source>
        <translation>Alleen-lezen: {reason}</translation>
    </message>
    <message>
        <source>Opening the file…</source>
        <translation>Het bestand wordt geopend…</translation>
    </message>
    <message>
        <source>This page cannot be shown</source>
        <translation>Deze pagina kan niet worden getoond</translation>
    </message>
    <message>
        <source>An unexpected error occurred while reading the figures ({error}).</source>
        <translation>Bij het lezen van de cijfers trad een onverwachte fout op ({error}).</translation>
    </message>
    <message>
        <source>Draft amendment of “{title}”.</source>
        <translation>Concept-wijziging van “{title}”.</translation>
    </message>
    <message>
        <source>Compare with adopted plan</source>
        <translation>Vergelijk met vastgesteld</translation>
    </message>
    <message>
        <source>Scenario of “{title}”: a “what if”, never adopted as such.</source>
        <translation>Scenario van “{title}”: een “wat als”, dat niet zelf wordt vastgesteld.</translation>
    </message>
    <message>
        <source>Compare with base plan</source>
        <translation>Vergelijk met het basisplan</translation>
    </message>
    <message>
        <source>Adopted: {when} — read-only. To change it, make an amendment.</source>
        <translation>Vastgesteld: {when} — alleen-lezen. Maak een wijziging aan om het plan aan te passen.</translation>
    </message>
    <message>
        <source>Make an amendment</source>
        <translation>Wijziging maken</translation>
    </message>
    <message>
        <source>Make an amendment of “{title}”? The adopted plan stays as it is; you edit a draft copy that refers to it.</source>
        <translation>Een wijziging maken van “{title}”? Het vastgestelde plan blijft zoals het is; u bewerkt een conceptkopie die ernaar verwijst.</translation>
    </message>
    <message>
        <source>There is already a draft amendment of this plan: ‘{label}’. Open it, or make a new amendment?</source>
        <translation>Er is al een wijziging in concept van dit plan: ‘{label}’. Die openen, of een nieuwe wijziging maken?</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Openen</translation>
    </message>
    <message>
        <source>New amendment</source>
        <translation>Nieuwe wijziging</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Werkbestand openen</translation>
    </message>
    <message>
        <source>“{name}” no longer exists. It has been removed from the recent files.</source>
        <translation>“{name}” bestaat niet meer. Het is uit de lijst met recente bestanden gehaald.</translation>
    </message>
    <message>
        <source>The password could not be kept in the keyring; it is asked again next time.</source>
        <translation>Het wachtwoord kon niet in de sleutelbos worden bewaard; de volgende keer wordt het opnieuw gevraagd.</translation>
    </message>
    <message>
        <source>New workspace</source>
        <translation>Nieuw werkbestand</translation>
    </message>
    <message>
        <source>New region.planbord</source>
        <translation>Nieuwe regio.planbord</translation>
    </message>
    <message>
        <source>“{name}” already exists; Planbord never replaces a file. Choose another name.</source>
        <translation>“{name}” bestaat al; Planbord overschrijft geen bestand. Kies een andere naam.</translation>
    </message>
    <message>
        <source>{stem} (copy)</source>
        <translation>{stem} (kopie)</translation>
    </message>
    <message>
        <source>Save a copy as</source>
        <translation>Kopie opslaan als</translation>
    </message>
    <message>
        <source>The copy cannot be saved ({reason}).</source>
        <translation>De kopie kan niet worden opgeslagen ({reason}).</translation>
    </message>
    <message>
        <source>Copy saved as “{name}”.</source>
        <translation>Kopie opgeslagen als “{name}”.</translation>
    </message>
    <message>
        <source>The server keeps its own backups: ask its administrator to restore one. Save a copy as… makes a file of the database as it is now.</source>
        <translation>De server maakt zijn eigen reservekopieën: vraag de beheerder er een terug te zetten. Met Kopie opslaan als… maakt u een bestand van de database zoals ze nu is.</translation>
    </message>
    <message>
        <source>The log folder cannot be found ({error}).</source>
        <translation>De map van het logboek is niet te vinden ({error}).</translation>
    </message>
    <message>
        <source>The log folder could not be opened. The log is {file}.</source>
        <translation>De map van het logboek kon niet worden geopend. Het logboek is {file}.</translation>
    </message>
</context>
<context>
    <name>MomentActionsModel</name>
    <message>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Eigenaar</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Uiterlijk</translation>
    </message>
    <message>
        <source>Status at the moment</source>
        <translation>Status op peilmoment</translation>
    </message>
    <message>
        <source>Remark</source>
        <translation>Opmerking</translation>
    </message>
    <message>
        <source>Recorded for</source>
        <translation>Vastgelegd bij</translation>
    </message>
    <message>
        <source>not reported yet</source>
        <translation>nog niet gemeld</translation>
    </message>
    <message>
        <source>this moment</source>
        <translation>dit peilmoment</translation>
    </message>
    <message>
        <source>{moment} (entered {day})</source>
        <translation>{moment} (ingevoerd {day})</translation>
    </message>
    <message>
        <source>Type behaald, in behandeling, niet behaald or onbekend: recorded for this moment</source>
        <translation>Typ behaald, in behandeling, niet behaald of onbekend: vastgelegd voor dit peilmoment</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a status; type behaald, in behandeling, niet behaald or onbekend.</source>
        <translation>&apos;{text}&apos; is geen status; typ behaald, in behandeling, niet behaald of onbekend.</translation>
    </message>
    <message>
        <source>Only the status and the remark are recorded for a moment.</source>
        <translation>Voor een peilmoment worden alleen de status en de opmerking vastgelegd.</translation>
    </message>
</context>
<context>
    <name>MomentDialog</name>
    <message>
        <source>New reporting moment</source>
        <translation>Nieuw peilmoment</translation>
    </message>
    <message>
        <source>The statuses you record for this moment are as of its day; earlier moments stay as they were.</source>
        <translation>De statussen die u voor dit peilmoment vastlegt gelden op de peildatum; eerdere peilmomenten blijven zoals ze waren.</translation>
    </message>
    <message>
        <source>e.g. Voortgangsrapportage 1 juli 2022</source>
        <translation>bijv. Voortgangsrapportage 1 juli 2022</translation>
    </message>
    <message>
        <source>&amp;As of:</source>
        <translation>&amp;Stand op:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Naam:</translation>
    </message>
</context>
<context>
    <name>MonitorChart</name>
    <message>
        <source>Total</source>
        <translation>Totaal</translation>
    </message>
    <message>
        <source>Whole (entered)</source>
        <translation>Geheel (ingevoerd)</translation>
    </message>
    <message>
        <source>{count} members and no whole: type the whole to see a line</source>
        <translation>{count} leden en geen geheel: typ het geheel om een lijn te zien</translation>
    </message>
    <message>
        <source>No values yet</source>
        <translation>Nog geen waarden</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Aantal</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Cliënten</translation>
    </message>
    <message>
        <source>Euros</source>
        <translation>Euro&apos;s</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Dagen</translation>
    </message>
    <message>
        <source>Percentage</source>
        <translation>Percentage</translation>
    </message>
    <message>
        <source>No indicator chosen</source>
        <translation>Geen indicator gekozen</translation>
    </message>
    <message>
        <source>Target (dashed)</source>
        <translation>Doel (gestippeld)</translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation>Monitor</translation>
    </message>
    <message>
        <source>Over the years, in {unit}</source>
        <translation>Door de jaren heen, in {unit}</translation>
    </message>
</context>
<context>
    <name>MonitorModel</name>
    <message>
        <source>Municipality</source>
        <translation>Gemeente</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisatie</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Waarde</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totaal</translation>
    </message>
    <message>
        <source>Whole (entered)</source>
        <translation>Geheel (ingevoerd)</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Doel</translation>
    </message>
    <message>
        <source>(type a new organisation)</source>
        <translation>(typ een nieuwe organisatie)</translation>
    </message>
    <message>
        <source>The sum of the members</source>
        <translation>De som van de leden</translation>
    </message>
    <message>
        <source>Entered as a whole</source>
        <translation>Als geheel ingevoerd</translation>
    </message>
    <message>
        <source>This file is open read-only.</source>
        <translation>Dit bestand is alleen-lezen geopend.</translation>
    </message>
    <message>
        <source>Cell {cell} is computed or cannot be typed in.</source>
        <translation>Cel {cell} wordt berekend of kan niet worden getypt.</translation>
    </message>
    <message>
        <source>{cell}: {problem}</source>
        <translation>{cell}: {problem}</translation>
    </message>
    <message>
        <source>A row with values needs its organisation in the first column; nothing was written.</source>
        <translation>Een rij met waarden heeft de organisatie in de eerste kolom nodig; er is niets opgeslagen.</translation>
    </message>
    <message>
        <source>The pasted block is wider than the years shown; add a year first.</source>
        <translation>Het geplakte blok is breder dan de getoonde jaren; voeg eerst een jaar toe.</translation>
    </message>
    <message>
        <source>Change {count} values of {name}</source>
        <translation>{count} waarden van {name} wijzigen</translation>
    </message>
    <message>
        <source>An organisation needs a name.</source>
        <translation>Een organisatie heeft een naam nodig.</translation>
    </message>
    <message>
        <source>There is already an organisation “{name}” in this table.</source>
        <translation>Er staat al een organisatie “{name}” in deze tabel.</translation>
    </message>
    <message>
        <source>Rename {old} to {new}</source>
        <translation>{old} hernoemen tot {new}</translation>
    </message>
    <message>
        <source>Clear {cell}</source>
        <translation>{cell} leegmaken</translation>
    </message>
    <message>
        <source>Change {cell}</source>
        <translation>{cell} wijzigen</translation>
    </message>
    <message>
        <source>Change target {year}</source>
        <translation>Doel {year} wijzigen</translation>
    </message>
</context>
<context>
    <name>MonitorPage</name>
    <message>
        <source>number</source>
        <translation>aantal</translation>
    </message>
    <message>
        <source>clients</source>
        <translation>cliënten</translation>
    </message>
    <message>
        <source>percentage</source>
        <translation>percentage</translation>
    </message>
    <message>
        <source>euros</source>
        <translation>euro&apos;s</translation>
    </message>
    <message>
        <source>days</source>
        <translation>dagen</translation>
    </message>
    <message>
        <source>none (one value per year)</source>
        <translation>geen (één waarde per jaar)</translation>
    </message>
    <message>
        <source>per municipality</source>
        <translation>per gemeente</translation>
    </message>
    <message>
        <source>per organisation</source>
        <translation>per organisatie</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>Indicatoren</translation>
    </message>
    <message>
        <source>The region&apos;s indicators; the table and chart on the right show the one chosen</source>
        <translation>De indicatoren van de regio; de tabel en grafiek rechts tonen de gekozen indicator</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Toevoegen…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Verwijderen…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importeren…</translation>
    </message>
    <message>
        <source>Values from a CSV or Excel file with the columns Indicator, Jaar and Waarde (and Gemeente or Organisatie, Toelichting)</source>
        <translation>Waarden uit een CSV- of Excelbestand met de kolommen Indicator, Jaar en Waarde (en Gemeente of Organisatie, Toelichting)</translation>
    </message>
    <message>
        <source>Delete indicator</source>
        <translation>Indicator verwijderen</translation>
    </message>
    <message>
        <source>Per year the value of each member and of the whole, and the target; type a value in Dutch notation (a percentage as 12,5)</source>
        <translation>Per jaar de waarde van elke gemeente of organisatie en van het geheel, en het doel; typ een waarde in Nederlandse notatie (een percentage als 12,5)</translation>
    </message>
    <message>
        <source>Add &amp;year</source>
        <translation>&amp;Jaar toevoegen</translation>
    </message>
    <message>
        <source>&amp;Note…</source>
        <translation>Toe&amp;lichting…</translation>
    </message>
    <message>
        <source>A note on the chosen value (where the figure comes from, what is special about it); shown as a mark in the corner of the cell</source>
        <translation>Een toelichting bij de gekozen waarde (waar het cijfer vandaan komt, wat er bijzonder aan is); getoond als een hoekje in de cel</translation>
    </message>
    <message>
        <source>Export chart…</source>
        <translation>Grafiek exporteren…</translation>
    </message>
    <message>
        <source>Source and definition</source>
        <translation>Bron en definitie</translation>
    </message>
    <message>
        <source>The indicator&apos;s table</source>
        <translation>De tabel van de indicator</translation>
    </message>
    <message>
        <source>This region no longer exists.</source>
        <translation>Deze regio bestaat niet meer.</translation>
    </message>
    <message>
        <source>Monitor of {region}</source>
        <translation>Monitor van {region}</translation>
    </message>
    <message>
        <source>No indicators yet. Add one with “Add…”: a name, its unit, whether its values add up, and whether it is kept per municipality or per organisation.</source>
        <translation>Nog geen indicatoren. Voeg er een toe met “Toevoegen…”: een naam, de eenheid, of de waarden optellen, en of hij per gemeente of per organisatie wordt bijgehouden.</translation>
    </message>
    <message>
        <source>adds up</source>
        <translation>telt op</translation>
    </message>
    <message>
        <source>does not add up (no sum)</source>
        <translation>telt niet op (geen som)</translation>
    </message>
    <message>
        <source>one value per year</source>
        <translation>één waarde per jaar</translation>
    </message>
    <message>
        <source>in {unit}; {kind}; {breakdown}</source>
        <translation>in {unit}; {kind}; {breakdown}</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Bron</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>Definitie</translation>
    </message>
    <message>
        <source>New indicator</source>
        <translation>Nieuwe indicator</translation>
    </message>
    <message>
        <source>The values of the members add up to the whole</source>
        <translation>De waarden van de leden tellen op tot het geheel</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Naam</translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation>&amp;Eenheid</translation>
    </message>
    <message>
        <source>Adds &amp;up</source>
        <translation>&amp;Optelbaar</translation>
    </message>
    <message>
        <source>&amp;Breakdown</source>
        <translation>&amp;Uitsplitsing</translation>
    </message>
    <message>
        <source>&amp;Source</source>
        <translation>&amp;Bron</translation>
    </message>
    <message>
        <source>&amp;Definition</source>
        <translation>&amp;Definitie</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Toelichting</translation>
    </message>
    <message>
        <source>Import monitor values</source>
        <translation>Monitorwaarden importeren</translation>
    </message>
    <message>
        <source>CSV or Excel (*.csv *.txt *.xlsx *.xlsm)</source>
        <translation>CSV of Excel (*.csv *.txt *.xlsx *.xlsm)</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Grafiek exporteren</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-afbeelding (*.png)</translation>
    </message>
    <message>
        <source>Add indicator {name}</source>
        <translation>Indicator {name} toevoegen</translation>
    </message>
    <message>
        <source>Delete the indicator “{name}” with its {count} value(s) and {targets} target(s)?</source>
        <translation>De indicator “{name}” met zijn {count} waarde(n) en {targets} doel(en) verwijderen?</translation>
    </message>
    <message>
        <source>You can undo this with Ctrl+Z.</source>
        <translation>U kunt dit ongedaan maken met Ctrl+Z.</translation>
    </message>
    <message>
        <source>Delete indicator {name}</source>
        <translation>Indicator {name} verwijderen</translation>
    </message>
    <message>
        <source>{name}: {values} value(s), {targets} target(s)</source>
        <translation>{name}: {values} waarde(n), {targets} doel(en)</translation>
    </message>
    <message>
        <source>Import from “{file}”?</source>
        <translation>Importeren uit “{file}”?</translation>
    </message>
    <message>
        <source>Values already there for the same year are replaced. You can undo this with Ctrl+Z.</source>
        <translation>Waarden die er voor hetzelfde jaar al staan, worden vervangen. U kunt dit ongedaan maken met Ctrl+Z.</translation>
    </message>
    <message>
        <source>Import {file}</source>
        <translation>{file} importeren</translation>
    </message>
    <message>
        <source>Choose a cell with a typed value to give it a note.</source>
        <translation>Kies een cel met een getypte waarde om er een toelichting bij te geven.</translation>
    </message>
    <message>
        <source>Note on {cell}</source>
        <translation>Toelichting bij {cell}</translation>
    </message>
    <message>
        <source>Change note on {cell}</source>
        <translation>Toelichting bij {cell} wijzigen</translation>
    </message>
    <message>
        <source>The chart could not be saved: {reason}</source>
        <translation>De grafiek kon niet worden opgeslagen: {reason}</translation>
    </message>
</context>
<context>
    <name>MunicipalitiesModel</name>
    <message>
        <source>Municipality</source>
        <translation>Gemeente</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Groepen</translation>
    </message>
    <message>
        <source>Removing it removes {count} entries with it (key shares, group memberships, fixed settlements).</source>
        <translation>Wie deze gemeente verwijdert, verwijdert er {count} gegevens mee (aandelen in sleutels, lidmaatschappen van groepen, vaste afrekeningen).</translation>
    </message>
</context>
<context>
    <name>MunicipalitiesPage</name>
    <message>
        <source>Municipalities</source>
        <translation>Gemeenten</translation>
    </message>
    <message>
        <source>One per line, in the order the plan lists them; a column pasted from Excel works too.</source>
        <translation>Eén per regel, in de volgorde van het plan; een kolom geplakt uit Excel kan ook.</translation>
    </message>
    <message>
        <source>One municipality per line</source>
        <translation>Eén gemeente per regel</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>Progress</source>
        <translation>Voortgang</translation>
    </message>
    <message>
        <source>Staffing &amp; half-days</source>
        <translation>Formatie &amp; dagdelen</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Begroting</translation>
    </message>
    <message>
        <source>Funding</source>
        <translation>Dekking</translation>
    </message>
    <message>
        <source>Allocation key</source>
        <translation>Verdeelsleutel</translation>
    </message>
    <message>
        <source>Actuals</source>
        <translation>Realisatie</translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation>Monitor</translation>
    </message>
    <message>
        <source>superseded by an adopted amendment</source>
        <translation>vervangen door een vastgestelde wijziging</translation>
    </message>
    <message>
        <source>adopted {date}</source>
        <translation>vastgesteld {date}</translation>
    </message>
    <message>
        <source>adopted</source>
        <translation>vastgesteld</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>concept</translation>
    </message>
    <message>
        <source>amendment {number}</source>
        <translation>wijziging {number}</translation>
    </message>
    <message>
        <source>superseded</source>
        <translation>vervallen</translation>
    </message>
    <message>
        <source>scenario {number}</source>
        <translation>scenario {number}</translation>
    </message>
    <message>
        <source>scenario</source>
        <translation>scenario</translation>
    </message>
    <message>
        <source>scenario ‘{name}’</source>
        <translation>scenario ‘{name}’</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Inhoud</translation>
    </message>
    <message>
        <source>This file holds no region or plan yet</source>
        <translation>Dit bestand bevat nog geen regio of plan</translation>
    </message>
    <message>
        <source>Empty workspace</source>
        <translation>Leeg werkbestand</translation>
    </message>
</context>
<context>
    <name>NewWorkspaceWizard</name>
    <message>
        <source>New workspace: {name}</source>
        <translation>Nieuw werkbestand: {name}</translation>
    </message>
</context>
<context>
    <name>OccurrencesDialog</name>
    <message>
        <source>Occurrences</source>
        <translation>Herhalingen</translation>
    </message>
    <message>
        <source>Each time the action is due, with its own status and remark; type a status or a remark</source>
        <translation>Elke keer dat de actie aan de beurt is, met een eigen status en opmerking; typ een status of een opmerking</translation>
    </message>
    <message>
        <source>Occurrences: {action}</source>
        <translation>Herhalingen: {action}</translation>
    </message>
    <message>
        <source>Recurs: {recurrence}</source>
        <translation>Herhaalt: {recurrence}</translation>
    </message>
    <message>
        <source>Status of {occurrence}</source>
        <translation>Status van {occurrence}</translation>
    </message>
</context>
<context>
    <name>OccurrencesModel</name>
    <message>
        <source>Occurrence</source>
        <translation>Keer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Remark</source>
        <translation>Opmerking</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Bijgewerkt</translation>
    </message>
    <message>
        <source>(next)</source>
        <translation>(volgende)</translation>
    </message>
    <message>
        <source>Overdue: this occurrence has ended and is not achieved.</source>
        <translation>Te laat: deze keer is voorbij en niet behaald.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a status; type behaald, in behandeling, niet behaald or onbekend.</source>
        <translation>&apos;{text}&apos; is geen status; typ behaald, in behandeling, niet behaald of onbekend.</translation>
    </message>
</context>
<context>
    <name>Opening</name>
    <message>
        <source>Planbord</source>
        <translation>Planbord</translation>
    </message>
    <message>
        <source>File in use</source>
        <translation>Bestand in gebruik</translation>
    </message>
    <message>
        <source>Open read-only</source>
        <translation>Alleen-lezen openen</translation>
    </message>
    <message>
        <source>Lift the lock</source>
        <translation>Vergrendeling opheffen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Only lift the lock if you are sure {holder} no longer has the file open (opened {time}). If they still have it open, they can no longer save their changes in it.</source>
        <translation>Hef de vergrendeling alleen op als u zeker weet dat {holder} het bestand niet meer open heeft (geopend {time}). Heeft die het nog open, dan kan die er daarna geen wijzigingen meer in opslaan.</translation>
    </message>
    <message>
        <source>Only lift the lock if you are sure {holder} no longer has the file open. If they still have it open, they can no longer save their changes in it.</source>
        <translation>Hef de vergrendeling alleen op als u zeker weet dat {holder} het bestand niet meer open heeft. Heeft die het nog open, dan kan die er daarna geen wijzigingen meer in opslaan.</translation>
    </message>
    <message>
        <source>“{name}” cannot be read ({reason}).</source>
        <translation>“{name}” kan niet worden gelezen ({reason}).</translation>
    </message>
    <message>
        <source>“{name}” cannot be opened because of an unexpected error ({error}).</source>
        <translation>“{name}” kan niet worden geopend door een onverwachte fout ({error}).</translation>
    </message>
    <message>
        <source>Planbord files (*.planbord)</source>
        <translation>Planbord-bestanden (*.planbord)</translation>
    </message>
    <message>
        <source>File not opened</source>
        <translation>Bestand niet geopend</translation>
    </message>
    <message>
        <source>A clean copy is a new file with only the data of this one, checked row by row: rows that cannot be used are left out and listed. The file itself stays as it is.</source>
        <translation>Een schone kopie is een nieuw bestand met alleen de gegevens van dit bestand, rij voor rij gecontroleerd: rijen die niet bruikbaar zijn worden weggelaten en genoemd. Het bestand zelf blijft zoals het is.</translation>
    </message>
    <message>
        <source>Make a clean copy…</source>
        <translation>Schone kopie maken…</translation>
    </message>
    <message>
        <source>Save clean copy as</source>
        <translation>Schone kopie opslaan als</translation>
    </message>
    <message>
        <source>The clean copy “{name}” is open: {copied} rows copied, {left} left out.</source>
        <translation>De schone kopie “{name}” is geopend: {copied} rijen overgenomen, {left} weggelaten.</translation>
    </message>
    <message>
        <source>Clean copy</source>
        <translation>Schone kopie</translation>
    </message>
    <message>
        <source>and {count} more (see the details)</source>
        <translation>en nog {count} (zie de details)</translation>
    </message>
    <message>
        <source>Left out:</source>
        <translation>Weggelaten:</translation>
    </message>
    <message>
        <source>No rows were left out.</source>
        <translation>Er zijn geen rijen weggelaten.</translation>
    </message>
</context>
<context>
    <name>OutlineActions</name>
    <message>
        <source>New project</source>
        <translation>Nieuw project</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Omhoog</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Omlaag</translation>
    </message>
    <message>
        <source>New &amp;project</source>
        <translation>Nieuw &amp;project</translation>
    </message>
    <message>
        <source>New c&amp;hapter…</source>
        <translation>Nieuw &amp;hoofdstuk…</translation>
    </message>
    <message>
        <source>New su&amp;b-chapter…</source>
        <translation>Nieuwe para&amp;graaf…</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Naam wijzigen…</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Omh&amp;oog</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>Om&amp;laag</translation>
    </message>
    <message>
        <source>D&amp;elete…</source>
        <translation>Verwij&amp;deren…</translation>
    </message>
    <message>
        <source>The file is open read-only.</source>
        <translation>Het bestand is alleen-lezen geopend.</translation>
    </message>
    <message>
        <source>New sub-chapter</source>
        <translation>Nieuwe paragraaf</translation>
    </message>
    <message>
        <source>New chapter</source>
        <translation>Nieuw hoofdstuk</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Titel:</translation>
    </message>
    <message>
        <source>Rename chapter</source>
        <translation>Hoofdstuk hernoemen</translation>
    </message>
    <message>
        <source>It cannot go further that way.</source>
        <translation>Verder kan het niet die kant op.</translation>
    </message>
    <message>
        <source>Delete chapter “{name}”</source>
        <translation>Hoofdstuk “{name}” verwijderen</translation>
    </message>
    <message>
        <source>Delete project “{name}”</source>
        <translation>Project “{name}” verwijderen</translation>
    </message>
</context>
<context>
    <name>Overview</name>
    <message>
        <source>Empty workspace</source>
        <translation>Leeg werkbestand</translation>
    </message>
    <message>
        <source>Adopted: {body} — read-only</source>
        <translation>Vastgesteld: {body} — alleen-lezen</translation>
    </message>
    <message>
        <source>This file holds no region or plan yet. Set up a region with File &gt; New workspace, or open another file with File &gt; Open.</source>
        <translation>Dit bestand bevat nog geen regio of plan. Richt een regio in met Bestand &gt; Nieuw werkbestand, of open een ander bestand met Bestand &gt; Openen.</translation>
    </message>
    <message>
        <source>adopted by {body} on {date}</source>
        <translation>vastgesteld door {body} op {date}</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>concept</translation>
    </message>
    <message>
        <source>implementation plan</source>
        <translation>uitvoeringsplan</translation>
    </message>
    <message>
        <source>amendment</source>
        <translation>wijziging</translation>
    </message>
    <message>
        <source>scenario</source>
        <translation>scenario</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Plan year</source>
        <translation>Planjaar</translation>
    </message>
    <message>
        <source>Budget years</source>
        <translation>Begrotingsjaren</translation>
    </message>
    <message>
        <source>Half-days per fte</source>
        <translation>Dagdelen per fte</translation>
    </message>
    <message>
        <source>Allocation key</source>
        <translation>Verdeelsleutel</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Cijfers</translation>
    </message>
    <message>
        <source>Half-days</source>
        <translation>Dagdelen</translation>
    </message>
    <message>
        <source>{allocated} of {capacity} half-days per week allocated ({fte} fte for execution).</source>
        <translation>{allocated} van {capacity} dagdelen per week ingezet ({fte} fte voor uitvoering).</translation>
    </message>
    <message>
        <source>Points of attention</source>
        <translation>Aandachtspunten</translation>
    </message>
    <message>
        <source>No points of attention: the figures agree.</source>
        <translation>Geen aandachtspunten: de cijfers kloppen.</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Begroting</translation>
    </message>
    <message>
        <source>Funding</source>
        <translation>Dekking</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Saldo</translation>
    </message>
    <message>
        <source>Lines marked PM, id. or ongoing have no amount; the total leaves them out.</source>
        <translation>Posten met PM, id. of doorlopend hebben geen bedrag; het totaal telt ze niet mee.</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Paragrafen</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Projecten</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>Half-days per week</source>
        <translation>Dagdelen per week</translation>
    </message>
</context>
<context>
    <name>PdfExportDialog</name>
    <message>
        <source>Print / Export PDF</source>
        <translation>Afdrukken / PDF</translation>
    </message>
    <message>
        <source>Choose the annexes of “{title}” to put in one PDF. With more than one annex the PDF starts with a table of contents.</source>
        <translation>Kies de bijlagen van “{title}” die in één PDF komen. Bij meer dan één bijlage begint de PDF met een inhoudsopgave.</translation>
    </message>
    <message>
        <source>Annexes</source>
        <translation>Bijlagen</translation>
    </message>
    <message>
        <source>Changes against the plan this one is based on</source>
        <translation>Wijzigingsoverzicht (ten opzichte van het plan waarvan dit is afgeleid)</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Begroting</translation>
    </message>
    <message>
        <source>Contributions per municipality</source>
        <translation>Bijdragen per gemeente</translation>
    </message>
    <message>
        <source>Actuals and depletion</source>
        <translation>Realisatie en uitputting</translation>
    </message>
    <message>
        <source>Settlement per municipality</source>
        <translation>Afrekening per gemeente</translation>
    </message>
    <message>
        <source>Staffing and half-days</source>
        <translation>Formatie en dagdelen</translation>
    </message>
    <message>
        <source>Project sheets</source>
        <translation>Projectfiches</translation>
    </message>
    <message>
        <source>Progress report</source>
        <translation>Voortgangsrapportage</translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation>Monitor</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Grafieken</translation>
    </message>
    <message>
        <source>Only for an amendment or a scenario: this plan is based on no other.</source>
        <translation>Alleen voor een wijziging of scenario: dit plan is niet van een ander plan afgeleid.</translation>
    </message>
    <message>
        <source>Budget: show the project number beside each line</source>
        <translation>Begroting: toon het projectnummer bij elke post</translation>
    </message>
    <message>
        <source>Budget: mark what changed against the plan this one is based on</source>
        <translation>Begroting: markeer wat veranderde ten opzichte van het plan waarvan dit is afgeleid</translation>
    </message>
    <message>
        <source>Years (budget and contributions)</source>
        <translation>Jaren (begroting en bijdragen)</translation>
    </message>
    <message>
        <source>Chapters (project sheets and progress report)</source>
        <translation>Hoofdstukken (projectfiches en voortgangsrapportage)</translation>
    </message>
    <message>
        <source>Chapters</source>
        <translation>Hoofdstukken</translation>
    </message>
    <message>
        <source>The chapters whose project sheets and progress go in the PDF; Space ticks one</source>
        <translation>De hoofdstukken waarvan de projectbladen en de voortgang in de PDF komen; met de spatiebalk vinkt u er een aan</translation>
    </message>
    <message>
        <source>Progress as of:</source>
        <translation>Voortgang per:</translation>
    </message>
    <message>
        <source>Now (current status)</source>
        <translation>Nu (huidige status)</translation>
    </message>
    <message>
        <source>{name} (as of {day})</source>
        <translation>{name} (stand op {day})</translation>
    </message>
    <message>
        <source>Reporting moment of the progress report</source>
        <translation>Peilmoment van de voortgangsrapportage</translation>
    </message>
    <message>
        <source>Make PDF</source>
        <translation>PDF maken</translation>
    </message>
    <message>
        <source>Choose at least one annex.</source>
        <translation>Kies ten minste één bijlage.</translation>
    </message>
    <message>
        <source>Choose at least one year.</source>
        <translation>Kies ten minste één jaar.</translation>
    </message>
    <message>
        <source>Choose at least one chapter.</source>
        <translation>Kies ten minste één hoofdstuk.</translation>
    </message>
    <message>
        <source>annexes</source>
        <translation>bijlagen</translation>
    </message>
    <message>
        <source>Plan {year} - {what}.pdf</source>
        <translation>Uitvoeringsplan {year} - {what}.pdf</translation>
    </message>
    <message>
        <source>Making the PDF…</source>
        <translation>PDF maken…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>The PDF could not be made. The details are in the log file.</source>
        <translation>De PDF kon niet worden gemaakt. De details staan in het logbestand.</translation>
    </message>
    <message>
        <source>Drawing the charts…</source>
        <translation>Grafieken tekenen…</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>Preview: {name}</source>
        <translation>Voorbeeld: {name}</translation>
    </message>
    <message>
        <source>{count} page(s)</source>
        <translation>{count} pagina(&apos;s)</translation>
    </message>
    <message>
        <source>Zoom:</source>
        <translation>Zoom:</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>Pages of the PDF</source>
        <translation>Pagina&apos;s van de PDF</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Opslaan…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Afdrukken…</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>PDF opslaan</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-bestanden (*.pdf)</translation>
    </message>
    <message>
        <source>Saved as {path}</source>
        <translation>Opgeslagen als {path}</translation>
    </message>
    <message>
        <source>The printer cannot be used.</source>
        <translation>De printer kan niet worden gebruikt.</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Beschikbaar</translation>
    </message>
    <message>
        <source>Allocated</source>
        <translation>Ingezet</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Vrij</translation>
    </message>
    <message>
        <source>Half-days per week</source>
        <translation>Dagdelen per week</translation>
    </message>
    <message>
        <source>{name} is allocated {allocated} half-days per week, available {available}.</source>
        <translation>{name} is ingezet voor {allocated} dagdelen per week, beschikbaar {available}.</translation>
    </message>
    <message>
        <source>People are changed one cell at a time.</source>
        <translation>Medewerkers worden cel voor cel gewijzigd.</translation>
    </message>
    <message>
        <source>Cell {cell} is computed; nothing was changed.</source>
        <translation>Cel {cell} wordt berekend; er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>Rename {name}</source>
        <translation>{name} hernoemen</translation>
    </message>
    <message>
        <source>There is no role &apos;{text}&apos;; choose one of: {roles}, or leave it empty.</source>
        <translation>Er is geen rol &apos;{text}&apos;; kies uit: {roles}, of laat de cel leeg.</translation>
    </message>
    <message>
        <source>Change role of {name}</source>
        <translation>Rol van {name} wijzigen</translation>
    </message>
    <message>
        <source>Change availability of {name}</source>
        <translation>Beschikbaarheid van {name} wijzigen</translation>
    </message>
</context>
<context>
    <name>PlanActions</name>
    <message>
        <source>Make a scenario</source>
        <translation>Scenario maken</translation>
    </message>
    <message>
        <source>&amp;Adopt…</source>
        <translation>&amp;Vaststellen…</translation>
    </message>
    <message>
        <source>Next &amp;year&apos;s plan…</source>
        <translation>Plan van volgend &amp;jaar…</translation>
    </message>
    <message>
        <source>Ne&amp;w plan…</source>
        <translation>Nie&amp;uw plan…</translation>
    </message>
    <message>
        <source>Make a &amp;scenario</source>
        <translation>&amp;Scenario maken</translation>
    </message>
    <message>
        <source>Rena&amp;me plan…</source>
        <translation>Naam van plan wij&amp;zigen…</translation>
    </message>
    <message>
        <source>Year &amp;columns…</source>
        <translation>Jaar&amp;kolommen…</translation>
    </message>
    <message>
        <source>Delete p&amp;lan…</source>
        <translation>Plan ve&amp;rwijderen…</translation>
    </message>
    <message>
        <source>Adopt the plan</source>
        <translation>Plan vaststellen</translation>
    </message>
    <message>
        <source>Adopted on</source>
        <translation>Vastgesteld op</translation>
    </message>
    <message>
        <source>Adopted by</source>
        <translation>Vastgesteld door</translation>
    </message>
    <message>
        <source>Next year&apos;s plan</source>
        <translation>Plan van volgend jaar</translation>
    </message>
    <message>
        <source>The amounts of the year before</source>
        <translation>De bedragen van het jaar ervoor</translation>
    </message>
    <message>
        <source>Empty</source>
        <translation>Leeg</translation>
    </message>
    <message>
        <source>id. (the same as the year before)</source>
        <translation>id. (hetzelfde als het jaar ervoor)</translation>
    </message>
    <message>
        <source>The new last year holds</source>
        <translation>Het nieuwe laatste jaar krijgt</translation>
    </message>
    <message>
        <source>New plan</source>
        <translation>Nieuw plan</translation>
    </message>
    <message>
        <source>Uitvoeringsplan {year}</source>
        <translation>Uitvoeringsplan {year}</translation>
    </message>
    <message>
        <source>(choose later)</source>
        <translation>(later kiezen)</translation>
    </message>
    <message>
        <source>&amp;Year</source>
        <translation>&amp;Jaar</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Titel</translation>
    </message>
    <message>
        <source>Budget &amp;from</source>
        <translation>Begroting &amp;van</translation>
    </message>
    <message>
        <source>Budget &amp;to</source>
        <translation>Begroting &amp;tot en met</translation>
    </message>
    <message>
        <source>&amp;Half-days per fte</source>
        <translation>&amp;Dagdelen per fte</translation>
    </message>
    <message>
        <source>Allocation &amp;key</source>
        <translation>Verdeel&amp;sleutel</translation>
    </message>
    <message>
        <source>Year columns</source>
        <translation>Jaarkolommen</translation>
    </message>
    <message>
        <source>The first columns can hold last year&apos;s budget, shown and printed for comparison: never funded, split over the municipalities or checked.</source>
        <translation>De eerste kolommen kunnen de begroting van vorig jaar bevatten, getoond en afgedrukt ter vergelijking: nooit gedekt, verdeeld over de gemeenten of gecontroleerd.</translation>
    </message>
    <message>
        <source>Of which for &amp;comparison</source>
        <translation>Waarvan ter &amp;vergelijking</translation>
    </message>
    <message>
        <source>New plan {year}</source>
        <translation>Nieuw plan {year}</translation>
    </message>
    <message>
        <source>Rename plan</source>
        <translation>Naam van plan wijzigen</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Titel:</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>… en nog {count}</translation>
    </message>
    <message>
        <source>Years {first}–{last} leave out these amounts, which are removed:</source>
        <translation>De jaren {first}–{last} laten deze bedragen weg; ze worden verwijderd:</translation>
    </message>
    <message>
        <source>You can undo this with Ctrl+Z.</source>
        <translation>U kunt dit ongedaan maken met Ctrl+Z.</translation>
    </message>
    <message>
        <source>Year columns {first}–{last}</source>
        <translation>Jaarkolommen {first}–{last}</translation>
    </message>
    <message>
        <source>Delete plan</source>
        <translation>Plan verwijderen</translation>
    </message>
    <message>
        <source>Delete “{title}” with its chapters, projects, staffing, budget and funding? You can undo this with Ctrl+Z.</source>
        <translation>“{title}” verwijderen, met de hoofdstukken, projecten, formatie, begroting en dekking? U kunt dit ongedaan maken met Ctrl+Z.</translation>
    </message>
    <message>
        <source>Delete an adopted plan</source>
        <translation>Een vastgesteld plan verwijderen</translation>
    </message>
    <message>
        <source>“{title}” is adopted: it is what the councils were told. Are you sure you want to delete an adopted plan?</source>
        <translation>“{title}” is vastgesteld: dit is wat de raden is voorgelegd. Weet u zeker dat u een vastgesteld plan wilt verwijderen?</translation>
    </message>
    <message>
        <source>Delete plan “{title}”</source>
        <translation>Plan “{title}” verwijderen</translation>
    </message>
</context>
<context>
    <name>PlanBanner</name>
    <message>
        <source>Make an amendment</source>
        <translation>Wijziging maken</translation>
    </message>
</context>
<context>
    <name>PlanMenus</name>
    <message>
        <source>Make an &amp;amendment…</source>
        <translation>&amp;Wijziging maken…</translation>
    </message>
    <message>
        <source>&amp;Plan</source>
        <translation>&amp;Plan</translation>
    </message>
    <message>
        <source>Pa&amp;ge</source>
        <translation>Pa&amp;gina</translation>
    </message>
    <message>
        <source>Only an adopted plan gets an amendment: choose it in the tree first.</source>
        <translation>Alleen van een vastgesteld plan maakt u een wijziging: kies het eerst in de boom.</translation>
    </message>
    <message>
        <source>(this page has no actions)</source>
        <translation>(deze pagina heeft geen acties)</translation>
    </message>
</context>
<context>
    <name>PlanPage</name>
    <message>
        <source>First plan</source>
        <translation>Eerste plan</translation>
    </message>
    <message>
        <source>The implementation plan you start with. You can also add it later.</source>
        <translation>Het uitvoeringsplan waarmee u begint. U kunt het ook later toevoegen.</translation>
    </message>
    <message>
        <source>Add a plan later</source>
        <translation>Het plan later toevoegen</translation>
    </message>
    <message>
        <source>Uitvoeringsplan {year}</source>
        <translation>Uitvoeringsplan {year}</translation>
    </message>
    <message>
        <source>to</source>
        <translation>tot en met</translation>
    </message>
    <message>
        <source>Plan year</source>
        <translation>Planjaar</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Budget years</source>
        <translation>Begrotingsjaren</translation>
    </message>
    <message>
        <source>Half-days per fte</source>
        <translation>Dagdelen per fte</translation>
    </message>
    <message>
        <source>First budget year</source>
        <translation>Eerste begrotingsjaar</translation>
    </message>
    <message>
        <source>Last budget year</source>
        <translation>Laatste begrotingsjaar</translation>
    </message>
</context>
<context>
    <name>ProgressModel</name>
    <message>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>Chapter</source>
        <translation>Hoofdstuk</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Acties</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Over tijd</translation>
    </message>
    <message>
        <source>{n} action(s) overdue on the moment&apos;s day: due before it and not achieved then.</source>
        <translation>{n} actie(s) over tijd op de peildatum: uiterlijk vóór die dag en toen niet behaald.</translation>
    </message>
    <message>
        <source>{n} action(s) overdue: past the due date and not achieved.</source>
        <translation>{n} actie(s) over tijd: einddatum verstreken en niet behaald.</translation>
    </message>
</context>
<context>
    <name>ProgressOverview</name>
    <message>
        <source>All statuses</source>
        <translation>Alle statussen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Eigenaar</translation>
    </message>
    <message>
        <source>Chapter</source>
        <translation>Hoofdstuk</translation>
    </message>
    <message>
        <source>Progress per project</source>
        <translation>Voortgang per project</translation>
    </message>
    <message>
        <source>One row per project: its actions per status and how many are overdue; Enter opens the project</source>
        <translation>Eén rij per project: de acties per status en hoeveel er over tijd zijn; Enter opent het project</translation>
    </message>
    <message>
        <source>&amp;New reporting moment…</source>
        <translation>&amp;Nieuw peilmoment…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Verwijderen…</translation>
    </message>
    <message>
        <source>Delete reporting moment</source>
        <translation>Peilmoment verwijderen</translation>
    </message>
    <message>
        <source>Delete the chosen reporting moment with the statuses recorded for it (undo with Ctrl+Z)</source>
        <translation>Het gekozen peilmoment verwijderen, met de statussen die ervoor zijn vastgelegd (ongedaan maken met Ctrl+Z)</translation>
    </message>
    <message>
        <source>Reporting &amp;moment</source>
        <translation>Peil&amp;moment</translation>
    </message>
    <message>
        <source>Now shows today&apos;s statuses; a reporting moment shows the statuses as of its day and what changed since the previous moment</source>
        <translation>Nu toont de statussen van vandaag; een peilmoment toont de statussen op de peildatum en wat er sinds het vorige peilmoment veranderde</translation>
    </message>
    <message>
        <source>Actions at the reporting moment</source>
        <translation>Acties op het peilmoment</translation>
    </message>
    <message>
        <source>The project&apos;s actions as of the chosen moment; type a status or remark to record it for that moment</source>
        <translation>De acties van het project op het gekozen peilmoment; typ een status of opmerking om die voor dat peilmoment vast te leggen</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>Alle eigenaren</translation>
    </message>
    <message>
        <source>All chapters</source>
        <translation>Alle hoofdstukken</translation>
    </message>
    <message>
        <source>Now (current status)</source>
        <translation>Nu (huidige status)</translation>
    </message>
    <message>
        <source>{name} (as of {day})</source>
        <translation>{name} (stand op {day})</translation>
    </message>
    <message>
        <source>{projects} projects, {actions} actions</source>
        <translation>{projects} projecten, {actions} acties</translation>
    </message>
    <message>
        <source>, of which {n} overdue</source>
        <translation>, waarvan {n} over tijd</translation>
    </message>
    <message>
        <source>Changes (first moment)</source>
        <translation>Wijzigingen (eerste peilmoment)</translation>
    </message>
    <message>
        <source>Changed since {day}</source>
        <translation>Gewijzigd sinds {day}</translation>
    </message>
    <message>
        <source>What changed per project since {moment}: new, improved, worsened, achieved</source>
        <translation>Wat er per project veranderde sinds {moment}: nieuw, verbeterd, verslechterd, behaald</translation>
    </message>
    <message>
        <source>The first reporting moment: every action reported is new</source>
        <translation>Het eerste peilmoment: elke gemelde actie is nieuw</translation>
    </message>
    <message>
        <source>, of which {n} overdue on {day}</source>
        <translation>, waarvan {n} over tijd op {day}</translation>
    </message>
    <message>
        <source>As of {day}: {records} status(es) recorded for this moment.</source>
        <translation>Stand op {day}: {records} status(sen) vastgelegd voor dit peilmoment.</translation>
    </message>
    <message>
        <source>Since {moment}: {changes}.</source>
        <translation>Sinds {moment}: {changes}.</translation>
    </message>
    <message>
        <source>nothing changed</source>
        <translation>niets gewijzigd</translation>
    </message>
    <message>
        <source>Choose a project above to see its actions.</source>
        <translation>Kies hierboven een project om de acties ervan te zien.</translation>
    </message>
    <message>
        <source>Actions of {project} as of {moment}</source>
        <translation>Acties van {project} op {moment}</translation>
    </message>
    <message>
        <source>New reporting moment</source>
        <translation>Nieuw peilmoment</translation>
    </message>
    <message>
        <source>Delete “{moment}” and the {records} status(es) recorded for it? The actions keep their current status.</source>
        <translation>“{moment}” verwijderen, met de {records} status(sen) die ervoor zijn vastgelegd? De acties houden hun huidige status.</translation>
    </message>
    <message>
        <source>This can be undone with Ctrl+Z.</source>
        <translation>Dit kunt u ongedaan maken met Ctrl+Z.</translation>
    </message>
    <message>
        <source>Choose a reporting moment first.</source>
        <translation>Kies eerst een peilmoment.</translation>
    </message>
    <message>
        <source>Record status</source>
        <translation>Status vastleggen</translation>
    </message>
</context>
<context>
    <name>ProjectEditor</name>
    <message>
        <source>dd-mm-yyyy</source>
        <translation>dd-mm-jjjj</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Omschrijving</translation>
    </message>
    <message>
        <source>Administrative sponsor</source>
        <translation>Bestuurlijk opdrachtgever</translation>
    </message>
    <message>
        <source>Official sponsor</source>
        <translation>Ambtelijk opdrachtgever</translation>
    </message>
    <message>
        <source>Contractor</source>
        <translation>Opdrachtnemer</translation>
    </message>
    <message>
        <source>to</source>
        <translation>tot en met</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Looptijd</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>The actions with owner, due date, status and remark; an overdue action has a triangle at its due date; type in the last row to add one</source>
        <translation>De acties met eigenaar, einddatum, status en opmerking; een actie die over tijd is heeft een driehoek bij de einddatum; typ in de laatste rij om er een toe te voegen</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Te bereiken doelen</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Acties</translation>
    </message>
    <message>
        <source>Budget lines linked to this project</source>
        <translation>Begrotingsposten van dit project</translation>
    </message>
    <message>
        <source>This project no longer exists.</source>
        <translation>Dit project bestaat niet meer.</translation>
    </message>
    <message>
        <source>Project {label}</source>
        <translation>Project {label}</translation>
    </message>
    <message>
        <source>Edit the list…</source>
        <translation>Lijst bewerken…</translation>
    </message>
    <message>
        <source>Chapter</source>
        <translation>Hoofdstuk</translation>
    </message>
    <message>
        <source>Half-days</source>
        <translation>Dagdelen</translation>
    </message>
    <message>
        <source>Ambitions served</source>
        <translation>Dient de ambities</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Begindatum</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>Einddatum</translation>
    </message>
    <message>
        <source>The ambitions of the regional vision this project serves; Space ticks one</source>
        <translation>De ambities uit de regiovisie waaraan dit project bijdraagt; met de spatiebalk vinkt u er een aan</translation>
    </message>
    <message>
        <source>The goals in their order; type in the last row to add one</source>
        <translation>De doelen in volgorde; typ in de laatste rij om er een toe te voegen</translation>
    </message>
    <message>
        <source>The budget lines of this project per year; read-only, edited on the Budget page</source>
        <translation>De begrotingsposten van dit project per jaar; alleen-lezen, te wijzigen op de pagina Begroting</translation>
    </message>
    <message>
        <source>Project form</source>
        <translation>Projectgegevens</translation>
    </message>
    <message>
        <source>No budget lines are linked to this project.</source>
        <translation>Aan dit project zijn geen begrotingsposten gekoppeld.</translation>
    </message>
    <message>
        <source>{half_days} per week ({fte} fte) in the staffing table</source>
        <translation>{half_days} per week ({fte} fte) in de formatie</translation>
    </message>
    <message>
        <source>the chapter text says {stated}</source>
        <translation>de hoofdstuktekst noemt {stated}</translation>
    </message>
    <message>
        <source>Change title</source>
        <translation>Titel wijzigen</translation>
    </message>
    <message>
        <source>Change description</source>
        <translation>Omschrijving wijzigen</translation>
    </message>
    <message>
        <source>Change administrative sponsor</source>
        <translation>Bestuurlijk opdrachtgever wijzigen</translation>
    </message>
    <message>
        <source>Change official sponsor</source>
        <translation>Ambtelijk opdrachtgever wijzigen</translation>
    </message>
    <message>
        <source>Change contractor</source>
        <translation>Opdrachtnemer wijzigen</translation>
    </message>
    <message>
        <source>Change start date</source>
        <translation>Startdatum wijzigen</translation>
    </message>
    <message>
        <source>Change end date</source>
        <translation>Einddatum wijzigen</translation>
    </message>
    <message>
        <source>Change project status</source>
        <translation>Projectstatus wijzigen</translation>
    </message>
    <message>
        <source>Move project to {chapter}</source>
        <translation>Project verplaatsen naar {chapter}</translation>
    </message>
    <message>
        <source>Change ambitions served</source>
        <translation>Ambities van het project wijzigen</translation>
    </message>
    <message>
        <source>New &amp;goal</source>
        <translation>Nieuw &amp;doel</translation>
    </message>
    <message>
        <source>Goal &amp;up</source>
        <translation>Doel om&amp;hoog</translation>
    </message>
    <message>
        <source>Goal &amp;down</source>
        <translation>Doel oml&amp;aag</translation>
    </message>
    <message>
        <source>Dele&amp;te goal</source>
        <translation>Doel &amp;verwijderen</translation>
    </message>
    <message>
        <source>New &amp;action</source>
        <translation>Nieuwe a&amp;ctie</translation>
    </message>
    <message>
        <source>Action u&amp;p</source>
        <translation>Actie &amp;omhoog</translation>
    </message>
    <message>
        <source>Action do&amp;wn</source>
        <translation>Actie om&amp;laag</translation>
    </message>
    <message>
        <source>Delete a&amp;ction</source>
        <translation>Actie verw&amp;ijderen</translation>
    </message>
    <message>
        <source>Occurre&amp;nces…</source>
        <translation>Herhali&amp;ngen…</translation>
    </message>
    <message>
        <source>This action does not recur. Type how often in its Due cell, e.g. “maandelijks” or “elk kwartaal tot en met 2023”.</source>
        <translation>Deze actie herhaalt zich niet. Typ bij Uiterlijk hoe vaak, bijv. “maandelijks” of “elk kwartaal tot en met 2023”.</translation>
    </message>
    <message>
        <source>New goal</source>
        <translation>Nieuw doel</translation>
    </message>
    <message>
        <source>Paste actions</source>
        <translation>Acties plakken</translation>
    </message>
    <message>
        <source>New action</source>
        <translation>Nieuwe actie</translation>
    </message>
    <message>
        <source>It cannot go further that way.</source>
        <translation>Verder die kant op kan niet.</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Omhoog</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Omlaag</translation>
    </message>
    <message>
        <source>Delete goal “{name}”</source>
        <translation>Doel “{name}” verwijderen</translation>
    </message>
    <message>
        <source>Delete action “{name}”</source>
        <translation>Actie “{name}” verwijderen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <source>This can be undone with Ctrl+Z.</source>
        <translation>Dit kunt u ongedaan maken met Ctrl+Z.</translation>
    </message>
</context>
<context>
    <name>RegionCommands</name>
    <message>
        <source>Rename {name}</source>
        <translation>Naam van {name} wijzigen</translation>
    </message>
</context>
<context>
    <name>RegionEditor</name>
    <message>
        <source>The municipalities of the region and the groups each belongs to; type a name to rename one</source>
        <translation>De gemeenten van de regio en de groepen waartoe elk behoort; typ een naam om een gemeente te hernoemen</translation>
    </message>
    <message>
        <source>Groups of municipalities with their code, name and members; Enter on the members ticks them</source>
        <translation>Groepen gemeenten met hun code, naam en leden; Enter op de leden vinkt ze aan</translation>
    </message>
    <message>
        <source>The region&apos;s allocation keys, their method and the plans that use them</source>
        <translation>De verdeelsleutels van de regio, hun methode en de plannen die ze gebruiken</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Toevoegen…</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Omhoog</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Omlaag</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Verwijderen…</translation>
    </message>
    <message>
        <source>Add &amp;group…</source>
        <translation>&amp;Groep toevoegen…</translation>
    </message>
    <message>
        <source>&amp;Tick members…</source>
        <translation>&amp;Leden aanvinken…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <source>&amp;New key…</source>
        <translation>Nieuwe &amp;sleutel…</translation>
    </message>
    <message>
        <source>&amp;Copy…</source>
        <translation>&amp;Kopiëren…</translation>
    </message>
    <message>
        <source>&amp;Name of the region</source>
        <translation>&amp;Naam van de regio</translation>
    </message>
    <message>
        <source>Municipalities</source>
        <translation>Gemeenten</translation>
    </message>
    <message>
        <source>The shares of a key are filled in on the Allocation key page of a plan that uses it; there each plan also chooses its key.</source>
        <translation>De aandelen van een sleutel vult u in op de pagina Verdeelsleutel van een plan dat hem gebruikt; daar kiest elk plan ook zijn sleutel.</translation>
    </message>
    <message>
        <source>Groups of municipalities</source>
        <translation>Groepen gemeenten</translation>
    </message>
    <message>
        <source>Allocation keys</source>
        <translation>Verdeelsleutels</translation>
    </message>
    <message>
        <source>Region {name}: municipalities, groups and allocation keys</source>
        <translation>{name}: gemeenten, groepen en verdeelsleutels</translation>
    </message>
    <message>
        <source>New allocation key</source>
        <translation>Nieuwe verdeelsleutel</translation>
    </message>
    <message>
        <source>Percentages</source>
        <translation>Percentages</translation>
    </message>
    <message>
        <source>Derived from a basis figure (e.g. inhabitants)</source>
        <translation>Afgeleid van een basisgetal (bijv. inwoners)</translation>
    </message>
    <message>
        <source>&amp;Name (e.g. Inhabitants 1-1-2023)</source>
        <translation>&amp;Naam (bijv. Inwoners 1-1-2023)</translation>
    </message>
    <message>
        <source>&amp;Shares</source>
        <translation>&amp;Aandelen</translation>
    </message>
    <message>
        <source>Rename the region</source>
        <translation>Naam van de regio wijzigen</translation>
    </message>
    <message>
        <source>Add municipality</source>
        <translation>Gemeente toevoegen</translation>
    </message>
    <message>
        <source>Name of the municipality</source>
        <translation>Naam van de gemeente</translation>
    </message>
    <message>
        <source>Add municipality {name}</source>
        <translation>Gemeente {name} toevoegen</translation>
    </message>
    <message>
        <source>Move {name}</source>
        <translation>{name} verplaatsen</translation>
    </message>
    <message>
        <source>Remove {name} from the region?</source>
        <translation>{name} uit de regio verwijderen?</translation>
    </message>
    <message>
        <source>With it go:</source>
        <translation>Daarmee vervalt:</translation>
    </message>
    <message>
        <source>You can undo this with Ctrl+Z.</source>
        <translation>U kunt dit ongedaan maken met Ctrl+Z.</translation>
    </message>
    <message>
        <source>Remove municipality</source>
        <translation>Gemeente verwijderen</translation>
    </message>
    <message>
        <source>Remove {name}</source>
        <translation>{name} verwijderen</translation>
    </message>
    <message>
        <source>New group of municipalities</source>
        <translation>Nieuwe groep gemeenten</translation>
    </message>
    <message>
        <source>Add group {code}</source>
        <translation>Groep {code} toevoegen</translation>
    </message>
    <message>
        <source>Members of {code}</source>
        <translation>Leden van {code}</translation>
    </message>
    <message>
        <source>Change {code}</source>
        <translation>{code} wijzigen</translation>
    </message>
    <message>
        <source>Remove group {code}</source>
        <translation>Groep {code} verwijderen</translation>
    </message>
    <message>
        <source>New allocation key {name}</source>
        <translation>Nieuwe verdeelsleutel {name}</translation>
    </message>
    <message>
        <source>Copy allocation key</source>
        <translation>Verdeelsleutel kopiëren</translation>
    </message>
    <message>
        <source>Name of the copy</source>
        <translation>Naam van de kopie</translation>
    </message>
    <message>
        <source>{name} (copy)</source>
        <translation>{name} (kopie)</translation>
    </message>
    <message>
        <source>Copy allocation key {name}</source>
        <translation>Verdeelsleutel {name} kopiëren</translation>
    </message>
    <message>
        <source>Remove the allocation key “{name}”?</source>
        <translation>De verdeelsleutel “{name}” verwijderen?</translation>
    </message>
    <message>
        <source>These plans then have no key until you choose one: {plans}.</source>
        <translation>Deze plannen hebben dan geen sleutel tot u er een kiest: {plans}.</translation>
    </message>
    <message>
        <source>Remove allocation key</source>
        <translation>Verdeelsleutel verwijderen</translation>
    </message>
    <message>
        <source>Remove allocation key {name}</source>
        <translation>Verdeelsleutel {name} verwijderen</translation>
    </message>
</context>
<context>
    <name>RegionPage</name>
    <message>
        <source>Region</source>
        <translation>Regio</translation>
    </message>
    <message>
        <source>The youth-care region this workspace is for.</source>
        <translation>De jeugdzorgregio waarvoor dit werkbestand is.</translation>
    </message>
    <message>
        <source>e.g. Regio Haaglanden</source>
        <translation>bijv. Regio Haaglanden</translation>
    </message>
    <message>
        <source>Name of the region</source>
        <translation>Naam van de regio</translation>
    </message>
</context>
<context>
    <name>RegionTableModel</name>
    <message>
        <source>This file is open read-only.</source>
        <translation>Dit bestand is alleen-lezen geopend.</translation>
    </message>
    <message>
        <source>Cell {cell} cannot be changed here.</source>
        <translation>Cel {cell} kan hier niet worden gewijzigd.</translation>
    </message>
    <message>
        <source>Change {count} names</source>
        <translation>{count} namen wijzigen</translation>
    </message>
</context>
<context>
    <name>RestoreBackupDialog</name>
    <message>
        <source>Restore a backup</source>
        <translation>Reservekopie terugzetten</translation>
    </message>
    <message>
        <source>Backups of “{name}”, newest first. The backup you choose is restored into a new file; the current file stays as it is.</source>
        <translation>Reservekopieën van “{name}”, nieuwste eerst. De gekozen reservekopie wordt teruggezet in een nieuw bestand; het huidige bestand blijft zoals het is.</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Reservekopieën</translation>
    </message>
    <message>
        <source>When each backup was made and its budget total, newest first</source>
        <translation>Wanneer elke reservekopie gemaakt is en het begrotingstotaal, nieuwste eerst</translation>
    </message>
    <message>
        <source>Made on</source>
        <translation>Gemaakt op</translation>
    </message>
    <message>
        <source>Budget {year}</source>
        <translation>Begroting {year}</translation>
    </message>
    <message>
        <source>cannot be read</source>
        <translation>onleesbaar</translation>
    </message>
    <message>
        <source>There are no backups of this file yet. Planbord makes one every ten minutes while the file changes.</source>
        <translation>Er zijn nog geen reservekopieën van dit bestand. Planbord maakt er elke tien minuten een zolang het bestand verandert.</translation>
    </message>
    <message>
        <source>Restore as…</source>
        <translation>Terugzetten als…</translation>
    </message>
    <message>
        <source>{stem} (restored {date})</source>
        <translation>{stem} (teruggezet {date})</translation>
    </message>
    <message>
        <source>Restore backup as</source>
        <translation>Reservekopie terugzetten als</translation>
    </message>
    <message>
        <source>The backup cannot be restored ({reason}).</source>
        <translation>De reservekopie kan niet worden teruggezet ({reason}).</translation>
    </message>
</context>
<context>
    <name>RolesModel</name>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Fte</source>
        <translation>Fte</translation>
    </message>
    <message>
        <source>Of which for execution (fte)</source>
        <translation>Waarvan voor
uitvoering (fte)</translation>
    </message>
    <message>
        <source>Half-days per week</source>
        <translation>Dagdelen
per week</translation>
    </message>
    <message>
        <source>Fte for execution × the plan&apos;s half-days per fte; computed</source>
        <translation>Fte voor uitvoering × de dagdelen per fte van het plan; berekend</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totaal</translation>
    </message>
    <message>
        <source>Roles are changed one cell at a time.</source>
        <translation>Rollen worden cel voor cel gewijzigd.</translation>
    </message>
    <message>
        <source>Cell {cell} is computed; nothing was changed.</source>
        <translation>Cel {cell} wordt berekend; er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>Rename role {name}</source>
        <translation>Rol {name} hernoemen</translation>
    </message>
    <message>
        <source>Change fte of {name}</source>
        <translation>Fte van {name} wijzigen</translation>
    </message>
    <message>
        <source>Change fte for execution of {name}</source>
        <translation>Fte voor uitvoering van {name} wijzigen</translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message>
        <source>Open from server</source>
        <translation>Openen van server</translation>
    </message>
    <message>
        <source>The shared database of the programme office on a PostgreSQL server. Ask the administrator for these details.</source>
        <translation>De gedeelde database van het programmabureau op een PostgreSQL-server. Vraag de beheerder om deze gegevens.</translation>
    </message>
    <message>
        <source>&amp;Remember the password in the system&apos;s keyring</source>
        <translation>Wachtwoord &amp;onthouden in de sleutelbos van het systeem</translation>
    </message>
    <message>
        <source>This computer has no keyring: the password is asked each time.</source>
        <translation>Deze computer heeft geen sleutelbos: het wachtwoord wordt elke keer gevraagd.</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Poort:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Database:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Gebruiker:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>&amp;Wachtwoord:</translation>
    </message>
    <message>
        <source>Fill in the server and the database.</source>
        <translation>Vul de server en de database in.</translation>
    </message>
</context>
<context>
    <name>ServerWatch</name>
    <message>
        <source>Also in this plan: {names}</source>
        <translation>Ook in dit plan: {names}</translation>
    </message>
    <message>
        <source>Also open by: {names}</source>
        <translation>Ook geopend door: {names}</translation>
    </message>
    <message>
        <source>Changed by someone else; the figures are up to date.</source>
        <translation>Gewijzigd door iemand anders; de cijfers zijn bijgewerkt.</translation>
    </message>
</context>
<context>
    <name>SetDialog</name>
    <message>
        <source>&amp;Code (e.g. H8)</source>
        <translation>&amp;Code (bijv. H8)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Naam</translation>
    </message>
    <message>
        <source>&amp;Members (Space ticks)</source>
        <translation>&amp;Leden (spatie vinkt aan)</translation>
    </message>
</context>
<context>
    <name>SetsModel</name>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Leden</translation>
    </message>
    <message>
        <source>Change {code}</source>
        <translation>{code} wijzigen</translation>
    </message>
</context>
<context>
    <name>SettlementsModel</name>
    <message>
        <source>Fixed settlement</source>
        <translation>Regioverrekening</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Gemeenten</translation>
    </message>
    <message>
        <source>The fixed settlements are read-only here.</source>
        <translation>De vaste regioverrekeningen zijn hier alleen te bekijken.</translation>
    </message>
</context>
<context>
    <name>SheetView</name>
    <message>
        <source>This cell is computed or read-only.</source>
        <translation>Deze cel wordt berekend of is alleen-lezen.</translation>
    </message>
    <message>
        <source>Copy works on one rectangular selection.</source>
        <translation>Kopiëren werkt op één rechthoekige selectie.</translation>
    </message>
    <message>
        <source>Nothing here can be cleared.</source>
        <translation>Hier valt niets te wissen.</translation>
    </message>
    <message>
        <source>The clipboard is empty: copy cells first.</source>
        <translation>Het klembord is leeg: kopieer eerst cellen.</translation>
    </message>
    <message>
        <source>Paste into one rectangular selection.</source>
        <translation>Plak in één rechthoekige selectie.</translation>
    </message>
    <message>
        <source>The pasted block ({rows} × {columns}) does not fit: from here there is room for {free_rows} × {free_columns}. Nothing was pasted.</source>
        <translation>Het geplakte blok ({rows} × {columns}) past niet: vanaf hier is er ruimte voor {free_rows} × {free_columns}. Er is niets geplakt.</translation>
    </message>
    <message>
        <source>Cell {cell} is computed or read-only; nothing was pasted.</source>
        <translation>Cel {cell} wordt berekend of is alleen-lezen; er is niets geplakt.</translation>
    </message>
</context>
<context>
    <name>StaffingEditor</name>
    <message>
        <source>How many half-days per week one fte is in this plan</source>
        <translation>Hoeveel dagdelen per week één fte is in dit plan</translation>
    </message>
    <message>
        <source>Half-days per fte</source>
        <translation>Dagdelen per fte</translation>
    </message>
    <message>
        <source>1 fte =</source>
        <translation>1 fte =</translation>
    </message>
    <message>
        <source>half-days per week</source>
        <translation>dagdelen per week</translation>
    </message>
    <message>
        <source>The roles of the staffing; type a role, its fte and the fte for execution</source>
        <translation>De rollen van de formatie; typ een rol, de fte en de fte voor uitvoering</translation>
    </message>
    <message>
        <source>The people; type a name, a role and the half-days per week available</source>
        <translation>De personen; typ een naam, een rol en de beschikbare dagdelen per week</translation>
    </message>
    <message>
        <source>Half-days per week per project for each role or person; type a number</source>
        <translation>Dagdelen per week per project voor elke rol of persoon; typ een getal</translation>
    </message>
    <message>
        <source>Half-days per week: fte for execution × the factor above.</source>
        <translation>Dagdelen per week: fte voor uitvoering × de factor hierboven.</translation>
    </message>
    <message>
        <source>Staffing (formatie)</source>
        <translation>Formatie</translation>
    </message>
    <message>
        <source>Optional: name people to allocate them in the matrix.</source>
        <translation>Optioneel: benoem medewerkers om ze in de matrix in te zetten.</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Medewerkers</translation>
    </message>
    <message>
        <source>Half-days per week per project; general work below the projects.</source>
        <translation>Dagdelen per week per project; algemeen werk onder de projecten.</translation>
    </message>
    <message>
        <source>Allocation of half-days</source>
        <translation>Inzet van dagdelen</translation>
    </message>
    <message>
        <source>Change half-days per fte to {value}</source>
        <translation>Dagdelen per fte wijzigen in {value}</translation>
    </message>
    <message>
        <source>New &amp;role</source>
        <translation>Nieuwe &amp;rol</translation>
    </message>
    <message>
        <source>&amp;Delete role</source>
        <translation>Rol &amp;verwijderen</translation>
    </message>
    <message>
        <source>New &amp;person</source>
        <translation>Nieuwe &amp;medewerker</translation>
    </message>
    <message>
        <source>Delete p&amp;erson</source>
        <translation>Medewerker ver&amp;wijderen</translation>
    </message>
    <message>
        <source>New role</source>
        <translation>Nieuwe rol</translation>
    </message>
    <message>
        <source>Delete role</source>
        <translation>Rol verwijderen</translation>
    </message>
    <message>
        <source>New person</source>
        <translation>Nieuwe medewerker</translation>
    </message>
    <message>
        <source>Delete person</source>
        <translation>Medewerker verwijderen</translation>
    </message>
    <message>
        <source>Delete the role &apos;{name}&apos; with its half-days in the allocation matrix? Its people keep their own half-days.</source>
        <translation>De rol &apos;{name}&apos; verwijderen, met de dagdelen ervan in de inzetmatrix? De medewerkers houden hun eigen dagdelen.</translation>
    </message>
    <message>
        <source>Delete role {name}</source>
        <translation>Rol {name} verwijderen</translation>
    </message>
    <message>
        <source>Delete &apos;{name}&apos; with their half-days in the allocation matrix?</source>
        <translation>&apos;{name}&apos; verwijderen, met de dagdelen in de inzetmatrix?</translation>
    </message>
    <message>
        <source>Delete {name}</source>
        <translation>{name} verwijderen</translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <source>Budget {year}: {amount}</source>
        <translation>Begroting {year}: {amount}</translation>
    </message>
    <message>
        <source>Funding: {amount}</source>
        <translation>Dekking: {amount}</translation>
    </message>
    <message>
        <source>Balance: {amount}</source>
        <translation>Saldo: {amount}</translation>
    </message>
    <message>
        <source>Funding minus budget in {year}</source>
        <translation>Dekking min begroting in {year}</translation>
    </message>
    <message>
        <source>Half-days: {allocated} / {capacity}</source>
        <translation>Dagdelen: {allocated} / {capacity}</translation>
    </message>
    <message>
        <source>over-allocated: {names}</source>
        <translation>te veel ingezet: {names}</translation>
    </message>
    <message>
        <source>Half-days per week allocated / available for execution</source>
        <translation>Dagdelen per week ingezet / beschikbaar voor uitvoering</translation>
    </message>
    <message>
        <source>{count} lines with PM, id. or ongoing are not counted</source>
        <translation>{count} posten met PM, id. of doorlopend tellen niet mee</translation>
    </message>
    <message>
        <source>Actuals: {count} point(s) of attention</source>
        <translation>Realisatie: {count} aandachtspunt(en)</translation>
    </message>
    <message>
        <source>Spent {year}: {percentage}</source>
        <translation>Besteed {year}: {percentage}</translation>
    </message>
    <message>
        <source>Spent and committed in {year} as a share of its budget</source>
        <translation>Uitgegeven en verplicht in {year}, als deel van de begroting</translation>
    </message>
</context>
<context>
    <name>TrafficLight</name>
    <message>
        <source>overdue</source>
        <translation>over tijd</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>onbekend</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>in behandeling</translation>
    </message>
    <message>
        <source>achieved</source>
        <translation>behaald</translation>
    </message>
    <message>
        <source>not achieved</source>
        <translation>niet behaald</translation>
    </message>
    <message>
        <source>on track</source>
        <translation>op koers</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>aandacht</translation>
    </message>
    <message>
        <source>behind</source>
        <translation>achter</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>afgerond</translation>
    </message>
</context>
<context>
    <name>ZoomController</name>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Inzoomen</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>&amp;Uitzoomen</translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation>&amp;Werkelijke grootte</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>&amp;Presentatiemodus</translation>
    </message>
    <message>
        <source>Full screen with larger chart letters, for a projector (F11 again to return)</source>
        <translation>Volledig scherm met grotere letters in de grafieken, voor een beamer (nogmaals F11 om terug te gaan)</translation>
    </message>
    <message>
        <source>Zoom {percent} %</source>
        <translation>Zoom {percent} %</translation>
    </message>
    <message>
        <source>Presentation mode: F11 returns to the window</source>
        <translation>Presentatiemodus: F11 brengt het venster terug</translation>
    </message>
</context>
<context>
    <name>_StaffingModel</name>
    <message>
        <source>This plan is read-only; make an amendment to change it.</source>
        <translation>Dit plan is alleen-lezen; maak een wijziging om het aan te passen.</translation>
    </message>
</context>
</TS>
