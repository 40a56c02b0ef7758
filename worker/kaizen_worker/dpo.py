"""Direct preference optimisation. The reference is the same model with its adapters disabled
(the frozen base), so no second copy of the weights is held."""
from __future__ import annotations

import sys

import torch

from . import train
from .losses import dpo_loss, sequence_logps, target_weights
from .model import hidden_states
from .shards import collate


def units(ctx: train.Context) -> int:
    """Records come in pairs: 2k is the chosen conversation, 2k+1 the rejected one."""
    return len(ctx.data) // 2


def normalizer(ctx: train.Context, mine: list[int]) -> float:
    return float(len(mine))


def make_step(ctx: train.Context) -> train.MicroStep:
    beta = ctx.settings.beta

    def logps(batch, selected, owner, targets, sequences):
        hidden = hidden_states(ctx.backbone, batch)[:, :-1][selected]
        return sequence_logps(hidden, ctx.head, targets, owner, sequences)

    def micro(pairs: list[int]) -> tuple[torch.Tensor, dict[str, float]]:
        rows = [ctx.data.row(r) for p in pairs for r in (2 * p, 2 * p + 1)]
        batch = collate(rows, packed=False).to(ctx.device)
        selected = target_weights(batch.flags) > 0
        owner = torch.nonzero(selected, as_tuple=True)[0]
        targets = batch.input_ids[:, 1:][selected]
        policy = logps(batch, selected, owner, targets, len(rows))
        with torch.no_grad(), ctx.model.disable_adapter():
            reference = logps(batch, selected, owner, targets, len(rows))
        losses, margins = dpo_loss(policy[0::2], policy[1::2], reference[0::2], reference[1::2], beta)
        loss = losses.sum()
        return loss, {"loss": float(loss.detach()), "reward_margin": float(margins.sum()),
                      "accuracy": float((margins > 0).float().sum()),
                      "chosen_logp_gain": float((policy[0::2] - reference[0::2]).detach().sum()),
                      "tokens": float(batch.real_tokens)}

    return micro


def main(argv: list[str]) -> int:
    return train.main("dpo", argv, units, make_step, normalizer)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
