"""The worker's generation server: the subset of vLLM's OpenAI-compatible API that GRPO rollouts
need, answered from the model the trainer holds (so a new adapter is live the moment a step ends).

- ``POST /v1/completions`` with ``prompt`` as a list of token ids (Kaizen renders prompts with its
  own tokenizer and chat template, so the worker never tokenizes), ``max_tokens``, ``temperature``,
  ``logprobs`` and ``return_tokens_as_token_ids``: answers as vLLM does, ``logprobs.tokens`` as
  ``"token_id:N"`` strings and ``logprobs.token_logprobs`` the log-probabilities of the sampled
  tokens under the distribution they were drawn from, softmax(logits / temperature) (temperature 1
  for greedy requests): vLLM's ``--logprobs-mode processed_logprobs``, since the GRPO step trains
  that distribution (losses.sampling_logps); plus ``token_ids``.
- ``POST /v1/load_lora_adapter``: vLLM's hot-load call; here the adapter is already the trainer's.
- ``GET /v1/models``.

Concurrent requests are batched: a generation thread takes whatever is queued (up to ``max_batch``
prompts with the same temperature) and samples them together, left-padded, with a static KV cache
and (on a GPU) each decode step replayed as a CUDA graph.
Extra routes (the trainer's) are added by the caller through ``routes``.
"""
from __future__ import annotations

import json
import queue
import sys
import threading
import time
from collections import OrderedDict
from concurrent.futures import Future
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

import torch

from .attention import StaticKV
from .model import compute_precision


@dataclass
class Request:
    prompt: list[int]
    max_tokens: int
    temperature: float
    future: Future = field(default_factory=Future)
    created: float = field(default_factory=time.monotonic)


@dataclass(frozen=True)
class Sample:
    ids: list[int]
    logprobs: list[float]
    finish: str  # "stop" (an end token, included in ids) or "length"


# Samples a batch: (prompts, max new tokens, temperature) -> one Sample per prompt.
SampleFn = Callable[[list[list[int]], int, float], list[Sample]]


class Batcher:
    """Collects concurrent requests and runs them through ``sample`` in batches, one at a time."""

    QUIET = 0.005
    RETURN_WAIT = 0.05
    RETURN_QUIET = 0.02

    def __init__(self, sample: SampleFn, max_batch: int, lock: threading.Lock) -> None:
        self.sample = sample
        self.max_batch = max_batch
        self.lock = lock  # held while sampling, so a training step never runs at the same time
        self.queue: queue.Queue[Request] = queue.Queue()
        self.batches: list[int] = []  # sizes of the batches run, for the throughput figures
        self.returning = 0  # requests answered by the last batch
        self.answered_at = 0.0  # when the last batch was answered (time.monotonic)
        self.busy_s = 0.0
        threading.Thread(target=self._loop, daemon=True, name="generation").start()

    def submit(self, prompt: list[int], max_tokens: int, temperature: float) -> Sample:
        r = Request(prompt, max_tokens, temperature)
        self.queue.put(r)
        return r.future.result()

    def _loop(self) -> None:
        while True:
            group = self._collect(self.queue.get())
            t0 = time.perf_counter()
            try:
                with self.lock:
                    out = self.sample([r.prompt for r in group], max(r.max_tokens for r in group), group[0].temperature)
                for r, s in zip(group, out):
                    cut = min(len(s.ids), r.max_tokens)
                    finish = s.finish if cut == len(s.ids) else "length"
                    r.future.set_result(Sample(s.ids[:cut], s.logprobs[:cut], finish))
            except Exception as e:  # noqa: BLE001 - every waiting request learns of it
                for r in group:
                    r.future.set_exception(e)
            self.busy_s += time.perf_counter() - t0
            self.batches.append(len(group))
            self.returning = len(group)
            self.answered_at = time.monotonic()

    def _collect(self, first: Request) -> list[Request]:
        """The next batch, ``first`` and the requests of its temperature that follow it.

        The other episodes of a round send their next prompts within milliseconds of each other
        (environment step + prompt rendering): collect until QUIET seconds pass with none. The
        episodes just answered are likely to return, so first wait for as many requests made after
        that answer as the last batch had (up to RETURN_WAIT), so that two halves of a round that
        fell out of step (one sampling while the other queues) merge again instead of alternating for
        ever. Episodes that ended never return: once returns have started, RETURN_QUIET without one
        ends that wait.
        """
        group, rest = [first], []
        returned = int(first.created > self.answered_at)
        deadline = time.monotonic() + self.RETURN_WAIT
        last = time.monotonic()
        while len(group) < self.max_batch:
            now = time.monotonic()
            if returned < self.returning:
                until = min(deadline, last + self.RETURN_QUIET) if returned else deadline
            else:
                until = now + self.QUIET
            try:
                r = self.queue.get(timeout=max(until - now, 1e-4))
            except queue.Empty:
                break
            last = time.monotonic()
            returned += int(r.created > self.answered_at)
            (group if r.temperature == first.temperature else rest).append(r)
        for r in rest:
            self.queue.put(r)
        return group


