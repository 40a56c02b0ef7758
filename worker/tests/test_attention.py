"""The kaizen_packed attention against each example run alone (needs transformers; skipped without)."""
from __future__ import annotations

import importlib.util
import unittest

import numpy as np
import torch

from kaizen_worker.shards import LOSS, START, Row, collate

HAS_TRANSFORMERS = importlib.util.find_spec("transformers") is not None
HAS_SDPA = hasattr(torch.nn.functional, "scaled_dot_product_attention")  # torch >= 2.0 (Debian 12 has 1.13)


def tiny_model(attention: str):
    from transformers import AutoConfig, AutoModelForCausalLM

    config = AutoConfig.for_model("qwen2", vocab_size=64, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                                  num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=128)
    torch.manual_seed(0)
    return AutoModelForCausalLM.from_config(config, dtype=torch.float32, attn_implementation=attention).eval()


@unittest.skipUnless(HAS_TRANSFORMERS, "transformers is not installed")
class PackedAttentionTest(unittest.TestCase):
    def setUp(self) -> None:
        from kaizen_worker.attention import register

        self.model = tiny_model(register())
        rng = np.random.default_rng(1)
        self.examples = [rng.integers(1, 64, size=n, dtype=np.int32) for n in (7, 12, 5)]

    def hidden(self, batch):
        from kaizen_worker.model import hidden_states

        with torch.no_grad():
            return hidden_states(self.model.model, batch)

    def alone(self, ids: np.ndarray) -> torch.Tensor:
        with torch.no_grad():
            return self.model.model(input_ids=torch.from_numpy(ids.astype(np.int64))[None]).last_hidden_state[0]

    def test_packed_examples_equal_each_example_alone(self) -> None:
        ids = np.concatenate(self.examples)
        flags = np.zeros(len(ids), dtype=np.uint8)
        at = 0
        for e in self.examples:
            flags[at] = START
            flags[at + 1:at + len(e)] = LOSS
            at += len(e)
        padded_row = Row(ids, flags)
        short = Row(self.examples[0], flags[:7])
        batch = collate([padded_row, short], packed=True)  # the second row has a padding tail
        h = self.hidden(batch)
        at = 0
        for e in self.examples:
            torch.testing.assert_close(h[0, at:at + len(e)], self.alone(e), atol=1e-5, rtol=1e-5)
            at += len(e)
        torch.testing.assert_close(h[1, :7], self.alone(self.examples[0]), atol=1e-5, rtol=1e-5)

    def test_without_segments_examples_would_see_each_other(self) -> None:
        """The check can fail: one causal span over the packed row changes the later examples."""
        ids = np.concatenate(self.examples)
        batch = collate([Row(ids, np.full(len(ids), LOSS, dtype=np.uint8))], packed=True)
        h = self.hidden(batch)
        later = h[0, 7:19]
        self.assertGreater(float((later - self.alone(self.examples[1])).abs().max()), 1e-2)

    def test_padded_rows_attend_only_to_their_own_tokens(self) -> None:
        rows = [Row(e, np.full(len(e), LOSS, dtype=np.uint8)) for e in self.examples]
        h = self.hidden(collate(rows, packed=False))
        for i, e in enumerate(self.examples):
            torch.testing.assert_close(h[i, :len(e)], self.alone(e), atol=1e-5, rtol=1e-5)


def masked_reference(query, key, value, spans):
    """Attention with an explicit block-diagonal causal mask: the definition packed_attention meets."""
    b, heads, width, _ = query.shape
    groups = heads // key.shape[1]
    key, value = key.repeat_interleave(groups, dim=1), value.repeat_interleave(groups, dim=1)
    mask = torch.zeros((b, 1, width, width), dtype=torch.bool, device=query.device)
    for r, row in enumerate(spans):
        for s, e in row:
            mask[r, 0, s:e, s:e] = torch.ones((e - s, e - s), dtype=torch.bool, device=query.device).tril()
    out = torch.nn.functional.scaled_dot_product_attention(query, key, value, attn_mask=mask)
    return out.transpose(1, 2)


SPANS = [[(0, 5), (5, 17), (17, 24)], [(0, 19), (19, 24)]]


