"""Deterministic test inputs for the tokenizer differential test (same seed, same bytes).

    python3 tokenizer_corpus.py OUT_DIR [--seed 20261125] [--megabytes 6] [--real FILE ...]

Writes OUT_DIR/corpus.jsonl (one JSON string per document: English, Japanese, code, SQL, emoji,
whitespace runs, special tokens written in text, other scripts, combining marks and odd Unicode),
OUT_DIR/decode_cases.jsonl (random id sequences, many of them invalid UTF-8) and
OUT_DIR/chats.jsonl (conversations for every chat template Kaizen has). --real adds each line
of the given text files as documents (the DBBench and ALFWorld prompts).
"""
import argparse
import json
import os
import random

TEMPLATES = ["qwen2.5-instruct", "qwen3-instruct-2507", "qwen3", "qwen3-no-thinking", "qwen3-thinking-2507"]
SPECIAL = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<think>", "</think>", "<tool_call>", "</tool_call>",
           "<tool_response>", "</tool_response>", "<|fim_prefix|>", "<|vision_pad|>", "<|file_sep|>"]
NEAR_SPECIAL = ["<|im_", "<|im_end|", "<|im_end>", "<<|im_end|>>", "<think", "</think >", "<|IM_END|>", "<||>", "|>"]
WORDS = ("the of and to in is was for on that with as by at from it an be this are which or his had not but have "
         "they you were their one all we can her has there been if more when will would who so no she other its "
         "time only new some could these may first then do any like my now over such our man me even most made "
         "after also did many before must through back years where much your way well down should because each "
         "just those people how too little state good very make world still own see men work long get here "
         "between both life being under never day same another know while last might us great old year off come "
         "since against go came right used take three apple table kitchen drawer countertop fridge cabinet "
         "microwave sink lamp desk shelf pencil mug potato tomato knife spatula heat cool clean slice put open "
         "close toggle examine inventory database query select insert update delete column row answer").split()
CONTRACTIONS = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'T", "'RE", "'Ve", "'LL", "'D", "\u2019s",
                "\u2019t", "'x", "'", "''", "'\u017f", "'\u017fs", "'re'", "'lld"]
KANA = [chr(c) for c in range(0x3041, 0x3097)] + [chr(c) for c in range(0x30A1, 0x30FB)]
JP_PUNCT = ["\u3001", "\u3002", "\u300c", "\u300d", "\uff01", "\uff1f", "\u30fc", "\u3000", "\uff08", "\uff09"]
EMOJI = ["\U0001F600", "\U0001F44D", "\U0001F44D\U0001F3FD", "\U0001F468\u200D\U0001F469\u200D\U0001F467",
         "\U0001F1EF\U0001F1F5", "\u2764\uFE0F", "\U0001F525", "\u2705", "\U0001F680", "\U0001F914", "\U0001F4A9",
         "\u263A", "\U0001F9D1\u200D\U0001F4BB", "#\uFE0F\u20E3", "\U0001F3F3\uFE0F\u200D\U0001F308"]
SPACES = [" ", "  ", "   ", "\t", "\t\t", "\n", "\n\n", "\r\n", "\r\n\r\n", " \n", "\n ", "  \n  ", "\u00a0", "\u3000",
          "\u2028", "\u0085", "\u2003", "\u202f", "\u200b", "\ufeff", " \t \n", "\r", "\x0b", "\x0c"]
