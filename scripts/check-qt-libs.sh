#!/usr/bin/env bash
# Qt needs a few system libraries (EGL, fontconfig, xkbcommon, fonts) that a bare
# Linux machine may lack. Check by starting a QApplication; when that fails and we
# can install with apt-get, install them and say so; otherwise say what to install.
set -u
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PKGS="libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3 fonts-dejavu-core"

probe() {
  QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" "$PY" - <<'PYEOF' 2>&1
from PySide6.QtWidgets import QApplication
from PySide6.QtGui import QFontDatabase
app = QApplication([])
if not QFontDatabase.families():
    raise SystemExit("no fonts")
PYEOF
}

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
