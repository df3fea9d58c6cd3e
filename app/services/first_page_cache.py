"""The first page a start shows, kept from the last close, so the next start draws it at once.

Start-up is the interpreter, Qt and the window (some 0.3 s), then the data layer: SQLAlchemy, the
mapped classes and opening the file (another 0.3 s). What a start shows first (the plan of the
year last looked at: its overview, the navigation tree and the status bar figures) depends only
on the file's contents, the language and the day. So when the window closes, that page is kept
here with the file's identity; when the next start finds the file exactly as it was closed (the
same size and modification time, nothing beside it: no journal, no WAL, no lock of another user),
it draws the kept page at once and loads the data layer behind it, which then replaces the page
with the live one (the same figures). Any doubt (another day, another language or program
version, a file touched since, an unreadable cache) and the page is not used: the start is the
ordinary one.

What the page holds is the views' business (app/views/shell/first_page.py); this module only
keeps it, as JSON, and never raises: a cache is never a reason for a start to fail.
"""
from __future__ import annotations

import json
import logging
import os
from datetime import date
from pathlib import Path

log = logging.getLogger(__name__)

# Raised whenever what a kept page holds changes shape, so an older one is not shown.
FORMAT = 1
CACHE_NAME = "first-page.json"
# Beside a file that is open or was not closed cleanly: its contents may differ from the kept page.
SIDECAR_SUFFIXES = ("-wal", "-journal", ".lock")


def identity(path: Path | str, *, language: str, today: date, version: str) -> dict | None:
    """What must be equal for a kept page to be the page of ``path``; None when the file is
    missing or something lies beside it (open elsewhere, not closed cleanly)."""
    try:
        resolved = Path(path).resolve()
        stat = resolved.stat()
        for suffix in SIDECAR_SUFFIXES:
            if Path(f"{resolved}{suffix}").exists():
                return None
    except OSError:
        return None
    return {"format": FORMAT, "path": str(resolved), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
            "language": language, "day": today.isoformat(), "version": version}


def load(cache_file: Path, wanted: dict | None) -> dict | None:
    """The page kept in ``cache_file`` if it was kept for exactly ``wanted``; else None."""
    if wanted is None:
        return None
    try:
        kept = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(kept, dict) or kept.get("identity") != wanted or not isinstance(kept.get("page"), dict):
        return None
    return kept["page"]


def save(cache_file: Path, kept_for: dict | None, page: dict | None) -> bool:
    """Keep ``page`` for the file of ``kept_for``; without either, forget what was kept (a page
    that cannot be trusted is worse than none). Written whole or not at all; True when kept."""
    try:
        if kept_for is None or page is None:
            cache_file.unlink(missing_ok=True)
            return False
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        partial = cache_file.with_name(cache_file.name + ".partial")
        partial.write_text(json.dumps({"identity": kept_for, "page": page}, ensure_ascii=False),
                           encoding="utf-8")
        os.replace(partial, cache_file)
        return True
    except (OSError, TypeError, ValueError):  # a full disk or a read-only folder: the next start is ordinary
        log.warning("the first page could not be kept in %s", cache_file, exc_info=True)
        return False
