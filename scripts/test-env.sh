# Environment of the test stack and the app under test (sourced by scripts/test.sh, read by Playwright).
export MAILSTACK_DIR="${MAILSTACK_DIR:-$PWD/.mailstack-test}"
export IMAP_PORT="${TEST_IMAP_PORT:-2143}" POP3_PORT="${TEST_POP3_PORT:-2110}" SMTP_PORT="${TEST_SMTP_PORT:-2025}" LMTP_PORT="${TEST_LMTP_PORT:-2026}"
export IMAP_HOST=127.0.0.1 IMAP_TLS=false POP3_HOST=127.0.0.1 POP3_TLS=false SMTP_HOST=127.0.0.1 SMTP_TLS=false
export APP_PORT="${TEST_APP_PORT:-3100}"
export NEXTAUTH_URL="http://127.0.0.1:${APP_PORT}"
export NEXTAUTH_SECRET="${NEXTAUTH_SECRET:-test-secret-for-mailroom-e2e-only-0123456789}"
export MAILROOM_DATA_DIR="${MAILROOM_DATA_DIR:-$PWD/.mailstack-test/app-data}"
export MAIL_DOMAINS=example.test
# Cyrus IMAP for the interop suite (scripts/cyrus-stack.sh).
export CYRUS_PORT="${TEST_CYRUS_PORT:-2243}"
# The private PostgreSQL (scripts/pg-stack.sh). scripts/test.sh sets TEST_DATABASE_URL once it runs
# (the PostgreSQL variants of the store tests are skipped without it); DATABASE_URL itself stays unset:
# the app under test keeps the SQLite default unless a suite asks for PostgreSQL.
export PG_PORT="${TEST_PG_PORT:-2432}"
# Several instances behind HAProxy (scripts/cluster.sh): HAProxy on CLUSTER_PORT, instances on +1 and +2,
# with their own Redis and PostgreSQL (not the unit-test ones).
export CLUSTER_PORT="${TEST_CLUSTER_PORT:-2180}" CLUSTER_REDIS_PORT="${TEST_CLUSTER_REDIS_PORT:-2389}" CLUSTER_PG_PORT="${TEST_CLUSTER_PG_PORT:-2442}"
# Redis for the shared-state tests (scripts/redis-stack.sh); the app under test runs without it unless REDIS_URL is set.
export REDIS_PORT="${TEST_REDIS_PORT:-2379}"
export TEST_REDIS_URL="redis://127.0.0.1:${REDIS_PORT}"
# A throw-away redis-server that lib/shared-state/redis/reconnect.int.test.ts stops and restarts itself.
export TEST_REDIS_FAULT_PORT="${TEST_REDIS_FAULT_PORT:-$((REDIS_PORT + 1))}"