def _power_of_two(n: int) -> int:
    return 1 << max(0, (n - 1).bit_length())


MAX_DECODE_SHAPES = 8


class DecodeStep:
    """One decode step of the model for a fixed (rows, columns) shape, over a StaticKV cache. On a
    GPU the step is captured once as a CUDA graph and replayed: eagerly, a step of a small model is
    hundreds of small kernels launched from Python (~20 ms a token on the H100 for 179 M parameters,
    whatever the batch), so the sampler was bound by launch overhead, not by the GPU."""

    def __init__(self, backbone, head, rows: int, columns: int, device: torch.device, graphs: bool) -> None:
        self.backbone, self.head = backbone, head
        self.kv = StaticKV(rows, columns, device)
        self.ids = torch.zeros((rows, 1), dtype=torch.long, device=device)
        self.pos = torch.zeros((rows, 1), dtype=torch.long, device=device)
        self.graphs = graphs
        self.graph = None
        self.logits: torch.Tensor | None = None

    def _forward(self) -> torch.Tensor:
        # The 4D mask is handed to attention as-is (transformers builds none), so nothing in the
        # step reads a value back to the CPU, which graph capture forbids.
        with compute_precision(self.backbone):
            out = self.backbone(input_ids=self.ids, position_ids=self.pos, attention_mask=self.kv.mask,
                                use_cache=False, kaizen_kv=self.kv)
        return self.head(out.last_hidden_state[:, -1]).float()

    def prefill(self, ids: torch.Tensor, mask: torch.Tensor, pos: torch.Tensor) -> torch.Tensor:
        """Runs the left-padded prompts ``ids`` [rows, width] (``mask`` 1 on real tokens, ``pos`` their
        positions) eagerly into the cache; returns the logits of each row's next token."""
        width = ids.shape[1]
        self.kv.prefill = True
        self.kv.mask.zero_()
        self.kv.mask[:, 0, 0, :width] = mask.bool()
        with compute_precision(self.backbone):
            out = self.backbone(input_ids=ids, attention_mask=mask, position_ids=pos, use_cache=False, kaizen_kv=self.kv)
        self.kv.prefill = False
        self.pos.copy_(pos[:, -1:])
        self.kv.col.fill_(width - 1)
        return self.head(out.last_hidden_state[:, -1]).float()

    def extend(self, ids: torch.Tensor, pos: torch.Tensor, real: torch.Tensor, start: int) -> torch.Tensor:
        """Like prefill, for rows whose columns before ``start`` already hold a cached prefix (and
        rows whose prompt starts at or after it): runs only ``ids`` [rows, width - start] at columns
        [start, width); ``real`` [rows, width] marks each row's prompt tokens."""
        width = real.shape[1]
        self.kv.prefill = True
        self.kv.mask.zero_()
        self.kv.mask[:, 0, 0, :width] = real
        cols = torch.arange(width, device=real.device)
        at = torch.arange(start, width, device=real.device)
        causal = cols[None, :] <= at[:, None]
        # a padding query (a row's prompt starts later) attends to itself alone: no row of the
        # mask is empty, so no NaN reaches the cache
        self.kv.extend_mask = (real[:, None, None, :] & causal[None, None]) | (cols[None, :] == at[:, None])[None, None]
        self.kv.extend_from = start
        try:
            with compute_precision(self.backbone):
                out = self.backbone(input_ids=ids, position_ids=pos, use_cache=False, kaizen_kv=self.kv)
        finally:
            self.kv.extend_from, self.kv.extend_mask = None, None
            self.kv.prefill = False
        self.pos.copy_(pos[:, -1:])
        self.kv.col.fill_(width - 1)
        return self.head(out.last_hidden_state[:, -1]).float()

    def load(self, row: int, start: int, prefix: "CachedPrefix", n: int) -> None:
        """Copies the first ``n`` positions of a stored prefix into ``row`` from column ``start``."""
        for layer, (k, v) in enumerate(zip(prefix.keys, prefix.values)):
            self.kv.ensure(layer, k.shape[0], k.shape[2], k.dtype, k.device)
            self.kv.keys[layer][row, :, start:start + n].copy_(k[:, :n])
            self.kv.values[layer][row, :, start:start + n].copy_(v[:, :n])

    def take(self, row: int, start: int, end: int) -> tuple[list[torch.Tensor], list[torch.Tensor]]:
        """Copies of ``row``'s keys and values in columns [start, end), layer by layer."""
        layers = sorted(self.kv.keys)
        return ([self.kv.keys[i][row, :, start:end].clone() for i in layers],
                [self.kv.values[i][row, :, start:end].clone() for i in layers])

    def next(self, tokens: torch.Tensor) -> torch.Tensor:
        """Feeds one token a row ([rows]) at the next column; returns the logits that follow it (the
        returned tensor is reused by the next call)."""
        self.ids.copy_(tokens[:, None])
        self.pos.add_(1)
        self.kv.col.add_(1)
        self.kv.mask.index_fill_(3, self.kv.col, True)
        return self._run()

    def _run(self) -> torch.Tensor:
        if self.graphs and self.graph is None:
            try:
                self._capture()
            except RuntimeError as e:  # the eager step computes the same, only slower: say so and go on
                print(f"notice: decode step not captured as a CUDA graph, running eagerly: {e}", file=sys.stderr)
                self.graphs = False
        if not self.graphs:
            return self._forward()
        self.graph.replay()
        return self.logits

    def _capture(self) -> None:
        side = torch.cuda.Stream()
        side.wait_stream(torch.cuda.current_stream())
        with torch.cuda.stream(side):  # warm-up outside the graph (lazy allocations, kernel choice)
            self._forward()
        torch.cuda.current_stream().wait_stream(side)
        graph = torch.cuda.CUDAGraph()
        with torch.cuda.graph(graph, capture_error_mode="thread_local"):
            self.logits = self._forward()
        self.graph = graph


