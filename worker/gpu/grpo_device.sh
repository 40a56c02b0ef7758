#!/usr/bin/env bash
# The SFT -> DPO -> GRPO learning run on the GPU machine (device tool), from a bundle made by
# grpo_bundle.sh (plus data.tgz of learn_data.py for SFT and DPO, when present):
#   1. a small random-weight Qwen2 (real Qwen vocabulary), SFT through `kaizen train sft` on
#      data/sft.jsonl (household + DBBench trajectories) or, without it, on household
#      trajectories generated here; merged at the end;
#   2. DPO from the merged SFT model (issue7.sh dpo): held-out chosen-over-rejected margin;
#   3. `kaizen train grpo` from the SFT model: held-out success at step 0 (household protocol, 128
#      worlds of the held-out split, greedy and 4 samples each at the training temperature), GRPO
#      steps with rollouts through the same protocol, held-out success every 25 steps and at the
#      end; curve.png.
# A call can last 10 minutes and the whole run takes longer, so `start` launches the pipeline in
# its own session and then waits like `wait` does: up to WAIT seconds (default 560) for it to
# finish, copying what exists to $OUT either way. Call `wait` again (within the machine's 30 s
# warm period) until pipeline.log ends with "pipeline done". `check` runs the worker's tests on
# the GPU and the sampler bench first; `checkstart` starts only when they pass. `speed` runs
# issue 7's speed comparison (worker/gpu/speed.py through issue7.sh) on the bundle's data.
# Once the pipeline is done, `wait` also returns what a later session needs to go on with the same
# run (split in parts of 15 MB: a call returns at most 8 files of 16 MiB): sft-adapter.tgz.NN (the
# SFT adapter in bf16, carry_sft.py) and grpo-run.tgz.NN (the GRPO run folder with its latest
# checkpoint). `resume` (CARRY_IN=folder holding those parts, or folders joined by ':') rebuilds
# the random base from its seed, merges the adapter into it and resumes `kaizen train grpo` from the
# checkpoint, no SFT (with no grpo-run parts: a fresh GRPO run from the carried SFT model). A
# bundle made without data.tgz (28 MB), the SFT parts (15 MB), the run's parts (~8 MB at the GRPO
# adapter's rank 8) and the repository (8 MB) fit in one call under the device tool's 64 MiB carry
# limit (at rank 32 the run's parts were 27 MB and did not). `finish`
# ends the GRPO run after its current step (its FINISH file: last evaluation, adapter, curve) and
# then waits like `wait`: start with a generous MAX_GRPO_MINUTES and finish when the device time
# left is what the final evaluation and the carry need (~3 minutes).
#   bash grpo_device.sh check|speed|start|checkstart|resume|wait|finish
set -uo pipefail
B=$(cd "$(dirname "$0")" && pwd)
W=/tmp/kzg
OUT=${OUT:-/tmp/kaizen-out}
MAX_GRPO_MINUTES=${MAX_GRPO_MINUTES:-19}

CP="$B/java/kaizen.jar:$(ls "$B"/java/lib/*.jar | tr '\n' ':')"
kz() { "$W/jre/bin/java" -Xmx8g -Djava.awt.headless=true -cp "$CP" kaizen.cli.Main "$@"; }

setup() {  # the JRE, the tokenizer, and the random base (the same from its seed in every session)
  bash "$B/unpack_jre.sh" "$B/jre.txz" "$W"
  # Tried against the slow SFT stage (1% GPU use, 71 of 80 GiB reserved, 21 GiB allocated, in the
  # first attempt): it changed nothing there, and costs nothing.
  export PYTHONUNBUFFERED=1 PYTHONPATH="$B/worker" PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True
  python3 -c "import sys, torch, transformers, peft; print('python', sys.version.split()[0], 'torch', torch.__version__, 'transformers', transformers.__version__, 'peft', peft.__version__, torch.cuda.get_device_name())"
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
  mkdir -p "$W/tok" && gunzip -c "$B/tokenizer/tokenizer.json.gz" > "$W/tok/tokenizer.json" && cp "$B/tokenizer/tokenizer_config.json" "$W/tok/"
  python3 "$B/worker/gpu/grpo_model.py" "$W/base" "$W/tok" || return 1
}

