#!/usr/bin/env bash
# Installs the built bundle (make dist: dist/Planbord) for the current user on Linux:
# the program, a `planbord` command, the menu entry, the icons and the .planbord file type.
# Nothing needs root. Again to update; uninstall.sh removes it (the user's plans stay).
#   bash installers/linux/install.sh [BUNDLE_FOLDER]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bundle="${1:-$root/dist/Planbord}"
icons="$here/../icons/hicolor"
data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
dest="$HOME/.local/lib/planbord"           # the program (its own folder, replaced on update)
bin="$HOME/.local/bin"
apps="$data_home/applications"
theme="$data_home/icons/hicolor"
mime="$data_home/mime"

if [ ! -x "$bundle/Planbord" ]; then
  echo "Geen Planbord-bundel gevonden in $bundle." >&2
  echo "Bouw die eerst in de projectmap met: make dist" >&2
  exit 1
fi
if [ ! -d "$icons" ]; then
  echo "De pictogrammen ontbreken ($icons); maak ze met: .venv/bin/python scripts/make_icons.py" >&2
  exit 1
fi

echo "Planbord installeren in $dest ..."
mkdir -p "$bin" "$apps" "$theme" "$mime/packages" "$(dirname "$dest")"
rm -rf "$dest.new"
cp -r "$bundle" "$dest.new"                 # copy first, then swap: never half a program
rm -rf "$dest"
mv "$dest.new" "$dest"
ln -sfn "$dest/Planbord" "$bin/planbord"

# The menu entry starts the program by its full path: ~/.local/bin is not on every
# desktop session's PATH.
sed -e "s|^Exec=planbord|Exec=\"$dest/Planbord\"|" -e "s|^TryExec=planbord|TryExec=$dest/Planbord|" \
  "$here/planbord.desktop" > "$apps/planbord.desktop"

# Icons: the application's (apps/planbord) and the document's (mimetypes/application-x-planbord).
for folder in "$icons"/*/; do
  size="$(basename "$folder")"
  for context in apps mimetypes; do
    [ -d "$folder/$context" ] || continue
    mkdir -p "$theme/$size/$context"
    cp "$folder/$context"/* "$theme/$size/$context/"
  done
done
[ -f "$theme/index.theme" ] || [ ! -f /usr/share/icons/hicolor/index.theme ] ||
  cp /usr/share/icons/hicolor/index.theme "$theme/"   # gtk-update-icon-cache wants one

# The file type: xdg-mime where it exists, else by hand (the same files).
if command -v xdg-mime >/dev/null 2>&1; then
  xdg-mime install --novendor --mode user "$here/planbord-mime.xml" 2>/dev/null ||
    cp "$here/planbord-mime.xml" "$mime/packages/planbord-mime.xml"
  xdg-mime default planbord.desktop application/x-planbord 2>/dev/null || true
else
  cp "$here/planbord-mime.xml" "$mime/packages/planbord-mime.xml"
fi

# Caches, where the tools are installed; without them the desktop finds the files on its next start.
command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$mime" >/dev/null 2>&1 || true
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" >/dev/null 2>&1 || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -f -t -q "$theme" >/dev/null 2>&1 || true

echo "Planbord is geïnstalleerd."
echo "  Starten: via het menu (Kantoor > Planbord), of met het commando: planbord"
case ":$PATH:" in
  *":$bin:"*) ;;
  *) echo "  ($bin staat niet in uw PATH; het commando werkt dan met het volledige pad: $bin/planbord)" ;;
esac
echo "  Dubbelklikken op een .planbord-bestand opent het in Planbord."
echo "  Verwijderen: bash $here/uninstall.sh"
