"""Qt: main window, editors, item models, undo commands. The only layer that imports PySide6."""
from app.views._pyside_workarounds import protect_none

protect_none()
