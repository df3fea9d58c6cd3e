"""Editing the plan's outline from the navigation tree: new chapter, sub-chapter and project,
rename, move up and down, delete (with a confirmation naming what goes with it).

The actions sit in the tree's context menu and answer their shortcuts while the tree has
the focus. Each is one undo command of app/views/projects/project_commands.py; the tree follows
through the context's ``changed`` signal (MainWindow rebuilds it, keeping its place).
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu

from app.views.shell.navigation import Node

# The new item's position: far past the end means "at the end" (the service clamps).
AT_END = 1_000_000


def _commands():
    """The undo commands, imported with the first edit: the window shows before the domain loads."""
    from app.views.projects import project_commands

    return project_commands


class OutlineActions(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        tree = window.tree

        def action(text: str, slot, shortcut: str | None = None) -> QAction:
            a = QAction(text, tree)
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
                a.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            a.triggered.connect(lambda _checked=False: slot())
            tree.addAction(a)
            return a

        self.new_project_action = action(self.tr("New &project"), self.new_project, "Ctrl+Shift+P")
        self.new_chapter_action = action(self.tr("New c&hapter…"), self.new_chapter, "Ctrl+Shift+H")
        self.new_subchapter_action = action(self.tr("New su&b-chapter…"), self.new_subchapter)
        self.rename_action = action(self.tr("&Rename…"), self.rename, "F2")
        self.up_action = action(self.tr("Move &up"), lambda: self.shift(-1), "Alt+Up")
        self.down_action = action(self.tr("Move &down"), lambda: self.shift(1), "Alt+Down")
        self.delete_action = action(self.tr("D&elete…"), self.delete, "Delete")
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._menu)

    # --- where we are ----------------------------------------------------------------------

    def node(self) -> Node | None:
        return self.window.current_node

    def _writable(self, node: Node | None) -> bool:
        """True when the node's plan may change; otherwise says why in the status bar."""
        if node is None or node.plan_id is None:
            return False
        if self.window.context.read_only:
            self._say(self.tr("The file is open read-only."))
            return False
        reason = self.window.read_only_text(node.plan_id)
        if reason:
            self._say(reason)
            return False
        return True

    def _say(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 8000)

    def _menu(self, point) -> None:
        if self.window.kept_page is not None:  # the file is not open yet: nothing to act on
            return
        index = self.window.tree.indexAt(point)
        node = self.window.navigation_model.node(index)
        if node is None or node.kind not in ("region", "plan", "chapter", "project"):
            return
        # The actions work on the current item: make it the one clicked.
        if index != self.window.tree.currentIndex():
            self.window.tree.setCurrentIndex(index)
        menu = self.context_menu(node)
        menu.exec(self.window.tree.viewport().mapToGlobal(point))
        for action in menu.actions():
            action.setEnabled(True)  # the shortcuts check for themselves

    def menu_actions(self, node: Node) -> list[QAction | None]:
        """The actions for ``node`` (None: a separator), as the tree's menu and the Plan menu
        show them: what does not apply there, or to a read-only plan, greyed."""
        if node.kind == "region":  # a new plan: the window's plan actions
            return list(self.window.plan_actions.actions_for(node))
        editable = not self.window.context.read_only and not self.window.read_only_text(node.plan_id)
        outline = ((self.new_chapter_action,) if node.kind == "plan" else  # the plan's own rename, delete below
                   (self.new_project_action, self.new_chapter_action, self.new_subchapter_action,
                    None, self.rename_action, self.up_action, self.down_action, None, self.delete_action))
        items: list[QAction | None] = []
        for action in outline:
            if action is not None:
                action.setEnabled(editable and self._applies(action, node))
            items.append(action)
        if node.kind == "plan":  # adopt, next year's plan, ...: the window's plan actions
            items.append(None)
            items += self.window.plan_actions.actions_for(node)
        return items

    def context_menu(self, node: Node) -> QMenu:
        """The tree's menu for ``node``."""
        menu = QMenu(self.window.tree)
        for action in self.menu_actions(node):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        return menu

    def _applies(self, action: QAction, node: Node) -> bool:
        if action is self.new_chapter_action:
            return node.kind in ("plan", "chapter")
        if action is self.new_subchapter_action:
            return node.kind == "chapter"
        if action is self.new_project_action:
            return node.kind in ("chapter", "project")
        return node.kind in ("chapter", "project")

    def _run(self, command) -> bool:
        from app.views.commands import execute

        refusal = execute(self.window.context, command)
        if refusal:
            from app.views.shell.opening import show_error

            show_error(self.window, refusal)
        return refusal is None

    # Text prompts are a method of their own so tests can answer them.
    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self.window, title, label, text=text)
        return value if ok else None

    def _place(self, kind: str, item_id: int):
        from app.services.project_edit import place_of

        return place_of(self.window.context.workspace, kind, item_id)

    # --- the actions -----------------------------------------------------------------------

    def new_project(self) -> int | None:
        """A new project after the current one, or at the end of the current chapter; its
        editor opens with the title selected, ready to type over."""
        node = self.node()
        if node is None or node.kind not in ("chapter", "project") or not self._writable(node):
            return None
        if node.kind == "chapter":
            chapter_id, index = node.id, AT_END
        else:
            place = self._place("project", node.id)
            chapter_id, index = place.parent_id, place.index + 1
        command = _commands().add_project_command(self.window.context, node.plan_id, chapter_id, index,
                                                  self.tr("New project"), self.tr("New project"))
        if not self._run(command):
            return None
        self.window.show_node(Node("project", command.new_id, node.plan_id))
        self._focus_project_title()
        return command.new_id

    def _focus_project_title(self) -> bool:
        focus = getattr(self.window.current_editor(), "focus_title", None)
        if focus is not None:
            focus()
        return focus is not None

    def new_chapter(self, sub: bool = False) -> int | None:
        node = self.node()
        if node is None or node.kind not in ("plan", "chapter") or not self._writable(node):
            return None
        if sub and node.kind != "chapter":
            return None
        title = self.ask_text(self.tr("New sub-chapter") if sub else self.tr("New chapter"),
                              self.tr("Title:"))
        if title is None:
            return None
        if sub:
            parent_id, index = node.id, AT_END
        elif node.kind == "plan":
            parent_id, index = None, AT_END
        else:
            place = self._place("chapter", node.id)
            parent_id, index = place.parent_id, place.index + 1
        command = _commands().add_chapter_command(self.window.context, node.plan_id, parent_id, index,
                                                  title, self.tr("New chapter"))
        if not self._run(command):
            return None
        self.window.show_node(Node("chapter", command.new_id, node.plan_id))
        return command.new_id

    def new_subchapter(self) -> int | None:
        return self.new_chapter(sub=True)

    def rename(self) -> bool:
        node = self.node()
        if node is not None and node.kind == "plan":  # F2 on a plan renames the plan
            self.window.plan_actions.rename()
            return True
        if node is None or node.kind not in ("chapter", "project") or not self._writable(node):
            return False
        if node.kind == "project":  # the title is edited on the project's own form
            return self._focus_project_title()
        from app.services.project_edit import chapter_title

        current = chapter_title(self.window.context.workspace, node.id)
        title = self.ask_text(self.tr("Rename chapter"), self.tr("Title:"), current)
        if title is None or title.strip() == current:
            return False
        return self._run(_commands().chapter_fields_command(
            self.window.context, node.plan_id, node.id, self.tr("Rename chapter"), seen={"title": current},
            title=title))

    def shift(self, step: int) -> bool:
        node = self.node()
        if node is None or node.kind not in ("chapter", "project") or not self._writable(node):
            return False
        from app.services.project_edit import Place, sibling_count

        place = self._place(node.kind, node.id)
        count = sibling_count(self.window.context.workspace, node.kind, node.id)
        if not 0 <= place.index + step < count:
            self._say(self.tr("It cannot go further that way."))
            return False
        text = self.tr("Move up") if step < 0 else self.tr("Move down")
        return self._run(_commands().move_item_command(
            self.window.context, node.plan_id, node.kind, node.id,
            Place(place.parent_id, place.index + step), text))

    def delete(self) -> bool:
        node = self.node()
        if node is not None and node.kind == "plan":  # Delete on a plan asks to delete the plan
            self.window.plan_actions.delete()
            return True
        if node is None or node.kind not in ("chapter", "project") or not self._writable(node):
            return False
        from app.views.projects.project_editor import confirm_delete

        workspace = self.window.context.workspace
        if not confirm_delete(self.window, workspace, node.kind, node.id):
            return False
        label = self.window.navigation_model.find(node).data() or ""
        text = (self.tr("Delete chapter “{name}”") if node.kind == "chapter"
                else self.tr("Delete project “{name}”")).format(name=label)
        return self._run(_commands().delete_item_command(
            self.window.context, node.plan_id, node.kind, node.id, text))
