"""The installers: what the bundle collects (without running PyInstaller), the icons, the
Linux install into a throw-away home, and the Windows/macOS files agreeing with them.

The bundle itself is built and run by `make dist` and installers/smoke_test.py.
"""
from __future__ import annotations

import configparser
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from defusedxml import ElementTree

ROOT = Path(__file__).resolve().parent.parent


def _load(path: Path):
    """A module from a file outside the packages, without putting its folder on sys.path."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bundle_data = _load(ROOT / "installers" / "bundle_data.py")
make_icons = _load(ROOT / "scripts" / "make_icons.py")


@pytest.fixture(scope="module")
def collected() -> dict[str, set[str]]:
    """Destination folder -> the names of the files collected there."""
    by_folder: dict[str, set[str]] = {}
    for source, dest in bundle_data.data_files():
        assert Path(source).is_file(), f"collected file missing: {source}"
        by_folder.setdefault(dest, set()).add(Path(source).name)
    return by_folder


def test_reportlab_fonts_are_collected_where_reportlab_looks(collected):
    # The regression of issue 19: without these, every PDF annex of the installed program fails.
    from app.reports import fonts

    expected = {p.name for p in fonts.reportlab_font_folder().glob("Vera*.ttf")}
    assert {"Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf"} <= expected
    assert expected <= collected["reportlab/fonts"]


def test_qt_dutch_translation_is_collected_and_kept(collected):
    assert "qtbase_nl.qm" in collected["PySide6/Qt/translations"]
    assert bundle_data.keep_in_bundle("PySide6/Qt/translations/qtbase_nl.qm")
    assert not bundle_data.keep_in_bundle("PySide6/Qt/translations/qtbase_de.qm")


def test_every_migration_is_collected(collected):
    versions = {p.name for p in (ROOT / "db" / "migrations" / "versions").glob("*.py")}
    assert versions and versions <= collected["db/migrations/versions"]
    assert {"env.py", "script.py.mako"} <= collected["db/migrations"]
    assert "alembic.ini" in collected["db"]


def test_every_resource_file_is_collected(collected):
    resources = ROOT / "app" / "resources"
    icons = {p.name for p in (resources / "icons").iterdir() if p.is_file()}
    assert {"planbord.svg", "planbord-document.svg"} <= icons <= collected["app/resources/icons"]
    own = {p.name for p in resources.iterdir() if p.is_file() and p.suffix != ".py"}
    assert {"planbord_nl.qm", "qt_gaps_nl.qm", "planbord.qss", "overview.css"} <= own
    assert own <= collected["app/resources"]
    assert "__init__.py" not in collected["app/resources"]  # code goes into the archive


def test_every_qt_module_the_program_imports_is_bundled():
    imported = set()
    for path in (ROOT / "app").rglob("*.py"):
        imported.update(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    assert imported, "no Qt import found: the scan is broken"
    assert imported <= set(bundle_data.QT_MODULES_USED)
    excluded = {name.removeprefix("PySide6.") for name in bundle_data.EXCLUDED_PYTHON_MODULES}
    assert not excluded & set(bundle_data.QT_MODULES_USED)
    assert "pyqtgraph" not in bundle_data.EXCLUDED_PYTHON_MODULES


@pytest.mark.parametrize("dest, kept", [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
    ("PySide6/Qt/lib/libQt6Svg.so.6", True),
    ("PySide6/QtOpenGLWidgets.abi3.so", True),
    ("reportlab/fonts/Vera.ttf", True),
    ("libxcb-cursor.so.0", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("PySide6/Qt/translations/qt_help_nl.qm", False),
    ("libcairo.so.2", False),
    ("pillow.libs/libharfbuzz-fb49c9fc.so.0", True),  # Pillow's own, not the GTK theme's
])
def test_what_is_left_out_of_the_bundle(dest, kept):
    assert bundle_data.keep_in_bundle(dest) is kept


def test_versions_for_the_installers():
    assert bundle_data.numeric_version("0.1.0") == "0.1.0"
    assert bundle_data.numeric_version("1.2.3rc4") == "1.2.3"
    assert re.fullmatch(r"\d+\.\d+(\.\d+)?", bundle_data.numeric_version())


# --- icons ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def icons(tmp_path_factory, qapp) -> Path:
    out = tmp_path_factory.mktemp("icons")
    make_icons.make_icons(out)
    return out


@pytest.mark.parametrize("context, name", [("apps", "planbord"), ("mimetypes", "application-x-planbord")])
@pytest.mark.parametrize("size", make_icons.LINUX_SIZES)
def test_linux_icon_theme_sizes(icons, context, name, size):
    data = (icons / "hicolor" / f"{size}x{size}" / context / f"{name}.png").read_bytes()
    assert make_icons.png_size(data) == (size, size)


@pytest.mark.parametrize("stem", ["planbord", "planbord-document"])
def test_windows_ico_holds_every_size_as_png(icons, stem):
    entries = make_icons.read_ico((icons / f"{stem}.ico").read_bytes())
    assert [(w, h) for w, h, _ in entries] == [(s, s) for s in make_icons.WINDOWS_SIZES]
    assert [make_icons.png_size(data) for _, _, data in entries] == [(s, s) for s in make_icons.WINDOWS_SIZES]


@pytest.mark.parametrize("stem", ["planbord", "planbord-document"])
def test_macos_icns_entries_have_their_sizes(icons, stem):
    entries = make_icons.read_icns((icons / f"{stem}.icns").read_bytes())
    kinds = [kind for kind, _ in entries]
    assert {"ic07", "ic08", "ic09", "ic10"} <= set(kinds)
    wanted = dict(make_icons.ICNS_TYPES)
    for kind, data in entries:
        assert make_icons.png_size(data) == (wanted[kind], wanted[kind]), kind


def test_small_icons_are_drawn_on_the_pixel_grid(icons):
    # At 16 px the mark must be crisp: its bars whole pixels of white and yellow, not blurred
    # into the blue (the full-size drawing puts their edges on half pixels).
    from PySide6.QtGui import QImage

    for context, name in (("apps", "planbord"), ("mimetypes", "application-x-planbord")):
        image = QImage(str(icons / "hicolor" / "16x16" / context / f"{name}.png"))
        colours = {image.pixelColor(x, y).name() for x in range(16) for y in range(16)}
        assert {"#ffffff", "#f2c14e", "#1f4e79"} <= colours, name
        blurred = sum(1 for x in range(16) for y in range(16)
                      if image.pixelColor(x, y).alpha() == 255
                      and image.pixelColor(x, y).name() not in ("#ffffff", "#f2c14e", "#1f4e79", "#d6e2ee"))
        assert blurred <= 12, f"{name}: {blurred} blurred pixels at 16 px"


def test_committed_icons_are_complete():
    # What install.sh, the spec and the Inno Setup script take from installers/icons.
    out = make_icons.OUT_DIR
    for size in make_icons.LINUX_SIZES:
        assert (out / "hicolor" / f"{size}x{size}" / "apps" / "planbord.png").is_file()
        assert (out / "hicolor" / f"{size}x{size}" / "mimetypes" / "application-x-planbord.png").is_file()
    for name in ("planbord.ico", "planbord-document.ico", "planbord.icns", "planbord-document.icns"):
        assert bundle_data.icon(name).is_file(), name


def test_ico_and_icns_readers_refuse_other_files():
    with pytest.raises(ValueError):
        make_icons.read_ico(b"\x89PNG\r\n\x1a\n" + bytes(20))
    icns = make_icons.build_icns({size: b"x" for _kind, size in make_icons.ICNS_TYPES})
    with pytest.raises(ValueError):
        make_icons.read_icns(icns[:-1])  # the header's length no longer matches


# --- Linux: install.sh into a throw-away home --------------------------------------------------

def _home_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = str(home)
    return env


@pytest.mark.skipif(sys.platform != "linux", reason="install.sh is for Linux")
def test_install_and_uninstall_for_the_user(tmp_path):
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    program = bundle / "Planbord"
    program.write_text("#!/bin/sh\necho Planbord 0.0\n")
    program.chmod(0o755)
    home = tmp_path / "home"
    home.mkdir()
    script = ROOT / "installers" / "linux"
    done = subprocess.run(["bash", str(script / "install.sh"), str(bundle)], env=_home_env(home),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Planbord is geïnstalleerd" in done.stdout

    share = home / ".local" / "share"
    installed = home / ".local" / "lib" / "planbord" / "Planbord"
    assert installed.is_file()
    assert (home / ".local" / "bin" / "planbord").resolve() == installed.resolve()
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(share / "applications" / "planbord.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"] == f'"{installed}" %f'
    assert desktop["Icon"] == "planbord"
    for size in make_icons.LINUX_SIZES:
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "planbord.png").is_file()
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "mimetypes" / "application-x-planbord.png").is_file()
    assert (share / "mime" / "packages" / "planbord-mime.xml").is_file()

    done = subprocess.run(["bash", str(script / "uninstall.sh")], env=_home_env(home),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert not installed.exists() and not (home / ".local" / "bin" / "planbord").is_symlink()
    assert not (share / "applications" / "planbord.desktop").exists()
    assert not list((share / "icons").rglob("*planbord*"))
    assert not (share / "mime" / "packages" / "planbord-mime.xml").exists()


def test_install_without_a_bundle_says_how_to_build(tmp_path):
    done = subprocess.run(["bash", str(ROOT / "installers" / "linux" / "install.sh"), str(tmp_path / "none")],
                          env=_home_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "make dist" in done.stderr


def test_linux_file_type_and_menu_entry_name_the_installed_icons():
    linux = ROOT / "installers" / "linux"
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = ElementTree.parse(linux / "planbord-mime.xml").getroot().find("m:mime-type", ns)
    assert mime.get("type") == "application/x-planbord"
    assert mime.find("m:icon", ns).get("name") == make_icons.ICONS["planbord-document"][1]
    assert mime.find("m:generic-icon", ns) is not None
    assert mime.find("m:glob", ns).get("pattern") == "*.planbord"
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(linux / "planbord.desktop", encoding="utf-8")
    assert entry["Desktop Entry"]["Icon"] == make_icons.ICONS["planbord"][1]
    assert "application/x-planbord;" in entry["Desktop Entry"]["MimeType"]


# --- Windows and macOS: not built here, checked against the rest -------------------------------

def test_inno_setup_script_matches_the_program():
    iss = (ROOT / "installers" / "windows" / "planbord.iss").read_text(encoding="utf-8")
    assert re.search(r'#define AppVersion "([^"]+)"', iss).group(1) == bundle_data.version()
    windows = ROOT / "installers" / "windows"
    for icon in re.findall(r"\.\.\\icons\\([\w-]+\.ico)", iss):
        assert (windows.parent / "icons" / icon).is_file(), icon
    assert "SetupIconFile=..\\icons\\planbord.ico" in iss
    assert "{#FileClass}\\DefaultIcon" in iss and "planbord-document.ico,0" in iss


def test_macos_bundle_declares_the_document_type():
    spec = (ROOT / "installers" / "planbord.spec").read_text(encoding="utf-8")
    for needed in ("BUNDLE(", "CFBundleDocumentTypes", "UTExportedTypeDeclarations", '"planbord"',
                   "planbord-document.icns", "bundle_data.numeric_version()", 'icon("planbord.icns")'):
        assert needed in spec, needed
