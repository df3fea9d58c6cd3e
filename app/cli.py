"""The command line: the same services the GUI uses, with Dutch messages.

The program is ``planbord`` as installed (the bundle, or pip's console script) and
``python -m app`` from a checkout (program_name); both take the same arguments:

    planbord                           start on the last file (or the demo plan)
    planbord FILE                      start on FILE (after app.startup_check: a screen and Qt's
                                       libraries, else a Dutch message and exit 1)
    planbord --version                 "Planbord 0.1.0", without loading Qt
    planbord --help                    the commands; planbord COMMAND --help, each command's options
    planbord demo FILE                 write the demo workspace to FILE
    planbord new FILE --region NAME --municipalities "A;B" [--plan YEAR]
    planbord next-year FILE --plan PLAN [--fill copy|empty|idem] [--vergelijking begroting|realisatie]
    planbord summary FILE [--plan PLAN] [--json] [--peildatum 30-06-2022]
    planbord clean-copy FILE [--out NEW]   the usable data of a refused file, in a new file
    planbord pdf FILE [--plan PLAN] --sections begroting,bijdragen,realisatie,afrekening,formatie,projecten,
                      voortgang
                      [--out OUT.pdf] [--years 2022,2023] [--chapters 3,4.1] [--project-numbers]
                      [--peilmoment 01-07-2022]
    planbord export FILE [--plan PLAN] [--out OUT.xlsx|OUT.csv]
                      [--sheets begroting,dekking,bijdragen,formatie,acties]
    planbord import FILE --plan PLAN SOURCE.xlsx|SOURCE.csv [--as begroting|sleutel|acties]
                      [--sheet NAME] [--dry-run]
    planbord diff FILE --plan PLAN --against PLAN [--json | --out OUT.xlsx]
    planbord actuals FILE --plan PLAN import BOOKINGS.csv|.xlsx [--sheet NAME] [--dry-run]
    planbord actuals FILE --plan PLAN list       the realisatie: bookings on lines and sources
    planbord copy SOURCE TARGET          a workspace whole, file or postgresql:// URL, either way
    planbord meenemen SERVER_URL FILE [--plan PLAN]   the laptop copy: a server's workspace into a
                                       new file for offline use (app.services.laptop_copy)
    planbord terugzetten FILE [--kies-mijn | --kies-server]   bring it back: the offline changes
                                       listed, applied once every conflict is decided

Every text argparse shows (help, usage, complaints) is Dutch, from one catalogue
(app/resources/argparse_nl.po; see dutch_argparse); a complaint exits 2, any other refusal 1
(or 2 for a file Planbord refuses); technical details go to the log (app.logs).

PLAN is a plan reference (app.services.plans.find_plan_by_reference): a year ("2022", the
year's plan as before), an amendment or scenario of that year's plan in order of creation
("2022/wijziging-1", "2022/scenario-2"), or a plan id ("id:7"; plain digits are always a year).
"""
from __future__ import annotations

import argparse
import gettext
import json
import sys
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, wraps
from pathlib import Path

from app.logs import program_version
from app.services.addresses import workspace_target

COMMANDS = ("demo", "new", "next-year", "summary", "pdf", "clean-copy", "export", "import", "diff",
            "actuals", "copy", "meenemen", "terugzetten")
# What --plan takes, for every command that reads a plan.
PLAN_HELP = ("een jaar (2022: het plan van dat jaar), een wijziging of scenario ervan in volgorde van "
             "aanmaken (2022/wijziging-1, 2022/scenario-1) of een plan-id (id:7; een getal alleen is altijd "
             "een jaar)")


# --- argparse in Dutch ---------------------------------------------------------------------------
# argparse fetches every text it shows (usage prefix, group titles, "-h" help, every complaint)
# through ``gettext``: the names ``_`` and ``ngettext`` in its module, looked up when the text is
# needed. Those two names are the one seam: they are replaced, once, by functions that answer from
# Planbord's Dutch catalogue (app/resources/argparse_nl.po, argparse's own msgids) while one of
# Planbord's parsers is at work, and hand everything else to gettext as before. Not the gettext
# domain itself (a catalogue installed for the default domain would translate every other user
# of gettext in the process, and only when the user's locale said Dutch), and not the process's
# other parsers (pytest's own stays English): the catalogue is active only inside the methods of
# DutchArgumentParser (a context variable, so threads cannot see each other's).
_ACTIVE_CATALOGUE: ContextVar[gettext.NullTranslations | None] = ContextVar("planbord_argparse",
                                                                           default=None)


class PoCatalogue(gettext.NullTranslations):
    """A gettext catalogue read from a ``.po`` file (msgid, msgid_plural, msgstr[n]); Dutch plural
    rule. Read as text at start-up (a few dozen entries: well under a millisecond), so the one
    file kept in the repository is also the one the program reads: no compiled copy to forget."""

    def __init__(self, path: Path) -> None:
        import ast

        super().__init__()
        self._messages: dict[str, str | list[str]] = {}
        entry: dict[str, str] = {}
        key = None

        def flush() -> None:
            if entry.get("msgid"):
                if "msgid_plural" in entry:
                    self._messages[entry["msgid"]] = [entry.get(f"msgstr[{n}]", "") for n in range(2)]
                elif entry.get("msgstr"):
                    self._messages[entry["msgid"]] = entry["msgstr"]
            entry.clear()

        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith('"'):
                entry[key] += ast.literal_eval(line)
                continue
            key, _, text = line.partition(" ")
            if key == "msgid":
                flush()
            entry[key] = ast.literal_eval(text)
        flush()

    def gettext(self, message: str) -> str:
        found = self._messages.get(message)
        return found if isinstance(found, str) else message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        found = self._messages.get(singular)
        if isinstance(found, list) and all(found):
            return found[0 if n == 1 else 1]
        return singular if n == 1 else plural


