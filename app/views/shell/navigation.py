"""The navigation tree: region, plans by year, chapters and projects, and the plan's tables.

A thin QStandardItemModel over :func:`app.services.read_models.navigation_tree`.
Each item carries a :class:`Node` (what it stands for) and the title its
overview page shows; the model itself knows nothing of figures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from app.formatting import format_date
from app.resources import icon
from app.views import theme

if TYPE_CHECKING:  # the domain is imported only once a file is open (fast start-up)
    from app.services.read_models import ChapterNode, PlanNode, RegionNode

translate = QCoreApplication.translate

NODE_ROLE = Qt.ItemDataRole.UserRole + 1
TITLE_ROLE = Qt.ItemDataRole.UserRole + 2
GREYED_ROLE = Qt.ItemDataRole.UserRole + 3  # a superseded plan
ICON_ROLE = Qt.ItemDataRole.UserRole + 4  # the icon's name, so a kept first page can draw it again

# The plan's table pages, in the order they appear under each plan.
PLAN_PAGES = ("progress", "staffing", "budget", "funding", "key", "actuals")
# A page without an icon of its own borrows one (until app/resources/icons has it).
PAGE_ICONS = {"actuals": "funding", "monitor": "progress"}


@dataclass(frozen=True)
class Node:
    """What a navigation item stands for. ``id`` is the row's id for region/plan/chapter/project."""

    kind: str  # region, plan, chapter, project, progress, staffing, budget, funding, key, actuals, empty
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
    if kind == "actuals":
        return translate("Navigation", "Actuals")
    if kind == "monitor":
        return translate("Navigation", "Monitor")
    raise ValueError(kind)


def plan_status_text(plan: PlanNode) -> str:
    """ "vastgesteld 11-11-2021" or "concept": the status in full, for the tooltip."""
    from app.models import PlanStatus

    if plan.superseded:
        return translate("Navigation", "superseded by an adopted amendment")
    if plan.status is PlanStatus.ADOPTED:
        if plan.adopted_on:
            return translate("Navigation", "adopted {date}").format(date=format_date(plan.adopted_on))
        return translate("Navigation", "adopted")
    return translate("Navigation", "draft")


# A scenario's name in its label is cut to this many pixels (the tooltip has the whole title):
# the label must fit the tree's 320 pixels next to the tables on a laptop.
SCENARIO_NAME_WIDTH = 130
_SEPARATORS = " ()-–—:·,"


def plan_labels(plans: list[PlanNode]) -> dict[int, str]:
    """Short labels that tell a region's plans apart in the tree, by plan id:
    "2022 · vastgesteld 11-11-2021", "2022 · wijziging 1 · concept", "2022 · scenario ‘Extra
    inzet’", "2022 · vervallen". Titles are long and alike ("Uitvoeringsplan 2022 Regiovisie…
    (wijziging 1)"); cut at the tree's edge they hid what set the plans apart. An adopted
    amendment shows no date ("2022 · wijziging 1 · vastgesteld"): with it the label is wider
    than the tree; the date is in the tooltip."""
    from app.models import PlanKind

    by_id = {p.id: p for p in plans}
    numbers: dict[int, int] = {}
    counted: dict[int, int] = {}
    for plan in sorted(plans, key=lambda p: p.id):  # in the order they were made
        if plan.kind is PlanKind.AMENDMENT:
            root = _root_plan(plan, by_id)
            counted[root] = counted.get(root, 0) + 1
            numbers[plan.id] = counted[root]
    return {p.id: plan_label(p, numbers.get(p.id, 1), by_id.get(p.based_on_id)) for p in plans}


def _root_plan(plan: PlanNode, by_id: dict[int, PlanNode]) -> int:
    """The plan (kind PLAN) an amendment descends from: an amendment of an adopted amendment
    is the year's next wijziging, not a second "wijziging 1"."""
    from app.models import PlanKind

    seen = {plan.id}
    while plan.kind is not PlanKind.PLAN and plan.based_on_id in by_id and plan.based_on_id not in seen:
        plan = by_id[plan.based_on_id]
        seen.add(plan.id)
    return plan.id


def plan_label(plan: PlanNode, number: int = 1, base: PlanNode | None = None) -> str:
    """The tree label of one plan; ``number`` is an amendment's place among its plan's amendments,
    ``base`` the plan a scenario was made from (its title is left out of the scenario's name)."""
    from app.models import PlanKind, PlanStatus

    parts = [str(plan.year)]
    if plan.kind is PlanKind.AMENDMENT:
        parts.append(translate("Navigation", "amendment {number}").format(number=number))
    elif plan.kind is PlanKind.SCENARIO:
        parts.append(_scenario_text(plan.title, base.title if base is not None else ""))
    # A scenario is always a draft (it is never adopted): its name says enough.
    if not (plan.kind is PlanKind.SCENARIO and plan.status is PlanStatus.DRAFT and not plan.superseded):
        parts.append(_short_status(plan))
    return " · ".join(parts)


def _short_status(plan: PlanNode) -> str:
    from app.models import PlanKind, PlanStatus

    if plan.superseded:
        return translate("Navigation", "superseded")
    if plan.status is PlanStatus.ADOPTED and plan.kind is PlanKind.AMENDMENT:
        return translate("Navigation", "adopted")
    if plan.status is PlanStatus.ADOPTED:
        return plan_status_text(plan)  # "vastgesteld 11-11-2021"
    return translate("Navigation", "draft")


