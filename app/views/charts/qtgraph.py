"""pyqtgraph, imported without making every Qt class: ``from app.views.charts.qtgraph import pg``.

PySide makes a Qt class (and its enums) only when it is first used. pyqtgraph's own import
copies every name of QtCore, QtGui and QtWidgets into mirror modules of its own
(``pyqtgraph.Qt._copy_attrs``: ``for name in dir(src): setattr(mirror, name, getattr(src, name))``),
which makes all of them: about 85 ms and 11 MB, for the few dozen classes the charts use.

So the mirrors are made here first, each forwarding a name it does not hold to PySide when the
name is first asked for (a module ``__getattr__``), and while pyqtgraph is imported PySide's
modules list only the names already made: the copy finds nothing new to copy. What pyqtgraph
sets on a mirror itself stays on the mirror, as in its own import. Every chart module imports
pyqtgraph through here; when pyqtgraph was imported before (by someone else), that one is used.
"""
from __future__ import annotations

import functools
import importlib
import sys
import types

_MIRRORED = ("QtCore", "QtGui", "QtWidgets")


def _import_pyqtgraph():
    if "pyqtgraph" in sys.modules:
        return importlib.import_module("pyqtgraph")
    sources = [importlib.import_module(f"PySide6.{name}") for name in _MIRRORED]
    listings = {}
    for name, source in zip(_MIRRORED, sources):
        mirror = types.ModuleType(f"pyqtgraph.Qt.{name}")
        mirror.__path__ = []  # a package, as pyqtgraph's own mirror (a folder of type stubs)
        mirror.__getattr__ = functools.partial(getattr, source)
        sys.modules[mirror.__name__] = mirror
        listings[name] = source.__dict__.get("__dir__")
        source.__dir__ = functools.partial(_made, source)
    try:
        return importlib.import_module("pyqtgraph")
    except BaseException:
        for name in _MIRRORED:
            sys.modules.pop(f"pyqtgraph.Qt.{name}", None)
        raise
    finally:
        for name, source in zip(_MIRRORED, sources):
            if listings[name] is None:
                del source.__dir__
            else:
                source.__dir__ = listings[name]


def _made(module: types.ModuleType) -> list[str]:
    """The names PySide has made in ``module`` so far."""
    return list(module.__dict__)


pg = _import_pyqtgraph()
