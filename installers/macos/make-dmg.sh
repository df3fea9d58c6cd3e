#!/usr/bin/env bash
# On a Mac, after `make dist` (which builds dist/Planbord.app there): a disk image to hand
# out, with the app and a link to /Applications to drag it onto. Not run in this project's
# CI (Linux); see installers/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
app="dist/Planbord.app"
[ -d "$app" ] || { echo "Geen $app: bouw eerst op deze Mac met: make dist" >&2; exit 1; }
version=$(.venv/bin/python -c 'import sys; sys.path.insert(0, "installers"); import bundle_data; print(bundle_data.version())')
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
hdiutil create -volname "Planbord $version" -srcfolder "$staging" -ov -format UDZO "dist/Planbord-$version.dmg"
echo "Geschreven: dist/Planbord-$version.dmg"
