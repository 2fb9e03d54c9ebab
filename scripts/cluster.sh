#!/usr/bin/env bash
# Several Mailroom instances on one machine, the way a deployment behind a load balancer runs them:
# Redis (shared state), PostgreSQL (durable data), two `next start` instances with the same secret and
# the same MAILROOM_DATA_DIR, and HAProxy in front (round robin, no sticky sessions). All on loopback,
# all inside $MAILSTACK_DIR/cluster, against the mail stack of scripts/mail-stack.sh (start that first).
#
#   scripts/cluster.sh start|stop|status
#   scripts/cluster.sh kill a|b      SIGKILL one instance (its whole process group): the cluster tests
#
# Environment (scripts/test-env.sh sets them; defaults in brackets):
#   CLUSTER_PORT [2180]       HAProxy; the instances listen on CLUSTER_PORT+1 (a) and +2 (b)
#   CLUSTER_REDIS_PORT [2389] CLUSTER_PG_PORT [2442]
#   CLUSTER_TIMEOUT [90]      seconds to wait for each instance to answer /api/health
#   IMAP_*, POP3_*, SMTP_*, NEXTAUTH_SECRET, MAIL_DOMAINS: passed to the instances as they are
# Needs a production build (.next, `npx next build`), redis-server, postgresql and haproxy
# (scripts/install-system.sh); Redis and PostgreSQL come from scripts/redis-stack.sh and pg-stack.sh.
set -euo pipefail

