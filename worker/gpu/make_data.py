"""Synthetic token data and run files for the GPU checks (plain Python, no torch).

Each SFT example: BOS, an 8-token key, a 16-token filler that repeats a fixed pattern (easy to
learn, but untrained), then the trained reply: a fixed 8-token opening, the key's first 4 tokens
(a copy) and EOS. The filler is exactly as learnable as the opening, so if masked positions leaked
into the loss the model would learn it too; the check shows it does not. DPO pairs share the
prompt; chosen = the SFT reply, rejected = another fixed opening before the same copy.

    python3 make_data.py OUT_FOLDER MODEL_FOLDER WORKER_FOLDER
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

BOS, EOS = 1, 2
FILLER = list(range(300, 316))
OPENING = list(range(400, 408))
OTHER_OPENING = list(range(420, 428))


def example(rng: random.Random) -> tuple[list[int], list[int]]:
    key = [rng.randrange(10, 200) for _ in range(8)]
    return [BOS] + key + FILLER, key


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))


def main() -> None:
    out, model, worker = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    out.mkdir(parents=True, exist_ok=True)
    for name, seed, n in (("sft", 1, 512), ("eval", 2, 64)):
        rng = random.Random(seed)
        rows = []
        for _ in range(n):
            prompt, key = example(rng)
            reply = OPENING + key[:4] + [EOS]
            half = len(reply) // 2
            rows.append({"ids": prompt + reply, "loss": [0] * len(prompt) + [1] * len(reply),
                         "reason": [0] * len(prompt) + [1] * half + [0] * (len(reply) - half),
                         "action": [0] * len(prompt) + [0] * half + [1] * (len(reply) - half)})
        write_jsonl(out / f"{name}.jsonl", rows)
    rng = random.Random(3)
    pairs = []
    for _ in range(256):
        prompt, key = example(rng)
        pairs.append({"prompt": prompt, "chosen": OPENING + key[:4] + [EOS], "rejected": OTHER_OPENING + key[:4] + [EOS]})
    write_jsonl(out / "dpo.jsonl", pairs)
    common = f"""model: {model}
launch:
  worker: {worker}
"""
    sft = f"""name: tiny-sft
{common}out: {out}/runs/sft
data:
  train: {out}/sft.jsonl
  format: tokens
  layout: packed
  max_length: 256
train:
  epochs: 15
  learning_rate: 5.0e-3
  effective_batch: 8
  micro_batch: 2
  save_every_steps: 10
  seed: 7
lora:
  r: 16
  alpha: 32
  dropout: 0.05
merge: true
"""
    (out / "sft.yaml").write_text(sft)
    (out / "sft-resumed.yaml").write_text(sft.replace("runs/sft", "runs/sft-resumed"))
    (out / "dpo.yaml").write_text(f"""name: tiny-dpo
model: {out}/runs/sft/merged
launch:
  worker: {worker}
out: {out}/runs/dpo
data:
  train: {out}/dpo.jsonl
  format: tokens
  max_length: 64
train:
  epochs: 1
  learning_rate: 5.0e-3
  effective_batch: 8
  micro_batch: 4
  save_every_steps: 100
lora:
  r: 16
  alpha: 32
  dropout: 0.0
loss:
  beta: 0.1
""")


if __name__ == "__main__":
    main()
