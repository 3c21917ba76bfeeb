#!/usr/bin/env bash
# Debian packages the tests need: Chromium and its driver for the browser tests, and poppler's
# pdftotext to read back what printing to PDF gives.
# Installs them where it can (root with apt-get, as in CI); elsewhere says what is missing
# and the browser tests skip with that reason (under CI=true they fail instead).
set -euo pipefail
needed=()
command -v chromium >/dev/null 2>&1 || needed+=(chromium)
command -v chromedriver >/dev/null 2>&1 || needed+=(chromium-driver)
command -v pdftotext >/dev/null 2>&1 || needed+=(poppler-utils)
if [ ${#needed[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${needed[*]} (Debian packages) for the browser tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${needed[@]}" fonts-noto-cjk >/dev/null
else
    echo "note: ${needed[*]} not installed and cannot install here (needs root and apt-get);" \
         "browser tests will be skipped" >&2
fi
