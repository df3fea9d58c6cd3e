"""The program's own colours, in a light and a dark set, chosen from the application palette.

The platform style paints windows, buttons and plain cells from the palette; Planbord adds a
few colours of its own (subtotal and total rows, red for a saldo that is not zero, the
read-only banner, the charts, the overview pages). Those come from here, never as a literal
in a view, so they stay readable when the palette is dark (a dark system theme, or a dark
palette set on the program).

Which set: the palette's window colour (dark when its lightness is under half), looked at
again whenever the application palette or the system's colour scheme changes. Item models
ask for their brushes at ``data()`` time, so a switch repaints them; what is built once (the
style sheet, the overview page's CSS, the charts) listens to :func:`notifier`'s ``changed``.

Font sizes in the style sheet and the overview CSS are relative to the application font, so
the zoom (app.views.shell.zoom) and the system's font size scale everything together.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, fields

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette

from app import resources


@dataclass(frozen=True)
class Colours:
    """One set of named colours ("#rrggbb", or "#aarrggbb" for a translucent one)."""

    dark: bool
    ink: str  # body text where the palette's own text colour is not used (overview pages)
    muted: str  # notes and explanations under a table
    strong_note: str  # a note that matters a little more (the key's split note)
    grey: str  # figures of a comparison year, a superseded plan
    disabled: str  # an inherited or empty value shown for information
    accent: str  # page titles and headings
    group_bg: str  # a group row in a table
    subtotal_bg: str
    total_bg: str
    computed_bg: str  # a cell the program computes (not typed)
    general_bg: str  # the staffing's general (not project) rows
    comparison_bg: str  # a comparison year's cells
    changed_bg: str  # a figure that differs from the plan compared with
    header_bg: str  # headings of the overview's tables
    rule: str  # the line under a heading
    grid: str  # lines between rows
    negative: str  # red text: below zero, a saldo that is not zero, a refusal
    bad_bg: str  # a cell that needs attention
    positive: str  # green text: all is well
    overdue_bg: str
    overdue_ink: str
    banner_bg: str  # the read-only / adopted banner
    banner_ink: str
    banner_border: str
    note_mark: str  # the corner mark of a cell with a note
    row_highlight: str  # translucent amber over the row a chart bar points at
    preview_backdrop: str  # behind the white pages of the PDF preview
    status_unknown: str  # the traffic light's colours as text
    status_in_progress: str
    status_achieved: str
    status_not_achieved: str
    # The charts on screen (exports keep the light set: they go on paper).
    chart_background: str
    chart_ink: str
    chart_muted: str
    chart_outline: str
    chart_highlight: str
    chart_series: tuple[str, ...]
    chart_within: str
    chart_within_edge: str
    chart_over: str
    chart_more: str
    chart_less: str
    chart_alert: str
    chart_single: str
    chart_line: str  # the funding bar across the budget stack, the end of a limit box
    chart_limit_fill: str
    chart_stated: str


# Okabe & Ito's colour-blind safe set, ordered so neighbours differ in lightness too
# (see app.views.charts.style); on a dark background its black becomes a light grey.
_OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#F0E442", "#D55E00", "#56B4E9", "#CC79A7", "#000000")

LIGHT = Colours(
    dark=False,
    ink="#1a1a1a", muted="#5b6775", strong_note="#3b4754", grey="#6f7b89", disabled="#6e737b",
    accent="#1f3a5f",
    group_bg="#eef2f7", subtotal_bg="#f4f4f4", total_bg="#dde5ef", computed_bg="#f4f4f4",
    general_bg="#f7f9fc", comparison_bg="#f1f3f5", changed_bg="#fff0b8", header_bg="#e9eef5", rule="#b8c4d4", grid="#e4e8ee",
    negative="#b00020", bad_bg="#fde8e8", positive="#1b6e20", overdue_bg="#fde3e1", overdue_ink="#b00020",
    banner_bg="#fff3b0", banner_ink="#4a3b00", banner_border="#e0c95a",
    note_mark="#c0392b", row_highlight="#46ffc400", preview_backdrop="#8a8f96",
    status_unknown="#9aa3ad", status_in_progress="#d98e04", status_achieved="#1b8a2e",
    status_not_achieved="#c62828",
    chart_background="#ffffff", chart_ink="#1a1a1a", chart_muted="#555555", chart_outline="#2b2b2b",
    chart_highlight="#000000", chart_series=_OKABE_ITO,
    chart_within="#56B4E9", chart_within_edge="#0072B2", chart_over="#C62828", chart_more="#0072B2",
    chart_less="#E69F00", chart_alert="#b00020", chart_single="#0072B2", chart_line="#000000",
    chart_limit_fill="#f1f1f1", chart_stated="#8a8a8a",
)

# Dark: backgrounds a little lighter than a dark palette's base, text light; every text colour
# reads at 4.5 : 1 or better on the backgrounds it is used on (tests/test_theme.py checks).
DARK = Colours(
    dark=True,
    ink="#e8e8e8", muted="#aab4c0", strong_note="#c8d0da", grey="#98a3b0", disabled="#8d939b",
    accent="#9cc3f0",
    group_bg="#2a3441", subtotal_bg="#353535", total_bg="#31405a", computed_bg="#303030",
    general_bg="#272c33", comparison_bg="#2c2f33", changed_bg="#4a3f10", header_bg="#31405a", rule="#56677f", grid="#3c434c",
    negative="#ff8a94", bad_bg="#4d2227", positive="#7dd88f", overdue_bg="#4d2227", overdue_ink="#ffa3aa",
    banner_bg="#4a3f10", banner_ink="#ffe9a0", banner_border="#7d6b22",
    note_mark="#ff6b5b", row_highlight="#50ffc400", preview_backdrop="#3a3d42",
    status_unknown="#b4bcc6", status_in_progress="#f2b33d", status_achieved="#5fd37a",
    status_not_achieved="#ff7a70",
    chart_background="#1f1f1f", chart_ink="#e6e6e6", chart_muted="#b4b4b4", chart_outline="#0d0d0d",
    chart_highlight="#ffffff", chart_series=_OKABE_ITO[:-1] + ("#d9d9d9",),
    chart_within="#56B4E9", chart_within_edge="#9ad3f5", chart_over="#E8594A", chart_more="#56B4E9",
    chart_less="#E69F00", chart_alert="#ff8a94", chart_single="#56B4E9", chart_line="#ffffff",
    chart_limit_fill="#3a3f45", chart_stated="#a0a0a0",
)

# Font sizes of the style sheet and the overview CSS, as a share of the application font
# (9 pt on Windows: the tree at 10 pt, a page title at 13 pt, as they were designed).
FONT_SHARES = {
    "tree_pt": 10 / 9,
    "title_pt": 13 / 9,
    "body_pt": 10.5 / 9,
    "h1_pt": 17 / 9,
    "h2_pt": 12.5 / 9,
    "note_pt": 1.0,
}

_state: dict = {"dark": None, "forced": None, "base_points": None, "presenting": False}
_brushes: dict[tuple[bool, str], QBrush] = {}
_qcolors: dict[tuple[bool, str], QColor] = {}


def palette_is_dark(palette: QPalette | None = None) -> bool:
    """Whether ``palette`` (default: the application's) paints dark windows."""
    if palette is None:
        if QGuiApplication.instance() is None:
            return False
        palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def current() -> Colours:
    """The set in use: forced (an export), else the one the palette asks for."""
    if _state["forced"] is not None:
        return _state["forced"]
    if _state["dark"] is None:
        _state["dark"] = palette_is_dark()
    return DARK if _state["dark"] else LIGHT


def is_dark() -> bool:
    return current().dark


def hex_colour(name: str) -> str:
    """Colour ``name`` of the current set as "#rrggbb" (for HTML and style sheets)."""
    return QColor(getattr(current(), name)).name()


def colour(name: str) -> QColor:
    """Colour ``name`` (a field of :class:`Colours`) of the current set."""
    colours = current()
    key = (colours.dark, name)
    if key not in _qcolors:
        _qcolors[key] = QColor(getattr(colours, name))
    return _qcolors[key]


def brush(name: str) -> QBrush:
    """A brush of colour ``name``, for an item model's BackgroundRole or ForegroundRole."""
    colours = current()
    key = (colours.dark, name)
    if key not in _brushes:
        _brushes[key] = QBrush(QColor(getattr(colours, name)))
    return _brushes[key]


@contextmanager
def forced(colours: Colours):
    """Use ``colours`` whatever the palette (a chart exported for paper uses LIGHT)."""
    before, _state["forced"] = _state["forced"], colours
    try:
        yield colours
    finally:
        _state["forced"] = before


# --- style sheet and overview CSS ----------------------------------------------------------------


def application_points() -> float:
    """The application font's size in points (the zoom sets it)."""
    font = QGuiApplication.font()
    size = font.pointSizeF()
    return size if size > 0 else max(font.pixelSize(), 1) * 0.75


def base_points() -> float:
    """The application font's size before any zoom (the system's), taken when first asked."""
    if _state["base_points"] is None:
        _state["base_points"] = application_points()
    return _state["base_points"]


def font_scale() -> float:
    """How much larger the application font is than the system's (the zoom): pixel sizes
    chosen for the system font (row heights) grow by this."""
    return application_points() / base_points()


def presenting() -> bool:
    """Presentation mode (F11): the window full screen, the charts' letters larger."""
    return _state["presenting"]


def set_presenting(on: bool) -> None:
    _state["presenting"] = on


def style_values() -> dict[str, str]:
    """What the style sheet and the overview CSS are filled with: every colour of the current
    set by its name, and the font sizes relative to the application font."""
    values = {f.name: QColor(getattr(current(), f.name)).name()
              for f in fields(Colours) if isinstance(getattr(current(), f.name), str)}
    points = application_points()
    values.update({name: f"{points * share:.1f}" for name, share in FONT_SHARES.items()})
    return values


def application_stylesheet() -> str:
    return resources.stylesheet(style_values())


def overview_css() -> str:
    return resources.overview_style(style_values())


def apply_stylesheet() -> None:
    """Set the application's style sheet for the current colours and font size."""
    app = QGuiApplication.instance()
    if app is not None and hasattr(app, "setStyleSheet"):
        app.setStyleSheet(application_stylesheet())


# --- following the palette ------------------------------------------------------------------------


class ThemeNotifier(QObject):
    """``changed`` after the colours or the application font changed: what was drawn once (the
    overview page, the charts) draws itself again."""

    changed = Signal()

    def palette_changed(self, *_args) -> None:
        dark = palette_is_dark()
        if dark == _state["dark"]:
            return
        _state["dark"] = dark
        apply_stylesheet()
        self.changed.emit()


_notifier: list[ThemeNotifier] = []


def notifier() -> ThemeNotifier:
    if not _notifier:
        _notifier.append(ThemeNotifier())
    return _notifier[0]


def install(app) -> None:
    """Choose the set from ``app``'s palette, set the style sheet, and follow the palette and
    the system's colour scheme from now on (once per application)."""
    _state["dark"] = palette_is_dark(app.palette())
    base_points()
    apply_stylesheet()
    if getattr(app, "_planbord_theme_installed", False):
        return
    app._planbord_theme_installed = True
    watcher = notifier()
    # QGuiApplication.paletteChanged is the one notice of a new application palette that also
    # comes outside a running event loop (ApplicationPaletteChange does not); a system switch
    # to dark changes the palette too, and colorSchemeChanged covers a style that does not.
    app.paletteChanged.connect(watcher.palette_changed)
    app.styleHints().colorSchemeChanged.connect(watcher.palette_changed)


def notify_changed() -> None:
    """The font changed (the zoom): re-fill the style sheet and let the pages redraw."""
    apply_stylesheet()
    notifier().changed.emit()

