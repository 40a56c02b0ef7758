#!/usr/bin/env bash
# Household world + trajectory generation benchmark. Usage: bench/household.sh [COUNT]
# Prints worlds+trajectories per second (ReAct and StateAct, 3 rounds each) after a warm-up.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-java.sh
./mvnw -B -q -ntp -DskipTests test-compile
./mvnw -B -q -ntp dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" kaizen.bench.HouseholdGenBench "$@"
