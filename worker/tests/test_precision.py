"""Half-precision models train float32 adapters with half-precision matmuls (model.compute_precision);
needs transformers and peft, so it runs on the GPU machine (skipped where they are missing)."""
from __future__ import annotations

import importlib.util
import unittest

import numpy as np
import torch

from kaizen_worker.shards import LOSS, Row, collate

HAS_PEFT = all(importlib.util.find_spec(n) is not None for n in ("transformers", "peft"))
DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def lora_model(dtype: torch.dtype, fused: bool = True):
    from kaizen_worker import tiny_model
    from kaizen_worker.attention import register
    from kaizen_worker.model import LoraSettings, apply_lora

    model = tiny_model.build("tiny", None, 0, dtype, DEVICE.type)
    model.set_attn_implementation(register())
    return apply_lora(model, LoraSettings(8, 16, 0.0, ["q_proj", "v_proj", "gate_proj", "down_proj"]), False, False,
                      fused=fused)


def batch():
    rng = np.random.default_rng(3)
    ids = rng.integers(1, 200, size=40).astype(np.int32)
    flags = np.array([0] * 20 + [LOSS] * 20, dtype=np.uint8)
    return collate([Row(ids, flags)], packed=True).to(DEVICE)


@unittest.skipUnless(HAS_PEFT, "needs transformers and peft")
class HalfPrecisionAdaptersTest(unittest.TestCase):
    def test_adapters_keep_float32_weights_and_gradients_but_compute_in_bfloat16(self) -> None:
        """peft's own forward (fused_lora's is compared with it in test_fused_lora)."""
        from kaizen_worker.model import backbone_and_head, hidden_states

        model = lora_model(torch.bfloat16, fused=False)
        backbone, _ = backbone_and_head(model)
        trainable = [p for p in model.parameters() if p.requires_grad]
        self.assertTrue(trainable)
        self.assertEqual({p.dtype for p in trainable}, {torch.float32})
        seen: list[torch.dtype] = []
        hooks = [m.register_forward_hook(lambda _m, _i, out: seen.append(out.dtype))
                 for n, m in model.named_modules() if n.endswith("lora_B.default")]
        hidden = hidden_states(backbone, batch())
        for h in hooks:
            h.remove()
        self.assertEqual(hidden.dtype, torch.bfloat16)
        self.assertEqual(set(seen), {torch.bfloat16})  # the adapters' matmuls ran in half precision
        hidden.float().pow(2).mean().backward()
        self.assertTrue(all(p.grad is not None and p.grad.dtype == torch.float32 for p in trainable))

    def test_pefts_forward_outside_compute_precision_fails_loudly(self) -> None:
        from kaizen_worker.model import backbone_and_head

        backbone, _ = backbone_and_head(lora_model(torch.bfloat16, fused=False))
        b = batch()
        with self.assertRaises(RuntimeError):
            backbone(input_ids=b.input_ids, position_ids=b.position_ids, use_cache=False)

    def test_the_fused_forward_casts_its_adapters_itself(self) -> None:
        from kaizen_worker.model import backbone_and_head, hidden_states

        backbone, _ = backbone_and_head(lora_model(torch.bfloat16))
        b = batch()
        with torch.no_grad():
            inside = hidden_states(backbone, b)
            outside = backbone(input_ids=b.input_ids, position_ids=b.position_ids, use_cache=False,
                               kaizen_segments=b.segments).last_hidden_state
        self.assertEqual(outside.dtype, torch.bfloat16)
        self.assertLess(float((inside.float() - outside.float()).abs().max()), 1e-2 * float(inside.float().abs().max()))

    def test_float32_models_are_left_as_peft_makes_them(self) -> None:
        from kaizen_worker.model import backbone_and_head, hidden_states

        model = lora_model(torch.float32)
        backbone, _ = backbone_and_head(model)
        self.assertEqual(hidden_states(backbone, batch()).dtype, torch.float32)

    def test_half_precision_adapters_agree_with_float32_ones(self) -> None:
        """Same weights, the adapters made non-zero: bf16 matmuls move the output by bf16 rounding only."""
        from kaizen_worker.model import backbone_and_head, hidden_states

        outs = []
        for dtype in (torch.float32, torch.bfloat16):
            model = lora_model(dtype)
            torch.manual_seed(5)
            with torch.no_grad():
                for n, p in model.named_parameters():
                    if "lora_B" in n:
                        p.copy_(0.05 * torch.randn_like(p))
            backbone, _ = backbone_and_head(model)
            with torch.no_grad():
                outs.append(hidden_states(backbone, batch()).float())
        scale = float(outs[0].abs().mean())
        self.assertLess(float((outs[0] - outs[1]).abs().mean()), 0.05 * scale)


if __name__ == "__main__":
    unittest.main()
