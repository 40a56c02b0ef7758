#!/usr/bin/env bash
# DBBench environment and harness benchmark. Usage: bench/dbbench.sh [EPISODES] [CONCURRENCY]
# Prints set-up/tear-down medians and the 1000-episode run against a 20 ms fake model.
# With "harness" as the third argument: only the runner + HTTP client + fake server, 3 warm-up
# rounds then 5 measured rounds (no database).
exec "$(dirname "$0")/run-java.sh" 2g kaizen.bench.DbBenchBench "$@"
