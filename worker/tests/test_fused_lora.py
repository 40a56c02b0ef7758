"""The fused LoRA projection computes what peft computes: outputs and gradients (needs peft)."""
from __future__ import annotations

import importlib.util
import unittest

import numpy as np
import torch

from kaizen_worker.shards import LOSS, Row, collate

HAS_PEFT = all(importlib.util.find_spec(n) is not None for n in ("transformers", "peft"))
TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


def model_pair(dropout: float, dtype: torch.dtype = torch.float32):
    """The same random model and adapters twice: peft's forward, and the fused one."""
    from peft import LoraConfig, get_peft_model

    from kaizen_worker import fused_lora, tiny_model
    from kaizen_worker.attention import register
    from kaizen_worker.model import keep_adapter_inputs_in_half

    out = []
    for fused in (False, True):
        model = tiny_model.build("tiny", None, 0, torch.float32)
        model.set_attn_implementation(register())
        model.to(dtype)
        torch.manual_seed(7)
        peft_model = get_peft_model(model, LoraConfig(r=8, lora_alpha=16, lora_dropout=dropout, target_modules=TARGETS))
        with torch.no_grad():  # non-zero B, so the adapters' path counts in the output
            for n, p in peft_model.named_parameters():
                if "lora_B" in n:
                    p.copy_(0.1 * torch.randn_like(p))
        if dtype != torch.float32:
            keep_adapter_inputs_in_half(peft_model)
        if fused:
            self_count = fused_lora.fuse(peft_model)
            assert self_count == len(TARGETS) * model.config.num_hidden_layers, self_count
        out.append(peft_model)
    return out


def batch():
    rng = np.random.default_rng(4)
    rows = [Row(rng.integers(1, 200, size=n).astype(np.int32), np.array([0] * 5 + [LOSS] * (n - 5), dtype=np.uint8))
            for n in (37, 21)]
    return collate(rows, packed=True)


def run(peft_model, seed: int = 0):
    from kaizen_worker.model import backbone_and_head, hidden_states

    backbone, head = backbone_and_head(peft_model)
    peft_model.zero_grad(set_to_none=True)
    torch.manual_seed(seed)  # the same dropout masks in both models
    hidden = hidden_states(backbone, batch())
    loss = head(hidden).float().logsumexp(-1).mean()
    loss.backward()
    grads = {n: p.grad.detach().clone() for n, p in peft_model.named_parameters() if p.requires_grad}
    return hidden.detach().float(), grads


@unittest.skipUnless(HAS_PEFT, "needs transformers and peft")
class FusedLoraTest(unittest.TestCase):
    def assert_same(self, a, b, tol: float) -> None:
        (ha, ga), (hb, gb) = a, b
        self.assertLess(float((ha - hb).abs().max()), tol * float(ha.abs().max()))
        self.assertEqual(ga.keys(), gb.keys())
        for n in ga:
            scale = float(ga[n].abs().max()) + 1e-12
            self.assertLess(float((ga[n] - gb[n]).abs().max()), tol * scale, n)

    def test_outputs_and_adapter_gradients_equal_pefts(self) -> None:
        peft_path, fused = model_pair(0.0)
        self.assert_same(run(peft_path), run(fused), 1e-5)

    def test_with_dropout_in_training_mode(self) -> None:
        peft_path, fused = model_pair(0.3)
        peft_path.train()
        fused.train()
        self.assert_same(run(peft_path, 3), run(fused, 3), 1e-5)

    def test_bfloat16_under_compute_precision(self) -> None:
        peft_path, fused = model_pair(0.0, torch.bfloat16)
        a, b = run(peft_path), run(fused)
        self.assertTrue(all(g.dtype == torch.float32 for g in b[1].values()))
        self.assert_same(a, b, 0.05)

    def test_disabled_adapters_give_the_base_model(self) -> None:
        from kaizen_worker.model import backbone_and_head, hidden_states

        peft_path, fused = model_pair(0.0)
        with torch.no_grad():
            with peft_path.disable_adapter():
                base = hidden_states(backbone_and_head(peft_path)[0], batch())
            with fused.disable_adapter():
                off = hidden_states(backbone_and_head(fused)[0], batch())
            on = hidden_states(backbone_and_head(fused)[0], batch())
        self.assertLess(float((base - off).abs().max()), 1e-6)
        self.assertGreater(float((on - off).abs().max()), 1e-3)  # the adapters did count when on

    def test_fusing_twice_changes_nothing_more(self) -> None:
        from kaizen_worker import fused_lora

        peft_path, fused = model_pair(0.0)
        before = run(fused)
        self.assertEqual(fused_lora.fuse(fused), 0)
        self.assert_same(before, run(fused), 1e-6)

    def test_saved_adapter_keys_are_pefts(self) -> None:
        from peft import get_peft_model_state_dict

        peft_path, fused = model_pair(0.0)
        self.assertEqual(sorted(get_peft_model_state_dict(peft_path)), sorted(get_peft_model_state_dict(fused)))


if __name__ == "__main__":
    unittest.main()
