"""Attention that keeps packed examples apart without a mask: each example of a row (and the
padding tail) attends causally within itself, and no [L, L] mask is built or read. On a GPU in
half precision all spans of a batch go to one variable-length flash-attention call (torch's
varlen_attn); elsewhere each span is its own causal SDPA call (``packed_kernel``). Registered
with transformers as ``kaizen_packed``; a model loaded with it runs ordinary SDPA whenever no
segments are passed (generation, evaluation).

Segments are given per forward pass as the keyword ``kaizen_segments``: for each row of the
batch, the (start, end) spans that attend only within themselves. transformers passes unknown
keywords from the model's forward down to the attention function unchanged.

``kaizen_sampling`` is the generation server's attention: SDPA with transformers' own masks, plus
a preallocated key/value cache (``StaticKV``, the keyword ``kaizen_kv``) that a decode step writes
in place, so the whole step can be captured once as a CUDA graph and replayed (serve.py).
"""
from __future__ import annotations

import functools
import inspect
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

NAME = "kaizen_packed"
SAMPLING = "kaizen_sampling"
Segments = list[list[tuple[int, int]]]


def segments(starts: np.ndarray, lengths: list[int], width: int) -> Segments:
    """Spans per row from a [B, width] boolean array of example starts and each row's real length;
    the padding tail (if any) is a span of its own, untrained and never attended to by real tokens."""
    out: Segments = []
    for b, n in enumerate(lengths):
        cuts = [int(i) for i in np.flatnonzero(starts[b, :n]) if i > 0]
        bounds = [0, *cuts, n]
        spans = [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]
        if n < width:
            spans.append((n, width))
        out.append(spans)
    return out


def packed_attention(module, query, key, value, attention_mask, dropout=0.0, scaling=None, sliding_window=None,
                     kaizen_segments: Segments | None = None, **kwargs):
    """query [B, Hq, L, D], key/value [B, Hkv, L, D] → ([B, L, Hq, D], None), as transformers expects."""
    if kaizen_segments is None:
        return _sdpa(module, query, key, value, attention_mask, dropout=dropout, scaling=scaling,
                     sliding_window=sliding_window, **kwargs)
    if dropout == 0.0 and packed_kernel(query) == "varlen":
        return _varlen_spans(query, key, value, kaizen_segments, scaling), None
    return _sdpa_spans(query, key, value, kaizen_segments, dropout, scaling), None


def _sdpa_spans(query, key, value, spans: Segments, dropout: float, scaling) -> torch.Tensor:
    """One causal SDPA call per span. Rows and spans are taken apart with unbind and split, whose
    backward writes each gradient once (slicing the row per span made autograd zero-fill and add a
    full-size gradient for every span)."""
    groups = query.shape[1] // key.shape[1]
    if groups > 1:  # grouped-query attention: each key/value head serves `groups` query heads
        key = key.repeat_interleave(groups, dim=1)
        value = value.repeat_interleave(groups, dim=1)
    rows = []
    for row_spans, q, k, v in zip(spans, query.unbind(0), key.unbind(0), value.unbind(0)):
        sizes = [e - s for s, e in row_spans]
        parts = [F.scaled_dot_product_attention(qs[None], ks[None], vs[None], dropout_p=dropout, is_causal=True,
                                                scale=scaling)[0]
                 for qs, ks, vs in zip(q.split(sizes, dim=1), k.split(sizes, dim=1), v.split(sizes, dim=1))]
        rows.append(parts[0] if len(parts) == 1 else torch.cat(parts, dim=1))
    return torch.stack(rows).transpose(1, 2).contiguous()


def _varlen_spans(query, key, value, spans: Segments, scaling) -> torch.Tensor:
    """All spans of the batch in one flash-attention call over the flattened tokens: transformers'
    [B, H, L, D] projections are views of [B, L, H, D] tensors, so flattening copies nothing, and
    the result is already in the layout transformers wants."""
    b, heads, width, dim = query.shape
    bounds, longest = _cumulative(spans, width, query.device)
    q = query.transpose(1, 2).reshape(b * width, heads, dim)
    k = key.transpose(1, 2).reshape(b * width, key.shape[1], dim)
    v = value.transpose(1, 2).reshape(b * width, value.shape[1], dim)
    out = _varlen()(q, k, v, bounds, longest, scaling)
    return out.view(b, width, heads, dim)


_last_bounds: tuple[object, torch.Tensor, int] | None = None


