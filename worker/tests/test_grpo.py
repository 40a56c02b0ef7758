"""The GRPO worker's batch handling and generation server on CPU, with a stand-in sampler."""
from __future__ import annotations

import contextlib
import json
import math
import os
import tempfile
import threading
import unittest
import urllib.request

import torch

from kaizen_worker.grpo import micro_batches, rows_of
from kaizen_worker.serve import Batcher, Sample, model_sampler, serve
from kaizen_worker.shards import LOSS


def post(port: int, path: str, body: dict) -> dict:
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


class SettingsTest(unittest.TestCase):
    def test_the_settings_fields_are_the_keys_java_writes(self) -> None:
        """GrpoSettings.read refuses unknown and missing keys, so a field added on one side only would
        stop every GPU run at start-up: both sides are checked against one list (the Java side in
        GrpoConfigReaderTest)."""
        from dataclasses import fields

        from kaizen_worker.grpo import GrpoSettings

        golden = os.path.join(os.path.dirname(__file__), "..", "..", "src", "test", "resources", "golden", "train",
                              "grpo-worker-settings.txt")
        with open(golden) as f:
            keys = [line.strip() for line in f if line.strip() and not line.startswith("#")]
        self.assertEqual([f.name for f in fields(GrpoSettings)], keys)


class RowsTest(unittest.TestCase):
    def test_rows_flag_trained_tokens_and_keep_old_logprobs(self) -> None:
        rows = rows_of({"rows": [{"ids": [5, 6, 7], "trained": [0, 1, 1], "old_logprobs": [0, -1.5, -0.5], "advantage": 0.7}]})
        row, old, adv, weight = rows[0]
        self.assertEqual(row.flags.tolist(), [0, LOSS, LOSS])
        self.assertEqual(old.tolist(), [0, -1.5, -0.5])
        self.assertAlmostEqual(adv, 0.7)
        self.assertEqual(weight, 1.0)  # no token_weight: a plain token mean
        weighted = rows_of({"rows": [{"ids": [5, 6], "trained": [0, 1], "old_logprobs": [0, -1], "advantage": 1,
                                      "token_weight": 0.25}]})
        self.assertEqual(weighted[0][3], 0.25)
        with self.assertRaises(ValueError):
            rows_of({"rows": [{"ids": [5, 6], "trained": [0, 1], "old_logprobs": [0, -1], "advantage": 1,
                               "token_weight": -1}]})

    def test_misaligned_rows_are_refused(self) -> None:
        with self.assertRaises(ValueError):
            rows_of({"rows": [{"ids": [5, 6, 7], "trained": [0, 1], "old_logprobs": [0, 0, 0], "advantage": 1}]})
        with self.assertRaises(ValueError):
            rows_of({"rows": [{"ids": [5, 6], "trained": [1, 1], "old_logprobs": [0, 0], "advantage": 1}]})

    def test_micro_batches_fit_the_budget_and_cover_every_row_once(self) -> None:
        lengths = [100, 30, 70, 500, 20, 60]
        groups = micro_batches(lengths, 200)
        self.assertEqual(sorted(i for g in groups for i in g), list(range(6)))
        for g in groups:
            self.assertTrue(len(g) == 1 or len(g) * max(lengths[i] for i in g) <= 200, g)


