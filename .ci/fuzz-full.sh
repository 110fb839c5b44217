#!/usr/bin/env bash
# The full-count codec fuzz (issue 9): Server.recv with 100,000 random and mutated frames per codec
# (RecvFuzzTest with -Dtransports.full=true; ./test.sh runs 5,000 per codec). Prints the counts per codec.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl core -am verify -Dtest='RecvFuzzTest' -Dsurefire.failIfNoSpecifiedTests=false -Dtransports.full=true \
  | grep -oE 'recv fuzz .*' || { echo "the full fuzz failed: see core/target/surefire-reports" >&2; exit 1; }
