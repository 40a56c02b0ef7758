#!/usr/bin/env bash
# Synthetic DBBench generation benchmark. Usage: bench/datagen.sh [COUNT]
# Prints tasks+trajectories per second at concurrency 1, 2, 4 and 8 after a 220-task warm-up.
exec "$(dirname "$0")/run-java.sh" 1g kaizen.bench.DbBenchGenBench "$@"
