"""LoRA SFT speed on one GPU: Kaizen's training path against a plain transformers + peft loop, over
the SAME examples (Kaizen's synthetic trajectories rendered with the Qwen template by Java, read
from a packed shard folder), with the same model shape (random weights) and the same LoRA.

    python3 worker/gpu/speed.py --shards DIR [--preset qwen2.5-7b] [--rows 12] [--variants ...]

Kaizen: packed rows of <= 4096 tokens, per-example causal attention (kaizen_packed: one varlen
flash-attention call a layer), vocabulary projection at trained positions only, float32 adapters
computed in bf16 (model.compute_precision) by fused_lora, torch's fused RMSNorm, fused AdamW.
Plain loop: the examples of the same rows in a seeded random order, padded per batch to the
longest (HF collator style), labels -100 outside the replies, ``model(input_ids, attention_mask,
labels)`` (full logits, transformers' loss), SDPA with the padding mask, torch's default AdamW,
peft's defaults (float32 adapters computed in float32; the ``-autocast`` variant runs under
torch.autocast, as HF Trainer's bf16=True does). Every variant takes one optimizer step per
micro-batch.

Useful FLOPs (the same count for every variant, from the data alone; docs/BENCHMARKS.md):
  per token 4 * N_linear (forward + input-gradient backward through the frozen projections),
  per trained token 4 * V * H (vocabulary projection, forward + input gradient),
  per example and layer 6 * l^2 * H_q (causal attention: forward 2, backward 4),
  per token and adapted module 6 * r * (in + out) (adapter forward, input and weight gradients).
Recomputation (gradient checkpointing) and padding are not useful work and are not counted.
Prints one JSON line per variant, then a summary line.
"""
from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import time

import numpy as np
import torch

from kaizen_worker.attention import KERNEL_ENV, disable_cudnn_attention
from kaizen_worker.losses import target_weights, weighted_token_ce
from kaizen_worker.model import LoraSettings, apply_lora, backbone_and_head, compute_precision
from kaizen_worker.sft import batch_loss
from kaizen_worker.shards import LOSS, START, Row, ShardSet, collate
from kaizen_worker.tiny_model import build

PROJECTIONS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
H100_SXM_BF16_DENSE = 989e12  # NVIDIA's spec sheet, dense (no sparsity)
CUDA = torch.cuda.is_available()  # the CPU path is for trying the script on a tiny preset only
DEVICE = torch.device("cuda" if CUDA else "cpu")


def sync() -> None:
    if CUDA:
        torch.cuda.synchronize()

VARIANTS = {
    # name: (path, gradient checkpointing, lora dropout, micro-batch: rows (kaizen) or examples (plain),
    #        extras, comma-separated: "autocast" = the plain loop under torch.autocast (what HF Trainer's
    #        bf16=True does); for Kaizen's path, what differs from its defaults (varlen attention, fused
    #        RMSNorm, fused LoRA): "sdpa" = one SDPA call per packed example (KAIZEN_PACKED_ATTENTION=sdpa),
    #        "own-norms" = the model's own RMSNorm, "peft-lora" = peft's LoRA forward, "compile" = each
    #        layer's MLP and norms compiled by torch.compile, "compile-layers" = each whole decoder layer
    #        compiled, the packed attention left outside)
    "kaizen-plan": ("kaizen", True, 0.05, 1, ""),
    "kaizen-fast": ("kaizen", False, 0.0, 1, ""),
    "kaizen-fast-sdpa": ("kaizen", False, 0.0, 1, "sdpa"),
    "kaizen-fast-own-norms": ("kaizen", False, 0.0, 1, "own-norms"),
    "kaizen-fast-sdpa-own-norms": ("kaizen", False, 0.0, 1, "sdpa,own-norms"),
    "kaizen-fast-peft-lora": ("kaizen", False, 0.0, 1, "peft-lora"),
    "kaizen-fast-compile": ("kaizen", False, 0.0, 1, "compile"),
    "kaizen-fast-compile-layers": ("kaizen", False, 0.0, 1, "compile-layers"),
    "kaizen-fast-mb2": ("kaizen", False, 0.0, 2, ""),
    "plain-plan": ("plain", True, 0.05, 4, ""),
    "plain-plan-autocast": ("plain", True, 0.05, 4, "autocast"),
    "plain-nockpt": ("plain", False, 0.0, 2, ""),
}


