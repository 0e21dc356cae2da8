#!/usr/bin/env bash
# Make Debian's chromium available for the browser tests (tests/web/test_browser.py).
# Idempotent: does nothing when /usr/bin/chromium is already there.
#   .ci/browser.sh          -> prints the chromium version
set -euo pipefail
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi
"$CHROMIUM" --version
