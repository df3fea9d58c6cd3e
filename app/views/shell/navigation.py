"""The navigation tree: region, plans by year, chapters and projects, and the plan's tables.

A thin QStandardItemModel over :func:`app.services.read_models.navigation_tree`.
Each item carries a :class:`Node` (what it stands for) and the title its
overview page shows; the model itself knows nothing of figures.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from app.formatting import format_date
from app.resources import icon

if TYPE_CHECKING:  # the domain is imported only once a file is open (fast start-up)
    from app.services.read_models import ChapterNode, PlanNode, RegionNode

translate = QCoreApplication.translate

NODE_ROLE = Qt.ItemDataRole.UserRole + 1
TITLE_ROLE = Qt.ItemDataRole.UserRole + 2

# The plan's table pages, in the order they appear under each plan.
PLAN_PAGES = ("progress", "staffing", "budget", "funding", "key")


@dataclass(frozen=True)
class Node:
    """What a navigation item stands for. ``id`` is the row's id for region/plan/chapter/project."""

    kind: str  # region, plan, chapter, project, progress, staffing, budget, funding, key, empty
    id: int | None = None
    plan_id: int | None = None


def page_title(kind: str) -> str:
    """The Dutch name of a plan's table page."""
    if kind == "progress":
        return translate("Navigation", "Progress")
    if kind == "staffing":
        return translate("Navigation", "Staffing & half-days")
    if kind == "budget":
        return translate("Navigation", "Budget")
    if kind == "funding":
        return translate("Navigation", "Funding")
    if kind == "key":
        return translate("Navigation", "Allocation key")
    raise ValueError(kind)


def plan_status_text(plan: PlanNode) -> str:
    """ "vastgesteld 11-11-2021" or "concept"."""
    from app.models import PlanStatus

    if plan.superseded:
        return translate("Navigation", "superseded by an adopted amendment")
    if plan.status is PlanStatus.ADOPTED:
        if plan.adopted_on:
            return translate("Navigation", "adopted {date}").format(date=format_date(plan.adopted_on))
        return translate("Navigation", "adopted")
    return translate("Navigation", "draft")


class NavigationModel(QStandardItemModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels([translate("Navigation", "Contents")])

    def rebuild(self, regions: list[RegionNode]) -> None:
        self.clear()
        self.setHorizontalHeaderLabels([translate("Navigation", "Contents")])
        root = self.invisibleRootItem()
        if not regions:
            item = _item(translate("Navigation", "This file holds no region or plan yet"),
                         Node("empty"), translate("Navigation", "Empty workspace"))
            item.setEnabled(True)
            root.appendRow(item)
            return
        for region in regions:
            region_item = _item(region.name, Node("region", region.id), region.name, "region")
            root.appendRow(region_item)
            for plan in sorted(region.plans, key=lambda p: (-p.year, p.id)):  # newest plan first
                region_item.appendRow(self._plan_item(plan))

    def _plan_item(self, plan: PlanNode) -> QStandardItem:
        text = f"{plan.title} ({plan_status_text(plan)})"
        # Amendments and scenarios carry their own icon: their titles differ only at the end.
        item = _item(text, Node("plan", plan.id, plan.id), plan.title, plan.kind.value)
        # Where a long title hides its status: a draft in italics, a superseded plan in grey.
        if plan.superseded:
            item.setForeground(QBrush(QColor("#7a8694")))
        elif plan.status.value == "draft":
            font = item.font()
            font.setItalic(True)
            item.setFont(font)
        for chapter in plan.chapters:
            item.appendRow(_chapter_item(chapter, plan.id))
        for kind in PLAN_PAGES:
            title = page_title(kind)
            item.appendRow(_item(title, Node(kind, plan.id, plan.id), title, kind))
        return item

    # --- lookups used by the window -------------------------------------------------------

    def node(self, index: QModelIndex) -> Node | None:
        return index.data(NODE_ROLE) if index.isValid() else None

    def find(self, node: Node) -> QModelIndex:
        """The index of the item standing for ``node`` (invalid when there is none)."""
        for index in self.walk():
            if index.data(NODE_ROLE) == node:
                return index
        return QModelIndex()

    def walk(self, parent: QModelIndex | None = None):
        """Every index, depth first."""
        parent = parent or QModelIndex()
        for row in range(self.rowCount(parent)):
            index = self.index(row, 0, parent)
            yield index
            yield from self.walk(index)

    def plan_indexes(self) -> list[QPersistentModelIndex]:
        return [QPersistentModelIndex(i) for i in self.walk() if (n := self.node(i)) and n.kind == "plan"]


def _chapter_item(chapter: ChapterNode, plan_id: int) -> QStandardItem:
    from app.services.read_models import ChapterNode  # loaded already: it made ``chapter``

    item = _item(chapter.label, Node("chapter", chapter.id, plan_id), chapter.label, "chapter")
    for entry in chapter.entries:  # sections and projects in number order
        if isinstance(entry, ChapterNode):
            item.appendRow(_chapter_item(entry, plan_id))
        else:
            item.appendRow(_item(entry.label, Node("project", entry.id, plan_id), entry.label,
                                 "project"))
    return item


def _item(text: str, node: Node, title: str, icon_name: str | None = None) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(node, NODE_ROLE)
    item.setData(title, TITLE_ROLE)
    item.setToolTip(text)
    if icon_name:
        item.setIcon(icon(icon_name))
    return item
