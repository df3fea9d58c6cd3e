#!/usr/bin/env bash
# Installs a PyInstaller build (dist/Planbord) for the current user on Linux.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dest="${XDG_DATA_HOME:-$HOME/.local/share}/planbord"
[ -x "$root/dist/Planbord/Planbord" ] || { echo "Bouw eerst: .venv/bin/pyinstaller installers/planbord.spec"; exit 1; }
mkdir -p "$dest" "$HOME/.local/bin" "$HOME/.local/share/applications"
cp -r "$root/dist/Planbord/." "$dest/"
ln -sf "$dest/Planbord" "$HOME/.local/bin/planbord"
cp "$here/planbord.desktop" "$HOME/.local/share/applications/"
command -v xdg-mime >/dev/null && xdg-mime install --novendor "$here/planbord-mime.xml" || true
echo "Planbord is geïnstalleerd in $dest"
