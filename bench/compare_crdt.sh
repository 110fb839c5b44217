#!/usr/bin/env bash
# Side by side: the CRDT text workloads (10,000 sequence operations merged; a 100,000-character text
# edited by 10 writers) in this library and in the Python transports package, on the very same
# operations (CrdtTimer writes them, python/crdt_timer.py replays them). Prints both.
# Usage: bench/compare_crdt.sh [MAX_SINGLE]  (caps the Python one-operation-per-call runs; default 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${PY_TRANSPORTS_VENV:-}
if [ -z "$venv" ]; then
  if [ -x .venv/bin/python ] && .venv/bin/python -c 'import transports' 2>/dev/null; then venv=.venv; else venv=/tmp/transports-python-venv; fi
fi
if ! [ -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import transports' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q transports==0.10.0 pydantic
fi
[ -f bench/target/benchmarks.jar ] || mvn -B -q -o -DskipTests package -pl bench -am
ops="$(mktemp -d)/crdt_ops.json"
trap 'rm -rf "$(dirname "$ops")"' EXIT
echo "java transports:"
java -cp bench/target/benchmarks.jar io.transports.bench.CrdtTimer "$ops" | sed 's/^/  /'
echo "python transports 0.10.0:"
"$venv/bin/python" bench/python/crdt_timer.py "$ops" "${1:-2000}" | sed 's/^/  /'
