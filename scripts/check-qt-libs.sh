#!/usr/bin/env bash
# Qt needs a few system libraries (EGL, fontconfig, xkbcommon, fonts) that a bare
# Linux machine may lack. Check by starting a QApplication on the offscreen platform
# and, when a display is there (DISPLAY set), on the xcb platform too, which needs the
# xcb libraries a bare machine lacks (libxcb-cursor0, libxcb-icccm4, ...: the ones
# app/startup_check.py checks before every start of the window). When that fails and
# we can install with apt-get, install them and say so; otherwise say what to install.
set -u
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PKGS="libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3 fonts-dejavu-core"
# The xcb platform plugin's own libraries (ldd of PySide6's libqxcb.so / libQt6XcbQpa.so.6).
XCB_PKGS="libxcb1 libx11-6 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
libxcb-util1 libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 \
libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0"

probe_platform() {
  QT_QPA_PLATFORM="$1" "$PY" - <<'PYEOF' 2>&1
from PySide6.QtWidgets import QApplication
from PySide6.QtGui import QFontDatabase
app = QApplication([])
if not QFontDatabase.families():
    raise SystemExit("no fonts")
PYEOF
}

probe() {
  local out
  out=$(probe_platform "${QT_QPA_PLATFORM:-offscreen}") || { echo "$out"; return 1; }
  if [ -n "${DISPLAY:-}" ]; then
    # Qt aborts (SIGABRT) when the xcb plugin cannot load: the subshell reports it.
    out=$(probe_platform xcb) || { echo "xcb (DISPLAY=$DISPLAY): $out"; return 1; }
  fi
  return 0
}

if [ -n "${DISPLAY:-}" ]; then
  PKGS="$PKGS $XCB_PKGS"
fi

if out=$(probe); then
  exit 0
fi
echo "Qt kan niet starten op deze machine: $out" | tail -3
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "Ontbrekende systeembibliotheken worden geïnstalleerd met apt-get: $PKGS"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PKGS >/dev/null
  if out=$(probe); then
    echo "Qt start nu wel."
    exit 0
  fi
  echo "Qt start nog steeds niet: $out"
  exit 1
fi
echo "Installeer deze pakketten (Debian/Ubuntu) en probeer opnieuw: sudo apt-get install $PKGS"
exit 1
