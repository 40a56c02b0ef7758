#!/usr/bin/env bash
# DBBench environment and harness benchmark. Usage: bench/dbbench.sh [EPISODES] [CONCURRENCY]
# Prints set-up/tear-down medians and the 1000-episode run against a 20 ms fake model.
# With "harness" as the third argument: only the runner + HTTP client + fake server, 3 warm-up
# rounds then 5 measured rounds (no database).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-java.sh
./mvnw -B -q -ntp -DskipTests test-compile
./mvnw -B -q -ntp dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null
exec "$JAVA_HOME/bin/java" -Xmx2g -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" kaizen.bench.DbBenchBench "$@"
