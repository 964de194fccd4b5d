#!/usr/bin/env bash
# A throw-away PostgreSQL for the store's tests.
#
#   eval "$(bash scripts/postgres.sh start)"   # prints: export PRESSLENS_TEST_PG=postgresql://...
#   bash scripts/postgres.sh stop
#
# Installs Debian's `postgresql` when no server binaries are found (needs root),
# initialises a cluster in a temporary directory owned by the `postgres` user,
# listens on a free loopback port only, and creates one database. Only the
# `export` line goes to stdout; everything else goes to stderr.
set -euo pipefail

STATE_DIR="${PRESSLENS_PG_DIR:-${TMPDIR:-/tmp}/presslens-pg-$(id -u)}"
FIRST_PORT=54329
DB_NAME=presslens_test

log() { echo "postgres.sh: $*" >&2; }

find_bindir() {
  local candidate
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

ensure_installed() {
  if find_bindir >/dev/null; then
    return 0
  fi
  if [ "$(id -u)" != 0 ]; then
    log "PostgreSQL is not installed and installing it needs root"
    exit 1
  fi
  log "installing Debian's postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
  # The Debian package starts its own cluster; this script does not use it.
  if command -v pg_ctlcluster >/dev/null; then
    pg_lsclusters -h 2>/dev/null | while read -r version name _rest; do
      pg_ctlcluster "$version" "$name" stop >&2 || true
    done
  fi
}

# As root, the server runs as `postgres` (initdb refuses root); otherwise as the caller.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

print_url() {
  echo "export PRESSLENS_TEST_PG=postgresql://postgres@127.0.0.1:$(cat "$STATE_DIR/port")/$DB_NAME"
}

start() {
  ensure_installed
  local bindir port
  bindir="$(find_bindir)"
  if [ -f "$STATE_DIR/port" ] && as_owner "$bindir/pg_ctl" -D "$STATE_DIR/data" status >/dev/null 2>&1; then
    log "already running"
    print_url
    return 0
  fi
  rm -rf "$STATE_DIR"
  mkdir -p "$STATE_DIR"
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$STATE_DIR"
  fi
  port=$FIRST_PORT
  while port_in_use "$port"; do
    port=$((port + 1))
  done
  as_owner "$bindir/initdb" -D "$STATE_DIR/data" -U postgres -A trust --no-sync -E UTF8 \
    --locale=C.UTF-8 >&2
  # fsync off: the cluster is thrown away after the tests.
  as_owner "$bindir/pg_ctl" -D "$STATE_DIR/data" -l "$STATE_DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $STATE_DIR -c fsync=off" start >&2
  as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DB_NAME" >&2
  echo "$port" | as_owner tee "$STATE_DIR/port" >/dev/null
  log "running on 127.0.0.1:$port ($STATE_DIR)"
  print_url
}

stop() {
  local bindir
  if [ ! -d "$STATE_DIR/data" ]; then
    log "not running"
    return 0
  fi
  bindir="$(find_bindir)"
  as_owner "$bindir/pg_ctl" -D "$STATE_DIR/data" -m fast -w stop >&2 || true
  rm -rf "$STATE_DIR"
  log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