def _cumulative(spans: Segments, width: int, device: torch.device) -> tuple[torch.Tensor, int]:
    """Start of every span in the flattened batch, plus the end (int32 on the device), and the
    longest span. Every layer of a forward pass gets the same spans object: it is computed and
    copied to the device once (a copy per layer would stall the host on each)."""
    global _last_bounds
    if _last_bounds is not None and _last_bounds[0] is spans and _last_bounds[1].device == device:
        return _last_bounds[1], _last_bounds[2]
    bounds, longest = [0], 0
    for b, row in enumerate(spans):
        at = 0
        for s, e in row:
            if s != at or e <= s:
                raise ValueError(f"row {b}: spans {row} must cover [0, {width}) in order without gaps")
            bounds.append(b * width + e)
            longest, at = max(longest, e - s), e
        if at != width:
            raise ValueError(f"row {b}: spans {row} end at {at}, not at the row's width {width}")
    host = torch.tensor(bounds, dtype=torch.int32)
    on_device = host.pin_memory().to(device, non_blocking=True) if device.type == "cuda" else host.to(device)
    _last_bounds = (spans, on_device, longest)
    return on_device, longest


KERNEL_ENV = "KAIZEN_PACKED_ATTENTION"


def packed_kernel(query: torch.Tensor) -> str:
    """``varlen`` (torch's variable-length flash attention: one call for the whole batch; CUDA and
    half precision, when this torch has it and it passed its self-check) or ``sdpa`` (one call per
    span). The environment variable KAIZEN_PACKED_ATTENTION=sdpa forces the latter."""
    wanted = os.environ.get(KERNEL_ENV, "auto")
    if wanted not in ("auto", "varlen", "sdpa"):
        raise ValueError(f"{KERNEL_ENV}={wanted}: use auto, varlen or sdpa")
    if wanted == "sdpa" or not query.is_cuda or query.dtype not in (torch.bfloat16, torch.float16):
        return "sdpa"
    if _varlen() is None:
        if wanted == "varlen":
            raise RuntimeError(f"{KERNEL_ENV}=varlen, but this torch has no working varlen attention "
                               f"(torch {torch.__version__})")
        return "sdpa"
    return "varlen"


@functools.cache
def _varlen():
    """A causal call of torch.nn.attention.varlen.varlen_attn (the keyword for causality changed
    from is_causal to window_size in torch 2.11; grouped-query attention is native only in later
    versions), or None when this torch has none or its result on a small packed batch differs from
    per-span SDPA (checked once, forward and gradients, so a kernel that misbehaves on this GPU
    cannot train a run on wrong attention)."""
    try:
        from torch.nn.attention.varlen import varlen_attn
    except ImportError:
        return None
    params = inspect.signature(varlen_attn).parameters
    causal = {"window_size": (-1, 0)} if "window_size" in params else {"is_causal": True}
    native_groups = "enable_gqa" in params

    def call(q, k, v, bounds, longest, scale):
        groups = q.shape[1] // k.shape[1]
        if groups > 1 and native_groups:
            extra = {"enable_gqa": True}
        else:
            extra = {}
            if groups > 1:
                k, v = k.repeat_interleave(groups, dim=1), v.repeat_interleave(groups, dim=1)
        return varlen_attn(q, k, v, bounds, bounds, longest, longest, scale=scale, **causal, **extra)

    try:
        difference = varlen_self_check(call)
    except Exception as e:  # noqa: BLE001 - any failure means: do not use it
        print(f"kaizen: varlen attention unusable ({type(e).__name__}: {e}); using per-span SDPA", file=sys.stderr)
        return None
    if difference > 2e-2:
        print(f"kaizen: varlen attention differs from SDPA by {difference:.3g}; using per-span SDPA", file=sys.stderr)
        return None
    return call


def varlen_self_check(call) -> float:
    """Largest difference between ``call`` and per-span SDPA on a bf16 batch of two rows (three
    spans, then two; grouped-query heads), over output and the three input gradients, each relative
    to the largest magnitude of SDPA's tensor."""
    gen = torch.Generator(device="cuda").manual_seed(0)
    spans = [[(0, 37), (37, 100), (100, 128)], [(0, 90), (90, 128)]]

    def make(heads):
        return torch.randn(2, heads, 128, 64, device="cuda", dtype=torch.bfloat16, generator=gen).requires_grad_()

    q, k, v = make(8), make(2), make(2)
    g = torch.randn(2, 128, 8, 64, device="cuda", dtype=torch.bfloat16, generator=gen)
    results = []
    for fn in (lambda: _sdpa_spans(q, k, v, spans, 0.0, None),
               lambda: call(q.transpose(1, 2).reshape(256, 8, 64), k.transpose(1, 2).reshape(256, 2, 64),
                            v.transpose(1, 2).reshape(256, 2, 64),
                            torch.tensor([0, 37, 100, 128, 218, 256], dtype=torch.int32, device="cuda"), 90, None
                            ).view(2, 128, 8, 64)):
        out = fn()
        grads = torch.autograd.grad(out, (q, k, v), g)
        results.append((out, *grads))
    return max(float((a.detach().float() - b.detach().float()).abs().max() / b.detach().float().abs().max())
               for a, b in zip(results[1], results[0]))


def disable_cudnn_attention() -> None:
    """Process-wide: SDPA never picks torch's cuDNN kernel. It builds an execution plan for every
    new shape; packed examples and padded GRPO rows have a new length nearly every call, so that
    planning (CPU, ~10 ms a call) left the GPU idle (1-3% busy, measured on the H100). Flash and
    memory-efficient kernels need no plan."""
    torch.backends.cuda.enable_cudnn_sdp(False)


