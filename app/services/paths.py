"""Where Planbord keeps the user's things: demo workspace, backups, settings.

``PLANBORD_DATA_DIR`` overrides the platform's user data folder, so tests and
benchmarks never touch the real one.
"""
from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    override = os.environ.get("PLANBORD_DATA_DIR")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("Planbord", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def backups_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_demo_path() -> Path:
    return data_dir() / "Uitvoeringsplan-2022-Haaglanden.planbord"