@cache
def argparse_catalogue() -> gettext.NullTranslations:
    """The Dutch catalogue; argparse's own English when the file is missing (an installation
    that left it out), so the command line still works."""
    from app.resources import resources_dir

    path = resources_dir() / "argparse_nl.po"
    try:
        return PoCatalogue(path)
    except (OSError, SyntaxError, ValueError, KeyError):
        import logging

        logging.getLogger(__name__).warning("argparse catalogue %s unreadable", path, exc_info=True)
        return gettext.NullTranslations()


def _install_argparse_seam() -> None:
    if getattr(argparse._, "planbord_seam", False):
        return
    english, english_plural = argparse._, argparse.ngettext

    def translated(message):
        catalogue = _ACTIVE_CATALOGUE.get()
        return catalogue.gettext(message) if catalogue is not None and message else english(message)

    def translated_plural(singular, plural, n):
        catalogue = _ACTIVE_CATALOGUE.get()
        return catalogue.ngettext(singular, plural, n) if catalogue is not None else (
            english_plural(singular, plural, n))

    translated.planbord_seam = True
    argparse._, argparse.ngettext = translated, translated_plural


@contextmanager
def dutch_argparse():
    """argparse's texts in Dutch within the block (this thread, this context only)."""
    _install_argparse_seam()
    token = _ACTIVE_CATALOGUE.set(argparse_catalogue())
    try:
        yield
    finally:
        _ACTIVE_CATALOGUE.reset(token)


def _in_dutch(method):
    @wraps(method)
    def wrapper(*args, **kwargs):
        with dutch_argparse():
            return method(*args, **kwargs)
    return wrapper


class DutchArgumentParser(argparse.ArgumentParser):
    """argparse with every text in Dutch (the catalogue above) and exit code 2, never a traceback.
    The first line of a complaint names the program as every other message of Planbord does
    ("planbord: ..."), the usage follows."""

    __init__ = _in_dutch(argparse.ArgumentParser.__init__)
    add_subparsers = _in_dutch(argparse.ArgumentParser.add_subparsers)
    add_argument_group = _in_dutch(argparse.ArgumentParser.add_argument_group)
    parse_args = _in_dutch(argparse.ArgumentParser.parse_args)
    parse_known_args = _in_dutch(argparse.ArgumentParser.parse_known_args)
    format_usage = _in_dutch(argparse.ArgumentParser.format_usage)
    format_help = _in_dutch(argparse.ArgumentParser.format_help)

    @_in_dutch
    def error(self, message: str):  # noqa: D401 - argparse API
        self.exit(2, argparse._("%(prog)s: error: %(message)s\n") % {"prog": "planbord", "message": message}
                  + self.format_usage())


def program_name() -> str:
    """The program as the user started it, for usage lines and hints: ``planbord`` for the
    installed program (the bundle, or the console script ``planbord`` of pip), ``python -m app``
    when run as a module from a checkout."""
    started = Path(sys.argv[0]).stem if sys.argv and sys.argv[0] else ""
    if started.lower() == "planbord":
        return started  # as typed: "planbord", or the bundle's "Planbord"
    if getattr(sys, "frozen", False):
        return "planbord"
    return "python -m app"


def _year(text: str) -> int:
    return int(text)


_year.__name__ = "jaartal"  # argparse names the type in "'abc' is geen geldig jaartal"


