#!/usr/bin/env bash
# data.tgz for the device runs (grpo_bundle.sh's second argument): Kaizen's synthetic trajectories
# through learn_data.py, with the seeds of the runs in docs/BENCHMARKS.md (training: household 3,000
# seed 12 + DBBench 300 seed 11; held-out: household 150 + DBBench 60, seed 9001).
#   worker/gpu/make_data.sh DATA_TGZ
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT_TGZ=$(realpath -m "$1")
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$ROOT"
./kaizen data gen household --count 3000 --seed 12 --out "$W/hh" --no-progress
./kaizen data gen dbbench --count 300 --seed 11 --out "$W/db" --no-progress
./kaizen data gen household --count 150 --seed 9001 --out "$W/hh-held" --no-progress
./kaizen data gen dbbench --count 60 --seed 9001 --out "$W/db-held" --no-progress
python3 worker/gpu/learn_data.py "$W/data" "$W/hh/trajectories.jsonl,$W/db/trajectories.jsonl" \
  "$W/hh-held/trajectories.jsonl,$W/db-held/trajectories.jsonl"
tar czf "$OUT_TGZ" -C "$W" data
ls -la "$OUT_TGZ"
