"""Light and dark palettes, the zoom (Ctrl++, Ctrl+-, Ctrl+0) and presentation mode (F11), in the
real main window: what the user sees (colours of rows and pages, font sizes, row heights, the
charts' letters) and what is stored (the zoom in the settings file)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from app.views import theme
from app.views.budget.budget_model import ROW_KIND_ROLE
from app.views.shell.navigation import Node
from tests.test_theme import contrast

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def app_look(planbord_qapp):
    """The application's palette and font put back after the test (other tests see neither a
    dark palette nor a zoom)."""
    palette, font = QPalette(planbord_qapp.palette()), QFont(planbord_qapp.font())
    yield planbord_qapp
    theme.set_presenting(False)
    planbord_qapp.setPalette(palette)
    if planbord_qapp.font() != font:
        planbord_qapp.setFont(font)
        theme.notify_changed()
    assert not theme.is_dark()


@pytest.fixture
def window(app_look, main_window, qtbot):
    main_window.activateWindow()  # keys (and shortcuts) go to the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    return main_window


def dark_palette() -> QPalette:
    """A dark palette like Fusion's dark scheme."""
    palette = QPalette()
    window, base, text = QColor(53, 53, 53), QColor(35, 35, 35), QColor(230, 230, 230)
    for role, colour in ((QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, text),
                         (QPalette.ColorRole.Base, base), (QPalette.ColorRole.AlternateBase, window),
                         (QPalette.ColorRole.Text, text), (QPalette.ColorRole.Button, window),
                         (QPalette.ColorRole.ButtonText, text)):
        palette.setColor(role, colour)
    return palette


def show(window, kind: str):
    plan = window.current_plan_id
    assert window.show_node(Node(kind, plan, plan))
    return window.current_editor()


def subtotal_row(model) -> int:
    return next(r for r in range(model.rowCount()) if model.index(r, 0).data(ROW_KIND_ROLE) == "subtotal")


def overview_colours(window) -> set[str]:
    """The text colours of the overview page as drawn (each fragment's foreground)."""
    colours = set()
    block = window.overview.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.text().strip():
                colours.add(fragment.charFormat().foreground().color().name())
            it += 1
        block = block.next()
    return colours


# --- light and dark ------------------------------------------------------------------------------


def test_a_dark_palette_gives_dark_rows_and_a_dark_overview_and_back(window):
    budget = show(window, "budget")
    model = budget.model
    row = subtotal_row(model)
    light = model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole).color().name()
    assert light == theme.LIGHT.subtotal_bg

    QApplication.setPalette(dark_palette())
    background = model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole).color().name()
    assert background == theme.DARK.subtotal_bg
    text = budget.table.palette().color(QPalette.ColorRole.Text).name()  # the row's text: no colour of its own
    assert model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert contrast(text, background) >= 4.5
    # A negative figure in red that reads on the dark row.
    red = theme.brush("negative").color().name()
    assert red == theme.DARK.negative and contrast(red, background) >= 4.5

    show(window, "plan")
    colours = overview_colours(window)
    page = window.overview.palette().color(QPalette.ColorRole.Base).name()
    assert theme.DARK.ink in colours and theme.DARK.accent in colours  # body text, the title
    assert theme.LIGHT.ink not in colours
    assert all(contrast(c, page) >= 4.5 for c in (theme.DARK.ink, theme.DARK.accent))
    assert theme.DARK.banner_bg in QApplication.instance().styleSheet()

    QApplication.setPalette(QPalette())  # back to the light default
    assert theme.LIGHT.ink in overview_colours(window)  # the page on show is drawn again
    assert theme.DARK.ink not in overview_colours(window)
    assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole).color().name() == theme.LIGHT.subtotal_bg
    assert theme.LIGHT.banner_bg in QApplication.instance().styleSheet()


def test_charts_follow_the_palette_and_exports_stay_light(window, qtbot, tmp_path):
    from PySide6.QtGui import QImage

    show(window, "budget")
    window.charts.show()
    panel = window.charts.ensure_panel()
    chart = panel.current_chart()
    panel.refresh(panel.current_name())
    assert chart.backgroundBrush().color().name() == theme.LIGHT.chart_background

    QApplication.setPalette(dark_palette())
    assert chart.backgroundBrush().color().name() == theme.DARK.chart_background
    assert chart.funding.opts["pen"].color().name() == theme.DARK.chart_line  # the funding bar: white
    assert "witte streep" in chart.title.text  # the subtitle names the bar's colour

    png = panel.export_current(tmp_path / "begroting.png", 1200, 750)  # for paper: light
    image = QImage(str(png))
    assert QColor(image.pixel(2, 2)).name() == theme.LIGHT.chart_background
    assert chart.backgroundBrush().color().name() == theme.DARK.chart_background  # the screen stays dark


# --- the zoom ------------------------------------------------------------------------------------


