"""Golden data for the ALFWorld protocol (kaizen.harness.alfworld and kaizen.harness.Session).

Run with a Python that has NLTK and numpy (Debian: apt-get install python3-nltk python3-numpy):
    /usr/bin/python3 src/test/python/gen_alfworld_golden.py
It writes src/test/resources/golden/alfworld/*. The reference's behaviour is restated here from
AgentBench v0.2 (src/server/tasks/alfworld/task.py and utils.py, src/server/task.py Session) as the
competition runs it; the BLEU is NLTK's own sentence_bleu and the argmax numpy's, so the Java port is
checked against the real libraries. The prompts file is the one the competition loads.
"""
import json
import os
import random
import re

import numpy as np
from nltk.translate.bleu_score import SmoothingFunction, sentence_bleu

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
OUT = os.path.join(ROOT, "src", "test", "resources", "golden", "alfworld")
PROMPTS = os.path.join(ROOT, "..", "shared", "data", "agentbench", "alfworld_multiturn_plan_first.json")

PREFIXES = [("pick_and_place", "put"), ("pick_clean_then_place", "clean"), ("pick_heat_then_place", "heat"),
            ("pick_cool_then_place", "cool"), ("look_at_obj", "examine"), ("pick_two_obj", "puttwo")]
INSTRUCTION_FILE = os.path.join(OUT, "instruction.txt")
OK = "OK. I'll follow your instructions and try my best to solve the task."


# --- the reference's text processing, restated -------------------------------------------------

def bleu(reference, candidate):
    return sentence_bleu([reference.split()], candidate.split(), smoothing_function=SmoothingFunction().method4)


def process_action(output, choices):
    m = re.search("ACTION:(.*)", output)
    if not m:
        return False
    action = m.group(1).strip().lower().split("\n")[0]
    if not choices or action in choices:
        return action
    scores = [bleu(c, action) for c in choices]
    best = int(np.argmax(np.array(scores)))
    return choices[best] if scores[best] > 0.01 else action


def process_ob(ob):
    if ob.startswith("You arrive at loc "):
        ob = ob[ob.find(". ") + 2:]
    return ob


def initial_observation(reset_text):
    return "\n".join(reset_text.split("\n\n")[1:])


def available_actions(commands):
    return " AVAILABLE ACTIONS: " + "\n".join(commands) + "\n"


def segments(text):
    count, run = 0, 0
    for ch in text:
        if ch.isalpha():
            run += 1
            if run >= 7:
                count, run = count + 1, 0
        else:
            if run:
                count, run = count + 1, 0
            if ch not in (" ", "\n"):
                count += 1
    return count + (1 if run else 0)


def window(history):
    assert len(history) % 2 == 1
    total = segments(history[0]["content"])
    kept = []
    for m in history[:0:-1]:
        total += segments(m["content"])
        if total >= 3500:
            break
        kept.append(dict(m))  # a copy: the request is sent as it is now, later edits do not reach it
    if kept and kept[-1]["role"] == "user":
        kept.pop()
    instruction = history[0]["content"]
    omitted = len(history) - len(kept) - 1
    if omitted > 0:
        instruction += f"\n\n[NOTICE] {omitted} messages are omitted."
    kept.append({"role": "user", "content": instruction})
    kept.reverse()
    return kept


def opening(prompts, example_key, reset_text, admissible):
    with open(INSTRUCTION_FILE) as f:
        instruction = f.read()
    msgs = [{"role": "user", "content": instruction}, {"role": "assistant", "content": OK}]
    example = list(prompts[example_key])
    example[0] = "Here is one example.\n" + example[0]
    for i, text in enumerate(example):
        msgs.append({"role": "user" if i % 2 == 0 else "assistant", "content": text})
    msgs.append({"role": "user", "content": "Here is your task. " + initial_observation(reset_text) + available_actions(admissible)})
    return msgs


# --- a scripted game, and the reference's loop over it --------------------------------------------

class ScriptedGame:
    def __init__(self, spec):
        self.spec = spec
        self.admissible = spec["admissible"]

    def reset(self):
        self.admissible = self.spec["admissible"]
        return self.spec["intro"], self.admissible

    def step(self, command):
        s = self.spec["steps"].get(command)
        if s is None:
            return "Nothing happens.", False, False, self.admissible
        self.admissible = s["admissible"]
        return s["observation"], s.get("won", False), s.get("done", False), self.admissible


