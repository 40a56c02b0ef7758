"""Loss, masking and schedule arithmetic on CPU torch (python3 -m unittest discover -s worker/tests -t worker)."""
from __future__ import annotations

import math
import unittest

import torch
import torch.nn.functional as F

from kaizen_worker.losses import (dpo_loss, entropy, grpo_token_terms, learning_rate, sampling_logps, sequence_logps,
                                  target_weights, weighted_token_ce)
from kaizen_worker.shards import ACTION, LOSS, REASON, START


class TargetWeightsTest(unittest.TestCase):
    def test_only_trained_tokens_count_and_never_an_examples_first_token(self) -> None:
        # two packed examples: [S p p L L][S(L) p L]; a trained START token must not be predicted
        flags = torch.tensor([[START, 0, 0, LOSS, LOSS, START | LOSS, 0, LOSS]], dtype=torch.uint8)
        w = target_weights(flags)
        self.assertEqual(w.tolist(), [[0, 0, 1, 1, 0, 0, 1]])

    def test_reason_and_action_weights_and_overlap_takes_the_larger(self) -> None:
        flags = torch.tensor([[START, LOSS | REASON, LOSS | ACTION, LOSS | REASON | ACTION, LOSS, REASON]], dtype=torch.uint8)
        w = target_weights(flags, reason_weight=0.5, action_weight=2.0)
        self.assertEqual(w.tolist(), [[0.5, 2.0, 2.0, 1.0, 0.0]])


class CrossEntropyTest(unittest.TestCase):
    def setUp(self) -> None:
        torch.manual_seed(0)
        self.head = torch.nn.Linear(8, 11, bias=False)

    def test_unit_weights_give_the_plain_sum_of_cross_entropy(self) -> None:
        h = torch.randn(5, 8)
        t = torch.randint(0, 11, (5,))
        ours = weighted_token_ce(h, self.head, t, torch.ones(5))
        ref = F.cross_entropy(self.head(h), t, reduction="sum")
        self.assertAlmostEqual(float(ours), float(ref), places=5)

    def test_masked_positions_neither_change_the_loss_nor_get_gradient(self) -> None:
        hidden = torch.randn(1, 6, 8, requires_grad=True)
        ids = torch.randint(0, 11, (1, 6))
        flags = torch.tensor([[START, 0, 0, LOSS, LOSS, 0]], dtype=torch.uint8)
        w = target_weights(flags)
        sel = w > 0

        def loss(ids_: torch.Tensor) -> torch.Tensor:
            return weighted_token_ce(hidden[:, :-1][sel], self.head, ids_[:, 1:][sel], w[sel])

        base = loss(ids)
        changed = ids.clone()
        changed[0, 1] = (ids[0, 1] + 1) % 11  # a prompt token's target: masked
        changed[0, 5] = (ids[0, 5] + 1) % 11  # an untrained tail token
        self.assertAlmostEqual(float(loss(changed)), float(base), places=6)
        base.backward()
        grad = hidden.grad[0].abs().sum(-1)
        self.assertEqual([g > 0 for g in grad.tolist()], [False, False, True, True, False, False])
        changed[0, 3] = (ids[0, 3] + 1) % 11  # a trained target does change it
        self.assertNotAlmostEqual(float(loss(changed)), float(base), places=4)


class DpoTest(unittest.TestCase):
    def test_equal_policy_and_reference_cost_log_two(self) -> None:
        z = torch.zeros(3)
        loss, margin = dpo_loss(z - 5, z - 7, z - 5, z - 7, beta=0.1)
        self.assertTrue(torch.allclose(loss, torch.full((3,), math.log(2.0))))
        self.assertTrue(torch.equal(margin, torch.zeros(3)))

    def test_loss_is_minus_log_sigmoid_of_beta_times_margin_and_pushes_chosen_up(self) -> None:
        pc = torch.tensor([-4.0], requires_grad=True)
        pr = torch.tensor([-6.0], requires_grad=True)
        loss, margin = dpo_loss(pc, pr, torch.tensor([-5.0]), torch.tensor([-5.0]), beta=0.5)
        self.assertAlmostEqual(float(margin), 0.5 * 2.0, places=6)
        self.assertAlmostEqual(float(loss), -math.log(1 / (1 + math.exp(-1.0))), places=6)
        loss.sum().backward()
        self.assertLess(float(pc.grad), 0)  # descending raises the chosen log-prob
        self.assertGreater(float(pr.grad), 0)

    def test_sequence_logps_sum_per_owner(self) -> None:
        torch.manual_seed(1)
        head = torch.nn.Linear(4, 7, bias=False)
        h = torch.randn(5, 4)
        t = torch.tensor([1, 2, 3, 4, 5])
        owner = torch.tensor([0, 0, 1, 1, 1])
        got = sequence_logps(h, head, t, owner, 3)
        lp = torch.log_softmax(head(h), -1).gather(-1, t[:, None])[:, 0]
        self.assertTrue(torch.allclose(got, torch.stack([lp[:2].sum(), lp[2:].sum(), torch.tensor(0.0)]), atol=1e-6))


