#!/usr/bin/env bash
# A private Redis for the tests (and the cluster scripts): loopback only, no persistence, kept in
# $MAILSTACK_DIR/redis. The system redis-server service is never used, started or stopped.
#
#   scripts/redis-stack.sh start|stop|status
#
# Environment (defaults): MAILSTACK_DIR ($PROJECT/.mailstack), REDIS_PORT (TEST_REDIS_PORT, else 2379).
set -euo pipefail
PROJECT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STACK="$(realpath -m "${MAILSTACK_DIR:-$PROJECT/.mailstack}")"
D="$STACK/redis"
PORT="${REDIS_PORT:-${TEST_REDIS_PORT:-2379}}"
PIDFILE="$D/redis.pid"

log() { printf 'redis-stack: %s\n' "$*"; }
die() { printf 'redis-stack: ERROR: %s\n' "$*" >&2; exit 1; }
ping() { [ "$(redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null)" = PONG ]; }
ours() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

case "${1:-}" in
  start)
    command -v redis-server >/dev/null || die "redis-server is missing: run scripts/install-system.sh as root"
    if ours && ping; then log "already running on 127.0.0.1:$PORT"; exit 0; fi
    ping && die "port $PORT already answers PING but is not ours ($D): set TEST_REDIS_PORT"
    # A fresh stack folder gets mail-stack.sh's marker, so that the mail stack started after us still
    # recognises the folder as its own (it refuses a non-empty folder without it).
    if [ ! -e "$STACK" ] || [ -z "$(ls -A "$STACK" 2>/dev/null)" ]; then mkdir -p "$STACK" && touch "$STACK/.mailroom-mailstack"; fi
    mkdir -p "$D"
    # --save '' --appendonly no: test state is throw-away; nothing is written to disk.
    redis-server --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
      --pidfile "$PIDFILE" --logfile "$D/redis.log" --dir "$D"
    for _ in $(seq 1 100); do ping && { log "up on 127.0.0.1:$PORT"; exit 0; }; sleep 0.05; done
    die "no PONG after 5 s; see $D/redis.log"
    ;;
  stop)
    if ours; then
      pid="$(cat "$PIDFILE")"
      redis-cli -h 127.0.0.1 -p "$PORT" shutdown nosave >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
      log "stopped"
    else
      log "not running"
    fi
    rm -f "$PIDFILE"
    ;;
  status)
    if ours && ping; then log "running on 127.0.0.1:$PORT (pid $(cat "$PIDFILE"))"; else log "not running"; exit 1; fi
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
