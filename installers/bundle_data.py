"""What the PyInstaller bundle carries besides the code, and what it leaves out.

installers/planbord.spec uses these lists; tests/test_installers.py checks them without
running PyInstaller. Standard library only (no PyInstaller, no Qt import), so both can
import it. Destinations are folders inside the bundle's ``_internal`` folder, where
``sys._MEIPASS`` points and where the code's ``__file__`` paths resolve.
"""
from __future__ import annotations

import fnmatch
import importlib.util
import re
import tomllib
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
ICONS_DIR = ROOT / "installers" / "icons"
LANGUAGE = "nl"  # the only translation Planbord has (app/resources/planbord_nl.qm)

# Qt modules Planbord imports at run time: its own (QtCore, QtGui, QtWidgets, QtSvg for the
# chart export, QtPrintSupport for printing) and pyqtgraph's (QtOpenGL, QtOpenGLWidgets, QtTest).
QT_MODULES_USED = ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtPrintSupport",
                   "QtOpenGL", "QtOpenGLWidgets", "QtTest")

# Python packages the analysis would pull in and that no code path of Planbord runs:
# Tk, the other Qt bindings pyqtgraph looks for, pandas (installed for development only),
# Pygments (Mako's optional highlighter; Mako is only used to write new migrations),
# PyYAML (numpy's optional config dump), pyqtgraph's examples and OpenGL 3-D items.
EXCLUDED_PYTHON_MODULES = (
    "tkinter", "_tkinter", "PyQt5", "PyQt6", "PySide2", "pandas", "pygments", "yaml",
    "pyqtgraph.examples", "pyqtgraph.opengl", "OpenGL", "IPython", "matplotlib", "scipy",
    "numpy.f2py", "pytest", "hypothesis", "setuptools", "pip",
    # Pillow reads the charts' PNGs for ReportLab; AVIF (5 MB of libavif) and Tk it never sees.
    # Pillow skips a plugin that fails to import.
    "PIL.AvifImagePlugin", "PIL._avif", "PIL.ImageTk", "PIL._imagingtk", "PIL.ImageQt",
    "PySide6.QtNetwork", "PySide6.QtDBus", "PySide6.QtQml", "PySide6.QtQuick",
    "PySide6.QtQuickWidgets", "PySide6.QtSql", "PySide6.QtXml", "PySide6.QtConcurrent",
    "PySide6.QtHelp", "PySide6.QtDesigner", "PySide6.QtUiTools", "PySide6.QtSvgWidgets",
)

# Collected Qt files that Planbord never loads (paths as in the bundle, fnmatch patterns).
# Kept: the xcb, Wayland and offscreen platforms, image formats, the SVG icon engine,
# input methods, CUPS printing, the xdg-desktop-portal theme (native file dialogs).
UNUSED_QT_FILES = (
    "PySide6/Qt/translations/*",  # all but Dutch: see keep_in_bundle
    "PySide6/Qt/plugins/egldeviceintegrations/*",  # eglfs: a full-screen kiosk, no desktop
    "PySide6/Qt/plugins/generic/*",  # evdev/tuio input for eglfs and linuxfb
    "PySide6/Qt/plugins/networkinformation/*",  # Planbord does no networking
    "PySide6/Qt/plugins/tls/*",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/platforms/libqlinuxfb.so",
    "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/platforms/libqvkkhrdisplay.so",
    "PySide6/Qt/plugins/platforms/libqminimalegl.so",
    # The GTK theme loads the machine's GTK 3 against the bundle's older GLib/Cairo (a crash
    # risk) and drags Cairo, Pango, ATK, GdkPixbuf along; the portal theme does the dialogs.
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/imageformats/libqtiff.so",
    "PySide6/Qt/plugins/imageformats/libqwebp.so",
    "PySide6/Qt/plugins/imageformats/libqtga.so",
    "PySide6/Qt/plugins/imageformats/libqwbmp.so",
    "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so*", "libQt6EglFSDeviceIntegration.so*",
    "PySide6/Qt/lib/libQt6EglFsKmsSupport.so*", "libQt6EglFsKmsSupport.so*",
    "PySide6/Qt/lib/libQt6Network.so*", "libQt6Network.so*",
    "pyqtgraph/examples/*",
    "uharfbuzz/_harfbuzz_test*",
)

