"""Golden data for DbBenchActions: what Python's re gives for the reference's three patterns.

Run: python3 src/test/python/gen_dbbench_actions.py > src/test/resources/golden/dbbench/actions.jsonl
The patterns are the reference's (AgentBench dbbench task); the replies are ours.
"""
import json
import re

REPLIES = [
    "Action: Operation\n```sql\nSELECT * FROM t;\n```",
    "Action: Operation\n```sql\nSELECT *\nFROM t\nWHERE a = 1;\n```\n",
    "I think.\nAction: Operation\n```sql\n  SELECT 1;  \n```\nAction: Answer\nFinal Answer: [\"x\"]",
    "Action: Operation\n```sql\nSELECT 1;\n```\n```sql\nSELECT 2;\n```",
    "Action: Operation```sql\nSELECT 1;\n```",
    "Action: Operation\n```SQL\nSELECT 1;\n```",
    "Action: Operation\n```sql SELECT 1; ```",
    "Action: Operation\n```sql\nSELECT 1;```",
    "Action: Operation",
    "Action: Answer\nFinal Answer: [\"ANSWER1\", \"ANSWER2\"]",
    "Action: Answer\nFinal Answer: [\"a\"]\nmore text",
    "Action: Answer\nFinal Answer:[\"no space\"]",
    "Action: Answer\nFinal answer: [\"lower\"]",
    "Final Answer: [\"no newline before\"]",
    "Action: Answer\n\nFinal Answer: 5",
    "Action: Answer\nFinal Answer:",
    "Action: Answer\nFinal Answer: \n",
    "Action:Operation\n```sql\nSELECT 1;\n```",
    "action: Operation\n```sql\nSELECT 1;\n```",
    "Action: Operation \n```sql\nSELECT 1;\n```",
    "Action: Operation\r\n```sql\r\nSELECT 1;\r\n```",
    "Thought\u2028Action: Operation\n```sql\nSELECT '\u2028';\n```",
    "Action: Answer\nFinal Answer: [\"x\u2028y\"]",
    "Action: Answer\u0085\nFinal Answer: [\"nel\"]",
    "",
    "No action at all.",
    "Action: Operation\n```sql\n\n```",
    "Action: Operation\n```sql\n\t\n```",
    "Action: Answer\nFinal Answer: [\"1\"]\nFinal Answer: [\"2\"]",
    "Let me check.\nAction: Operation\n```sql\nSELECT `a b`\n  FROM `t`\n WHERE x = 'line\nbreak';\n```",
]

ACTION = re.compile(r"Action: (.*?)\n")
SQL = re.compile(r"```sql\n([\s\S]*?)\n```")
FINAL = re.compile(r"\nFinal Answer:(.*)")

for reply in REPLIES:
    a = ACTION.search(reply)
    s = SQL.search(reply)
    f = FINAL.search(reply)
    print(json.dumps({
        "reply": reply,
        "action": a.group(1) if a else None,
        "sql": s.group(1).strip().replace("\n", " ") if s else None,
        "final_answer": f.group(1) if f else None,
    }, ensure_ascii=False))
