#!/usr/bin/env bash
# Installs the Debian packages the tests need, only when they are missing.
set -euo pipefail
missing=()
# The browser tests run Chromium's headless shell (tests/browser/conftest.py).
[ -x /usr/bin/chromium-headless-shell ] || missing+=(chromium-headless-shell)
fc-list 2>/dev/null | grep -qi "liberation sans" || missing+=(fonts-liberation)
# WeasyPrint (the PDF reports) draws text with Pango; the PDF test reads pages with poppler.
ldconfig -p 2>/dev/null | grep -q "libpango-1.0.so.0" || missing+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0" || missing+=(libpangoft2-1.0-0)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
# compilemessages (the Welsh catalogue, at `make setup`) runs GNU gettext's msgfmt.
command -v msgfmt >/dev/null || missing+=(gettext)
if [ "${#missing[@]}" -eq 0 ]; then exit 0; fi
echo "Installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "Please install these Debian packages: ${missing[*]}" >&2; exit 1
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
