"""The data layer loaded on a thread of its own while the window shows a kept first page.

Only imports run there (app/services/data_layer.py): no Qt object, no file. ``loaded`` is emitted
from that thread and, this object living on the window's thread, delivered there as a queued
signal, where the file is then opened. The thread is joined before the program's tear-down, so it
never imports while the interpreter finalises.
"""
from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class DataLayerLoader(QObject):
    loaded = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = threading.Thread(target=self._run, name="planbord-data-layer", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def join(self, timeout_s: float = 30.0) -> None:
        if self._thread.is_alive():
            self._thread.join(timeout_s)

    def _run(self) -> None:
        try:
            from app.services.data_layer import load

            load()
        except Exception:  # noqa: BLE001 - opening the file imports it again and reports it there
            log.exception("loading the data layer ahead of the file failed")
        self.loaded.emit()