pipeline() {
  setup || return 1
  t0=$(date +%s)
  if [ -n "${GRPO_ONLY:-}" ]; then  # sampler/rollout throughput only: GRPO straight from the random base
    mkdir -p "$W/sft" && ln -s "$W/base" "$W/sft/merged"
  else
  if [ -f "$B/data.tgz" ]; then
    tar xzf "$B/data.tgz" -C "$W" && TRAIN="$W/data/sft.jsonl"
  else
    kz data gen household --count ${HH_COUNT:-4000} --seed 1 --out "$W/hh" --no-progress | head -3 || return 1
    TRAIN="$W/hh/trajectories.jsonl"
  fi
  cat > "$W/sft.yaml" <<YAML
name: small-qwen2-sft
model: $W/base
out: $W/sft
data:
  train: $TRAIN
  format: messages
  template: qwen2.5
  max_length: 4096
lora:
  r: 128
  alpha: 128
  dropout: 0.0
train:
  epochs: ${SFT_EPOCHS:-6}
  learning_rate: 1.0e-3
  warmup_ratio: 0.03
  effective_batch: ${SFT_BATCH:-8}
  micro_batch: ${SFT_BATCH:-8}
  gradient_checkpointing: false
  dtype: bfloat16
  save_every_steps: 100000
  max_steps: ${SFT_MAX_STEPS:-1000}
merge: true
YAML
  timeout "${SFT_TIMEOUT:-3600}" "$W/jre/bin/java" -Xmx8g -cp "$CP" kaizen.cli.Main train sft "$W/sft.yaml" --no-progress || return 1
  echo "sft done after $(( $(date +%s) - t0 )) s"
  if [ -d "$W/data" ] && [ -z "${SKIP_DPO:-}" ]; then
    mkdir -p /tmp/kz7 && rm -rf /tmp/kz7/sft-merged /tmp/kz7/runs && ln -s "$W/sft/merged" /tmp/kz7/sft-merged
    OUT="$W/dpo-out" DATA="$W/data" TOKENIZER="$W/tok" DPO_SECONDS=${DPO_SECONDS:-240} bash "$B/issue7.sh" dpo
    echo "dpo done after $(( $(date +%s) - t0 )) s"
  fi
  fi
  grpo_stage
}

carried() {  # the carried parts named $1 (sft-adapter, grpo-run) in CARRY_IN's folders, in order
  local d
  IFS=: read -ra dirs <<< "$CARRY_IN"
  for d in "${dirs[@]}"; do ls "$d/$1".tgz.* 2>/dev/null; done
  return 0  # a folder without such parts is no failure (pipefail)
}

resume_pipeline() {  # a later session: the carried SFT adapter and GRPO run folder, no SFT
  setup || return 1
  [ -n "$(carried sft-adapter)" ] || { echo "no sft-adapter.tgz.* in $CARRY_IN"; return 1; }
  mkdir -p "$W/sft" && carried sft-adapter | xargs cat | tar xz -C "$W/sft" || return 1
  python3 "$B/worker/gpu/carry_sft.py" merge "$W/base" "$W/sft/adapter" "$W/sft/merged" || return 1
  if [ -n "$(carried grpo-run)" ]; then
    carried grpo-run | xargs cat | tar xz -C "$W" || return 1
    echo "resuming at $(ls "$W/grpo/checkpoints")"
  else
    echo "no GRPO run carried: a fresh GRPO run from the carried SFT model"
  fi
  grpo_stage
}

