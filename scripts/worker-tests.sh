#!/usr/bin/env bash
# The training worker's CPU tests (loss, masking, DPO and schedule arithmetic, shard reading).
# They need a Python with torch and numpy (Debian: apt-get install python3-torch); without one
# they are skipped, saying so. KAIZEN_PYTHON picks the interpreter.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for py in "${KAIZEN_PYTHON:-}" python3 /usr/bin/python3; do
  if [ -n "$py" ] && "$py" -c 'import torch, numpy' >/dev/null 2>&1; then
    echo "worker tests: $("$py" -c 'import sys, torch; print(sys.executable, "torch", torch.__version__)')"
    exec "$py" -m unittest discover -s "$ROOT/worker/tests" -t "$ROOT/worker"
  fi
done
echo "worker tests: SKIPPED (no python3 with torch and numpy; apt-get install python3-torch, or set KAIZEN_PYTHON)"
