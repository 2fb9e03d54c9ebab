#!/usr/bin/env bash
# Installs the Debian packages Mailroom's demo stack and test suite need, only when missing.
# Debian's dovecot/postfix packages try to start system services; we stop nothing of theirs and
# never depend on them: our own instances run from config/ on unprivileged loopback ports.
set -euo pipefail
need=()
# cyrus-common/cyrus-admin/sasl2-bin: Cyrus IMAP for the interop suite. Never `cyrus-imapd` itself:
# it conflicts with dovecot-imapd (installing it removes Dovecot's IMAP binary); its imapd/idled
# are unpacked from the downloaded .deb into $CYRUS_PKG_DIR instead (below).
# postgresql: the private test server of scripts/pg-stack.sh (the system cluster it creates is never used).
# redis-server, postgresql and haproxy: several instances behind a load balancer (scripts/cluster.sh).
# gcc/libc6-dev: scripts/cyrus-stack.sh compiles config/cyrus/seed-rand.c (distinct mailbox ids in Cyrus).
# --without-cyrus (the demo): only what Mailroom itself and its demo stack need.
# --with-bench: also Roundcube 1.6 (SQLite) and PHP's CLI for `npm run bench -- --only=browser`, which
# serves it with `php -S`. Not in `npm test`'s install, to keep that fast. php8.2-cgi is named so that
# apt satisfies php8.2's "libapache2-mod-php8.2 | php8.2-fpm | php8.2-cgi" without pulling in apache2;
# no recommends means no web server, no database server (SQLite is a file) and no extra skins.
with_cyrus=1
with_bench=0
for arg in "$@"; do
  case "$arg" in
    --without-cyrus) with_cyrus=0 ;;
    --with-bench) with_bench=1 ;;
    *) echo "install-system.sh: unknown argument $arg (known: --without-cyrus, --with-bench)" >&2; exit 2 ;;
  esac
done
extra_pkgs=(cyrus-common cyrus-admin sasl2-bin gcc libc6-dev redis-server postgresql haproxy)
[ "$with_cyrus" = 1 ] || extra_pkgs=()
bench_pkgs=(roundcube-core roundcube-sqlite3 php8.2-cgi php-cli php-sqlite3 php-intl php-mbstring php-xml)
[ "$with_bench" = 1 ] || bench_pkgs=()
for pkg in dovecot-imapd dovecot-pop3d dovecot-lmtpd postfix chromium "${extra_pkgs[@]}" "${bench_pkgs[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
PROJECT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CYRUS_PKG_DIR="${CYRUS_PKG_DIR:-$PROJECT/.cyrus-pkg}"
cyrus_unpacked() { [ "$with_cyrus" = 0 ] || { [ -x "$CYRUS_PKG_DIR/usr/lib/cyrus/bin/imapd" ] && [ -x "$CYRUS_PKG_DIR/usr/lib/cyrus/bin/idled" ]; }; }
# Unpacks imapd/idled from Debian's cyrus-imapd .deb (same version as cyrus-common) without installing it.
unpack_cyrus() {
  local tmp ver
  tmp="$(mktemp -d)"
  ver="$(dpkg-query -W -f='${Version}' cyrus-common 2>/dev/null || true)"
  if ! (cd "$tmp" && apt-get download -qq "cyrus-imapd${ver:+=$ver}" >/dev/null 2>&1); then
    apt-get update -qq
    (cd "$tmp" && apt-get download -qq "cyrus-imapd${ver:+=$ver}")
  fi
  rm -rf "$CYRUS_PKG_DIR.tmp"
  dpkg-deb -x "$tmp"/cyrus-imapd_*.deb "$CYRUS_PKG_DIR.tmp"
  rm -rf "$tmp" "$CYRUS_PKG_DIR"
  mv "$CYRUS_PKG_DIR.tmp" "$CYRUS_PKG_DIR"
  echo "unpacked cyrus-imapd ${ver} into $CYRUS_PKG_DIR"
}
if [ "${#need[@]}" -eq 0 ]; then
  echo "system packages: all present"
  cyrus_unpacked || unpack_cyrus
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "Missing Debian packages: ${need[*]} — run this script as root (apt-get)." >&2
  exit 1
fi
echo "installing: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
# Keep postfix's own debconf from asking anything; we never use the system instance.
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
# Roundcube: no database set up by dbconfig-common; the bench keeps its own SQLite file (config/roundcube/).
echo "roundcube-core roundcube/dbconfig-install boolean false" | debconf-set-selections
# Don't let package scripts start system services (policy-rc.d 101 = action forbidden).
created_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && created_policy=1
fi
trap '[ "$created_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d' EXIT
apt-get -o DPkg::Lock::Timeout=300 update -qq
apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${need[@]}"
cyrus_unpacked || unpack_cyrus
# The check that matters: Cyrus's packages must leave Dovecot's IMAP server in place.
dpkg -s dovecot-imapd >/dev/null 2>&1 || { echo "dovecot-imapd is gone after installing Cyrus packages" >&2; exit 1; }
