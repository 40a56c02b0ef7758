#!/usr/bin/env bash
# ALFWorld PDDL engine benchmark. Usage: bench/alfworld-pddl.sh [STEPS_PER_GAME]
# Prints load+reset and step times over the 340 shared games (text generation not included).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-java.sh
./mvnw -B -q -ntp -DskipTests test-compile
./mvnw -B -q -ntp dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" kaizen.bench.AlfworldPddlBench "$@"
