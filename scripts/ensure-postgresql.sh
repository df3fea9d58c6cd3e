#!/usr/bin/env bash
# The PostgreSQL tests (issue 22) start a throwaway server of their own (tests/pg_server.py): initdb
# into a temporary folder, pg_ctl on a free port. Where the server programs are missing and apt-get
# can install as root, install Debian's postgresql; otherwise say so: those tests then skip with
# their reason. Never fails the test run by itself.
set -u
if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  exit 0
fi
. "$(dirname "$0")/install-for-tests.sh"
install_for_tests "PostgreSQL" postgresql 600 "de PostgreSQL-tests"
