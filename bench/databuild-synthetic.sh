#!/usr/bin/env bash
# The default build at scale. Usage: bench/databuild-synthetic.sh [DB_EXPERTS] [HOUSEHOLD_EXPERTS_PER_STYLE]
# Generates the experts and their negatives (timed apart; a third argument DIR reuses an earlier run's data), then the whole build with replays, gate, exports and
# token lengths; prints examples/s, wall time and peak heap. Defaults (3000, 21000) give about 103,000 trajectories.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-java.sh
./mvnw -B -q -ntp -DskipTests test-compile
./mvnw -B -q -ntp dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null
exec "$JAVA_HOME/bin/java" ${KAIZEN_BENCH_XMX:--Xmx2g} -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" kaizen.bench.SyntheticBuildBench "$@"