class ServerTest(unittest.TestCase):
    def test_concurrent_requests_are_batched_and_answered_in_vllm_form(self) -> None:
        seen: list[int] = []

        def fake(prompts, max_new, temperature):
            seen.append(len(prompts))
            return [Sample([p[-1] + 1, p[-1] + 2, 99], [-0.1, -0.2, -0.3], "stop") for p in prompts]

        batcher = Batcher(fake, max_batch=16, lock=threading.Lock())
        server = serve(batcher, "policy", 0, {"/kaizen/echo": lambda b: {"echo": b}})
        port = server.server_address[1]
        try:
            replies: dict[int, dict] = {}

            def call(k: int) -> None:
                replies[k] = post(port, "/v1/completions", {"model": "policy", "prompt": [1, 2, k], "max_tokens": 2,
                                                            "temperature": 0.8, "logprobs": 1,
                                                            "return_tokens_as_token_ids": True})

            threads = [threading.Thread(target=call, args=(k,)) for k in range(12)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            for k, r in replies.items():
                c = r["choices"][0]
                self.assertEqual(c["token_ids"], [k + 1, k + 2])  # cut at max_tokens
                self.assertEqual(c["logprobs"]["tokens"], [f"token_id:{k + 1}", f"token_id:{k + 2}"])
                self.assertEqual(c["logprobs"]["token_logprobs"], [-0.1, -0.2])
                self.assertEqual(c["finish_reason"], "length")
            self.assertEqual(sum(seen), 12)
            self.assertLess(len(seen), 12, "some requests should have shared a batch")
            self.assertEqual(post(port, "/kaizen/echo", {"a": 1}), {"echo": {"a": 1}})
            with self.assertRaises(urllib.error.HTTPError) as bad:
                post(port, "/v1/completions", {"prompt": "text prompts are not tokenized here"})
            self.assertEqual(bad.exception.code, 400)
        finally:
            server.shutdown()
            server.server_close()


class TinyLm(torch.nn.Module):
    """A stand-in decoder stack with the calling convention of transformers' (static cache included):
    each position's hidden state is the embedding of its token, so the next token is a function
    of the last one alone and the sampler's bookkeeping can be checked exactly."""

    def __init__(self, vocab: int) -> None:
        super().__init__()
        self.emb = torch.nn.Embedding(vocab, vocab)
        with torch.no_grad():
            self.emb.weight.copy_(torch.full((vocab, vocab), -10.0))
            for t in range(vocab):
                self.emb.weight[t, (t + 1) % vocab] = 10.0  # token t is followed by t+1

    def forward(self, input_ids, attention_mask, position_ids, use_cache, kaizen_kv=None):
        class Out:
            pass

        o = Out()
        o.last_hidden_state = self.emb(input_ids)
        return o


class SamplerTest(unittest.TestCase):
    def test_greedy_sampling_stops_at_an_end_token_per_row_and_returns_its_logprobs(self) -> None:
        lm = TinyLm(10)
        sample = model_sampler(lm, torch.nn.Identity(), end_ids=[7], pad_id=0, device=torch.device("cpu"))
        out = sample([[1, 2], [5], [8, 8, 8]], 6, 0.0)
        self.assertEqual(out[0].ids, [3, 4, 5, 6, 7])
        self.assertEqual(out[0].finish, "stop")
        self.assertEqual(out[1].ids, [6, 7])
        self.assertEqual(out[2].ids, [9, 0, 1, 2, 3, 4])
        self.assertEqual(out[2].finish, "length")
        for s in out:
            self.assertEqual(len(s.logprobs), len(s.ids))
            for lp in s.logprobs:
                self.assertGreater(lp, -1e-6 - 1e-3)  # the chosen token holds nearly all the mass


    def test_ids_past_the_tokenizers_vocabulary_are_never_sampled(self) -> None:
        lm = TinyLm(10)  # token 8 is followed by 9, which a 9-token tokenizer does not have
        sample = model_sampler(lm, torch.nn.Identity(), end_ids=[7], pad_id=0, device=torch.device("cpu"), vocab_size=9)
        greedy = sample([[8]], 3, 0.0)[0]
        self.assertEqual(greedy.ids[0], 0)  # the rest are alike (-10): the first of them
        self.assertAlmostEqual(greedy.logprobs[0], -math.log(9), places=5)  # over the 9 ids the tokenizer has
        for s in sample([[8]] * 64, 2, 1.0):
            self.assertTrue(all(t < 9 for t in s.ids), s.ids)


def reply_rows(prompts, outs, logprobs, advantages) -> list[dict]:
    """/kaizen/step rows of sampled replies: prompt + reply ids, the reply trained with ``logprobs``
    as its old log-probs, one advantage a row."""
    return [{"ids": p + o.ids, "trained": [0] * len(p) + [1] * len(o.ids), "old_logprobs": [0.0] * len(p) + list(lp),
             "advantage": float(a)} for p, o, lp, a in zip(prompts, outs, logprobs, advantages)]


def even_token_rounds(trainer, sample, steps: int, prompts: int, prompt_ids: tuple[int, int, int], new: int,
                      temperature: float, learning_rate: float | None = None) -> tuple[list[float], list[dict]]:
    """GRPO on a toy reward, driven as Java drives it: each step ``prompts`` random prompts
    (``prompt_ids`` = low, high, length) x 4 replies of ``new`` tokens sampled at ``temperature``,
    reward = the share of even tokens in a reply, group-relative advantages (GroupAdvantages'
    formula; flat groups left out) and one train_step. Returns every group's mean reward, in order,
    and the step results."""
    import numpy as np

    rng = np.random.default_rng(0)
    means, results = [], []
    for _ in range(steps):
        batch = [[int(t) for t in rng.integers(prompt_ids[0], prompt_ids[1], size=prompt_ids[2])] for _ in range(prompts)]
        outs = sample([p for p in batch for _ in range(4)], new, temperature)
        rows = []
        for k, prompt in enumerate(batch):
            group = outs[4 * k:4 * k + 4]
            r = np.array([np.mean([t % 2 == 0 for t in o.ids]) for o in group])
            means.append(float(r.mean()))
            if r.std() < 1e-6:
                continue
            rows += reply_rows([prompt] * 4, group, [o.logprobs for o in group], (r - r.mean()) / r.std())
        if rows:  # every group flat (all even, once learned): nothing to train on
            body = {"rows": rows} if learning_rate is None else {"rows": rows, "learning_rate": learning_rate}
            results.append(trainer.train_step(body))
    return means, results


class AdaptedLm(torch.nn.Module):
    """A stand-in for the trainer's PEFT model on CPU: the decoder stack is an embedding (random,
    frozen: a position's logits depend on its token alone) plus a trainable additive adapter,
    zero at first as fresh LoRA adapters are, that ``disable_adapter()`` switches off as peft's does."""

    def __init__(self, vocab: int, scale: float = 1.5) -> None:
        super().__init__()
        self.emb = torch.nn.Embedding(vocab, vocab)
        with torch.no_grad():
            self.emb.weight.copy_(scale * torch.randn(vocab, vocab, generator=torch.Generator().manual_seed(4)))
        self.emb.weight.requires_grad_(False)
        self.adapter = torch.nn.Parameter(torch.zeros(vocab, vocab))
        self.enabled = True

    def forward(self, input_ids, **_):
        class Out:
            pass

        o = Out()
        o.last_hidden_state = self.emb(input_ids) + (self.adapter[input_ids] if self.enabled else 0.0)
        return o

    @contextlib.contextmanager
    def disable_adapter(self):
        self.enabled = False
        try:
            yield
        finally:
            self.enabled = True


class StepTest(unittest.TestCase):
    """The worker's GRPO step on CPU with the stand-in model: what it trains and what it refuses."""

    VOCAB = 12

    @classmethod
    def trainer(cls, temperature: float):
        from kaizen_worker.grpo import GrpoSettings, Trainer
        from kaizen_worker.model import LoraSettings

        s = GrpoSettings(kind="grpo", model="-", name="p", out="-", lora=LoraSettings(8, 16, 0.0, ["q_proj"]),
                         dtype="float32", learning_rate=1e-2, weight_decay=0.0, max_grad_norm=1.0, clip=0.2, kl=0.05,
                         seed=1, gradient_checkpointing=False, micro_batch_tokens=4096, max_batch=8, end_ids=[7], pad_id=0,
                         vocab_size=cls.VOCAB, prefix_cache=False, port=0, keep_checkpoints=1, temperature=temperature)
        lm = AdaptedLm(cls.VOCAB)
        return Trainer(s, resume=False, adapted=(lm, lm, torch.nn.Identity()))

    def sampled(self, trainer, temperature: float, rows: int = 6, new: int = 8):
        """Prompts and replies drawn from the stand-in at ``temperature``, as the worker's sampler
        returns them (log-probs of the distribution drawn from)."""
        sample = model_sampler(trainer.backbone, trainer.head, [7], 0, trainer.device, self.VOCAB)
        torch.manual_seed(11)
        prompts = [[1 + i % 5, 2 + i % 7] for i in range(rows)]
        return prompts, sample(prompts, new, temperature)

    def test_the_step_trains_the_tempered_distribution_the_sampler_drew_from(self) -> None:
        import numpy as np

        trainer = self.trainer(0.6)
        prompts, out = self.sampled(trainer, 0.6)
        adv = [1.0, -1.0, 0.5, -0.5, 1.0, -1.0]
        result = trainer.train_step({"rows": reply_rows(prompts, out, [o.logprobs for o in out], adv)})
        self.assertLess(result["logprob_gap"], 1e-5)  # sampler and trainer agree at temperature 0.6
        self.assertAlmostEqual(result["ratio"], 1.0, places=5)
        self.assertAlmostEqual(result["kl"], 0.0, places=6)  # the adapter was zero: policy = reference
        # the reported entropy is that of softmax(logits / 0.6) at the trained positions
        want = []
        for p, o in zip(prompts, out):
            for prev in (p + o.ids)[len(p) - 1:-1]:
                q = torch.softmax(trainer.backbone.emb.weight[prev] / 0.6, -1)
                want.append(float(-(q * q.log()).sum()))
        self.assertAlmostEqual(result["entropy"], float(np.mean(want)), places=4)
        self.assertGreater(float(trainer.backbone.adapter.abs().sum()), 0.0)
        # after the step the adapter moved the policy away from the reference: a KL shows
        second = trainer.train_step({"rows": reply_rows(prompts, out, [o.logprobs for o in out], adv)})
        self.assertGreater(second["kl"], 0.0)

    def test_tempered_steps_raise_a_simple_reward_and_the_entropy_falls(self) -> None:
        """Sampling at 0.7, group-relative advantages and the tempered step, end to end on CPU: the
        reward is the share of even tokens among 6 sampled ones; 25 steps of 16 prompts x 4 raise it
        well past its start, and the policy's entropy (reported by the step) falls as it does."""
        import numpy as np

        trainer = self.trainer(0.7)
        sample = model_sampler(trainer.backbone, trainer.head, [99], 0, trainer.device, self.VOCAB)
        torch.manual_seed(0)
        means, results = even_token_rounds(trainer, sample, 25, 16, (1, self.VOCAB, 2), 6, 0.7, learning_rate=0.1)
        entropies = [r["entropy"] for r in results]
        first, last = np.mean(means[:3 * 16]), np.mean(means[-3 * 16:])
        self.assertGreater(last, first + 0.2, (first, last))
        self.assertLess(np.mean(entropies[-3:]), np.mean(entropies[:3]))

    def test_temperature_1_log_probs_for_a_tempered_step_are_refused_and_change_nothing(self) -> None:
        trainer = self.trainer(0.6)
        prompts, out = self.sampled(trainer, 0.6)
        raw = []
        for p, o in zip(prompts, out):
            seq = p + o.ids
            raw.append([float(torch.log_softmax(trainer.backbone.emb.weight[a], -1)[b]) for a, b in zip(seq[len(p) - 1:-1], o.ids)])
        before = trainer.backbone.adapter.detach().clone()
        with self.assertRaisesRegex(ValueError, "processed_logprobs"):
            trainer.train_step({"rows": reply_rows(prompts, out, raw, [1.0, -1.0] * 3)})
        self.assertTrue(torch.equal(trainer.backbone.adapter.detach(), before))
        self.assertEqual(trainer.step, 0)
        self.assertEqual(len(trainer.optimizer.state), 0, "no optimizer step was taken")
        self.assertIsNone(trainer.backbone.adapter.grad)
        # at temperature 1 the same log-probs are the right ones
        plain = self.trainer(1.0)
        self.assertLess(plain.train_step({"rows": reply_rows(prompts, out, raw, [1.0, -1.0] * 3)})["logprob_gap"], 1e-5)


def _has(*names: str) -> bool:
    import importlib.util

    return all(importlib.util.find_spec(n) is not None for n in names)


@unittest.skipUnless(_has("transformers", "peft", "safetensors"), "needs transformers and peft (KAIZEN_PYTHON=...)")
class SamplerMatchesTrainerTest(unittest.TestCase):
    """The log-probs the server returns for left-padded, KV-cached sampling equal the trainer's for
    the same tokens in right-padded rows (fp32): the ratio of the first step is 1, as it must be."""

    def test_sampled_logprobs_equal_training_logprobs(self) -> None:
        with self._trainer(torch.float32) as trainer:
            sample = model_sampler(trainer.backbone, trainer.head, [7], 0, trainer.device, 500)
            # two calls of different shapes, then the first shape again: a cache (and, on a GPU, a
            # captured decode step) is reused with stale columns from the longer call
            for prompts, new in (([[1, 2, 3], [4, 5, 6, 8, 9, 10, 11], [12]], 12),
                                 ([[3] * 300, [5, 6], [9] * 40, [1], [2, 2]], 40),
                                 ([[13, 14], [15, 16, 17, 18]], 12)):
                out = sample(prompts, new, 1.0)
                trained, sampled = self._trained_and_sampled(trainer, prompts, out)
                self.assertEqual(trained.shape, sampled.shape)
                self.assertLess(float((trained - sampled).abs().max()), 1e-4)
            # after an optimizer step the sampler samples from the new weights (a graph replays the
            # adapters' tensors in place, it holds no copy)
            with torch.no_grad():
                for p in trainer.trainable:
                    p.add_(0.05 * torch.randn_like(p))
            prompts = [[1, 2, 3], [4, 5]]
            out = sample(prompts, 12, 1.0)
            trained, sampled = self._trained_and_sampled(trainer, prompts, out)
            self.assertLess(float((trained - sampled).abs().max()), 1e-4)

    def test_sampled_logprobs_are_those_of_the_tempered_distribution_the_step_trains(self) -> None:
        """At temperature 0.7 the server returns log softmax(logits / 0.7) of the drawn tokens, equal
        to the trainer's at that temperature, and far from the temperature-1 ones; a step with them
        has ratio 1 and no refusal. The same batch with the temperature-1 log-probs (what vLLM returns
        by default) is refused, and the adapters stay as they were."""
        prompts = [[1, 2, 3], [4, 5, 6, 8, 9, 10, 11], [12, 40, 41]]
        with self._trainer(torch.float32, temperature=0.7) as trainer:
            sample = model_sampler(trainer.backbone, trainer.head, [7], 0, trainer.device, 500)
            torch.manual_seed(3)
            out = sample(prompts, 16, 0.7)
            tempered, sampled = self._trained_and_sampled(trainer, prompts, out, 0.7)
            raw, _ = self._trained_and_sampled(trainer, prompts, out, 1.0)
            self.assertLess(float((tempered - sampled).abs().max()), 1e-4)
            self.assertGreater(float((raw - sampled).abs().mean()), 0.05)

            split = [len(o.ids) for o in out]
            raw_lists = [raw[sum(split[:i]):sum(split[:i + 1])].tolist() for i in range(len(out))]
            before = [p.detach().clone() for p in trainer.trainable]
            with self.assertRaisesRegex(ValueError, "processed_logprobs"):
                trainer.train_step({"rows": reply_rows(prompts, out, raw_lists, (1.0, -1.0, 0.5))})
            for p, b in zip(trainer.trainable, before):
                self.assertTrue(torch.equal(p.detach(), b))
            result = trainer.train_step({"rows": reply_rows(prompts, out, [o.logprobs for o in out], (1.0, -1.0, 0.5))})
            self.assertLess(abs(result["ratio"] - 1.0), 1e-4)
            self.assertLess(result["logprob_gap"], 1e-4)
            self.assertGreater(result["entropy"], 0.0)
            self.assertTrue(any(not torch.equal(p.detach(), b) for p, b in zip(trainer.trainable, before)))

    def test_a_prefix_cached_turn_samples_what_a_full_prefill_samples(self) -> None:
        """Second turns that extend the first (prompt + reply + new tokens), in a batch with a fresh
        prompt and a short one: greedy tokens equal, log-probs equal within 1e-4, and equal to the
        trainer's; the cache spared most of their prefill."""
        import numpy as np

        from kaizen_worker.serve import PrefixStore

        rng = np.random.default_rng(5)
        with self._trainer(torch.float32) as trainer:
            store = PrefixStore(1 << 30)
            cached = model_sampler(trainer.backbone, trainer.head, [7], 0, trainer.device, 500, prefixes=store)
            plain = model_sampler(trainer.backbone, trainer.head, [7], 0, trainer.device, 500)
            # 116 + 12 and 244 + 12 sampled tokens end on a block boundary: the last sampled token
            # was never fed to the model, so a cache that kept it would hand out a wrong block
            first = [[int(t) for t in rng.integers(10, 400, size=n)] for n in (116, 244, 70)]
            out1 = cached(first, 12, 0.0)
            self.assertEqual([len(o.ids) for o in out1], [12, 12, 12])
            self.assertEqual(store.reused_tokens, 0)
            second = [p + o.ids + [int(t) for t in rng.integers(10, 400, size=k)] for p, o, k in zip(first, out1, (20, 5, 40))]
            second += [[int(t) for t in rng.integers(10, 400, size=90)], [11, 12, 13]]  # fresh, and short
            for temperature in (0.0,):
                got, want = cached(second, 12, temperature), plain(second, 12, temperature)
                self.assertEqual([g.ids for g in got], [w.ids for w in want])
                for g, w in zip(got, want):
                    self.assertLess(max(abs(a - b) for a, b in zip(g.logprobs, w.logprobs)), 1e-4)
            self.assertEqual(store.reused_tokens, 64 + 192 + 64)  # whole blocks fed before: 127, 255 and 81 tokens
            trained, sampled = self._trained_and_sampled(trainer, second, got)
            self.assertLess(float((trained - sampled).abs().max()), 1e-4)
            store.clear()
            before = store.reused_tokens
            cached(second, 4, 0.0)
            self.assertEqual(store.reused_tokens, before)  # nothing found after clear (new weights)

    @unittest.skipUnless(torch.cuda.is_available(), "bfloat16 sampling runs on the GPU")
    def test_bfloat16_sampling_follows_the_float32_adapters_after_a_step(self) -> None:
        """bf16 (as the GPU runs): sampled and trained log-probs differ by rounding only, and after a
        weight change the (graph-captured) sampler uses the new adapters, not casts of the old ones."""
        with self._trainer(torch.bfloat16) as trainer:
            sample = model_sampler(trainer.backbone, trainer.head, [7], 0, trainer.device, 500)
            prompts = [[1, 2, 3], [4, 5, 6, 8, 9, 10, 11], [12]]
            out = sample(prompts, 12, 1.0)
            trained, sampled = self._trained_and_sampled(trainer, prompts, out)
            self.assertLess(float((trained - sampled).abs().mean()), 0.05)
            old = [p.detach().clone() for p in trainer.trainable]
            with torch.no_grad():
                for p in trainer.trainable:
                    p.add_(0.5 * torch.randn_like(p))
            out = sample(prompts, 12, 1.0)
            trained, sampled = self._trained_and_sampled(trainer, prompts, out)
            new = [p.detach().clone() for p in trainer.trainable]
            with torch.no_grad():
                for p, o in zip(trainer.trainable, old):
                    p.copy_(o)
            before, _ = self._trained_and_sampled(trainer, prompts, out)
            with torch.no_grad():
                for p, n in zip(trainer.trainable, new):
                    p.copy_(n)
            moved = float((trained - before).abs().mean())
            self.assertGreater(moved, 0.01)  # the change is visible at all
            self.assertLess(float((trained - sampled).abs().mean()), 0.2 * moved)

    @unittest.skipUnless(torch.cuda.is_available(), "bfloat16 sampling runs on the GPU")
    def test_bfloat16_prefix_cached_turns_match_the_trainer(self) -> None:
        """bf16 with the prefix cache, as the GPU runs GRPO: a second turn's sampled log-probs differ
        from the trainer's by rounding only (the cached keys and values come from another batch)."""
        import numpy as np

        from kaizen_worker.serve import PrefixStore

        rng = np.random.default_rng(6)
        with self._trainer(torch.bfloat16) as trainer:
            store = PrefixStore(1 << 30)
            sample = model_sampler(trainer.backbone, trainer.head, [7], 0, trainer.device, 500, prefixes=store)
            first = [[int(t) for t in rng.integers(10, 400, size=n)] for n in (150, 230, 70, 300)]
            out = sample(first, 12, 1.0)
            second = [p + o.ids + [int(t) for t in rng.integers(10, 400, size=20)] for p, o in zip(first, out)]
            out = sample(second, 12, 1.0)
            self.assertGreater(store.reused_tokens, 0)
            trained, sampled = self._trained_and_sampled(trainer, second, out)
            self.assertLess(float((trained - sampled).abs().mean()), 0.05)

    def test_policy_gradient_steps_raise_a_simple_reward(self) -> None:
        """Sampling, group-relative advantages (as GroupAdvantages computes them in Java) and the
        worker's clipped step, end to end: the reward is the share of even tokens among 4 sampled
        ones, ~0.5 for the random model. 30 steps of 32 prompts x 4 generations raise it to ~0.9
        (with 8 prompts a step the same 30 steps reach ~0.6: the step is noise-dominated, as the
        GPU runs of docs/BENCHMARKS.md were)."""
        import numpy as np

        targets = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")
        with self._trainer(torch.float32, learning_rate=1e-2, targets=targets) as trainer:
            sample = model_sampler(trainer.backbone, trainer.head, [7], 0, trainer.device, 500)
            rewards_by_step, _ = even_token_rounds(trainer, sample, 30, 32, (10, 200, 5), 4, 1.0)
            first, last = np.mean(rewards_by_step[:5 * 32]), np.mean(rewards_by_step[-5 * 32:])
            self.assertLess(first, 0.6)
            self.assertGreater(last, first + 0.2)

    def test_token_weights_weigh_the_step_and_only_their_ratios_matter(self) -> None:
        """A row of weight 0 changes nothing; scaling every weight changes nothing; a row that
        weighs more moves the adapters differently (so the weights are not ignored)."""
        rows = [{"ids": [3, 4, 5, 6, 9], "trained": [0, 0, 1, 1, 1], "old_logprobs": [0, 0, -6.0, -6.1, -6.2],
                 "advantage": 1.0},
                {"ids": [8, 2, 11, 12], "trained": [0, 1, 1, 1], "old_logprobs": [0, -6.0, -6.3, -6.1], "advantage": -1.0}]

        def update(weights):
            with self._trainer(torch.float32, learning_rate=1e-2) as trainer:
                before = [p.detach().clone() for p in trainer.trainable]
                chosen = [dict(r, token_weight=w) for r, w in zip(rows, weights) if w is not None]
                trainer.train_step({"rows": chosen})
                return [p.detach() - b for p, b in zip(trainer.trainable, before)]

        alone = update([1.0, None])
        for a, b in zip(update([1.0, 0.0]), alone):
            torch.testing.assert_close(a, b, atol=1e-5, rtol=0)  # Adam: lr x sign of the gradient, at first
        even = update([1.0, 1.0])
        for a, b in zip(update([3.0, 3.0]), even):
            torch.testing.assert_close(a, b, atol=1e-5, rtol=0)  # Adam: lr x sign of the gradient, at first
        uneven = update([1.0, 4.0])
        self.assertGreater(max(float((a - b).abs().max()) for a, b in zip(uneven, even)), 1e-3)

    def test_the_adapter_route_writes_the_live_adapters_loadable_by_peft_and_no_checkpoint(self) -> None:
        """What an external vLLM endpoint is given after a step: the adapters as trained so far, in
        PEFT's format (a fresh base plus the folder computes what the trainer's model computes);
        the run's checkpoints are not touched."""
        from peft import PeftModel
        from transformers import AutoModelForCausalLM

        rows = [{"ids": [3, 4, 5, 6, 9], "trained": [0, 0, 1, 1, 1], "old_logprobs": [0, 0, -6.0, -6.1, -6.2],
                 "advantage": 1.0}]
        ids = torch.tensor([[3, 4, 5, 6, 9, 11, 12]])
        with self._trainer(torch.float32, learning_rate=1e-2) as trainer, tempfile.TemporaryDirectory() as tmp:
            with torch.no_grad():
                untrained = trainer.model(input_ids=ids.to(trainer.device)).logits.float().cpu()
            trainer.train_step({"rows": rows})
            answer = trainer.save_adapter({"path": tmp + "/step-1"})
            self.assertEqual({"path": tmp + "/step-1", "step": 1}, answer)
            self.assertFalse(os.path.exists(trainer.s.out + "/checkpoints"))
            fresh = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(trainer.s.model, dtype=torch.float32),
                                              tmp + "/step-1").eval()
            with torch.no_grad():
                live = trainer.model(input_ids=ids.to(trainer.device)).logits.float().cpu()
                loaded = fresh(input_ids=ids).logits.float()
            self.assertGreater(float((live - untrained).abs().max()), 1e-3, "the step changed the model")
            torch.testing.assert_close(loaded, live, atol=1e-4, rtol=1e-4)

    def test_a_resumed_trainer_continues_exactly_where_the_checkpoint_left_it(self) -> None:
        """What a later session's resume relies on: the checkpoint brings back the adapters, the
        optimizer's moments and the step count, so the next step of the resumed trainer equals the
        next step of the one that never stopped."""
        from kaizen_worker.grpo import Trainer

        rows = [{"ids": [3, 4, 5, 6, 9], "trained": [0, 0, 1, 1, 1], "old_logprobs": [0, 0, -6.0, -6.1, -6.2],
                 "advantage": 1.0},
                {"ids": [3, 4, 8, 2], "trained": [0, 0, 1, 1], "old_logprobs": [0, 0, -6.0, -6.3], "advantage": -1.0}]
        ids = torch.tensor([[3, 4, 5, 6, 9, 11, 12]])
        with self._trainer(torch.float32, learning_rate=1e-2) as trainer:
            ids = ids.to(trainer.device)  # the test's own input: on a GPU run it must be where the model is
            for _ in range(2):
                trainer.train_step({"rows": rows})
            saved = trainer.save({"step": 2, "state": {"episodes": 8}})
            self.assertTrue(saved["path"].endswith("step-0000002"), saved)
            resumed = Trainer(trainer.s, resume=True)
            self.assertEqual(2, resumed.step)
            moments = [(a["exp_avg_sq"], b["exp_avg_sq"]) for a, b in
                       zip(trainer.optimizer.state_dict()["state"].values(), resumed.optimizer.state_dict()["state"].values())]
            self.assertEqual(len(trainer.trainable), len(moments))
            for kept, loaded in moments:
                self.assertGreater(float(kept.abs().sum()), 0.0)
                torch.testing.assert_close(loaded, kept, atol=0, rtol=0)
            with torch.no_grad():
                torch.testing.assert_close(resumed.model(input_ids=ids).logits, trainer.model(input_ids=ids).logits,
                                           atol=1e-6, rtol=0)
            going_on, after_resume = trainer.train_step({"rows": rows}), resumed.train_step({"rows": rows})
            self.assertEqual(3, after_resume["step"])
            self.assertAlmostEqual(going_on["loss"], after_resume["loss"], places=6)
            with torch.no_grad():
                torch.testing.assert_close(resumed.model(input_ids=ids).logits, trainer.model(input_ids=ids).logits,
                                           atol=1e-5, rtol=0)

    @staticmethod
    @contextlib.contextmanager
    def _trainer(dtype: torch.dtype, learning_rate: float = 1e-3, targets: tuple[str, ...] = ("q_proj", "v_proj"),
                 temperature: float = 1.0):
        from kaizen_worker import tiny_model
        from kaizen_worker.grpo import GrpoSettings, Trainer
        from kaizen_worker.model import LoraSettings

        with tempfile.TemporaryDirectory() as tmp:
            tiny_model.build("tiny", None, 0, dtype).save_pretrained(tmp + "/m")
            s = GrpoSettings(kind="grpo", model=tmp + "/m", name="p", out=tmp + "/run",
                             lora=LoraSettings(8, 16, 0.0, list(targets)), dtype=str(dtype).split(".")[-1],
                             learning_rate=learning_rate, weight_decay=0.0, max_grad_norm=1.0, clip=0.2, kl=0.05, seed=1,
                             gradient_checkpointing=False, micro_batch_tokens=4096, max_batch=8, end_ids=[7], pad_id=0, vocab_size=500, prefix_cache=False,
                             port=0, keep_checkpoints=1, temperature=temperature)
            yield Trainer(s, resume=False)

    @staticmethod
    def _trained_and_sampled(trainer, prompts, out, temperature: float = 1.0):
        import numpy as np

        from kaizen_worker.losses import target_weights
        from kaizen_worker.shards import Row, collate

        rows = [Row(np.array(p + o.ids, dtype=np.int32), np.array([0] * len(p) + [LOSS] * len(o.ids), dtype=np.uint8))
                for p, o in zip(prompts, out)]
        batch = collate(rows, packed=False, pad_id=0).to(trainer.device)
        selected = target_weights(batch.flags) > 0
        with torch.no_grad():
            trained = trainer.logps(batch, selected, temperature).cpu()
        return trained, torch.tensor([lp for o in out for lp in o.logprobs])