grpo_stage() {
  # max_new_tokens 128: the household expert's longest reply is ~100 tokens (389 characters in 3,000
  # trajectories), and a generation batch waits for its longest reply, so a rambling one costs
  # every episode of the batch up to max_new_tokens decode steps.
  cat > "$W/grpo.yaml" <<YAML
name: household-grpo
kind: grpo
model: $W/sft/merged
template: qwen2.5
out: $W/grpo
tasks:
  env: household
  seed: 2
  max_turns: ${MAX_TURNS:-20}
  held_out: ${HELD_OUT:-128}
  held_out_seed: 1
  eval_every: ${EVAL_EVERY:-25}
  held_out_samples: ${HELD_OUT_SAMPLES:-4}
grpo:
  steps: ${GRPO_STEPS:-400}
  prompts_per_step: ${GRPO_PROMPTS:-32}
  generations: 4
  temperature: 0.8
  max_new_tokens: ${MAX_NEW:-128}
  kl: ${GRPO_KL:-0.05}
  loss_normalization: ${LOSS_NORM:-episode}
  invalid_penalty: ${INVALID_PENALTY:-0.2}
  learning_rate: ${GRPO_LR:-1.0e-4}
  concurrency: ${CONCURRENCY:-128}
  save_every: ${SAVE_EVERY:-10}
  keep_checkpoints: 1
lora:
  # Rank 8 keeps the run's carried parts (adapter + optimizer state) small enough for a one-call
  # resume; a policy gradient brings in little information per episode, and low-rank LoRA has been
  # reported to match full fine-tuning in RL ("LoRA Without Regret", Thinking Machines, 2025). alpha
  # stays 64 (scale 8 at rank 8, 2 at rank 32): with Adam and B starting at zero, the first steps'
  # change to the weights grows with alpha, not with the rank, so the step size stays that of the
  # earlier rank-32 runs.
  r: ${GRPO_LORA_R:-8}
  alpha: ${GRPO_LORA_ALPHA:-64}
  dropout: 0.0
train:
  dtype: ${GRPO_DTYPE:-bfloat16}
YAML
  t1=$(date +%s)
  kz train grpo "$W/grpo.yaml" --no-progress --max-minutes "$MAX_GRPO_MINUTES" || return 1
  echo "grpo done after $(( $(date +%s) - t1 )) s"
}

collect() {  # at most 8 files come back: metrics, evaluations, curve, logs.tgz (+ carry parts)
  mkdir -p "$OUT"
  for f in metrics.jsonl eval.jsonl curve.png; do cp "$W/grpo/$f" "$OUT/" 2>/dev/null; done
  local logs
  logs=$(mktemp -d)
  cp "$W/pipeline.log" "$W/grpo/run.json" "$logs/" 2>/dev/null
  cp -r "$W/grpo/held-out" "$logs/" 2>/dev/null  # each evaluation's greedy episodes (turn logs)
  cp "$W/sft/metrics.jsonl" "$logs/sft_metrics.jsonl" 2>/dev/null
  cp -r "$W/dpo-out" "$logs/dpo" 2>/dev/null
  tail -c 200000 "$W/grpo/worker.log" > "$logs/worker_tail.log" 2>/dev/null
  nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv > "$logs/nvidia.txt" 2>/dev/null
  tar czf "$OUT/logs.tgz" -C "$logs" . && rm -rf "$logs"
  if [ -f "$W/DONE" ] || [ -n "${CARRY:-}" ]; then carry_out; fi
}

carry_out() {  # what `resume` needs in a later session, in parts small enough to come back
  local latest
  if [ -d "$W/sft/adapter" ]; then
    python3 "$B/worker/gpu/carry_sft.py" pack "$W/sft/adapter" /tmp/kzc-sft.tgz && split -b 15m -d /tmp/kzc-sft.tgz "$OUT/sft-adapter.tgz."
  fi
  latest=$(ls -d "$W"/grpo/checkpoints/step-* 2>/dev/null | sort | tail -1)
  if [ -n "$latest" ]; then
    tar czf /tmp/kzc-grpo.tgz -C "$W" grpo/run.json grpo/metrics.jsonl grpo/eval.jsonl "grpo/checkpoints/$(basename "$latest")" \
      && split -b 15m -d /tmp/kzc-grpo.tgz "$OUT/grpo-run.tgz."
  fi
}

