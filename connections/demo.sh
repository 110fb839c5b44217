#!/usr/bin/env bash
# Runs the connections demo: builds the widget bundle if it is missing, compiles core and connections,
# then starts embedded Jetty on loopback and prints the URL. Arguments go to DemoServer
# (--port N, default 8080; 0 picks a free port).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ ! -f widget-js/dist/widget.js ]; then
  (cd widget-js && npm ci --no-audit --no-fund >/dev/null && npm run build >/dev/null)
fi
mvn -q -pl connections -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
cp="connections/target/test-classes:connections/target/classes:$(cat connections/target/test.classpath)"
exec java -cp "$cp" io.transports.connections.demo.DemoServer "$@"
