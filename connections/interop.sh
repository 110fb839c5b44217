#!/usr/bin/env bash
# Interop with the Python transports package (0.10.0, in a throwaway virtualenv VENV, default
# /tmp/transports-bench-venv): a Java TransportsClient mirrors and edits a Python server, and a Python
# Client mirrors and edits the Java demo server, each in JSON and MessagePack. Exit code 0 = all passed.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
venv="${VENV:-/tmp/transports-bench-venv}"
cp="$(connections/build-classpath.sh)" || exit 1
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q transports==0.10.0 starlette uvicorn websockets pydantic
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
failed=0
check() { local what="$1"; shift; if "$@"; then echo "ok   $what"; else echo "FAIL $what"; failed=$((failed + 1)); fi; }
wait_line() { for _ in $(seq 1 600); do grep -q "$2" "$1" && return 0; sleep 0.1; done; cat "$1"; return 1; }

log="$(mktemp)"
"$venv/bin/python" connections/src/test/interop/python_host.py "$(free_port)" >"$log" 2>&1 &
pids+=($!)
wait_line "$log" '^ready '
read -r _ ws state < <(grep '^ready ' "$log")
check "Java client (json) mirrors and edits the Python server" \
  java -cp "$cp" io.transports.connections.interop.JavaMirror "$ws" "$state" json "renamed from java json"
check "Java client (msgpack) mirrors and edits the Python server" \
  java -cp "$cp" io.transports.connections.interop.JavaMirror "$ws" "$state" msgpack "renamed from java msgpack"

log2="$(mktemp)"
java -cp "$cp" io.transports.connections.demo.DemoServer --port "$(free_port)" >"$log2" 2>&1 &
pids+=($!)
wait_line "$log2" 'transports demo: '
http="$(grep -o 'transports demo: http://[^ ]*' "$log2" | cut -d' ' -f3)"
ws2="ws://${http#http://}transports"
check "Python client (json) mirrors and edits the Java server" \
  "$venv/bin/python" connections/src/test/interop/python_mirror.py "$ws2" json "renamed from python json"
check "the Java object holds the Python client's edit" \
  bash -c "curl -s '${http}state' | grep -q 'renamed from python json'"
check "Python client (msgpack) mirrors and edits the Java server" \
  "$venv/bin/python" connections/src/test/interop/python_mirror.py "$ws2" msgpack "renamed from python msgpack"
if [ "$failed" -eq 0 ]; then echo "interop: all checks passed"; else echo "interop: $failed check(s) failed"; exit 1; fi