def examples_of(row: Row) -> list[Row]:
    starts = [int(i) for i in np.flatnonzero(row.flags & START)] + [len(row.ids)]
    return [Row(row.ids[a:b], row.flags[a:b] & ~np.uint8(START)) for a, b in zip(starts, starts[1:])]


def allow_recompiles() -> None:
    """A few compilations per compiled function (shapes of the 7 projections, the first layer's input
    without gradient) must not exhaust dynamo's default limit of 8 (the knob's name changed in 2.7)."""
    import torch._dynamo.config as dynamo

    for knob in ("cache_size_limit", "recompile_limit"):
        if hasattr(dynamo, knob):
            setattr(dynamo, knob, 64)


def compile_pointwise(peft_model) -> None:
    """torch.compile on each decoder layer's MLP (three adapted projections, SiLU, product) and both
    RMSNorms: their element-wise work fuses into few kernels. Attention stays eager (its per-example
    spans change every batch). Compiled once, reused by every layer (parameters are graph inputs)."""
    allow_recompiles()
    for layer in peft_model.get_base_model().model.layers:
        for module in (layer.mlp, layer.input_layernorm, layer.post_attention_layernorm):
            module.compile(dynamic=True)  # packed rows differ in length: one graph for all of them


def compile_layers(peft_model) -> dict:
    """torch.compile on each whole decoder layer (norms, projections with their adapters, rotary
    embedding, MLP, residuals); the packed attention runs outside the graphs (a graph break), and
    reads the batch's spans from the returned holder rather than from the layer's arguments."""
    from transformers import AttentionInterface

    from kaizen_worker.attention import packed_attention

    allow_recompiles()
    holder: dict = {"now": None}

    @torch._dynamo.disable
    def attend(module, query, key, value, attention_mask, dropout=0.0, scaling=None, sliding_window=None, **kwargs):
        return packed_attention(module, query, key, value, attention_mask, dropout, scaling, sliding_window,
                                kaizen_segments=holder["now"])

    AttentionInterface.register("kaizen_packed_outside", attend)
    base = peft_model.get_base_model()
    base.set_attn_implementation("kaizen_packed_outside")
    for layer in base.model.layers:
        layer.compile(dynamic=True)
    return holder


def useful_flops(model, examples: list[Row], r: int) -> dict:
    cfg = model.config
    linear = sum(m.weight.numel() for n, m in model.named_modules()
                 if isinstance(m, torch.nn.Linear) and n.split(".")[-1] in PROJECTIONS)
    adapter = sum(r * (m.in_features + m.out_features) for n, m in model.named_modules()
                  if isinstance(m, torch.nn.Linear) and n.split(".")[-1] in PROJECTIONS)
    head_q = cfg.num_attention_heads * getattr(cfg, "head_dim", None) if getattr(cfg, "head_dim", None) \
        else cfg.hidden_size
    tokens = sum(len(e.ids) for e in examples)
    # a target is trained when the token it predicts is (the first token of an example never is)
    trained = sum(int(((e.flags[1:] & LOSS) != 0).sum()) for e in examples)
    attention = sum(6 * len(e.ids) ** 2 * head_q for e in examples) * cfg.num_hidden_layers
    total = 4 * linear * tokens + 4 * cfg.vocab_size * cfg.hidden_size * trained + attention + 6 * adapter * tokens
    return {"tokens": tokens, "trained_tokens": trained, "linear_params": linear, "adapter_params": adapter,
            "flops": total, "flops_attention": attention}


def plain_batches(examples: list[Row], size: int, seed: int):
    order = np.random.default_rng(seed).permutation(len(examples))
    for i in range(0, len(order), size):
        chunk = [examples[j] for j in order[i:i + size]]
        width = max(len(e.ids) for e in chunk)
        ids = torch.zeros((len(chunk), width), dtype=torch.long)
        mask = torch.zeros((len(chunk), width), dtype=torch.long)
        labels = torch.full((len(chunk), width), -100, dtype=torch.long)
        for k, e in enumerate(chunk):
            n = len(e.ids)
            ids[k, :n] = torch.from_numpy(e.ids.astype(np.int64))
            mask[k, :n] = 1
            trained = torch.from_numpy((e.flags & LOSS) != 0)
            labels[k, :n] = torch.where(trained, ids[k, :n], torch.full_like(ids[k, :n], -100))
        yield ids.to(DEVICE), mask.to(DEVICE), labels.to(DEVICE)


