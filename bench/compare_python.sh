#!/usr/bin/env bash
# Side by side: the same flush workload (a ~10,000-node catalog, one changed leaf per flush) in this
# library and in the Python transports package, which goes into a throwaway virtualenv under /tmp.
# Prints both medians and the ratio. Usage: bench/compare_python.sh [nodes]
set -euo pipefail
cd "$(dirname "$0")/.."
nodes=${1:-10000}
venv=${PY_TRANSPORTS_VENV:-/tmp/transports-python-venv}
if ! [ -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import transports, pydantic' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q transports==0.10.0 pydantic
fi
[ -f bench/target/benchmarks.jar ] || mvn -B -q -DskipTests install -pl bench -am
ours=$(java -cp bench/target/benchmarks.jar io.transports.bench.FlushTimer "$nodes")
theirs=$("$venv/bin/python" bench/python/flush_timer.py "$nodes")
ours_us=${ours#median_us=}; ours_us=${ours_us%% *}
theirs_us=${theirs#median_us=}; theirs_us=${theirs_us%% *}
echo "flush, one changed leaf, ~$nodes nodes"
echo "  java transports:   $ours"
echo "  python transports: $theirs"
python3 -c "print(f'  ratio (python / java median): {float(\"$theirs_us\") / float(\"$ours_us\"):.1f}x')"
