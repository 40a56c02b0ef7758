#!/usr/bin/env bash
# Import benchmark. Usage: bench/import.sh [MEGABYTES] [HEAP]
# Generates a ToolBench-layout JSON array of about MEGABYTES MiB (default 1024), imports it with
# the toolbench importer under -Xmx HEAP (default 64m) and prints MiB/s, records/s and peak heap.
set -euo pipefail
cd "$(dirname "$0")/.."
exec bench/run-java.sh "${2:-64m}" kaizen.bench.ImportBench "${1:-1024}"
