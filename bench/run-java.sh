#!/usr/bin/env bash
# Runs a benchmark class from the test sources: bench/run-java.sh HEAP CLASS [ARGS...]
# (compiles first; the classpath is the test classpath Maven resolves).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-java.sh
heap="$1" main="$2"
shift 2
./mvnw -B -q -ntp -DskipTests test-compile
./mvnw -B -q -ntp dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null
exec "$JAVA_HOME/bin/java" "-Xmx$heap" -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" "$main" "$@"
