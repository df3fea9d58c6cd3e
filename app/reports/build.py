"""``build_pdf``: the one entry point for the annexes, used by the dialog and the command line.

Checks the choices (sections, years, chapters, output folder) with Dutch
messages, reads the figures through the services, lays out the sections and
writes the PDF under a temporary name in the output folder, renamed into place
only when it is complete: a cancelled or failed export leaves no half file. The
output is never the workspace itself nor any other workspace
(app.services.output_paths).
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.platypus import Paragraph
from reportlab.platypus.tableofcontents import TableOfContents

from app.errors import UserError
from app.reports import styles
from app.reports.context import ReportContext
from app.reports.document import (
    LANDSCAPE,
    PORTRAIT,
    AnnexDocument,
    BuildCancelled,
    Heading,
    MissingCharacters,
    PageDecor,
    SectionStart,
    contents,
)
from app.reports.fonts import REGULAR, register_fonts, string_width
from app.reports.sections import (
    budget,
    changes,
    charts,
    contributions,
    monitor,
    progress,
    projects,
    realisation,
    settlement,
    staffing,
)
from app.reports.shaping import describe, record_missing
from app.reports.text import NAME_LIMIT, clean, escape
from app.services.comparison import compare_plans
from app.services.edit_errors import EditError
from app.services.output_paths import check_output_path, write_atomically
from app.services.report_data import ReportPlan, chapter_subtree, load_chapters, load_report_plan

# Section key (as typed on the command line) -> module; the order is the order of printing.
# The Wijzigingsoverzicht comes first: a council reading an amendment or a scenario wants to
# know what changes before the whole (marked) budget it can look the changes up in.
SECTIONS = {
    "wijzigingen": changes,
    "begroting": budget,
    "bijdragen": contributions,
    "realisatie": realisation,
    "afrekening": settlement,
    "formatie": staffing,
    "projecten": projects,
    "voortgang": progress,
    "monitor": monitor,
    "grafieken": charts,
}
SECTION_TITLES = {key: module.TITLE for key, module in SECTIONS.items()}

log = logging.getLogger(__name__)

__all__ = ["SECTIONS", "SECTION_TITLES", "BuildCancelled", "BuildResult", "ReportError", "build_pdf",
           "parse_sections"]


class ReportError(UserError, ValueError):
    """A choice the annexes cannot be made from; ``message`` says why, in Dutch."""


@dataclass(frozen=True)
class BuildResult:
    path: Path
    pages: int
    sections: list[str]
    # What no embedded font could draw, each printed as □ and named at the end of the annex
    # (an emoji "👍🏽", a character of a script no font here has).
    missing: tuple[str, ...] = ()


def parse_sections(text: str | Iterable[str]) -> list[str]:
    """Section keys from ``"begroting,bijdragen"`` (or a list), checked, in printing order."""
    names = text.split(",") if isinstance(text, str) else list(text)
    wanted = [n.strip().lower() for n in names if n and n.strip()]
    if not wanted:
        raise ReportError("Kies ten minste één onderdeel: " + ", ".join(SECTIONS) + ".")
    unknown = [n for n in wanted if n not in SECTIONS]
    if unknown:
        label = "Onbekend onderdeel" if len(unknown) == 1 else "Onbekende onderdelen"
        raise ReportError(f"{label}: {', '.join(unknown)}. Kies uit: {', '.join(SECTIONS)}.")
    return [key for key in SECTIONS if key in wanted]


def build_pdf(workspace, plan_id: int, sections: str | Sequence[str], out: Path | str, *,
              chapters: Iterable[int] | None = None, years: Iterable[int] | None = None,
              progress: Callable[[float, str], None] | None = None,
              cancelled: Callable[[], bool] | None = None,
              charts: Sequence[tuple[str, Path | str]] | None = None,
              project_column: bool = False, mark_changes: bool | None = None,
              today: date | None = None, as_of: date | None = None,
              moment_id: int | None = None) -> BuildResult:
    """Write the chosen sections of the plan's annexes to ``out``, one PDF.

    ``chapters`` (chapter ids) narrow the project sheets and the progress report,
    ``years`` the budget's and the contributions' year columns. ``progress`` is
    called with (fraction done, what is being done); ``cancelled`` is asked often and
    stops the export (BuildCancelled) when it returns True. ``charts`` are
    (title, PNG file) pairs for the Grafieken section, made by the caller (the chart
    views need Qt, which this package does not import). ``mark_changes`` marks, in the
    budget annex, what differs from the plan this one is based on; None: mark when there is
    such a plan (an amendment or a scenario). ``as_of`` is the peildatum of the realisatie
    (default: ``today``, else the day of printing). Raises ReportError with a Dutch message for a
    choice that cannot be printed.
    """
    keys = parse_sections(sections)
    out = Path(out)
    if not out.parent.is_dir():
        raise ReportError(f"De map “{out.parent}” bestaat niet; kies een andere plek voor de PDF.")
    # Never over the workspace itself (same inode, also through a link) or any workspace:
    # refused before the long layout.
    inputs = [getattr(workspace, "path", None)]
    check_output_path(out, inputs=inputs)
    plan = load_report_plan(workspace, plan_id)
    if plan is None:
        raise ReportError("Dit plan bestaat niet meer; kies een ander plan.")
    chosen_years = _check_years(plan.years, years)
    chosen_chapters = _check_chapters(workspace, plan_id, chapters)
    base = _check_base(workspace, plan, keys, mark_changes)
    mark = base is not None and mark_changes is not False and "begroting" in keys
    ctx = ReportContext(workspace, plan, chosen_years, chosen_chapters, today or date.today(),
                        charts=[(str(t), Path(p)) for t, p in (charts or [])],
                        project_column=project_column, base=base, mark_changes=mark)
    ctx.as_of = as_of or ctx.today  # the realisatie's peildatum (app.reports.sections.realisation)
    ctx.moment_id = moment_id  # the voortgang as of this reporting moment (app.reports.sections.progress)
    if mark or "wijzigingen" in keys:
        try:
            ctx.comparison = compare_plans(workspace, base.id, plan.id)
        except EditError as exc:
            raise ReportError(exc.message) from exc

    def report(fraction: float, message: str) -> None:
        if cancelled is not None and cancelled():
            raise BuildCancelled()
        if progress is not None:
            progress(fraction, message)

    register_fonts()
    missing = record_missing()  # printed as □ and named at the end (MissingCharacters)
    for text in (plan.region, plan.title, ctx.status_line):  # the running header and footer
        string_width(clean(text, NAME_LIMIT), REGULAR, 8.5)
    with_contents = len(keys) > 1
    story: list = []
    if with_contents:
        story += _title_page(ctx, keys)
    for index, key in enumerate(keys):
        module = SECTIONS[key]
        report(0.15 * index / len(keys), f"Gegevens lezen: {module.TITLE}")
        story += module.story(ctx, first=not story)
    story.append(MissingCharacters(missing))
    first = LANDSCAPE if not with_contents and SECTIONS[keys[0]].orientation(ctx) == LANDSCAPE else PORTRAIT
    if with_contents:
        _seed_contents(story)

    title = (clean(plan.title, NAME_LIMIT).replace("\n", " ")
             + (" – Bijlagen" if with_contents else f" – {SECTION_TITLES[keys[0]]}"))
    subject = "Bijlagen bij het uitvoeringsplan: " + ", ".join(SECTION_TITLES[k].lower() for k in keys)

    def write(tmp: Path) -> int:
        document = AnnexDocument(
            str(tmp), PageDecor(plan.region, plan.title, ctx.status_line), first=first, title=title,
            subject=subject, author=clean(plan.region, NAME_LIMIT).replace("\n", " "),
            progress=lambda fraction: report(0.15 + 0.85 * fraction, "Pagina's opmaken"),
            cancelled=cancelled)
        return document.build_story(story, with_contents=with_contents)

    # Under a temporary name beside ``out``, renamed over it when complete; removed on any
    # failure or cancel. An OSError (disk full, no rights) becomes a Dutch OutputPathError.
    pages = write_atomically(out, write, inputs=inputs)
    if missing:
        log.warning("%s: %d teken(s) zonder lettertype als □ afgedrukt: %s", out.name, len(missing),
                    "; ".join(describe(c) for c in sorted(missing)))
    if progress is not None:
        progress(1.0, "Klaar")
    return BuildResult(out, pages, keys, tuple(sorted(missing)))


def _seed_contents(story: list) -> None:
    """Give the contents its entries before the first pass (pages still unknown), so that
    pass already has the contents' final length: two passes instead of three."""
    toc = next((f for f in story if isinstance(f, TableOfContents)), None)
    if toc is not None:
        toc._entries = [(f.toc_level, escape(f.plain), 1, f.key) for f in story
                        if isinstance(f, Heading) and f.toc_level is not None]


