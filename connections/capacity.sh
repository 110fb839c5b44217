#!/usr/bin/env bash
# Capacity on one process, side by side with the Python reference (prints numbers, never pass/fail):
# a host changes one field 100 times a second; the JSON WebSocket clients (all in one JVM, the JDK's
# java.net.http) are stepped up through STEPS until the p99 latency from mutation to receipt passes
# LIMIT_MS (or clients fail to connect or are dropped); the capacity is the last step under the limit.
# Servers: the Java one (embedded Jetty, sync loop at 10 ms, default Limits) and the Python transports
# 0.10.0 Server (Starlette + uvicorn, autosync at its defaults) from the worktree's .venv (./install.sh).
# Then the issue-10 write load: CLIENTS_W clients of which WRITERS send WRITE_RATE proposals a second
# each, no host mutation: accepted writes per second and p99 from a proposal to each receipt.
# Loopback only. Usage: connections/capacity.sh   (STEPS="250 500 1000 2000 4000" LIMIT_MS=100 SECONDS_MEASURED=10
# PARTS="capacity writes" SERVERS="java python" CLIENTS_W=1000 WRITERS=100 WRITE_RATE=10)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
steps="${STEPS:-250 500 1000 2000 4000 8000}"
limit_ms="${LIMIT_MS:-100}"
seconds="${SECONDS_MEASURED:-10}"
warmup="${WARMUP:-5}"
clients_w="${CLIENTS_W:-1000}"
writers="${WRITERS:-100}"
write_rate="${WRITE_RATE:-10}"
venv="${VENV:-$root/.venv}"
parts="${PARTS:-capacity writes}" # either or both
servers="${SERVERS:-java python}"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 65536 2>/dev/null || true

cp="$(connections/build-classpath.sh)"
"$venv/bin/python" -c 'import transports, starlette, uvicorn, websockets' 2>/dev/null \
  || { echo "capacity: the reference package is not in $venv (run ./install.sh)"; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
out_file=connections/target/capacity.txt
: > "$out_file"

# one_run LABEL CLIENTS EXTRA_CLIENT_ARGS -- HOST_COMMAND...: a fresh host per run, the clients, its result line
one_run() {
  local label="$1" n="$2" extra="$3"; shift 4
  local log; log="$(mktemp)"
  "$@" >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do grep -q '^ready ' "$log" && break; sleep 0.1; done
  local url; url="$(grep '^ready ' "$log" | head -1 | cut -d' ' -f2)"
  if [ -z "$url" ]; then echo "$label: host did not start"; cat "$log"; kill "$pid" 2>/dev/null; return 1; fi
  # shellcheck disable=SC2086
  timeout 300 java -Xss256k -cp "$cp" io.transports.connections.bench.FanOutClients --url "$url" --clients "$n" \
    --seconds "$seconds" --warmup "$warmup" --label "$label" $extra 2>/dev/null \
    || echo "$label: clients=$n failed (could not connect or timed out)"
  grep '^heap ' "$log" | tail -1 | sed "s/^/$label: /" || true
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  rm -f "$log"
}

value() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

sweep() { # LABEL HOST_COMMAND...: step the client count until p99 passes the limit
  local label="$1"; shift
  local capacity=0
  for n in $steps; do
    local line; line="$(one_run "$label" "$n" "" -- "$@" | tee -a "$out_file" | grep -v '^.*: heap' | tail -1)"
    echo "$line"
    local p99; p99="$(value p99_ms "$line")"; local closed; closed="$(value closed "$line")"
    if [ -z "$p99" ] || [ "$closed" != "0" ] || awk -v p="$p99" -v l="$limit_ms" 'BEGIN { exit !(p > l || p != p) }'; then
      echo "$label: p99 passed ${limit_ms} ms (or clients failed) at $n clients"
      break
    fi
    capacity="$n"
  done
  echo "capacity $label: $capacity clients with p99 under ${limit_ms} ms" | tee -a "$out_file"
}

echo "capacity: host mutating 100/s, steps $steps, limit p99 ${limit_ms} ms, ${seconds}s measured; $(nproc) cores;" \
  "load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); $("$venv/bin/python" --version)"
has() { [[ " $1 " == *" $2 "* ]]; }
if has "$parts" capacity; then
  has "$servers" java && sweep java-10ms java -cp "$cp" io.transports.connections.bench.FanOutHost --port "$(free_port)" --interval-ms 10
  has "$servers" python && sweep python-autosync "$venv/bin/python" connections/src/test/bench/python_host.py "$(free_port)"
fi
if has "$parts" writes; then
  echo "writes: $clients_w clients, $writers writing $write_rate proposals/s each (no host mutation)"
  has "$servers" java && one_run java-10ms-writes "$clients_w" "--writers $writers --write-rate $write_rate" -- \
    java -cp "$cp" io.transports.connections.bench.FanOutHost --port "$(free_port)" --interval-ms 10 --rate 0 | tee -a "$out_file"
  has "$servers" python && one_run python-autosync-writes "$clients_w" "--writers $writers --write-rate $write_rate" -- \
    "$venv/bin/python" connections/src/test/bench/python_host.py "$(free_port)" 0 | tee -a "$out_file"
fi
true
