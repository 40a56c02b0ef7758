"""GPU checks after the Java-driven runs of device_check.sh. Prints one JSON object per check
and a final table. Each check states what would make it fail.

    python3 worker/gpu/check.py MODEL_FOLDER DATA_FOLDER
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np
import torch

from kaizen_worker.shards import LOSS, START, Row, collate
from kaizen_worker.losses import target_weights

DEVICE = torch.device("cuda")
results: list[dict] = []


def report(name: str, passed: bool, **values) -> None:
    results.append({"check": name, "passed": bool(passed), **values})
    print(json.dumps(results[-1]), flush=True)


def load(folder: str | Path, dtype=torch.float32):
    from transformers import AutoModelForCausalLM

    m = AutoModelForCausalLM.from_pretrained(str(folder), dtype=dtype, attn_implementation="sdpa").to(DEVICE)
    return m.eval()


def metrics(run: Path) -> list[dict]:
    return [json.loads(l) for l in (run / "metrics.jsonl").read_text().splitlines() if l.strip()]


def rows(path: Path) -> list[Row]:
    out = []
    for line in path.read_text().splitlines():
        r = json.loads(line)
        flags = np.array(r["loss"], dtype=np.uint8) * LOSS
        flags[0] |= START
        out.append(Row(np.array(r["ids"], dtype=np.int32), flags))
    return out


def packing(model_dir: str, data: Path) -> None:
    """Packed row (positions reset, no mask) must give each example the hidden states it gets
    alone; the control packs the same row without the resets and must differ."""
    model = load(model_dir)
    examples = rows(data / "eval.jsonl")[:3]
    packed_row = Row(np.concatenate([e.ids for e in examples]), np.concatenate([e.flags for e in examples]))
    with torch.no_grad():
        packed = model.model(**_inputs(collate([packed_row], True))).last_hidden_state[0]
        alone = torch.cat([model.model(**_inputs(collate([e], True))).last_hidden_state[0] for e in examples])
        leaky = collate([packed_row], True)
        leaky_in = _inputs(leaky)
        leaky_in["position_ids"] = torch.arange(len(packed_row.ids), device=DEVICE).unsqueeze(0)
        control = model.model(**leaky_in).last_hidden_state[0]
    diff = float((packed - alone).abs().max())
    leak = float((control - alone).abs().max())
    report("packing keeps attention inside each example (fp32)", diff < 1e-4 and leak > 1e-2,
           max_abs_diff_packed_vs_alone=diff, max_abs_diff_without_resets=leak)


def _inputs(batch) -> dict:
    b = batch.to(DEVICE)
    return {"input_ids": b.input_ids, "position_ids": b.position_ids, "attention_mask": b.attention_mask,
            "use_cache": False}


def split_ce(model, data: Path) -> tuple[float, float]:
    """Mean CE on the trained reply tokens and on the untrained filler tokens of the eval set."""
    reply_sum = filler_sum = 0.0
    reply_n = filler_n = 0
    for e in rows(data / "eval.jsonl"):
        b = collate([e], True).to(DEVICE)
        with torch.no_grad():
            logits = model(input_ids=b.input_ids, position_ids=b.position_ids, use_cache=False).logits[0, :-1].float()
        ce = torch.nn.functional.cross_entropy(logits, b.input_ids[0, 1:], reduction="none")
        trained = target_weights(b.flags)[0] > 0
        filler = torch.zeros_like(trained)
        filler[10:24] = True  # predicting filler tokens 2..15 from the filler before them
        reply_sum += float(ce[trained].sum())
        reply_n += int(trained.sum())
        filler_sum += float(ce[filler].sum())
        filler_n += int(filler.sum())
    return reply_sum / reply_n, filler_sum / filler_n


def learning(model_dir: str, data: Path) -> None:
    from peft import PeftModel

    m = metrics(data / "runs/sft")
    first, last = m[0]["loss"], m[-1]["loss"]
    report("SFT training loss falls", last < 0.5 * first, first_step_loss=first, last_step_loss=last, steps=len(m))
    base = load(model_dir)
    base_reply, base_filler = split_ce(base, data)
    tuned = PeftModel.from_pretrained(base, str(data / "runs/sft/adapter")).eval()
    reply, filler = split_ce(tuned, data)
    report("held-out: reply CE falls, untrained filler CE does not", reply < 0.5 * base_reply and filler > 0.8 * base_filler,
           base_reply_ce=base_reply, tuned_reply_ce=reply, base_filler_ce=base_filler, tuned_filler_ce=filler,
           uniform_ce=math.log(512))


def resume(data: Path) -> None:
    a = metrics(data / "runs/sft")
    b = metrics(data / "runs/sft-resumed")
    steps_a = [r["step"] for r in a]
    steps_b = [r["step"] for r in b]
    diffs = [abs(x["loss"] - y["loss"]) for x, y in zip(a, b)]
    report("stopped at step 10 + resumed = uninterrupted loss curve", steps_a == steps_b and max(diffs) < 1e-3,
           steps=len(a), max_abs_loss_diff=max(diffs), first_diff_after_resume=diffs[10] if len(diffs) > 10 else None)


def adapter_and_merge(model_dir: str, data: Path) -> None:
    """The saved adapter loads back with peft; the merged folder equals base + adapter."""
    from peft import PeftModel

    ids = torch.tensor([rows(data / "eval.jsonl")[0].ids.astype(np.int64)], device=DEVICE)
    base = load(model_dir, torch.bfloat16)
    with torch.no_grad():
        with_adapter = PeftModel.from_pretrained(base, str(data / "runs/sft/adapter")).eval()
        ref = with_adapter(input_ids=ids).logits.float()
        merged = load(data / "runs/sft/merged", torch.bfloat16)(input_ids=ids).logits.float()
    rel = float((merged - ref).norm() / ref.norm())
    same_argmax = float((merged.argmax(-1) == ref.argmax(-1)).float().mean())
    cfg = json.loads((data / "runs/sft/adapter/adapter_config.json").read_text())
    report("merged model = base + adapter (bf16 weights)", rel < 2e-2 and same_argmax > 0.95, relative_l2=rel,
           argmax_agreement=same_argmax, adapter_files=sorted(p.name for p in (data / "runs/sft/adapter").iterdir()),
           lora_r=cfg.get("r"), lora_alpha=cfg.get("lora_alpha"), targets=sorted(cfg.get("target_modules") or []))


def dpo(data: Path) -> None:
    m = metrics(data / "runs/dpo")
    head = m[:2]
    tail = m[-2:]
    first = sum(r["reward_margin"] for r in head) / len(head)
    last = sum(r["reward_margin"] for r in tail) / len(tail)
    report("DPO raises the chosen-vs-rejected reward margin", last > first + 0.05 and tail[-1]["loss"] < head[0]["loss"],
           first_margin=first, last_margin=last, first_loss=head[0]["loss"], last_loss=tail[-1]["loss"],
           last_accuracy=tail[-1]["accuracy"], steps=len(m))


def main() -> None:
    model_dir, data = sys.argv[1], Path(sys.argv[2])
    for check in (lambda: packing(model_dir, data), lambda: learning(model_dir, data), lambda: resume(data),
                  lambda: adapter_and_merge(model_dir, data), lambda: dpo(data)):
        try:
            check()
        except Exception as e:  # keep going: one broken check must not hide the others
            import traceback

            traceback.print_exc()
            report("error", False, error=repr(e))
    print("\n".join(f"{'PASS' if r['passed'] else 'FAIL'}  {r['check']}" for r in results))


if __name__ == "__main__":
    main()