# Blocks assigned long ago (so both sides' Unicode tables agree on them).
BLOCKS = [(0x00A1, 0x00FF), (0x0100, 0x017F), (0x0180, 0x024F), (0x0250, 0x02AF), (0x0300, 0x036F),
          (0x0391, 0x03C9), (0x0400, 0x04FF), (0x05D0, 0x05EA), (0x0620, 0x064A), (0x0660, 0x0669), (0x0905, 0x0939),
          (0x0966, 0x096F), (0x0E01, 0x0E3A), (0x1100, 0x1112), (0x1161, 0x1175), (0x2000, 0x206F), (0x2070, 0x209C),
          (0x20A0, 0x20BF), (0x2100, 0x214F), (0x2150, 0x218B), (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2460, 0x24FF),
          (0x2500, 0x257F), (0x2600, 0x26FF), (0x3041, 0x3096), (0x4E00, 0x9FA5), (0xAC00, 0xD7A3), (0xFF01, 0xFF5E),
          (0x1F300, 0x1F5FF), (0x1F600, 0x1F64F), (0x1D400, 0x1D6A5)]
COMBINING = ["e\u0301", "a\u0308", "n\u0303", "A\u030a", "\u1100\u1161\u11a8", "o\u0302\u0301", "\u0301",
             "i\u0307", "\u212b", "\u2126", "K\u0327", "\u1e9b\u0323", "s\u0323\u0307", "\u0344", "\u0958", ">\u0338"]


def english(r, n):
    out = []
    for i in range(n):
        w = r.choice(WORDS)
        roll = r.random()
        if roll < 0.08:
            w = w.capitalize()
        elif roll < 0.1:
            w = w.upper()
        if r.random() < 0.06:
            w += r.choice(CONTRACTIONS)
        out.append(w)
        p = r.random()
        if p < 0.08:
            out.append(r.choice([".", ",", "!", "?", ";", ":", " -", " \u2014", "...", ")", "\""]))
        elif p < 0.1:
            out.append(" " + str(r.randint(0, 10 ** r.randint(1, 9))))
        elif p < 0.11:
            out.append(r.choice([" 3.14", " 1,000,000", " 2026-11-25", " 10:30", " $19.99", " 50%", " #42", " v1.2.3"]))
    text = " ".join(out)
    return text.replace(" .", ".").replace(" ,", ",")


def japanese(r, n):
    out = []
    for _ in range(n):
        k = r.random()
        if k < 0.5:
            out.append("".join(r.choice(KANA) for _ in range(r.randint(1, 6))))
        elif k < 0.8:
            out.append("".join(chr(r.randint(0x4E00, 0x9FA5)) for _ in range(r.randint(1, 4))))
        elif k < 0.9:
            out.append(r.choice(JP_PUNCT))
        else:
            out.append(r.choice(["\uff11\uff12\uff13", "2026\u5e74", "ABC", "\uff21\uff22", " ", "\u30c6\u30b9\u30c8"]))
    return "".join(out)


def code(r, lines):
    out = []
    indent = 0
    for _ in range(lines):
        k = r.random()
        ws = " " * (4 * indent) if r.random() < 0.85 else "\t" * indent
        name = r.choice(WORDS) + r.choice(["", "_" + r.choice(WORDS), str(r.randint(0, 99)), "Id", "List"])
        if k < 0.15:
            out.append(f"{ws}def {name}(self, x: int = {r.randint(0, 9)}) -> dict[str, list]:")
            indent = min(indent + 1, 6)
        elif k < 0.25:
            out.append(f"{ws}public static {r.choice(['int', 'String', 'void'])} {name}(final int[] a) {{")
            indent = min(indent + 1, 6)
        elif k < 0.35:
            out.append(ws + "}")
            indent = max(indent - 1, 0)
        elif k < 0.5:
            out.append(f"{ws}{name} = {name}[{r.randint(0, 9)}] + {r.random():.4f} * (a != b) && !c || d >= 0x{r.randint(0, 65535):04X}")
        elif k < 0.6:
            out.append(f"{ws}# {english(r, r.randint(3, 12))}")
        elif k < 0.7:
            out.append(f"{ws}return {{\"{name}\": [{r.randint(0, 9)}, None, True], 'k': f\"{{x!r}}\"}};  // {r.choice(WORDS)}")
        elif k < 0.8:
            out.append("")
        elif k < 0.9:
            out.append(f"{ws}if (x <= {r.randint(0, 100)}) {{ y += 1; }} else {{ y -= 1; }}   ")
        else:
            out.append(f"{ws}console.log(`${{{name}}}`); /* {r.choice(EMOJI)} */ $x => x ** 2; @decorator")
    sep = "\r\n" if r.random() < 0.2 else "\n"
    return sep.join(out)


