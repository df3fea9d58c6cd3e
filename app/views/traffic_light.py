"""The traffic light of an action status: its colour, a round dot icon, and its Dutch name;
and the mark of an overdue action (a triangle icon and a word)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from app.models import ActionStatus, ProjectStatus

# The dots' fills: mid-tones that read on a light and on a dark background alike (the same hues
# as text are app.views.theme's status_* colours, lighter in the dark set).
COLOURS = {
    ActionStatus.UNKNOWN: "#9aa3ad",
    ActionStatus.IN_PROGRESS: "#d98e04",
    ActionStatus.ACHIEVED: "#1b8a2e",
    ActionStatus.NOT_ACHIEVED: "#c62828",
}

_icons: dict[ActionStatus, QIcon] = {}


def dot(status: ActionStatus) -> QIcon:
    """A coloured dot (12 px) for the status, made once."""
    if status not in _icons:
        pixmap = QPixmap(12, 12)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(COLOURS[status]))
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()
        _icons[status] = QIcon(pixmap)
    return _icons[status]


def overdue_icon() -> QIcon:
    """A warning triangle for an overdue action: a shape beside the word, so overdue is never
    told by the red background alone."""
    from app.resources import icon

    return icon("warning")


def overdue_text() -> str:
    """The word for an overdue action, as the progress table's column says it."""
    return QCoreApplication.translate("TrafficLight", "overdue")


def status_text(status: ActionStatus) -> str:
    return {
        ActionStatus.UNKNOWN: QCoreApplication.translate("TrafficLight", "unknown"),
        ActionStatus.IN_PROGRESS: QCoreApplication.translate("TrafficLight", "in progress"),
        ActionStatus.ACHIEVED: QCoreApplication.translate("TrafficLight", "achieved"),
        ActionStatus.NOT_ACHIEVED: QCoreApplication.translate("TrafficLight", "not achieved"),
    }[status]


def project_status_text(status: ProjectStatus) -> str:
    return {
        ProjectStatus.UNKNOWN: QCoreApplication.translate("TrafficLight", "unknown"),
        ProjectStatus.ON_TRACK: QCoreApplication.translate("TrafficLight", "on track"),
        ProjectStatus.AT_RISK: QCoreApplication.translate("TrafficLight", "needs attention"),
        ProjectStatus.OFF_TRACK: QCoreApplication.translate("TrafficLight", "behind"),
        ProjectStatus.DONE: QCoreApplication.translate("TrafficLight", "finished"),
    }[status]


def parse_status(text: str) -> ActionStatus | None:
    """The status typed as its Dutch name ("behaald"), its shown name or its English name;
    None when it is none of them."""
    typed = text.strip().lower()
    for status in ActionStatus:
        if typed in (status.value, status_text(status).lower(), status.name.lower().replace("_", " ")):
            return status
    return None
