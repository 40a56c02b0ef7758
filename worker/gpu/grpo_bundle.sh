#!/usr/bin/env bash
# The folder the device tool carries for the GRPO run: bundle.sh's jar, libraries, JRE and worker,
# plus the Qwen tokenizer files and grpo_device.sh, and (optional) DATA_TGZ: learn_data.py's files
# as data.tgz (made as docs/TRAINING.md says), for SFT on them and the DPO stage.
#   worker/gpu/grpo_bundle.sh DEST [DATA_TGZ]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DEST=$1
"$ROOT/worker/gpu/bundle.sh" "$DEST"
mkdir -p "$DEST/tokenizer"
gzip -9c "$ROOT/../shared/data/qwen-tokenizer/tokenizer.json" > "$DEST/tokenizer/tokenizer.json.gz"  # the carry limit is 64 MiB
cp "$ROOT/../shared/data/qwen-tokenizer/tokenizer_config.json" "$DEST/tokenizer/"
cp "$ROOT/worker/gpu/grpo_device.sh" "$DEST/"
if [ -n "${2:-}" ]; then cp "$2" "$DEST/data.tgz"; fi
du -sh "$DEST"
