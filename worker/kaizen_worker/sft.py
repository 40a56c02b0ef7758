"""Supervised fine-tuning: weighted cross-entropy on the trained (response) tokens only."""
from __future__ import annotations

import sys

import torch

from . import train
from .losses import target_weights, weighted_token_ce
from .model import hidden_states
from .shards import collate


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


def make_step(ctx: train.Context) -> train.MicroStep:
    s = ctx.settings
    packed = ctx.data.layout == "packed"

    def micro(rows: list[int]) -> tuple[torch.Tensor, dict[str, float]]:
        batch = collate([ctx.data.row(u) for u in rows], packed).to(ctx.device)
        weights = target_weights(batch.flags, s.reason_weight, s.action_weight)
        selected = weights > 0
        hidden = hidden_states(ctx.backbone, batch)[:, :-1][selected]
        loss = weighted_token_ce(hidden, ctx.head, batch.input_ids[:, 1:][selected], weights[selected])
        return loss, {"loss": float(loss.detach()), "tokens": float(batch.real_tokens)}

    return micro


def main(argv: list[str]) -> int:
    return train.main("sft", argv, units, make_step, normalizer)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
