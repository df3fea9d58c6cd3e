"""The plans in the tree, told apart at a glance (issue 16): short labels by year, kind and status
that fit the tree, the full title in the tooltip, each kind its own icon; "Make an amendment"
when a draft amendment exists asks before making a second; and a page switch puts the keyboard
in the page's main table, with no banner flashing up as a window of its own.

On the demo (plan 2022, adopted 11-11-2021), in Dutch, on the offscreen platform.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QMessageBox, QStyle
from sqlalchemy import func, select

from app.models import Plan, PlanKind
from app.resources import icon
from app.views import theme
from app.views.shell.navigation import Node

TITLE = "Uitvoeringsplan 2022 Regiovisie Jeugdzorg Haaglanden"
TREE_WIDTH = 320  # the tree's default width (the main window's splitter)


@pytest.fixture
def window(main_window):
    with main_window.context.workspace.session() as s:
        main_window.adopted_id = s.scalar(select(Plan.id).where(Plan.kind == PlanKind.PLAN))
    return main_window


@pytest.fixture
def amend_yes(monkeypatch):
    """The first amendment's confirmation, answered Yes; returns the questions asked."""
    asked = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def plan_count(window) -> int:
    with window.context.workspace.session() as s:
        return s.scalar(select(func.count(Plan.id)))


def amendment_ids(window) -> list[int]:
    with window.context.workspace.session() as s:
        return list(s.scalars(select(Plan.id).where(Plan.kind == PlanKind.AMENDMENT).order_by(Plan.id)))


def item(window, plan_id: int):
    index = window.navigation_model.find(Node("plan", plan_id, plan_id))
    assert index.isValid(), plan_id
    return index


def label(window, plan_id: int) -> str:
    return item(window, plan_id).data()


def plan_labels(window) -> list[str]:
    model = window.navigation_model
    return [i.data() for i in model.walk() if model.node(i).kind == "plan"]


def same_icon(index, name: str) -> bool:
    return index.data(Qt.ItemDataRole.DecorationRole).cacheKey() == icon(name).cacheKey()


def answer_existing(monkeypatch, window, choice):
    """``ask_existing_amendment`` answered ``choice``; returns the labels it was asked about."""
    asked = []
    monkeypatch.setattr(window, "ask_existing_amendment", lambda text: asked.append(text) or choice)
    return asked


# --- the labels ------------------------------------------------------------------------------

def test_the_adopted_demo_plan_is_its_year_and_adoption_with_the_title_in_the_tooltip(window):
    index = item(window, window.adopted_id)
    assert index.data() == "2022 · vastgesteld 11-11-2021"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == f"{TITLE}\nvastgesteld 11-11-2021"
    assert index.data(Qt.ItemDataRole.AccessibleDescriptionRole) == f"{TITLE}\nvastgesteld 11-11-2021"
    assert same_icon(index, "plan_adopted") and not icon("plan_adopted").isNull()
    assert not index.data(Qt.ItemDataRole.FontRole) or not index.data(Qt.ItemDataRole.FontRole).italic()


def test_an_amendment_is_numbered_in_italics_and_adopted_supersedes_the_plan(window, amend_yes, monkeypatch):
    window.make_amendment(window.adopted_id)
    (amendment,) = amendment_ids(window)
    index = item(window, amendment)
    assert index.data() == "2022 · wijziging 1 · concept"
    assert index.data(Qt.ItemDataRole.FontRole).italic()  # a draft: the word and the italics
    assert same_icon(index, "amendment")
    assert index.data(Qt.ItemDataRole.ToolTipRole) == f"{TITLE} (wijziging 1)\nconcept"

    window.show_node(Node("plan", amendment, amendment))
    monkeypatch.setattr(window.plan_actions, "ask_adoption", lambda: ("03-05-2022", "BOJ"))
    window.plan_actions.adopt_action.trigger()
    index = item(window, amendment)
    assert index.data() == "2022 · wijziging 1 · vastgesteld"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == f"{TITLE} (wijziging 1)\nvastgesteld 03-05-2022"
    assert same_icon(index, "amendment_adopted")
    original = item(window, window.adopted_id)
    assert original.data() == "2022 · vervallen"  # the word, not only the grey
    assert original.data(Qt.ItemDataRole.ForegroundRole).color() == theme.brush("grey").color()
    assert original.data(Qt.ItemDataRole.ToolTipRole) == f"{TITLE}\nvervangen door een vastgestelde wijziging"

    # An amendment of the adopted amendment is the year's second, not a second "wijziging 1".
    window.make_amendment(amendment)
    assert label(window, amendment_ids(window)[-1]) == "2022 · wijziging 2 · concept"


