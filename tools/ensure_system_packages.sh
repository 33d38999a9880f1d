#!/usr/bin/env bash
# Debian packages the tests drive: chromium (browser tests, through Playwright's
# Python package: no browser download), poppler-utils (pdftoppm: letters to PNG)
# and zbar-tools (zbarimg: QR codes on letters read back). Installed when missing
# and we may (root with apt-get); otherwise say what to install and go on.
set -euo pipefail
declare -A wanted=([chromium]=/usr/bin/chromium [poppler-utils]=/usr/bin/pdftoppm [zbar-tools]=/usr/bin/zbarimg)
missing=()
for package in "${!wanted[@]}"; do
  [ -x "${wanted[$package]}" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing ${missing[*]} (Debian packages the tests use)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
    || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; }
else
  echo "missing Debian packages: ${missing[*]} (sudo apt-get install ${missing[*]}); tests that need them will fail" >&2
fi
