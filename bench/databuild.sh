#!/usr/bin/env bash
# Dataset build benchmark. Usage: bench/databuild.sh [COUNT]
# Prints decontamination gate throughput and whole-build throughput (examples/s) on COUNT generated trajectories.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-java.sh
./mvnw -B -q -ntp -DskipTests test-compile
./mvnw -B -q -ntp dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null
exec "$JAVA_HOME/bin/java" -Xmx2g -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" kaizen.bench.DataBuildBench "$@"
