"""The Plan and Page menus: every action of the tree's context menu and of a page's toolbar has a
menu twin, so a keyboard (Alt and a letter) reaches all of them, as in Office.

- Plan: make an amendment (Ctrl+Shift+W, also the banner's button), then the tree's actions for
  the item looked at (chapters and projects) and the plan's own (adopt, scenario, year columns…).
- Page: the actions on the toolbars of the page on show (a budget's new line, staffing's new
  role…), with their shortcuts.

Both are filled when opened, from the same QAction objects the tree and the toolbars use, so
enabled states and shortcuts are the same wherever an action is seen.
"""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from app.views.shell.navigation import Node

AMEND_SHORTCUT = "Ctrl+Shift+W"  # W for wijziging


class PlanMenus(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.amend_action = QAction(self.tr("Make an &amendment…"), window)
        self.amend_action.setShortcut(QKeySequence(AMEND_SHORTCUT))
        self.amend_action.triggered.connect(self.make_amendment)
        window.addAction(self.amend_action)  # the shortcut works wherever the focus is
        self.plan_menu = QMenu(self.tr("&Plan"), window)
        self.plan_menu.setObjectName("planMenu")
        self.plan_menu.aboutToShow.connect(self.fill_plan_menu)
        self.plan_menu.aboutToHide.connect(self._enable_tree_actions)
        self.page_menu = QMenu(self.tr("Pa&ge"), window)
        self.page_menu.setObjectName("pageMenu")
        self.page_menu.aboutToShow.connect(self.fill_page_menu)
        # Filled at once too (and again each time they open), so their shortcuts are listed and
        # a test can walk them without opening them.
        self.fill_plan_menu()
        self.fill_page_menu()
        self._enable_tree_actions()

    # --- make an amendment ------------------------------------------------------------------

    def amendable_plan(self) -> int | None:
        """The adopted plan looked at, if the file may change; else None."""
        node = self.window.current_node
        if node is None or node.plan_id is None or self.window.context.read_only:
            return None
        # An adopted plan is the one with a read-only banner text.
        return node.plan_id if self.window.read_only_text(node.plan_id) else None

    def make_amendment(self) -> None:
        plan_id = self.amendable_plan()
        if plan_id is None:
            self.window.statusBar().showMessage(self.tr(
                "Only an adopted plan gets an amendment: choose it in the tree first."), 8000)
            return
        self.window.make_amendment(plan_id)

    # --- the menus ----------------------------------------------------------------------------

    def plan_menu_actions(self) -> list[QAction | None]:
        """What the Plan menu holds for the item looked at (None: a separator)."""
        window = self.window
        node = window.current_node
        self.amend_action.setEnabled(self.amendable_plan() is not None)
        items: list[QAction | None] = [self.amend_action]
        if node is None or window.context.workspace is None:
            return items
        if node.kind in ("region", "plan", "chapter", "project"):
            shown = node
        elif node.plan_id is not None:
            shown = Node("plan", node.plan_id, node.plan_id)
        else:
            return items
        items.append(None)
        items += window.outline.menu_actions(shown)
        if shown.kind in ("chapter", "project"):  # and the plan's own actions, for its plan
            items.append(None)
            items += [a for a in window.plan_actions.actions_for(Node("plan", shown.plan_id, shown.plan_id))]
        return items

    def fill_plan_menu(self) -> None:
        _fill(self.plan_menu, self.plan_menu_actions())

    def _enable_tree_actions(self) -> None:
        # Greyed for the menu only: their shortcuts check for themselves and say why not (as
        # after the tree's menu); a disabled action's shortcut would do nothing, without a word.
        for action in self.plan_menu.actions():
            action.setEnabled(True)

    def page_menu_actions(self) -> list[QAction | None]:
        """The actions on the toolbars of the page on show (None: a separator)."""
        editor = self.window.current_editor()
        items: list[QAction | None] = []
        if editor is None:
            return items
        for toolbar in editor.findChildren(QToolBar):
            if items:
                items.append(None)
            items += [None if a.isSeparator() else a for a in toolbar.actions()]
        return items

    def fill_page_menu(self) -> None:
        items = self.page_menu_actions()
        if not any(items):
            self.page_menu.clear()
            empty = self.page_menu.addAction(self.tr("(this page has no actions)"))
            empty.setEnabled(False)
            return
        _fill(self.page_menu, items)


def _fill(menu: QMenu, items: list[QAction | None]) -> None:
    menu.clear()
    previous = None
    for item in items:
        if item is None:
            if previous is not None:  # no separator first or twice
                menu.addSeparator()
        else:
            menu.addAction(item)
        previous = item
    while menu.actions() and menu.actions()[-1].isSeparator():
        menu.removeAction(menu.actions()[-1])
