"""model.fuse_rms_norms against the models' own RMSNorm (needs transformers; skipped without)."""
from __future__ import annotations

import importlib.util
import unittest

import torch

HAS_TRANSFORMERS = importlib.util.find_spec("transformers") is not None


def model_of(kind: str, dtype: torch.dtype):
    from transformers import AutoConfig, AutoModelForCausalLM

    config = AutoConfig.for_model(kind, vocab_size=64, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                                  num_attention_heads=4, num_key_value_heads=2, head_dim=8,
                                  max_position_embeddings=128)
    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_config(config, dtype=dtype)
    for name, p in model.named_parameters():  # norms start at 1: make them differ per channel
        if "norm" in name:
            with torch.no_grad():
                p.copy_(torch.rand_like(p) + 0.5)
    return model


def norms(model) -> list[torch.nn.Module]:
    return [m for m in model.modules() if type(m).__name__.endswith("RMSNorm")]


@unittest.skipUnless(HAS_TRANSFORMERS, "transformers is not installed")
class FusedRmsNormTest(unittest.TestCase):
    def test_every_norm_is_fused_once(self) -> None:
        from kaizen_worker.model import fuse_rms_norms

        qwen2, qwen3 = model_of("qwen2", torch.float32), model_of("qwen3", torch.float32)
        self.assertEqual(fuse_rms_norms(qwen2), 2 * 2 + 1)  # two per layer and the final one
        self.assertEqual(fuse_rms_norms(qwen3), 4 * 2 + 1)  # plus the query and key norms
        self.assertEqual(fuse_rms_norms(qwen3), 0)

    def test_float32_output_and_gradients_equal_the_models_own(self) -> None:
        from kaizen_worker.model import fuse_rms_norms

        for kind in ("qwen2", "qwen3"):
            own, fused = model_of(kind, torch.float32), model_of(kind, torch.float32)
            self.assertEqual(len(norms(fused)), fuse_rms_norms(fused))
            ids = torch.randint(0, 64, (2, 11), generator=torch.Generator().manual_seed(1))
            results = []
            for model in (own, fused):
                loss = model(input_ids=ids, labels=ids).loss
                loss.backward()
                grads = [p.grad.clone() for n, p in model.named_parameters() if "norm" in n]
                results.append((loss.detach(), grads))
            torch.testing.assert_close(results[1][0], results[0][0], atol=1e-6, rtol=1e-6)
            for a, b in zip(results[1][1], results[0][1]):
                torch.testing.assert_close(a, b, atol=1e-5, rtol=1e-5)

    def test_a_wrong_epsilon_is_noticed(self) -> None:
        """The comparison can fail: the fused norm must use the module's own epsilon."""
        from kaizen_worker.model import fuse_rms_norms

        module = norms(model_of("qwen2", torch.float32))[0]
        x = torch.randn(3, 32) * 1e-3  # small activations: epsilon matters
        with torch.no_grad():
            expected = module(x)
            fuse_rms_norms(module)
            module.variance_epsilon *= 100
            self.assertGreater(float((module(x) - expected).abs().max()), 1e-3)

    def test_half_precision_under_autocast_stays_half_and_close(self) -> None:
        from kaizen_worker.model import fuse_rms_norms

        module = norms(model_of("qwen2", torch.bfloat16))[0]
        x = torch.randn(5, 32, dtype=torch.bfloat16)
        expected = module(x)
        fuse_rms_norms(module)
        with torch.autocast("cpu", dtype=torch.bfloat16):
            out = module(x)
        self.assertEqual(out.dtype, torch.bfloat16)
        torch.testing.assert_close(out.float(), expected.float(), atol=2e-2, rtol=2e-2)


if __name__ == "__main__":
    unittest.main()
