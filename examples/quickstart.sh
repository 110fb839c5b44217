#!/usr/bin/env bash
# Builds the core (if needed) and runs examples/Quickstart.java as a single-file program.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=core/target/transports-core-0.1.0-SNAPSHOT.jar
[ -f "$jar" ] || mvn -B -q -Dstyle.color=never -DskipTests install -pl core -am
[ -f core/target/classpath.txt ] || mvn -B -q -Dstyle.color=never dependency:build-classpath -pl core -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec java -cp "$jar:$(cat core/target/classpath.txt)" examples/Quickstart.java
