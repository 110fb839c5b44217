#!/usr/bin/env bash
# Runs the end-to-end test of the demo in Debian's Chromium (apt-get install -y chromium) with
# playwright-core: builds the widget bundle and compiles core and connections (build-classpath.sh), installs the
# e2e script's one npm dependency, then runs it. Exit code 0 means every check passed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export TRANSPORTS_CLASSPATH="$(connections/build-classpath.sh)"
export TRANSPORTS_E2E_OUT="$root/connections/target/e2e"
cd connections/src/test/e2e
[ -d node_modules/playwright-core ] || npm install --no-audit --no-fund >/dev/null
node demo.e2e.mjs