def _parser() -> argparse.ArgumentParser:
    prog = program_name()
    parser = DutchArgumentParser(
        prog=prog, add_help=False,
        usage=f"%(prog)s [BESTAND]\n{' ' * len('Gebruik: ')}%(prog)s OPDRACHT [OPTIES]",
        description="Planbord: het Uitvoeringsplan van een jeugdhulpregio. Zonder opdracht opent het "
                    "programma het BESTAND (.planbord) op het scherm, of het laatst gebruikte bestand, "
                    "of het demoplan.",
        epilog=f"De hulp bij een opdracht: {prog} OPDRACHT --help.")
    parser.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    parser.add_argument("--version", action="version", version=f"Planbord {program_version()}",
                        help="toon het versienummer en stop")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=DutchArgumentParser,
                                title="opdrachten", metavar="OPDRACHT", prog=prog)
    parser.commands = sub
    demo = sub.add_parser("demo", help="schrijf het demobestand (Uitvoeringsplan 2022 Haaglanden)")
    demo.add_argument("file", type=Path, metavar="BESTAND", help="het nieuwe .planbord-bestand")
    new = sub.add_parser("new", help="maak een werkbestand voor een regio (nooit over een bestaand bestand)")
    new.add_argument("file", type=Path, metavar="BESTAND", help="het nieuwe .planbord-bestand")
    new.add_argument("--region", required=True, metavar="NAAM", help="de naam van de regio")
    new.add_argument("--municipalities", required=True, metavar="GEMEENTEN",
                     help="de gemeenten, gescheiden door ; (in deze volgorde)")
    new.add_argument("--plan", type=_year, metavar="JAAR", help="maak ook een (leeg) plan voor dit jaar")
    nxt = sub.add_parser("next-year", help="maak het plan van volgend jaar uit een plan (een nieuw concept)")
    nxt.add_argument("file", type=workspace_target, metavar="BESTAND", help="het .planbord-bestand of een postgresql://-adres")
    nxt.add_argument("--plan", required=True, metavar="PLAN", help=f"het plan om van uit te gaan: {PLAN_HELP}")
    nxt.add_argument("--vergelijking", choices=["begroting", "realisatie"], default="begroting",
                     help="wat de vergelijkingskolom toont: de begroting van dit jaar, of wat er is uitgegeven "
                          "en ontvangen (de realisatie)")
    nxt.add_argument("--fill", choices=["copy", "empty", "idem"], default="copy",
                     help="het nieuwe laatste begrotingsjaar: bedragen van het jaar ervoor (copy), leeg, "
                          "of id.")
    summary = sub.add_parser("summary", help="toon de cijfers van een plan")
    summary.add_argument("file", type=workspace_target, metavar="BESTAND", help="het .planbord-bestand of een postgresql://-adres")
    summary.add_argument("--plan", metavar="PLAN", help=f"{PLAN_HELP} (standaard het nieuwste jaar)")
    summary.add_argument("--json", action="store_true", help="als JSON")
    summary.add_argument("--peildatum", metavar="DATUM",
                         help="de datum waarop de uitputting en de prognose gelden, bijv. 30-06-2022 "
                              "(standaard vandaag)")
    pdf = sub.add_parser("pdf", help="druk bijlagen van een plan af als PDF")
    pdf.add_argument("file", type=workspace_target, metavar="BESTAND", help="het .planbord-bestand of een postgresql://-adres")
    pdf.add_argument("--plan", metavar="PLAN", help=f"{PLAN_HELP} (standaard het nieuwste jaar)")
    pdf.add_argument("--sections", required=True, metavar="ONDERDELEN",
                     help="met komma's: wijzigingen, begroting, bijdragen, realisatie, afrekening, formatie, "
                          "projecten, voortgang, monitor")
    pdf.add_argument("--out", type=Path, metavar="PDF",
                     help="het PDF-bestand (standaard BESTAND-JAAR-ONDERDEEL.pdf in de huidige map; voor een "
                          "wijziging bijvoorbeeld BESTAND-2022-wijziging-1-ONDERDEEL.pdf)")
    pdf.add_argument("--years", metavar="JAREN", help="alleen deze begrotingsjaren, met komma's")
    pdf.add_argument("--chapters", metavar="HOOFDSTUKKEN",
                     help="projectfiches en voortgang alleen van deze hoofdstukken, bijv. 3,4.1")
    pdf.add_argument("--project-numbers", action="store_true",
                     help="toon in de begroting het projectnummer bij elke post")
    pdf.add_argument("--peilmoment", metavar="DATUM",
                     help="de voortgang zoals op dit peilmoment (stand op, bijv. 01-07-2022), met wat er "
                          "sinds het vorige is gewijzigd; ook de peildatum van de realisatie")
    clean = sub.add_parser("clean-copy", help="maak een schone kopie van een bestand dat Planbord weigert: "
                                              "alleen de bruikbare gegevens, in een nieuw bestand")
    clean.add_argument("file", type=Path, metavar="BESTAND", help="het .planbord-bestand")
    clean.add_argument("--out", type=Path, metavar="NIEUW",
                       help="het nieuwe .planbord-bestand (standaard “NAAM (schone kopie).planbord” ernaast)")
    export = sub.add_parser("export", help="zet tabellen van een plan in een Excel-bestand (een tabblad per "
                                           "tabel) of één tabel in een CSV-bestand")
    export.add_argument("file", type=workspace_target, metavar="BESTAND", help="het .planbord-bestand of een postgresql://-adres")
    export.add_argument("--plan", metavar="PLAN", help=f"{PLAN_HELP} (standaard het nieuwste jaar)")
    export.add_argument("--out", type=Path, metavar="BESTAND",
                        help="het .xlsx- of .csv-bestand (standaard BESTAND-JAAR.xlsx in de huidige map; voor een "
                             "wijziging bijvoorbeeld BESTAND-2022-wijziging-1.xlsx)")
    export.add_argument("--sheets", metavar="TABELLEN",
                        help="met komma's: begroting, dekking, bijdragen, formatie, acties (standaard alle; "
                             "voor CSV precies één)")
    imp = sub.add_parser("import", help="lees een begroting, verdeelsleutel of actielijst uit Excel of CSV in "
                                        "(eerst een voorbeeld met alle problemen)")
    imp.add_argument("file", type=workspace_target, metavar="BESTAND", help="het .planbord-bestand of een postgresql://-adres")
    imp.add_argument("--plan", required=True, metavar="PLAN", help=f"een concept: {PLAN_HELP}")
    imp.add_argument("source", type=Path, metavar="BRON", help="het .xlsx- of .csv-bestand om in te lezen")
    imp.add_argument("--as", dest="kind", choices=["begroting", "sleutel", "acties"],
                     help="wat het bestand bevat: een begroting, een verdeelsleutel (sleutel) of een "
                          "actielijst (acties; bij bestaande projecten, op nummer of naam) (standaard: "
                          "afgeleid uit de kopregels)")
    imp.add_argument("--sheet", metavar="NAAM", help="het tabblad (standaard het eerste)")
    imp.add_argument("--dry-run", action="store_true",
                     help="toon alleen het voorbeeld met alle problemen; schrijf niets (het bestand wordt "
                          "alleen gelezen)")
    actuals = sub.add_parser("actuals", help="realisatie: lees boekingen in uit een export van de financiële "
                                             "administratie (CSV of Excel), of toon ze")
    actuals.add_argument("file", type=workspace_target, metavar="BESTAND", help="het .planbord-bestand of een postgresql://-adres")
    actuals.add_argument("--plan", required=True, metavar="PLAN", help=f"het plan (ook een vastgesteld): {PLAN_HELP}")
    actuals.add_argument("action", choices=["import", "list"], metavar="ACTIE",
                         help="import: lees de boekingen van BRON in (alles of niets); list: toon de boekingen")
    actuals.add_argument("source", type=Path, nargs="?", metavar="BRON",
                         help="het .csv- of .xlsx-bestand met een kopregel Datum, Bedrag, Post (bij import)")
    actuals.add_argument("--sheet", metavar="NAAM", help="het tabblad (standaard het eerste)")
    actuals.add_argument("--dry-run", action="store_true",
                         help="controleer alleen en toon de totalen; schrijf niets")
    diff = sub.add_parser("diff", help="vergelijk twee plannen: gewijzigde posten, totalen, bijdragen per "
                                       "gemeente, formatie en projecten")
    diff.add_argument("file", type=workspace_target, metavar="BESTAND", help="het .planbord-bestand of een postgresql://-adres (wordt alleen gelezen)")
    diff.add_argument("--plan", required=True, metavar="PLAN", help=f"het nieuwe plan: {PLAN_HELP}")
    diff.add_argument("--against", required=True, metavar="PLAN",
                      help="het plan om mee te vergelijken (het oude), net zo geschreven als --plan")
    shown = diff.add_mutually_exclusive_group()
    shown.add_argument("--json", action="store_true", help="als JSON")
    shown.add_argument("--out", type=Path, metavar="BESTAND",
                       help="schrijf de vergelijking naar een Excel-bestand (.xlsx)")
    copy = sub.add_parser("copy", help="kopieer een werkbestand of serverdatabase in zijn geheel naar een nieuw "
                                       "bestand of een lege serverdatabase")
    copy.add_argument("source", type=workspace_target, metavar="VAN",
                      help="het .planbord-bestand of postgresql://-adres om te kopiëren (wordt alleen gelezen)")
    copy.add_argument("target", type=workspace_target, metavar="NAAR",
                      help="een nieuw .planbord-bestand, of het postgresql://-adres van een lege database")
    _laptop_parsers(sub)
    return parser


