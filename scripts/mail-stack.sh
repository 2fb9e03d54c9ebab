#!/usr/bin/env bash
# Mailroom's local mail stack: our own Dovecot (IMAP, POP3, LMTP) + Postfix (SMTP) instances,
# run from the templates in config/ and kept entirely inside $MAILSTACK_DIR. The system
# dovecot/postfix services are never used, started or stopped.
#
#   scripts/mail-stack.sh start|stop|status|reset|restart|restart-dovecot
#
# Environment (defaults):
#   MAILSTACK_DIR  runtime + data folder ($PROJECT/.mailstack)
#   IMAP_PORT      1143     POP3_PORT  1110
#   SMTP_PORT      1025     LMTP_PORT  1024      (all on 127.0.0.1 only)
#   MAILSTACK_VMAIL_USER  unprivileged system user owning all mail (vmail; created if missing)
#   MAILSTACK_TIMEOUT     seconds to wait for the IMAP/SMTP banners (20)
#   MAILSTACK_DOVECOT_EXTRA  a config template appended to dovecot.conf (same @@...@@ placeholders):
#                         a second stack with another namespace layout (config/dovecot/layout-*.conf)
#
# Needs root (Dovecot and Postfix drop privileges themselves) and the Debian packages from
# scripts/install-system.sh.
set -euo pipefail

PROJECT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MAILSTACK_DIR="${MAILSTACK_DIR:-$PROJECT/.mailstack}"
IMAP_PORT="${IMAP_PORT:-1143}"
POP3_PORT="${POP3_PORT:-1110}"
SMTP_PORT="${SMTP_PORT:-1025}"
LMTP_PORT="${LMTP_PORT:-1024}"
VMAIL_USER="${MAILSTACK_VMAIL_USER:-vmail}"
TIMEOUT="${MAILSTACK_TIMEOUT:-20}"
USERS_FILE="$PROJECT/config/dovecot/users.txt"

log() { printf 'mail-stack: %s\n' "$*"; }
die() { printf 'mail-stack: ERROR: %s\n' "$*" >&2; exit 1; }

