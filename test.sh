#!/usr/bin/env bash
# Runs every test of the project: the Java modules (JUnit, jqwik, real sockets), the TypeScript
# client and view, the real JJava kernel tests, and the browser end-to-end tests.
# Needs ./install.sh to have run once (it builds everything and creates .venv).
# Outside CI a missing Chromium skips the browser tests with a message; with CI=true they must run.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
summary=()

step() { echo; echo "=== $* ==="; }

step "Java modules (mvn verify)"
mvn -B -q -fae verify -Dstyle.color=never 2>&1 | tee /tmp/transports-mvn.log | grep -vE '^\s*$' || { echo "Java tests failed"; exit 1; }
java_line=$(python3 "$root/.ci/surefire_totals.py" "$root")
summary+=("java: $java_line")

if [ -f widget-js/package.json ]; then
  step "TypeScript client and view (npm test)"
  (cd widget-js && npm test)
  summary+=("widget-js: ok")
fi

if [ -x .ci/kernel-tests.sh ]; then
  step "JJava kernel tests"
  .ci/kernel-tests.sh
  summary+=("kernel: ok")
fi

if [ -x .ci/browser-tests.sh ]; then
  step "Browser end-to-end tests"
  chromium_bin=${CHROMIUM:-/usr/bin/chromium}
  if [ -x "$chromium_bin" ]; then
    .ci/browser-tests.sh
    summary+=("browser: ok")
  elif [ "${CI:-}" = "true" ]; then
    echo "CI=true but no Chromium at $chromium_bin: the browser tests must run in CI"; exit 1
  else
    echo "SKIPPED: no Chromium at $chromium_bin (apt-get install chromium, or set CHROMIUM); browser tests not run"
    summary+=("browser: SKIPPED (no Chromium)")
  fi
fi

echo
echo "=== summary ==="
printf '%s\n' "${summary[@]}"
