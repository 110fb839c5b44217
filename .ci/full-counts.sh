#!/usr/bin/env bash
# Runs the Java test suites with the full counts the stress, race and fuzz tests name
# (-Dtransports.full=true: 10,000 updates in the resume storm, 100,000 frames per codec into
# Server.recv, 10 s of proposals racing host writes, 10 s of flushes racing writers; the backplane's
# kill -9 of a web process during 10,000 updates, 2,000 writes per concurrent writer), and prints the
# figures those tests report. Long (about 15 minutes on 2 cores); ./test.sh runs the default counts.
# Extra arguments go to Maven, e.g. -Dtest=RecvFuzzTest -Dsurefire.failIfNoSpecifiedTests=false.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
mvn -B -q -fae verify -Dtransports.full=true -Dstyle.color=never "$@" 2>&1 | tee "$log" || status=$?
echo
echo "=== figures ==="
grep -oE '(resume storm|recv fuzz|proposals racing|flush racing|kill -9 of a web process|SIGSTOP of the lease holder|concurrent writers|redis restart)[: ].*' "$log" \
  || echo "(no figures printed)"
exit $status
