"""Qt: main window, editors, item models, undo commands. The only layer that imports PySide6."""
