#!/usr/bin/env bash
# Runs pytest with the services some tests need, started here and stopped after:
# a throw-away PostgreSQL on a loopback port (scripts/postgres.sh) and Debian's
# chromium for the browser tests (scripts/browser.sh). A service that cannot be
# started makes the run fail rather than silently skipping its tests, unless
# PRESSLENS_SKIP_SERVICES=1 is set (a laptop without root).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
cleanup() { [ -x scripts/postgres.sh ] && bash scripts/postgres.sh stop || true; }
if [ "${PRESSLENS_SKIP_SERVICES:-0}" != 1 ]; then
  if [ -f scripts/postgres.sh ]; then
    trap cleanup EXIT
    eval "$(bash scripts/postgres.sh start)"
  fi
  if [ -f scripts/browser.sh ]; then
    bash scripts/browser.sh ensure
  fi
fi
"$BIN/pytest" "$@"
