#!/usr/bin/env bash
# Runs the connections demo: builds the widget bundle and compiles core and connections
# (build-classpath.sh), then starts embedded Jetty on loopback and prints the URL. Arguments go to DemoServer
# (--port N, default 8080; 0 picks a free port).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cp="$(connections/build-classpath.sh)"
exec java -cp "$cp" io.transports.connections.demo.DemoServer "$@"