def _scenario_text(title: str, base_title: str) -> str:
    """ "scenario ‘Extra inzet’" from the title "Uitvoeringsplan 2022 … Extra inzet" or
    "Scenario Extra inzet"; "scenario 1" for a scenario not renamed ("… (scenario 1)")."""
    name = title[len(base_title):] if base_title and title.startswith(base_title) else title
    name = name.strip(_SEPARATORS)
    numbered = re.fullmatch(r"scenario\s+(\d+)", name, flags=re.IGNORECASE)
    if numbered:
        return translate("Navigation", "scenario {number}").format(number=numbered.group(1))
    name = re.sub(r"^scenario\b", "", name, flags=re.IGNORECASE).strip(_SEPARATORS)
    if not name:
        return translate("Navigation", "scenario")
    return translate("Navigation", "scenario ‘{name}’").format(name=_elided(name))


def _elided(name: str) -> str:
    """``name`` cut with "…" to SCENARIO_NAME_WIDTH pixels of the tree's (italic) font."""
    from PySide6.QtGui import QFontMetrics, QGuiApplication

    font = QGuiApplication.font()
    font.setItalic(True)  # a scenario is a draft: in italics
    return QFontMetrics(font).elidedText(name, Qt.TextElideMode.ElideRight, SCENARIO_NAME_WIDTH)


def plan_icon_name(plan: PlanNode) -> str:
    """Each kind its own icon, an adopted plan with a seal: the label is not the only sign."""
    from app.models import PlanKind, PlanStatus

    if plan.kind is PlanKind.SCENARIO:
        return "scenario"
    adopted = plan.status is PlanStatus.ADOPTED
    if plan.kind is PlanKind.AMENDMENT:
        return "amendment_adopted" if adopted else "amendment"
    return "plan_adopted" if adopted else "plan_draft"


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
            labels = plan_labels(region.plans)
            for plan in sorted(region.plans, key=lambda p: (-p.year, p.id)):  # newest plan first
                region_item.appendRow(self._plan_item(plan, labels[plan.id]))
            # The region's monitor, after its plans (the plans keep their rows).
            title = page_title("monitor")
            region_item.appendRow(_item(title, Node("monitor", region.id), title, _page_icon("monitor")))

    def _plan_item(self, plan: PlanNode, label: str) -> QStandardItem:
        item = _item(label, Node("plan", plan.id, plan.id), plan.title, plan_icon_name(plan))
        # The label is short; the whole title and status are in the tooltip and for a screen reader.
        description = f"{plan.title}\n{plan_status_text(plan)}"
        item.setToolTip(description)
        item.setData(description, Qt.ItemDataRole.AccessibleDescriptionRole)
        # Besides the word in the label: a draft in italics, a superseded plan in grey.
        if plan.superseded:
            item.setData(True, GREYED_ROLE)  # grey in the theme's colour (NavigationModel.data)
        elif plan.status.value == "draft":
            font = item.font()
            font.setItalic(True)
            item.setFont(font)
        for chapter in plan.chapters:
            item.appendRow(_chapter_item(chapter, plan.id))
        for kind in PLAN_PAGES:
            title = page_title(kind)
            item.appendRow(_item(title, Node(kind, plan.id, plan.id), title, _page_icon(kind)))
        return item

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ForegroundRole and super().data(index, GREYED_ROLE):
            return theme.brush("grey")  # looked up now: a palette switch repaints it
        return super().data(index, role)

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

    # --- the tree as plain data, for the first page kept between starts --------------------

    def snapshot(self, expanded) -> list[dict]:
        """Every item as JSON-ready data; ``expanded(index)`` says whether it is to be shown open."""
        def items(parent: QStandardItem) -> list[dict]:
            rows = []
            for row in range(parent.rowCount()):
                item = parent.child(row)
                node = item.data(NODE_ROLE)
                rows.append({
                    "text": item.text(), "node": [node.kind, node.id, node.plan_id],
                    "title": item.data(TITLE_ROLE), "icon": item.data(ICON_ROLE),
                    "tooltip": item.toolTip(),
                    "description": item.data(Qt.ItemDataRole.AccessibleDescriptionRole),
                    "italic": item.font().italic(), "greyed": bool(item.data(GREYED_ROLE)),
                    "expanded": bool(expanded(item.index())), "children": items(item),
                })
            return rows
        return items(self.invisibleRootItem())

    def restore(self, rows: list[dict]) -> list[QModelIndex]:
        """The tree of a snapshot; returns the indexes to show open."""
        self.clear()
        self.setHorizontalHeaderLabels([translate("Navigation", "Contents")])
        opened: list[QStandardItem] = []

        def add(parent: QStandardItem, rows: list[dict]) -> None:
            for row in rows:
                kind, node_id, plan_id = row["node"]
                item = _item(row["text"], Node(kind, node_id, plan_id), row["title"], row["icon"])
                item.setToolTip(row["tooltip"])
                if row["description"]:
                    item.setData(row["description"], Qt.ItemDataRole.AccessibleDescriptionRole)
                if row["italic"]:
                    font = item.font()
                    font.setItalic(True)
                    item.setFont(font)
                if row["greyed"]:
                    item.setData(True, GREYED_ROLE)
                parent.appendRow(item)
                if row["expanded"]:
                    opened.append(item)
                add(item, row["children"])
        add(self.invisibleRootItem(), rows)
        return [item.index() for item in opened]


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


def _page_icon(kind: str) -> str:
    from app.resources import icon_path

    try:
        icon_path(kind)
    except FileNotFoundError:
        return PAGE_ICONS.get(kind, kind)
    return kind


def _item(text: str, node: Node, title: str, icon_name: str | None = None) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(node, NODE_ROLE)
    item.setData(title, TITLE_ROLE)
    item.setToolTip(text)
    if icon_name:
        item.setIcon(icon(icon_name))
        item.setData(icon_name, ICON_ROLE)
    return item
