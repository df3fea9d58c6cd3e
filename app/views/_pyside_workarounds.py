"""Work-arounds for bugs in the PySide6 wheel, applied once when app.views is imported.

PySide6 6.12 on CPython 3.11 returns ``None`` from many void methods
(``QLabel.setText``, ``QStandardItem.setData``, ``QWidget.resize`` ...) without
taking a reference to it, so every call lowers None's reference count by one.
After a few thousand calls (a large plan's navigation tree is enough) the count
reaches zero and the interpreter aborts with "Fatal Python error: none_dealloc".
CPython 3.12 made None immortal (PEP 683), which hides the bug there; on 3.11
we do the same by giving None a reference count it can never use up.
"""
from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40  # more void calls than a program can make in its lifetime


def protect_none() -> None:
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    # ob_refcnt is the first field of every PyObject.
    refcount = ctypes.c_ssize_t.from_address(id(None))
    if refcount.value < _HEADROOM:
        refcount.value += _HEADROOM