def play(prompts, spec, example_key, outputs, max_step):
    """The reference's alfworld_run with a model that answers `outputs` in turn; what it sends and ends with."""
    game = ScriptedGame(spec)
    reset_text, admissible = game.reset()
    history = opening(prompts, example_key, reset_text, admissible)
    requests, log = [], []
    status, result = None, 0
    for i in range(max_step):
        requests.append(window(history))
        output = outputs[i]
        history.append({"role": "assistant", "content": output or "normal"})
        action = process_action(output, admissible)
        if not action:
            status = "agent invalid action"
            break
        history[-2]["content"] = history[-2]["content"].split("AVAILABLE ACTIONS")[0]
        ob, won, done, admissible_next = game.step(action)
        ob = process_ob(ob)
        history.append({"role": "user", "content": ob + available_actions(admissible_next)})
        log.append({"round": i + 1, "output": output, "action": action, "admissible_commands": admissible,
                    "observation": ob, "done": done})
        admissible = admissible_next
        if len(log) > 3 and len(set(e["output"] for e in log[-3:])) == 1:
            status = "agent invalid action"
            break
        if done:
            status, result = "completed", won
            break
    else:
        status = "task limit reached"
    return {"requests": requests, "status": status, "result": result, "log": log, "history": history}


# --- the golden files ------------------------------------------------------------------------------

COMMANDS = [
    "go to countertop 1", "go to cabinet 12", "go to sinkbasin 1", "go to fridge 1", "go to drawer 3", "go to desk 2",
    "take apple 1 from countertop 1", "take mug 2 from cabinet 12", "take knife 2 from countertop 1",
    "move apple 1 to countertop 1", "move mug 2 to coffeemachine 1", "move apple 1 to fridge 1",
    "put apple 1 in/on countertop 1", "open fridge 1", "close fridge 1", "cool apple 1 with fridge 1",
    "heat mug 2 with microwave 1", "clean knife 2 with sinkbasin 1", "use desklamp 1", "examine countertop 1",
    "examine apple 1", "inventory", "look",
]

OUTPUTS = [
    "ACTION: go to countertop 1",
    "THOUGHT: I need the apple.\n ACTION: take apple 1 from countertop 1\n",
    "ACTION:go to fridge 1",
    "ACTION:   Go To Fridge 1   ",
    "ACTION: put apple 1 in/on countertop 1",
    "ACTION: put apple 1 in countertop 1",
    "ACTION: go to cabinet 1",
    "ACTION: go to cabinet",
    "ACTION: fly away",
    "ACTION: 1",
    "ACTION: apple",
    "ACTION: take apple 1 from countertop 1 and then go to fridge 1",
    "THOUGHT: no action here",
    "action: go to countertop 1",
    "Action: go to countertop 1",
    "ACTION: ",
    "ACTION:\ngo to countertop 1",
    "ACTION: go to countertop 1\nACTION: look",
    "THOUGHT: first ACTION: look\nACTION: inventory",
    "ACTION: go to countertop 1\r\n",
    "ACTION: go to\u00a0countertop 1",
    "ACTION: go to countertop\u20281",
    "ACTION: GO TO COUNTERTOP \u0130",
    "ACTION: examine apple",
    "ACTION: inventory please",
    "ACTION: look around",
    "ACTION: heat mug with microwave",
    "ACTION: clean the knife with the sinkbasin",
    "ACTION: cool apple 1 with fridge",
    "ACTION: move apple to countertop",
    "",
    "ACTION: .",
]


def gen_actions():
    rng = random.Random(7)
    choice_sets = [[], COMMANDS, COMMANDS[:6], ["look"], ["inventory", "look"], COMMANDS[6:12]]
    for _ in range(6):
        choice_sets.append(rng.sample(COMMANDS, rng.randint(2, 12)))
    rows = []
    for choices in choice_sets:
        for output in OUTPUTS:
            action = process_action(output, choices)
            rows.append({"output": output, "admissible": choices, "action": action if action else None})
    write_jsonl("actions.jsonl", rows)


def gen_bleu():
    rng = random.Random(11)
    words = sorted({w for c in COMMANDS for w in c.split()} | {"the", "a", "1", "2", "to", "in/on"})
    rows = []
    for c in COMMANDS:
        for o in COMMANDS:
            rows.append((c, o))
    for _ in range(1500):
        ref = " ".join(rng.choice(words) for _ in range(rng.randint(0, 8)))
        hyp = " ".join(rng.choice(words) for _ in range(rng.randint(0, 10)))
        rows.append((ref, hyp))
    out = []
    for ref, hyp in rows:
        score = bleu(ref, hyp)
        out.append({"reference": ref, "hypothesis": hyp, "score": float(score)})
    write_jsonl("bleu.jsonl", out)


