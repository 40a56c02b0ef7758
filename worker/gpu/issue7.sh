#!/usr/bin/env bash
# On the GPU machine (device tool), from a bundle made by bundle.sh plus DATA (learn_data.py's files)
# and the Qwen tokenizer files: the learning check and/or the speed comparison of docs/TRAINING.md
# and docs/BENCHMARKS.md. Everything through `kaizen train` (Java) where Kaizen trains.
#   issue7.sh learn|speed|all|dpo  (env: OUT, DATA, TOKENIZER, EPOCHS, SFT_SECONDS, DPO_STEPS)
set -uo pipefail
B=$(cd "$(dirname "$0")" && pwd)
MODE=${1:-all}
OUT=${OUT:-/tmp/kaizen-out}
DATA=${DATA:-$B/data}
TOKENIZER=${TOKENIZER:-$B/tokenizer}
W=/tmp/kz7
mkdir -p "$OUT" "$W"
[ -x "$W/jre/bin/java" ] || bash "$B/unpack_jre.sh" "$B/jre.txz" "$W"
CP="$B/java/kaizen.jar:$(ls "$B"/java/lib/*.jar | tr '\n' ':')"
kz() { "$W/jre/bin/java" -Xmx2g -cp "$CP" kaizen.cli.Main "$@"; }
export PYTHONUNBUFFERED=1 PYTHONPATH="$B/worker"
PY=${PYTHON:-python3}
EV="$PY $B/worker/gpu/learn_eval.py"
log() { echo "[$(date -u +%H:%M:%S)] $*"; }
$PY -c "import sys, torch, transformers, peft; print('python', sys.version.split()[0], 'torch', torch.__version__, 'transformers', transformers.__version__, 'peft', peft.__version__, torch.cuda.get_device_name() if torch.cuda.is_available() else 'cpu')"

yaml_sft() {  # the learning run: a small Qwen2 from random weights, LoRA at full rank + embeddings and head trained
cat <<EOF
name: small-qwen2-sft
model: $W/base
out: $W/runs/sft
data:
  train: $DATA/sft.jsonl
  format: messages
  template: qwen2.5
  max_length: ${MAX_LENGTH:-4096}
lora:
  r: 512
  alpha: 512
  dropout: 0.0
  modules_to_save: [embed_tokens, lm_head]
train:
  epochs: ${EPOCHS:-10}
  learning_rate: 1.0e-3
  effective_batch: 16
  micro_batch: ${MICRO:-4}
  gradient_checkpointing: false
  save_every_steps: ${SAVE_EVERY:-20}
  keep_checkpoints: 1
merge: true
launch:
  worker: $B/worker
  python: $PY
EOF
}

yaml_eval() {  # $1 kind, $2 name, $3 data file, $4 model: shards only (--dry-run)
cat <<EOF
name: $2
model: $4
out: $W/runs/$2
data:
  train: $3
  format: messages
  template: qwen2.5
  layout: padded
  max_length: ${MAX_LENGTH:-4096}
launch:
  worker: $B/worker
  python: $PY
EOF
}

yaml_dpo() {
cat <<EOF
name: small-qwen2-dpo
model: $W/sft-merged
out: $W/runs/dpo
data:
  train: $DATA/dpo-train.jsonl
  format: messages
  template: qwen2.5
  max_length: ${MAX_LENGTH:-4096}
lora:
  r: 64
  alpha: 128
  dropout: 0.0
train:
  epochs: 1
  learning_rate: 1.0e-4
  effective_batch: 16
  micro_batch: 8
  gradient_checkpointing: false
  max_steps: ${DPO_STEPS:-120}
  save_every_steps: 40
  keep_checkpoints: 1
loss:
  beta: 0.1
launch:
  worker: $B/worker
  python: $PY
EOF
}

latest_adapter() {  # the final adapter, or the last checkpoint's when the run was cut short
  if [ -f "$1/adapter/adapter_config.json" ]; then echo "$1/adapter"; else ls -d "$1"/checkpoints/step-*/adapter 2>/dev/null | tail -1; fi
}