PROJECT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MAILSTACK_DIR="${MAILSTACK_DIR:-$PROJECT/.mailstack}"
case "$MAILSTACK_DIR" in /*) ;; *) MAILSTACK_DIR="$PWD/$MAILSTACK_DIR" ;; esac
C="$(realpath -m "$MAILSTACK_DIR")/cluster"
PORT="${CLUSTER_PORT:-2180}"
REDIS_PORT="${CLUSTER_REDIS_PORT:-2389}"
PG_PORT="${CLUSTER_PG_PORT:-2442}"
TIMEOUT="${CLUSTER_TIMEOUT:-90}"
NAMES=(a b)
HAPROXY_CFG="$C/haproxy.cfg"
APP_DATA="$C/app-data"

log() { printf 'cluster: %s\n' "$*"; }
die() { printf 'cluster: ERROR: %s\n' "$*" >&2; exit 1; }
pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
pid_of() { [ -s "$1" ] && tr -dc 0-9 < "$1" || true; }
instance_port() { case "$1" in a) echo $((PORT + 1)) ;; b) echo $((PORT + 2)) ;; *) die "no instance '$1' (a or b)" ;; esac; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits until "$@" succeeds, at most $1 seconds (what: $2).
wait_for() {
  local secs="$1" what="$2"
  shift 2
  local until=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$until" ] || die "$what did not come up within ${secs}s"
    sleep 0.2
  done
}

# --- Redis: scripts/redis-stack.sh with the cluster's own folder ($C/redis) and port ---------------
# Ephemeral on purpose (no persistence): presence, locks and pub/sub; nothing must outlive the cluster.
redis_stack() { MAILSTACK_DIR="$C" REDIS_PORT="$REDIS_PORT" bash "$PROJECT/scripts/redis-stack.sh" "$@"; }
start_redis() { redis_stack start; }
stop_redis() { redis_stack stop >/dev/null; }

# --- PostgreSQL: scripts/pg-stack.sh with the cluster's own folder ($C/pg) and port -------------
pg_stack() { MAILSTACK_DIR="$C" PG_PORT="$PG_PORT" bash "$PROJECT/scripts/pg-stack.sh" "$@"; }
start_pg() { pg_stack start; }
stop_pg() { pg_stack status >/dev/null 2>&1 || return 0; pg_stack stop >/dev/null; }

# --- Mailroom instances --------------------------------------------------------------------------
instance_env() { # name -> the environment of that instance, as NAME=value words
  local name="$1"
  echo "MAILROOM_INSTANCE=$name" \
    "NEXTAUTH_URL=http://127.0.0.1:$PORT" \
    "MAILROOM_DATA_DIR=$APP_DATA" \
    "REDIS_URL=redis://127.0.0.1:$REDIS_PORT" \
    "DATABASE_URL=$(pg_stack url)" \
    "TRUST_PROXY=1" \
    "NEXT_TELEMETRY_DISABLED=1"
}

start_instance() {
  local name="$1" port pid
  port="$(instance_port "$name")"
  pid="$(pid_of "$C/app-$name.pid")"
  if pid_alive "$pid"; then log "instance $name already running (pid $pid)"; return; fi
  port_open "$port" && die "port $port (instance $name) is taken"
  [ -f "$PROJECT/.next/BUILD_ID" ] || die "no production build: run npx next build first"
  mkdir -p "$APP_DATA"
  # setsid: the instance leads its own process group, so `kill` and `stop` reach everything it forks.
  # shellcheck disable=SC2046
  (cd "$PROJECT" && exec env $(instance_env "$name") setsid node_modules/.bin/next start -H 127.0.0.1 -p "$port") >"$C/app-$name.log" 2>&1 &
  echo $! >"$C/app-$name.pid"
}

wait_instance() {
  local name="$1"
  wait_for "$TIMEOUT" "instance $name" curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$(instance_port "$name")/api/health"
  log "instance $name on 127.0.0.1:$(instance_port "$name") (pid $(pid_of "$C/app-$name.pid"), log $C/app-$name.log)"
}

stop_instance() {
  local name="$1" pid
  pid="$(pid_of "$C/app-$name.pid")"
  pid_alive "$pid" || { rm -f "$C/app-$name.pid"; return 0; }
  kill -TERM -- "-$pid" 2>/dev/null || true
  local until=$((SECONDS + 12))
  while pid_alive "$pid" && [ "$SECONDS" -lt "$until" ]; do sleep 0.2; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$C/app-$name.pid"
}

kill_instance() {
  local name="$1" pid
  instance_port "$name" >/dev/null
  pid="$(pid_of "$C/app-$name.pid")"
  pid_alive "$pid" || die "instance $name is not running"
  kill -KILL -- "-$pid"
  local until=$((SECONDS + 5))
  while pid_alive "$pid" && [ "$SECONDS" -lt "$until" ]; do sleep 0.05; done
  log "instance $name killed (SIGKILL)"
}

# --- HAProxy -------------------------------------------------------------------------------------
start_haproxy() {
  local pid servers="" name
  pid="$(pid_of "$C/haproxy.pid")"
  if pid_alive "$pid"; then log "haproxy already running"; return; fi
  # A second HAProxy on the same port would start silently (SO_REUSEPORT): check first.
  port_open "$PORT" && die "port $PORT is taken"
  command -v haproxy >/dev/null || die "haproxy not installed: run scripts/install-system.sh"
  for name in "${NAMES[@]}"; do servers+="  server $name 127.0.0.1:$(instance_port "$name") check"$'\n'; done
  local tmp="$HAPROXY_CFG.tmp"
  awk -v servers="$servers" -v port="$PORT" '{ gsub(/@@BIND@@/, "127.0.0.1"); gsub(/@@PORT@@/, port); if ($0 == "@@SERVERS@@") printf "%s", servers; else print }' \
    "$PROJECT/config/haproxy/cluster.cfg" >"$tmp"
  mv "$tmp" "$HAPROXY_CFG"
  haproxy -c -q -f "$HAPROXY_CFG" || die "haproxy rejected $HAPROXY_CFG"
  haproxy -q -D -f "$HAPROXY_CFG" -p "$C/haproxy.pid"
  wait_for 15 "haproxy on $PORT" curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/api/health"
  log "haproxy on 127.0.0.1:$PORT → instances a, b (round robin)"
}
stop_haproxy() {
  local pid
  pid="$(pid_of "$C/haproxy.pid")"
  pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true # not USR1: a soft stop waits for open streams
  local until=$((SECONDS + 5))
  while pid_alive "$pid" && [ "$SECONDS" -lt "$until" ]; do sleep 0.1; done
  pid_alive "$pid" && kill -KILL "$pid" 2>/dev/null || true
  rm -f "$C/haproxy.pid"
}

# --- commands ------------------------------------------------------------------------------------
cmd_start() {
  mkdir -p "$C"
  # Whatever fails half-way, nothing started stays behind.
  START_OK=0
  trap '[ "$START_OK" = 1 ] || cmd_stop >/dev/null 2>&1' EXIT
  start_redis
  start_pg
  for name in "${NAMES[@]}"; do start_instance "$name"; done
  for name in "${NAMES[@]}"; do wait_instance "$name"; done
  start_haproxy
  START_OK=1
  log "up: http://127.0.0.1:$PORT"
}

cmd_stop() {
  stop_haproxy
  for name in "${NAMES[@]}"; do stop_instance "$name"; done
  stop_redis
  stop_pg
  log "stopped"
}

cmd_status() {
  local rc=0 name pid
  pid="$(pid_of "$C/haproxy.pid")"
  if pid_alive "$pid"; then echo "haproxy: running on $PORT (pid $pid)"; else echo "haproxy: stopped"; rc=1; fi
  for name in "${NAMES[@]}"; do
    pid="$(pid_of "$C/app-$name.pid")"
    if pid_alive "$pid"; then echo "instance $name: running on $(instance_port "$name") (pid $pid)"; else echo "instance $name: stopped"; rc=1; fi
  done
  if redis_stack status >/dev/null 2>&1; then echo "redis: running on $REDIS_PORT"; else echo "redis: stopped"; rc=1; fi
  if pg_stack status >/dev/null 2>&1; then echo "postgresql: running on $PG_PORT"; else echo "postgresql: stopped"; rc=1; fi
  return "$rc"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  kill) kill_instance "${2:-}" ;;
  *) die "usage: $0 start|stop|status|kill a|b" ;;
esac
