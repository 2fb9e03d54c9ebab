#!/usr/bin/env bash
# `npm test`: unit tests, then one production build, then the Playwright suite in Debian's Chromium
# against a real Dovecot/Postfix stack of its own (separate ports and data folder from the demo).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
source scripts/test-env.sh

echo "== unit tests"
npx vitest run

echo "== build"
npx next build

echo "== end-to-end (real Dovecot + Postfix, Debian Chromium)"
npx playwright test "$@"