def _check_years(plan_years: list[int], years: Iterable[int] | None) -> list[int]:
    if years is None:
        return list(plan_years)
    chosen = sorted(set(int(y) for y in years))
    if not chosen:
        raise ReportError("Kies ten minste één jaar.")
    wrong = [y for y in chosen if y not in plan_years]
    if wrong:
        raise ReportError(
            f"{', '.join(map(str, wrong))} {'is geen jaar' if len(wrong) == 1 else 'zijn geen jaren'} "
            f"van deze begroting; kies uit {', '.join(map(str, plan_years))}.")
    return chosen


def _check_base(workspace, plan: ReportPlan, keys: list[str],
                mark_changes: bool | None) -> ReportPlan | None:
    """The plan ``plan`` was copied from, when a chosen section or ``mark_changes`` needs it;
    refused in Dutch when there is none."""
    base = load_report_plan(workspace, plan.based_on_id) if plan.based_on_id is not None else None
    if base is None and "wijzigingen" in keys:
        raise ReportError(
            f"Het {changes.TITLE} hoort bij een wijziging of scenario; dit plan is niet van een ander "
            "plan afgeleid. Kies een wijziging of scenario, of laat dit onderdeel weg.")
    if base is None and mark_changes and "begroting" in keys:
        raise ReportError(
            "Gewijzigde bedragen markeren kan alleen in de begroting van een wijziging of scenario; "
            "dit plan is niet van een ander plan afgeleid. Druk de begroting af zonder markering.")
    return base


