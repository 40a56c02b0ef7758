"""Supervised fine-tuning: weighted cross-entropy on the trained (response) tokens only."""
from __future__ import annotations

import sys

import torch

from . import train
from .losses import target_weights, weighted_token_ce
from .model import hidden_states
from .shards import Batch, collate


def units(ctx: train.Context) -> int:
    return len(ctx.data)


def normalizer(ctx: train.Context, mine: list[int]) -> float:
    """Total loss weight of this rank's rows in the step: the loss is a mean over all of them."""
    s = ctx.settings
    total = 0.0
    for u in mine:
        flags = torch.from_numpy(ctx.data.row(u).flags.copy()).unsqueeze(0)
        total += float(target_weights(flags, s.reason_weight, s.action_weight).sum())
    return total


def batch_loss(backbone, head, batch: Batch, reason_weight: float, action_weight: float) -> torch.Tensor:
    """Sum of weighted cross-entropy over the batch's trained tokens."""
    weights = target_weights(batch.flags, reason_weight, action_weight)
    selected = weights > 0
    hidden = hidden_states(backbone, batch)[:, :-1][selected]
    return weighted_token_ce(hidden, head, batch.input_ids[:, 1:][selected], weights[selected])


def make_step(ctx: train.Context) -> train.MicroStep:
    s = ctx.settings
    packed = ctx.data.layout == "packed"

    def micro(rows: list[int]) -> tuple[torch.Tensor, dict[str, float]]:
        batch = collate([ctx.data.row(u) for u in rows], packed).to(ctx.device)
        loss = batch_loss(ctx.backbone, ctx.head, batch, s.reason_weight, s.action_weight)
        return loss, {"loss": float(loss.detach()), "tokens": float(batch.real_tokens)}

    return micro


def main(argv: list[str]) -> int:
    return train.main("sft", argv, units, make_step, normalizer)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
