#!/usr/bin/env bash
# Before `make dist` on Linux: the libraries Qt's xcb and Wayland platforms link to must be on
# the build machine, so that PyInstaller puts them in the bundle and it starts on a desktop
# that lacks them (libxcb-cursor0 and friends are not installed everywhere). Installs them
# with apt-get as root; otherwise says which are missing (the bundle is then still built).
set -u
cd "$(dirname "$0")/../.."
qt=$(.venv/bin/python -c 'import PySide6, os; print(os.path.dirname(PySide6.__file__))')/Qt
PKGS="libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
      libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0 libwayland-cursor0 libwayland-client0"

missing() {
  ldd "$qt"/plugins/platforms/libqxcb.so "$qt"/plugins/platforms/libqwayland*.so \
      "$qt"/lib/libQt6XcbQpa.so.6 "$qt"/lib/libQt6WaylandClient.so.6 2>/dev/null |
    awk '/not found/ {print $1}' | sort -u
}

libs=$(missing)
[ -z "$libs" ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "Installing the libraries Qt's platforms need, so the bundle carries them: $(echo $libs)"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PKGS >/dev/null
  libs=$(missing)
fi
if [ -n "$libs" ]; then
  echo "WARNING: not on this machine, so not in the bundle: $(echo $libs)"
  echo "  The bundle then needs them on the user's machine: sudo apt-get install $(echo $PKGS)"
fi
exit 0
