"""The training loop shared by SFT and DPO: data order, accumulation, schedule, checkpoints, events.

Events go to stdout as JSON lines (one object per line, ``event`` names its kind); everything
else (library warnings, tracebacks) goes to stderr. Java reads the former and logs the latter.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Callable

import numpy as np
import torch
import torch.distributed as dist

from . import checkpoint
from .losses import learning_rate
from .model import apply_lora, backbone_and_head, load_base
from .settings import Settings
from .shards import ShardSet

# A micro step gets the units (row or pair indices) of one forward pass and returns
# (loss to back-propagate, metric sums to add up over the step).
MicroStep = Callable[[list[int]], tuple[torch.Tensor, dict[str, float]]]


def emit(event: str, **values) -> None:
    if int(os.environ.get("RANK", "0")) == 0:
        print(json.dumps({"event": event, **values}), flush=True)


class Context:
    """What a micro step needs: the model, its parts, the data and the device."""

    def __init__(self, s: Settings) -> None:
        self.settings = s
        self.rank = int(os.environ.get("RANK", "0"))
        self.world = int(os.environ.get("WORLD_SIZE", "1"))
        local = int(os.environ.get("LOCAL_RANK", "0"))
        if torch.cuda.is_available():
            torch.cuda.set_device(local)
            self.device = torch.device("cuda", local)
        else:
            self.device = torch.device("cpu")
        if self.world > 1:
            dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
        torch.manual_seed(s.seed + self.rank)
        np.random.seed(s.seed + self.rank)
        self.data = ShardSet(s.shards)
        if self.data.kind != s.kind:
            raise ValueError(f"{s.shards} holds {self.data.kind} shards, not {s.kind}")
        base, self.quantization = load_base(s.model, s.dtype, s.quantization, self.device)
        self.model = apply_lora(base, s.lora, s.gradient_checkpointing, self.quantization == "4bit")
        self.model.train()
        self.backbone, self.head = backbone_and_head(self.model)
        self.trainable = [p for p in self.model.parameters() if p.requires_grad]

    def sum_all(self, values: list[float]) -> list[float]:
        if self.world == 1:
            return values
        t = torch.tensor(values, dtype=torch.float64, device=self.device)
        dist.all_reduce(t)
        return t.tolist()


def units_of_step(step: int, units: int, per_step: int, seed: int) -> list[int]:
    """The units of optimizer step ``step``: each epoch is a fresh seeded permutation; the tail
    that does not fill a whole step is left out of that epoch. A function of the step alone, so a
    resumed run sees exactly the data the uninterrupted one would have."""
    per_epoch = units // per_step
    epoch, k = divmod(step, per_epoch)
    order = np.random.default_rng(seed + epoch).permutation(units)
    return [int(u) for u in order[k * per_step:(k + 1) * per_step]]


def run(s: Settings, resume: bool, units: Callable[[Context], int], make_step: Callable[[Context], MicroStep],
        normalizer: Callable[[Context, list[int]], float]) -> None:
    ctx = Context(s)
    n_units = units(ctx)
    per_epoch = n_units // s.effective_batch
    if per_epoch == 0:
        raise ValueError(f"{n_units} training units, fewer than one effective batch of {s.effective_batch}")
    total = per_epoch * s.epochs
    if s.max_steps > 0:
        total = min(total, s.max_steps)
    accumulation = s.effective_batch // (s.micro_batch * ctx.world)
    # fused: one kernel for all adapter tensors instead of a few per tensor (CUDA only)
    optimizer = torch.optim.AdamW(ctx.trainable, lr=s.learning_rate, weight_decay=s.weight_decay,
                                  fused=ctx.device.type == "cuda")
    out = Path(s.out)
    ckpt_dir = out / "checkpoints"
    step = 0
    if resume and (found := checkpoint.latest(ckpt_dir)) is not None:
        step = checkpoint.load(found, ctx.model, optimizer, ctx.rank)["step"]
        emit("resumed", step=step, checkpoint=str(found))
    emit("start", kind=s.kind, steps=total, steps_per_epoch=per_epoch, units=n_units,
         units_left_out_per_epoch=n_units - per_epoch * s.effective_batch, accumulation=accumulation,
         world_size=ctx.world, quantization=ctx.quantization, requested_quantization=s.quantization,
         trainable_parameters=sum(p.numel() for p in ctx.trainable),
         parameters=sum(p.numel() for p in ctx.model.parameters()), device=str(ctx.device),
         gpu=torch.cuda.get_device_name(ctx.device) if ctx.device.type == "cuda" else "cpu")
    if ctx.quantization != s.quantization:
        emit("notice", message="bitsandbytes is not installed here: training bf16 LoRA, not QLoRA (4-bit)")
    micro = make_step(ctx)
    started = time.perf_counter()
    while step < total:
        t0 = time.perf_counter()
        mine = units_of_step(step, n_units, s.effective_batch, s.seed)[ctx.rank::ctx.world]
        denominator = ctx.sum_all([normalizer(ctx, mine)])[0]
        lr = learning_rate(step, total, s.learning_rate, s.warmup_ratio)
        for group in optimizer.param_groups:
            group["lr"] = lr
        sums: dict[str, float] = {}
        for i in range(0, len(mine), s.micro_batch):
            loss, metrics = micro(mine[i:i + s.micro_batch])
            (loss / max(denominator, 1e-9)).backward()
            for k, v in metrics.items():
                sums[k] = sums.get(k, 0.0) + v
        if ctx.world > 1:
            for p in ctx.trainable:
                if p.grad is not None:
                    dist.all_reduce(p.grad)  # each rank's loss is already over the global denominator
        grad_norm = float(torch.nn.utils.clip_grad_norm_(ctx.trainable, s.max_grad_norm))
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        keys = sorted(sums)
        totals = dict(zip(keys, ctx.sum_all([sums[k] for k in keys])))
        if ctx.device.type == "cuda":
            torch.cuda.synchronize(ctx.device)
        seconds = time.perf_counter() - t0
        step += 1
        tokens = totals.pop("tokens", 0.0)
        emit("step", step=step, steps=total, epoch=(step - 1) // per_epoch + 1, lr=lr, grad_norm=grad_norm,
             tokens=int(tokens), seconds=seconds, tokens_per_s=tokens / seconds,
             elapsed_s=time.perf_counter() - started,
             peak_memory_gib=(torch.cuda.max_memory_allocated(ctx.device) / 2**30) if ctx.device.type == "cuda" else 0.0,
             **{k: v / denominator for k, v in totals.items()})
        stopping = s.stop_after_steps > 0 and step == s.stop_after_steps
        if step % s.save_every_steps == 0 or step == total or stopping:
            path = checkpoint.save(ckpt_dir, step, ctx.model, optimizer,
                                   {"epoch": (step - 1) // per_epoch + 1, "units_seen": step * s.effective_batch},
                                   ctx.rank, ctx.world, s.keep_checkpoints)
            emit("checkpoint", step=step, path=str(path))
        if stopping:
            emit("stopped", step=step)
            return
    finish(ctx, out)


def finish(ctx: Context, out: Path) -> None:
    """Final adapter in PEFT format (adapter_config.json + adapter_model.safetensors, what vLLM
    loads) and, when asked, the merged model with the base folder's tokenizer files beside it."""
    s = ctx.settings
    if ctx.rank == 0:
        adapter = out / "adapter"
        ctx.model.save_pretrained(str(adapter))
        merged_path = ""
        if s.merge:
            if ctx.quantization == "4bit":
                emit("notice", message="a 4-bit base cannot be merged exactly; no merged model written")
            else:
                merged = ctx.model.merge_and_unload()
                target = out / "merged"
                merged.save_pretrained(str(target))
                for f in Path(s.model).iterdir():
                    if f.name.startswith(("tokenizer", "vocab", "merges", "special_tokens", "generation_config")):
                        shutil.copy2(f, target / f.name)
                merged_path = str(target)
        emit("done", adapter=str(adapter), merged=merged_path)
    if ctx.world > 1:
        dist.barrier()
        dist.destroy_process_group()


def main(kind: str, argv: list[str], units, make_step, normalizer) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog=f"python -m kaizen_worker {kind}")
    parser.add_argument("--config", required=True, help="worker.json written by kaizen train")
    parser.add_argument("--resume", action="store_true", help="continue from the latest complete checkpoint")
    args = parser.parse_args(argv)
    s = Settings.read(args.config)
    if s.kind != kind:
        print(f"{args.config} is a {s.kind} config, not {kind}", file=sys.stderr)
        return 2
    run(s, args.resume, units, make_step, normalizer)
    return 0
