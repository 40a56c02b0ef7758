"""Checkpoints: adapter weights, optimizer, RNG and position, written atomically.

A checkpoint is complete once its folder is named ``step-NNNNNNN``: everything is written into
``.tmp-step-NNNNNNN`` first and renamed last, so a crash never leaves a half checkpoint under a
real name. Older checkpoints beyond ``keep`` are removed only after the new one is complete.
"""
from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

import numpy as np
import torch

PREFIX = "step-"


def latest(folder: Path) -> Path | None:
    done = sorted(p for p in folder.glob(PREFIX + "*") if (p / "state.json").is_file())
    return done[-1] if done else None


def rng_state() -> dict:
    state = {"python": random.getstate(), "numpy": np.random.get_state(), "torch": torch.get_rng_state()}
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def set_rng_state(state: dict) -> None:
    random.setstate(state["python"])
    np.random.set_state(state["numpy"])
    torch.set_rng_state(state["torch"])
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


def save(folder: Path, step: int, peft_model, optimizer, state: dict, rank: int, world: int, keep: int) -> Path:
    """All ranks call this; rank 0 writes the shared parts, every rank its RNG state."""
    import torch.distributed as dist

    name = f"{PREFIX}{step:07d}"
    tmp = folder / f".tmp-{name}"
    if rank == 0:
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir(parents=True)
    if world > 1:
        dist.barrier()
    torch.save(rng_state(), tmp / f"rng-{rank}.pt")
    if rank == 0:
        peft_model.save_pretrained(str(tmp / "adapter"))
        torch.save(optimizer.state_dict(), tmp / "optimizer.pt")
    if world > 1:
        dist.barrier()
    final = folder / name
    if rank == 0:
        (tmp / "state.json").write_text(json.dumps({**state, "step": step, "world_size": world}))
        _fsync_tree(tmp)
        if final.exists():
            shutil.rmtree(final)
        os.rename(tmp, final)
        done = sorted(p for p in folder.glob(PREFIX + "*") if (p / "state.json").is_file())
        for old in done[:-keep] if keep > 0 else []:
            shutil.rmtree(old)
    if world > 1:
        dist.barrier()
    return final


def load(path: Path, peft_model, optimizer, rank: int) -> dict:
    from peft import set_peft_model_state_dict
    from safetensors.torch import load_file

    weights = load_file(str(path / "adapter" / "adapter_model.safetensors"))
    set_peft_model_state_dict(peft_model, weights)
    optimizer.load_state_dict(torch.load(path / "optimizer.pt", map_location="cpu", weights_only=False))
    rng = path / f"rng-{rank}.pt"
    if rng.exists():
        set_rng_state(torch.load(rng, weights_only=False))
    return json.loads((path / "state.json").read_text())


def _fsync_tree(folder: Path) -> None:
    for p in folder.rglob("*"):
        if p.is_file():
            with open(p, "rb") as f:
                os.fsync(f.fileno())
