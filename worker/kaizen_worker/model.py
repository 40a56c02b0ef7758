"""Loads a local Hugging Face model folder, applies LoRA, and exposes backbone and head."""
from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
from dataclasses import dataclass, field

import torch
import torch.nn.functional as F

from . import fused_lora
from .attention import disable_cudnn_attention, register as register_attention

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach the hub: model folders are local

DTYPES = {"bfloat16": torch.bfloat16, "float16": torch.float16, "float32": torch.float32}


@dataclass(frozen=True)
class LoraSettings:
    r: int
    alpha: int
    dropout: float
    targets: list[str]
    modules_to_save: list[str] = field(default_factory=list)  # trained in full beside the adapters


def quantization_available() -> bool:
    return importlib.util.find_spec("bitsandbytes") is not None


def load_base(folder: str, dtype: str, quantization: str, device: torch.device):
    """The frozen base model. Returns (model, effective quantization): 4-bit needs bitsandbytes;
    without it the base loads in ``dtype`` and the caller says so."""
    from transformers import AutoModelForCausalLM

    disable_cudnn_attention()
    kwargs: dict = {"dtype": DTYPES[dtype], "attn_implementation": register_attention(), "local_files_only": True}
    effective = "none"
    if quantization == "4bit" and quantization_available():
        from transformers import BitsAndBytesConfig

        kwargs["quantization_config"] = BitsAndBytesConfig(
            load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_compute_dtype=DTYPES[dtype],
            bnb_4bit_use_double_quant=True)
        kwargs["device_map"] = {"": device}
        effective = "4bit"
    model = AutoModelForCausalLM.from_pretrained(folder, **kwargs)
    if effective == "none":
        model.to(device)
    model.config.use_cache = False
    return model, effective


def apply_lora(model, lora: LoraSettings, gradient_checkpointing: bool, quantized: bool, fused: bool = True,
               fused_norms: bool = True):
    """peft's LoRA on ``model``; ``fused``: adapted projections run fused_lora's computation (same
    parameters and saved adapter, fewer passes over each projection's output); ``fused_norms``:
    RMSNorms run torch's fused kernel (fuse_rms_norms). Both off only for speed comparisons."""
    from peft import LoraConfig, get_peft_model

    if quantized:
        from peft import prepare_model_for_kbit_training

        model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=gradient_checkpointing)
    if gradient_checkpointing:
        # Non-reentrant checkpointing needs no input grads, and works with frozen embeddings.
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    config = LoraConfig(r=lora.r, lora_alpha=lora.alpha, lora_dropout=lora.dropout,
                        target_modules=list(lora.targets), modules_to_save=list(lora.modules_to_save) or None,
                        bias="none", task_type="CAUSAL_LM")
    peft_model = get_peft_model(model, config)
    if half_precision(model):
        keep_adapter_inputs_in_half(peft_model)
    if fused and not quantized:
        fused_lora.fuse(peft_model)
    if fused_norms:
        fuse_rms_norms(peft_model)
    return peft_model


def fuse_rms_norms(model) -> int:
    """Routes every RMSNorm of a Qwen-family model (``variance_epsilon`` and ``weight``) through
    torch's ``F.rms_norm``, which on a GPU is one fused kernel forward and one backward; the
    model's own forward upcasts to float32, squares, averages, scales, casts back and multiplies
    by the weight, one pass over the [tokens, hidden] activations each, twice per layer, forward
    and backward (docs/BENCHMARKS.md). The result differs only in rounding: the weight is applied
    before the cast to half precision rather than after it. Returns how many modules it changed."""
    count = 0
    for module in model.modules():
        if type(module).__name__.endswith("RMSNorm") and hasattr(module, "variance_epsilon") \
                and isinstance(getattr(module, "weight", None), torch.Tensor) \
                and not isinstance(module.forward, functools.partial):  # not fused already
            module.forward = functools.partial(_rms_norm, module)
            count += 1
    return count


def _rms_norm(module, hidden: torch.Tensor) -> torch.Tensor:
    # autocast would run it in float32 and return float32 activations: the kernel computes in
    # float32 internally anyway, and the model's own norm returns its input's dtype.
    with torch.autocast(hidden.device.type, enabled=False):
        return F.rms_norm(hidden, (hidden.shape[-1],), module.weight.to(hidden.dtype), module.variance_epsilon)


def _weights_dtype(module: torch.nn.Module) -> torch.dtype:
    """The dtype of the module's first floating-point weight (the embeddings, for a decoder stack:
    the base's dtype, whatever peft made its adapters)."""
    return next((p.dtype for p in module.parameters() if p.is_floating_point()), torch.float32)


def half_precision(module: torch.nn.Module) -> bool:
    return _weights_dtype(module) in (torch.bfloat16, torch.float16)


def keep_adapter_inputs_in_half(peft_model) -> None:
    """peft keeps adapter weights in float32 (so AdamW updates them in full precision) and casts each
    adapter's input to float32 too: every adapted projection then ran its adapter as float32
    matmuls (no tensor cores without TF32) plus a float32 copy of its input and output — for the
    7B's 18,944-wide MLP that was most of a training step's time beyond the base matmuls. With the
    casts off, ``compute_precision`` runs the adapters in the base's half precision instead, while
    their weights and optimizer state stay float32 (what mixed precision training means)."""
    for module in peft_model.modules():
        if hasattr(module, "cast_input_dtype_enabled"):
            module.cast_input_dtype_enabled = False


def compute_precision(backbone):
    """The context every forward pass of a half-precision model runs in: autocast to the base's dtype,
    so float32 adapter weights meet half-precision inputs wherever peft's own forward runs (apply_lora
    turned its input casts off; outside this context it fails with a dtype error rather than run
    slowly; fused_lora's forward casts the adapters itself). The autocast cache is off: a cached
    cast would be stale inside a CUDA graph replayed after an optimizer step (the GRPO sampler's
    decode graphs)."""
    if not half_precision(backbone):
        return contextlib.nullcontext()
    device = next(backbone.parameters()).device
    return torch.autocast(device.type, dtype=_weights_dtype(backbone), cache_enabled=False)


def backbone_and_head(peft_model):
    """The decoder stack (returns hidden states) and the vocabulary projection of a PEFT causal LM.
    The loss applies the head only at trained positions, so full [B, L, V] logits never exist."""
    causal_lm = peft_model.get_base_model()
    return causal_lm.model, causal_lm.lm_head


def hidden_states(backbone, batch) -> torch.Tensor:
    """Each example attends only within itself: the batch's segments go to the kaizen_packed
    attention (one causal flash-attention call per example, no mask)."""
    with compute_precision(backbone):
        out = backbone(input_ids=batch.input_ids, position_ids=batch.position_ids, use_cache=False,
                       kaizen_segments=batch.segments)
    return out.last_hidden_state
