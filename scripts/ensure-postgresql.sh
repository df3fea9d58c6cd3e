#!/usr/bin/env bash
# The PostgreSQL tests (issue 22) start a throwaway server of their own (tests/pg_server.py): initdb
# into a temporary folder, pg_ctl on a free port. Where the server programs are missing and apt-get
# can install as root, install Debian's postgresql; otherwise say so: those tests then skip with
# their reason. Never fails the test run by itself.
set -u
found() {
  command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
}
if found; then
  exit 0
fi
if [ "${PLANBORD_NO_INSTALL:-}" != "" ]; then
  echo "PostgreSQL ontbreekt (PLANBORD_NO_INSTALL staat aan): de PostgreSQL-tests worden overgeslagen."
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "PostgreSQL wordt geïnstalleerd voor de tests met een gedeelde database…"
  install() {
    DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq --no-install-recommends \
      postgresql >/dev/null 2>&1
  }
  if install || { timeout 300 apt-get update -qq >/dev/null 2>&1 && install; }; then
    exit 0
  fi
  echo "PostgreSQL kon niet worden geïnstalleerd: de PostgreSQL-tests worden overgeslagen."
  exit 0
fi
echo "PostgreSQL ontbreekt en kan hier niet worden geïnstalleerd (geen root of geen apt-get):" \
     "de PostgreSQL-tests worden overgeslagen. Installeer het pakket postgresql om ze te draaien."
exit 0