# Absolute, normalised MAILSTACK_DIR (it need not exist yet).
case "$MAILSTACK_DIR" in
  /*) ;;
  *) MAILSTACK_DIR="$PWD/$MAILSTACK_DIR" ;;
esac
MAILSTACK_DIR="$(realpath -m "$MAILSTACK_DIR")"
D="$MAILSTACK_DIR"
[ "$D" != / ] || die "MAILSTACK_DIR must not be /"

MARKER="$D/.mailroom-mailstack"
DOVE_DIR="$D/dovecot"
DOVE_CONF="$DOVE_DIR/dovecot.conf"
PF_ETC="$D/postfix/etc"
PF_QUEUE="$D/postfix/spool"
PF_DATA="$D/postfix/data"
STATE_DIR="$D/state"
HASH="$(printf '%s' "$D" | cksum | cut -d' ' -f1)"
INSTANCE="mailroom-$HASH"
# Dovecot puts its sockets in base_dir (unix socket paths are limited to 107 bytes); fall back to
# a short path in /tmp when MAILSTACK_DIR is long.
if [ "${#D}" -le 60 ]; then BASE_DIR="$D/run"; else BASE_DIR="/tmp/mailroom-dovecot-$HASH"; fi

# ---------------------------------------------------------------------------------------------
pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

# PID of our Dovecot master, if it is running (checked against its command line).
dovecot_pid() {
  local pid=""
  for f in "$BASE_DIR/master.pid" "$D/dovecot.pid"; do
    [ -s "$f" ] && pid="$(tr -dc 0-9 < "$f")" && [ -n "$pid" ] && break
  done
  if pid_alive "$pid" && tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | grep -qF -- "$DOVE_CONF"; then
    echo "$pid"
  fi
}

# PID of our Postfix master, if running (its environment carries MAIL_CONFIG=<our etc dir>).
postfix_pid() {
  local pid=""
  [ -s "$PF_QUEUE/pid/master.pid" ] && pid="$(tr -dc 0-9 < "$PF_QUEUE/pid/master.pid")"
  if pid_alive "$pid" && tr '\0' '\n' 2>/dev/null < "/proc/$pid/environ" | grep -qxF "MAIL_CONFIG=$PF_ETC"; then
    echo "$pid"
  fi
}

port_in_use() { # port -> 0 when something listens on 127.0.0.1:port (or all interfaces)
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Reads the first line the server sends on connect; succeeds when it matches the pattern.
banner_ok() { # port regex
  local line=""
  line="$(timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1; IFS= read -r -t 2 l <&3 || exit 1; printf "%s" "$l"' _ "$1" 2>/dev/null)" || return 1
  [[ "$line" =~ $2 ]]
}

show_logs() {
  for f in "$D/dovecot.log" "$D/postfix.log" "$D/postfix-start.log"; do
    if [ -s "$f" ]; then
      echo "----- tail $f" >&2
      tail -n 25 "$f" >&2
    fi
  done
}

render() { # template output [extra sed args...]
  local tpl="$1" out="$2"
  sed -e "s|@@MAILSTACK_DIR@@|$D|g" \
      -e "s|@@BASE_DIR@@|$BASE_DIR|g" \
      -e "s|@@STATE_DIR@@|$STATE_DIR|g" \
      -e "s|@@INSTANCE@@|$INSTANCE|g" \
      -e "s|@@IMAP_PORT@@|$IMAP_PORT|g" \
      -e "s|@@POP3_PORT@@|$POP3_PORT|g" \
      -e "s|@@SMTP_PORT@@|$SMTP_PORT|g" \
      -e "s|@@LMTP_PORT@@|$LMTP_PORT|g" \
      -e "s|@@VMAIL_USER@@|$VMAIL_USER|g" \
      -e "s|@@VMAIL_UID@@|$VMAIL_UID|g" \
      -e "s|@@VMAIL_GID@@|$VMAIL_GID|g" \
      -e "s|@@POSTFIX_ETC@@|$PF_ETC|g" \
      -e "s|@@POSTFIX_QUEUE@@|$PF_QUEUE|g" \
      -e "s|@@POSTFIX_DATA@@|$PF_DATA|g" \
      -e "s|@@DOMAINS@@|$DOMAINS|g" \
      "$tpl" > "$out.tmp"
  if grep -q '@@[A-Z_]*@@' "$out.tmp"; then
    die "unreplaced placeholder in $out: $(grep -o '@@[A-Z_]*@@' "$out.tmp" | sort -u | tr '\n' ' ')"
  fi
  mv -f "$out.tmp" "$out"
}

user_lines() { # email:password lines of users.txt, lower-cased emails
  sed -e 's/\r$//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$USERS_FILE" \
    | grep -v -e '^#' -e '^$' \
    | awk -F: 'NF >= 2 { e = tolower($1); sub(/^[^:]*:/, ""); print e ":" $0 }'
}

check_ports() {
  local p name
  for pair in "IMAP_PORT:$IMAP_PORT" "POP3_PORT:$POP3_PORT" "SMTP_PORT:$SMTP_PORT" "LMTP_PORT:$LMTP_PORT"; do
    name="${pair%%:*}"; p="${pair#*:}"
    [[ "$p" =~ ^[0-9]+$ ]] && [ "$p" -ge 1 ] && [ "$p" -le 65535 ] || die "$name=$p is not a port number"
  done
  [ "$(printf '%s\n' "$IMAP_PORT" "$POP3_PORT" "$SMTP_PORT" "$LMTP_PORT" | sort -u | wc -l)" = 4 ] \
    || die "IMAP_PORT, POP3_PORT, SMTP_PORT and LMTP_PORT must all differ"
}

prepare() {
  [ "$(id -u)" = 0 ] || die "must run as root (Dovecot/Postfix need it to drop privileges)"
  local b
  for b in dovecot doveadm doveconf postfix postconf; do
    command -v "$b" >/dev/null || [ -x "/usr/sbin/$b" ] || die "$b not found: run scripts/install-system.sh"
  done
  export PATH="$PATH:/usr/sbin:/sbin"
  [ -f "$USERS_FILE" ] || die "missing $USERS_FILE"
  getent passwd postfix >/dev/null || die "system user 'postfix' missing (is the postfix package installed?)"
  getent passwd dovecot >/dev/null && getent passwd dovenull >/dev/null \
    || die "system users 'dovecot'/'dovenull' missing (is dovecot-core installed?)"

  if ! getent passwd "$VMAIL_USER" >/dev/null; then
    log "creating system user $VMAIL_USER"
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin "$VMAIL_USER" 2>/dev/null \
      || getent passwd "$VMAIL_USER" >/dev/null || die "could not create user $VMAIL_USER"
  fi
  VMAIL_UID="$(id -u "$VMAIL_USER")"
  VMAIL_GID="$(id -g "$VMAIL_USER")"
  [ "$VMAIL_UID" != 0 ] || die "$VMAIL_USER must not be root"

  if [ -e "$D" ] && [ ! -e "$MARKER" ] && [ -n "$(ls -A "$D" 2>/dev/null)" ]; then
    die "$D exists, is not empty and is not a mail-stack folder (no $MARKER)"
  fi
  mkdir -p "$D" "$DOVE_DIR" "$STATE_DIR" "$PF_ETC" "$PF_QUEUE" "$PF_DATA" "$D/mail" "$D/dict"
  touch "$MARKER"
  chmod 0755 "$D" "$DOVE_DIR" "$D/postfix" "$PF_ETC"
  chown root:root "$D" "$D/postfix" "$PF_ETC" "$PF_QUEUE"
  chmod 0755 "$PF_QUEUE"
  # A data dir from an earlier machine may have a different vmail uid: take it over.
  if [ "$(stat -c %u "$D/mail")" != "$VMAIL_UID" ] || [ "$(stat -c %u "$D/dict")" != "$VMAIL_UID" ]; then
    chown -R "$VMAIL_UID:$VMAIL_GID" "$D/mail" "$D/dict"
  fi
  chmod 0700 "$D/mail" "$D/dict"
  chown postfix:postfix "$PF_DATA"; chmod 0700 "$PF_DATA"
  # vmail must be able to reach the mail folder.
  if ! runuser -u "$VMAIL_USER" -- test -x "$D/dovecot" 2>/dev/null; then
    die "user $VMAIL_USER cannot traverse into $D (a parent folder is not world-executable); pick another MAILSTACK_DIR"
  fi
  local sock="$PF_QUEUE/private/auth"
  [ "${#sock}" -lt 104 ] || die "MAILSTACK_DIR path too long for unix sockets (${#sock} > 103): $sock"

  DOMAINS="$(user_lines | cut -d: -f1 | awk -F@ 'NF == 2 { print $2 }' | sort -u | tr '\n' ' ' | sed 's/ $//')"
  [ -n "$DOMAINS" ] || die "no users in $USERS_FILE"

  {
    echo "IMAP_PORT=$IMAP_PORT"; echo "POP3_PORT=$POP3_PORT"; echo "SMTP_PORT=$SMTP_PORT"
    echo "LMTP_PORT=$LMTP_PORT"; echo "BASE_DIR=$BASE_DIR"; echo "INSTANCE=$INSTANCE"
  } > "$D/stack.env"
}

render_dovecot() {
  render "$PROJECT/config/dovecot/dovecot.conf" "$DOVE_CONF"
  # Overrides for a second instance (Dovecot merges a repeated section into the first one).
  if [ -n "${MAILSTACK_DOVECOT_EXTRA:-}" ]; then
    [ -f "$MAILSTACK_DOVECOT_EXTRA" ] || die "MAILSTACK_DOVECOT_EXTRA=$MAILSTACK_DOVECOT_EXTRA is not a file"
    render "$MAILSTACK_DOVECOT_EXTRA" "$DOVE_DIR/extra.conf"
    chmod 0644 "$DOVE_DIR/extra.conf"
    printf '!include %s\n' "$DOVE_DIR/extra.conf" >> "$DOVE_CONF"
  fi
  chmod 0644 "$DOVE_CONF"
  # passwd-file: regenerate only when users.txt changed (hashing is the slow part).
  local sum; sum="v3-$(sha256sum "$USERS_FILE" | cut -d' ' -f1)"
  if [ ! -s "$DOVE_DIR/users.passwd" ] || [ "$(cat "$DOVE_DIR/users.sum" 2>/dev/null)" != "$sum" ]; then
    local tmp="$DOVE_DIR/users.passwd.tmp" email pass hash n=0
    : > "$tmp"
    while IFS= read -r line; do
      email="${line%%:*}"; pass="${line#*:}"
      if hash="$(doveadm -c "$DOVE_CONF" pw -s SHA512-CRYPT -p "$pass" 2>/dev/null)" && [[ "$hash" == "{SHA512-CRYPT}"* ]]; then :; else
        hash="{PLAIN}$pass"
      fi
      printf '%s:%s::::::\n' "$email" "$hash" >> "$tmp"
      n=$((n + 1))
    done < <(user_lines)
    chown root:dovecot "$tmp"; chmod 0640 "$tmp"
    mv -f "$tmp" "$DOVE_DIR/users.passwd"
    echo "$sum" > "$DOVE_DIR/users.sum"
    log "wrote $n users to $DOVE_DIR/users.passwd"
  fi
}

render_postfix() {
  render "$PROJECT/config/postfix/main.cf" "$PF_ETC/main.cf"
  render "$PROJECT/config/postfix/master.cf" "$PF_ETC/master.cf"
  user_lines | cut -d: -f1 | awk '{ print $1 " OK" }' > "$PF_ETC/virtual_mailboxes"
  chown root:root "$PF_ETC"/*; chmod 0644 "$PF_ETC"/*
  # Creates/fixes the queue directories and checks ownership.
  if ! postfix -c "$PF_ETC" check > "$D/postfix-check.log" 2>&1; then
    cat "$D/postfix-check.log" >&2
    die "postfix check failed"
  fi
}

wait_ready() {
  local deadline=$((SECONDS + TIMEOUT)) imap=0 smtp=0
  while [ "$SECONDS" -lt "$deadline" ]; do
    [ "$imap" = 1 ] || { banner_ok "$IMAP_PORT" '^\* OK' && imap=1; } || true
    [ "$smtp" = 1 ] || { banner_ok "$SMTP_PORT" '^220 ' && smtp=1; } || true
    [ "$imap" = 1 ] && [ "$smtp" = 1 ] && return 0
    sleep 0.2
  done
  [ "$imap" = 1 ] || echo "mail-stack: no IMAP greeting on 127.0.0.1:$IMAP_PORT after ${TIMEOUT}s" >&2
  [ "$smtp" = 1 ] || echo "mail-stack: no SMTP banner on 127.0.0.1:$SMTP_PORT after ${TIMEOUT}s" >&2
  return 1
}

cmd_start() {
  check_ports
  local dpid ppid
  dpid="$(dovecot_pid)"; ppid="$(postfix_pid)"
  if [ -n "$dpid" ] && [ -n "$ppid" ]; then
    log "already running in $D (dovecot pid $dpid, postfix pid $ppid)"
    return 0
  fi
  prepare
  if [ -z "$dpid" ]; then
    local p
    for p in "$IMAP_PORT" "$POP3_PORT" "$LMTP_PORT"; do
      port_in_use "$p" && die "port 127.0.0.1:$p is already in use (another stack? set IMAP_PORT/POP3_PORT/LMTP_PORT)"
    done
  fi
  if [ -z "$ppid" ]; then
    port_in_use "$SMTP_PORT" && die "port 127.0.0.1:$SMTP_PORT is already in use (set SMTP_PORT)"
  fi

  # Postfix first: `postfix check` creates the queue folders, and Dovecot puts its SASL auth
  # socket into $queue_directory/private.
  render_postfix
  if [ -z "$dpid" ]; then
    render_dovecot
    rm -f "$D/dovecot.pid"
    log "starting dovecot (IMAP $IMAP_PORT, POP3 $POP3_PORT, LMTP $LMTP_PORT)"
    if ! dovecot -c "$DOVE_CONF" > "$D/dovecot-start.log" 2>&1; then
      cat "$D/dovecot-start.log" >&2
      show_logs
      die "dovecot failed to start (config: $DOVE_CONF)"
    fi
    local i
    for i in $(seq 50); do dpid="$(dovecot_pid)"; [ -n "$dpid" ] && break; sleep 0.1; done
    [ -n "$dpid" ] || { show_logs; die "dovecot did not write $BASE_DIR/master.pid"; }
    echo "$dpid" > "$D/dovecot.pid"
  fi
  if [ -z "$ppid" ]; then
    log "starting postfix (SMTP $SMTP_PORT)"
    if ! postfix -c "$PF_ETC" start > "$D/postfix-start.log" 2>&1; then
      cat "$D/postfix-start.log" >&2
      show_logs
      die "postfix failed to start (config: $PF_ETC)"
    fi
    local i
    for i in $(seq 50); do ppid="$(postfix_pid)"; [ -n "$ppid" ] && break; sleep 0.1; done
    [ -n "$ppid" ] || { show_logs; die "postfix master did not start"; }
    echo "$ppid" > "$D/postfix.pid"
  fi
  if ! wait_ready; then
    show_logs
    cmd_stop >&2
    die "mail stack did not become ready within ${TIMEOUT}s (stopped it again; logs above, full logs in $D)"
  fi
  log "ready: IMAP 127.0.0.1:$IMAP_PORT  POP3 127.0.0.1:$POP3_PORT  SMTP 127.0.0.1:$SMTP_PORT  LMTP 127.0.0.1:$LMTP_PORT  (data: $D)"
}

wait_gone() { # pid seconds
  local deadline=$((SECONDS + $2))
  while pid_alive "$1" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
  ! pid_alive "$1"
}

cmd_stop() {
  export PATH="$PATH:/usr/sbin:/sbin"
  local ppid dpid stopped=0
  ppid="$(postfix_pid)"
  if [ -n "$ppid" ]; then
    log "stopping postfix (pid $ppid)"
    postfix -c "$PF_ETC" stop >/dev/null 2>&1 || kill -TERM "$ppid" 2>/dev/null || true
    if ! wait_gone "$ppid" 10; then kill -KILL "$ppid" 2>/dev/null || true; fi
    stopped=1
  fi
  rm -f "$D/postfix.pid"
  dpid="$(dovecot_pid)"
  if [ -n "$dpid" ]; then
    log "stopping dovecot (pid $dpid)"
    # Same as `doveadm -c $DOVE_CONF stop` (SIGTERM to the master), without its slow 1 s polling.
    kill -TERM "$dpid" 2>/dev/null || doveadm -c "$DOVE_CONF" stop >/dev/null 2>&1 || true
    if ! wait_gone "$dpid" 10; then kill -KILL "$dpid" 2>/dev/null || true; fi
    stopped=1
  fi
  rm -f "$D/dovecot.pid"
  # Children of our masters exit once their master is gone; give them a moment.
  local i left
  for i in $(seq 50); do
    left="$(our_processes)"
    [ -z "$left" ] && break
    sleep 0.1
  done
  if [ -n "$left" ]; then
    log "killing leftover processes: $left"
    kill -KILL $left 2>/dev/null || true
  fi
  [ "$stopped" = 1 ] && log "stopped ($D)" || log "not running ($D)"
}

# PIDs of leftover processes of this instance: Dovecot children carry the instance name in their
# title, Postfix children MAIL_CONFIG=<our etc dir> in their environment.
our_processes() {
  local out="" pid stat user args
  while read -r pid stat user args; do
    [ "$pid" = "$$" ] && continue
    case "$stat" in Z*) continue ;; esac # zombies are already dead
    case "$args" in
      *"$INSTANCE/"* | *"-c $DOVE_CONF") out="$out $pid"; continue ;;
    esac
    if [ "$user" = postfix ] || [[ "$args" == /usr/lib/postfix/* ]]; then
      if tr '\0' '\n' 2>/dev/null < "/proc/$pid/environ" | grep -qxF "MAIL_CONFIG=$PF_ETC"; then
        out="$out $pid"
      fi
    fi
  done < <(ps -eo pid=,stat=,user=,args=)
  echo "${out# }"
}

cmd_status() {
  local dpid ppid rc=0 ports=""
  dpid="$(dovecot_pid)"; ppid="$(postfix_pid)"
  [ -f "$D/stack.env" ] && ports="$(tr '\n' ' ' < "$D/stack.env")"
  echo "mail stack in $D"
  [ -n "$ports" ] && echo "  $ports"
  if [ -n "$dpid" ]; then echo "  dovecot: running (pid $dpid)"; else echo "  dovecot: stopped"; rc=3; fi
  if [ -n "$ppid" ]; then echo "  postfix: running (pid $ppid)"; else echo "  postfix: stopped"; rc=3; fi
  return "$rc"
}

cmd_reset() {
  cmd_stop
  if [ -e "$D" ]; then
    [ -e "$MARKER" ] || [ -z "$(ls -A "$D" 2>/dev/null)" ] || die "$D is not a mail-stack folder; not deleting it"
    rm -rf "$D"
    log "removed $D"
  fi
  case "$BASE_DIR" in "$D"/*) ;; *) rm -rf "$BASE_DIR" ;; esac
}

# Restarts only Dovecot (every IMAP/POP3 session drops, Postfix keeps running): the live-update tests
# use it to check that open views catch up after a server restart.
cmd_restart_dovecot() {
  export PATH="$PATH:/usr/sbin:/sbin"
  local dpid p i
  dpid="$(dovecot_pid)"
  if [ -n "$dpid" ]; then
    log "stopping dovecot (pid $dpid)"
    kill -TERM "$dpid" 2>/dev/null || true
    if ! wait_gone "$dpid" 10; then kill -KILL "$dpid" 2>/dev/null || true; fi
  fi
  rm -f "$D/dovecot.pid"
  # Sessions and login processes outlive their master here (they would hold the ports and keep
  # serving old connections): end them, as a real server restart does.
  local left
  left="$(dovecot_processes)"
  [ -n "$left" ] && kill -TERM $left 2>/dev/null || true
  for i in $(seq 30); do left="$(dovecot_processes)"; [ -z "$left" ] && break; sleep 0.1; done
  [ -n "$left" ] && kill -KILL $left 2>/dev/null || true
  for p in "$IMAP_PORT" "$POP3_PORT" "$LMTP_PORT"; do
    for i in $(seq 50); do port_in_use "$p" || break; sleep 0.1; done
  done
  cmd_start
}

# PIDs of this instance's Dovecot processes (titles carry the instance name), Postfix left alone.
dovecot_processes() {
  local out="" pid stat args
  while read -r pid stat args; do
    case "$stat" in Z*) continue ;; esac
    case "$args" in *"$INSTANCE/"* | *"-c $DOVE_CONF") out="$out $pid" ;; esac
  done < <(ps -eo pid=,stat=,args=)
  echo "${out# }"
}

case "${1:-}" in
  start) cmd_start ;;
  restart-dovecot) cmd_restart_dovecot ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  reset) cmd_reset ;;
  restart) cmd_stop; cmd_start ;;
  *) echo "usage: $0 start|stop|status|reset|restart|restart-dovecot" >&2; exit 2 ;;
esac
