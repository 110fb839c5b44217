#!/usr/bin/env bash
# Runs the connections demo: builds the widget bundle and compiles core and connections
# (build-classpath.sh), then starts embedded Jetty on loopback and prints the URL. Arguments go to DemoServer
# (--port N, default 8080; 0 picks a free port). With --notes first it runs NotesServer instead: the
# shared-note page (notes.html?tenant=NAME), a collaborative text every tenant edits.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cp="$(connections/build-classpath.sh)"
main=io.transports.connections.demo.DemoServer
if [ "${1:-}" = "--notes" ]; then main=io.transports.connections.demo.NotesServer; shift; fi
exec java -cp "$cp" "$main" "$@"
