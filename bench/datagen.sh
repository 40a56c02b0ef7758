#!/usr/bin/env bash
# Synthetic DBBench generation benchmark. Usage: bench/datagen.sh [COUNT]
# Prints tasks+trajectories per second at concurrency 1, 2, 4 and 8 after a 220-task warm-up.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-java.sh
./mvnw -B -q -ntp -DskipTests test-compile
./mvnw -B -q -ntp dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" kaizen.bench.DbBenchGenBench "$@"
