"""peft's LoRA projection, computed with fewer passes over its output.

peft computes ``base(x) + lora_B(lora_A(dropout(x))) * scaling``: the adapter's [tokens, out]
product, its scaled copy and the sum are three full-size tensors, and backward repeats the scale
and the sum for the input gradient. For the 7B's 18,944-wide MLP those passes are a large part of
a LoRA step beyond the base matmuls (docs/BENCHMARKS.md). Here the scale goes on the rank-r
intermediate and the adapter's product accumulates into the base output inside the matmul
(``addmm_``), forward and backward alike; the parameters, their names and the saved adapter stay
peft's. Used for plain LoRA on ``nn.Linear`` with one active adapter; anything else (adapters
disabled or merged, several adapters, DoRA and other variants) runs peft's own forward.
"""
from __future__ import annotations

import functools

import torch
import torch.nn.functional as F


class _LoraLinear(torch.autograd.Function):
    """y = x W^T + b + s (x_d A^T) B^T for a frozen W (and bias), x_d the adapter's (dropped-out) input;
    ``x_d`` None: the adapter reads x itself (no dropout). None rather than x twice: torch.compile
    cannot trace a Function given the same tensor for two inputs (it broke the graph at every
    adapted projection)."""

    @staticmethod
    def forward(ctx, x, x_d, weight, bias, a, b, scale: float):
        ctx.same_input = x_d is None
        x_d = x if x_d is None else x_d
        lead = x.shape[:-1]
        x2, xd2 = x.reshape(-1, x.shape[-1]), x_d.reshape(-1, x_d.shape[-1])
        y = F.linear(x2, weight, bias)
        h = torch.mm(xd2, a.t()).mul_(scale)
        y.addmm_(h, b.t())
        ctx.save_for_backward(xd2, weight, a, b, h)
        ctx.scale = scale
        return y.view(*lead, y.shape[-1])

    @staticmethod
    def backward(ctx, grad):
        xd2, weight, a, b, h = ctx.saved_tensors
        g2 = grad.reshape(-1, grad.shape[-1])
        grad_b = torch.mm(g2.t(), h)
        gh = torch.mm(g2, b).mul_(ctx.scale)
        grad_a = torch.mm(gh.t(), xd2)
        grad_x = grad_xd = None
        lead = grad.shape[:-1]
        if ctx.needs_input_grad[0] or ctx.needs_input_grad[1]:
            base = torch.mm(g2, weight)
            if ctx.same_input:  # one input: both paths' gradients in one tensor
                grad_x = base.addmm_(gh, a).view(*lead, weight.shape[1])
            else:  # dropout: the adapter's path reaches x through the dropout's own backward
                grad_x = base.view(*lead, weight.shape[1])
                grad_xd = torch.mm(gh, a).view(*lead, weight.shape[1])
        return grad_x, grad_xd, None, None, grad_a, grad_b, None


def _fused_forward(module, original, x: torch.Tensor, *args, **kwargs) -> torch.Tensor:
    active = [n for n in module.active_adapters if n in module.lora_A]
    if (args or kwargs or module.disable_adapters or module.merged or len(active) != 1
            or active[0] in getattr(module, "lora_variant", {}) or module.base_layer.weight.requires_grad):
        return original(x, *args, **kwargs)
    name = active[0]
    base = module.base_layer
    x_d = module.lora_dropout[name](x)
    # Adapter weights may be float32 (peft's default) under autocast: cast them here, where autograd
    # sees the cast, so their gradients come back float32.
    a = module.lora_A[name].weight.to(x.dtype)
    b = module.lora_B[name].weight.to(x.dtype)
    return _LoraLinear.apply(x, None if x_d is x else x_d, base.weight, base.bias, a, b, float(module.scaling[name]))


def fuse(peft_model) -> int:
    """Routes every plain-LoRA ``nn.Linear`` of the model through the fused computation; returns
    how many modules it changed."""
    from peft.tuners.lora.layer import Linear as LoraLinear

    count = 0
    for module in peft_model.modules():
        if isinstance(module, LoraLinear) and isinstance(module.base_layer, torch.nn.Linear) \
                and not isinstance(module.forward, functools.partial):  # not fused already
            module.forward = functools.partial(_fused_forward, module, module.forward)
            count += 1
    return count
