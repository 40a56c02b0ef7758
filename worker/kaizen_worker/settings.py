"""The worker's settings: DIR/worker.json, written and validated by Java (kaizen.train)."""
from __future__ import annotations

import json
from dataclasses import dataclass, fields
from pathlib import Path

from .model import LoraSettings


@dataclass(frozen=True)
class Settings:
    kind: str  # "sft" or "dpo"
    model: str  # local Hugging Face model folder
    shards: str  # shard folder (index.json)
    out: str  # run folder: checkpoints/, adapter/, merged/
    lora: LoraSettings
    quantization: str  # "none" or "4bit"
    dtype: str
    epochs: int
    learning_rate: float
    warmup_ratio: float
    effective_batch: int  # rows (SFT) or pairs (DPO) per optimizer step, over all GPUs
    micro_batch: int  # rows or pairs per forward pass on one GPU
    weight_decay: float
    max_grad_norm: float
    seed: int
    gradient_checkpointing: bool
    reason_weight: float
    action_weight: float
    beta: float
    save_every_steps: int
    keep_checkpoints: int
    merge: bool
    max_steps: int  # 0 = all epochs
    stop_after_steps: int  # 0 = never; stops (after a checkpoint) as if interrupted, for resume tests

    @staticmethod
    def read(path: str | Path) -> "Settings":
        raw = json.loads(Path(path).read_text())
        names = {f.name for f in fields(Settings)}
        unknown = set(raw) - names
        missing = names - set(raw)
        if unknown or missing:
            raise ValueError(f"{path}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
        raw["lora"] = LoraSettings(**raw["lora"])
        return Settings(**raw)
