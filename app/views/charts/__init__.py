"""The Grafieken view: budget, contributions, dagdelen (per project and per person), actions and a comparison, budget against realisatie, as charts.

pyqtgraph is imported by this package's modules only, so importing ``app.views.charts``
itself costs nothing: the panel and the file renderer are loaded when first asked for
(the main window creates the panel when the view is first opened).

    from app.views.charts import ChartsPanel, render_chart_to_file
"""
from __future__ import annotations

__all__ = ["CHART_NAMES", "ChartsPanel", "render_chart_to_file"]

CHART_NAMES = ("budget", "contributions", "half_days", "people", "actions", "comparison", "realisation")


def __getattr__(name: str):
    if name == "ChartsPanel":
        from app.views.charts.panel import ChartsPanel

        return ChartsPanel
    if name == "render_chart_to_file":
        from app.views.charts.export import render_chart_to_file

        return render_chart_to_file
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
