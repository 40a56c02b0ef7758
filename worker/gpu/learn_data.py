"""Training and held-out files for the learning check (docs/TRAINING.md, "Learning from scratch"),
made from Kaizen's synthetic trajectories (`kaizen data gen dbbench|household`, different seeds
for training and held-out). Plain Python, no torch: runs here or on the GPU machine.

    python3 learn_data.py OUT TRAIN.jsonl[,TRAIN2.jsonl] HELDOUT.jsonl[,...] [--turns-per-task 3]

Writes, all in the chat-messages format `kaizen train` reads:
- sft.jsonl: the training trajectories; an assistant turn that the environment answered with an
  error (a deliberate mistake of the expert's recovery variants) has "weight": 0: context, not
  trained.
- heldout-turns.jsonl: for held-out tasks, conversations cut after one expert turn, every earlier
  assistant turn "weight": 0, so the shard's trained tokens are exactly the expected reply.
- dpo-train.jsonl, dpo-heldout.jsonl: prompt = the conversation up to a user turn, chosen = the
  expert's next turn, rejected = the same turn with a wrong action (household: another action of
  the AVAILABLE ACTIONS list; DBBench: the action of another task's turn of the same kind).
"""
from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

MYSQL_ERROR = re.compile(r"^\d{4} \(\w+\): ")
HOUSEHOLD_INVALID = ("That cannot be done right now.", "Nothing comes of that.", "That command has no effect here.",
                     "You cannot do that at the moment.")


def action_of(content: str) -> str:
    """The action part of a reply: household "ACTION: ..." line, DBBench from the last "Action:"."""
    at = content.rfind("ACTION:")
    if at >= 0:
        return content[at + len("ACTION:"):].strip()
    at = content.rfind("Action:")
    return content[at:].strip() if at >= 0 else content.strip()


def was_mistake(answer: str) -> bool:
    return bool(MYSQL_ERROR.match(answer)) or answer.startswith(HOUSEHOLD_INVALID)


def weighted(messages: list[dict]) -> list[dict]:
    out = []
    for i, m in enumerate(messages):
        m = {"role": m["role"], "content": m["content"]}
        nxt = messages[i + 1]["content"] if i + 1 < len(messages) else ""
        if m["role"] == "assistant" and was_mistake(nxt):
            m["weight"] = 0
        out.append(m)
    return out


def candidate_turns(messages: list[dict]) -> list[int]:
    """Assistant turns worth testing: not the protocol's fixed "Ok.", not a deliberate mistake."""
    return [i for i, m in enumerate(messages) if m["role"] == "assistant" and i > 1 and m["content"] != "Ok."
            and not (i + 1 < len(messages) and was_mistake(messages[i + 1]["content"]))]


def corrupt(messages: list[dict], i: int, pool: dict[str, list[str]], rng: random.Random) -> str | None:
    reply = messages[i]["content"]
    action = action_of(reply)
    if "ACTION:" in reply:
        observation = messages[i - 1]["content"]
        listed = re.search(r"AVAILABLE ACTIONS: (.*)$", observation, re.S)
        if not listed:
            return None
        others = [a.strip() for a in listed.group(1).split(",") if a.strip() and a.strip() != action]
        return reply[:reply.rfind("ACTION:")] + "ACTION: " + rng.choice(others) if others else None
    kind = action.split("\n", 1)[0]
    others = [a for a in pool.get(kind, []) if a != action]
    return reply[:reply.rfind("Action:")] + rng.choice(others) if others and "Action:" in reply else None


def read(paths: str) -> list[dict]:
    out = []
    for p in paths.split(","):
        out += [json.loads(line) for line in Path(p).read_text().splitlines() if line.strip()]
    return out


def pairs(trajectories: list[dict], per_task: int, rng: random.Random) -> list[dict]:
    pool: dict[str, list[str]] = {}
    for t in trajectories:
        for i in candidate_turns(t["messages"]):
            a = action_of(t["messages"][i]["content"])
            pool.setdefault(a.split("\n", 1)[0], []).append(a)
    out = []
    for t in trajectories:
        ms = t["messages"]
        turns = candidate_turns(ms)
        for i in rng.sample(turns, min(per_task, len(turns))):
            bad = corrupt(ms, i, pool, rng)
            if bad is None:
                continue
            prompt = [{"role": m["role"], "content": m["content"]} for m in ms[:i]]
            out.append({"prompt": prompt, "chosen": [{"role": "assistant", "content": ms[i]["content"]}],
                        "rejected": [{"role": "assistant", "content": bad}], "task_id": t["task_id"]})
    return out


def write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("train")
    parser.add_argument("heldout")
    parser.add_argument("--turns-per-task", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    train, heldout = read(args.train), read(args.heldout)
    overlap = {t["task_id"] for t in train} & {t["task_id"] for t in heldout}
    if overlap:
        raise SystemExit(f"{len(overlap)} task ids are in both training and held-out data")
    write(out / "sft.jsonl", [{"messages": weighted(t["messages"]), "task_id": t["task_id"]} for t in train])
    turns = []
    for t in heldout:
        ms = t["messages"]
        for i in sorted(rng.sample(candidate_turns(ms), min(args.turns_per_task, len(candidate_turns(ms))))):
            cut = [{"role": m["role"], "content": m["content"], **({"weight": 0} if m["role"] == "assistant" else {})}
                   for m in ms[:i]]
            turns.append({"messages": cut + [{"role": "assistant", "content": ms[i]["content"]}],
                          "task_id": t["task_id"], "source": t["source"], "action": action_of(ms[i]["content"])})
    write(out / "heldout-turns.jsonl", turns)
    write(out / "dpo-train.jsonl", pairs(train, 2, rng))
    write(out / "dpo-heldout.jsonl", pairs(heldout, 2, rng))
    print(json.dumps({"train_trajectories": len(train), "heldout_trajectories": len(heldout),
                      "heldout_turns": len(turns), **{f: sum(1 for _ in open(out / f)) for f in
                                                      ("dpo-train.jsonl", "dpo-heldout.jsonl")}}))


if __name__ == "__main__":
    main()
