"""Loss arithmetic, independent of any model: runs on CPU torch for the unit tests."""
from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from .shards import ACTION, LOSS, REASON, START


def target_weights(flags: torch.Tensor, reason_weight: float = 1.0, action_weight: float = 1.0) -> torch.Tensor:
    """Weight of predicting token t+1 from position t, shape [B, L-1] (float32).

    A token counts only if it is trained (LOSS) and is not an example's first token (so nothing
    is predicted across a packing boundary). Reason tokens weigh ``reason_weight``, action tokens
    ``action_weight``; a token in both parts takes the larger; trained tokens in neither part weigh 1.
    """
    nxt = flags[:, 1:].to(torch.int32)
    trained = ((nxt & LOSS) != 0) & ((nxt & START) == 0)
    reason = (nxt & REASON) != 0
    action = (nxt & ACTION) != 0
    w = torch.ones(nxt.shape, dtype=torch.float32, device=flags.device)
    w = torch.where(reason & ~action, torch.full_like(w, reason_weight), w)
    w = torch.where(action & ~reason, torch.full_like(w, action_weight), w)
    w = torch.where(action & reason, torch.full_like(w, max(reason_weight, action_weight)), w)
    return torch.where(trained, w, torch.zeros_like(w))


def weighted_token_ce(hidden_at: torch.Tensor, head: torch.nn.Module, targets: torch.Tensor,
                      weights: torch.Tensor) -> torch.Tensor:
    """Sum of weight * cross-entropy over the selected positions only.

    ``hidden_at`` holds the final hidden states of the positions with weight > 0 ([N, H]); the
    vocabulary projection runs on those alone, so the [B, L, V] logits never exist."""
    if hidden_at.shape[0] == 0:
        return hidden_at.sum() * 0.0
    logits = head(hidden_at).float()
    ce = F.cross_entropy(logits, targets, reduction="none")
    return (ce * weights).sum()


def sequence_logps(hidden_at: torch.Tensor, head: torch.nn.Module, targets: torch.Tensor,
                   owner: torch.Tensor, sequences: int) -> torch.Tensor:
    """Sum of log p(target) per sequence: ``owner[k]`` says which sequence position k belongs to."""
    out = torch.zeros(sequences, dtype=torch.float32, device=targets.device)
    if hidden_at.shape[0] == 0:
        return out + hidden_at.sum() * 0.0
    logp = torch.log_softmax(head(hidden_at).float(), dim=-1)
    picked = logp.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    return out.index_add(0, owner, picked)


def dpo_loss(policy_chosen: torch.Tensor, policy_rejected: torch.Tensor, ref_chosen: torch.Tensor,
             ref_rejected: torch.Tensor, beta: float) -> tuple[torch.Tensor, torch.Tensor]:
    """Per-pair DPO loss -log sigmoid(beta * (policy margin - reference margin)) and the implicit
    reward margin beta * (...) (positive when the policy prefers the chosen answer more than the
    reference does)."""
    logits = (policy_chosen - policy_rejected) - (ref_chosen - ref_rejected)
    return -F.logsigmoid(beta * logits), beta * logits.detach()


def learning_rate(step: int, total_steps: int, peak: float, warmup_ratio: float) -> float:
    """Linear warm-up over ceil(warmup_ratio * total) steps, then cosine decay to 0 at total.
    ``step`` counts optimizer steps already taken (the lr used for step number step+1)."""
    warm = math.ceil(warmup_ratio * total_steps)
    if step < warm:
        return peak * (step + 1) / warm
    span = max(1, total_steps - warm)
    progress = min(1.0, (step - warm) / span)
    return peak * 0.5 * (1.0 + math.cos(math.pi * progress))


def sampling_logps(logits: torch.Tensor, targets: torch.Tensor, temperature: float) -> tuple[torch.Tensor, torch.Tensor]:
    """Log-probabilities of ``targets`` [N] under the distribution the rollouts sampled them from,
    softmax(logits / temperature) over ``logits`` [N, V] (the gradient flows through them), and
    that whole distribution as log-probabilities [N, V] (for ``entropy``, where it is wanted).

    A policy gradient taken on the temperature-1 log-probs of tokens sampled at temperature T < 1
    trains a different distribution than the one that played: it keeps raising a token the sampler
    already picks almost always (1 - p at temperature 1 stays well above 1 - p at T), so the sampler
    sharpens past what the advantages ask for. Training softmax(z / T) is the on-policy gradient."""
    scaled = torch.log_softmax(logits / temperature, -1)
    return scaled.gather(-1, targets[:, None]).squeeze(-1), scaled


@torch.no_grad()
def entropy(log_probs: torch.Tensor) -> torch.Tensor:
    """Each row's entropy from its log-probabilities [N, V] (ids masked to -inf count as probability 0)."""
    return torch.special.entr(log_probs.detach().exp()).sum(-1)


def grpo_token_terms(logp: torch.Tensor, old_logp: torch.Tensor, ref_logp: torch.Tensor, advantage: torch.Tensor,
                     clip: float, kl_beta: float) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
    """Per-token GRPO loss over the trained (model-written) tokens, all tensors of shape [N]:
    the clipped policy-gradient surrogate -min(r A, clip(r, 1-eps, 1+eps) A), r = exp(logp - old),
    plus ``kl_beta`` times the k3 estimate of KL(policy || reference), exp(ref - logp) - (ref - logp) - 1,
    which is never negative and has the true KL as its expectation under the policy's samples.
    Returns the per-token loss (to be summed and divided by the step's token count) and detached terms."""
    ratio = torch.exp(logp - old_logp)
    unclipped = ratio * advantage
    clipped = torch.clamp(ratio, 1.0 - clip, 1.0 + clip) * advantage
    surrogate = torch.minimum(unclipped, clipped)
    delta = ref_logp - logp
    kl = torch.exp(delta) - delta - 1.0
    loss = -surrogate + kl_beta * kl
    return loss, {"kl": kl.detach(), "ratio": ratio.detach(),
                  "clipped": (clipped.detach() < unclipped.detach()).float()}