class BatchMergingTest(unittest.TestCase):
    def test_two_halves_of_a_round_that_fell_out_of_step_merge_again(self) -> None:
        import time

        sizes: list[int] = []

        def slow(prompts, max_new, temperature):
            sizes.append(len(prompts))
            time.sleep(0.2)  # a batch's sampling time
            return [Sample([1], [-0.1], "stop") for _ in prompts]

        batcher = Batcher(slow, max_batch=64, lock=threading.Lock())
        batcher.RETURN_WAIT = 1.0  # generous: scheduling delays on a loaded machine stay far below it

        def episode(delay: float) -> None:
            time.sleep(delay)
            for _ in range(4):
                batcher.submit([1, 2], 1, 0.8)
                time.sleep(0.02)  # the environment's step and the next prompt: longer than QUIET

        # the late half arrives while the early half's first batch samples: the rounds fall out of
        # step, and with the environment slower than the quiet window they would alternate for ever
        threads = [threading.Thread(target=episode, args=(0.0 if k < 8 else 0.1,)) for k in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sizes, [8, 16, 16, 16, 8])

    def test_episodes_that_ended_are_not_waited_for(self) -> None:
        import time

        sizes: list[int] = []

        def fast(prompts, max_new, temperature):
            sizes.append(len(prompts))
            return [Sample([1], [-0.1], "stop") for _ in prompts]

        batcher = Batcher(fast, max_batch=64, lock=threading.Lock())
        batcher.RETURN_WAIT = 5.0  # what each round would cost if the batcher waited for the ended episodes
        batcher.RETURN_QUIET = 0.25  # generous: the 5 returns of a round come within a few ms of each other

        def episode(turns: int) -> None:
            for _ in range(turns):
                batcher.submit([1, 2], 1, 0.8)
                time.sleep(0.002)

        start = time.monotonic()
        threads = [threading.Thread(target=episode, args=(1 if k < 3 else 4,)) for k in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        # 3 of 8 episodes end after their first turn; the rest play 3 more rounds of 5. Waiting out
        # RETURN_WAIT for the 3 in each round would take 15 s; RETURN_QUIET ends each wait early.
        self.assertLess(time.monotonic() - start, 3.0)
        self.assertEqual(sum(sizes), 3 + 5 * 4)
        self.assertEqual(sizes, [8, 5, 5, 5])