def sql(r, n):
    out = []
    for _ in range(n):
        t = r.choice(WORDS).capitalize() + "_" + r.choice(WORDS)
        c = [r.choice(WORDS) for _ in range(3)]
        k = r.random()
        if k < 0.4:
            out.append(f"SELECT `{c[0]}`, COUNT(*) AS n FROM `{t}` WHERE `{c[1]}` = '{english(r, 2)}' AND {c[2]} > {r.randint(0, 9999)} "
                       f"GROUP BY `{c[0]}` ORDER BY n DESC LIMIT {r.randint(1, 50)};")
        elif k < 0.6:
            out.append(f"INSERT INTO `{t}` (`{c[0]}`, `{c[1]}`) VALUES ('{english(r, 3)}', {r.randint(0, 99)}.{r.randint(0, 99)});")
        elif k < 0.8:
            out.append(f"UPDATE {t} SET {c[0]} = NULL WHERE {c[1]} LIKE '%{r.choice(WORDS)}%' OR {c[2]} IN (1, 2, 3);")
        else:
            out.append(f"Action: Operation\n```sql\nSELECT * FROM `{t}`\n```\n[('{r.choice(WORDS)}', {r.randint(0, 9)}, None)]")
    return "\n".join(out)


def odd_unicode(r, n):
    out = []
    for _ in range(n):
        k = r.random()
        if k < 0.5:
            lo, hi = r.choice(BLOCKS)
            out.append(chr(r.randint(lo, hi)))
        elif k < 0.65:
            out.append(r.choice(COMBINING))
        elif k < 0.75:
            out.append(r.choice(SPACES))
        elif k < 0.85:
            out.append(r.choice(EMOJI))
        else:
            out.append(r.choice(WORDS))
    return "".join(out)


def mixed(r, n):
    parts = []
    for _ in range(n):
        k = r.random()
        if k < 0.3:
            parts.append(english(r, r.randint(1, 30)))
        elif k < 0.4:
            parts.append(japanese(r, r.randint(1, 20)))
        elif k < 0.5:
            parts.append(r.choice(SPECIAL))
        elif k < 0.55:
            parts.append(r.choice(NEAR_SPECIAL))
        elif k < 0.7:
            parts.append(r.choice(SPACES) * r.randint(1, 12))
        elif k < 0.8:
            parts.append("".join(r.choice(EMOJI) for _ in range(r.randint(1, 5))))
        elif k < 0.9:
            parts.append(odd_unicode(r, r.randint(1, 20)))
        else:
            parts.append(r.choice(["", " ", "\n"]) + r.choice(["'s", "'ll", "'\u017f", "123456", "\u00bd", "\u2167", "\u00b2"]))
    return "".join(parts)


def document(r):
    k = r.random()
    if k < 0.25:
        return english(r, r.randint(20, 1500))
    if k < 0.37:
        return japanese(r, r.randint(20, 800))
    if k < 0.52:
        return code(r, r.randint(5, 200))
    if k < 0.62:
        return sql(r, r.randint(2, 60))
    if k < 0.67:
        return odd_unicode(r, r.randint(10, 600))
    if k < 0.7:
        return r.choice(SPACES) * r.randint(1, 3000) + r.choice(["", "x", "\n", " y"])
    return mixed(r, r.randint(5, 200))


def short_text(r):
    k = r.random()
    if k < 0.4:
        return english(r, r.randint(1, 60))
    if k < 0.5:
        return japanese(r, r.randint(1, 30))
    if k < 0.6:
        return code(r, r.randint(1, 8))
    if k < 0.7:
        return sql(r, 1)
    if k < 0.9:
        return mixed(r, r.randint(1, 8))
    return r.choice(["", "\n", "\n\nx\n\n", " ", "<tool_response>\nok\n</tool_response>", "OK."])