def test_a_scenario_shows_its_number_then_its_name(window, monkeypatch):
    window.show_node(Node("plan", window.adopted_id, window.adopted_id))
    window.plan_actions.scenario_action.trigger()
    with window.context.workspace.session() as s:
        scenario = s.scalar(select(Plan.id).where(Plan.kind == PlanKind.SCENARIO))
    index = item(window, scenario)
    assert index.data() == "2022 · scenario 1"
    assert same_icon(index, "scenario") and index.data(Qt.ItemDataRole.FontRole).italic()

    window.show_node(Node("plan", scenario, scenario))
    monkeypatch.setattr(window.plan_actions, "ask_text", lambda *a: f"{TITLE} – Extra inzet")
    window.plan_actions.rename_action.trigger()
    assert label(window, scenario) == "2022 · scenario ‘Extra inzet’"
    assert item(window, scenario).data(Qt.ItemDataRole.ToolTipRole) == f"{TITLE} – Extra inzet\nconcept"

    monkeypatch.setattr(window.plan_actions, "ask_text", lambda *a: "Scenario: zonder JDM")
    window.plan_actions.rename_action.trigger()
    assert label(window, scenario) == "2022 · scenario ‘zonder JDM’"

    long_name = "Wat als de gemeenten Westland, Wassenaar en Voorschoten hun bijdrage halveren"
    monkeypatch.setattr(window.plan_actions, "ask_text", lambda *a: long_name)
    window.plan_actions.rename_action.trigger()
    text = label(window, scenario)
    assert text.startswith("2022 · scenario ‘Wat als") and text.endswith("…’")
    assert item(window, scenario).data(Qt.ItemDataRole.ToolTipRole) == f"{long_name}\nconcept"


def test_every_plan_label_fits_the_tree_at_its_default_width(window, amend_yes, monkeypatch):
    """Not cut: the label's width, its indentation, icon and margins within the 320 pixels (a
    vertical scroll bar counted), in the tree's own font (italic for drafts)."""
    window.make_amendment(window.adopted_id)
    (amendment,) = amendment_ids(window)
    window.show_node(Node("plan", amendment, amendment))
    monkeypatch.setattr(window.plan_actions, "ask_adoption", lambda: ("03-05-2022", "BOJ"))
    window.plan_actions.adopt_action.trigger()
    window.make_amendment(amendment)
    window.show_node(Node("plan", window.adopted_id, window.adopted_id))
    window.plan_actions.scenario_action.trigger()
    with window.context.workspace.session() as s:
        scenario = s.scalar(select(Plan.id).where(Plan.kind == PlanKind.SCENARIO))
    window.show_node(Node("plan", scenario, scenario))
    monkeypatch.setattr(window.plan_actions, "ask_text", lambda *a: "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW")
    window.plan_actions.rename_action.trigger()
    assert plan_labels(window) == ["2022 · vervallen", "2022 · wijziging 1 · vastgesteld",
                                   "2022 · wijziging 2 · concept", plan_labels(window)[3]]
    assert plan_labels(window)[3].startswith("2022 · scenario ‘WWW")

    tree = window.tree
    assert tree.width() == TREE_WIDTH
    style = tree.style()
    icon_size = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, tree)
    text_margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1
    margin = (2 * tree.frameWidth() + style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, tree)
              + 4 * text_margin)  # around the icon and around the text
    for index in (item(window, p) for p in (window.adopted_id, *amendment_ids(window), scenario)):
        depth, parent = 1, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        font = index.data(Qt.ItemDataRole.FontRole) or tree.font()
        width = QFontMetrics(font).horizontalAdvance(index.data())
        assert width + depth * tree.indentation() + icon_size < TREE_WIDTH - margin, index.data()


