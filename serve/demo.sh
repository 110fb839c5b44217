#!/usr/bin/env bash
# Runs the demo: builds the widget bundle and the all-in-one serve jar (build-jar.sh), then starts it on
# loopback (Serve: embedded Jetty) and prints the URL. Arguments go to DemoServer (--port N, default
# 8080; 0 picks a free port). With --notes first it runs NotesServer instead: the shared-note page
# (notes.html?tenant=NAME), a collaborative text every tenant edits.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
jar="$(serve/build-jar.sh)"
main=io.transports.serve.demo.DemoServer
if [ "${1:-}" = "--notes" ]; then main=io.transports.serve.demo.NotesServer; shift; fi
exec java -cp "$jar" "$main" "$@"
