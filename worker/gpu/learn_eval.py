"""Measurements of the learning check (docs/TRAINING.md, "Learning from scratch"), on shards that
Java wrote (`kaizen train ... --dry-run` over the held-out files of learn_data.py), so the prompts
are exactly Kaizen's tokenizer and template.

    python3 learn_eval.py next-action --base DIR [--adapter DIR] --shards DIR --tokenizer FILE
    python3 learn_eval.py dpo-margin --base DIR --adapter DIR --shards DIR [--beta 0.1]
    python3 learn_eval.py merge --base DIR --adapter DIR --out DIR

next-action: each held-out record is a conversation whose trained tokens are exactly one expert
reply; the prompt is everything before them. Greedy generation (up to the reply's length + 16
tokens, stopping at <|im_end|>); a hit is an exact match of the action (household: the ACTION
line; DBBench: from "Action:" on) and, separately, of the whole reply.
dpo-margin: per held-out pair, the summed log-probabilities of the trained completion tokens
under the policy (base + DPO adapter) and the reference (base, adapters off):
margin = beta * ((pc - pr) - (rc - rr)), as in training.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from learn_data import action_of  # noqa: E402

from kaizen_worker.attention import disable_cudnn_attention  # noqa: E402
from kaizen_worker.losses import sequence_logps, target_weights  # noqa: E402
from kaizen_worker.model import backbone_and_head, hidden_states  # noqa: E402
from kaizen_worker.shards import LOSS, ShardSet, collate  # noqa: E402

IM_END = 151645
PAD = 151643
DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")
DTYPE = torch.bfloat16 if torch.cuda.is_available() else torch.float32


def load(base: str, adapter: str | None, attention: str, merge: bool):
    from transformers import AutoModelForCausalLM

    disable_cudnn_attention()
    model = AutoModelForCausalLM.from_pretrained(base, dtype=DTYPE, attn_implementation=attention,
                                                 local_files_only=True).to(DEVICE)
    if adapter:
        from peft import PeftModel

        model = PeftModel.from_pretrained(model, adapter)
        if merge:
            model = model.merge_and_unload()
    return model.eval()


def next_action(args) -> dict:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(args.tokenizer)
    model = load(args.base, args.adapter, "sdpa", merge=True)
    data = ShardSet(args.shards)
    items = []
    for i in range(min(len(data), args.limit or len(data))):
        row = data.row(i)
        trained = np.flatnonzero(row.flags & LOSS)
        k = int(trained[0])
        items.append((row.ids[:k].astype(np.int64), row.ids[k:int(trained[-1]) + 1].astype(np.int64)))
    order = sorted(range(len(items)), key=lambda j: len(items[j][0]))
    hits = {"action": 0, "reply": 0}
    by_kind: dict[str, list[int]] = {}
    samples = []
    for at in range(0, len(order), args.batch):
        chunk = [items[j] for j in order[at:at + args.batch]]
        width = max(len(p) for p, _ in chunk)
        ids = torch.full((len(chunk), width), PAD, dtype=torch.long)
        mask = torch.zeros((len(chunk), width), dtype=torch.long)
        for r, (p, _) in enumerate(chunk):  # left padding, as generation needs
            ids[r, width - len(p):] = torch.from_numpy(p)
            mask[r, width - len(p):] = 1
        new = max(len(e) for _, e in chunk) + 16
        with torch.no_grad():
            out = model.generate(input_ids=ids.to(DEVICE), attention_mask=mask.to(DEVICE), max_new_tokens=new,
                                 do_sample=False, eos_token_id=IM_END, pad_token_id=PAD)
        for r, (p, expected) in enumerate(chunk):
            got = out[r, width:].tolist()
            got = got[:got.index(IM_END)] if IM_END in got else got
            want = expected.tolist()
            want = want[:want.index(IM_END)] if IM_END in want else want
            got_text, want_text = tok.decode(got), tok.decode(want)
            kind = "household" if "ACTION:" in want_text else "dbbench"
            hit = action_of(got_text) == action_of(want_text)
            hits["action"] += hit
            hits["reply"] += got == want
            by_kind.setdefault(kind, []).append(int(hit))
            if len(samples) < 6 or (hit and len(samples) < 12):
                samples.append({"kind": kind, "expected_action": action_of(want_text)[:200],
                                "generated_action": action_of(got_text)[:200], "hit": bool(hit)})
    n = len(items)
    return {"turns": n, "action_exact_match": hits["action"] / n, "reply_exact_match": hits["reply"] / n,
            "by_kind": {k: {"turns": len(v), "action_exact_match": sum(v) / len(v)} for k, v in by_kind.items()},
            "adapter": args.adapter or "", "samples": samples}


def dpo_margin(args) -> dict:
    from kaizen_worker.attention import register

    model = load(args.base, args.adapter, register(), merge=False)
    backbone, head = backbone_and_head(model)
    data = ShardSet(args.shards)
    pairs = len(data) // 2
    policy, reference = [], []
    for at in range(0, pairs, args.batch):
        rows = [data.row(r) for p in range(at, min(pairs, at + args.batch)) for r in (2 * p, 2 * p + 1)]
        batch = collate(rows, packed=False).to(DEVICE)
        selected = target_weights(batch.flags) > 0
        owner = torch.nonzero(selected, as_tuple=True)[0]
        targets = batch.input_ids[:, 1:][selected]
        with torch.no_grad():
            policy.append(sequence_logps(hidden_states(backbone, batch)[:, :-1][selected], head, targets, owner, len(rows)))
            with model.disable_adapter():
                reference.append(sequence_logps(hidden_states(backbone, batch)[:, :-1][selected], head, targets, owner,
                                                len(rows)))
    pol, ref = torch.cat(policy).double(), torch.cat(reference).double()
    gap_policy, gap_reference = pol[0::2] - pol[1::2], ref[0::2] - ref[1::2]
    margin = args.beta * (gap_policy - gap_reference)
    return {"pairs": pairs, "beta": args.beta, "mean_margin": float(margin.mean()),
            "accuracy_margin_positive": float((margin > 0).double().mean()),
            "reference_chosen_minus_rejected_logp": float(gap_reference.mean()),
            "policy_chosen_minus_rejected_logp": float(gap_policy.mean()),
            "reference_prefers_chosen": float((gap_reference > 0).double().mean()),
            "policy_prefers_chosen": float((gap_policy > 0).double().mean()), "adapter": args.adapter}


def merge(args) -> dict:
    model = load(args.base, args.adapter, "sdpa", merge=True)
    model.save_pretrained(args.out)
    for f in Path(args.base).iterdir():
        if f.name.startswith(("tokenizer", "generation_config")):
            shutil.copy2(f, Path(args.out) / f.name)
    return {"merged": args.out, "adapter": args.adapter}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["next-action", "dpo-margin", "merge"])
    parser.add_argument("--base", required=True)
    parser.add_argument("--adapter", default="")
    parser.add_argument("--shards")
    parser.add_argument("--tokenizer")
    parser.add_argument("--out")
    parser.add_argument("--beta", type=float, default=0.1)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    result = {"next-action": next_action, "dpo-margin": dpo_margin, "merge": merge}[args.command](args)
    print(json.dumps({"measure": args.command, "label": args.label, **result}), flush=True)


if __name__ == "__main__":
    main()
