#!/usr/bin/env bash
# Runs every test of the project: the Java modules (JUnit, jqwik, real sockets on loopback), interop
# with the Python transports package 0.10.0 (both directions, JSON and MessagePack), the TypeScript
# client and view, the real JJava kernel tests, and the browser end-to-end tests.
# Needs ./install.sh to have run once (it builds everything and creates .venv).
# Outside CI a missing Chromium skips the browser tests with a message; with CI=true they must run.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
tallies=()

step() { echo; echo "=== $* ==="; }

step "Java modules (mvn verify)"
rm -rf ./*/target/surefire-reports
mvn -B -q -fae verify -Dstyle.color=never

if [ -x connections/interop.sh ]; then
  step "Interop with the Python transports 0.10.0 (connections/interop.sh)"
  connections/interop.sh 2>&1 | tee "$logs/interop.log"
  tallies+=("interop=$logs/interop.log")
fi

if [ -f widget-js/package.json ]; then
  step "TypeScript client and view (npm test)"
  (cd widget-js && npm test) 2>&1 | tee "$logs/widget.log"
  tallies+=("widget-js=$logs/widget.log")
fi

if [ -x .ci/kernel-tests.sh ]; then
  step "JJava kernel and notebook tests"
  .ci/kernel-tests.sh 2>&1 | tee "$logs/kernel.log"
  tallies+=("kernel=$logs/kernel.log")
fi

for suite in .ci/browser-tests.sh .ci/serve-e2e.sh; do
  [ -x "$suite" ] || continue
  name=$(basename "$suite" .sh)
  step "Browser end-to-end: $name"
  chromium_bin=${CHROMIUM:-/usr/bin/chromium}
  if [ -x "$chromium_bin" ]; then
    "$suite" 2>&1 | tee "$logs/$name.log"
    tallies+=("$name=$logs/$name.log")
  elif [ "${CI:-}" = "true" ]; then
    echo "CI=true but no Chromium at $chromium_bin: the browser tests must run in CI"; exit 1
  else
    echo "SKIPPED: no Chromium at $chromium_bin (apt-get install chromium, or set CHROMIUM); $name not run"
  fi
done

step "summary"
python3 "$root/.ci/tally.py" "$root" "${tallies[@]}"