def _check_chapters(workspace, plan_id: int, chapters: Iterable[int] | None) -> list[int] | None:
    if chapters is None:
        return None
    chosen = list(dict.fromkeys(int(c) for c in chapters))
    known = load_chapters(workspace, plan_id)
    ids = {c.id for c in known}
    wrong = [c for c in chosen if c not in ids]
    if wrong:
        raise ReportError("Een gekozen hoofdstuk hoort niet (meer) bij dit plan; kies opnieuw.")
    # A chapter brings its paragraphs along; keep the ids the user chose for the services.
    covered: set[int] = set()
    for chapter_id in chosen:
        covered |= chapter_subtree(known, chapter_id)
    return [c for c in chosen if c in covered]


def _title_page(ctx: ReportContext, keys: list[str]) -> list:
    plan = ctx.plan
    flow = [SectionStart("Inhoud"),
            Paragraph(escape(plan.title, most=NAME_LIMIT), styles.TITLE),
            Paragraph(f"{escape(plan.region, most=NAME_LIMIT)} · {escape(ctx.status_line, most=NAME_LIMIT)}",
                      styles.SUBTITLE),
            Paragraph("Inhoud", styles.HEADING2),
            contents()]
    if ctx.chapters is not None and {"projecten", "voortgang"} & set(keys):
        labels = {c.id: c.label for c in load_chapters(ctx.workspace, plan.id)}
        chosen = "; ".join(labels[c] for c in ctx.chapters)
        flow.append(Paragraph(f"Projectfiches en voortgang voor: {escape(chosen)}.", styles.SMALL))
    if ctx.years != plan.years:
        flow.append(Paragraph(f"Jaren: {', '.join(map(str, ctx.years))}.", styles.SMALL))
    return flow
