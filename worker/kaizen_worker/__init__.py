"""Kaizen training worker: LoRA SFT and DPO on PyTorch, driven by kaizen.train (Java)."""