def _laptop_parsers(sub) -> None:
    take = sub.add_parser("meenemen", help="neem de gegevens van een server mee voor offline gebruik: een "
                                           "nieuw .planbord-bestand om later terug te zetten")
    take.add_argument("server", type=workspace_target, metavar="SERVER",
                      help="het postgresql://-adres van de database (een wachtwoord erin wordt nergens bewaard)")
    take.add_argument("file", type=Path, metavar="BESTAND", help="het nieuwe .planbord-bestand")
    take.add_argument("--plan", metavar="PLAN", help=f"het plan dat u meeneemt: {PLAN_HELP} (standaard de hele "
                                                     "regio; het bestand bevat altijd alles)")
    back = sub.add_parser("terugzetten", help="zet de offline wijzigingen van een meegenomen bestand terug naar "
                                              "de server; toont eerst alle wijzigingen en conflicten")
    back.add_argument("file", type=Path, metavar="BESTAND",
                      help="het meegenomen .planbord-bestand (het wachtwoord van de server komt uit de "
                           "sleutelbos of uit PGPASSWORD)")
    choice = back.add_mutually_exclusive_group()
    choice.add_argument("--kies-mijn", action="store_true",
                        help="waar ook op de server is gewijzigd: neem de offline waarde")
    choice.add_argument("--kies-server", action="store_true",
                        help="waar ook op de server is gewijzigd: houd de waarde van de server")


def _fail(message: str, code: int = 1) -> int:
    print(f"planbord: {message}", file=sys.stderr)
    return code


def _configure_logs(gui: bool = False) -> None:
    """Technical details go to planbord.log in the data folder (app.logs), never to the command
    line's terminal: the user reads the Dutch message on stderr, support reads the log. Left
    alone when the process has set up logging itself (tests, or a caller of its own)."""
    import logging

    if not logging.getLogger().handlers:
        from app import logs

        logs.configure(gui=gui)


def run_command(argv: list[str]) -> int:
    from app.errors import UserError

    _configure_logs()
    args = _parser().parse_args(argv)
    try:
        if args.command == "demo":
            return _demo(args.file)
        if args.command == "new":
            return _new(args)
        if args.command == "next-year":
            return _next_year(args)
        if args.command == "summary":
            return _summary(args.file, args.plan, args.json, args.peildatum)
        if args.command == "pdf":
            return _pdf(args)
        if args.command == "clean-copy":
            return _clean_copy(args.file, args.out)
        if args.command == "export":
            return _export(args)
        if args.command == "import":
            return _import(args)
        if args.command == "diff":
            return _diff(args)
        if args.command == "actuals":
            return _actuals(args)
        if args.command == "copy":
            return _copy(args)
        if args.command == "meenemen":
            return _check_out(args)
        if args.command == "terugzetten":
            return _bring_back(args)
    except UserError as exc:
        if getattr(exc, "can_clean_copy", False):  # refused for what it holds: say how to get at the data
            return _fail(f"{exc.message}\nEen schone kopie maakt u met: {program_name()} clean-copy "
                         f"\"{args.file}\"", 2)
        return _fail(exc.message)
    except OSError as exc:
        from app.services.output_paths import os_error_message

        return _fail(os_error_message(exc))
    return 2


