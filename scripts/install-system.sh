#!/usr/bin/env bash
# Installs the Debian packages Mailroom's demo stack and test suite need, only when missing.
# Debian's dovecot/postfix packages try to start system services; we stop nothing of theirs and
# never depend on them: our own instances run from config/ on unprivileged loopback ports.
set -euo pipefail
need=()
for pkg in dovecot-imapd dovecot-pop3d dovecot-lmtpd postfix chromium redis-server; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ "${#need[@]}" -eq 0 ]; then
  echo "system packages: all present"
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
# Don't let package scripts start system services (policy-rc.d 101 = action forbidden).
created_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && created_policy=1
fi
trap '[ "$created_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d' EXIT
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}"
