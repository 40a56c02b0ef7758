"""Differential test of Kaizen's tokenizer and chat templates against the reference.

    python3 tokenizer_differential.py --tokenizer DIR --inputs DIR --java "JAVA -cp JAR" --out DIR [--goldens DIR]

The reference is Hugging Face `tokenizers` (Tokenizer.from_file) for encode/decode and
`transformers` (AutoTokenizer + apply_chat_template with the template texts in
src/test/resources/tokenizer/templates) for the chat templates. Inputs come from
tokenizer_corpus.py. Prints a summary, writes OUT/summary.json and OUT/mismatches.txt, and with
--goldens a small subset (inputs with the reference's outputs) for the Java unit tests.
Benchmarks (one thread, same corpus): the reference's encode loop and encode_batch; Kaizen's
through kaizen.bench.TokenizerBench.
"""
import argparse
import json
import os
import statistics
import subprocess
import time

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("RAYON_NUM_THREADS", "1")
os.environ.setdefault("RAYON_RS_NUM_CPUS", "1")

from tokenizers import Tokenizer  # noqa: E402
from transformers import AutoTokenizer  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATE_DIR = os.path.join(HERE, "..", "resources", "tokenizer", "templates")
TEMPLATE_FILES = {"qwen2.5-instruct": "qwen2.5-instruct.jinja", "qwen3-instruct-2507": "qwen3-instruct-2507.jinja",
                  "qwen3": "qwen3.jinja", "qwen3-no-thinking": "qwen3.jinja", "qwen3-thinking-2507": "qwen3-thinking-2507.jinja"}


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def render(auto, chat, templates):
    kwargs = {"enable_thinking": False} if chat["template"] == "qwen3-no-thinking" else {}
    return auto.apply_chat_template(chat["messages"], chat_template=templates[chat["template"]], tokenize=False,
                                    add_generation_prompt=chat["add_generation_prompt"], **kwargs)


def bench_reference(tok, docs, total_bytes, rounds):
    for _ in range(3):
        for d in docs:
            tok.encode(d)
    loop = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for d in docs:
            tok.encode(d)
        loop.append(total_bytes / 1e6 / (time.perf_counter() - t0))
    batch = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        tok.encode_batch(docs)
        batch.append(total_bytes / 1e6 / (time.perf_counter() - t0))
    return {"encode_loop_median_mbps": statistics.median(loop), "encode_loop_best_mbps": max(loop),
            "encode_batch_median_mbps": statistics.median(batch), "encode_batch_best_mbps": max(batch)}


