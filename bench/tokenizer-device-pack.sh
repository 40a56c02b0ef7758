#!/usr/bin/env bash
# Packs what the GPU machine needs for the tokenizer differential test into .jre/ (git-ignored):
#   .jre/jre.txz          a jlink'ed Java 25 runtime (the device machine has no Java; make_jre.sh)
#   .jre/kaizen-tok.jar   Kaizen's classes, the tokenizer test/bench drivers and Jackson, in one jar
#   .jre/data/            the Qwen tokenizer folder and the two real prompt files for the corpus
#   .jre/repo/            copies of the Python scripts, templates and bench/tokenizer-device.sh
# Then run bench/tokenizer-device.sh there (see docs/BENCHMARKS.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/find-java.sh"
cd "$ROOT"
./mvnw -B -ntp -q -o test-compile
rm -rf .jre && mkdir -p .jre/stage .jre/data/qwen-tokenizer
M2="$HOME/.m2/repository/com/fasterxml/jackson/core"
for a in jackson-databind jackson-core jackson-annotations; do
  (cd .jre/stage && "$JAVA_HOME/bin/jar" xf "$M2/$a/2.18.2/$a-2.18.2.jar")
done
rm -rf .jre/stage/META-INF
cp -r target/classes/kaizen .jre/stage/
mkdir -p .jre/stage/kaizen/bench && cp target/test-classes/kaizen/tokenizer/*.class .jre/stage/kaizen/tokenizer/
cp target/test-classes/kaizen/bench/TokenizerBench.class .jre/stage/kaizen/bench/
"$JAVA_HOME/bin/jar" cf .jre/kaizen-tok.jar -C .jre/stage .
rm -rf .jre/stage
MODULES="$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 25 .jre/kaizen-tok.jar)"
worker/gpu/make_jre.sh .jre/jre.txz "$MODULES"
cp ../shared/data/qwen-tokenizer/tokenizer.json ../shared/data/qwen-tokenizer/tokenizer_config.json .jre/data/qwen-tokenizer/
cp ../shared/data/dbbench/dev.jsonl ../shared/data/agentbench/alfworld_multiturn_plan_first.json .jre/data/
# The device may run in another checkout of the repository: take the scripts and templates along.
mkdir -p .jre/repo/src/test/python .jre/repo/src/test/resources/tokenizer .jre/repo/bench
cp src/test/python/tokenizer_*.py .jre/repo/src/test/python/
cp -r src/test/resources/tokenizer/templates .jre/repo/src/test/resources/tokenizer/
cp bench/tokenizer-device.sh .jre/repo/bench/
mkdir -p .jre/repo/worker/gpu && cp worker/gpu/unpack_jre.sh .jre/repo/worker/gpu/
echo "modules: $MODULES"
du -sh .jre/*
