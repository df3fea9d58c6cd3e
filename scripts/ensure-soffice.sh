#!/usr/bin/env bash
# The export test recalculates an exported workbook in LibreOffice (soffice --headless). Where
# soffice is missing and apt-get can install as root, install Debian's libreoffice-calc-nogui
# (about 90 MB, without the desktop); otherwise say so: that one test then skips with its reason.
# Never fails the test run: LibreOffice is a check on our formulas, not a part of Planbord.
set -u
if command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1; then
  exit 0
fi
. "$(dirname "$0")/install-for-tests.sh"
install_for_tests "LibreOffice Calc (zonder bureaublad)" libreoffice-calc-nogui 900 "de herberekentest"
