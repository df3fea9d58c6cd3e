"""Icons, the stylesheet and translations: the one way the program reaches its resource files.

Kept import-light: only the standard library at module level, PySide6 inside
the functions that hand out Qt objects, so path helpers work without a screen
(packaging, tests) and importing this module costs nothing at start-up.
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from string import Template

RESOURCES_DIR = Path(__file__).resolve().parent
APP_NAME = "Planbord"
DEFAULT_LANGUAGE = "nl"


def resources_dir() -> Path:
    return RESOURCES_DIR


def translations_dir() -> Path:
    """Where planbord_<lang>.ts/.qm live (next to this module, also when packaged)."""
    return RESOURCES_DIR


def translation_source(language: str = DEFAULT_LANGUAGE) -> Path:
    return translations_dir() / f"planbord_{language}.ts"


def translation_file(language: str = DEFAULT_LANGUAGE) -> Path:
    return translations_dir() / f"planbord_{language}.qm"


def icons_dir() -> Path:
    return RESOURCES_DIR / "icons"


def icon_path(name: str) -> Path:
    """The file of icon ``name`` (without extension); SVG preferred, PNG accepted."""
    for suffix in (".svg", ".png"):
        path = icons_dir() / f"{name}{suffix}"
        if path.exists():
            return path
    raise FileNotFoundError(f"icon {name!r} not found in {icons_dir()}")


@cache
def icon(name: str):
    """A QIcon for ``name``; an empty icon when the file is missing (never a crash)."""
    from PySide6.QtGui import QIcon

    try:
        return QIcon(str(icon_path(name)))
    except FileNotFoundError:
        return QIcon()


def stylesheet(values: Mapping[str, str]) -> str:
    """The application's QSS, its ``$name`` colours and font sizes filled from ``values``
    (app.views.theme: the light or dark set, sizes relative to the application font)."""
    return Template((RESOURCES_DIR / "planbord.qss").read_text(encoding="utf-8")).substitute(values)


def overview_style(values: Mapping[str, str]) -> str:
    """The CSS of the overview pages (Qt's rich-text subset), filled as :func:`stylesheet`."""
    return Template((RESOURCES_DIR / "overview.css").read_text(encoding="utf-8")).substitute(values)


def install_translations(app, language: str = DEFAULT_LANGUAGE) -> list:
    """Install Planbord's and Qt's own translations for ``language`` on ``app``.

    Returns the installed QTranslators; the caller keeps them alive (Qt does
    not own them). English is the source language, so "en" installs nothing.
    """
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    installed = []
    if language == "en":
        return installed
    QLocale.setDefault(QLocale(language))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [
        (str(translation_file(language)), ""),
        (f"qtbase_{language}", qt_dir),  # Qt's own dialogs and standard buttons
        # What qtbase leaves in English (the file dialog's "Look in:", "Files of type:").
        (str(translations_dir() / f"qt_gaps_{language}.qm"), ""),
    ]
    for file_name, directory in candidates:
        translator = QTranslator(app)
        if translator.load(file_name, directory) and app.installTranslator(translator):
            installed.append(translator)
    return installed