def _new(args) -> int:
    from app.services.new_workspace import PlanSetup, create_region_workspace, municipality_names
    from app.services.output_paths import check_output_path
    from app.services.workspace import FILE_SUFFIX

    check_output_path(args.file)  # never over a workspace, a folder or a device
    if args.file.suffix != FILE_SUFFIX:
        return _fail(f"Een werkbestand heeft de extensie {FILE_SUFFIX}, bijvoorbeeld regio{FILE_SUFFIX}.")
    made = create_region_workspace(args.file, args.region, municipality_names(args.municipalities),
                                   plan=PlanSetup(args.plan) if args.plan is not None else None)
    plan = f", met een plan voor {args.plan}" if args.plan is not None else ""
    print(f"Werkbestand geschreven: {made.path} ({len(made.municipalities)} gemeenten{plan})")
    return 0


def _copy(args) -> int:
    from app.services.workspace_copy import copy_workspace

    done = copy_workspace(args.source, args.target)
    print(f"Gekopieerd naar {done.target}: {done.rows} rijen in {done.tables} tabellen.")
    return 0


def _check_out(args) -> int:
    from app.services.laptop_copy import check_out
    from app.services.output_paths import check_output_path
    from app.services.workspace import FILE_SUFFIX

    check_output_path(args.file)  # never over a workspace, a folder or a device
    if args.file.suffix != FILE_SUFFIX:
        return _fail(f"Een werkbestand heeft de extensie {FILE_SUFFIX}, bijvoorbeeld vergadering{FILE_SUFFIX}.")
    done = check_out(args.server, args.file, _server_plan_id(args.server, args.plan))
    what = f"“{done.plan_title}” (met de rest van de regio)" if done.plan_title else "de hele regio"
    print(f"Meegenomen van {done.server}: {what}, {done.rows} rijen, in {done.path}.\n"
          f"Terugzetten: {program_name()} terugzetten \"{done.path}\"")
    return 0


def _server_plan_id(server: str, reference: str | None) -> int | None:
    from app.services.addresses import is_server_url
    from app.services.plans import find_plan_by_reference
    from app.services.server_workspace import open_server_workspace

    if reference is None or not is_server_url(server):
        return None  # check_out says why a file cannot be taken
    with open_server_workspace(str(server), read_only=True) as workspace, workspace.session() as session:
        return find_plan_by_reference(session, reference).id


def _bring_back(args) -> int:
    from app.services.laptop_copy import bring_back, plan_bring_back

    review = plan_bring_back(args.file)
    print(review.text())
    if review.refusal:
        return _fail(review.refusal)
    if review.nothing_to_do:
        return 0
    choice = "mine" if args.kies_mijn else "theirs" if args.kies_server else None
    if review.conflicts and choice is None:
        return _fail(f"{len(review.conflicts)} {'conflict is' if len(review.conflicts) == 1 else 'conflicten zijn'} "
                     "nog niet beslist; er is niets teruggezet. Kies met --kies-mijn (de offline waarden) of "
                     "--kies-server (die van de server).")
    done = bring_back(args.file, review.choose_all(choice) if choice else {}, planned=review)
    print(f"Teruggezet naar {done.server}: {done.applied} offline {'wijziging' if done.applied == 1 else 'wijzigingen'}"
          f", {done.mine} keer de offline waarde en {done.theirs} keer die van de server gekozen. Het bestand "
          "is nu gelijk aan de server.")
    return 0


def _next_year(args) -> int:
    from app.services.next_year import NewYearFill, create_next_year
    from app.services.plans import find_plan_by_reference
    from app.services.server_workspace import open_any

    with open_any(args.file) as workspace:
        with workspace.session() as session:
            plan_id = find_plan_by_reference(session, args.plan).id
        summary = create_next_year(workspace, plan_id, NewYearFill(args.fill),
                                   comparison_realised=args.vergelijking == "realisatie")
    print(summary.text())
    return 0


def _demo(path: Path) -> int:
    from db.demo import build_demo
    from app.services.output_paths import check_output_path
    from app.services.workspace import FILE_SUFFIX

    check_output_path(path)  # never over a workspace, a folder or a device
    if path.exists():
        return _fail(f"{path} bestaat al; Planbord overschrijft geen bestaand bestand.")
    if path.suffix != FILE_SUFFIX:
        return _fail(f"Een werkbestand heeft de extensie {FILE_SUFFIX}, bijvoorbeeld demo{FILE_SUFFIX}.")
    if not path.parent.exists():
        return _fail(f"De map {path.parent} bestaat niet.")
    workspace = build_demo(path)
    workspace.close()
    print(f"Demobestand geschreven: {path}")
    return 0


def _summary(path: Path, reference: str | None, as_json: bool, as_of: str | None = None) -> int:
    from app.services.project_edit import parse_date_nl
    from app.services.summary import plan_summary, summary_text
    from app.services.server_workspace import open_any

    day = parse_date_nl(as_of) if as_of else None  # a wrong date: refused before the file is opened
    workspace = open_any(path, read_only=True)
    try:
        summary = plan_summary(workspace, reference, day)  # find_plan reads a reference in a string
    finally:
        workspace.close()
    if as_json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(summary_text(summary))
    return 0


