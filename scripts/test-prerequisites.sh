#!/usr/bin/env bash
# What the tests drive besides Node: oathtool plays an authenticator app, zbarimg reads QR codes
# the way a phone camera does, and Debian's Chromium runs the console's browser tests (Playwright
# cannot download browsers here). `pnpm test` runs this first: on Debian as root it installs what
# is missing; anywhere else it names the command and stops before any test runs.
#   scripts/test-prerequisites.sh [--server-only]   (no Chromium: the server's tests only)
set -euo pipefail

missing=()
command -v oathtool >/dev/null 2>&1 || missing+=(oathtool)
command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
if [ "${1:-}" != "--server-only" ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

install=(apt-get install -y -qq --no-install-recommends "${missing[@]}")
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing what the tests need: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${install[@]}"
  exit 0
fi
echo "The tests need ${missing[*]}, which this machine lacks. Install them first:" >&2
if command -v apt-get >/dev/null 2>&1; then
  echo "  sudo apt-get update && sudo ${install[*]}" >&2
else
  echo "  the Debian packages ${missing[*]} (or your system's equivalents; Chromium at /usr/bin/chromium)" >&2
fi
exit 1
