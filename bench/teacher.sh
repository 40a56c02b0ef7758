#!/usr/bin/env bash
# Teacher rollout throughput against the loopback fake model. Usage: bench/teacher.sh [WORLDS] [SAMPLES] [CONCURRENCY]
# Household rollouts through kaizen.data.teacher (runner, HTTP client, real worlds, fsync'd JSONL): episodes/s at 0 and 20 ms model latency.
exec "$(dirname "$0")/run-java.sh" 2g kaizen.bench.TeacherBench "$@"
