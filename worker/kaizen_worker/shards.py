"""Reads Kaizen token shards (written by Java's kaizen.train.ShardWriter) and builds batches.

Format (docs/TRAINING.md): FOLDER/index.json lists .bin files; each .bin is a run of records
``uint32 n | int32 ids[n] | uint8 flags[n] | zero pad to a multiple of 4``, little-endian.
Flag bits: 1 = trained (loss), 2 = reason part, 4 = action part, 0x80 = first token of an example.
"""
from __future__ import annotations

import json
import mmap
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from .attention import segments

LOSS = 1
REASON = 2
ACTION = 4
START = 0x80
FORMAT = "kaizen-shards"
VERSION = 1


@dataclass(frozen=True)
class Row:
    ids: np.ndarray  # int32[n]
    flags: np.ndarray  # uint8[n]


@dataclass(frozen=True)
class Batch:
    input_ids: torch.Tensor  # long [B, L]
    flags: torch.Tensor  # uint8 [B, L]
    position_ids: torch.Tensor  # long [B, L]
    attention_mask: torch.Tensor | None  # long [B, L] for padded layout, None when packed
    real_tokens: int  # tokens that are not padding
    segments: list[list[tuple[int, int]]]  # per row: spans that attend only within themselves

    def to(self, device: torch.device) -> "Batch":
        mask = None if self.attention_mask is None else self.attention_mask.to(device)
        return Batch(self.input_ids.to(device), self.flags.to(device), self.position_ids.to(device), mask,
                     self.real_tokens, self.segments)


class ShardSet:
    """All records of one shard folder, read through memory maps; record i is addressable."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.index = json.loads((self.folder / "index.json").read_text())
        if self.index.get("format") != FORMAT or self.index.get("version") != VERSION:
            raise ValueError(f"{self.folder}/index.json: not a {FORMAT} v{VERSION} index")
        self.kind: str = self.index["kind"]
        self.layout: str = self.index["layout"]
        self._maps: list[mmap.mmap] = []
        self._where: list[tuple[int, int, int]] = []  # (map index, byte offset, length)
        for k, shard in enumerate(self.index["shards"]):
            with open(self.folder / shard["file"], "rb") as f:
                mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if shard["bytes"] else None
            self._maps.append(mm)  # type: ignore[arg-type]
            offset = 0
            for _ in range(shard["rows"]):
                n = int(np.frombuffer(mm, dtype="<u4", count=1, offset=offset)[0])
                self._where.append((k, offset + 4, n))
                offset += 4 + 5 * n + (-(5 * n) % 4)
            if offset != shard["bytes"]:
                raise ValueError(f"{shard['file']}: records end at byte {offset}, index says {shard['bytes']}")

    def __len__(self) -> int:
        return len(self._where)

    def row(self, i: int) -> Row:
        k, offset, n = self._where[i]
        mm = self._maps[k]
        ids = np.frombuffer(mm, dtype="<i4", count=n, offset=offset)
        flags = np.frombuffer(mm, dtype=np.uint8, count=n, offset=offset + 4 * n)
        return Row(ids, flags)


def position_ids(flags: np.ndarray) -> np.ndarray:
    """Positions restart at 0 on every example's first token (flag START)."""
    n = len(flags)
    starts = (flags & START) != 0
    if n and not starts[0]:
        starts = starts.copy()
        starts[0] = True
    idx = np.arange(n)
    last_start = np.maximum.accumulate(np.where(starts, idx, 0))
    return idx - last_start


def collate(rows: list[Row], packed: bool, pad_id: int = 0) -> Batch:
    """Right-pads rows to the longest. Packed rows get per-example positions and no attention
    mask, so transformers sees the position resets and keeps attention inside each example; the
    padding tail becomes its own segment (positions from 0), untrained. Padded rows get a 2D mask.
    ``segments`` says the same for the kaizen_packed attention: each example (packed) or each row's
    real tokens (padded), and every padding tail, is a causal span of its own."""
    width = max(len(r.ids) for r in rows)
    b = len(rows)
    ids = torch.full((b, width), pad_id, dtype=torch.long)
    flags = torch.zeros((b, width), dtype=torch.uint8)
    pos = torch.zeros((b, width), dtype=torch.long)
    mask = torch.zeros((b, width), dtype=torch.long)
    real = 0
    for i, r in enumerate(rows):
        n = len(r.ids)
        real += n
        ids[i, :n] = torch.from_numpy(r.ids.astype(np.int64))
        flags[i, :n] = torch.from_numpy(r.flags.copy())
        mask[i, :n] = 1
        if packed:
            pos[i, :n] = torch.from_numpy(position_ids(r.flags))
            pos[i, n:] = torch.arange(width - n)
        else:
            pos[i, :] = torch.arange(width)
    starts = np.zeros((b, width), dtype=bool)
    if packed:
        starts = (flags.numpy() & START) != 0
    spans = segments(starts, [len(r.ids) for r in rows], width)
    return Batch(ids, flags, pos, None if packed else mask, real, spans)
