#!/usr/bin/env bash
# Shared by demo.sh and e2e.sh: builds the widget bundle (installing its npm packages if missing, and
# rebuilding every time so a page never runs a stale bundle), then packages core, connections and serve,
# and prints the path of serve/target/transports-serve-all.jar (everything in one jar: the demos, Jetty,
# the page and the bundle). Run from the repository root.
set -euo pipefail
(
  cd widget-js
  [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null
  npm run build >/dev/null
) >&2
mvn -q -B -Dstyle.color=never -pl serve -am package -DskipTests >&2
echo "$(pwd)/serve/target/transports-serve-all.jar"