def first_diff(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--inputs", required=True)
    ap.add_argument("--java", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--goldens")
    ap.add_argument("--bench-rounds", type=int, default=5)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    tok = Tokenizer.from_file(os.path.join(a.tokenizer, "tokenizer.json"))
    auto = AutoTokenizer.from_pretrained(a.tokenizer)
    templates = {}
    for name, file in TEMPLATE_FILES.items():
        with open(os.path.join(TEMPLATE_DIR, file), encoding="utf-8") as f:
            templates[name] = f.read()

    corpus = read_jsonl(os.path.join(a.inputs, "corpus.jsonl"))
    cases = read_jsonl(os.path.join(a.inputs, "decode_cases.jsonl"))
    chats = read_jsonl(os.path.join(a.inputs, "chats.jsonl"))
    ref_ids = [tok.encode(d).ids for d in corpus]
    ref_decoded = [tok.decode(ids, skip_special_tokens=False) for ids in ref_ids]
    ref_cases = [tok.decode(ids, skip_special_tokens=False) for ids in cases]
    ref_chat_text = [render(auto, c, templates) for c in chats]
    ref_chat_ids = [tok.encode(t).ids for t in ref_chat_text]
    # apply_chat_template's own tokenization must agree with encoding its text (it is what trainers use).
    chat_tokenize_mismatch = 0
    for c, ids in zip(chats[:100], ref_chat_ids[:100]):
        kwargs = {"enable_thinking": False} if c["template"] == "qwen3-no-thinking" else {}
        got = auto.apply_chat_template(c["messages"], chat_template=templates[c["template"]], tokenize=True,
                                       add_generation_prompt=c["add_generation_prompt"], **kwargs)
        got = got["input_ids"] if hasattr(got, "keys") else got
        chat_tokenize_mismatch += list(got) != ids

    t0 = time.perf_counter()
    subprocess.run(a.java.split() + ["kaizen.tokenizer.DifferentialRun", os.path.join(a.tokenizer, "tokenizer.json"),
                                     os.path.join(a.inputs, "corpus.jsonl"), os.path.join(a.inputs, "decode_cases.jsonl"),
                                     os.path.join(a.inputs, "chats.jsonl"), a.out], check=True)
    java_seconds = time.perf_counter() - t0
    with open(os.path.join(a.out, "kaizen_ids.txt")) as f:
        k_ids = [[int(x) for x in line.split()] for line in f.read().split("\n")[:len(corpus)]]
    k_decoded = [json.loads(x) for x in open(os.path.join(a.out, "kaizen_decoded.jsonl"), encoding="utf-8")]
    k_cases = [json.loads(x) for x in open(os.path.join(a.out, "kaizen_decode_cases.jsonl"), encoding="utf-8")]
    k_chats = [json.loads(x) for x in open(os.path.join(a.out, "kaizen_chats.jsonl"), encoding="utf-8")]
    # zip() below would hide a short output: every input must have its line.
    assert (len(k_ids), len(k_decoded), len(k_cases), len(k_chats)) == (len(corpus), len(corpus), len(cases), len(chats)), \
        "Kaizen wrote a different number of lines than there are inputs"

    mism = []
    n_ids = n_dec = n_case = n_text = n_chat_ids = 0
    for i, (d, r, k) in enumerate(zip(corpus, ref_ids, k_ids)):
        if r != k:
            n_ids += 1
            p = first_diff(r, k)
            if len(mism) < 200:
                mism.append(f"encode doc {i} at token {p}: ref {r[max(0, p - 3):p + 4]} {[tok.id_to_token(x) for x in r[max(0, p - 3):p + 4]]} "
                            f"kaizen {k[max(0, p - 3):p + 4]} {[tok.id_to_token(x) for x in k[max(0, p - 3):p + 4] if x is not None]}")
        if ref_decoded[i] != k_decoded[i]:
            n_dec += 1
            mism.append(f"decode doc {i}")
    for i, (ids, r, k) in enumerate(zip(cases, ref_cases, k_cases)):
        if r != k:
            n_case += 1
            if len(mism) < 400:
                mism.append(f"decode case {i} {ids}: ref {r!r} kaizen {k!r}")
    for i, (c, rt, ri, k) in enumerate(zip(chats, ref_chat_text, ref_chat_ids, k_chats)):
        if rt != k["text"]:
            n_text += 1
            p = first_diff(rt, k["text"])
            if len(mism) < 600:
                mism.append(f"chat {i} ({c['template']}) text at char {p}: ref {rt[max(0, p - 40):p + 40]!r} kaizen {k['text'][max(0, p - 40):p + 40]!r}")
        if ri != k["ids"]:
            n_chat_ids += 1
    per_template = {}
    for c in chats:
        per_template[c["template"]] = per_template.get(c["template"], 0) + 1
    corpus_bytes = sum(len(d.encode("utf-8")) for d in corpus)
    summary = {
        "corpus_documents": len(corpus), "corpus_mb": round(corpus_bytes / 1e6, 3),
        "corpus_tokens": sum(len(x) for x in ref_ids),
        "encode_mismatched_documents": n_ids, "decode_mismatched_documents": n_dec,
        "decode_cases": len(cases), "decode_case_mismatches": n_case,
        "chats_per_template": per_template, "chat_text_mismatches": n_text, "chat_id_mismatches": n_chat_ids,
        "apply_chat_template_tokenize_vs_encode_mismatches_first100": chat_tokenize_mismatch,
        "kaizen_differential_run_seconds": round(java_seconds, 2),
    }
    with open(os.path.join(a.out, "mismatches.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(mism) + "\n")

    if a.goldens:
        write_goldens(a.goldens, corpus, ref_ids, cases, ref_cases, chats, ref_chat_text, ref_chat_ids)

    if a.bench_rounds > 0:
        summary["reference_bench"] = bench_reference(tok, corpus, corpus_bytes, a.bench_rounds)
        out = subprocess.run(a.java.split() + ["kaizen.bench.TokenizerBench", os.path.join(a.tokenizer, "tokenizer.json"),
                                               os.path.join(a.inputs, "corpus.jsonl"), str(a.bench_rounds + 2)],
                             check=True, capture_output=True, text=True).stdout
        print(out)
        summary["kaizen_bench"] = out.strip().splitlines()[-1]
    with open(os.path.join(a.out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2)
    print("\n".join(mism[:20]))
    print(json.dumps(summary, indent=2))


def write_goldens(out, corpus, ref_ids, cases, ref_cases, chats, ref_chat_text, ref_chat_ids):
    """A small, varied subset: short documents of every kind, decode cases, 8 chats per template."""
    os.makedirs(out, exist_ok=True)
    budget = 50_000
    with open(os.path.join(out, "encode.jsonl"), "w", encoding="utf-8") as f:
        for i, (d, ids) in enumerate(zip(corpus, ref_ids)):
            size = len(d.encode("utf-8"))
            if size <= 2500 and budget > 0:
                f.write(json.dumps({"doc": i, "text": d, "ids": ids}, ensure_ascii=False) + "\n")
                budget -= size
    with open(os.path.join(out, "decode.jsonl"), "w", encoding="utf-8") as f:
        for ids, text in list(zip(cases, ref_cases))[:400]:
            f.write(json.dumps({"ids": ids, "text": text}, ensure_ascii=False) + "\n")
    taken = {}
    with open(os.path.join(out, "chats.jsonl"), "w", encoding="utf-8") as f:
        for c, text, ids in zip(chats, ref_chat_text, ref_chat_ids):
            if taken.get(c["template"], 0) >= 8 or len(text) > 1500:
                continue
            taken[c["template"]] = taken.get(c["template"], 0) + 1
            f.write(json.dumps(dict(c, text=text, ids=ids), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