def _pdf(args) -> int:
    """Write the chosen annexes of a plan to a PDF: the same code as the export dialog."""
    from app.reports import ReportError, build_pdf, parse_sections
    from app.services.plans import find_plan_by_reference
    from app.services.report_data import load_chapters
    from app.services.server_workspace import open_any

    try:
        sections = parse_sections(args.sections)
        if "grafieken" in sections:
            return _fail("Grafieken worden met het scherm getekend; druk ze af vanuit het programma "
                         "(Bestand > Afdrukken / PDF).")
        years = _numbers(args.years, "jaartal") if args.years else None
    except ReportError as exc:
        return _fail(exc.message)
    workspace = open_any(args.file, read_only=True)
    try:
        with workspace.session() as session:
            plan = find_plan_by_reference(session, args.plan)
            plan_id, year, label = plan.id, plan.year, _file_label(session, plan)
        chapters = None
        if args.chapters:
            by_number = {c.label.split(" ", 1)[0]: c.id for c in load_chapters(workspace, plan_id)}
            wanted = [n.strip().rstrip(".") for n in args.chapters.split(",") if n.strip()]
            unknown = [n for n in wanted if n not in by_number]
            if unknown:
                return _fail(f"Hoofdstuk {', '.join(unknown)} bestaat niet in het plan van {year}; "
                             f"kies uit: {', '.join(by_number)}.")
            chapters = [by_number[n] for n in wanted]
        moment_id, as_of = None, None
        if args.peilmoment:
            from app.services.moments import plan_moments
            from app.services.project_edit import parse_date_nl

            as_of = parse_date_nl(args.peilmoment)
            with workspace.session() as session:
                from app.models import Plan

                moments = plan_moments(session, session.get(Plan, plan_id))
            moment_id = next((m.id for m in moments if m.on == as_of), None)
            if moment_id is None:
                known = ", ".join(f"{m.on:%d-%m-%Y} ({m.name})" for m in moments) or "geen"
                return _fail(f"Het plan van {year} heeft geen peilmoment op {as_of:%d-%m-%Y}; peilmomenten: "
                             f"{known}.")
        name = sections[0] if len(sections) == 1 else "bijlagen"
        out = args.out or Path(f"{args.file.stem}-{label}-{name}.pdf")
        if out.suffix.lower() != ".pdf":
            return _fail(f"Geef een PDF-bestand op, bijvoorbeeld {out.with_suffix('.pdf').name}.")
        try:
            result = build_pdf(workspace, plan_id, sections, out, chapters=chapters, years=years,
                               project_column=args.project_numbers, moment_id=moment_id, as_of=as_of)
        except ReportError as exc:
            return _fail(exc.message)
    finally:
        workspace.close()
    pages = "pagina" if result.pages == 1 else "pagina's"
    print(f"PDF geschreven: {result.path} ({result.pages} {pages})")
    return 0


def _file_label(session, plan) -> str:
    """The plan in a default file name: its year ("2022"), or its reference without characters
    a file name cannot hold ("2022-wijziging-1", "id7"), so an amendment's PDF does not take
    the name of the adopted plan's."""
    from app.services.plans import plan_references

    return plan_references(session)[plan.id].replace("/", "-").replace(":", "")


def _export(args) -> int:
    """Tables of a plan in an Excel workbook (a sheet each), or one table in a CSV file: the
    same code as Bestand > Exporteren naar Excel."""
    from app.io.excel_export import CSV, TABLES, XLSX, export_csv, export_workbook, parse_sheets
    from app.services.plans import find_plan_by_reference
    from app.services.server_workspace import open_any

    if args.out is not None and args.out.suffix.lower() not in (XLSX, CSV):
        return _fail("Geef een Excel-bestand (.xlsx) of een CSV-bestand (.csv) op, bijvoorbeeld "
                     f"{args.out.with_suffix(XLSX).name}.")
    as_csv = args.out is not None and args.out.suffix.lower() == CSV
    sheets = parse_sheets(args.sheets) if args.sheets is not None else list(TABLES)
    if as_csv and len(sheets) != 1:
        return _fail("Een CSV-bestand bevat één tabel; kies er één met --sheets, bijvoorbeeld "
                     "--sheets begroting.")
    workspace = open_any(args.file, read_only=True)
    try:
        with workspace.session() as session:
            plan = find_plan_by_reference(session, args.plan)
            plan_id, label = plan.id, _file_label(session, plan)
        out = args.out or Path(f"{args.file.stem}-{label}{XLSX}")
        if as_csv:
            result = export_csv(workspace, plan_id, sheets[0], out)
        else:
            result = export_workbook(workspace, plan_id, out, sheets)
    finally:
        workspace.close()
    if as_csv:
        print(f"CSV-bestand geschreven: {result.path} (tabel {result.sheets[0]})")
    else:
        label = "tabblad" if len(result.sheets) == 1 else "tabbladen"
        print(f"Excel-bestand geschreven: {result.path} ({label}: {', '.join(result.sheets)})")
    return 0