def print_profile(one, batches) -> None:
    """The GPU kernels of a few micro-batches, most time first (torch.profiler), on stdout."""
    from torch.profiler import ProfilerActivity, profile

    with profile(activities=[ProfilerActivity.CPU, ProfilerActivity.CUDA]) as prof:
        for b in batches:
            one(b)
        sync()
    table = prof.key_averages()
    for key in ("self_device_time_total", "self_cuda_time_total"):
        try:
            print(table.table(sort_by=key, row_limit=40, max_name_column_width=70), flush=True)
            return
        except Exception as e:  # noqa: BLE001 - a profile is extra: never lose the variants still to run
            print(f"profile table by {key} failed: {e}", flush=True)


def run_variant(name: str, preset: str, vocab: int, rows: list[Row], warm_rows: list[Row], seed: int,
                profile: bool = False) -> dict:
    path, checkpointing, dropout, micro, extra_list = VARIANTS[name]
    extra = set(extra_list.split(",")) - {""}
    if "sdpa" in extra:
        os.environ[KERNEL_ENV] = "sdpa"
    else:
        os.environ.pop(KERNEL_ENV, None)
    if CUDA:
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats()
    model = build(preset, vocab or None, 0, torch.bfloat16 if CUDA else torch.float32, DEVICE.type)
    model.config.use_cache = False
    if path == "kaizen":
        from kaizen_worker.attention import register

        model.set_attn_implementation(register())
    examples = [e for r in rows for e in examples_of(r)]
    flops = useful_flops(model, examples, 64)  # before peft wraps the projections
    if path == "kaizen":
        peft_model = apply_lora(model, LoraSettings(64, 128, dropout, PROJECTIONS), checkpointing, False,
                                fused="peft-lora" not in extra, fused_norms="own-norms" not in extra)
        if "compile" in extra:
            compile_pointwise(peft_model)
        segments = compile_layers(peft_model) if "compile-layers" in extra else None
    else:  # peft as a plain loop uses it: its defaults (float32 adapters, their inputs cast to float32)
        from peft import LoraConfig, get_peft_model

        if checkpointing:
            model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        peft_model = get_peft_model(model, LoraConfig(r=64, lora_alpha=128, lora_dropout=dropout,
                                                      target_modules=PROJECTIONS, task_type="CAUSAL_LM"))
    peft_model.train()
    trainable = [p for p in peft_model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=1e-5, fused=CUDA and path == "kaizen")

    if path == "kaizen":
        backbone, head = backbone_and_head(peft_model)

        def units(data):
            return [collate(data[i:i + micro], packed=True).to(DEVICE) for i in range(0, len(data), micro)]

        def step(batch):
            if segments is None:
                loss = batch_loss(backbone, head, batch, 1.0, 1.0)
            else:  # the spans go around the compiled layers, which would specialise on them as arguments
                segments["now"] = batch.segments
                weights = target_weights(batch.flags)
                selected = weights > 0
                with compute_precision(backbone):
                    hidden = backbone(input_ids=batch.input_ids, position_ids=batch.position_ids,
                                      use_cache=False).last_hidden_state[:, :-1][selected]
                loss = weighted_token_ce(hidden, head, batch.input_ids[:, 1:][selected], weights[selected])
            loss = loss / max(1, int((batch.flags & LOSS).sum()))
            loss.backward()
            return loss
        timed, warm = units(rows), units(warm_rows)
    else:
        precision = (lambda: torch.autocast(DEVICE.type, dtype=torch.bfloat16)) if "autocast" in extra \
            else contextlib.nullcontext

        def step(batch):
            ids, mask, labels = batch
            with precision():
                loss = peft_model(input_ids=ids, attention_mask=mask, labels=labels, use_cache=False).loss
            loss.backward()
            return loss
        timed = list(plain_batches(examples, micro, seed))
        warm = list(plain_batches([e for r in warm_rows for e in examples_of(r)], micro, seed))

    def one(batch) -> float:
        loss = step(batch)
        torch.nn.utils.clip_grad_norm_(trainable, 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        return float(loss.detach())

    for b in warm:
        one(b)
    sync()
    t0 = time.perf_counter()
    losses = [one(b) for b in timed]
    sync()
    seconds = time.perf_counter() - t0
    if profile and CUDA:
        print_profile(one, timed[:2])
    padded = sum(int(b.input_ids.numel()) for b in timed) if path == "kaizen" else sum(int(b[0].numel()) for b in timed)
    result = {"variant": name, "path": path, "gradient_checkpointing": checkpointing, "lora_dropout": dropout,
              "micro_batch": micro, "micro_batches": len(timed), "seconds": seconds,
              "useful_tokens_per_s": flops["tokens"] / seconds, "positions_computed": padded,
              "useful_tflops_per_s": flops["flops"] / seconds / 1e12,
              "mfu_vs_989": flops["flops"] / seconds / H100_SXM_BF16_DENSE,
              "peak_memory_gib": torch.cuda.max_memory_allocated() / 2**30 if CUDA else 0.0, "mean_loss": float(np.mean(losses)),
              **flops}
    del peft_model, model, optimizer, timed, warm
    gc.collect()
    if CUDA:
        torch.cuda.empty_cache()
    return result


def matmul_peak() -> float:
    if not CUDA:
        return float("nan")
    a = torch.randn(8192, 8192, device="cuda", dtype=torch.bfloat16)
    b = torch.randn(8192, 8192, device="cuda", dtype=torch.bfloat16)
    for _ in range(3):
        a @ b
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(10):
        a @ b
    torch.cuda.synchronize()
    return 10 * 2 * 8192**3 / (time.perf_counter() - t0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shards", required=True, help="a packed SFT shard folder (kaizen train --dry-run)")
    parser.add_argument("--preset", default="qwen2.5-7b")
    parser.add_argument("--rows", type=int, default=12, help="packed rows timed (their examples, for the plain loop)")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--vocab", type=int, default=0, help="override the preset's vocabulary (CPU trials)")
    parser.add_argument("--profile", default="", help="variants whose kernels are profiled after timing (comma list)")
    args = parser.parse_args()
    disable_cudnn_attention()  # for both loops, so the comparison is of the loops alone
    data = ShardSet(args.shards)
    if data.layout != "packed":
        raise SystemExit(f"{args.shards}: a packed shard folder is needed")
    rows = [data.row(i) for i in range(2, 2 + args.rows)]
    warm_rows = [data.row(i) for i in range(2)]
    peak = matmul_peak()
    print(json.dumps({"gpu": torch.cuda.get_device_name() if CUDA else "cpu", "torch": torch.__version__,
                      "matmul_bf16_8192_tflops": peak / 1e12}), flush=True)
    results = []
    for name in args.variants.split(","):
        try:
            r = run_variant(name, args.preset, args.vocab, rows, warm_rows, args.seed,
                            name in args.profile.split(","))
            r["mfu_vs_measured_matmul"] = r["useful_tflops_per_s"] * 1e12 / peak
        except Exception as e:  # noqa: BLE001 - out of memory, a compile failure: the other variants still run
            r = {"variant": name, "error": f"{type(e).__name__}: {str(e)[:300]}"}
            gc.collect()
            if CUDA:
                torch.cuda.empty_cache()
        results.append(r)
        print(json.dumps(r), flush=True)
    ok = [r for r in results if "error" not in r]
    best = {p: max((r for r in ok if r["path"] == p), key=lambda r: r["useful_tokens_per_s"], default=None)
            for p in ("kaizen", "plain")}
    if best["kaizen"] and best["plain"]:
        print(json.dumps({"summary": True, "best_kaizen": best["kaizen"]["variant"], "best_plain": best["plain"]["variant"],
                          "speedup_vs_best_plain": best["kaizen"]["useful_tokens_per_s"] / best["plain"]["useful_tokens_per_s"],
                          "kaizen_mfu_vs_989": best["kaizen"]["mfu_vs_989"]}), flush=True)


if __name__ == "__main__":
    main()
