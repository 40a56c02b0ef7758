"""A small random-weight Qwen2 with the real Qwen vocabulary, for the household SFT -> GRPO run
on the device (no pretrained weights exist there).

    python3 worker/gpu/grpo_model.py OUT_FOLDER TOKENIZER_FOLDER
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import torch

from kaizen_worker import tiny_model

SMALL = dict(model_type="qwen2", vocab_size=151936, hidden_size=512, intermediate_size=1408,
             num_hidden_layers=8, num_attention_heads=8, num_key_value_heads=4,
             max_position_embeddings=8192, rope_theta=10000.0, rms_norm_eps=1e-6,
             tie_word_embeddings=False, hidden_act="silu", initializer_range=0.05,
             bos_token_id=151643, eos_token_id=151645)


def main() -> None:
    out, tok = Path(sys.argv[1]), Path(sys.argv[2])
    tiny_model.PRESETS["grpo-small"] = SMALL
    model = tiny_model.build("grpo-small", None, 0, torch.float32)
    model.save_pretrained(str(out))
    for f in ("tokenizer.json", "tokenizer_config.json"):
        shutil.copy2(tok / f, out / f)
    (out / "kaizen-random-model.json").write_text(json.dumps({"preset": SMALL, "seed": 0, "random_weights": True}))
    print(json.dumps({"model": str(out), "parameters": sum(p.numel() for p in model.parameters())}))


if __name__ == "__main__":
    main()
