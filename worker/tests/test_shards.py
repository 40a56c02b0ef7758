"""Shard reading, positions and batching on CPU (the format Java's ShardWriter writes)."""
from __future__ import annotations

import json
import struct
import tempfile
import unittest
from pathlib import Path

import numpy as np
import torch

from kaizen_worker.shards import LOSS, START, ShardSet, collate, position_ids
from kaizen_worker.train import units_of_step


def write_shards(folder: Path, rows: list[tuple[list[int], list[int]]], layout: str = "packed") -> None:
    """A small writer of the documented format: uint32 n | int32 ids | uint8 flags | pad to 4."""
    data = b""
    for ids, flags in rows:
        n = len(ids)
        data += struct.pack("<I", n) + struct.pack(f"<{n}i", *ids) + bytes(flags) + b"\0" * (-(5 * n) % 4)
    (folder / "sft-00000.bin").write_bytes(data)
    index = {"format": "kaizen-shards", "version": 1, "kind": "sft", "layout": layout, "max_length": 64,
             "shards": [{"file": "sft-00000.bin", "rows": len(rows), "bytes": len(data)}]}
    (folder / "index.json").write_text(json.dumps(index))


class ShardTest(unittest.TestCase):
    def test_records_read_back_and_positions_restart_per_example(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            rows = [([5, 6, 7, 8, 9], [START, 0, LOSS, START, LOSS]), ([1, 2, 3], [START, LOSS, LOSS])]
            write_shards(Path(d), rows)
            s = ShardSet(d)
            self.assertEqual(len(s), 2)
            self.assertEqual(s.row(0).ids.tolist(), [5, 6, 7, 8, 9])
            self.assertEqual(s.row(1).flags.tolist(), [START, LOSS, LOSS])
            self.assertEqual(position_ids(s.row(0).flags).tolist(), [0, 1, 2, 0, 1])
            b = collate([s.row(0), s.row(1)], packed=True)
            self.assertIsNone(b.attention_mask)
            self.assertEqual(b.position_ids[1].tolist(), [0, 1, 2, 0, 1])  # the padding tail is its own segment
            self.assertEqual(b.flags[1].tolist(), [START, LOSS, LOSS, 0, 0])
            self.assertEqual(b.real_tokens, 8)

    def test_padded_batches_carry_an_attention_mask(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            write_shards(Path(d), [([1, 2, 3], [START, 0, LOSS]), ([4], [START])], layout="padded")
            b = collate([ShardSet(d).row(0), ShardSet(d).row(1)], packed=False)
            self.assertEqual(b.attention_mask.tolist(), [[1, 1, 1], [1, 0, 0]])
            self.assertEqual(b.position_ids.tolist(), [[0, 1, 2], [0, 1, 2]])

    def test_a_truncated_shard_is_refused(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            write_shards(Path(d), [([1, 2, 3], [START, 0, LOSS])])
            index = json.loads((Path(d) / "index.json").read_text())
            index["shards"][0]["bytes"] += 4
            (Path(d) / "index.json").write_text(json.dumps(index))
            with self.assertRaises(ValueError):
                ShardSet(d)


class DataOrderTest(unittest.TestCase):
    def test_each_epoch_is_a_permutation_and_a_step_depends_on_nothing_else(self) -> None:
        epoch0 = [u for step in range(5) for u in units_of_step(step, 23, 4, seed=9)]
        self.assertEqual(len(set(epoch0)), 20)  # 5 steps of 4, the 3 left over wait for another epoch
        self.assertEqual(units_of_step(7, 23, 4, seed=9), units_of_step(7, 23, 4, seed=9))
        self.assertNotEqual(units_of_step(5, 23, 4, seed=9), units_of_step(0, 23, 4, seed=9))


if __name__ == "__main__":
    unittest.main()
