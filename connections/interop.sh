#!/usr/bin/env bash
# Interop with the Python transports package 0.10.0, the reference peer, in the project's .venv (install.sh
# installs it, pinned; VENV overrides). Both directions, in JSON and MessagePack, over real loopback sockets:
# - a Java TransportsClient mirrors and edits a Python Server, and awaits its proposals' futures against a
#   Python Server (echo, no-op echo, refusal) and a Python Hub's shared model (echo, ack);
# - Python Clients mirror and edit the Java demo server, and a Python managed Client's tagged proposals are
#   acknowledged (on_ack on the echo and on an ack frame), refused with their id (on_reject), and nothing
#   is reported abandoned when it disconnects;
# - batch frames (batch=1) both ways: a Java mirror reads a Python server's batches, a Python Client applies
#   a Java server's.
# - Python Clients as three tenants of our Java Hub (private models, a shared model written and refused,
#   on_ack on the echo and on an ack frame, awareness relayed and removed on close), and Java clients'
#   awareness through a Python Hub.
# Prints one "ok"/"FAIL" line per check and "interop: N passed, M failed"; exit code 0 = all passed.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
venv="${VENV:-$root/.venv}"
if ! "$venv/bin/python" -c 'import importlib.metadata as m, sys; sys.exit(m.version("transports") != "0.10.0")' 2>/dev/null; then
  echo "interop: transports 0.10.0 is not installed in $venv (run ./install.sh)"
  echo "interop: 0 passed, 1 failed"
  exit 1
fi
cp="$(connections/build-classpath.sh)" || { echo "interop: 0 passed, 1 failed (no class path)"; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
pids=()
logs=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -f "${logs[@]}"
}
trap cleanup EXIT
passed=0
failed=0
check() {
  local what="$1"; shift
  if "$@"; then echo "ok   $what"; passed=$((passed + 1)); else echo "FAIL $what"; failed=$((failed + 1)); fi
}
wait_line() { for _ in $(seq 1 600); do grep -q "$2" "$1" && return 0; sleep 0.1; done; cat "$1"; return 1; }

# --- Python host: a Server, then a Hub ------------------------------------------------------------
start_python_host() { # $1 = server|hub; sets ws and state
  local log; log="$(mktemp)"; logs+=("$log")
  "$venv/bin/python" connections/src/test/interop/python_host.py "$(free_port)" "$1" >"$log" 2>&1 &
  pids+=($!)
  wait_line "$log" '^ready ' || return 1
  read -r _ ws state < <(grep '^ready ' "$log")
}
java_run() { java -cp "$cp" "$@"; }

if start_python_host server; then
  for codec in json msgpack; do
    check "Java client ($codec) mirrors and edits the Python server" \
      java_run io.transports.connections.interop.JavaMirror "$ws" "$state" "$codec" "renamed from java $codec"
    check "Java client ($codec) proposals to the Python server complete their futures (echo, no-op, refusal)" \
      java_run io.transports.connections.interop.JavaProposals "$ws" "$codec" refuse
  done
else
  check "the Python server starts" false
fi
if start_python_host hub; then
  for codec in json msgpack; do
    check "Java client ($codec) proposals to a Python Hub's shared model complete their futures (echo, ack)" \
      java_run io.transports.connections.interop.JavaProposals "$ws" "$codec"
    check "Java clients' ($codec) awareness through a Python Hub: relayed with a peer id, removed on close" \
      java_run io.transports.connections.interop.JavaAwareness "$ws" "$codec"
  done
else
  check "the Python hub starts" false
fi

if start_python_host batch; then
  for codec in json msgpack; do
    check "Java mirror ($codec) asking for batch frames reads the Python server's batches" \
      java_run io.transports.connections.interop.JavaBatchMirror "$ws" "$codec"
  done
else
  check "the Python batch server starts" false
fi

# --- Java host: batch frames --------------------------------------------------------------------------
log3="$(mktemp)"; logs+=("$log3")
java -cp "$cp" io.transports.connections.interop.BatchHost "$(free_port)" >"$log3" 2>&1 & # java itself in the background (not a subshell running java_run), so cleanup kills it
pids+=($!)
if wait_line "$log3" '^ready '; then
  ws3="$(grep '^ready ' "$log3" | cut -d' ' -f2)"
  for codec in json msgpack; do
    check "Python client ($codec) asking with batch=1 applies the Java server's batch frames" \
      "$venv/bin/python" connections/src/test/interop/python_batch.py "$ws3" "$codec"
  done
else
  check "the Java batch host starts" false
fi

# --- Java host: the demo server (the serve module's all-in-one jar) ---------------------------------
log2="$(mktemp)"; logs+=("$log2")
serve_jar="$(serve/build-jar.sh)" || serve_jar=missing
java -cp "$serve_jar" io.transports.serve.demo.DemoServer --port "$(free_port)" >"$log2" 2>&1 & # java itself in the background (not a subshell), so cleanup kills it
pids+=($!)
if wait_line "$log2" 'transports demo: '; then
  http="$(grep -o 'transports demo: http://[^ ]*' "$log2" | cut -d' ' -f3)"
  ws2="ws://${http#http://}transports"
  for codec in json msgpack; do
    check "Python client ($codec) mirrors and edits the Java server" \
      "$venv/bin/python" connections/src/test/interop/python_mirror.py "$ws2" "$codec" "renamed from python $codec"
    check "the Java object holds the Python client's edit ($codec)" \
      bash -c "curl -s '${http}state' | grep -q 'renamed from python $codec'"
    check "Python client ($codec) proposals to the Java server are acknowledged (on_ack, ack, on_reject; nothing abandoned)" \
      "$venv/bin/python" connections/src/test/interop/python_acks.py "$ws2" "$codec"
  done
else
  check "the Java demo server starts" false
fi
# --- Java host: our Hub -------------------------------------------------------------------------------
log3="$(mktemp)"; logs+=("$log3")
java -cp "$cp" io.transports.connections.interop.JavaHubHost "$(free_port)" >"$log3" 2>&1 & # java itself in the background (not a subshell running java_run), so cleanup kills it
pids+=($!)
if wait_line "$log3" '^ready '; then
  read -r _ ws3 sid3 crdt3 < <(grep '^ready ' "$log3")
  for codec in json msgpack; do
    check "Python clients ($codec) as tenants of the Java Hub: isolation, shared write with on_ack, ack, a burst in patches spanning revisions, read-only refusal, awareness" \
      "$venv/bin/python" connections/src/test/interop/python_hub_clients.py "$ws3" "$sid3" "$codec"
    check "Python clients ($codec) on a CRDT text of the Java Hub: concurrent typing, read-only refusal, offline typing kept" \
      "$venv/bin/python" connections/src/test/interop/python_hub_crdt.py "$ws3" "$crdt3" "$codec"
  done
else
  check "the Java hub starts" false
fi
echo "interop: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
