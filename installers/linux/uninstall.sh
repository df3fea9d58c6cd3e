#!/usr/bin/env bash
# Removes what install.sh installed for the current user. The user's plans, backups,
# settings and logs (in ~/.local/share/Planbord and ~/.config/Planbord) are kept.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
dest="$HOME/.local/lib/planbord"
apps="$data_home/applications"
theme="$data_home/icons/hicolor"
mime="$data_home/mime"

echo "Planbord verwijderen ..."
rm -rf "$dest"
[ -L "$HOME/.local/bin/planbord" ] && rm -f "$HOME/.local/bin/planbord"
rm -f "$apps/planbord.desktop"
for icon in "$theme"/*/apps/planbord.* "$theme"/*/mimetypes/application-x-planbord.*; do
  [ -e "$icon" ] && rm -f "$icon"
done
if command -v xdg-mime >/dev/null 2>&1; then
  xdg-mime uninstall --mode user "$here/planbord-mime.xml" 2>/dev/null || true
fi
rm -f "$mime/packages/planbord-mime.xml"
# The default-program line install.sh had xdg-mime write.
defaults="${XDG_CONFIG_HOME:-$HOME/.config}/mimeapps.list"
[ -f "$defaults" ] && sed -i '/^application\/x-planbord=planbord\.desktop;*$/d' "$defaults"

command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$mime" >/dev/null 2>&1 || true
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" >/dev/null 2>&1 || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -f -t -q "$theme" >/dev/null 2>&1 || true

echo "Planbord is verwijderd. Uw plannen, reservekopieën en instellingen zijn bewaard."
