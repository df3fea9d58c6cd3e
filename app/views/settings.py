"""The user's settings: ONE typed object, stored through QSettings.

Everything the program remembers between runs is a field of :class:`Settings`;
nothing else reads or writes QSettings. Values come back from QSettings as
strings, lists or QByteArrays depending on the platform and format, so every
field is checked on load and falls back to its default when it is missing or
not what it should be: a damaged settings file can never stop the program.
"""
from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import dataclass, field, fields
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from app.services.addresses import is_server_url

ORGANIZATION = "Planbord"
APPLICATION = "Planbord"
SETTINGS_VERSION = 1
MAX_RECENT_FILES = 8
SETTINGS_FILE_NAME = "instellingen.ini"
ZOOM_PERCENT_RANGE = (80, 200)  # the smallest and largest zoom (app.views.shell.zoom)


@dataclass
class Settings:
    version: int = SETTINGS_VERSION
    last_file: str = ""
    recent_files: list[str] = field(default_factory=list)  # newest first, at most 8
    window_geometry: bytes = b""
    window_state: bytes = b""
    splitter_state: bytes = b""
    last_plan_year: int | None = None
    language: str = "nl"  # "en" shows the untranslated source strings
    # Column widths and order of each table (QHeaderView.saveState), by table name.
    table_states: dict[str, bytes] = field(default_factory=dict)
    # The window's zoom (View > Zoom in/out), in percent of the system's font size.
    zoom_percent: int = 100
    # The columns of a realisatie export chosen by hand when its header was not found (JSON of
    # app.io.actuals_import.ActualsColumns, "" for none): offered again for the next file.
    actuals_columns: str = ""

    def remember_file(self, path: Path | str) -> None:
        """``path`` (or a server database's address) becomes the last file and moves to the top of
        the recent files."""
        text = str(path) if is_server_url(path) else str(Path(path).absolute())
        self.last_file = text
        self.recent_files = [text] + [p for p in self.recent_files if p != text]
        del self.recent_files[MAX_RECENT_FILES:]

    def forget_file(self, path: Path | str) -> None:
        text = str(path) if is_server_url(path) else str(Path(path).absolute())
        self.recent_files = [p for p in self.recent_files if p != text]
        if self.last_file == text:
            self.last_file = ""


class SettingsStore:
    """Loads and saves :class:`Settings` through one QSettings object.

    By default the INI file of organisation "Planbord" in the user's
    configuration folder; when PLANBORD_DATA_DIR is set (tests, benchmarks) the
    file lives there instead, so they never touch the user's real settings.
    Tests may also pass their own QSettings.
    """

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.qsettings = qsettings if qsettings is not None else _default_qsettings()

    @classmethod
    def at(cls, path: Path | str) -> SettingsStore:
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def load(self) -> Settings:
        defaults = Settings()
        values = {}
        q = self.qsettings
        for f in fields(Settings):
            if f.name == "version" or not q.contains(f.name):
                continue
            value = _coerce(f.name, q.value(f.name), getattr(defaults, f.name))
            if value is not None:
                values[f.name] = value
        settings = Settings(**values)
        # Recent files: only distinct non-empty paths, at most 8.
        seen: list[str] = []
        for p in settings.recent_files:
            if p and p not in seen:
                seen.append(p)
        settings.recent_files = seen[:MAX_RECENT_FILES]
        if settings.last_plan_year is not None and not 1900 <= settings.last_plan_year <= 2200:
            settings.last_plan_year = None
        low, high = ZOOM_PERCENT_RANGE
        settings.zoom_percent = min(max(settings.zoom_percent, low), high)
        return settings

    def save(self, settings: Settings) -> None:
        q = self.qsettings
        q.setValue("version", SETTINGS_VERSION)
        for f in fields(Settings):
            if f.name == "version":
                continue
            value = getattr(settings, f.name)
            if value is None:
                q.remove(f.name)
            elif isinstance(value, dict):
                q.setValue(f.name, json.dumps({k: base64.b64encode(v).decode("ascii")
                                               for k, v in value.items()}))
            elif isinstance(value, bytes):
                q.setValue(f.name, QByteArray(value))
            else:
                q.setValue(f.name, value)
        q.sync()


def _default_qsettings() -> QSettings:
    override = os.environ.get("PLANBORD_DATA_DIR")
    if override:
        from app.services.paths import data_dir

        return QSettings(str(data_dir() / SETTINGS_FILE_NAME), QSettings.Format.IniFormat)
    # INI on every platform (not the Windows registry): one readable file to back up or delete.
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def _coerce(name: str, raw: object, default: object) -> object | None:
    """``raw`` as the type of ``default``, or None when it cannot be (the default then stays)."""
    try:
        if isinstance(default, dict):
            loaded = json.loads(raw) if isinstance(raw, str) else None
            if not isinstance(loaded, dict):
                return None
            return {str(k): base64.b64decode(v) for k, v in loaded.items() if isinstance(v, str)}
        if isinstance(default, bytes):
            if isinstance(raw, QByteArray):
                return bytes(raw.data())
            if isinstance(raw, (bytes, bytearray)):
                return bytes(raw)
            return None
        if isinstance(default, list):
            if raw is None:
                return []
            if isinstance(raw, str):  # INI stores a one-element list as a plain string
                return [raw] if raw else []
            if isinstance(raw, (list, tuple)) and all(isinstance(x, str) for x in raw):
                return list(raw)
            return None
        if isinstance(default, str):
            return raw if isinstance(raw, str) else None
        if name == "last_plan_year":
            if isinstance(raw, bool):
                return None
            return int(raw) if isinstance(raw, (int, str)) and str(raw).strip() else None
        if name == "zoom_percent":
            if isinstance(raw, bool) or not isinstance(raw, (int, str)):
                return None
            return int(raw)
    except (TypeError, ValueError, binascii.Error):
        return None
    return None
