#!/usr/bin/env bash
# Live cross-check of the Java CRDT reducer against the reference one (the Python transports 0.10.0
# package, its compiled CrdtDocument): the reference makes COUNT fresh random edit streams from SEED
# (python_streams.py), and the Java tests replay them (core PythonStreamsTest with -Dcrdt.streams):
# the same operations from the same edits, the same values, and the same state text byte for byte.
# Usage: spec/crdt/check_python_crdt.sh [SEED] [COUNT]   (defaults: a seed from the clock, 200)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seed=${1:-$(date +%s)}
count=${2:-200}
venv=${PY_TRANSPORTS_VENV:-}
if [ -z "$venv" ]; then
  if [ -x "$root/.venv/bin/python" ] && "$root/.venv/bin/python" -c 'import transports' 2>/dev/null; then venv="$root/.venv"
  else venv=/tmp/transports-python-venv; fi
fi
if ! [ -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import transports' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q transports==0.10.0 pydantic
fi
out="$(mktemp -d)/streams.json"
trap 'rm -rf "$(dirname "$out")"' EXIT
"$venv/bin/python" "$here/python_streams.py" "$seed" "$count" "$out"
cd "$root"
mvn -q -B -o -pl core -am test -Dtest=PythonStreamsTest -Dsurefire.failIfNoSpecifiedTests=false -Dcrdt.streams="$out"
echo "CRDT cross-check: $count reference streams from seed $seed replayed with the same operations, values and state bytes"
