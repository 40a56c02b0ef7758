"""Carries the device run's SFT model from one GPU session to the next: the merged model (358 MB)
cannot travel (64 MiB a call), its adapter can, in bf16, and the random base is rebuilt the same
from its seed (grpo_model.py, on the CPU).

    python3 worker/gpu/carry_sft.py pack ADAPTER_DIR OUT.tgz
    python3 worker/gpu/carry_sft.py merge BASE_DIR ADAPTER_DIR OUT_DIR

``pack`` stores the adapter's tensors in bf16 (half the size; the merged model is bf16 anyway).
``merge`` loads the base in bf16, as `kaizen train sft` did, and writes base + adapter merged, with
the base's tokenizer files beside it. The result differs from the first session's merged model by
the bf16 rounding of the adapter's factors only.
"""
from __future__ import annotations

import shutil
import sys
import tarfile
import tempfile
from pathlib import Path

import torch


def pack(adapter: Path, out: Path) -> None:
    from safetensors.torch import load_file, save_file

    tensors = {k: v.to(torch.bfloat16) for k, v in load_file(str(adapter / "adapter_model.safetensors")).items()}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "adapter"
        folder.mkdir()
        save_file(tensors, str(folder / "adapter_model.safetensors"))
        shutil.copy2(adapter / "adapter_config.json", folder / "adapter_config.json")
        with tarfile.open(out, "w:gz") as tar:
            tar.add(folder, arcname="adapter")
    print(f"packed {len(tensors)} tensors into {out} ({out.stat().st_size / 2**20:.1f} MiB)")


def merge(base: Path, adapter: Path, out: Path) -> None:
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(str(base), dtype=torch.bfloat16, local_files_only=True)
    merged = PeftModel.from_pretrained(model, str(adapter)).merge_and_unload()
    merged.save_pretrained(str(out))
    for f in base.iterdir():
        if f.name.startswith(("tokenizer", "generation_config")):
            shutil.copy2(f, out / f.name)
    print(f"merged {adapter} into {out}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "pack":
        pack(Path(sys.argv[2]), Path(sys.argv[3]))
    elif len(sys.argv) == 5 and sys.argv[1] == "merge":
        merge(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        raise SystemExit(__doc__)
