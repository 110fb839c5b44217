#!/usr/bin/env bash
# Runs the end-to-end tests of the demos in Debian's Chromium (apt-get install -y chromium) with
# playwright-core: builds the widget bundle and compiles core and connections (build-classpath.sh), installs the
# e2e scripts' one npm dependency, then runs demo.e2e.mjs (the Lamp demo) and crdt.e2e.mjs (the shared
# note: two typists at once, one offline and back). Exit code 0 means every check of both passed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export TRANSPORTS_CLASSPATH="$(connections/build-classpath.sh)"
export TRANSPORTS_E2E_OUT="$root/connections/target/e2e"
cd connections/src/test/e2e
[ -d node_modules/playwright-core ] || npm install --no-audit --no-fund >/dev/null
# both scripts print 'N passed, N failed' lines; the summary line adds them up for the CI tally
log=$(mktemp)
trap 'rm -f "$log"' EXIT
node demo.e2e.mjs | tee "$log"
node crdt.e2e.mjs | tee -a "$log"
awk '/^(crdt )?e2e: [0-9]+ passed, [0-9]+ failed$/ { p += $(NF-3); f += $(NF-1) }
     END { printf "connections e2e, both demos: %d passed, %d failed\n", p, f }' "$log"
