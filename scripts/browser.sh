#!/usr/bin/env bash
# Debian's chromium for the browser tests (tests/test_web_browser.py).
#
#   bash scripts/browser.sh ensure   # installs `chromium` (and a CJK font) when missing
#
# Playwright drives this system browser through `executable_path`; its own
# browser downloads (`playwright install`) are never used, so the tests run
# offline once the package is installed. Installing needs root.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

log() { echo "browser.sh: $*" >&2; }

# A font with CJK glyphs, so foreign-script fragments in articles show as text, not boxes.
FONT_PACKAGE=fonts-droid-fallback

ensure() {
  if [ -x "$CHROMIUM" ] && dpkg -s "$FONT_PACKAGE" >/dev/null 2>&1; then
    log "$("$CHROMIUM" --version 2>/dev/null || echo chromium) already installed"
    return 0
  fi
  if [ "$(id -u)" != 0 ]; then
    log "$CHROMIUM is missing and installing it needs root (apt-get install chromium)"
    return 1
  fi
  log "installing Debian's chromium and $FONT_PACKAGE"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq chromium "$FONT_PACKAGE" >&2
  log "$("$CHROMIUM" --version 2>/dev/null || echo chromium) installed"
}

case "${1:-}" in
  ensure) ensure ;;
  *)
    echo "usage: bash scripts/browser.sh ensure" >&2
    exit 2
    ;;
esac
