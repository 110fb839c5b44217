#!/usr/bin/env bash
# Runs the end-to-end test of the demo in Debian's Chromium (apt-get install -y chromium) with
# playwright-core: builds the widget bundle if missing, compiles core and connections, installs the
# e2e script's one npm dependency, then runs it. Exit code 0 means every check passed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ ! -f widget-js/dist/widget.js ]; then
  (cd widget-js && npm ci --no-audit --no-fund >/dev/null && npm run build >/dev/null)
fi
mvn -q -pl connections -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
export TRANSPORTS_CLASSPATH="$root/connections/target/test-classes:$root/connections/target/classes:$(cat connections/target/test.classpath)"
export TRANSPORTS_E2E_OUT="$root/connections/target/e2e"
cd connections/src/test/e2e
[ -d node_modules/playwright-core ] || npm install --no-audit --no-fund >/dev/null
node demo.e2e.mjs
