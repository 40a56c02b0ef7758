"""Random-weight models from a configuration, for tests and speed figures (no pretrained weights
exist on the GPU machine, and nothing can be downloaded there).

    python -m kaizen_worker.tiny_model OUT_FOLDER [--preset tiny|qwen2.5-7b|qwen3-4b] [--vocab N]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import torch

# The architecture fields of the published config.json files; weights are random.
PRESETS: dict[str, dict] = {
    "tiny": dict(model_type="qwen2", vocab_size=512, hidden_size=128, intermediate_size=256,
                 num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
                 max_position_embeddings=4096, rope_theta=10000.0, rms_norm_eps=1e-6,
                 tie_word_embeddings=False, hidden_act="silu",
                 # A random lm_head of std 0.02 caps a 128-wide model's logits near 2.5, so no
                 # amount of LoRA training could make it confident; 0.1 leaves room to learn.
                 initializer_range=0.1),
    # The learning check's model (docs/TRAINING.md): Qwen2 blocks small enough to train from random
    # weights in minutes, with Qwen's full vocabulary so Kaizen's real tokenizer feeds it.
    "small-qwen2": dict(model_type="qwen2", vocab_size=151936, hidden_size=512, intermediate_size=1536,
                        num_hidden_layers=8, num_attention_heads=8, num_key_value_heads=4,
                        max_position_embeddings=8192, rope_theta=1000000.0, rms_norm_eps=1e-6,
                        tie_word_embeddings=False, hidden_act="silu", initializer_range=0.02,
                        bos_token_id=151643, eos_token_id=151645),
    "qwen2.5-7b": dict(model_type="qwen2", vocab_size=152064, hidden_size=3584, intermediate_size=18944,
                       num_hidden_layers=28, num_attention_heads=28, num_key_value_heads=4,
                       max_position_embeddings=32768, rope_theta=1000000.0, rms_norm_eps=1e-6,
                       tie_word_embeddings=False, hidden_act="silu", bos_token_id=151643, eos_token_id=151645),
    "qwen3-4b": dict(model_type="qwen3", vocab_size=151936, hidden_size=2560, intermediate_size=9728,
                     num_hidden_layers=36, num_attention_heads=32, num_key_value_heads=8, head_dim=128,
                     max_position_embeddings=262144, rope_theta=5000000.0, rms_norm_eps=1e-6,
                     tie_word_embeddings=True, hidden_act="silu", attention_bias=False,
                     bos_token_id=151643, eos_token_id=151645),
}


def config(preset: str, vocab: int | None = None):
    from transformers import AutoConfig

    fields = dict(PRESETS[preset])
    if vocab:
        fields["vocab_size"] = vocab
    model_type = fields.pop("model_type")
    return AutoConfig.for_model(model_type, **fields)


def build(preset: str, vocab: int | None, seed: int, dtype: torch.dtype, device: str = "cpu"):
    from transformers import AutoModelForCausalLM

    torch.manual_seed(seed)
    with torch.device(device):
        try:
            return AutoModelForCausalLM.from_config(config(preset, vocab), dtype=dtype, attn_implementation="sdpa")
        except TypeError:  # transformers before 4.56 calls it torch_dtype
            return AutoModelForCausalLM.from_config(config(preset, vocab), torch_dtype=dtype, attn_implementation="sdpa")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--preset", default="tiny", choices=sorted(PRESETS))
    parser.add_argument("--vocab", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dtype", default="bfloat16", choices=["bfloat16", "float32"])
    args = parser.parse_args()
    model = build(args.preset, args.vocab or None, args.seed, getattr(torch, args.dtype))
    model.save_pretrained(args.out)
    info = {"preset": args.preset, "seed": args.seed, "random_weights": True}
    (Path(args.out) / "kaizen-random-model.json").write_text(json.dumps(info))


if __name__ == "__main__":
    main()
