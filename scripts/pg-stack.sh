#!/usr/bin/env bash
# A private PostgreSQL for tests and the cluster: its own data directory ($MAILSTACK_DIR/pg), its own
# loopback port (PG_PORT), fsync off (test data only). The system cluster Debian's package creates is
# never used, started or stopped. initdb and postgres refuse to run as root: they run as `postgres`.
#
#   scripts/pg-stack.sh start|stop|status|url
#
# Environment (defaults): MAILSTACK_DIR ($PROJECT/.mailstack), PG_PORT (2432),
#   PG_USER/PG_PASSWORD/PG_DATABASE (mailroom/mailroom-test/mailroom): the role and database created once.
set -euo pipefail

PROJECT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STACK="$(realpath -m "${MAILSTACK_DIR:-$PROJECT/.mailstack}")"
D="$STACK/pg"
PORT="${PG_PORT:-2432}"
USER_="${PG_USER:-mailroom}" PASS="${PG_PASSWORD:-mailroom-test}" DB="${PG_DATABASE:-mailroom}"
OS_USER="${PG_OS_USER:-postgres}"

log() { printf 'pg-stack: %s\n' "$*"; }
die() { printf 'pg-stack: ERROR: %s\n' "$*" >&2; exit 1; }

# initdb/pg_ctl: on PATH, or Debian's versioned directory.
bin() {
  if command -v "$1" >/dev/null 2>&1; then command -v "$1"; return; fi
  local f
  f="$(ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -1)"
  [ -n "$f" ] || die "$1 not found: run scripts/install-system.sh (Debian package postgresql)"
  echo "$f"
}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u "$OS_USER" -- "$@"; else "$@"; fi; }
# Unix socket paths are limited to 107 bytes: a short one in /tmp when the folder is deep.
if [ "${#D}" -le 80 ]; then SOCK="$D/sock"; else SOCK="/tmp/mailroom-pg-$(printf '%s' "$D" | cksum | cut -d' ' -f1)"; fi

running() { [ -f "$D/data/postmaster.pid" ] && as_pg "$(bin pg_ctl)" -D "$D/data" status >/dev/null 2>&1; }

start() {
  if running; then log "already running on 127.0.0.1:$PORT"; return; fi
  # A folder we create is a stack folder like the one scripts/mail-stack.sh makes (its marker), so that
  # one still starts in it afterwards and `mail-stack.sh reset` may delete it, this database included.
  if [ ! -e "$STACK" ] || [ -z "$(ls -A "$STACK" 2>/dev/null)" ]; then mkdir -p "$STACK" && touch "$STACK/.mailroom-mailstack"; fi
  mkdir -p "$D"
  if [ "$(id -u)" = 0 ]; then
    chown "$OS_USER": "$D"
    # postgres must be able to reach its folder through ours: only when it cannot, the folders above
    # get o+x (enter, not list).
    if ! runuser -u "$OS_USER" -- test -x "$D"; then
      log "letting $OS_USER pass through the folders above $D (o+x)"
      p="$D"; while p="$(dirname "$p")" && [ "$p" != / ]; do chmod o+x "$p" 2>/dev/null || true; done
    fi
  fi
  if [ ! -f "$D/data/PG_VERSION" ]; then
    log "initdb $D/data"
    as_pg "$(bin initdb)" -D "$D/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$D/initdb.log" 2>&1 \
      || { cat "$D/initdb.log" >&2; die "initdb failed"; }
    fresh=1
  fi
  as_pg mkdir -p "$SOCK"
  as_pg "$(bin pg_ctl)" -D "$D/data" -l "$D/pg.log" -w -t 20 start \
    -o "-p $PORT -k $SOCK -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null \
    || { tail -20 "$D/pg.log" >&2; die "postgres did not start"; }
  if [ "${fresh:-0}" = 1 ]; then
    psql -q -h "$SOCK" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE \"$USER_\" LOGIN PASSWORD '$PASS'" -c "CREATE DATABASE \"$DB\" OWNER \"$USER_\"" >/dev/null
  fi
  log "running on 127.0.0.1:$PORT ($(url))"
}

stop() {
  if running; then as_pg "$(bin pg_ctl)" -D "$D/data" -m fast -w stop >/dev/null; log "stopped"; else log "not running"; fi
}

url() { echo "postgres://$USER_:$PASS@127.0.0.1:$PORT/$DB"; }

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then log "running on 127.0.0.1:$PORT"; else log "not running"; exit 1; fi ;;
  url) url ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