wait_for() {
  local limit=${WAIT:-560} t=0
  while [ ! -f "$W/DONE" ] && [ $t -lt "$limit" ]; do sleep 5; t=$((t + 5)); done
  collect
  tail -5 "$W/pipeline.log"
}

check() {  # the worker's tests on the GPU (graph-captured sampler included) and the sampler bench
  mkdir -p "$OUT"
  export PYTHONUNBUFFERED=1 PYTHONPATH="$B/worker"
  (cd "$B/worker" && python3 -m unittest tests.test_grpo tests.test_attention tests.test_precision tests.test_fused_lora tests.test_rms_norm) > "$OUT/tests.log" 2>&1
  local rc=$?
  tail -4 "$OUT/tests.log"
  python3 "$B/worker/gpu/sampler_bench.py" 2>&1 | tee "$OUT/sampler.jsonl" | tail -4
  [ $rc -eq 0 ] && grep -q '"greedy_tokens_equal": true' "$OUT/sampler.jsonl"
}

speed() {  # issue 7's speed comparison (issue7.sh speed: the 7B shape) on the bundle's data.tgz
  mkdir -p "$OUT" /tmp/kzs/tok && tar xzf "$B/data.tgz" -C /tmp/kzs || return 1
  gunzip -c "$B/tokenizer/tokenizer.json.gz" > /tmp/kzs/tok/tokenizer.json && cp "$B/tokenizer/tokenizer_config.json" /tmp/kzs/tok/
  OUT="$OUT" DATA=/tmp/kzs/data TOKENIZER=/tmp/kzs/tok SPEED_ARGS="${SPEED_ARGS:---rows 8}" bash "$B/issue7.sh" speed \
    > "$OUT/speed.log" 2>&1
  grep -h '"variant"\|"summary"' "$OUT/speed.log" | cut -c1-220
}

case "${1:-}" in
  check) check ;;
  speed) speed ;;
  checkstart)
    if check; then exec bash "$0" start; else echo "check failed: not starting"; exit 1; fi ;;
  start)
    rm -rf "$W" && mkdir -p "$W"
    setsid nohup bash "$0" pipeline > "$W/pipeline.log" 2>&1 < /dev/null &
    sleep 2
    wait_for ;;
  pipeline)
    pipeline; echo "pipeline done (status $?)"; touch "$W/DONE" ;;
  resume)
    [ -n "${CARRY_IN:-}" ] || { echo "resume: CARRY_IN must name the folder(s) with sft-adapter.tgz.* and grpo-run.tgz.*" >&2; exit 2; }
    IFS=: read -ra dirs <<< "$CARRY_IN"
    for d in "${dirs[@]}"; do [ -d "$d" ] || { echo "resume: no folder $d (CARRY_IN)" >&2; exit 2; }; done
    rm -rf "$W" && mkdir -p "$W"
    CARRY_IN=$(for d in "${dirs[@]}"; do printf '%s:' "$(cd "$d" && pwd)"; done) setsid nohup bash "$0" resume-pipeline > "$W/pipeline.log" 2>&1 < /dev/null &
    sleep 2
    wait_for ;;
  resume-pipeline)
    resume_pipeline; echo "pipeline done (status $?)"; touch "$W/DONE" ;;
  wait) wait_for ;;
  finish)  # the device time is running out: the GRPO step in progress becomes the last, then wait
    mkdir -p "$W/grpo" && touch "$W/grpo/FINISH" && wait_for ;;
  *) echo "usage: $0 check|speed|start|checkstart|resume|wait|finish" >&2; exit 2 ;;
esac
