"""python -m kaizen_worker sft|dpo|grpo --config DIR/worker.json [--resume]"""
import sys

from . import dpo, grpo, sft

if __name__ == "__main__":
    commands = {"sft": sft.main, "dpo": dpo.main, "grpo": grpo.main}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print("usage: python -m kaizen_worker sft|dpo|grpo --config DIR/worker.json [--resume]", file=sys.stderr)
        sys.exit(2)
    sys.exit(commands[sys.argv[1]](sys.argv[2:]))
