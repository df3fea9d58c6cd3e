"""The window's first page as plain data: captured when the window closes, drawn at the next start
before the data layer is loaded (app/services/first_page_cache.py says when it may be).

The page is what a start shows first: the navigation tree as a start opens it (regions open, the
plan of the year last looked at open and chosen), that plan's overview and its status bar
figures, and the window title. Captured from the live window at close, so the next start draws
exactly what the data layer would; the live page replaces it as soon as that has loaded.
"""
from __future__ import annotations

import logging

from app.views.shell.navigation import Node

log = logging.getLogger(__name__)

# The pages a start can begin on; an editor page is never kept.
KEPT_KINDS = ("plan", "chapter")


def capture(window) -> dict | None:
    """The page the next start of ``window``'s file begins with; None when there is none to keep
    (no file, a read-only one that someone else may change, the charts open) or it fails."""
    context = window.context
    workspace = context.workspace
    if workspace is None or getattr(workspace, "closed", False) or workspace.read_only \
            or window.charts.isVisible():
        return None
    try:
        return _capture(window)
    except Exception:  # noqa: BLE001 - a page not kept makes the next start an ordinary one
        log.exception("the first page could not be captured")
        return None


def _capture(window) -> dict | None:
    model = window.navigation_model
    start = window.start_index()
    node = model.node(start)
    if node is None or node.kind not in KEPT_KINDS:
        return None
    shown = window.shown_page
    if shown is not None and shown[0] == node and window.pages.currentWidget() is window.overview:
        html = shown[1]  # the start page is on show: drawn at the last change, so current
    else:
        from app.views.shell import overview

        html = overview.render(window.context, node).html

    def opened_at_start(index) -> bool:  # as reload() opens the tree
        shown = model.node(index)
        return index == start or (shown is not None and shown.kind == "region")

    window.status.refresh(window.context.workspace, node.plan_id)  # the start plan's figures
    return {
        "navigation": model.snapshot(opened_at_start),
        "current": [node.kind, node.id, node.plan_id],
        "html": html,
        "status": window.status.snapshot(),
        "title": window.windowTitle(),
    }


def show(window, page: dict) -> Node | None:
    """Draw a kept page in ``window`` (which has no file yet); the node it shows, or None when
    the page is not whole (then the window is left as it was: empty)."""
    try:
        opened = window.navigation_model.restore(page["navigation"])
        node = Node(*page["current"])
        index = window.navigation_model.find(node)
        if not index.isValid():
            raise ValueError(f"{node!r} is not in the kept tree")
        for expanded in opened:
            window.tree.setExpanded(expanded, True)
        selection = window.tree.selectionModel()
        selection.blockSignals(True)
        window.tree.setCurrentIndex(index)
        selection.blockSignals(False)
        window.pages.setCurrentWidget(window.overview)
        window.overview.setHtml(page["html"])
        window.status.restore(page["status"])
        window.setWindowTitle(page["title"])
    except (KeyError, TypeError, ValueError):
        log.warning("a kept first page was not whole; the start is an ordinary one", exc_info=True)
        window.navigation_model.clear()
        window.overview.clear()
        window.status.clear()
        return None
    return node