# --- a second amendment --------------------------------------------------------------------------

def test_a_second_amendment_asks_first_and_open_goes_to_the_draft_on_the_same_page(window, amend_yes,
                                                                                  monkeypatch):
    window.show_node(Node("staffing", window.adopted_id, window.adopted_id))
    window.current_editor().banner.button.click()  # the banner's "Wijziging maken"
    assert len(amend_yes) == 1
    (draft,) = amendment_ids(window)
    assert window.current_node == Node("staffing", draft, draft)
    assert plan_count(window) == 2

    window.show_node(Node("staffing", window.adopted_id, window.adopted_id))
    asked = answer_existing(monkeypatch, window, "open")
    window.current_editor().banner.button.click()
    assert asked == ["2022 · wijziging 1 · concept"]
    assert len(amend_yes) == 1  # no second question
    assert plan_count(window) == 2  # nothing made
    assert window.current_node == Node("staffing", draft, draft)
    assert window.current_editor().plan_id == draft

    asked = answer_existing(monkeypatch, window, None)  # Annuleren
    window.make_amendment(window.adopted_id)
    assert asked == ["2022 · wijziging 1 · concept"] and plan_count(window) == 2


def test_a_second_amendment_when_asked_for_is_wijziging_2(window, amend_yes, monkeypatch):
    window.make_amendment(window.adopted_id)
    window.show_node(Node("budget", window.adopted_id, window.adopted_id))
    asked = answer_existing(monkeypatch, window, "new")
    window.make_amendment(window.adopted_id)
    assert asked == ["2022 · wijziging 1 · concept"] and len(amend_yes) == 1
    assert plan_count(window) == 3
    first, second = amendment_ids(window)
    assert label(window, second) == "2022 · wijziging 2 · concept"
    assert window.current_node == Node("budget", second, second)
    window.context.undo_stack.undo()  # one step, as the first
    assert plan_count(window) == 2 and amendment_ids(window) == [first]


def test_only_draft_amendments_of_the_plan_itself_count(demo_workspace):
    """No Qt: the read service the question rests on."""
    from datetime import date

    from app.services.adoption import adopt_plan
    from app.services.plan_copy import create_amendment
    from app.services.plan_edit import create_scenario
    from app.services.plans import load_draft_amendments
    from app.services.workspace import open_workspace

    workspace = open_workspace(demo_workspace)
    try:
        with workspace.session() as s:
            base = s.scalar(select(Plan.id).where(Plan.kind == PlanKind.PLAN))
        assert load_draft_amendments(workspace, base) == []
        create_scenario(workspace, base)  # a scenario is no amendment
        assert load_draft_amendments(workspace, base) == []
        first = create_amendment(workspace, base)
        second = create_amendment(workspace, base)
        assert load_draft_amendments(workspace, base) == [first, second]
        adopt_plan(workspace, first, date(2022, 5, 3), "BOJ")
        assert load_draft_amendments(workspace, base) == [second]
        of_first = create_amendment(workspace, first)  # an amendment of the amendment: not of the base
        assert load_draft_amendments(workspace, base) == [second]
        assert load_draft_amendments(workspace, first) == [of_first]
    finally:
        workspace.close()


def test_the_question_about_the_draft_in_dutch_with_open_as_default(window):
    seen = {}

    def press(button: str) -> None:
        box = QApplication.activeModalWidget()
        seen["title"], seen["text"] = box.windowTitle(), box.text()
        seen["buttons"] = [b.text() for b in box.buttons()]
        seen["default"] = box.defaultButton().text()
        next(b for b in box.buttons() if b.text() == button).click()

    for button, wanted in (("Openen", "open"), ("Nieuwe wijziging", "new"), ("Annuleren", None)):
        QTimer.singleShot(0, lambda b=button: press(b))
        assert window.ask_existing_amendment("2022 · wijziging 1 · concept") == wanted
    assert seen["title"] == "Wijziging maken"
    assert seen["text"] == ("Er is al een wijziging in concept van dit plan: ‘2022 · wijziging 1 · concept’. "
                            "Die openen, of een nieuwe wijziging maken?")
    assert sorted(seen["buttons"]) == ["Annuleren", "Nieuwe wijziging", "Openen"]
    assert seen["default"] == "Openen"