def _import(args) -> int:
    """A budget, a key or an action list from Excel or CSV into a draft plan: the preview with every
    problem first; with --dry-run nothing is written (the file is opened read-only). The same code
    as Bestand > Importeren."""
    from app.io import budget_import
    from app.io.readers import read_grid
    from app.services.plans import find_plan_by_reference
    from app.services.server_workspace import open_any

    grid = read_grid(args.source, args.sheet)
    kind = args.kind or budget_import.detect_kind(grid)
    workspace = open_any(args.file, read_only=args.dry_run)
    try:
        with workspace.session() as session:
            plan = find_plan_by_reference(session, args.plan)
            plan_id, title = plan.id, plan.title
            from app.services.editing import read_only_message

            refusal = read_only_message(plan) if plan.is_read_only else ""
        try:
            preview = _import_preview(kind, grid, workspace, plan_id)
        except budget_import.BudgetImportError as exc:
            if args.kind:  # chosen by hand: say what the headers suggest instead
                try:
                    seen = budget_import.detect_kind(grid)
                except budget_import.BudgetImportError:
                    seen = None
                if seen and seen != kind:
                    raise budget_import.BudgetImportError(
                        f"{exc.message} Volgens de kopregels is het een {_KIND_WORDS[seen]}: kies --as {seen} "
                        "(of laat --as weg).") from exc
            raise
        _print_problems(preview.problems)
        if args.dry_run:
            print(f"Proefimport in “{title}”: er is niets geschreven.")
            if refusal:  # said now, not only when the real import is refused
                print(f"Let op: een echte import wordt geweigerd. {refusal}")
            return 0
        done = _import_apply(kind, workspace, plan_id, preview)
        print(f"Geïmporteerd in “{title}”: {done}.")
    finally:
        workspace.close()
    return 0


def _actuals(args) -> int:
    """Realisatie: bookings from an export of the financial administration into a plan (all of
    them or none; --dry-run checks and shows the totals only), or the plan's bookings listed."""
    from app.formatting import format_money
    from app.services.plans import find_plan_by_reference
    from app.services.server_workspace import open_any

    if args.action == "import" and args.source is None:
        return _fail(f"geef het bestand met de boekingen: {program_name()} actuals BESTAND --plan PLAN import "
                     "BOEKINGEN.csv", 2)
    grid = None
    if args.action == "import":
        from app.io.readers import read_grid

        grid = read_grid(args.source, args.sheet)
    workspace = open_any(args.file, read_only=args.dry_run or args.action == "list")
    try:
        with workspace.session() as session:
            plan = find_plan_by_reference(session, args.plan)
            plan_id, title = plan.id, plan.title
            if args.action == "list":
                from app.services.actuals import plan_entries

                rows = plan_entries(session, plan)
                for row in rows:
                    print(f"{row.booked_on:%d-%m-%Y}  {row.year}  {row.kind.value:12}  {format_money(row.amount):>16}  "
                          f"{row.target}  {row.description}  {row.reference}".rstrip())
                print(f"{_count(len(rows), 'boeking', 'boekingen')} in “{title}”.")
                return 0
        from app.io.actuals_import import apply_actuals, preview_actuals

        preview = preview_actuals(grid, workspace, plan_id)
        for (year, what), (count, total) in sorted(preview.totals().items()):
            print(f"{year} {what}: {_count(count, 'boeking', 'boekingen')}, samen {format_money(total)}")
        if args.dry_run:
            print(f"Proefimport in “{title}”: {_count(len(preview.entries), 'boeking', 'boekingen')} in orde; "
                  "er is niets geschreven.")
            return 0
        ids = apply_actuals(workspace, plan_id, preview)
        print(f"Geïmporteerd in “{title}”: {_count(len(ids), 'boeking', 'boekingen')}.")
    finally:
        workspace.close()
    return 0


_KIND_WORDS = {"begroting": "begroting", "sleutel": "verdeelsleutel", "acties": "actielijst"}


def _count(n: int, one: str, more: str) -> str:
    from app.formatting import format_number

    return f"{format_number(n)} {one if n == 1 else more}"


def _print_problems(problems) -> None:
    if problems:
        print(f"{_count(len(problems), 'probleem', 'problemen')}:")
        for problem in problems:
            print(f"  {problem.message}")
    else:
        print("Geen problemen gevonden.")


def _import_preview(kind: str, grid, workspace, plan_id: int):
    """The preview of one kind, its summary printed (the problems follow)."""
    from app.formatting import format_number, format_percentage

    if kind == "begroting":
        from app.io import budget_import

        preview = budget_import.preview_budget(grid, budget_import.detect_budget(grid))
        groups = len(preview.groups)
        years = (f"{preview.years[0]}–{preview.years[-1]}" if len(preview.years) > 1
                 else str(preview.years[0]) if preview.years else "geen")
        print(f"Begroting uit tabblad “{grid.sheet}”: {_count(preview.line_count, 'post', 'posten')} in "
              f"{_count(groups, 'groep', 'groepen')}, jaren {years}.")
        return preview
    if kind == "sleutel":
        from app.io.key_import import preview_key

        preview = preview_key(grid, workspace, plan_id)
        count = _count(len(preview.shares), "gemeente", "gemeenten")
        if preview.method == "percentage":
            flag = "" if preview.total == 100 else (", niet 100,00 %: zo ingelezen, niet herschaald")
            print(f"Verdeelsleutel uit tabblad “{grid.sheet}”: {count}, samen "
                  f"{format_percentage(preview.total)}{flag}.")
        else:
            total = sum((value for _id, _name, value in preview.shares), 0)
            print(f"Verdeelsleutel uit tabblad “{grid.sheet}”: {count} naar “{preview.basis_label}”, samen "
                  f"{format_number(total)}; de aandelen volgen uit de getallen.")
        if preview.unknown:
            print(f"Onbekende gemeenten (niet ingelezen, niet toegevoegd): {', '.join(preview.unknown)}.")
        return preview
    from app.io.action_import import preview_actions

    preview = preview_actions(grid, workspace, plan_id)
    projects = len({a.project_id for a in preview.actions})
    print(f"Actielijst uit tabblad “{grid.sheet}”: {_count(len(preview.actions), 'actie', 'acties')} in te "
          f"lezen bij {_count(projects, 'project', 'projecten')}; "
          f"{_count(preview.duplicates, 'actie staat', 'acties staan')} er al in (overgeslagen); "
          f"{_count(preview.periods, 'actie', 'acties')} met een periode of herhaling als planning "
          "(“Q4 2022”, “maandelijks”).")
    if preview.unknown:
        print(f"Projecten die niet in het plan staan (niet ingelezen, niet aangemaakt): "
              f"{', '.join(preview.unknown)}.")
    return preview


