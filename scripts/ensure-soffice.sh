#!/usr/bin/env bash
# The export test recalculates an exported workbook in LibreOffice (soffice --headless). Where
# soffice is missing and apt-get can install as root, install Debian's libreoffice-calc-nogui
# (about 90 MB, without the desktop); otherwise say so: that one test then skips with its reason.
# Never fails the test run: LibreOffice is a check on our formulas, not a part of Planbord.
set -u
if command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1; then
  exit 0
fi
if [ "${PLANBORD_NO_INSTALL:-}" != "" ]; then
  echo "LibreOffice ontbreekt (PLANBORD_NO_INSTALL staat aan): de herberekentest wordt overgeslagen."
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "LibreOffice Calc (zonder bureaublad) wordt geïnstalleerd voor de herberekentest…"
  install() {
    DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq --no-install-recommends \
      libreoffice-calc-nogui >/dev/null 2>&1
  }
  if install || { timeout 300 apt-get update -qq >/dev/null 2>&1 && install; }; then
    exit 0
  fi
  echo "LibreOffice kon niet worden geïnstalleerd: de herberekentest wordt overgeslagen."
  exit 0
fi
echo "LibreOffice ontbreekt en kan hier niet worden geïnstalleerd (geen root of geen apt-get):" \
     "de herberekentest wordt overgeslagen. Installeer libreoffice-calc-nogui om hem te draaien."
exit 0
