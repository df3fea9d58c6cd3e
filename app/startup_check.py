"""Before Qt loads its platform plugin: is there a screen, and are the plugin's system libraries there?

Qt aborts the whole process (SIGABRT, an English hint about ``xcb-cursor``) when the platform
plugin it picks cannot be loaded: no display, or a system library the xcb plugin links against is
missing on a bare Linux machine. So ``python -m app`` / ``planbord`` asks first, here, without
importing Qt, and when the answer is no it says in Dutch what is missing and the exact
``apt-get install`` line, and exits non-zero (app.cli).

Only Linux (and the other X11/Wayland Unixes) is checked; Windows and macOS always pass. The
platforms that need no screen (offscreen, minimal, vnc, ...) pass. On a Wayland session without
the xcb libraries but with Wayland's, Qt is pointed at its wayland plugin (``QT_QPA_PLATFORM``).

The library lists are the direct dependencies of PySide6 6.11's ``libqxcb.so`` /
``libQt6XcbQpa.so.6`` and ``libqwayland.so`` (``ldd``), each with its Debian/Ubuntu package.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

# The shared object Qt's plugin loads -> the Debian package that holds it.
XCB_LIBRARIES = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}
WAYLAND_LIBRARIES = {
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}
# Qt platforms that draw into memory or a framebuffer: no display server, nothing to check.
NO_SCREEN_NEEDED = {"offscreen", "minimal", "minimalegl", "vnc", "linuxfb", "eglfs", "vkkhrdisplay"}


@dataclass(frozen=True)
class GuiCheck:
    """What the check found: ``message`` (Dutch) when the window cannot open, else None;
    ``platform``: the value to put in ``QT_QPA_PLATFORM`` before Qt starts, when Qt's own
    choice would fail and another plugin works (None: leave Qt's choice alone)."""
    message: str | None = None
    platform: str | None = None

    @property
    def ok(self) -> bool:
        return self.message is None


def can_load(soname: str) -> bool:
    """Whether the dynamic linker finds and loads ``soname`` (and what it needs in turn). A library
    loaded here is the one Qt's plugin gets a moment later: no time lost."""
    import ctypes

    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def can_connect_x11() -> bool:
    """Whether the X server that ``DISPLAY`` names answers (libxcb's own connect, as Qt's xcb plugin
    does it: a stale ``DISPLAY`` aborts Qt just as a missing library does)."""
    import ctypes

    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return True  # said by the library check
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(None, None)
    try:
        return xcb.xcb_connection_has_error(connection) == 0
    finally:
        xcb.xcb_disconnect(connection)


def has_wayland_plugin() -> bool:
    """Whether this PySide6 (the wheel, or the bundle's copy) ships Qt's wayland platform plugin;
    True when that cannot be told (Qt then decides). Found without importing Qt."""
    import importlib.util
    from pathlib import Path

    try:
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        return True
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        platforms = Path(folder) / "Qt" / "plugins" / "platforms"
        if platforms.is_dir():
            return any(platforms.glob("*qwayland*"))
    return True


def check_gui_platform(environ: Mapping[str, str] | None = None, platform: str | None = None,
                       loads: Callable[[str], bool] = can_load,
                       connects: Callable[[], bool] = can_connect_x11, prog: str = "planbord",
                       wayland_plugin: Callable[[], bool] = has_wayland_plugin) -> GuiCheck:
    """Can Qt open a window here? ``environ``, ``platform`` (``sys.platform``), ``loads`` (the
    library probe), ``connects`` (the X server probe) and ``wayland_plugin`` default to this
    process's and are given by tests; ``prog`` is the program's name in the message."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform in ("win32", "cygwin", "darwin") or platform.startswith("win"):
        return GuiCheck()
    asked = [name.split(":", 1)[0].strip() for name in environ.get("QT_QPA_PLATFORM", "").split(";")]
    asked = [name for name in asked if name]
    if any(name in NO_SCREEN_NEEDED for name in asked):
        return GuiCheck()
    displays = {"xcb": bool(environ.get("DISPLAY")), "wayland": bool(environ.get("WAYLAND_DISPLAY"))}
    chosen_by_qt = not asked
    if chosen_by_qt:  # Qt's own choice: wayland on a Wayland session, else xcb; the other one may do
        wayland_session = environ.get("XDG_SESSION_TYPE") == "wayland" and displays["wayland"]
        asked = ["wayland", "xcb"] if wayland_session else ["xcb", "wayland"]
    candidates = [name for name in asked if name in ("xcb", "wayland", "wayland-egl")]
    if not candidates:  # a platform this check does not know (a plugin of one's own): Qt decides
        return GuiCheck()
    usable = [name for name in candidates if displays[_kind(name)]]
    if chosen_by_qt and "wayland" in usable and not wayland_plugin():  # a bundle without it: xcb only
        usable.remove("wayland")
        if not usable:
            return GuiCheck(no_display_message("DISPLAY", prog=prog))
    if not usable:
        if not any(displays.values()):
            return GuiCheck(no_display_message(prog=prog))
        variable = "DISPLAY" if _kind(candidates[0]) == "xcb" else "WAYLAND_DISPLAY"
        return GuiCheck(no_display_message(variable, prog=prog))
    first_problem: str | None = None  # what the preferred platform lacks is what is said
    for name in usable:
        libraries = XCB_LIBRARIES if _kind(name) == "xcb" else WAYLAND_LIBRARIES
        lacking = {so: package for so, package in libraries.items() if not loads(so)}
        if lacking:
            problem = missing_libraries_message(lacking)
        elif name == "xcb" and not connects():  # the libraries are there, the X server is not
            problem = no_connection_message(environ.get("DISPLAY", ""), prog)
        else:
            # Where Qt would try another plugin first and abort on it, point it at this one.
            return GuiCheck(platform=name if chosen_by_qt and name != asked[0] else None)
        first_problem = first_problem or problem
    return GuiCheck(first_problem)


def _kind(platform: str) -> str:
    return "xcb" if platform == "xcb" else "wayland"


def no_display_message(variable: str | None = None, prog: str = "planbord") -> str:
    if variable is None:
        cause = "De omgevingsvariabelen DISPLAY en WAYLAND_DISPLAY zijn niet gezet"
    else:
        cause = f"De omgevingsvariabele {variable} is niet gezet"
    return (f"Planbord kan zijn venster niet openen: er is geen beeldscherm gevonden. {cause}: start "
            "Planbord vanuit een grafische sessie (een bureaublad), of met ssh -X.\n"
            f"{_without_screen(prog)}")


def _without_screen(prog: str) -> str:
    return (f"Zonder scherm werken de opdrachten wel, bijvoorbeeld: {prog} summary BESTAND.planbord "
            f"(zie {prog} --help).")


def no_connection_message(display: str, prog: str = "planbord") -> str:
    return (f"Planbord kan zijn venster niet openen: het beeldscherm {display} (DISPLAY) antwoordt niet. "
            "Start Planbord vanuit een grafische sessie (een bureaublad), of controleer DISPLAY.\n"
            f"{_without_screen(prog)}")


def missing_libraries_message(missing: Mapping[str, str]) -> str:
    packages = sorted(set(missing.values()))
    return ("Planbord kan zijn venster niet openen: deze systeembibliotheken ontbreken: "
            f"{', '.join(sorted(missing))}.\n"
            "Installeer ze (Debian, Ubuntu) met:\n"
            f"    sudo apt-get install {' '.join(packages)}\n"
            "en start Planbord daarna opnieuw.")


def ensure_gui_can_start(prog: str = "planbord", environ=None) -> str | None:
    """Check this process, and point Qt at the plugin that works; the Dutch message when none does."""
    environ = os.environ if environ is None else environ
    found = check_gui_platform(environ, prog=prog)
    if found.platform is not None:
        environ["QT_QPA_PLATFORM"] = found.platform
    return found.message
