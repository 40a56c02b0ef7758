#!/usr/bin/env python3
"""Golden data for kaizen.harness.dbbench.DbBenchScoring: AgentBench DBBench's calculate_overall.

Run from the repository root with Python 3.11:

    python3 src/test/python/gen_dbbench_golden.py

It writes src/test/resources/golden/dbbench/calculate_overall.json:
  cases:   [{"type": str|null, "answer": str|null, "target": {"md5": str} | {"label": [...]},
             "correct": bool} | null, ...]        (null: a missing result, which the reference skips)
  batches: [{"indices": [case indices, in order], "metrics": {key: repr(float or int)}}]

The scoring below is written from the reference's description (dbbench task, calculate_overall):
per type an accuracy over the results of that type, where "SELECT" takes every type except
INSERT and UPDATE, then overall_cat_accuracy = mean of SELECT, INSERT and UPDATE accuracies.
"""
import ast
import hashlib
import json
import os
import random
import sys
import warnings

if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

if sys.version_info[:2] != (3, 11):
    sys.exit("run this with Python 3.11; found " + sys.version)

warnings.simplefilter("ignore")
OUT = os.path.join("src", "test", "resources", "golden", "dbbench")
rnd = random.Random(77)

TYPES = ["other", "counting", "comparison", "ranking", "aggregation-SUM", "aggregation-MIN",
         "aggregation-MAX", "aggregation-AVG", "SELECT", "INSERT", "UPDATE"]
HASH_TYPES = ("INSERT", "DELETE", "UPDATE")


# ---------------------------------------------------------------- the reference computation

def factory(typ):
    def acc(inp, tar):
        correct = 0
        total = 0
        for entry, cor in zip(inp, tar):
            if not entry:
                continue
            ans, t = entry["answer"], entry["type"]
            if t != typ and not (typ == "SELECT" and t not in ("INSERT", "UPDATE")):
                continue
            if t in ("INSERT", "DELETE", "UPDATE"):
                correct += ans == cor
            else:
                try:
                    ans = list(eval(ans))
                except:  # noqa: E722 -- the reference catches everything here
                    ans = [ans]
                if len(ans) == 1 and len(cor) == 1:
                    try:
                        correct += float(ans[0]) == float(cor[0])
                    except (ValueError, TypeError):
                        correct += ans[0] == cor[0]
                else:
                    try:
                        cor = set(cor)
                        ans = set(ans)
                        correct += ans == cor
                    except:  # noqa: E722
                        pass
            total += 1
        if total == 0:
            return 0
        return correct / total
    return acc


def calculate_overall(inp, tar):
    ret = {}
    for typ in TYPES:
        ret[typ + "_accuracy"] = factory(typ)(inp, tar)
    ret["overall_cat_accuracy"] = (ret["SELECT_accuracy"] + ret["INSERT_accuracy"] + ret["UPDATE_accuracy"]) / 3
    return ret


def is_correct(entry, cor):
    """Whether one result counts as correct: the same test as above, for its own type."""
    t = entry["type"]
    typ = t if t in ("INSERT", "UPDATE") else "SELECT"
    return factory(typ)([entry], [cor]) == 1


# ---------------------------------------------------------------- what Kaizen can mirror

LITERAL_NODES = (ast.Expression, ast.Constant, ast.Tuple, ast.List, ast.Set, ast.Dict, ast.UnaryOp,
                 ast.UAdd, ast.USub, ast.Invert, ast.Load, ast.JoinedStr)


def mirrored(answer):
    """False where eval(answer) computes an iterable from non-literal code (a call, arithmetic):
    Kaizen evaluates literals only, so those answers are left out of the golden data."""
    if answer is None:
        return True
    try:
        value = eval(answer)
    except BaseException:
        return True
    try:
        list(value)
    except TypeError:
        return True  # not iterable: the reference falls back to [answer], as Kaizen does
    tree = ast.parse(answer.lstrip(" \t"), mode="eval")
    return all(isinstance(n, LITERAL_NODES) for n in ast.walk(tree)) and not isinstance(value, complex)


# ---------------------------------------------------------------- cases

def md5(text):
    return hashlib.md5(text.encode()).hexdigest()


STRING_LABELS = [["a", "b"], ["5"], ["5.0"], [" 5 "], ["abc"], ["None"], [], ["1", "1"], ["nan"], ["inf"],
                 ["1e400"], ["12.50"], ["1,000"], ["O'Brien"], ["中文"], ["True"], ["0"], ["-0.0"], ["1_000"],
                 ["a", "b", "c"], ["2020-01-05"], ["x", "y"], ["3", "4"], ["Alice"], ["Alice", "Bob"], [""],
                 ["[1, 2]"], ["a"], ["b", "a"], ["5", "6"], ["0.1"], ["0.30000000000000004"], ["١٢"]]
OTHER_LABELS = [[5], [5.0], [None], [["a"]], ["a", ["b"]], [True], [1, 1.0], [float("nan")], [0.1], [[1, 2], [3]],
                [{"k": 1}], ["5", 5], [10 ** 20]]