def test_ctrl_plus_zooms_the_window_and_is_remembered(window, qtbot, settings_store):
    budget = show(window, "budget")
    table, tree = budget.table, window.tree
    before = {"table": table.font().pointSizeF(), "tree": tree.font().pointSizeF(),
              "row": table.verticalHeader().defaultSectionSize(), "app": QApplication.font().pointSizeF(),
              "title": budget.findChild(type(window.read_only_banner), "pageTitle").font().pointSizeF()}

    qtbot.keyClick(window, Qt.Key.Key_Plus, CTRL)
    assert window.context.settings.zoom_percent == 110
    qtbot.keyClick(window, Qt.Key.Key_Equal, CTRL)  # Ctrl+= as well: no Shift needed for +
    assert window.context.settings.zoom_percent == 125
    assert table.font().pointSizeF() == pytest.approx(before["table"] * 1.25, abs=0.06)
    assert tree.font().pointSizeF() == pytest.approx(before["tree"] * 1.25, abs=0.06)
    title = budget.findChild(type(window.read_only_banner), "pageTitle")
    assert title.font().pointSizeF() == pytest.approx(before["title"] * 1.25, abs=0.1)
    assert table.verticalHeader().defaultSectionSize() >= round(before["row"] * 1.25)
    assert "Zoom 125 %" in window.statusBar().currentMessage()
    assert settings_store.load().zoom_percent == 125  # saved at once

    qtbot.keyClick(window, Qt.Key.Key_0, CTRL)
    assert window.context.settings.zoom_percent == 100
    assert QApplication.font().pointSizeF() == pytest.approx(before["app"])
    assert table.font().pointSizeF() == pytest.approx(before["table"])
    assert table.verticalHeader().defaultSectionSize() == before["row"]
    assert settings_store.load().zoom_percent == 100


def test_the_zoom_stops_at_its_ends(window, qtbot):
    for _ in range(12):
        qtbot.keyClick(window, Qt.Key.Key_Plus, CTRL)
    assert window.context.settings.zoom_percent == 200
    assert not window.zoom.zoom_in_action.isEnabled()
    assert QApplication.font().pointSizeF() == pytest.approx(theme.base_points() * 2)
    for _ in range(12):
        qtbot.keyClick(window, Qt.Key.Key_Minus, CTRL)
    assert window.context.settings.zoom_percent == 80
    assert not window.zoom.zoom_out_action.isEnabled() and window.zoom.zoom_in_action.isEnabled()
    assert QApplication.font().pointSizeF() == pytest.approx(theme.base_points() * 0.8)


def test_the_overview_page_grows_with_the_zoom(window, qtbot):
    show(window, "plan")
    css = window.overview.document().defaultStyleSheet()
    qtbot.keyClick(window, Qt.Key.Key_Plus, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_Plus, CTRL)
    body = theme.base_points() * 1.25 * theme.FONT_SHARES["body_pt"]
    assert f"font-size: {body:.1f}pt" in window.overview.document().defaultStyleSheet()
    assert window.overview.document().defaultStyleSheet() != css


def test_a_stored_zoom_is_applied_when_the_window_opens(app_look, open_window, demo_workspace, settings_store):
    settings = settings_store.load()
    settings.zoom_percent = 150
    settings_store.save(settings)
    window = open_window(demo_workspace)
    assert window.context.settings.zoom_percent == 150
    assert QApplication.font().pointSizeF() == pytest.approx(theme.base_points() * 1.5)
    assert window.tree.font().pointSizeF() == pytest.approx(
        theme.base_points() * 1.5 * theme.FONT_SHARES["tree_pt"], abs=0.06)


def test_charts_letters_follow_the_zoom_and_presentation_mode(window, qtbot):
    show(window, "budget")
    window.charts.show()
    panel = window.charts.ensure_panel()
    chart = panel.current_chart()
    assert chart.scale == pytest.approx(1.0)
    qtbot.keyClick(window, Qt.Key.Key_Plus, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_Plus, CTRL)
    assert chart.scale == pytest.approx(1.25)
    assert chart.axis.style["tickFont"].pointSizeF() == pytest.approx(10 * 1.25)

    qtbot.keyClick(window, Qt.Key.Key_F11)  # presentation mode
    assert window.isFullScreen() and window.zoom.presentation_action.isChecked()
    assert chart.scale == pytest.approx(1.25 * 1.4)
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert not window.isFullScreen() and not window.zoom.presentation_action.isChecked()
    assert chart.scale == pytest.approx(1.25)


def test_f11_in_the_charts_is_presentation_mode_and_shift_f11_shows_them_alone(window, qtbot):
    show(window, "budget")
    window.charts.show()
    panel = window.charts.ensure_panel()
    panel.current_chart().setFocus()
    qtbot.keyClick(panel.current_chart(), Qt.Key.Key_F11)  # not ambiguous with the panel's own
    assert window.isFullScreen() and not panel.full_screen
    qtbot.keyClick(panel.current_chart(), Qt.Key.Key_F11)
    assert not window.isFullScreen()
    qtbot.keyClick(panel.current_chart(), Qt.Key.Key_F11, Qt.KeyboardModifier.ShiftModifier)
    assert panel.full_screen
    panel.set_full_screen(False)
