#!/usr/bin/env bash
# Mailroom's Cyrus IMAP instance for the interop suite: Debian's Cyrus 3.6 run from the templates in
# config/cyrus/, on its own loopback port, with all data in $MAILSTACK_DIR/cyrus. It runs beside our
# Dovecot: imapd/idled are unpacked from the cyrus-imapd .deb (scripts/install-system.sh), because
# installing that package would remove dovecot-imapd. The system Cyrus service is never used.
#
#   scripts/cyrus-stack.sh start|stop|status|restart|reset
#
# Environment (defaults):
#   MAILSTACK_DIR   data folder ($PROJECT/.mailstack); Cyrus uses its cyrus/ subfolder
#   CYRUS_PORT      2243 (127.0.0.1 only)
#   CYRUS_PKG_DIR   the unpacked cyrus-imapd .deb ($PROJECT/.cyrus-pkg; made by install-system.sh)
#   CYRUS_TIMEOUT   seconds to wait for the greeting (20)
# Users: config/dovecot/users.txt, with the same passwords (a private sasldb; realm = servername).
set -euo pipefail

PROJECT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MAILSTACK_DIR="${MAILSTACK_DIR:-$PROJECT/.mailstack}"
case "$MAILSTACK_DIR" in /*) ;; *) MAILSTACK_DIR="$PWD/$MAILSTACK_DIR" ;; esac
D="$(realpath -m "$MAILSTACK_DIR")/cyrus"
CYRUS_PORT="${CYRUS_PORT:-2243}"
CYRUS_PKG_DIR="${CYRUS_PKG_DIR:-$PROJECT/.cyrus-pkg}"
TIMEOUT="${CYRUS_TIMEOUT:-20}"
USERS_FILE="$PROJECT/config/dovecot/users.txt"
BIN=/usr/lib/cyrus/bin
PKG_BIN="$CYRUS_PKG_DIR/usr/lib/cyrus/bin"
CONF="$D/imapd.conf"
PIDFILE="$D/master.pid"
# Every user of users.txt is in this one domain; it is also the SASL realm, so it must be servername.
SERVERNAME=example.test
HASH="$(printf '%s' "$D" | cksum | cut -d' ' -f1)"
# Unix socket paths are limited to 107 bytes: fall back to a short folder in /tmp for long paths.
# imapd binds its own IDLE client socket in {configdirectory}/socket whatever idlesocket says: without
# that folder ("bind: No such file or directory" in master.log) idled cannot wake it, and IDLE falls
# back to polling every imapidlepoll seconds.
if [ "${#D}" -le 70 ]; then SOCKET_DIR="$D/config/socket"; else SOCKET_DIR="/tmp/mailroom-cyrus-$HASH"; fi

log() { printf 'cyrus-stack: %s\n' "$*"; }
die() { printf 'cyrus-stack: ERROR: %s\n' "$*" >&2; exit 1; }
pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

master_pid() {
  local pid=""
  [ -s "$PIDFILE" ] && pid="$(tr -dc 0-9 < "$PIDFILE")"
  if pid_alive "$pid" && tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | grep -qF -- "$CONF"; then echo "$pid"; fi
}

# Every process of this instance (master, imapd, idled, ctl_cyrusdb) names our imapd.conf.
our_processes() {
  local out="" pid stat args
  while read -r pid stat args; do
    case "$stat" in Z*) continue ;; esac
    case "$args" in *"-C $CONF"*) out="$out $pid" ;; esac
  done < <(ps -eo pid=,stat=,args=)
  echo "${out# }"
}

banner_ok() {
  local line=""
  line="$(timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1; IFS= read -r -t 2 l <&3 || exit 1; printf "%s" "$l"' _ "$CYRUS_PORT" 2>/dev/null)" || return 1
  [[ "$line" == "* OK"* ]]
}
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$CYRUS_PORT") 2>/dev/null; }

render() { # template output
  sed -e "s|@@CYRUS_DIR@@|$D|g" -e "s|@@SOCKET_DIR@@|$SOCKET_DIR|g" -e "s|@@SERVERNAME@@|$SERVERNAME|g" \
      -e "s|@@CYRUS_PORT@@|$CYRUS_PORT|g" -e "s|@@BIN@@|$BIN|g" -e "s|@@PKG_BIN@@|$PKG_BIN|g" "$1" > "$2.tmp"
  if grep -q '@@[A-Z_]*@@' "$2.tmp"; then die "unreplaced placeholder in $2"; fi
  mv -f "$2.tmp" "$2"
}

user_lines() { # email:password, lower-cased emails
  sed -e 's/\r$//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$USERS_FILE" | grep -v -e '^#' -e '^$' \
    | awk -F: 'NF >= 2 { e = tolower($1); sub(/^[^:]*:/, ""); print e ":" $0 }'
}

prepare() {
  [ "$(id -u)" = 0 ] || die "must run as root (Cyrus's master drops to the cyrus user)"
  [[ "$CYRUS_PORT" =~ ^[0-9]+$ ]] || die "CYRUS_PORT=$CYRUS_PORT is not a port number"
  [ -x "$BIN/master" ] && command -v saslpasswd2 >/dev/null || die "Cyrus is not installed: run scripts/install-system.sh"
  if [ ! -x "$PKG_BIN/imapd" ] || [ ! -x "$PKG_BIN/idled" ]; then
    log "unpacking cyrus-imapd into $CYRUS_PKG_DIR"
    CYRUS_PKG_DIR="$CYRUS_PKG_DIR" bash "$PROJECT/scripts/install-system.sh" >/dev/null
    [ -x "$PKG_BIN/imapd" ] || die "no $PKG_BIN/imapd after scripts/install-system.sh"
  fi
  getent passwd cyrus >/dev/null || die "system user 'cyrus' missing (is cyrus-common installed?)"
  # A fresh MAILSTACK_DIR made here is a mail-stack folder like any (scripts/mail-stack.sh checks the marker).
  local ms="${D%/cyrus}"
  if [ ! -e "$ms" ] || [ -z "$(ls -A "$ms" 2>/dev/null)" ]; then mkdir -p "$ms" && touch "$ms/.mailroom-mailstack"; fi
  mkdir -p "$D/config/socket" "$D/spool" "$SOCKET_DIR"
  render "$PROJECT/config/cyrus/imapd.conf" "$CONF"
  render "$PROJECT/config/cyrus/cyrus.conf" "$D/cyrus.conf"
  # Distinct mailbox uniqueids in every imapd process (why: config/cyrus/seed-rand.c). gcc is there:
  # install-system.sh installs build-essential for better-sqlite3.
  if [ ! -s "$D/seed-rand.so" ] || [ "$PROJECT/config/cyrus/seed-rand.c" -nt "$D/seed-rand.so" ]; then
    gcc -shared -fPIC -O2 -o "$D/seed-rand.so" "$PROJECT/config/cyrus/seed-rand.c" -ldl || die "could not compile config/cyrus/seed-rand.c"
  fi
  # Root-owned data or socket folders make master spin on "bind: Permission denied" with no greeting.
  chown -R cyrus:mail "$D" "$SOCKET_DIR"
  runuser -u cyrus -- test -w "$D/config" || die "user cyrus cannot write $D/config (a parent folder is not world-executable?)"
  local sum
  sum="v1-$(sha256sum "$USERS_FILE" | cut -d' ' -f1)"
  if [ ! -s "$D/sasldb2" ] || [ "$(cat "$D/users.sum" 2>/dev/null)" != "$sum" ]; then
    rm -f "$D/sasldb2"
    local line email pass n=0
    while IFS= read -r line; do
      email="${line%%:*}"; pass="${line#*:}"
      printf '%s' "$pass" | saslpasswd2 -p -c -f "$D/sasldb2" -u "$SERVERNAME" "$email"
      n=$((n + 1))
    done < <(user_lines)
    chown cyrus:mail "$D/sasldb2"; chmod 0640 "$D/sasldb2"
    echo "$sum" > "$D/users.sum"
    log "wrote $n users to $D/sasldb2"
  fi
}

cmd_start() {
  local pid
  pid="$(master_pid)"
  if [ -n "$pid" ]; then log "already running (pid $pid, port $CYRUS_PORT)"; return 0; fi
  port_in_use && die "port 127.0.0.1:$CYRUS_PORT is already in use (set CYRUS_PORT)"
  prepare
  rm -f "$PIDFILE"
  log "starting Cyrus IMAP on 127.0.0.1:$CYRUS_PORT"
  LD_PRELOAD="$D/seed-rand.so" "$BIN/master" -C "$CONF" -M "$D/cyrus.conf" -p "$PIDFILE" -d -L "$D/master.log" \
    || { tail -n 20 "$D/master.log" >&2 2>/dev/null; die "master failed to start"; }
  local deadline=$((SECONDS + TIMEOUT))
  while [ "$SECONDS" -lt "$deadline" ]; do
    banner_ok && [ -n "$(master_pid)" ] && break
    sleep 0.1
  done
  if ! banner_ok; then
    tail -n 20 "$D/master.log" >&2 2>/dev/null || true
    cmd_stop >&2
    die "no IMAP greeting on 127.0.0.1:$CYRUS_PORT after ${TIMEOUT}s (stopped again; log: $D/master.log)"
  fi
  log "ready: IMAP 127.0.0.1:$CYRUS_PORT (data: $D)"
}

cmd_stop() {
  local pid left i
  pid="$(master_pid)"
  if [ -n "$pid" ]; then
    log "stopping Cyrus (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 100); do pid_alive "$pid" || break; sleep 0.1; done
    pid_alive "$pid" && kill -KILL "$pid" 2>/dev/null || true
  else
    log "not running ($D)"
  fi
  rm -f "$PIDFILE"
  # imapd processes linger after logout; end them with their master.
  for i in $(seq 30); do
    left="$(our_processes)"; [ -z "$left" ] && break
    kill -TERM $left 2>/dev/null || true; sleep 0.1
  done
  left="$(our_processes)"; [ -n "$left" ] && kill -KILL $left 2>/dev/null || true
  return 0
}

cmd_status() {
  local pid; pid="$(master_pid)"
  if [ -n "$pid" ] && banner_ok; then echo "cyrus: running (pid $pid, IMAP 127.0.0.1:$CYRUS_PORT, data $D)"; else echo "cyrus: stopped ($D)"; return 3; fi
}

cmd_reset() {
  cmd_stop
  rm -rf "$D"
  case "$SOCKET_DIR" in "$D"/*) ;; *) rm -rf "$SOCKET_DIR" ;; esac
  log "removed $D"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  restart) cmd_stop; cmd_start ;;
  reset) cmd_reset ;;
  *) echo "usage: $0 start|stop|status|restart|reset" >&2; exit 2 ;;
esac