# Libraries only the left-out GTK theme needs (and, through them, nothing else of Qt's):
# dropped by name, since PyInstaller collects dependencies before the spec can filter.
GTK_THEME_LIBRARIES = (
    "libgtk-3.so*", "libgdk-3.so*", "libatk-1.0.so*", "libatk-bridge-2.0.so*", "libatspi.so*",
    "libcairo.so*", "libcairo-gobject.so*", "libgdk_pixbuf-2.0.so*", "libpango-1.0.so*",
    "libpangocairo-1.0.so*", "libpangoft2-1.0.so*", "libfribidi.so*", "libthai.so*",
    "libdatrie.so*", "libpixman-1.so*", "libepoxy.so*", "libXcomposite.so*",
    "libXcursor.so*", "libXdamage.so*", "libXfixes.so*", "libXi.so*", "libXinerama.so*",
    "libXrandr.so*", "libwayland-egl.so*", "libcloudproviders.so*", "libtinysparql*",
    "libtracker-sparql*", "libgraphite2.so*", "libharfbuzz.so*",
)


CODE_SUFFIXES = (".py", ".pyc", ".pyi")


def package_dir(name: str) -> Path:
    """The folder of installed package ``name``, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"package {name!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _files(folder: Path, patterns: tuple[str, ...] = ("*",)) -> list[Path]:
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts
                  and any(fnmatch.fnmatch(p.name, pattern) for pattern in patterns))


def _pairs(files: list[Path], source_root: Path, dest_root: str) -> list[tuple[str, str]]:
    """PyInstaller's datas format: (source file, destination folder)."""
    return [(str(f), str(PurePosixPath(dest_root) / f.parent.relative_to(source_root).as_posix()))
            for f in files]


def qt_translation_file(language: str = LANGUAGE) -> Path:
    """Qt's own translation (standard buttons, dialogs), which app.resources installs."""
    return package_dir("PySide6") / "Qt" / "translations" / f"qtbase_{language}.qm"


def data_files() -> list[tuple[str, str]]:
    """Every data file the program reads at run time, as (source, destination folder)."""
    # Everything in app/resources but its code (icons, .qm, .qss, .css, catalogues), so a new
    # kind of resource file is never left out.
    resources = ROOT / "app" / "resources"
    pairs = _pairs([p for p in _files(resources) if p.suffix not in CODE_SUFFIXES], resources, "app/resources")
    # Alembic reads the migrations as files (script_location), not through the importer.
    migrations = ROOT / "db" / "migrations"
    pairs += _pairs(_files(migrations, ("*.py", "*.mako")), migrations, "db/migrations")
    pairs += [(str(p), "db") for p in sorted((ROOT / "db").glob("*.txt")) + [ROOT / "db" / "alembic.ini"]]
    # ReportLab's fonts (Bitstream Vera: the annexes' text font) and its other data files.
    reportlab = package_dir("reportlab")
    pairs += _pairs([p for p in _files(reportlab) if p.suffix not in CODE_SUFFIXES], reportlab, "reportlab")
    pairs.append((str(qt_translation_file()), "PySide6/Qt/translations"))
    return pairs


def keep_in_bundle(dest: str) -> bool:
    """Whether a file PyInstaller collected (``dest``: its path in the bundle) is kept."""
    dest = PurePosixPath(dest).as_posix()
    if dest == f"PySide6/Qt/translations/qtbase_{LANGUAGE}.qm":
        return True
    name = PurePosixPath(dest).name
    if any(fnmatch.fnmatch(dest, pattern) for pattern in UNUSED_QT_FILES):
        return False
    if "/" not in dest and any(fnmatch.fnmatch(name, pattern) for pattern in GTK_THEME_LIBRARIES):
        return False
    return True


def version() -> str:
    """The program's version, from pyproject.toml (one place for the bundle and installers)."""
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]["version"]


def numeric_version(text: str | None = None) -> str:
    """``version()`` as the dotted numbers macOS and Windows want (0.1.0rc1 -> 0.1.0)."""
    return ".".join(re.findall(r"\d+", text or version())[:3])


def icon(name: str) -> Path:
    """A generated icon file (scripts/make_icons.py), e.g. ``planbord.ico``."""
    return ICONS_DIR / name
