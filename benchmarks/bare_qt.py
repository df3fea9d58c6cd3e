"""Baseline "startup_bare_qt": a bare QApplication + QMainWindow, shown, then exit.

``run.py`` times this whole process (interpreter start, PySide6 import, window
shown, exit) and compares the app's startup with it.
"""
from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("Planbord baseline")
    window.resize(1024, 768)
    window.show()
    app.processEvents()
    QTimer.singleShot(0, app.quit)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
