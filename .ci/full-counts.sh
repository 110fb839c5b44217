#!/usr/bin/env bash
# Runs the Java test suites with the full counts the stress and race tests name
# (-Dtransports.full=true: e.g. 10 s of proposals racing host writes, 10 s of flushes racing writers),
# and prints the figures those tests report. Long; the default counts in ./test.sh keep CI short.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
mvn -B -q -fae verify -Dtransports.full=true -Dstyle.color=never "$@" 2>&1 | tee "$log" || status=$?
echo
echo "=== figures ==="
grep -oE '(proposals racing|flush racing) .*' "$log" || echo "(no figures printed)"
exit $status