# --- the focus and no stray windows ----------------------------------------------------------------

MAIN_WIDGET = {
    "progress": lambda e: e.table,
    "staffing": lambda e: e.matrix,
    "budget": lambda e: e.table,
    "funding": lambda e: e.funding_table,
    "key": lambda e: e.table,
    "project": lambda e: e.edits["title"],
    "region": lambda e: e.municipalities,
}


class ShownWindows(QObject):
    """Every top-level widget other than ``main`` that is shown while installed."""

    def __init__(self, main) -> None:
        super().__init__()
        self.main = main
        self.shown: list[str] = []

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if (event.type() == QEvent.Type.Show and watched.isWidgetType() and watched.isWindow()
                and watched is not self.main):
            self.shown.append(f"{type(watched).__name__} {watched.objectName()}")
        return False


def pages(window) -> list[Node]:
    plan = window.adopted_id
    nodes = [Node(kind, plan, plan) for kind in ("progress", "staffing", "budget", "funding", "key")]
    model = window.navigation_model
    project = next(n for n in map(model.node, model.walk()) if n.kind == "project" and n.plan_id == plan)
    region = next(n for n in map(model.node, model.walk()) if n.kind == "region")
    return [*nodes, project, region]


def test_each_page_shown_puts_the_keyboard_in_its_main_table_and_no_window_flashes(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    watcher = ShownWindows(window)
    QApplication.instance().installEventFilter(watcher)
    try:
        for node in pages(window):
            assert window.show_node(node)
            editor = window.current_editor()
            assert editor is not None, node
            if node.plan_id == window.adopted_id and node.kind != "region":
                assert editor.banner.isVisibleTo(window) and editor.banner.parentWidget() is editor
            main = MAIN_WIDGET[node.kind](editor)
            qtbot.waitUntil(lambda m=main: QApplication.focusWidget() is m)
            assert editor.isAncestorOf(QApplication.focusWidget()), node
    finally:
        QApplication.instance().removeEventFilter(watcher)
    assert watcher.shown == []


def test_walking_the_tree_with_the_arrows_keeps_the_keyboard_in_the_tree(window, qtbot):
    plan = window.adopted_id
    window.show_node(Node("plan", plan, plan))
    window.tree.expand(window.tree.currentIndex())
    window.activateWindow()
    window.tree.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.tree)
    for _ in range(40):  # down past the chapters to the plan's tables
        qtbot.keyClick(window.tree, Qt.Key.Key_Down)
        if window.current_node.kind == "staffing":
            break
    assert window.current_node == Node("staffing", plan, plan)
    assert window.current_editor() is not None  # the page is shown
    assert QApplication.focusWidget() is window.tree  # and the next arrow still moves in the tree
    qtbot.keyClick(window.tree, Qt.Key.Key_Down)
    assert window.current_node == Node("budget", plan, plan)


def test_a_file_opened_read_only_shows_its_banner_inside_the_window_only(open_window, demo_workspace):
    watcher = ShownWindows(None)
    QApplication.instance().installEventFilter(watcher)
    try:
        window = open_window(demo_workspace, read_only=True)
        plan = window.current_plan_id
        for kind in ("budget", "staffing"):
            assert window.show_node(Node(kind, plan, plan))
    finally:
        QApplication.instance().removeEventFilter(watcher)
    assert window.read_only_banner.isVisibleTo(window) and window.read_only_banner.window() is window
    assert window.read_only_banner.text().startswith("Alleen-lezen")
    assert [shown for shown in watcher.shown if not shown.startswith("MainWindow")] == []
