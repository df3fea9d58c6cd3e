# Sourced by scripts/ensure-*.sh: install a Debian package a test needs, or say why not.
#   install_for_tests WHAT PACKAGE TIMEOUT WHO_SKIPS
# WHAT names the program in Dutch ("LibreOffice Calc (zonder bureaublad)"), WHO_SKIPS the tests
# that skip without it ("de herberekentest"). Never fails: a missing tool skips tests, with reason.
install_for_tests() {
  local what="$1" package="$2" limit="$3" who="$4"
  if [ "${PLANBORD_NO_INSTALL:-}" != "" ]; then
    echo "$what ontbreekt (PLANBORD_NO_INSTALL staat aan): $who wordt overgeslagen."
    return 0
  fi
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "$what wordt geïnstalleerd voor $who…"
    _install() {
      DEBIAN_FRONTEND=noninteractive timeout "$limit" apt-get install -y -qq --no-install-recommends \
        "$package" >/dev/null 2>&1
    }
    if _install || { timeout 300 apt-get update -qq >/dev/null 2>&1 && _install; }; then
      return 0
    fi
    echo "$what kon niet worden geïnstalleerd: $who wordt overgeslagen."
    return 0
  fi
  echo "$what ontbreekt en kan hier niet worden geïnstalleerd (geen root of geen apt-get):" \
       "$who wordt overgeslagen. Installeer $package om ze te draaien."
  return 0
}
