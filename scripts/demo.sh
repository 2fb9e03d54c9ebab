#!/usr/bin/env bash
# README command 1: on a fresh Debian machine (root) install everything, start the local mail stack
# with demo data, build and start Mailroom at http://localhost:3000, and print the demo logins.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# Cyrus IMAP is for the interop tests only: the demo runs without it.
bash scripts/install-system.sh --without-cyrus
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

# The demo stack on its default ports (IMAP 1143, POP3 1110, SMTP 1025) and data under .mailstack/.
export IMAP_PORT="${IMAP_PORT:-1143}" POP3_PORT="${POP3_PORT:-1110}" SMTP_PORT="${SMTP_PORT:-1025}"
bash scripts/mail-stack.sh start
node_modules/.bin/tsx scripts/seed.ts

# A per-machine secret, generated once and kept out of git.
if [ ! -f .env.local ]; then
  cat > .env.local <<ENV
IMAP_HOST=127.0.0.1
IMAP_PORT=${IMAP_PORT}
IMAP_TLS=false
POP3_HOST=127.0.0.1
POP3_PORT=${POP3_PORT}
POP3_TLS=false
SMTP_HOST=127.0.0.1
SMTP_PORT=${SMTP_PORT}
SMTP_TLS=false
MAILROOM_DATA_DIR=./.mailroom-data
MAIL_DOMAINS=example.test
NEXTAUTH_URL=http://localhost:${PORT:-3000}
NEXTAUTH_SECRET=$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))')
ENV
  echo "wrote .env.local"
fi

npx next build
cat <<TXT

  Mailroom is starting at http://localhost:${PORT:-3000}

  Demo logins (password: mailroom-demo)
    alice@example.test   a full mailbox: HTML, attachments, threads, folders, a shared "Team" folder
    bob@example.test     sees alice's "Team" folder under Shared (read-only)
    carol@example.test, dana@example.test
    bulk@example.test    an INBOX of 10,000 messages

  Stop the app with Ctrl-C; stop the mail stack with: npm run mail:stop
TXT
exec node_modules/.bin/next start -H 127.0.0.1 -p "${PORT:-3000}"