def register() -> str:
    """Makes ``kaizen_packed`` a valid attn_implementation (no mask function: none is needed)."""
    from transformers import AttentionInterface

    AttentionInterface.register(NAME, packed_attention)
    return NAME


class StaticKV:
    """Keys and values of every layer for ``rows`` sequences of up to ``columns`` positions, in
    tensors that never move: a prefill writes columns [0, n); a decode step writes column ``col``
    (a device tensor, so a captured graph reads the current value) and attends where ``mask``
    [rows, 1, 1, columns] is True (the prompt's real tokens and everything generated so far)."""

    def __init__(self, rows: int, columns: int, device: torch.device) -> None:
        self.rows, self.columns = rows, columns
        self.keys: dict[int, torch.Tensor] = {}
        self.values: dict[int, torch.Tensor] = {}
        self.col = torch.zeros(1, dtype=torch.long, device=device)
        self.mask = torch.zeros((rows, 1, 1, columns), dtype=torch.bool, device=device)
        self.prefill = True
        # A prefill after a cached prefix: the new tokens go to columns [extend_from, ...) and attend
        # where extend_mask [rows, 1, new, columns so far] is True (set by DecodeStep.extend).
        self.extend_from: int | None = None
        self.extend_mask: torch.Tensor | None = None

    def ensure(self, layer: int, heads: int, dim: int, dtype: torch.dtype, device: torch.device) -> None:
        if layer not in self.keys:
            shape = (self.rows, heads, self.columns, dim)
            self.keys[layer] = torch.zeros(shape, dtype=dtype, device=device)
            self.values[layer] = torch.zeros(shape, dtype=dtype, device=device)

    def attend(self, module, query, key, value, attention_mask, dropout, scaling, sliding_window, **kwargs):
        layer = module.layer_idx
        # shapes and dtype come from the model's own projections
        self.ensure(layer, key.shape[1], key.shape[3], key.dtype, key.device)
        if self.extend_from is not None:
            return self._extend(layer, query, key, value, scaling)
        if self.prefill:
            n = key.shape[2]
            self.keys[layer][:, :, :n].copy_(key)
            self.values[layer][:, :, :n].copy_(value)
            return _sdpa(module, query, key, value, attention_mask, dropout=dropout, scaling=scaling,
                         sliding_window=sliding_window, **kwargs)
        keys, values = self.keys[layer], self.values[layer]
        keys.index_copy_(2, self.col, key)
        values.index_copy_(2, self.col, value)
        # Grouped-query attention without copying the cache per query head: the query heads that
        # share a key/value head (head h uses key/value head h // groups, as transformers repeats
        # them) become that head's query positions, so the cache is read once per key/value head.
        b, heads, _, dim = query.shape
        grouped = query.reshape(b, keys.shape[1], heads // keys.shape[1], dim)
        out = F.scaled_dot_product_attention(grouped, keys, values, attn_mask=self.mask, scale=scaling)
        return out.reshape(b, heads, 1, dim).transpose(1, 2).contiguous(), None


    def _extend(self, layer: int, query, key, value, scaling):
        start, n = self.extend_from, key.shape[2]
        self.keys[layer][:, :, start:start + n].copy_(key)
        self.values[layer][:, :, start:start + n].copy_(value)
        keys, values = self.keys[layer][:, :, :start + n], self.values[layer][:, :, :start + n]
        groups = query.shape[1] // keys.shape[1]
        if groups > 1:
            keys, values = keys.repeat_interleave(groups, dim=1), values.repeat_interleave(groups, dim=1)
        out = F.scaled_dot_product_attention(query, keys, values, attn_mask=self.extend_mask, scale=scaling)
        return out.transpose(1, 2).contiguous(), None


def _sdpa(*args, **kwargs):
    from transformers.integrations.sdpa_attention import sdpa_attention_forward

    return sdpa_attention_forward(*args, **kwargs)


def sampling_attention(module, query, key, value, attention_mask, dropout=0.0, scaling=None, sliding_window=None,
                       kaizen_kv: StaticKV | None = None, **kwargs):
    if kaizen_kv is not None:
        return kaizen_kv.attend(module, query, key, value, attention_mask, dropout, scaling, sliding_window)
    return _sdpa(module, query, key, value, attention_mask, dropout=dropout, scaling=scaling,
                 sliding_window=sliding_window, **kwargs)


def register_sampling() -> str:
    """Makes ``kaizen_sampling`` a valid attn_implementation whose masks are built as for SDPA
    (transformers builds no mask at all for an attention it has no mask function for: the padding
    of a left-padded batch would then be attended)."""
    from transformers import AttentionInterface
    from transformers.masking_utils import AttentionMaskInterface, sdpa_mask

    AttentionInterface.register(SAMPLING, sampling_attention)
    AttentionMaskInterface.register(SAMPLING, sdpa_mask)
    return SAMPLING