class ScheduleTest(unittest.TestCase):
    def test_linear_warmup_then_cosine_to_zero(self) -> None:
        lrs = [learning_rate(s, 100, 1.0, 0.05) for s in range(100)]
        self.assertEqual(lrs[:5], [0.2, 0.4, 0.6, 0.8, 1.0])
        self.assertTrue(all(a >= b for a, b in zip(lrs[5:], lrs[6:])))
        self.assertAlmostEqual(lrs[5 + 95 // 2], 0.5, delta=0.02)
        self.assertLess(lrs[-1], 0.001)


if __name__ == "__main__":
    unittest.main()


class SamplingLogpsTest(unittest.TestCase):
    def test_log_probs_and_entropy_of_the_tempered_distribution(self) -> None:
        torch.manual_seed(0)
        logits = torch.randn(6, 9, requires_grad=True)
        targets = torch.randint(0, 9, (6,))
        for t in (1.0, 0.8, 0.5):
            logp, dist = sampling_logps(logits, targets, t)
            h = entropy(dist)
            p = torch.softmax(logits.detach() / t, -1)
            self.assertTrue(torch.allclose(logp.detach(), p.log().gather(-1, targets[:, None]).squeeze(-1), atol=1e-6))
            self.assertTrue(torch.allclose(h, -(p * p.log()).sum(-1), atol=1e-5))
            self.assertFalse(h.requires_grad)
        logp, _ = sampling_logps(logits, targets, 0.8)
        logp.sum().backward()
        self.assertGreater(float(logits.grad.abs().sum()), 0.0)
        # a lower temperature concentrates the distribution: lower entropy
        self.assertLess(float(entropy(sampling_logps(logits.detach(), targets, 0.5)[1]).mean()),
                        float(entropy(sampling_logps(logits.detach(), targets, 1.0)[1]).mean()))

    def test_masked_ids_have_probability_zero_and_leave_the_entropy_finite(self) -> None:
        logits = torch.zeros(2, 6)
        logits[:, 4:] = float("-inf")  # ids past the tokenizer's vocabulary
        logp, dist = sampling_logps(logits, torch.tensor([0, 3]), 0.8)
        h = entropy(dist)
        self.assertTrue(torch.allclose(logp, torch.full((2,), -math.log(4))))
        self.assertTrue(torch.allclose(h, torch.full((2,), math.log(4))))

    def test_the_on_policy_gradient_stops_pushing_a_token_the_sampler_already_draws(self) -> None:
        """Why the step trains the tempered distribution: for a token holding 0.9 of the mass at
        temperature 1, sampled at 0.5, a positive advantage still pushes its logit by 1 - 0.9 under
        the temperature-1 log-prob, but only by (1 - 0.988) / 0.5 under the distribution it was drawn
        from, which already draws it almost always."""
        logits = torch.tensor([[math.log(9.0), 0.0]], requires_grad=True)  # p = 0.9, 0.1 at temperature 1
        sampling_logps(logits, torch.tensor([0]), 1.0)[0].sum().backward()
        raw_push = float(logits.grad[0, 0])
        logits.grad = None
        sampling_logps(logits, torch.tensor([0]), 0.5)[0].sum().backward()
        tempered_push = float(logits.grad[0, 0])
        self.assertAlmostEqual(raw_push, 0.1, places=5)
        self.assertAlmostEqual(tempered_push, (1 - 81 / 82) / 0.5, places=5)
        self.assertLess(tempered_push, raw_push / 3)


class GrpoTermsTest(unittest.TestCase):
    def test_on_policy_gradient_is_the_advantage_weighted_score(self) -> None:
        # old = current: ratio 1, the surrogate's gradient is -A * d logp, and KL to an equal reference is 0
        logp = torch.tensor([-1.0, -2.0, -0.5], requires_grad=True)
        adv = torch.tensor([1.0, -1.0, 0.5])
        loss, terms = grpo_token_terms(logp, logp.detach(), logp.detach(), adv, clip=0.2, kl_beta=0.05)
        loss.sum().backward()
        self.assertTrue(torch.allclose(logp.grad, -adv))
        self.assertTrue(torch.allclose(terms["kl"], torch.zeros(3)))
        self.assertTrue(torch.allclose(terms["ratio"], torch.ones(3)))

    def test_clipping_stops_the_gradient_beyond_the_trust_region(self) -> None:
        old = torch.tensor([-1.0, -1.0])
        logp = (old + torch.tensor([0.5, -0.5])).requires_grad_(True)  # ratios e^0.5 = 1.65, e^-0.5 = 0.61
        adv = torch.tensor([1.0, -1.0])  # both want to move further out: clipped, no gradient
        loss, terms = grpo_token_terms(logp, old, logp.detach(), adv, clip=0.2, kl_beta=0.0)
        loss.sum().backward()
        self.assertTrue(torch.allclose(logp.grad, torch.zeros(2)))
        self.assertEqual(terms["clipped"].tolist(), [1.0, 1.0])
        # the other direction (moving back inside) keeps its gradient
        logp2 = (old + torch.tensor([0.5, -0.5])).requires_grad_(True)
        loss2, _ = grpo_token_terms(logp2, old, logp2.detach(), -adv, clip=0.2, kl_beta=0.0)
        loss2.sum().backward()
        self.assertTrue(bool((logp2.grad != 0).all()))

    def test_k3_kl_is_non_negative_and_pulls_towards_the_reference(self) -> None:
        ref = torch.tensor([-1.0, -1.0, -1.0])
        logp = torch.tensor([-0.5, -1.0, -3.0], requires_grad=True)
        loss, terms = grpo_token_terms(logp, logp.detach(), ref, torch.zeros(3), clip=0.2, kl_beta=1.0)
        self.assertTrue(bool((terms["kl"] >= 0).all()))
        self.assertAlmostEqual(float(terms["kl"][1]), 0.0, places=6)
        self.assertAlmostEqual(float(terms["kl"][0]), math.exp(-0.5) + 0.5 - 1.0, places=5)
        loss.sum().backward()
        # d/dlogp [exp(ref-logp) - (ref-logp) - 1] = 1 - exp(ref-logp): positive above ref, negative below
        self.assertGreater(float(logp.grad[0]), 0.0)
        self.assertLess(float(logp.grad[2]), 0.0)