def assistant_content(r, thinking):
    body = short_text(r)
    if r.random() < 0.3:
        body = "THOUGHT: " + english(r, r.randint(3, 30)) + "\nACTION: " + r.choice(["go to countertop 1", "open drawer 2", "take apple 1 from table 1"])
    if not thinking or r.random() < 0.25:
        return body
    reasoning = short_text(r)
    shape = r.random()
    if shape < 0.4:
        return f"<think>\n{reasoning}\n</think>\n\n{body}"
    if shape < 0.55:
        return f"<think>{reasoning}</think>{body}"
    if shape < 0.65:
        return f"{reasoning}</think>\n{body}"  # the model's output when the prompt opened the block
    if shape < 0.75:
        return f"\n\n<think>\n\n{reasoning}\n\n</think>\n\n\n{body}\n"
    if shape < 0.85:
        return f"<think>a</think><think>{reasoning}</think>b</think>{body}"
    return f"<think>\n\n</think>\n\n{body}"


def conversation(r, template):
    thinking = template in ("qwen3", "qwen3-no-thinking", "qwen3-thinking-2507")
    messages = []
    if r.random() < 0.6:
        messages.append({"role": "system", "content": short_text(r)})
    for _ in range(r.randint(1, 6)):
        user = short_text(r)
        if r.random() < 0.15:
            user = "<tool_response>\n" + short_text(r) + "\n</tool_response>"
        messages.append({"role": "user", "content": user})
        if r.random() < 0.1:
            messages.append({"role": "user", "content": short_text(r)})
        messages.append({"role": "assistant", "content": assistant_content(r, thinking)})
        if r.random() < 0.05:
            messages.append({"role": "system", "content": short_text(r)})
    shape = r.random()
    if shape < 0.45:
        messages.append({"role": "user", "content": short_text(r)})
        gen = True
    elif shape < 0.6:
        gen = True  # ends on an assistant turn, generation prompt anyway
    else:
        gen = False
    return {"template": template, "add_generation_prompt": gen, "messages": messages}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=20261125)
    ap.add_argument("--megabytes", type=float, default=6.0)
    ap.add_argument("--chats-per-template", type=int, default=240)
    ap.add_argument("--real", nargs="*", default=[])
    a = ap.parse_args()
    r = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    docs = []
    for path in a.real:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        docs.append(text)
        docs.extend(line for line in text.splitlines() if line)
    size = sum(len(d.encode("utf-8")) for d in docs)
    while size < a.megabytes * 1e6:
        d = document(r)
        docs.append(d)
        size += len(d.encode("utf-8"))
    with open(os.path.join(a.out, "corpus.jsonl"), "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    with open(os.path.join(a.out, "decode_cases.jsonl"), "w") as f:
        for _ in range(3000):
            k = r.random()
            if k < 0.5:
                ids = [r.randint(0, 151642) for _ in range(r.randint(1, 12))]
            elif k < 0.8:
                ids = [r.randint(0, 255) for _ in range(r.randint(1, 12))]  # single bytes: broken UTF-8 often
            else:
                ids = [r.choice([r.randint(0, 151668), r.randint(151643, 151668)]) for _ in range(r.randint(1, 12))]
            f.write(json.dumps(ids) + "\n")
    with open(os.path.join(a.out, "chats.jsonl"), "w", encoding="utf-8") as f:
        for t in TEMPLATES:
            for _ in range(a.chats_per_template):
                f.write(json.dumps(conversation(r, t), ensure_ascii=False) + "\n")
    print(f"corpus: {len(docs)} documents, {size / 1e6:.2f} MB; chats: {len(TEMPLATES) * a.chats_per_template}")


if __name__ == "__main__":
    main()
