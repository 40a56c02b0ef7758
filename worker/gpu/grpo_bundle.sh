#!/usr/bin/env bash
# The folder the device tool carries for the GRPO run: bundle.sh's jar, libraries, JRE and worker,
# plus the Qwen tokenizer files and grpo_device.sh.   worker/gpu/grpo_bundle.sh DEST
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DEST=$1
"$ROOT/worker/gpu/bundle.sh" "$DEST"
mkdir -p "$DEST/tokenizer"
gzip -9c "$ROOT/../shared/data/qwen-tokenizer/tokenizer.json" > "$DEST/tokenizer/tokenizer.json.gz"  # the carry limit is 64 MiB
cp "$ROOT/../shared/data/qwen-tokenizer/tokenizer_config.json" "$DEST/tokenizer/"
cp "$ROOT/worker/gpu/grpo_device.sh" "$DEST/"
du -sh "$DEST"