def qkv(dtype, device, heads=4, kv_heads=2, width=24, dim=16):
    gen = torch.Generator(device=device).manual_seed(5)
    return [torch.randn(2, h, width, dim, generator=gen, device=device, dtype=dtype).requires_grad_()
            for h in (heads, kv_heads, kv_heads)]


def outputs_and_grads(fn, tensors):
    out = fn(*tensors)
    grad = torch.randn(out.shape, generator=torch.Generator(device=out.device).manual_seed(9), device=out.device,
                       dtype=out.dtype)
    return [out.detach(), *torch.autograd.grad(out, tensors, grad)]


class PackedKernelTest(unittest.TestCase):
    @unittest.skipUnless(HAS_SDPA, "this torch has no scaled_dot_product_attention")
    def test_per_span_sdpa_equals_the_masked_definition_forward_and_backward(self) -> None:
        from kaizen_worker.attention import packed_attention

        tensors = qkv(torch.float32, "cpu")
        got = outputs_and_grads(lambda q, k, v: packed_attention(None, q, k, v, None, kaizen_segments=SPANS)[0], tensors)
        want = outputs_and_grads(lambda q, k, v: masked_reference(q, k, v, SPANS), tensors)
        for a, b in zip(got, want):
            torch.testing.assert_close(a, b, atol=1e-5, rtol=1e-5)

    @unittest.skipUnless(HAS_SDPA, "this torch has no scaled_dot_product_attention")
    def test_the_comparison_notices_one_span_boundary_moved(self) -> None:
        from kaizen_worker.attention import packed_attention

        tensors = qkv(torch.float32, "cpu")
        moved = [[(0, 6), (6, 17), (17, 24)], SPANS[1]]
        got = packed_attention(None, *tensors, None, kaizen_segments=moved)[0]
        self.assertGreater(float((got - masked_reference(*tensors, SPANS)).abs().max().detach()), 1e-2)

    def test_spans_must_cover_each_row_in_order(self) -> None:
        from kaizen_worker.attention import _cumulative

        for bad in ([[(0, 5), (6, 24)]], [[(0, 5), (5, 20)]], [[(1, 24)]], [[(0, 10), (10, 10), (10, 24)]]):
            with self.assertRaises(ValueError):
                _cumulative(bad, 24, torch.device("cpu"))
        bounds, longest = _cumulative(SPANS, 24, torch.device("cpu"))
        self.assertEqual(bounds.tolist(), [0, 5, 17, 24, 43, 48])
        self.assertEqual(longest, 19)

    def test_kernel_choice(self) -> None:
        import os

        from kaizen_worker.attention import KERNEL_ENV, packed_kernel

        self.assertEqual(packed_kernel(torch.zeros(1, dtype=torch.bfloat16)), "sdpa")  # CPU
        old = os.environ.get(KERNEL_ENV)
        try:
            os.environ[KERNEL_ENV] = "flash"
            with self.assertRaisesRegex(ValueError, "auto, varlen or sdpa"):
                packed_kernel(torch.zeros(1))
        finally:
            os.environ.pop(KERNEL_ENV) if old is None else os.environ.__setitem__(KERNEL_ENV, old)

    @unittest.skipUnless(torch.cuda.is_available(), "needs a GPU")
    def test_varlen_on_the_gpu_equals_the_masked_definition(self) -> None:
        from kaizen_worker.attention import _varlen, packed_attention, packed_kernel

        self.assertIsNotNone(_varlen(), "torch's varlen attention is unusable here (see stderr)")
        for heads, kv_heads in ((4, 2), (4, 4)):
            tensors = qkv(torch.bfloat16, "cuda", heads, kv_heads, width=24, dim=64)
            self.assertEqual(packed_kernel(tensors[0]), "varlen")
            got = outputs_and_grads(lambda q, k, v: packed_attention(None, q, k, v, None, kaizen_segments=SPANS)[0],
                                    tensors)
            want = outputs_and_grads(lambda q, k, v: masked_reference(q, k, v, SPANS), tensors)
            for a, b in zip(got, want):
                torch.testing.assert_close(a.float(), b.float(), atol=3e-2, rtol=3e-2)


if __name__ == "__main__":
    unittest.main()
