#!/usr/bin/env bash
# Fan-out benchmark on loopback (prints numbers, never pass/fail): a host changes one field 100 times a
# second and CLIENTS (default 500) JSON WebSocket clients in one JVM receive the patches; reports
# delivered patches/s and median/p99 latency from mutation to receipt. Runs the Java server (sync loop at
# 10 ms and at the default 50 ms) and the Python transports 0.10.0 server (Starlette + uvicorn, autosync
# at its default 10 ms) in a throwaway virtualenv (VENV, default /tmp/transports-bench-venv).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
clients="${CLIENTS:-500}"
seconds="${SECONDS_MEASURED:-15}"
venv="${VENV:-/tmp/transports-bench-venv}"

cp="$(connections/build-classpath.sh)"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q transports==0.10.0 starlette uvicorn websockets pydantic
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# run_case LABEL COMMAND...: start a host, wait for its "ready <url>" line, run the clients, stop it
run_case() {
  local label="$1"; shift
  local out; out="$(mktemp)"
  "$@" >"$out" 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do grep -q '^ready ' "$out" && break; sleep 0.1; done
  local url; url="$(grep '^ready ' "$out" | head -1 | cut -d' ' -f2)"
  if [ -z "$url" ]; then echo "$label: host did not start"; cat "$out"; kill "$pid"; return 1; fi
  java -cp "$cp" io.transports.connections.bench.FanOutClients --url "$url" --clients "$clients" \
    --seconds "$seconds" --warmup 5 --label "$label" | tee -a connections/target/bench.txt
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -f "$out"
}

: > connections/target/bench.txt
echo "fan-out: $clients clients, host mutating 100/s, ${seconds}s measured; $(nproc) cores; $(java -version 2>&1 | head -1)"
run_case "java-10ms" java -cp "$cp" io.transports.connections.bench.FanOutHost --port "$(free_port)" --interval-ms 10
run_case "java-50ms" java -cp "$cp" io.transports.connections.bench.FanOutHost --port "$(free_port)" --interval-ms 50
run_case "python-autosync" "$venv/bin/python" connections/src/test/bench/python_host.py "$(free_port)"

awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[$1, kv[1]] = kv[2] } names[++n] = $1 }
  END {
    printf "\n| server | patches/s delivered | per client/s | median ms | p99 ms |\n|---|---|---|---|---|\n"
    for (i = 1; i <= n; i++) { k = names[i]; printf "| %s | %s | %s | %s | %s |\n", substr(k, 1, length(k) - 1), v[k, "patches_per_s"], v[k, "per_client_per_s"], v[k, "median_ms"], v[k, "p99_ms"] }
    j = "java-10ms:"; p = "python-autosync:"
    if (v[p, "patches_per_s"] > 0 && v[j, "median_ms"] > 0)
      printf "\nratio java-10ms / python: patches/s %.2fx, median latency %.2fx lower, p99 latency %.2fx lower\n",
        v[j, "patches_per_s"] / v[p, "patches_per_s"], v[p, "median_ms"] / v[j, "median_ms"], v[p, "p99_ms"] / v[j, "p99_ms"]
  }' connections/target/bench.txt
