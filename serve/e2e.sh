#!/usr/bin/env bash
# Runs the end-to-end tests of Serve and the demos in Debian's Chromium (apt-get install -y chromium) with
# playwright-core: builds the widget bundle and the all-in-one serve jar (build-jar.sh), installs the e2e
# scripts' one npm dependency, then runs serve.e2e.mjs (the README's JShell lines: a session and a hub
# served in one call), demo.e2e.mjs (the Lamp demo) and crdt.e2e.mjs (the shared note: two typists at
# once, one offline and back; presence of three pages and a Python peer). Exit code 0 means every check
# of all three passed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export TRANSPORTS_CLASSPATH="$(serve/build-jar.sh)"
export TRANSPORTS_E2E_OUT="$root/serve/target/e2e"
cd serve/src/test/e2e
[ -d node_modules/playwright-core ] || npm install --no-audit --no-fund >/dev/null
# every script prints an 'N passed, N failed' line; the summary line adds them up for the CI tally
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
for script in serve.e2e.mjs demo.e2e.mjs crdt.e2e.mjs; do
  node "$script" | tee -a "$log" || status=1
done
awk '/^(serve |crdt )?e2e: [0-9]+ passed, [0-9]+ failed$/ { p += $(NF-3); f += $(NF-1) }
     END { printf "serve e2e, Serve and both demos: %d passed, %d failed\n", p, f }' "$log"
exit $status