learn() {
  rm -rf "$W/base" "$W/runs" "$W/sft-merged"
  $PY -m kaizen_worker.tiny_model "$W/base" --preset ${PRESET:-small-qwen2} --seed 0 && cp "$TOKENIZER"/tokenizer*.json "$W/base/" || return 1
  yaml_sft > "$W/sft.yaml"
  yaml_eval sft heldout-turns "$DATA/heldout-turns.jsonl" "$W/base" > "$W/heldout-turns.yaml"
  log "SFT (limit ${SFT_SECONDS:-200} s)"
  timeout -k 5 "${SFT_SECONDS:-200}" "$W/jre/bin/java" -Xmx2g -cp "$CP" kaizen.cli.Main train sft "$W/sft.yaml" --no-progress
  log "sft exit $?"
  cp "$W/runs/sft/metrics.jsonl" "$OUT/sft-metrics.jsonl" 2>/dev/null
  kz train sft "$W/heldout-turns.yaml" --dry-run --no-progress; log "held-out turn shards exit $?"
  ADAPTER=$(latest_adapter "$W/runs/sft")
  log "next action, random base"
  $EV next-action --base "$W/base" --shards "$W/runs/heldout-turns/shards" --tokenizer "$W/base/tokenizer.json" \
      --label "before: random weights" --limit ${BEFORE_LIMIT:-0} | tee -a "$OUT/learn.jsonl"
  log "next action, after SFT ($ADAPTER)"
  $EV next-action --base "$W/base" --adapter "$ADAPTER" --shards "$W/runs/heldout-turns/shards" \
      --tokenizer "$W/base/tokenizer.json" --label "after SFT" | tee -a "$OUT/learn.jsonl"
  if [ -f "$W/runs/sft/merged/config.json" ]; then cp -r "$W/runs/sft/merged" "$W/sft-merged"
  else $EV merge --base "$W/base" --adapter "$ADAPTER" --out "$W/sft-merged"; fi
  dpo
  for r in sft dpo; do cp "$W/runs/$r/run.json" "$OUT/$r-run.json" 2>/dev/null; done
  tail -5 "$W/runs/sft/worker.log" "$W/runs/dpo/worker.log" 2>/dev/null
}

dpo() {  # DPO from the SFT model in $W/sft-merged; the held-out margin (0 before: policy = reference)
  yaml_dpo > "$W/dpo.yaml"
  yaml_eval dpo dpo-heldout "$DATA/dpo-heldout.jsonl" "$W/sft-merged" > "$W/dpo-heldout.yaml"
  kz train dpo "$W/dpo-heldout.yaml" --dry-run --no-progress; log "held-out pair shards exit $?"
  log "DPO (limit ${DPO_SECONDS:-100} s)"
  timeout -k 5 "${DPO_SECONDS:-100}" "$W/jre/bin/java" -Xmx2g -cp "$CP" kaizen.cli.Main train dpo "$W/dpo.yaml" --no-progress
  log "dpo exit $?"
  cp "$W/runs/dpo/metrics.jsonl" "$OUT/dpo-metrics.jsonl" 2>/dev/null
  $EV dpo-margin --base "$W/sft-merged" --adapter "$(latest_adapter "$W/runs/dpo")" --shards "$W/runs/dpo-heldout/shards" \
      --label "held-out pairs after DPO" | tee -a "$OUT/learn.jsonl"
  cp "$W/runs/dpo/run.json" "$OUT/dpo-run.json" 2>/dev/null
}

speed() {  # the 7B shape on Kaizen's synthetic trajectories (shards of the learning run, or made here)
  S="$W/runs/sft/shards"
  if [ ! -f "$S/index.json" ]; then
    mkdir -p "$W/tokmodel" && cp "$TOKENIZER"/tokenizer*.json "$W/tokmodel/" && touch "$W/tokmodel/model.safetensors"
    echo '{"model_type": "qwen2", "vocab_size": 152064}' > "$W/tokmodel/config.json"
    yaml_eval sft speed-shards "$DATA/sft.jsonl" "$W/tokmodel" | sed 's/layout: padded/layout: packed/' > "$W/speed.yaml"
    kz train sft "$W/speed.yaml" --dry-run --no-progress; S="$W/runs/speed-shards/shards"
  fi
  log "speed"
  $PY "$B/worker/gpu/speed.py" --shards "$S" ${SPEED_ARGS:-} | tee "$OUT/speed.jsonl"
  log "speed done"
}

case "$MODE" in
  learn) learn ;;
  speed) speed ;;
  all) learn; speed ;;
  dpo) dpo ;;  # with $W/sft-merged made by the caller
  none) ;;     # sourced for its functions
esac
