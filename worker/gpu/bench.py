"""Training throughput of the real model shapes (random weights): LoRA r64/alpha128 on all
projections, bf16, gradient checkpointing, one packed 4096-token row per step (the SFT loss path
of kaizen_worker.sft). Prints one JSON line per model.

    python3 worker/gpu/bench.py [--presets qwen2.5-7b,qwen3-4b] [--seq 4096] [--steps 6]
"""
from __future__ import annotations

import argparse
import json
import time

import numpy as np
import torch

from kaizen_worker.model import LoraSettings, apply_lora, backbone_and_head
from kaizen_worker.sft import batch_loss
from kaizen_worker.shards import LOSS, START, Row, collate
from kaizen_worker.tiny_model import build

PROJECTIONS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


def packed_row(seq: int, examples: int, vocab: int, rng: np.random.Generator) -> Row:
    """``examples`` equal examples, each a prompt half and a trained reply half."""
    ids = rng.integers(0, vocab, size=seq, dtype=np.int32)
    flags = np.zeros(seq, dtype=np.uint8)
    each = seq // examples
    for e in range(examples):
        flags[e * each] = START
        flags[e * each + each // 2:(e + 1) * each] |= LOSS
    return Row(ids, flags)


def bench(preset: str, seq: int, steps: int) -> dict:
    torch.cuda.empty_cache()
    torch.cuda.reset_peak_memory_stats()
    model = build(preset, None, 0, torch.bfloat16, "cuda")
    model.config.use_cache = False
    peft_model = apply_lora(model, LoraSettings(64, 128, 0.05, PROJECTIONS), True, False)
    peft_model.train()
    backbone, head = backbone_and_head(peft_model)
    trainable = [p for p in peft_model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=1e-4)
    rng = np.random.default_rng(0)
    batch = collate([packed_row(seq, 4, model.config.vocab_size, rng)], packed=True).to(torch.device("cuda"))
    times = []
    for i in range(steps + 2):
        torch.cuda.synchronize()
        t0 = time.perf_counter()
        loss = batch_loss(backbone, head, batch, 1.0, 1.0) / seq
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trainable, 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        torch.cuda.synchronize()
        if i >= 2:
            times.append(time.perf_counter() - t0)
    median = float(np.median(times))
    result = {"preset": preset, "seq": seq, "steps_timed": steps, "median_step_s": median,
              "tokens_per_s": seq / median, "peak_memory_gib": torch.cuda.max_memory_allocated() / 2**30,
              "trainable_parameters": sum(p.numel() for p in trainable),
              "parameters": sum(p.numel() for p in peft_model.parameters()), "gpu": torch.cuda.get_device_name(),
              "torch": torch.__version__}
    del peft_model, model, optimizer, batch
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--presets", default="qwen2.5-7b,qwen3-4b")
    parser.add_argument("--seq", type=int, default=4096)
    parser.add_argument("--steps", type=int, default=6)
    args = parser.parse_args()
    for preset in args.presets.split(","):
        print(json.dumps(bench(preset, args.seq, args.steps)), flush=True)


if __name__ == "__main__":
    main()