ANSWERS = [' ["a", "b"]', " 5", " '5'", " [5.0]", " abc", " None", ' ["1", 1]', "", " ", " []", " [[1, 2], [3]]",
           " [[1], [2]]", " nan", " [nan]", " 'abc'", " ('a', 'b')", " {'a', 'b'}", " {'a': 1}", " b'ab'",
           " 5.0", " '5.0'", " ' 5 '", " [' 5 ']", " 1e400", " '1e400'", " inf", " -0.0", " [0]", " [False]",
           " [True]", " [None]", " ['None']", " 'None'", " [('a',), ('b',)]", " [('5',)]", " [(5,)]", " ('5',)",
           " (5,)", " 5,", " 'a', 'b'", " Alice", " 'Alice'", " ['Alice', 'Bob']", " ['Bob', 'Alice']",
           " ['Alice', 'Alice', 'Bob']", " \"O'Brien\"", " ['中文']", " '中文'", " [1, 1.0, True]", " ['1', '1']",
           " 12.5", " '12.50'", " 12.50", " '1,000'", " 1_000", " '1_000'", " [[\"a\"]]", ' [["a"]]', " ['a', ['b']]",
           " {1, 2}", " 0x10", " '0x10'", " 10 ** 20", " [100000000000000000000]", " '١٢'", " 'a' 'b'", " ['a'",
           "[\"a\", \"b\"]", "5", "'5'", "abc", "None", " [0.1]", " 0.1", " [0.30000000000000004]", " ['x', 'y']",
           " ('x', 'y')", " 'xy'", " 'yx'", " ['y', 'x', 'x']", " [3, 4]", " ['3', '4']", " [4, 3]", " '34'",
           " [\"2020-01-05\"]", " '2020-01-05'", " 2020-01-05", " [1, 2]", " '[1, 2]'", " \"[1, 2]\"", " {}",
           " ['']", " ''", " \"\"", " True", " 'True'", " 1", " -5", " +5", " ~5", " [[]]", " [{}]", " [{'k': 1}]"]


def random_label():
    if rnd.random() < 0.75:
        return list(rnd.choice(STRING_LABELS))
    return list(rnd.choice(OTHER_LABELS))


def answer_for(label):
    r = rnd.random()
    if r < 0.35:
        return rnd.choice(ANSWERS)
    if r < 0.5:
        return " " + json.dumps(label)
    if r < 0.6:
        return " " + str(label)
    if r < 0.7 and label:
        items = list(label)
        rnd.shuffle(items)
        if rnd.random() < 0.5:
            items.append(rnd.choice(items))
        return " " + str(items)
    if r < 0.8 and len(label) == 1:
        x = label[0]
        return rnd.choice([" " + str(x), " " + repr(x), " [" + repr(x) + "]", " [(" + repr(x) + ",)]", str(x)])
    if r < 0.9:
        return " " + str([(x,) for x in label])
    return rnd.choice([None, "", " ", " " + "".join(rnd.choice("ab'\"[](), 15.") for _ in range(rnd.randrange(1, 8)))])


def random_case():
    if rnd.random() < 0.03:
        return None, None  # a missing result
    t = rnd.choice(TYPES + ["DELETE", "DELETE", "INSERT", "UPDATE", "other", "counting", "weird-type", None])
    if t in HASH_TYPES:
        target_text = "INSERT INTO t VALUES (%d)" % rnd.randrange(1000)
        cor = md5(target_text)
        r = rnd.random()
        if r < 0.45:
            answer = cor
        elif r < 0.55:
            answer = " " + cor
        elif r < 0.65:
            answer = None
        elif r < 0.75:
            answer = cor.upper()
        else:
            answer = md5(target_text + "x")
        if rnd.random() < 0.05:
            cor = random_label()  # not what the data has, but well defined: a str never equals a list
        return {"type": t, "answer": answer}, cor
    label = random_label()
    if rnd.random() < 0.04:
        # a hash as target for a non-hash type: the reference would index and iterate the string
        cor = rnd.choice(["5", "ab", md5("x")])
        return {"type": t, "answer": rnd.choice([" '5'", " 5", " 'ab'", " ['a', 'b']", " 'ba'", cor])}, cor
    return {"type": t, "answer": answer_for(label)}, label


def through_json(cor):
    """What the Java side sees: the label after a JSON round trip (NaN and all)."""
    return json.loads(json.dumps(cor))


def main():
    cases = []
    while len(cases) < 420:
        entry, cor = random_case()
        if entry is not None:
            if not mirrored(entry["answer"]):
                continue
            cor = through_json(cor)
            try:
                correct = is_correct(entry, cor)
            except OverflowError:
                continue  # the reference itself crashes on these (float() of a huge int)
            cases.append({"type": entry["type"], "answer": entry["answer"], "correct": correct,
                          "target": {"md5": cor} if isinstance(cor, str) else {"label": cor}})
        else:
            cases.append(None)

    def inputs(indices):
        inp = [None if cases[i] is None else {"type": cases[i]["type"], "answer": cases[i]["answer"]} for i in indices]
        tar = [None if cases[i] is None else
               (cases[i]["target"]["md5"] if "md5" in cases[i]["target"] else cases[i]["target"]["label"])
               for i in indices]
        return inp, tar

    batches = [list(range(len(cases))), []]
    for _ in range(40):
        k = rnd.randrange(0, 30)
        batches.append(sorted(rnd.sample(range(len(cases)), k)))
    for typ in ["INSERT", "UPDATE", "DELETE", "counting", None]:
        batches.append([i for i, c in enumerate(cases) if c is not None and c["type"] == typ][:25])

    out_batches = []
    for indices in batches:
        inp, tar = inputs(indices)
        metrics = calculate_overall(inp, tar)
        out_batches.append({"indices": indices, "metrics": {k: repr(v) for k, v in metrics.items()}})

    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, "calculate_overall.json")
    with open(path, "w", encoding="ascii", newline="\n") as f:
        json.dump({"cases": cases, "batches": out_batches}, f, ensure_ascii=True, indent=1)
        f.write("\n")
    print(f"{path}: {len(cases)} cases, {len(out_batches)} batches, "
          f"{sum(1 for c in cases if c and c['correct'])} correct")


if __name__ == "__main__":
    main()
