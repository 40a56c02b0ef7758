#!/usr/bin/env bash
# On the GPU machine (device tool), from a bundle made by bundle.sh: Java-driven SFT (uninterrupted,
# and stopped at step 10 then resumed) and DPO on a tiny random Qwen2, the checks, the throughput
# bench. Results go to $OUT (device.log, check.log, bench.jsonl, runs.tgz).
set -uo pipefail
B=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-/tmp/kaizen-out}
W=/tmp/kz
rm -rf "$W"  # a warm machine keeps /tmp between calls
mkdir -p "$OUT" "$W"
bash "$B/unpack_jre.sh" "$B/jre.txz" "$W"
CP="$B/java/kaizen.jar:$(ls "$B"/java/lib/*.jar | tr '\n' ':')"
kz() { "$W/jre/bin/java" -Xmx1g -cp "$CP" kaizen.cli.Main "$@"; }
export PYTHONUNBUFFERED=1 PYTHONPATH="$B/worker"
python3 -c "import sys, torch, transformers, peft, accelerate; print('python', sys.version.split()[0], 'torch', torch.__version__, 'transformers', transformers.__version__, 'peft', peft.__version__, 'accelerate', accelerate.__version__, torch.cuda.get_device_name())"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
python3 -m kaizen_worker.tiny_model "$W/tiny" --preset tiny || exit 1
python3 "$B/worker/gpu/make_data.py" "$W/data" "$W/tiny" "$B/worker"
t0=$(date +%s)
kz train sft "$W/data/sft.yaml"; echo "sft exit $? after $(( $(date +%s) - t0 )) s"
kz train sft "$W/data/sft-resumed.yaml" --no-progress --stop-after-steps 10; echo "sft stop exit $?"
kz train sft "$W/data/sft-resumed.yaml" --no-progress; echo "sft resume exit $?"
kz train dpo "$W/data/dpo.yaml" --no-progress; echo "dpo exit $?"
python3 "$B/worker/gpu/check.py" "$W/tiny" "$W/data" 2>&1 | tee "$OUT/check.log"
(cd "$W/data/runs" && tar czf "$OUT/runs.tgz" --exclude='*.safetensors' --exclude='*.pt' --exclude='*.bin' .)
[ -n "${SKIP_BENCH:-}" ] || python3 "$B/worker/gpu/bench.py" ${BENCH_ARGS:-} 2>&1 | tee "$OUT/bench.jsonl"
