#!/usr/bin/env bash
# Shared by demo.sh and e2e.sh: builds the widget bundle (installing its npm packages if missing, and
# rebuilding every time so a page never runs a stale bundle), compiles core and connections, and
# prints the class path of the connections test classes (the demo lives there, beside embedded Jetty).
# Run from the repository root.
set -euo pipefail
(
  cd widget-js
  [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null
  npm run build >/dev/null
) >&2
mvn -q -Dstyle.color=never -pl connections -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test >&2
echo "$(pwd)/connections/target/test-classes:$(pwd)/connections/target/classes:$(cat connections/target/test.classpath)"