def _import_apply(kind: str, workspace, plan_id: int, preview) -> str:
    """Write the preview; what was written, for the closing line."""
    if kind == "begroting":
        from app.io.budget_import import apply_budget

        apply_budget(workspace, plan_id, preview)
        return _count(preview.line_count, "post", "posten")
    if kind == "sleutel":
        from app.io.key_import import apply_key
        from app.models import AllocationKey

        done = apply_key(workspace, plan_id, preview)
        with workspace.session() as session:
            name = session.get(AllocationKey, done.key_id).name
        return (f"verdeelsleutel “{name}” met {_count(len(preview.shares), 'gemeente', 'gemeenten')}; het plan "
                "gebruikt deze sleutel nu")
    from app.io.action_import import apply_actions

    done = apply_actions(workspace, plan_id, preview)
    return _count(len(done.action_ids), "actie", "acties")


def _diff(args) -> int:
    """Compare plan --plan (the newer) with plan --against (the older): the changed budget lines,
    the totals, funding and saldo, each municipality's contribution, staffing and outline, as
    Dutch text, as JSON (app.services.comparison_text) or as an Excel workbook (--out). The file is
    only read."""
    from app.services.comparison import compare_plans
    from app.services.comparison_text import comparison_json, comparison_text
    from app.services.plans import find_plan_by_reference
    from app.services.server_workspace import open_any

    if args.out is not None and args.out.suffix.lower() != ".xlsx":
        return _fail(f"Geef een Excel-bestand (.xlsx) op, bijvoorbeeld {args.out.with_suffix('.xlsx').name}.")
    workspace = open_any(args.file, read_only=True)
    try:
        with workspace.session() as session:
            after = find_plan_by_reference(session, args.plan).id
            before = find_plan_by_reference(session, args.against).id
        comparison = compare_plans(workspace, before_id=before, after_id=after)
        if args.out is not None:
            from app.io.comparison_export import write_comparison_workbook  # Excel only when asked

            write_comparison_workbook(comparison, args.out)  # checks the path: never over a workspace
    finally:
        workspace.close()
    if args.out is not None:
        print(f"Excel-bestand geschreven: {args.out}")
    elif args.json:
        print(json.dumps(comparison_json(comparison, before, after), ensure_ascii=False, indent=2))
    else:
        print(comparison_text(comparison))
    return 0


def _clean_copy(source: Path, out: Path | None) -> int:
    """The rows of ``source`` that pass the checks of opening, in a new workspace; exit 2 when
    no copy could be made."""
    from app.errors import UserError
    from app.services.clean_copy import default_target, make_clean_copy
    from app.services.workspace import FILE_SUFFIX

    target = out or default_target(source)
    if target.suffix != FILE_SUFFIX:
        return _fail(f"Een werkbestand heeft de extensie {FILE_SUFFIX}, bijvoorbeeld "
                     f"{target.stem}{FILE_SUFFIX}.", 2)
    try:
        report = make_clean_copy(source, target)
    except UserError as exc:
        return _fail(exc.message, 2)
    print("\n".join(report.lines()))
    return 0


def _numbers(text: str, what: str) -> list[int]:
    from app.reports import ReportError

    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise ReportError(f"'{text}' is geen lijst van jaartallen, bijvoorbeeld 2022,2023.") from None


def main(argv: list[str] | None = None) -> int:
    """``planbord [BESTAND]`` starts the GUI, ``planbord OPDRACHT ...`` runs a command; ``--help``
    and ``--version`` answer without Qt. An argument that starts with "-" is never a file name
    (``planbord -- -x.planbord`` opens one that does)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        return run_command(argv)
    if argv and argv[0] == "--":
        argv = argv[1:]
    elif argv and argv[0].startswith("-"):
        parser = _parser()
        parser.commands.required = False
        parser.parse_args(argv)  # --help, --version: answered; anything else: a Dutch complaint
        return _fail("geef een opdracht of een bestand", 2)  # not reached: argparse exits
    if len(argv) > 1:
        if not _is_file_name(argv[0]):  # a mistyped command: argparse names the commands
            _parser().parse_args(argv)
        return _fail("geef hooguit één bestand om te openen, of een opdracht: " + ", ".join(COMMANDS), 2)
    return start_gui(Path(argv[0]) if argv else None)


def _is_file_name(text: str) -> bool:
    return text.endswith(".planbord") or Path(text).exists()  # FILE_SUFFIX, without the data layer


def start_gui(path: Path | None) -> int:
    """The desktop program, once a screen and Qt's platform libraries are known to be there
    (app.startup_check); otherwise the Dutch message of what is missing, exit 1, and Qt never
    loaded."""
    from app.startup_check import ensure_gui_can_start

    problem = ensure_gui_can_start(program_name())
    _configure_logs(gui=problem is None)  # the problem is said on stderr once, below
    if problem is not None:
        import logging

        logging.getLogger(__name__).error("the window cannot open: %s", problem)
        return _fail(problem)
    from app.views.shell.application import run_gui

    return run_gui(path)
