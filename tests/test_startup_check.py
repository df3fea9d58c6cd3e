"""A first start that never aborts (issue 19, point 3): before Qt loads its platform plugin the
program checks for a screen and the plugin's system libraries, and says in Dutch what is missing
and the apt-get line that installs it, instead of Qt's English abort."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.startup_check import XCB_LIBRARIES, check_gui_platform, ensure_gui_can_start

REPO = Path(__file__).resolve().parents[1]
X11 = {"DISPLAY": ":0"}


def loads_all_but(*missing: str):
    return lambda soname: soname not in missing


def always(_soname: str = "") -> bool:
    return True


def test_missing_xcb_libraries_are_named_with_the_apt_get_line():
    found = check_gui_platform(X11, "linux", loads_all_but("libxcb-icccm.so.4", "libxcb-keysyms.so.1"),
                               connects=always)
    assert not found.ok
    assert found.message.startswith("Planbord kan zijn venster niet openen: deze systeembibliotheken "
                                    "ontbreken: libxcb-icccm.so.4, libxcb-keysyms.so.1.")
    assert "    sudo apt-get install libxcb-icccm4 libxcb-keysyms1\n" in found.message


def test_the_cursor_library_qt_complains_about_is_checked():
    found = check_gui_platform(X11, "linux", loads_all_but("libxcb-cursor.so.0"), connects=always)
    assert "sudo apt-get install libxcb-cursor0\n" in found.message


@pytest.mark.parametrize("soname", sorted(XCB_LIBRARIES))
def test_every_library_of_the_xcb_plugin_has_its_package(soname):
    found = check_gui_platform(X11, "linux", loads_all_but(soname), connects=always)
    assert f"sudo apt-get install {XCB_LIBRARIES[soname]}\n" in found.message


def test_no_display_is_said_in_dutch():
    found = check_gui_platform({}, "linux", always, connects=always)
    assert found.message.startswith("Planbord kan zijn venster niet openen: er is geen beeldscherm gevonden. "
                                    "De omgevingsvariabelen DISPLAY en WAYLAND_DISPLAY zijn niet gezet")
    assert "planbord summary BESTAND.planbord" in found.message


def test_a_display_that_does_not_answer_is_said_too():
    found = check_gui_platform({"DISPLAY": ":99"}, "linux", always, connects=lambda: False)
    assert found.message.startswith("Planbord kan zijn venster niet openen: het beeldscherm :99 (DISPLAY) "
                                    "antwoordt niet.")


@pytest.mark.parametrize("platform", ["offscreen", "minimal", "vnc", "offscreen:fontengine=freetype", "vnc;xcb"])
def test_platforms_without_a_screen_pass_without_probing(platform):
    def probe(_soname):
        raise AssertionError("no library needs probing")

    assert check_gui_platform({"QT_QPA_PLATFORM": platform}, "linux", probe, connects=probe).ok


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_other_systems_pass(platform):
    assert check_gui_platform({}, platform, lambda _s: False, connects=lambda: False).ok


def test_everything_there_passes_and_leaves_qt_its_choice():
    found = check_gui_platform(X11, "linux", always, connects=always)
    assert found.ok and found.platform is None


def test_wayland_without_the_xcb_libraries_uses_qts_wayland_plugin():
    environ = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}  # XWayland too, Qt would take xcb
    found = check_gui_platform(environ, "linux", loads_all_but("libxcb-icccm.so.4"), connects=always)
    assert found.ok and found.platform == "wayland"
    assert environ.get("QT_QPA_PLATFORM") is None  # checking alone changes nothing


def test_ensure_points_qt_at_the_working_plugin(monkeypatch):
    import app.startup_check as startup_check

    monkeypatch.setattr(startup_check, "can_load", loads_all_but("libxcb-icccm.so.4"))
    environ = {"WAYLAND_DISPLAY": "wayland-0"}
    monkeypatch.setattr(startup_check, "check_gui_platform",
                        lambda env, prog: check_gui_platform(env, "linux", startup_check.can_load,
                                                             connects=always, prog=prog))
    assert ensure_gui_can_start(environ=environ) is None
    assert environ["QT_QPA_PLATFORM"] == "wayland"


def test_a_pyside_without_the_wayland_plugin_is_never_pointed_at_it():
    environ = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}
    found = check_gui_platform(environ, "linux", always, connects=always, wayland_plugin=lambda: False)
    assert found.ok and found.platform == "xcb"
    found = check_gui_platform(environ, "linux", loads_all_but("libxcb-icccm.so.4"), connects=always,
                               wayland_plugin=lambda: False)
    assert "sudo apt-get install libxcb-icccm4\n" in found.message


def test_this_pyside_has_its_wayland_plugin():
    from app.startup_check import has_wayland_plugin

    assert has_wayland_plugin()


def test_wayland_session_without_wayland_libraries_falls_back_to_xcb():
    environ = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}
    found = check_gui_platform(environ, "linux", loads_all_but("libwayland-cursor.so.0"), connects=always)
    assert found.ok and found.platform == "xcb"


def test_wayland_only_with_nothing_missing_passes_and_names_the_wayland_package_otherwise():
    environ = {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}
    assert check_gui_platform(environ, "linux", always, connects=always).ok
    found = check_gui_platform(environ, "linux", loads_all_but("libwayland-cursor.so.0"), connects=always)
    assert "sudo apt-get install libwayland-cursor0\n" in found.message


def test_xcb_asked_for_without_display_names_display():
    found = check_gui_platform({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "w"}, "linux", always,
                               connects=always)
    assert "De omgevingsvariabele DISPLAY is niet gezet" in found.message


def _without_screen() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_SESSION_TYPE")}
    return env


def test_the_gui_start_says_it_in_dutch_instead_of_aborting(tmp_path):
    env = _without_screen()
    env["PLANBORD_DATA_DIR"] = str(tmp_path / "data")
    code = ("import sys, runpy; sys.argv = ['app']\n"
            "try:\n    runpy.run_module('app', run_name='__main__')\n"
            "except SystemExit as e:\n    code = e.code\n"
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'\n"
            "sys.exit(code)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("planbord: Planbord kan zijn venster niet openen: er is geen beeldscherm "
                                  "gevonden.")
    assert "Traceback" not in done.stderr and "xcb" not in done.stderr
    assert done.stdout == ""
    log = (tmp_path / "data" / "planbord.log").read_text(encoding="utf-8")
    assert "the window cannot open: Planbord kan zijn venster niet openen" in log


def test_python_m_app_with_a_file_and_no_screen(tmp_path):
    env = _without_screen()
    env["PLANBORD_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run([sys.executable, "-m", "app", str(tmp_path / "x.planbord")], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "er is geen beeldscherm gevonden" in done.stderr
    assert "python -m app summary BESTAND.planbord" in done.stderr  # the program's name as started
