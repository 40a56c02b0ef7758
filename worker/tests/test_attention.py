"""The kaizen_packed attention against each example run alone (needs transformers; skipped without)."""
from __future__ import annotations

import importlib.util
import unittest

import numpy as np
import torch

from kaizen_worker.shards import LOSS, START, Row, collate

HAS_TRANSFORMERS = importlib.util.find_spec("transformers") is not None


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


if __name__ == "__main__":
    unittest.main()
