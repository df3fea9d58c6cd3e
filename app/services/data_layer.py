"""The data layer loaded ahead of the first file: SQLAlchemy, the mapped classes with their
mappings configured, and the services a first page reads through.

A start that draws a kept first page (app/services/first_page_cache.py) runs this on a thread of
its own, so the window keeps taking keys while it loads (some 0.3 s, nearly all of it imports);
the file is opened on the window's thread once it is done. The same modules load when a file
is opened without it: this only moves when.
"""
from __future__ import annotations

import importlib

# What opening the file and drawing its first page import (app/views/shell/application.py).
FIRST_PAGE_MODULES = (
    "app.services.workspace", "app.services.plans", "app.services.read_models",
    "app.services.validation", "app.services.budget", "app.services.staffing", "app.services.depletion",
)


def load() -> None:
    from sqlalchemy.orm import configure_mappers

    importlib.import_module("app.models")  # the mapped classes
    configure_mappers()
    for name in FIRST_PAGE_MODULES:
        importlib.import_module(name)