@dataclass
class CachedPrefix:
    tokens: list[int]
    keys: list[torch.Tensor]  # per layer [kv heads, len(tokens), head dim]
    values: list[torch.Tensor]


class PrefixStore:
    """Keys and values of the sequences sampled since the weights last changed, found again by
    whole blocks of BLOCK tokens: an episode's next prompt is its last prompt + reply + the new
    observation, so all but the new part need no prefill (re-running whole conversations was, by
    estimate, half or more of a turn's sampling at 128 rows). Keys are chained block hashes, as in
    vLLM's prefix caching: a hit on block k means the whole prefix up to it matches, and the entry
    found last holds all of it. ``clear`` after every optimizer step: the values belong to the old
    weights."""

    BLOCK = 64

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.entries: OrderedDict[int, CachedPrefix] = OrderedDict()
        self.blocks: dict[int, tuple[int, int]] = {}  # chained hash of the first k blocks -> (entry, k)
        self.bytes = 0
        self.next_id = 0
        self.hits = self.lookups = self.reused_tokens = self.prompt_tokens = 0

    @classmethod
    def _hashes(cls, tokens: list[int]) -> list[int]:
        out, h = [], 0
        for k in range(len(tokens) // cls.BLOCK):
            h = hash((h, tuple(tokens[k * cls.BLOCK:(k + 1) * cls.BLOCK])))
            out.append(h)
        return out

    def find(self, prompt: list[int]) -> tuple[CachedPrefix | None, int, int]:
        """(entry, n, id): the stored sequence sharing the most whole blocks with ``prompt`` and how
        many tokens (fewer than the prompt's: its last token is always run, for the next logits)."""
        self.lookups += 1
        self.prompt_tokens += len(prompt)
        best = (None, 0, -1)
        for k, h in enumerate(self._hashes(prompt[:len(prompt) - 1])):
            hit = self.blocks.get(h)
            if hit is None or hit[0] not in self.entries:
                break
            entry, end = self.entries[hit[0]], (k + 1) * self.BLOCK
            # against hash collisions, every token used is compared: an entry already checked up to
            # block k-1 needs only block k (comparing the whole prefix each block was quadratic)
            start = end - self.BLOCK if hit[0] == best[2] else 0
            if entry.tokens[start:end] != prompt[start:end]:
                break
            best = (entry, end, hit[0])
        if best[1]:
            self.hits += 1
            self.reused_tokens += best[1]
        return best

    def add(self, tokens: list[int], keys: list[torch.Tensor], values: list[torch.Tensor]) -> None:
        entry = CachedPrefix(tokens, keys, values)
        self.entries[self.next_id] = entry
        for k, h in enumerate(self._hashes(tokens)):
            self.blocks[h] = (self.next_id, k)
        self.next_id += 1
        self.bytes += sum(t.numel() * t.element_size() for t in keys + values)
        while self.bytes > self.max_bytes and len(self.entries) > 1:
            self.drop(next(iter(self.entries)))

    def drop(self, entry_id: int) -> None:
        entry = self.entries.pop(entry_id, None)
        if entry is not None:
            self.bytes -= sum(t.numel() * t.element_size() for t in entry.keys + entry.values)

    def clear(self) -> None:
        self.entries.clear()
        self.blocks.clear()
        self.bytes = 0


def tokenizer_logits(logits: torch.Tensor, vocab_size: int) -> torch.Tensor:
    """The logits of the ids the tokenizer has: a model's vocabulary is often padded past the
    tokenizer's (the Qwen2.5-7B config has 152,064 rows, the Qwen tokenizer here 151,669 ids), and a
    sampled padding id has no text (the episode ended on an error). The rest get -inf, in sampling
    and training alike, so the sampled and trained distributions stay the same."""
    if vocab_size <= 0 or vocab_size >= logits.shape[-1]:
        return logits
    return logits.masked_fill(torch.arange(logits.shape[-1], device=logits.device) >= vocab_size, float("-inf"))


def model_sampler(backbone, head, end_ids: list[int], pad_id: int, device: torch.device, vocab_size: int = 0,
                  graphs: bool | None = None, prefixes: PrefixStore | None = None) -> SampleFn:
    """Batched sampling: a prefill of the left-padded prompts (the vocabulary projection of the last
    position only: the [B, L, V] logits of a prompt never exist), then decode steps over a static
    KV cache, replayed as CUDA graphs on a GPU. Batches are padded up to a few shapes (rows: powers
    of two; context: powers of two from 256 tokens) so the captured steps are reused across calls; the
    padding rows repeat the first prompt and are dropped. ``vocab_size`` > 0: ids from it on are never
    sampled (tokenizer_logits). With ``prefixes``, prompts that extend a sequence sampled before
    prefill only their new part (PrefixStore)."""
    ends = torch.tensor(end_ids, device=device)
    use_graphs = device.type == "cuda" if graphs is None else graphs
    steps: OrderedDict[tuple[int, int], DecodeStep] = OrderedDict()

    def decode_step(rows: int, columns: int) -> DecodeStep:
        key = (rows, columns)
        if key not in steps:
            if len(steps) == MAX_DECODE_SHAPES:  # each holds a cache of rows x columns: drop the least used
                steps.popitem(last=False)
            steps[key] = DecodeStep(backbone, head, rows, columns, device, use_graphs)
        steps.move_to_end(key)
        return steps[key]

    @torch.no_grad()
    def sample(prompts: list[list[int]], max_new: int, temperature: float) -> list[Sample]:
        b, width = len(prompts), max(len(p) for p in prompts)
        rows = _power_of_two(b)
        step = decode_step(rows, max(256, _power_of_two(width + max_new)))
        padded = prompts + [prompts[0]] * (rows - b)
        ids = torch.full((rows, width), pad_id, dtype=torch.long, device=device)
        mask = torch.zeros((rows, width), dtype=torch.long, device=device)
        for i, p in enumerate(padded):
            ids[i, width - len(p):] = torch.tensor(p, dtype=torch.long)
            mask[i, width - len(p):] = 1
        pos = (mask.cumsum(-1) - 1).clamp(min=0)
        hits = [prefixes.find(p) for p in prompts] if prefixes is not None else []
        hits += hits[:1] * (rows - b)  # the padding rows repeat the first prompt
        if any(n for _, n, _ in hits):
            start = width - max(len(p) - n for p, (_, n, _) in zip(padded, hits))
            for i, (p, (entry, n, _)) in enumerate(zip(padded, hits)):
                if n:
                    step.load(i, width - len(p), entry, n)
            logits = step.extend(ids[:, start:], pos[:, start:], mask.bool(), start)
        else:
            logits = step.prefill(ids, mask, pos)
        done = torch.zeros(rows, dtype=torch.bool, device=device)
        done[b:] = True
        tokens, logps = [], []
        for _ in range(max_new):
            logits = tokenizer_logits(logits, vocab_size)
            logp = torch.log_softmax(logits / temperature if temperature > 0 else logits, dim=-1)
            nxt = torch.multinomial(logp.exp(), 1).squeeze(-1) if temperature > 0 else logits.argmax(-1)
            tokens.append(torch.where(done, pad_id, nxt))
            logps.append(logp.gather(-1, nxt[:, None]).squeeze(-1))
            done = done | torch.isin(nxt, ends)
            if bool(done.all()):
                break
            logits = step.next(nxt)
        toks = torch.stack(tokens, 1)[:b].tolist()
        lps = torch.stack(logps, 1)[:b].tolist()
        end_set = set(end_ids)
        result = []
        for t, lp in zip(toks, lps):
            n = next((k + 1 for k, x in enumerate(t) if x in end_set), len(t))
            result.append(Sample(t[:n], lp[:n], "stop" if n and t[n - 1] in end_set else "length"))
        if prefixes is not None:
            for _, _, entry_id in hits[:b]:  # an episode's new sequence supersedes the one it extended
                prefixes.drop(entry_id)
            for i, (p, r) in enumerate(zip(prompts, result)):
                # the cache holds every token fed to the model: the prompt and all but the last sampled
                fed = len(r.ids) - 1
                keys, values = step.take(i, width - len(p), width + fed)
                prefixes.add(p + r.ids[:fed], keys, values)
        return result

    return sample


# An extra route: JSON body -> JSON reply.
Route = Callable[[dict], dict]


def completion_reply(name: str, s: Sample, prompt_tokens: int) -> dict:
    return {"id": "cmpl-kaizen", "object": "text_completion", "created": int(time.time()), "model": name,
            "choices": [{"index": 0, "text": "", "token_ids": s.ids, "finish_reason": s.finish,
                         "logprobs": {"tokens": [f"token_id:{t}" for t in s.ids], "token_logprobs": s.logprobs}}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": len(s.ids),
                      "total_tokens": prompt_tokens + len(s.ids)}}


def serve(batcher: Batcher, name: str, port: int, routes: dict[str, Route]) -> ThreadingHTTPServer:
    """Starts the HTTP server on 127.0.0.1 (``port`` 0 = any free port) in a background thread."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # no access log on stderr
            pass

        def _send(self, code: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path.rstrip("/") == "/v1/models":
                self._send(200, {"object": "list", "data": [{"id": name, "object": "model"}]})
            else:
                self._send(404, {"error": {"message": f"no route {self.path}"}})

        def do_POST(self) -> None:
            try:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
                path = self.path.rstrip("/")
                if path == "/v1/completions":
                    prompt = body["prompt"]
                    if not (isinstance(prompt, list) and all(isinstance(t, int) for t in prompt)):
                        raise ValueError("prompt must be a list of token ids (this server does not tokenize)")
                    s = batcher.submit(prompt, int(body.get("max_tokens", 16)), float(body.get("temperature", 1.0)))
                    self._send(200, completion_reply(name, s, len(prompt)))
                elif path == "/v1/load_lora_adapter":
                    self._send(200, {"loaded": body.get("lora_name", name), "note": "the trainer's adapter is live"})
                elif path in routes:
                    self._send(200, routes[path](body))
                else:
                    self._send(404, {"error": {"message": f"no route {self.path}"}})
            except (KeyError, ValueError, TypeError) as e:
                self._send(400, {"error": {"message": f"{type(e).__name__}: {e}"}})
            except Exception as e:  # noqa: BLE001 - the client sees a 500 with the reason
                self._send(500, {"error": {"message": f"{type(e).__name__}: {e}"}})

    class Server(ThreadingHTTPServer):
        # Every episode of a rollout round connects at once; the default backlog of 5 dropped
        # connections on the GPU machine (the client read "no bytes" at 64 episodes).
        request_queue_size = 1024

    server = Server(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True, name="http").start()
    return server