def gen_texts():
    observations = [
        "You arrive at loc 7. The fridge 1 is closed.",
        "You arrive at loc 12. On the countertop 1, you see a apple 1. And more. ",
        "You arrive at loc 3 without a period",
        "You arrive at countertop 1. On the countertop 1, you see nothing.",
        "Nothing happens.",
        "you arrive at loc 7. lower case",
        "",
    ]
    resets = [
        "-= Welcome to TextWorld, ALFRED! =-\n\nYou are in the middle of a room.\n\nYour task is to: put some pencil on shelf.",
        "no blank line at all",
        "a\n\n\nb",
        "a\n\nb\n\n\n\nc",
        "a\n\n\n\n\nb\n\n",
        "\n\nstarts with a blank line",
    ]
    texts = ["", "hello world", "Electroencephalography", "abcdefg", "abcdefgh", "go to countertop 1",
             "ACTION: take apple 1 from countertop 1\n", "déjà vu ÆØÅ", "数学の問題", "tab\tand\r\n",
             "a1b2c3", "!!!", "\u00a0nbsp", "x" * 20, "emoji \U0001F600 ok", "ǅungla", "ʰmodifier"]
    contents = ["Interact with a household. " * 40, OK, "A" * 7000, "short", "word " * 900]
    rows = {
        "observations": [{"in": o, "out": process_ob(o)} for o in observations],
        "initial_observations": [{"in": r, "out": initial_observation(r)} for r in resets],
        "available_actions": [{"in": c, "out": available_actions(c)} for c in [[], ["look"], COMMANDS[:4]]],
        "segments": [{"in": t, "out": segments(t)} for t in texts + contents],
    }
    with open(os.path.join(OUT, "texts.json"), "w") as f:
        json.dump(rows, f, ensure_ascii=False, indent=1)
        f.write("\n")


def gen_openings(prompts):
    with open(os.path.join(OUT, "scripted_game.json")) as f:
        spec = json.load(f)
    for prefix, key in PREFIXES:
        msgs = opening(prompts, key, spec["intro"], spec["admissible"])
        with open(os.path.join(OUT, f"opening_{prefix}.json"), "w") as f:
            json.dump(msgs, f, ensure_ascii=False, indent=1)
            f.write("\n")


SCENARIOS = {
    # name: (task type prefix, max_step, outputs)
    "won": ("pick_cool_then_place", 35, [
        "THOUGHT: The fridge first.\n ACTION: go to fridge 1\n",
        "ACTION: go to countertop 1",
        "ACTION: take apple 1 from countertop 1",
        "THOUGHT: Now put it back, as the example does.\n ACTION: put apple 1 in/on countertop 1",
    ]),
    "no_action": ("pick_and_place", 35, ["ACTION: look", "I am not sure what to do."]),
    "empty_output": ("look_at_obj", 35, [""]),
    "repeats": ("pick_heat_then_place", 35, ["ACTION: look", "ACTION: inventory", "ACTION: inventory", "ACTION: inventory"]),
    "three_repeats_are_allowed": ("pick_two_obj", 4, ["ACTION: look", "ACTION: look", "ACTION: look", "ACTION: inventory"]),
    "max_step": ("pick_clean_then_place", 3, ["ACTION: fly", "ACTION: look", "ACTION: go to sinkbasin 1"]),
    "window": ("pick_and_place", 6, ["THOUGHT: " + "ponder " * 1300 + "\nACTION: look"] * 2 + [
        "THOUGHT: " + "ponder " * 1300 + "\nACTION: inventory", "ACTION: go to fridge 1", "ACTION: look",
        "ACTION: go to countertop 1"]),
}


def gen_episodes(prompts):
    with open(os.path.join(OUT, "scripted_game.json")) as f:
        spec = json.load(f)
    key = dict(PREFIXES)
    for name, (prefix, max_step, outputs) in SCENARIOS.items():
        played = play(prompts, spec, key[prefix], outputs, max_step)
        played = {"type": prefix, "max_step": max_step, "outputs": outputs, **played}
        with open(os.path.join(OUT, f"episode_{name}.json"), "w") as f:
            json.dump(played, f, ensure_ascii=False, indent=1)
            f.write("\n")


def write_jsonl(name, rows):
    with open(os.path.join(OUT, name), "w") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    with open(PROMPTS) as f:
        prompts = json.load(f)
    gen_actions()
    gen_bleu()
    gen_texts()
    gen_openings(prompts)
    gen_episodes(prompts)
