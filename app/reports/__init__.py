"""PDF annexes with ReportLab, runnable without a screen. No Qt here.

``build_pdf(workspace, plan_id, sections, out, ...)`` (app/reports/build.py) writes
the chosen sections (wijzigingen, begroting, bijdragen, realisatie, afrekening, formatie,
projecten, voortgang, monitor, grafieken) of a plan into one PDF; the command line and the export dialog both
call it.
"""
from app.reports.build import (
    SECTION_TITLES,
    SECTIONS,
    BuildCancelled,
    BuildResult,
    ReportError,
    build_pdf,
    parse_sections,
)

__all__ = ["SECTIONS", "SECTION_TITLES", "BuildCancelled", "BuildResult", "ReportError", "build_pdf",
           "parse_sections"]
