"""GRPO: the worker serves generations and takes policy-gradient steps; Java drives both.

    python -m kaizen_worker grpo --config DIR/worker.json [--resume]

Loads the base (the SFT model), adds fresh LoRA adapters, and serves (serve.py) on 127.0.0.1.
Java runs the episodes against ``/v1/completions``, computes rewards and group-relative
advantages, and posts the token-level batch to ``/kaizen/step``: rows of ``ids``, ``trained``
(1 on model-written tokens), ``old_logprobs`` (what the server returned for those tokens: their
log-probs under the distribution they were drawn from, softmax(logits / temperature)), one
``advantage`` per row and optionally a ``token_weight`` (default 1; Java's grpo.loss_normalization
sets it). The step trains that same tempered distribution: the clipped surrogate plus ``kl`` x the
k3 KL estimate to the frozen base (the same model with adapters disabled, at the same temperature),
a weighted mean over trained tokens, one optimizer step a batch; it reports the policy's mean
entropy over the trained tokens, and refuses a batch whose old log-probs are temperature-1 ones. ``/kaizen/checkpoint`` writes a checkpoint (checkpoint.py), ``/kaizen/adapter`` the live
adapters alone (for an external vLLM endpoint to load), ``/kaizen/shutdown`` ends the process.
Events on stdout: ``serving`` (port), ``resumed``, ``stopped``.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np
import torch

from . import checkpoint
from .attention import register_sampling
from .losses import entropy, grpo_token_terms, sampling_logps, target_weights
from .model import LoraSettings, apply_lora, backbone_and_head, hidden_states, load_base
from .serve import Batcher, PrefixStore, model_sampler, serve, tokenizer_logits
from .shards import LOSS, Row, collate
from .train import emit


@dataclass(frozen=True)
class GrpoSettings:
    kind: str  # "grpo"
    model: str  # local Hugging Face folder: the SFT model (merged), also the KL reference
    name: str  # the model name the server answers to
    out: str  # run folder (checkpoints/, adapter/)
    lora: LoraSettings
    dtype: str
    learning_rate: float
    weight_decay: float
    max_grad_norm: float
    clip: float  # epsilon of the clipped ratio
    kl: float  # beta of the KL term
    seed: int
    gradient_checkpointing: bool
    micro_batch_tokens: int  # padded tokens per forward pass in a step
    max_batch: int  # prompts sampled together
    end_ids: list[int]  # tokens that end a reply (e.g. <|im_end|>, <|endoftext|>)
    pad_id: int
    vocab_size: int  # the tokenizer's: ids beyond it (the model's padded rows) are never sampled
    prefix_cache: bool  # prompts that extend an earlier sequence prefill only their new part
    port: int  # 0 = any free port
    keep_checkpoints: int
    temperature: float  # the rollouts' sampling temperature: the step trains softmax(logits / temperature)

    @staticmethod
    def read(path: str | Path) -> "GrpoSettings":
        raw = json.loads(Path(path).read_text())
        names = {f.name for f in fields(GrpoSettings)}
        if set(raw) != names:
            raise ValueError(f"{path}: unknown keys {sorted(set(raw) - names)}, missing keys {sorted(names - set(raw))}")
        raw["lora"] = LoraSettings(**raw["lora"])
        return GrpoSettings(**raw)


PREFIX_CACHE_BYTES = 8 << 30  # keys and values of earlier sequences kept for their episodes' next turns


def rows_of(batch: dict) -> list[tuple[Row, np.ndarray, float, float]]:
    """The posted rows as shard rows (trained tokens flagged LOSS), their old log-probs, advantages
    and token weights."""
    out = []
    for i, r in enumerate(batch["rows"]):
        ids = np.asarray(r["ids"], dtype=np.int32)
        trained = np.asarray(r["trained"], dtype=np.uint8)
        old = np.asarray(r["old_logprobs"], dtype=np.float32)
        if not (len(ids) == len(trained) == len(old)) or len(ids) < 2:
            raise ValueError(f"row {i}: ids, trained and old_logprobs must have one entry per token (at least 2)")
        if trained[0]:
            raise ValueError(f"row {i}: the first token cannot be trained (nothing predicts it)")
        weight = float(r.get("token_weight", 1.0))
        if not (weight >= 0.0 and np.isfinite(weight)):
            raise ValueError(f"row {i}: token_weight must be a finite number >= 0, not {r.get('token_weight')}")
        out.append((Row(ids, trained * LOSS), old, float(r["advantage"]), weight))
    return out


def micro_batches(lengths: list[int], budget: int) -> list[list[int]]:
    """Row indices grouped, longest first, so each group's padded size (rows x longest) fits the budget
    (a single longer row goes alone)."""
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    groups: list[list[int]] = []
    for i in order:
        if groups and (len(groups[-1]) + 1) * lengths[groups[-1][0]] <= budget:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


class Trainer:
    def __init__(self, s: GrpoSettings, resume: bool, adapted: tuple | None = None) -> None:
        """Loads ``s.model`` and adds fresh LoRA adapters; ``adapted`` = (model, backbone, head) is a
        model already built instead (the tests' stand-in, with peft's ``disable_adapter``)."""
        self.s = s
        self.device = torch.device("cuda") if torch.cuda.is_available() and adapted is None else torch.device("cpu")
        torch.manual_seed(s.seed)
        np.random.seed(s.seed)
        if adapted is None:
            base, _ = load_base(s.model, s.dtype, "none", self.device)
            # The sampler left-pads a batch and relies on the attention mask to hide the padding; the
            # packed SFT attention has no mask function, so transformers would build no mask (sampled
            # and trained log-probs then differed by 0.58 nats a token on CPU). GRPO samples and trains
            # with kaizen_sampling: SDPA with SDPA's masks, plus the static cache the sampler's graphs need.
            base.set_attn_implementation(register_sampling())
            self.model = apply_lora(base, s.lora, s.gradient_checkpointing, False)
            self.backbone, self.head = backbone_and_head(self.model)
        else:
            self.model, self.backbone, self.head = adapted
        self.trainable = [p for p in self.model.parameters() if p.requires_grad]
        self.optimizer = torch.optim.AdamW(self.trainable, lr=s.learning_rate, weight_decay=s.weight_decay)
        self.lock = threading.Lock()
        self.step = 0
        if resume and (found := checkpoint.latest(Path(s.out) / "checkpoints")) is not None:
            self.step = checkpoint.load(found, self.model, self.optimizer, 0)["step"]
            emit("resumed", step=self.step, checkpoint=str(found))
        self.model.eval()  # no dropout while sampling; the step switches to train mode

    def logits(self, batch, selected) -> torch.Tensor:
        """The logits predicting each selected token, [N, V] in float32."""
        hidden = hidden_states(self.backbone, batch)[:, :-1][selected]
        return tokenizer_logits(self.head(hidden).float(), self.s.vocab_size)

    def logps(self, batch, selected, temperature: float = 1.0) -> torch.Tensor:
        targets = batch.input_ids[:, 1:][selected]
        return sampling_logps(self.logits(batch, selected), targets, temperature)[0]

    def train_step(self, body: dict) -> dict:
        rows = rows_of(body)
        if not rows:
            raise ValueError("an empty batch")
        with self.lock:
            return self._step(rows, float(body.get("learning_rate", self.s.learning_rate)))

    def _step(self, rows, lr: float) -> dict:
        t0 = time.perf_counter()
        self.model.train()
        for g in self.optimizer.param_groups:
            g["lr"] = lr
        counts = [int(r.flags[1:].astype(bool).sum()) for r, _, _, _ in rows]
        total = float(sum(counts))  # the reported terms are plain token means
        weight_sum = sum(n * w for n, (_, _, _, w) in zip(counts, rows))
        if weight_sum <= 0:
            raise ValueError("every row has token_weight 0: nothing to train")
        sums = {"loss": 0.0, "kl": 0.0, "ratio": 0.0, "clipped": 0.0, "logprob_gap": 0.0, "raw_gap": 0.0, "entropy": 0.0}
        tempered = self.s.temperature != 1.0
        for group in micro_batches([len(r.ids) for r, _, _, _ in rows], self.s.micro_batch_tokens):
            batch = collate([rows[i][0] for i in group], packed=False, pad_id=self.s.pad_id).to(self.device)
            selected = target_weights(batch.flags) > 0
            width = batch.input_ids.shape[1]
            old = torch.zeros((len(group), width), dtype=torch.float32)
            adv = torch.zeros((len(group), width), dtype=torch.float32)
            weight = torch.zeros((len(group), width), dtype=torch.float32)
            for k, i in enumerate(group):
                n = len(rows[i][0].ids)
                old[k, :n] = torch.from_numpy(rows[i][1])
                adv[k, :n] = rows[i][2]
                weight[k, :n] = rows[i][3]
            old = old.to(self.device)[:, 1:][selected]
            adv = adv.to(self.device)[:, 1:][selected]
            weight = weight.to(self.device)[:, 1:][selected]
            targets = batch.input_ids[:, 1:][selected]
            logits = self.logits(batch, selected)
            logp, dist = sampling_logps(logits, targets, self.s.temperature)
            with torch.no_grad():
                raw = sampling_logps(logits.detach(), targets, 1.0)[0] if tempered else logp.detach()
                with self.model.disable_adapter():
                    ref = self.logps(batch, selected, self.s.temperature)
            del logits
            loss, terms = grpo_token_terms(logp, old, ref, adv, self.s.clip, self.s.kl)
            ((loss * weight).sum() / weight_sum).backward()
            sums["loss"] += float(loss.detach().sum())
            sums["kl"] += float(terms["kl"].sum())
            sums["ratio"] += float(terms["ratio"].sum())
            sums["clipped"] += float(terms["clipped"].sum())
            sums["logprob_gap"] += float((logp.detach() - old).abs().sum())
            sums["raw_gap"] += float((raw - old).abs().sum())
            sums["entropy"] += float(entropy(dist).sum())
        gap, raw_gap = sums.pop("logprob_gap") / max(total, 1.0), sums.pop("raw_gap") / max(total, 1.0)
        if tempered and gap > 0.02 and raw_gap < gap / 2:
            self.optimizer.zero_grad(set_to_none=True)
            self.model.eval()
            raise ValueError(f"the old_logprobs are the temperature-1 log-probs of the sampled tokens (off by {raw_gap:.4f} "
                             f"nats a token from them, by {gap:.4f} from the temperature-{self.s.temperature:g} ones the "
                             "step trains): the serving endpoint must return the log-probs of the distribution it "
                             "sampled from (vLLM: --logprobs-mode processed_logprobs)")
        grad_norm = float(torch.nn.utils.clip_grad_norm_(self.trainable, self.s.max_grad_norm))
        self.optimizer.step()
        self.optimizer.zero_grad(set_to_none=True)
        self.model.eval()
        if self.device.type == "cuda":
            torch.cuda.synchronize()
        self.step += 1
        return {"step": self.step, "grad_norm": grad_norm, "trained_tokens": int(total), "rows": len(rows),
                "tokens": int(sum(len(r.ids) for r, _, _, _ in rows)), "seconds": time.perf_counter() - t0,
                "logprob_gap": gap, **{k: v / max(total, 1.0) for k, v in sums.items()}}

    def save_adapter(self, body: dict) -> dict:
        """The live adapters alone, in PEFT format (no optimizer state), where ``body["path"]`` says:
        what an external vLLM endpoint hot-loads after each step."""
        path = str(body["path"])
        with self.lock:
            self.model.save_pretrained(path)
        return {"path": path, "step": self.step}

    def save(self, body: dict) -> dict:
        with self.lock:
            step = int(body.get("step", self.step))
            path = checkpoint.save(Path(self.s.out) / "checkpoints", step, self.model, self.optimizer,
                                   dict(body.get("state", {})), 0, 1, self.s.keep_checkpoints)
            if body.get("adapter"):
                self.model.save_pretrained(str(body["adapter"]))
            return {"path": str(path), "step": step}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m kaizen_worker grpo")
    parser.add_argument("--config", required=True, help="worker.json written by kaizen train grpo")
    parser.add_argument("--resume", action="store_true", help="load the latest complete checkpoint first")
    args = parser.parse_args(argv)
    s = GrpoSettings.read(args.config)
    trainer = Trainer(s, args.resume)
    prefixes = PrefixStore(PREFIX_CACHE_BYTES) if s.prefix_cache else None
    batcher = Batcher(model_sampler(trainer.backbone, trainer.head, s.end_ids, s.pad_id, trainer.device, s.vocab_size,
                                    prefixes=prefixes), s.max_batch, trainer.lock)
    finished = threading.Event()

    def stats(_: dict) -> dict:
        sizes = batcher.batches
        out = {"batches": len(sizes), "mean_batch": float(np.mean(sizes)) if sizes else 0.0,
               "generation_busy_s": batcher.busy_s, "step": trainer.step}
        if prefixes is not None:
            out.update(prompt_tokens=prefixes.prompt_tokens, prefix_reused_tokens=prefixes.reused_tokens)
        return out

    def step(body: dict) -> dict:
        result = trainer.train_step(body)
        if prefixes is not None:
            with trainer.lock:  # what the cache holds was computed with the old weights
                prefixes.clear()
        return result

    def shutdown(_: dict) -> dict:
        finished.set()
        return {"stopping": True}

    server = serve(batcher, s.name, s.port, {"/kaizen/step": step, "/kaizen/checkpoint": trainer.save,
                                             "/kaizen/adapter": trainer.save_adapter, "/kaizen/stats": stats,
                                             "/kaizen/shutdown": shutdown})
    emit("serving", port=server.server_address[1], step=trainer.step, device=str(trainer.device),
         gpu=torch.cuda.get_device_name() if trainer.device.type == "cuda" else "cpu",
         trainable_parameters=sum(p.numel() for p in trainer.trainable))
    finished.wait()
    time.sleep(0.2)  # let the shutdown reply leave
    server.shutdown()
    emit("stopped", step=trainer.step)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    sys.exit(main(sys.argv[1:]))
