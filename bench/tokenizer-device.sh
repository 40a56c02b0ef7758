#!/usr/bin/env bash
# Runs on the GPU machine (Python 3.12, tokenizers, transformers; no Java), from the repository
# root with .jre/ carried (bench/tokenizer-device-pack.sh makes it):
#   bash .jre/repo/bench/tokenizer-device.sh
# Generates the 6 MB corpus and 1200 conversations from the fixed seed, runs the differential
# test and both benchmarks, and leaves summary.json, mismatches.txt, log.txt and goldens/ in $OUT.
set -euo pipefail
OUT="${OUT:-/tmp/tokenizer-out}"
mkdir -p "$OUT" /tmp/kz
bash .jre/repo/worker/gpu/unpack_jre.sh .jre/jre.txz /tmp/kz
JAVA="/tmp/kz/jre/bin/java -Xmx4g -cp .jre/kaizen-tok.jar"
{
  echo "date: $(date -u +%FT%TZ)  host: $(nproc) cpus, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
  python3 -c 'import sys, tokenizers, transformers; print("python", sys.version.split()[0], "tokenizers", tokenizers.__version__, "transformers", transformers.__version__)'
  /tmp/kz/jre/bin/java -version 2>&1 | head -1
  python3 .jre/repo/src/test/python/tokenizer_corpus.py /tmp/kz/in --real .jre/data/dev.jsonl .jre/data/alfworld_multiturn_plan_first.json
  PYTHONUNBUFFERED=1 python3 .jre/repo/src/test/python/tokenizer_differential.py --tokenizer .jre/data/qwen-tokenizer \
      --inputs /tmp/kz/in --java "$JAVA" --out /tmp/kz/out --goldens "$OUT/goldens" --bench-rounds 5
} 2>&1 | tee "$OUT/log.txt"
cp /tmp/kz/out/summary.json /tmp/kz/out/mismatches.txt "$OUT/"
