#!/usr/bin/env bash
# `npm test`: unit tests, integration tests against the real mail stack, one production build, then
# the Playwright suite in Debian's Chromium. The test stack has its own ports and data folder
# (scripts/test-env.sh), so it runs beside the demo stack; this script stops it if it started it.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# Chromium names downloads with non-ASCII names only under a UTF-8 locale (CI may have none).
export LANG="${LANG:-C.UTF-8}"
source scripts/test-env.sh
# The demo installs only what it needs (--without-cyrus): the suite also needs Cyrus, Redis, PostgreSQL and
# HAProxy. Only what is missing is installed (a quick check when all is there).
bash scripts/install-system.sh

started=0 redis_started=0 cyrus_started=0
if ! bash scripts/mail-stack.sh status >/dev/null 2>&1; then started=1; fi
if ! bash scripts/cyrus-stack.sh status >/dev/null 2>&1; then cyrus_started=1; fi
pg_started=0
if ! bash scripts/pg-stack.sh status >/dev/null 2>&1; then pg_started=1; fi
if ! bash scripts/redis-stack.sh status >/dev/null 2>&1; then redis_started=1; fi
cluster_started=0
stop_stack() {
  if [ "$cluster_started" = 1 ]; then bash scripts/cluster.sh stop || true; fi
  if [ -n "${KEEP_MAILSTACK:-}" ]; then return; fi
  if [ "$cyrus_started" = 1 ]; then bash scripts/cyrus-stack.sh stop || true; fi
  if [ "$started" = 1 ]; then bash scripts/mail-stack.sh stop || true; fi
  if [ "$pg_started" = 1 ]; then bash scripts/pg-stack.sh stop || true; fi
  if [ "$redis_started" = 1 ]; then bash scripts/redis-stack.sh stop || true; fi
}
trap stop_stack EXIT

# The store suites run against SQLite and this real PostgreSQL (scripts/pg-stack.sh, port TEST_PG_PORT).
echo "== PostgreSQL ($MAILSTACK_DIR/pg)"
bash scripts/pg-stack.sh start
export TEST_DATABASE_URL="$(bash scripts/pg-stack.sh url)"

echo "== unit tests"
npx vitest run

echo "== mail stack ($MAILSTACK_DIR)"
bash scripts/mail-stack.sh start
node_modules/.bin/tsx scripts/seed.ts
echo "== redis (127.0.0.1:$REDIS_PORT)"
bash scripts/redis-stack.sh start

echo "== Cyrus IMAP for the interop tests (127.0.0.1:$CYRUS_PORT)"
bash scripts/cyrus-stack.sh start
# The demo users, with alice's Team shared with bob and carol, as on Dovecot (a second server).
IMAP_PORT="$CYRUS_PORT" node_modules/.bin/tsx scripts/seed.ts --only=alice,bob,carol,dana --share-team-with=bob,carol

if [ -f vitest.int.config.mts ]; then
  echo "== integration tests (real Dovecot, Cyrus, Redis, PostgreSQL)"
  npx vitest run -c vitest.int.config.mts
fi

echo "== build"
npx next build

echo "== end-to-end (real Dovecot + Postfix, Cyrus for e2e/interop-cyrus.spec.ts, Debian Chromium)"
# A fresh POP3 cache for the app under test, so every run starts from the same state.
rm -rf "$MAILROOM_DATA_DIR"
npx playwright test "$@"

if [ "$#" -eq 0 ]; then
  # This one restarts Dovecot, which would break whatever the other worker is running: alone, after.
  echo "== end-to-end: catching up after a Dovecot restart (one worker)"
  E2E_DOVECOT_RESTART=1 npx playwright test e2e/shared-live.spec.ts -g "after Dovecot restarts" --workers=1
fi

if [ "$#" -eq 0 ]; then
  # Two instances of the same build behind HAProxy, with Redis and PostgreSQL (scripts/cluster.sh).
  echo "== end-to-end: two instances behind HAProxy"
  cluster_started=1
  bash scripts/cluster.sh start
  npx playwright test -c playwright.cluster.config.ts
  bash scripts/cluster.sh stop
  cluster_started=0
fi
