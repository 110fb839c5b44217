#!/usr/bin/env bash
# Checks that the Python reference (transports 0.10.0) accepts and refuses the same values and
# binary frames as spec/values.json and spec/frames.json say (the text rule, CBOR simple values and
# tags, map key types, lengths), and that its LwwMapCrdt and DeepLwwCrdt still end where spec/merge.json
# says (the Java core replays those writes through its own strategies in MergeReferenceVectorsTest).
# Installs it into a throwaway virtualenv, as bench/compare_python.sh does.
set -euo pipefail
cd "$(dirname "$0")"
venv=${PY_TRANSPORTS_VENV:-/tmp/transports-python-venv}
if ! [ -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import transports' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q transports==0.10.0 pydantic
fi
status=0
"$venv/bin/python" python_reference.py || status=1
"$venv/bin/python" merge_reference.py || status=1
# the CRDT reducer: fresh random edit streams from the reference, replayed by the Java tests
PY_TRANSPORTS_VENV="$venv" ./crdt/check_python_crdt.sh "${CRDT_SEED:-1}" "${CRDT_STREAMS:-50}" || status=1
exit $status
