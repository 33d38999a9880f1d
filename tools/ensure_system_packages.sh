#!/usr/bin/env bash
# Debian packages SITU OK drives, installed when missing and we may (root with
# apt-get); otherwise say what to install and go on (the caller decides whether
# that is fatal).
#
#   tools/ensure_system_packages.sh                   the packages the tests drive:
#       chromium (browser tests, through Playwright's Python package: no browser
#       download), poppler-utils (pdftoppm: letters to PNG) and zbar-tools
#       (zbarimg: QR codes on letters read back)
#   tools/ensure_system_packages.sh rabbitmq-server postgresql
#       the servers make run / make test start themselves when none answers
#       (tools/local_servers.py)
set -euo pipefail
# package -> a file it installs (a glob: PostgreSQL's binaries live under its major version).
declare -A provides=(
  [chromium]=/usr/bin/chromium
  [poppler-utils]=/usr/bin/pdftoppm
  [zbar-tools]=/usr/bin/zbarimg
  [rabbitmq-server]=/usr/lib/rabbitmq/bin/rabbitmq-server
  [postgresql]='/usr/lib/postgresql/*/bin/postgres'
)
wanted=("$@")
[ ${#wanted[@]} -eq 0 ] && wanted=(chromium poppler-utils zbar-tools)
missing=()
for package in "${wanted[@]}"; do
  [ -n "${provides[$package]:-}" ] || { echo "ensure_system_packages.sh: unknown package $package" >&2; exit 2; }
  compgen -G "${provides[$package]}" >/dev/null || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing ${missing[*]} (Debian packages SITU OK uses)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
    || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; }
else
  echo "missing Debian packages: ${missing[*]} (sudo apt-get install ${missing[*]}); what needs them will fail" >&2
fi
