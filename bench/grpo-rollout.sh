#!/usr/bin/env bash
# GRPO rollout stage, Java side: household episodes through the harness + RolloutModel against an
# instant loopback endpoint (see kaizen.train.GrpoRolloutBench).   bench/grpo-rollout.sh [EPISODES CONCURRENCY MAX_TURNS]
exec "$(dirname "$0")/run-java.sh" 2g kaizen.train.GrpoRolloutBench "$@"
