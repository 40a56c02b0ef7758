"""Attention that keeps packed examples apart without a mask: each example of a row (and the
padding tail) is its own causal attention call, so SDPA can use its flash kernel, and no
[L, L] mask is built or read. Registered with transformers as ``kaizen_packed``; a model loaded
with it runs ordinary SDPA whenever no segments are passed (generation, evaluation).

Segments are given per forward pass as the keyword ``kaizen_segments``: for each row of the
batch, the (start, end) spans that attend only within themselves. transformers passes unknown
keywords from the model's forward down to the attention function unchanged.

``kaizen_sampling`` is the generation server's attention: SDPA with transformers' own masks, plus
a preallocated key/value cache (``StaticKV``, the keyword ``kaizen_kv``) that a decode step writes
in place, so the whole step can be captured once as a CUDA graph and replayed (serve.py).
"""
from __future__ import annotations

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
    groups = query.shape[1] // key.shape[1]
    if groups > 1:  # grouped-query attention: each key/value head serves `groups` query heads
        key = key.repeat_interleave(groups, dim=1)
        value = value.repeat_interleave(groups, dim=1)
    rows = []
    for b, spans in enumerate(kaizen_segments):
        parts = [F.scaled_dot_product_attention(query[b:b + 1, :, s:e], key[b:b + 1, :, s:e], value[b:b + 1, :, s:e],
                                                dropout_p=dropout, is_causal=True, scale=scaling)
                 for s, e in spans]
        rows.append(parts[0] if len(parts) == 1 else torch.cat(parts, dim=2))
    out = rows[0] if len(rows) == 1 else torch.cat(rows, dim=0)
    return out.transpose(1, 2).contiguous(), None


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
