#!/usr/bin/env bash
# Text-to-SQL import throughput and memory: bench/import-sql.sh [QUESTIONS] [DATABASES] [HEAP]
# Generates a Spider-layout input and imports it on the embedded MariaDB (see TextToSqlImportBench).
set -euo pipefail
cd "$(dirname "$0")/.."
exec bench/run-java.sh "${3:-256m}" kaizen.bench.TextToSqlImportBench "${1:-200000}" "${2:-4}"
