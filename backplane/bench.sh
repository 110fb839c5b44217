#!/usr/bin/env bash
# Backplane benchmark on loopback (prints numbers, never pass/fail): a Java host changes one model 100
# times a second through Redis; 1, 2 and 4 web processes (separate JVMs) serve it over WebSocket to
# CLIENTS (default 400) JSON clients in one JVM, spread evenly. Prints delivered patches/s and median/p99
# latency from mutation to receipt for each process count, and the heap each web process holds per
# connection (after GC). Starts its own redis-server on a free port. Up to 10,000 clients (issue 11):
# CLIENTS=10000 backplane/bench.sh; the open-file limit is raised to the hard limit, and each web
# process gets WEB_HEAP (default 384m; 1g for 10,000 connections on one process).
set -euo pipefail
ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 65536 2>/dev/null || true
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
clients="${CLIENTS:-400}"
seconds="${SECONDS_MEASURED:-10}"
counts="${PROCESSES:-1 2 4}"
web_heap="${WEB_HEAP:-384m}"
mvn -q -B -o -Dstyle.color=never -pl backplane -am test-compile >&2 # offline: everything it needs is there once the project has been built
mvn -q -B -o -Dstyle.color=never -pl backplane dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test >&2
cp="$root/backplane/target/test-classes:$root/backplane/target/classes:$root/core/target/classes:$root/connections/target/classes:$(cat backplane/target/test.classpath)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
tmp="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
await_line() { for _ in $(seq 1 600); do grep -q "^$2" "$1" && return 0; sleep 0.1; done; echo "no '$2' in $1:"; cat "$1"; exit 1; }

echo "backplane fan-out: $clients clients in total, host mutating 100/s through Redis, ${seconds}s measured; $(nproc) cores; $(java -version 2>&1 | head -1); $(redis-server --version | cut -d' ' -f3)"
for n in $counts; do
  port="$(free_port)"; mkdir -p "$tmp/redis-$n"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$tmp/redis-$n" --save "" --appendonly no >"$tmp/redis-$n.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done
  url="redis://127.0.0.1:$port/0"
  java -Xmx256m -cp "$cp" io.transports.backplane.bench.BenchHost "$url" >"$tmp/host-$n.log" 2>&1 &
  pids+=($!)
  await_line "$tmp/host-$n.log" ready
  urls=()
  for i in $(seq 1 "$n"); do
    java -Xmx"$web_heap" -cp "$cp" io.transports.backplane.bench.BenchWebProcess "$url" >"$tmp/web-$n-$i.log" 2>&1 &
    pids+=($!)
  done
  for i in $(seq 1 "$n"); do await_line "$tmp/web-$n-$i.log" ready; urls+=("$(grep '^ready ' "$tmp/web-$n-$i.log" | head -1 | cut -d' ' -f2)"); done
  line="$(java -Xss256k -cp "$cp" io.transports.backplane.bench.BenchClients "$(IFS=,; echo "${urls[*]}")" "$clients" "$seconds" 5 "processes-$n")"
  # a web process weighs its heap once its connection count held still for 3 s; an overloaded one whose
  # connections are cut and reopened never does, and its figure is n/a (the line is printed anyway)
  per_conn="$(for i in $(seq 1 "$n"); do grep -h '^heap ' "$tmp/web-$n-$i.log" | sed 's/.*bytes_per_connection=//' || true; done | awk '{ s += $1; c++ } END { if (c) printf "%.0f", s / c; else print "n/a" }')"
  echo "$line heap_per_connection_bytes=$per_conn"
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
done
