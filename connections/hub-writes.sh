#!/usr/bin/env bash
# Many writers on ONE shared model through a Hub, side by side with the Python reference's Hub (prints
# numbers, never pass/fail): CLIENTS JSON WebSocket clients (one JVM, the JDK's java.net.http), WRITERS
# of them proposing WRITE_RATE writes a second each, once per merge strategy — LastWriteWins, LwwMap,
# DeepLww, SequenceCrdt (the reference has no sequence strategy for patches: Java only). Per run: the
# merged writes per second (merged_writes_per_s: the rise of the model's revision as the host itself
# reports it, over the clients' measuring window) and the latency (median, p99) from a writer's
# proposal to each client's receipt of that write (a write a later Set of the same key made redundant
# before it was sent is not received, so not counted). Hosts: our Hub (connections
# HubWritesHost: embedded Jetty, sync loop at INTERVAL_MS, default Limits) and the reference's Hub
# (Starlette + uvicorn, autosync at its defaults) from the worktree's .venv (./install.sh). The load
# average is printed beside every run: the figures are only as good as the machine was quiet.
# Loopback only. Usage: connections/hub-writes.sh   (STRATEGIES="lww lwwmap deep seq" SERVERS="java python"
# CLIENTS=1000 WRITERS=100 WRITE_RATE=10 SECONDS_MEASURED=10 WARMUP=5 INTERVAL_MS=10)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
strategies="${STRATEGIES:-lww lwwmap deep seq}"
servers="${SERVERS:-java python}"
clients="${CLIENTS:-1000}"
writers="${WRITERS:-100}"
write_rate="${WRITE_RATE:-10}"
seconds="${SECONDS_MEASURED:-10}"
warmup="${WARMUP:-5}"
interval_ms="${INTERVAL_MS:-10}"
venv="${VENV:-$root/.venv}"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 65536 2>/dev/null || true

cp="${CP:-$(connections/build-classpath.sh)}"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
has() { [[ " $1 " == *" $2 "* ]]; }
shape_of() { case "$1" in lww|lwwmap) echo flat ;; deep) echo deep ;; seq) echo seq ;; esac; }

# run LABEL STRATEGY -- HOST_COMMAND...: a fresh host, the clients, one result line with the load average
run() {
  local label="$1" strategy="$2"; shift 3
  local log; log="$(mktemp)"
  "$@" >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do grep -q '^ready ' "$log" && break; sleep 0.1; done
  local url id; read -r _ url id < <(grep '^ready ' "$log" | head -1) || true
  if [ -z "${url:-}" ]; then echo "$label: host did not start"; cat "$log"; kill "$pid" 2>/dev/null; rm -f "$log"; return 0; fi
  local line
  line="$(timeout 300 java -Xss256k -cp "$cp" io.transports.connections.bench.FanOutClients --url "$url" --clients "$clients" \
    --seconds "$seconds" --warmup "$warmup" --label "$label" --writers "$writers" --write-rate "$write_rate" \
    --shape "$(shape_of "$strategy")" --model "$id" 2>/dev/null)" || line="$label: failed (could not connect or timed out)"
  # merged writes per second where they happen: the host's revision over the clients' measuring window
  local window merged=""
  window="$(sed -n 's/.* window_ms=\([0-9]*-[0-9]*\).*/\1/p' <<<"$line")"
  if [ -n "$window" ]; then
    merged="$(awk -v from="${window%-*}" -v to="${window#*-}" '$1 == "rev" {
        if ($2 <= from) a = $3; if ($2 <= to) b = $3 }
      END { if (a != "" && b != "") printf "%.0f", (b - a) * 1000 / (to - from) }' "$log")"
  fi
  echo "$line merged_writes_per_s=${merged:-?} load=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ',')"
  local problems; problems="$(grep -c 'host: ' "$log" || true)"
  [ "$problems" = 0 ] || echo "$label: the host logged $problems lines, e.g. $(grep -m1 'host: ' "$log")"
  kill "$pid" 2>/dev/null || true # a host still draining a backlog may not stop on TERM: give it 10 s, then KILL
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  rm -f "$log"
}

echo "hub-writes: $clients clients, $writers writing $write_rate proposals/s each on one shared model; ${seconds}s measured;" \
  "$(nproc) cores; $(uptime | sed 's/.*load/load/'); $(java -version 2>&1 | head -1)"
for s in $strategies; do
  has "$servers" java && run "java-hub-$s" "$s" -- java -cp "$cp" io.transports.connections.bench.HubWritesHost \
    --port "$(free_port)" --interval-ms "$interval_ms" --strategy "$s" --writers "$writers"
  if has "$servers" python && [ "$s" != seq ]; then
    run "python-hub-$s" "$s" -- "$venv/bin/python" connections/src/test/bench/python_hub_host.py "$(free_port)" "$s" "$writers"
  fi
done
true
