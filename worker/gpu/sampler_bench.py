"""The generation server's sampler on the GPU: decode steps replayed as CUDA graphs against the
same static-cache steps run eagerly, on the GRPO run's model shape (worker/gpu/grpo_model.py, random
weights, LoRA r32 as in grpo_device.sh). A random model rarely writes an end token, so nearly every
row samples all ``--new`` tokens and the time per decode step is comparable between runs.

    python3 worker/gpu/sampler_bench.py [--rows 64] [--prompt 1500] [--new 64] [--dtype bfloat16]

One JSON line per setting: prefill seconds, decode ms a step, sampled tokens/s; and one line with
the largest difference between the two settings' greedy log-probs (they must sample the same).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from grpo_model import SMALL  # noqa: E402

from kaizen_worker import tiny_model  # noqa: E402
from kaizen_worker.grpo import GrpoSettings, Trainer  # noqa: E402
from kaizen_worker.model import LoraSettings  # noqa: E402
from kaizen_worker.serve import model_sampler  # noqa: E402

TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


def timed(sample, prompts, new, temperature):
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    out = sample(prompts, new, temperature)
    torch.cuda.synchronize()
    return out, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=64)
    ap.add_argument("--prompt", type=int, default=1500)
    ap.add_argument("--new", type=int, default=64)
    ap.add_argument("--dtype", default="bfloat16")
    a = ap.parse_args()
    tiny_model.PRESETS["grpo-small"] = SMALL
    with tempfile.TemporaryDirectory() as tmp:
        tiny_model.build("grpo-small", None, 0, torch.float32).save_pretrained(tmp + "/m")
        s = GrpoSettings(kind="grpo", model=tmp + "/m", name="p", out=tmp + "/run",
                         lora=LoraSettings(32, 64, 0.0, TARGETS), dtype=a.dtype, learning_rate=1e-4, weight_decay=0.0,
                         max_grad_norm=1.0, clip=0.2, kl=0.05, seed=1, gradient_checkpointing=False,
                         micro_batch_tokens=65536, max_batch=64, end_ids=[151645, 151643], pad_id=151643, vocab_size=151669, prefix_cache=False, port=0,
                         keep_checkpoints=1, temperature=1.0)
        trainer = Trainer(s, resume=False)
        g = torch.Generator().manual_seed(0)
        prompts = [torch.randint(0, 150000, (a.prompt - 17 * i,), generator=g).tolist() for i in range(a.rows)]
        greedy = {}
        for graphs in (False, True):
            sample = model_sampler(trainer.backbone, trainer.head, s.end_ids, s.pad_id, trainer.device, s.vocab_size,
                                   graphs=graphs)
            timed(sample, prompts, 4, 0.8)  # warm-up (and, with graphs, the capture)
            _, prefill = timed(sample, prompts, 1, 0.8)
            out, total = timed(sample, prompts, a.new, 0.8)
            steps = max(len(o.ids) for o in out)
            tokens = sum(len(o.ids) for o in out)
            greedy[graphs], _ = timed(sample, prompts, 16, 0.0)
            print(json.dumps({"graphs": graphs, "rows": a.rows, "prompt_tokens": a.prompt, "dtype": a.dtype,
                              "prefill_s": round(prefill, 4), "decode_steps": steps,
                              "decode_ms_per_step": round(1000 * (total - prefill) / max(steps - 1, 1), 3),
                              "sampled_tokens_per_s": round(tokens / total, 1), "total_s": round(total, 3)}), flush=True)
        same = all(x.ids == y.ids for x, y in zip(greedy[False], greedy[True]))
        gap = max(abs(p - q) for x, y in zip(greedy[False], greedy[True]) for p, q in zip(x.logprobs, y.logprobs))
        print(json.dumps({"greedy_tokens_equal": same, "greedy_logprob_max_diff": gap}), flush=True)


if __name__ == "__main__":
    main()
